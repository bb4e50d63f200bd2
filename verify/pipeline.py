"""The one place where the stages are chained.

:func:`process_file` is a pure function of one file (its path and its bytes)
to one serialisable :class:`~verify.model.Record`. It never raises for a bad
file: the failure is recorded in the record, so that a pool of processes or a
Dask cluster can map it over millions of files and nothing is lost.
"""

from __future__ import annotations

import math
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from verify import fingerprint, safeio
from verify.errors import (
    ConfigError,
    IngestError,
    TimedOut,
    TooLarge,
    UnreadableFile,
    UnsafePath,
    VerifyError,
    WorkerCrashed,
)
from verify.ingest import SNIFF_BYTES, Backend, HtmlParser, ingest_bytes, sniff
from verify.model import CODE_LINE, UNSEEN_PIECES, Extracted, Format, Record
from verify.normalize import PROFILES, canonicalize

#: Files larger than this are hashed (in constant memory) but not extracted.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
#: Extraction of one file stops after this many seconds (a recorded error).
DEFAULT_TIMEOUT = 300.0
#: Address space of one worker process (RLIMIT_AS), in bytes: a decompression
#: bomb that needs more makes its worker die, and that file is a recorded
#: ``ingest.crashed`` error, not a lost run (docs/reliability.md).
DEFAULT_MEMORY_LIMIT = 4 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How to process a file. Picklable, so it travels to worker processes."""

    profile: str = "canon/6"
    pdf_backend: Backend = "pdfium"
    html_parser: HtmlParser = "lxml"
    max_bytes: int = DEFAULT_MAX_BYTES
    extract: bool = True
    #: Run the detectors (``verify lint``, default configuration) on the canonical text.
    lint: bool = False
    #: Seconds one file's extraction may take; None for no limit.
    timeout: float | None = DEFAULT_TIMEOUT
    #: Bytes of address space per worker process; None for no limit.
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT

    def __post_init__(self) -> None:
        """Refuse what would otherwise fail every file, one by one."""
        if self.profile not in PROFILES:
            raise ConfigError(f"unknown profile {self.profile!r} (known: {', '.join(sorted(PROFILES))})")
        if self.timeout is not None and not (math.isfinite(self.timeout) and self.timeout > 0):
            raise ConfigError(f"the time limit must be a positive number of seconds, not {self.timeout}")
        if self.max_bytes < 1:
            raise ConfigError(f"the extraction size limit must be positive, not {self.max_bytes}")
        if self.memory_limit is not None and self.memory_limit < 1:
            raise ConfigError(f"the memory limit must be positive, not {self.memory_limit}")


def hard_timeout(options: Options) -> float | None:
    """When a worker stuck on one file (inside a C library, where the
    per-file time limit cannot reach) is killed: well after the soft limits
    of extraction and lint have had their chance."""
    return None if options.timeout is None else 2 * options.timeout + 30


def crashed_record(name: str, why: str) -> Record:
    """The record of a file whose worker process died (or was killed) on it."""
    err = WorkerCrashed(why)
    return Record(path=name, format="unknown", size=0, raw_sha256=None, error=err.message,
                  error_code=err.code)


def crashed_beneath(root: str | os.PathLike[str], disk_name: str, name: str,
                    identity: safeio.Identity | None, why: str) -> Record:
    """:func:`crashed_record` of a corpus file, with what the parent reads without
    running the code that crashed: the bytes' size and digest (so that a later
    check verifies them, where a record without a digest could only ever be
    reported) and the format sniffed from the first bytes. When the file cannot
    be read now, the bare crash record."""
    return _crashed_read(lambda: safeio.open_beneath(root, disk_name, identity), name, why)


def crashed_file(path: str | os.PathLike[str], name: str, why: str) -> Record:
    """:func:`crashed_beneath` of a file named by the user (``verify ingest``,
    ``check --deep``): its size, raw digest and sniffed format, read by the parent."""
    return _crashed_read(lambda: _open_plain(Path(path)), name, why)


def _crashed_read(opener: Callable[[], int], name: str, why: str) -> Record:
    record = crashed_record(name, why)
    try:
        size, raw, _, head = _read(opener, Options(extract=False))
    except VerifyError:
        return record
    return replace(record, format=_sniff_quietly(head, name), size=size, raw_sha256=raw)


def process_file(path: str | os.PathLike[str], name: str | None = None,
                 options: Options = Options()) -> Record:
    """Ingest, normalise and fingerprint one file.

    ``name`` is the path to record (relative to a corpus root); it defaults to
    ``path`` as given.
    """
    path = Path(path)
    name = name if name is not None else path.as_posix()
    return _process_opened(lambda: _open_plain(path), name, options)


def process_beneath(root: str | os.PathLike[str], disk_name: str, name: str,
                    identity: safeio.Identity | None, options: Options = Options()) -> Record:
    """:func:`process_file` for a corpus file: ``disk_name`` (relative to
    ``root``, as on disk) is opened without following links and must be the
    file the walk saw (:func:`verify.safeio.open_beneath`)."""
    return _process_opened(lambda: safeio.open_beneath(root, disk_name, identity), name, options)


def _process_opened(opener: Callable[[], int], name: str, options: Options) -> Record:
    try:
        size, raw, data, head = _read(opener, options)
    except (IngestError, UnsafePath) as exc:
        return Record(path=name, format="unknown", size=0, raw_sha256=None,
                      error=exc.message, error_code=exc.code)
    record = Record(path=name, format="unknown", size=size, raw_sha256=raw)
    if data is None:
        fmt = _sniff_quietly(head, name)
        if size > options.max_bytes and options.extract:
            err = TooLarge(f"{size} bytes is over the extraction limit of {options.max_bytes} bytes; "
                           "only the raw digest was taken")
            return replace(record, error=err.message, error_code=err.code, format=fmt)
        return replace(record, format=fmt)
    return process_bytes(data, name, options, record)


def process_bytes(data: bytes, name: str, options: Options = Options(),
                  record: Record | None = None) -> Record:
    """Like :func:`process_file`, for bytes already in memory."""
    if record is None:
        record = Record(path=name, format="unknown", size=len(data),
                        raw_sha256=fingerprint.sha256_bytes(data))
    try:
        record = replace(record, format=sniff(data[:SNIFF_BYTES], name))
        with _deadline(options.timeout):
            extracted = ingest_bytes(data, pdf_backend=options.pdf_backend,
                                     html_parser=options.html_parser, name=name)
            canonical = canonicalize(extracted, PROFILES[options.profile])
    except VerifyError as exc:
        return replace(record, error=exc.message, error_code=exc.code)
    except Exception as exc:
        return replace(record, error=f"unexpected {type(exc).__name__} while extracting: {exc}",
                       error_code="ingest.failed")
    # The word stream of each paragraph, once: the paragraph digests, the
    # text's digest (the paragraphs' streams joined: words never span the
    # blank lines between paragraphs) and the words kept are read from them.
    streams = tuple(map(fingerprint.word_stream, canonical.paragraphs))
    removed = (*extracted.removed, *canonical.removed)
    # Likewise each removed piece's stream: its digest and its words.
    removed_streams = tuple(map(fingerprint.word_stream, removed))
    record = replace(
        record,
        format=extracted.format,
        text_sha256=fingerprint.stream_sha256(fingerprint.join_streams(streams), canonical.profile),
        removed_sha256=fingerprint.removed_streams_sha256(removed_streams, canonical.profile),
        profile=canonical.profile,
        extractor=extracted.extractor,
        encoding=extracted.encoding,
        text=canonical.text,
        paragraphs=fingerprint.streams_sha256(streams, canonical.profile),
        changes=canonical.changes,
        removed=tuple(piece[:MAX_REMOVED_LEN] for piece in removed),
        metadata=extracted.metadata,
        warnings=(*extracted.warnings, *coverage_warnings(extracted, canonical.text, streams,
                                                          removed_streams[:len(extracted.removed)])),
    )
    if options.lint:
        from verify.detect import lint_record

        try:
            with _deadline(options.timeout):
                record = lint_record(record)
        except TimedOut as exc:
            record = replace(record, warnings=(*record.warnings, f"lint stopped: {exc.message}"))
    return record


#: Removed pieces are kept for the audit record, each clipped to this length
#: (``removed_sha256`` is taken over them whole).
MAX_REMOVED_LEN = 2000
#: A canonical text keeping less than this share of the visible words is reported.
MIN_COVERAGE = 0.5
#: ... or less than this share of the words of its sentence-like paragraphs
#: (:func:`_prose_words`). Measured (docs/normalization.md, bench/coverage_threshold.py):
#: no documentation page of 192 is under 0.95, the pages the audit found
#: half-removed were at 0.59 and 0.70, while by all words a fifth of the
#: documentation pages are under 0.8, so no word threshold can tell them apart.
MIN_PROSE_COVERAGE = 0.75


def coverage_warnings(extracted: Extracted, text: str, streams: tuple[str, ...] | None = None,
                      removed_streams: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Warnings, each starting with a stable code, when the canonical text
    keeps nothing (``canon.empty``) or much less (``canon.low-coverage``) of
    the words a reader sees: nothing is lost silently. The visible words are
    the extracted text's and the removed material's. ``streams``: the word
    streams of ``text``'s paragraphs, if already made (the words are then
    counted from them, not split again); ``removed_streams``: likewise of
    ``extracted.removed``."""
    shown = _shown_removed(extracted)
    # The words of each shown removed piece, with the piece's word stream
    # (which holds the piece's words and its full stops).
    shown_streams = (tuple(map(fingerprint.word_stream, shown)) if removed_streams is None
                     else removed_streams[:len(shown)])
    shown_words = [fingerprint.stream_words(s) if s else 0 for s in shown_streams]
    # (A code line's mark is no word; canon/5 keeps an indentation after it.)
    visible = sum(len((page.replace(CODE_LINE, "") if CODE_LINE in page else page).split())
                  for page in extracted.pages)
    visible += sum(shown_words)
    # An HTML head's <title> is on record among the removed pieces but shown
    # in no page (verify.ingest.html.HEAD_TITLE).
    visible -= sum(len(value.split()) for key, value in extracted.metadata if key == "head-title")
    counts = None if streams is None else [(stream, fingerprint.stream_words(stream))
                                           for stream in streams if stream]
    kept = len(text.split()) if counts is None else sum(n for _, n in counts)
    if visible and not kept:
        return (f"canon.empty: the canonical text is empty, but the document shows {visible} words; "
                "its text digest says nothing about them",)
    if visible and kept < MIN_COVERAGE * visible:
        return (f"canon.low-coverage: the canonical text keeps {kept} of the {visible} words "
                "the document shows (the rest was removed as site chrome or page furniture)",)
    titles = sum(1 for key, _ in extracted.metadata if key == "head-title")
    prose_kept = (_prose_words(text.split("\n\n")) if counts is None
                  else sum(n for stream, n in counts if n >= 12 and "." in stream))
    prose = prose_kept + sum(n for stream, n in zip(shown_streams[titles:], shown_words[titles:], strict=True)
                             if n >= 12 and "." in stream)  # _prose_words of shown[titles:]
    if prose and prose_kept < MIN_PROSE_COVERAGE * prose:
        return (f"canon.low-coverage: the canonical text keeps {prose_kept} of the {prose} words of "
                "sentences the document shows (the rest was removed as site chrome or page furniture)",)
    return ()


def _shown_removed(extracted: Extracted) -> tuple[str, ...]:
    """The removed pieces less the last ones that are words of no text node
    (canon/5: an HTML page's alt texts, abbreviations' titles, ``<meta>``
    author and description, counted in the ``unseen-pieces`` metadata)."""
    unseen = sum(int(value) for key, value in extracted.metadata if key == UNSEEN_PIECES)
    return extracted.removed[:len(extracted.removed) - unseen]


def _prose_words(pieces: Iterable[str]) -> int:
    """Words of the pieces that read as sentences (12 words or more, a full
    stop): what a document is made of, and what chrome rarely is."""
    counts = (len(piece.split()) for piece in pieces if "." in piece)
    return sum(n for n in counts if n >= 12)


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise TimedOut in this thread after ``seconds`` (POSIX, main thread only).

    A worker process of the pool runs its tasks in its main thread, so a file
    that sends a parser or a regular expression into a pathological loop
    becomes a recorded error instead of a stalled run. Code stuck inside a C
    library (PDFium) is not interrupted until it returns to Python; in other
    threads (a Dask worker's) no limit is set.
    """
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: object) -> None:
        raise TimedOut(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hash_file(path: str | os.PathLike[str]) -> tuple[int, str]:
    """``(size, raw_sha256)`` of a file, streamed in constant memory."""
    return _hash_opened(lambda: _open_plain(Path(path)))


def hash_beneath(root: str | os.PathLike[str], disk_name: str,
                 identity: safeio.Identity | None) -> tuple[int, str]:
    """:func:`hash_file` of a corpus file, opened as :func:`process_beneath` does."""
    return _hash_opened(lambda: safeio.open_beneath(root, disk_name, identity))


def _hash_opened(opener: Callable[[], int]) -> tuple[int, str]:
    fd = opener()
    try:
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return os.fstat(fd).st_size, fingerprint.sha256_stream(stream)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _read(opener: Callable[[], int], options: Options) -> tuple[int, str, bytes | None, bytes]:
    """Size, raw digest, the bytes when they are to be extracted, and the first
    bytes (to sniff the format of a file that is not extracted).

    Within the limit the file is read once and hashed from memory; above it,
    hashed as a stream and not kept.
    """
    fd = opener()
    try:
        with os.fdopen(fd, "rb", closefd=False) as stream:
            size = os.fstat(fd).st_size
            if not options.extract or size > options.max_bytes:
                head = stream.read(SNIFF_BYTES)
                stream.seek(0)
                return size, fingerprint.sha256_stream(stream), None, head
            data = stream.read()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    return len(data), fingerprint.sha256_bytes(data), data, data[:SNIFF_BYTES]


def _open_plain(path: Path) -> int:
    """A file named by the user: opened without blocking (a FIFO or a device is
    refused after fstat, never read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file ({safeio.kind(info.st_mode)})")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _sniff_quietly(head: bytes, name: str | None = None) -> Format:
    try:
        return sniff(head, name)
    except VerifyError:
        return "unknown"
