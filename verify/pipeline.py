"""The one place where the stages are chained.

:func:`process_file` is a pure function of one file (its path and its bytes)
to one serialisable :class:`~verify.model.Record`. It never raises for a bad
file: the failure is recorded in the record, so that a pool of processes or a
Dask cluster can map it over millions of files and nothing is lost.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from verify import fingerprint
from verify.errors import IngestError, TimedOut, TooLarge, UnreadableFile, VerifyError
from verify.ingest import SNIFF_BYTES, Backend, HtmlParser, ingest_bytes, sniff
from verify.model import Extracted, Format, Record
from verify.normalize import PROFILES, canonicalize

#: Files larger than this are hashed (in constant memory) but not extracted.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
#: Extraction of one file stops after this many seconds (a recorded error).
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Options:
    """How to process a file. Picklable, so it travels to worker processes."""

    profile: str = "canon/2"
    pdf_backend: Backend = "pdfium"
    html_parser: HtmlParser = "lxml"
    max_bytes: int = DEFAULT_MAX_BYTES
    extract: bool = True
    #: Run the detectors (``verify lint``, default configuration) on the canonical text.
    lint: bool = False
    #: Seconds one file's extraction may take; None for no limit.
    timeout: float | None = DEFAULT_TIMEOUT


def process_file(path: str | os.PathLike[str], name: str | None = None,
                 options: Options = Options()) -> Record:
    """Ingest, normalise and fingerprint one file.

    ``name`` is the path to record (relative to a corpus root); it defaults to
    ``path`` as given.
    """
    path = Path(path)
    name = name if name is not None else path.as_posix()
    try:
        size, raw, data = _read(path, options)
    except IngestError as exc:
        return Record(path=name, format="unknown", size=0, raw_sha256=None,
                      error=exc.message, error_code=exc.code)
    record = Record(path=name, format="unknown", size=size, raw_sha256=raw)
    if data is None:
        if size > options.max_bytes and options.extract:
            err = TooLarge(f"{size} bytes is over the extraction limit of {options.max_bytes} bytes; "
                           "only the raw digest was taken")
            return replace(record, error=err.message, error_code=err.code,
                           format=_sniff_quietly(path))
        return replace(record, format=_sniff_quietly(path))
    return process_bytes(data, name, options, record)


def process_bytes(data: bytes, name: str, options: Options = Options(),
                  record: Record | None = None) -> Record:
    """Like :func:`process_file`, for bytes already in memory."""
    if record is None:
        record = Record(path=name, format="unknown", size=len(data),
                        raw_sha256=fingerprint.sha256_bytes(data))
    try:
        record = replace(record, format=sniff(data[:SNIFF_BYTES]))
        with _deadline(options.timeout):
            extracted = ingest_bytes(data, pdf_backend=options.pdf_backend,
                                     html_parser=options.html_parser)
            canonical = canonicalize(extracted, PROFILES[options.profile])
    except VerifyError as exc:
        return replace(record, error=exc.message, error_code=exc.code)
    except Exception as exc:
        return replace(record, error=f"unexpected {type(exc).__name__} while extracting: {exc}",
                       error_code="ingest.failed")
    paragraphs = canonical.paragraphs
    removed = (*extracted.removed, *canonical.removed)
    record = replace(
        record,
        format=extracted.format,
        text_sha256=fingerprint.text_sha256(canonical.text, canonical.profile),
        removed_sha256=fingerprint.removed_sha256(removed, canonical.profile),
        profile=canonical.profile,
        extractor=extracted.extractor,
        encoding=extracted.encoding,
        text=canonical.text,
        paragraphs=fingerprint.paragraph_digests(paragraphs, canonical.profile),
        changes=canonical.changes,
        removed=tuple(piece[:MAX_REMOVED_LEN] for piece in removed),
        metadata=extracted.metadata,
        warnings=(*extracted.warnings, *coverage_warnings(extracted, canonical.text)),
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


def coverage_warnings(extracted: Extracted, text: str) -> tuple[str, ...]:
    """Warnings, each starting with a stable code, when the canonical text
    keeps nothing (``canon.empty``) or much less (``canon.low-coverage``) of
    the words a reader sees: nothing is lost silently. The visible words are
    the extracted text's and the removed material's."""
    visible = sum(len(page.split()) for page in extracted.pages)
    visible += sum(len(piece.split()) for piece in extracted.removed)
    kept = len(text.split())
    if visible and not kept:
        return (f"canon.empty: the canonical text is empty, but the document shows {visible} words; "
                "its text digest says nothing about them",)
    if visible and kept < MIN_COVERAGE * visible:
        return (f"canon.low-coverage: the canonical text keeps {kept} of the {visible} words "
                "the document shows (the rest was removed as site chrome or page furniture)",)
    return ()


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
    try:
        _refuse_special(path)
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("not a regular file")
            return info.st_size, fingerprint.sha256_stream(stream)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc


def _read(path: Path, options: Options) -> tuple[int, str, bytes | None]:
    """Size, raw digest, and the bytes when they are to be extracted.

    Within the limit the file is read once and hashed from memory; above it,
    hashed as a stream and not kept.
    """
    try:
        _refuse_special(path)
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("not a regular file")
            if not options.extract or info.st_size > options.max_bytes:
                return info.st_size, fingerprint.sha256_stream(stream), None
            data = stream.read()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    return len(data), fingerprint.sha256_bytes(data), data


def _refuse_special(path: str | os.PathLike[str]) -> None:
    """Opening a FIFO or a device would block or never end: look before opening."""
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        raise UnreadableFile("not a regular file (a folder, FIFO, socket or device)")


def _sniff_quietly(path: Path) -> Format:
    try:
        with open(path, "rb") as stream:
            return sniff(stream.read(SNIFF_BYTES))
    except (OSError, VerifyError):
        return "unknown"
