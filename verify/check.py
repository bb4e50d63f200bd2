"""Check: re-verify a corpus root against its manifest, and report everything.

Every file is matched, modified, moved (same bytes at a new path), missing
or new; nothing stops at the first discrepancy. A plain check reads bytes
only, and re-extracts just the files whose bytes changed (to tell a content
change from a formatting change or a change of page furniture, and which
paragraphs). A deep check re-extracts everything and reports drift: same
bytes, different canonical text, naming the extractor and profile versions on
both sides.

The manifest is streamed: entries are read in batches, merged with the sorted
walk of the root, and hashed in chunks, so memory holds the walk and one
chunk, not the manifest. A plain check of a large corpus is split by name
range over forked processes, each walking, reading and hashing its own range
(:func:`_split`, docs/scale.md). Detailed records are read from the record
store only for the files whose bytes changed.
"""

from __future__ import annotations

import errno
from bisect import bisect_left, bisect_right
import hashlib
import os
import stat
from stat import S_ISREG
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from verify.corpus import Columns, CorpusFile, FileRow, walk, walk_columns
from verify.errors import VerifyError
from verify.manifest import (
    Entry,
    EntryStream,
    Manifest,
    PlainBlock,
    PlainLine,
    Span,
    open_manifest,
    plain_entry,
    read_records,
    records_name,
)

if TYPE_CHECKING:  # concurrent.futures is imported when a pool starts (start-up time)
    from verify.model import Record
    from verify.provenance import Provenance
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

#: Hash in forked workers when a corpus has at least this many files or bytes.
POOL_FILES = 2048
POOL_BYTES = 64 * 1024 * 1024
#: A chunk is handed to the workers at this many bytes (by the manifest's sizes) too.
CHUNK_BYTES = 256 * 1024 * 1024
#: Files hashed per chunk: the unit of work handed to the workers, and of memory.
CHUNK = 2048
#: Chunks being hashed while the manifest is read on.
IN_FLIGHT = 2
#: Files up to this size are read in one call; larger ones are streamed.
SMALL_FILE = 1024 * 1024
#: A plain check of a manifest of at least this many bytes (about 1,700 plain
#: entries) is split by name range over forked processes (:func:`_split`), in
#: spans of at least SPAN_BYTES.
SPLIT_BYTES = 512 * 1024
SPAN_BYTES = 128 * 1024
#: New files extracted to find which missing file each likely renames (more:
#: they are left as new, unpaired).
RENAME_MAX = 256
#: Name ranges per worker process: a worker slowed by other load leaves its
#: share to the others.
SPANS_PER_WORKER = 4


@dataclass(frozen=True)
class Modified:
    path: str
    old_raw: str | None
    new_raw: str | None
    #: True: the canonical text changed too; False: only the bytes (formatting, or
    #: page furniture when ``furniture_changed``); None: could not be told (see ``note``).
    content_changed: bool | None
    old_text: str | None = None
    new_text: str | None = None
    paragraphs: dict[str, list[int]] = field(default_factory=dict)
    note: str | None = None
    #: The canonical text is the same but what was removed before hashing
    #: (site chrome, page furniture) changed: a content-side verdict, not formatting.
    furniture_changed: bool = False
    #: The removed lines: only on record, only in the file now.
    removed_before: tuple[str, ...] = ()
    removed_now: tuple[str, ...] = ()
    #: Another changed file whose recorded bytes this file now holds (two files
    #: swapped, or one copied over another): the digest says so, whatever the text.
    bytes_of: str | None = None


@dataclass(frozen=True)
class Moved:
    old_path: str
    new_path: str
    raw_sha256: str


@dataclass(frozen=True)
class Renamed:
    """A missing file and a new one whose bytes differ but whose text says the
    same, or nearly (a rename with an edit or a re-save). Both stay reported as
    missing and new: this names the likely pair, it vouches for nothing."""

    old_path: str
    new_path: str
    #: True: the new file's canonical text is the recorded one (formatting only).
    same_text: bool
    #: Paragraph digests on record that the new file has too, and how many are on record.
    shared: int
    paragraphs: int


@dataclass(frozen=True)
class Drifted:
    path: str
    old_text: str | None
    new_text: str | None
    old_extractor: str | None
    new_extractor: str | None
    old_profile: str | None
    new_profile: str | None
    note: str | None = None


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


@dataclass(frozen=True)
class CheckReport:
    matched: tuple[str, ...] = ()
    modified: tuple[Modified, ...] = ()
    moved: tuple[Moved, ...] = ()
    missing: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    drifted: tuple[Drifted, ...] = ()
    #: Manifest entries that resolve outside the root: refused, never read.
    refused: tuple[Problem, ...] = ()
    #: Files that could not be read now.
    errors: tuple[Problem, ...] = ()
    #: sources.toml says something else about a file than at build time.
    provenance: tuple[Problem, ...] = ()
    #: Recorded symlinks that point outside the root: unchanged, reported every time.
    outside: tuple[Problem, ...] = ()
    deep: bool = False
    bytes_hashed: int = 0
    #: New files whose bytes are a recorded file's: (new path, recorded path).
    copies: tuple[tuple[str, str], ...] = ()
    #: Missing files that a new file likely replaces under another name (:class:`Renamed`).
    renamed: tuple[Renamed, ...] = ()
    #: Deep check: matched files whose entry records no extraction (built with
    #: ``--hash-only``, or a format no ingester reads): their bytes were checked,
    #: their text could not be.
    textless: tuple[str, ...] = ()
    #: New files not extracted to find renames: more than RENAME_MAX of them.
    renames_unpaired: int = 0

    @property
    def passed(self) -> bool:
        return not (self.modified or self.moved or self.missing or self.new or self.drifted
                    or self.refused or self.errors or self.provenance)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in
                ("matched", "modified", "moved", "missing", "new", "drifted", "refused", "errors",
                 "provenance", "outside")}


def check_manifest(manifest: Manifest, root: str | os.PathLike[str], *, deep: bool = False,
                   manifest_path: str | os.PathLike[str] | None = None, jobs: int | None = None,
                   executor: Executor | None = None, progress: bool = False,
                   options: Any = None, entries: Iterable[Entry | PlainLine] | None = None,
                   ) -> CheckReport:
    """Check ``root`` against ``manifest``; ``entries`` (a stream from
    :func:`verify.manifest.open_manifest` or ``open_manifest_light``) replaces
    ``manifest.entries`` when given."""
    from verify.provenance import load_provenance

    root = Path(root)
    provenance = load_provenance(root)
    skip = [] if manifest_path is None else [Path(manifest_path),
                                            Path(manifest_path).parent / records_name(manifest_path)]
    run = _Run(manifest, root, deep, manifest_path, jobs, executor, progress, options)
    if (isinstance(entries, EntryStream) and not entries.used and not deep and executor is None
            and _split(run, entries, provenance, skip)):
        return run.finish()
    files = walk(root, provenance.exclude, skip)
    run.pair_all(manifest.entries if entries is None else entries, files, provenance.files)
    return run.finish()


def _split(run: _Run, entries: EntryStream, provenance: Provenance, skip: list[Path]) -> bool:
    """A plain check split by name range: each forked process walks the files of
    its range (folders outside it are not scanned), reads the manifest lines of
    that range (checked as the whole would be, and that they are in it), pairs,
    hashes in the process and sends back what did not simply match; this process
    merges them (moves across ranges included) and tells the changed files
    apart. Nothing per file is left in this process but the matched names. False
    (nothing done) when the manifest is small, one CPU is asked for, or fork is
    not available."""
    workers = _cpus() if run.jobs is None else run.jobs
    if workers <= 1 or not hasattr(os, "fork"):
        return False
    size = os.fstat(entries.fd).st_size
    if size >= SPLIT_BYTES:
        parts = min(workers * SPANS_PER_WORKER, 255, max(1, size // max(1, SPAN_BYTES)))
    else:  # few files: split when they are large, a file or so a span
        lines = total = 0
        for entry in entries.read(entries.whole):
            lines += 1
            total += entry[1] if isinstance(entry, tuple) else entry.size
        if total < POOL_BYTES:
            return False
        parts = min(255, lines)
    spans = entries.spans(parts)
    if len(spans) < 2:
        return False

    def one(span: Span) -> tuple[Any, ...]:
        part = _Run(run.manifest, run.root, False, run.manifest_path, 1, None, False, run.options)
        bounds = (span.low, span.high)
        # Most trees: every file plain, as columns (walk_columns); any other entry: the walk.
        files = (None if provenance.exclude or provenance.files else walk_columns(run.root, skip, bounds))
        if files is None:
            part.pair_all(entries.read(span), walk(run.root, provenance.exclude, skip, bounds),
                          provenance.files)
        else:
            part.pair_columns(entries.blocks(span), files)
        part._flush(final=True)
        return part.share()

    for share in fork_map(one, spans, workers):
        run.absorb(share)
    return True


def _cpus() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[fn(x) for x in items]`` over ``workers`` forked processes that take the
    items in turn (up to 255): no pool, no pickling of ``fn`` or the items (the
    children have them), one pipe per child for the pickled results. The error of
    the first item that failed is raised here; a child that died is a VerifyError."""
    import selectors
    import signal

    if not 0 < len(items) < 256:
        raise ValueError("fork_map takes 1-255 items")
    tasks, feed = os.pipe()
    os.write(feed, bytes(range(len(items))))
    os.close(feed)
    children: dict[int, int] = {}
    try:
        for _ in range(min(workers, len(items))):
            out, into = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child (its work is tested through the parent)
                os.close(out)
                _serve(fn, items, tasks, into)
            os.close(into)
            children[pid] = out
    finally:
        os.close(tasks)
    # Each result is taken as soon as it has come whole (a length, then its pickle),
    # and its bytes dropped: the pickled results of every span were all held until
    # the last child ended. A result cut short (a child that died writing it) is
    # left out: its item has no result, which is an error below.
    received: dict[int, bytearray] = {fd: bytearray() for fd in children.values()}
    results: dict[int, tuple[bool, Any]] = {}
    try:
        with selectors.DefaultSelector() as selector:
            for fd in received:
                selector.register(fd, selectors.EVENT_READ)
            while selector.get_map():
                for key, _ in selector.select():
                    data = os.read(key.fd, 1 << 20)
                    if data:
                        _take(received[key.fd], data, results)
                    else:
                        selector.unregister(key.fd)
        died = [why for pid in children if (why := _reap(pid)) is not None]
    except BaseException:
        for pid in children:
            with _quiet():
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        raise
    finally:
        for fd in received:
            os.close(fd)
    for index in range(len(items)):
        if index in results and not results[index][0]:
            raise results[index][1]
        if index not in results:
            raise VerifyError(f"a worker of the check died ({', '.join(died) or 'no result'})")
    return [results[i][1] for i in range(len(items))]


#: The length that comes before each pickled result of a forked child.
_LENGTH = 8


def _take(buffer: bytearray, data: bytes, results: dict[int, tuple[bool, Any]]) -> None:
    """Add ``data`` read from a child to ``buffer`` and move every whole result in it
    to ``results``."""
    import pickle

    buffer += data
    while len(buffer) >= _LENGTH:
        end = _LENGTH + int.from_bytes(buffer[:_LENGTH], "little")
        if len(buffer) < end:
            return
        index, ok, value = pickle.loads(buffer[_LENGTH:end])  # a copy of one result
        results[index] = ok, value
        del buffer[:end]


def _serve(fn: Callable[[Any], Any], items: Sequence[Any], tasks: int, into: int) -> None:
    """A forked child of :func:`fork_map`: take items, send results, never return."""
    import pickle

    code = 0
    try:
        with os.fdopen(into, "wb") as stream:
            while token := os.read(tasks, 1):
                index = token[0]
                try:
                    result: tuple[int, bool, Any] = (index, True, fn(items[index]))
                except Exception as exc:  # sent to the parent, which raises it
                    result = (index, False, _portable(exc))
                payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                stream.write(len(payload).to_bytes(_LENGTH, "little"))
                stream.write(payload)
                if not result[1]:
                    break
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else a VerifyError that says what it was."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return VerifyError(f"{type(exc).__name__}: {exc}")
    return exc


def _reap(pid: int) -> str | None:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    if os.WEXITSTATUS(status) != 0:
        return f"exit code {os.WEXITSTATUS(status)}"
    return None


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: object, tb: object) -> bool:
        return isinstance(exc, OSError)


def _as_file(item: FileRow) -> CorpusFile:
    """A file of the walk as a CorpusFile (a row of walk_plain made one)."""
    return item if isinstance(item, CorpusFile) else CorpusFile._make(item)


def _merge(entries: Iterable[Entry | PlainLine], files: Sequence[CorpusFile],
           ) -> Iterator[tuple[Entry | PlainLine | None, CorpusFile | None]]:
    """Both sorted by name: pairs of (entry, file), either side None when absent."""
    index = 0
    for entry in entries:
        name = entry[0] if isinstance(entry, tuple) else entry.path
        while index < len(files) and files[index].name < name:
            yield None, files[index]
            index += 1
        if index < len(files) and files[index].name == name:
            yield entry, files[index]
            index += 1
        else:
            yield entry, None
    for item in files[index:]:
        yield None, item


class _Run:
    """The state of one check: chunks waiting to be hashed, and what was found."""

    def __init__(self, manifest: Manifest, root: Path, deep: bool,
                 manifest_path: str | os.PathLike[str] | None, jobs: int | None,
                 executor: Executor | None, progress: bool, options: Any) -> None:
        self.manifest, self.root, self.deep = manifest, root, deep
        self.manifest_path, self.jobs, self.executor = manifest_path, jobs, executor
        self.progress, self.options = progress, options
        self.pending: list[tuple[Entry | PlainLine | None, CorpusFile]] = []
        self.pending_bytes = 0
        self.matched: list[str] = []
        self.changed: list[tuple[Entry, CorpusFile, str]] = []
        self.link_changes: list[Modified] = []
        self.missing: list[Entry] = []
        self.new: dict[str, str] = {}  # name -> raw digest
        self.new_paths: dict[str, str] = {}  # name -> where it is on disk (regular files)
        self.errors: list[Problem] = []
        self.provenance: list[Problem] = []
        self.outside: list[Problem] = []
        self.drifted: list[Drifted] = []
        self.textless: list[str] = []
        self.bytes_hashed = 0
        self.renames_unpaired = 0
        self.pool: ProcessPoolExecutor | None = None
        self.workers = 1
        self.inflight: deque[tuple[list[tuple[Entry | PlainLine | None, CorpusFile]],
                                   list[Future[Any]]]] = deque()

    def pair(self, entry: Entry | PlainLine | None, item: CorpusFile | None,
             sources: dict[str, dict[str, str]]) -> None:
        if isinstance(entry, tuple):  # a plain line: no provenance, a regular file on record
            if not sources and item is not None and item.link is None and item.problem is None:
                self._pend(entry, item, entry[1])
                return
            entry = plain_entry(entry[3])
        if entry is not None and (entry.provenance or sources):
            self._provenance(entry, sources.get(entry.path))
        if item is None:
            assert entry is not None
            self.missing.append(entry)
        elif item.link is not None or (entry is not None and entry.kind == "link"):
            self._link(entry, item)
        elif item.problem is not None:
            self.errors.append(Problem(item.name, item.problem))
        else:
            self._pend(entry, item, entry.size if entry is not None else 0)

    def pair_all(self, entries: Iterable[Entry | PlainLine], files: Sequence[FileRow],
                 sources: dict[str, dict[str, str]]) -> None:
        """:meth:`pair` every entry and file of the merge (``files``: the walk's
        CorpusFiles, or the rows of :func:`verify.corpus.walk_plain`, sorted by name).
        Hashed in this process (one job, plain check, no sources.toml), a plain line
        and a regular file take a shorter way: hashed a chunk at a time and, when the
        digest is the recorded one, only counted matched (the calls per file of pair,
        _pend and _record were a tenth of a split check's CPU)."""
        if sources or self.deep or self.jobs != 1 or self.executor is not None:
            for entry, item in _merge(entries, [_as_file(f) for f in files]):
                self.pair(entry, item, sources)
            return
        # _merge inline (a generator's resumption and a pair per file less; the
        # same pairs: both sides sorted by name, either side missing).
        # A file by index (name 0, problem 2, link 4): a CorpusFile or a row alike.
        plain: list[tuple[PlainLine, FileRow]] = []
        pair, add, index, count = self.pair, plain.append, 0, len(files)
        for entry in entries:
            name = entry[0] if type(entry) is tuple else entry.path  # type: ignore[union-attr]
            while index < count and files[index][0] < name:
                pair(None, _as_file(files[index]), sources)
                index += 1
            if index < count and files[index][0] == name:
                row = files[index]
                index += 1
                if type(entry) is tuple and row[4] is None and row[2] is None:
                    add((entry, row))
                    if len(plain) >= CHUNK:
                        self._hash_plain(plain)
                        plain = []
                        add = plain.append
                else:
                    pair(entry, _as_file(row), sources)
            else:
                pair(entry, None, sources)
        for row in files[index:]:
            pair(None, _as_file(row), sources)
        self._hash_plain(plain)

    def pair_columns(self, blocks: Iterable[PlainBlock | list[Entry | PlainLine]],
                     files: Columns) -> None:
        """:meth:`pair_all` of a span read a block of lines at a time
        (:meth:`EntryStream.blocks`) and the columns of its walk (one job, plain check,
        no sources.toml). A plain block whose paths are the next files' names is
        hashed and compared a block at a time (:meth:`_hash_block`); any other
        block, and the files before it or around it, are paired by :meth:`pair_all`."""
        names, at = files.names, 0
        for block in blocks:
            if isinstance(block, list):  # some line not plain: as pair_all reads them
                if block:
                    last = block[-1]
                    end = bisect_right(names, last[0] if type(last) is tuple else last.path, at)  # type: ignore[union-attr]
                    self.pair_all(block, self._rows(files, at, end), {})
                    at = end
                continue
            start = bisect_left(names, block.paths[0], at)
            end = start + len(block.paths)
            if names[start:end] == block.paths:  # each line has its file: new files before it
                self.pair_all((), self._rows(files, at, start), {})
                self._hash_block(block, files, start, end)
            else:
                end = bisect_right(names, block.paths[-1], at)
                self.pair_all(block.lines(), self._rows(files, at, end), {})
            at = end
        self.pair_all((), self._rows(files, at, len(names)), {})

    def _rows(self, files: Columns, start: int, end: int) -> list[FileRow]:
        top = str(self.root)
        return [(name, os.path.join(top, name), None, 0, None, inode)
                for name, inode in zip(files.names[start:end], files.inodes[start:end], strict=True)]

    def _hash_block(self, block: PlainBlock, files: Columns, start: int, end: int) -> None:
        """Hash files ``[start, end)``, the files of ``block``'s lines, as
        :meth:`_hash_plain` does, and compare them with the lines all at once (the
        digests joined, the sizes as a list): all matched, or each file told apart
        as :meth:`_hash_plain` tells it. No tuple, string or call per file beyond
        the reading and the hash."""
        folders = _Folders(str(self.root))
        digests: list[bytes] = []
        sizes: list[int] = []
        odd: dict[int, tuple[int, str] | str] = {}  # results that are not a digest
        dig, put, here, inside = digests.append, sizes.append, folders.name, folders.fd
        open_, fstat, read, close, sha256 = os.open, os.fstat, os.read, os.close, hashlib.sha256
        try:
            for folder, filename, inode in zip(files.folders[start:end], files.filenames[start:end],
                                               files.inodes[start:end], strict=True):
                if folder == here and inside >= 0:
                    try:
                        fd = open_(filename, _FLAGS, dir_fd=inside)
                    except OSError:
                        fd = -1
                    if fd >= 0:
                        try:
                            info = fstat(fd)
                            size = info.st_size
                            if info.st_ino == inode and size < SMALL_FILE and S_ISREG(info.st_mode):
                                data = read(fd, size + 1)
                                if len(data) <= size:
                                    dig(sha256(data).digest())
                                    put(len(data))
                                    continue
                                os.lseek(fd, 0, os.SEEK_SET)
                            result = _hash_open(fd, info, inode)
                        except OSError as exc:
                            result = f"cannot read: {exc.strerror or exc}"
                        finally:
                            close(fd)
                    else:  # tells why
                        result = _hash_in(folders, f"{folder}/{filename}" if folder else filename, inode)
                else:  # another folder: opened beneath the root
                    result = _hash_in(folders, f"{folder}/{filename}" if folder else filename, inode)
                    here, inside = folders.name, folders.fd
                if type(result) is tuple:
                    dig(bytes.fromhex(result[1].removeprefix("sha256:")))
                    put(result[0])
                else:
                    odd[len(digests)] = result
                    dig(b"")
                    put(-1)
        finally:
            folders.close()
        if not odd and b"".join(digests).hex() == block.digits and (
                sizes == list(map(int, block.sizes))):
            self.matched.extend(block.paths)
            self.bytes_hashed += sum(sizes)
            return
        for index, (line, row) in enumerate(zip(block.lines(), self._rows(files, start, end), strict=True)):
            result = odd.get(index) or (sizes[index], "sha256:" + digests[index].hex())
            self._record([(line, _as_file(row))], [result])

    def _hash_plain(self, batch: list[tuple[PlainLine, FileRow]]) -> None:
        """Hash each pair's file and compare it with its line, in one loop (the
        lists of paths, inodes and results that were made per chunk and zipped
        cost more than the calls): opened beneath the root as
        :func:`hash_beneath_many` does, the folder's descriptor kept between files."""
        root = str(self.root)
        prefix = os.path.join(root, "")
        cut = len(prefix) if os.sep == "/" else 0
        folders = _Folders(root)
        matched, hashed = self.matched.append, 0
        try:
            for entry, item in batch:  # item: path 1, inode 5
                path = item[1]
                rel = path[cut:] if cut and path.startswith(prefix) else _beneath(root, path)
                result = _hash_in(folders, rel, item[5])
                if type(result) is tuple and result[1] == entry[2] and result[0] == entry[1]:
                    matched(item[0])
                    hashed += result[0]
                else:
                    self._record([(entry, _as_file(item))], [result])
        finally:
            folders.close()
        self.bytes_hashed += hashed

    def _pend(self, entry: Entry | PlainLine | None, item: CorpusFile, size: int) -> None:
        self.pending.append((entry, item))
        self.pending_bytes += size
        if len(self.pending) >= CHUNK or self.pending_bytes >= CHUNK_BYTES:
            self._flush()

    def _provenance(self, entry: Entry, now: dict[str, str] | None) -> None:
        recorded = entry.provenance_dict()
        current = {str(k): str(v) for k, v in (now or {}).items()}
        if recorded != current:
            keys = sorted(k for k in set(recorded) | set(current) if recorded.get(k) != current.get(k))
            self.provenance.append(Problem(entry.path, "sources.toml changed since the build: "
                                           + ", ".join(keys)))

    def _link(self, entry: Entry | None, item: CorpusFile) -> None:
        if item.escapes:
            self.outside.append(Problem(item.name, f"a symlink to {item.link!r}, outside the root "
                                        "(recorded as a link, never followed)"))
        if entry is None:
            self.new[item.name] = f"link:{item.link}"
        elif entry.kind == "link" and item.link == entry.target:
            self.matched.append(entry.path)
        else:
            was = f"a link to {entry.target!r}" if entry.kind == "link" else "a file"
            now = f"a link to {item.link!r}" if item.link is not None else "a file"
            self.link_changes.append(Modified(entry.path, entry.raw_sha256, None, None,
                                              note=f"was {was}, now {now}"))

    def _flush(self, final: bool = False) -> None:
        """Hash what is pending: in this process for small corpora, else in forked
        workers while this process goes on reading the manifest (two chunks in flight)."""
        if self.pending:
            batch, self.pending = self.pending, []
            size, self.pending_bytes = self.pending_bytes, 0
            root = str(self.root)
            paths = list(zip(_beneath_all(root, [item.path for _, item in batch]),
                             [item.identity for _, item in batch], strict=True))
            small = len(paths) < POOL_FILES and size < POOL_BYTES
            if self.executor is not None:
                from verify.parallel import map_ordered

                self._record(batch, map_ordered(hash_one_beneath, [(root, *p) for p in paths],
                                                executor=self.executor))
            elif self.jobs == 1 or (self.pool is None and small):
                self._record(batch, hash_beneath_many(root, paths))
            else:
                if self.pool is None:
                    self.pool, self.workers = _fork_pool(self.jobs)
                if self.pool is None:
                    self._record(batch, hash_beneath_many(root, paths))
                else:  # interleaved, so that large files spread over the workers
                    parts = [paths[i::self.workers] for i in range(min(self.workers, len(paths)))]
                    self.inflight.append((batch, [self.pool.submit(hash_beneath_many, root, part)
                                                  for part in parts]))
        while self.inflight and (final or len(self.inflight) > IN_FLIGHT):
            batch, futures = self.inflight.popleft()
            results: list[tuple[int, str] | str] = [""] * len(batch)
            for i, future in enumerate(futures):
                results[i::len(futures)] = future.result()
            self._record(batch, results)

    def _record(self, batch: list[tuple[Entry | PlainLine | None, CorpusFile]],
                results: list[tuple[int, str] | str]) -> None:
        deep: list[tuple[Entry, CorpusFile]] = []
        for (entry, item), result in zip(batch, results, strict=True):
            if isinstance(result, str):
                self.errors.append(Problem(item.name, result))
                continue
            self.bytes_hashed += result[0]
            if isinstance(entry, tuple):  # a plain line: an Entry only when needed
                if result[1] == entry[2] and result[0] == entry[1] and not self.deep:
                    self.matched.append(item.name)
                    continue
                entry = plain_entry(entry[3])
            if entry is None:
                self.new[item.name] = result[1]
                self.new_paths[item.name] = item.path
            elif result[1] == entry.raw_sha256 and result[0] != entry.size:
                # The bytes are the recorded ones, the recorded size is not theirs: the
                # manifest was edited (an audit's case passed as "matched").
                self.errors.append(Problem(item.name, f"the manifest records {entry.size} bytes, but the "
                                           f"file's {result[0]} bytes have the recorded digest: the "
                                           "manifest is inconsistent (edited?)"))
            elif result[1] == entry.raw_sha256:
                self.matched.append(item.name)  # the walk's string, not one more per file
                if self.deep and _text_on_record(entry):
                    deep.append((entry, item))
                elif self.deep:  # nothing to re-verify it against (audit4: all were "drifted")
                    self.textless.append(item.name)
            else:
                self.changed.append((entry, item, result[1]))
        records = self._extract([item for _, item in deep])
        self.drifted.extend(d for (entry, _), record in zip(deep, records, strict=True)
                            if (d := _drift(entry, record)) is not None)

    def _extract(self, items: list[CorpusFile]) -> list[Record]:
        if not items:
            return []
        from verify.normalize import PROFILE, PROFILES
        from verify.parallel import map_ordered
        from verify.pipeline import Options, crashed_file, hard_timeout

        profile = self.manifest.profile if self.manifest.profile in PROFILES else PROFILE.name
        options = self.options or Options(profile=profile)
        return map_ordered(process_file_item, [(i.path, i.name, options) for i in items],
                           jobs=self.jobs, executor=self.executor,
                           progress="extract" if self.progress else None,
                           on_crash=lambda item, why: crashed_file(item[0], item[1], why),
                           memory_limit=options.memory_limit, item_timeout=hard_timeout(options))

    def share(self) -> tuple[Any, ...]:
        """What a process that checked one name range sends back (:func:`_split`):
        the matched names as one string (names hold no newline: it is escaped),
        the rest as they are."""
        return ("\n".join(self.matched), self.changed, self.link_changes, self.missing, self.new,
                self.new_paths, self.errors, self.provenance, self.outside, self.drifted,
                self.bytes_hashed)

    def absorb(self, share: tuple[Any, ...]) -> None:
        """Add the :meth:`share` of a name range (ranges in name order)."""
        (matched, changed, links, missing, new, new_paths, errors, provenance, outside, drifted,
         hashed) = share
        if matched:
            self.matched.extend(matched.split("\n"))
        self.changed += changed
        self.link_changes += links
        self.missing += missing
        self.new.update(new)
        self.new_paths.update(new_paths)
        self.errors += errors
        self.provenance += provenance
        self.outside += outside
        self.drifted += drifted
        self.bytes_hashed += hashed

    def finish(self) -> CheckReport:
        try:
            self._flush(final=True)
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        moved, missing, new = _pair_moves(self.missing, self.new)
        modified = self.link_changes + self._modified()
        modified, copies = self._copies(modified, new)
        copied = {path for path, _ in copies}
        renamed = self._renames(missing, [n for n in new if n not in copied])
        drifted_paths = {d.path for d in self.drifted}
        self.matched.sort()  # in name order however the work was cut (chunks, name ranges)
        by_path = _by_path
        return CheckReport(
            matched=tuple(n for n in self.matched if n not in drifted_paths) if drifted_paths
            else tuple(self.matched),
            modified=tuple(sorted(modified, key=lambda m: m.path)), moved=tuple(moved),
            missing=tuple(missing), new=tuple(new), drifted=tuple(sorted(self.drifted, key=by_path)),
            errors=tuple(sorted(self.errors, key=by_path)),
            provenance=tuple(sorted(self.provenance, key=by_path)),
            outside=tuple(sorted(self.outside, key=by_path)), deep=self.deep,
            bytes_hashed=self.bytes_hashed, copies=copies, renamed=renamed,
            textless=tuple(sorted(self.textless)), renames_unpaired=self.renames_unpaired)

    def _copies(self, modified: list[Modified], new: list[str],
                ) -> tuple[list[Modified], tuple[tuple[str, str], ...]]:
        """Name the recorded file whose bytes a modified file (not already named
        as a swap) or a new file now holds: a copy over an unchanged file, a
        copy beside it. One more pass over the manifest, only when there is
        something to look up."""
        wanted = {m.new_raw for m in modified if m.bytes_of is None and m.new_raw}
        wanted.update(self.new[n] for n in new)
        if not wanted:
            return modified, ()
        found = self._recorded(wanted)
        if not found:
            return modified, ()
        named = [m if m.bytes_of is not None or found.get(m.new_raw or "", m.path) == m.path
                 else replace(m, bytes_of=found[m.new_raw or ""]) for m in modified]
        return named, tuple((n, found[self.new[n]]) for n in new if self.new[n] in found)

    def _renames(self, missing: list[str], new: list[str]) -> tuple[Renamed, ...]:
        """Pair missing files with new files that say the same or nearly: the new
        files are extracted (at most RENAME_MAX of them, only when some recorded
        file is missing) and matched first on the recorded canonical text, then on
        the paragraph digests in the record store (at least half of the larger
        side's paragraphs shared). Each file is paired once, best pair first."""
        gone = set(missing)
        old = [e for e in self.missing if e.path in gone and e.text_sha256 and e.kind != "link"]
        candidates = [n for n in new if n in self.new_paths]
        if not old or not candidates:
            return ()
        if len(candidates) > RENAME_MAX:  # said, not silent (audit4)
            self.renames_unpaired = len(candidates)
            return ()
        records = self._extract([CorpusFile(n, self.new_paths[n]) for n in candidates])
        details = self._details([e for e in old if e.record_key])
        by_text: dict[tuple[str | None, str | None], list[Entry]] = defaultdict(list)
        holders: dict[str, set[str]] = defaultdict(set)  # paragraph digest -> missing paths
        sizes: dict[str, int] = {}
        for entry in old:
            by_text[entry.text_sha256, entry.profile].append(entry)
            paragraphs = set(_paragraphs(details.get(entry.record_key or "")))
            sizes[entry.path] = len(paragraphs)
            for digest in paragraphs:
                holders[digest].add(entry.path)
        scored: list[tuple[int, int, str, str, bool, int, int]] = []
        for name, record in zip(candidates, records, strict=True):
            if record.error is not None or record.text_sha256 is None:
                continue
            equal = {e.path for e in by_text.get((record.text_sha256, record.profile), ())}
            scored.extend((0, 0, path, name, True, sizes[path], sizes[path]) for path in equal)
            now = set(record.paragraphs)
            overlap = Counter(path for digest in now for path in holders.get(digest, ()))
            scored.extend((1, -n, path, name, False, n, sizes[path]) for path, n in overlap.items()
                          if path not in equal and 2 * n >= max(sizes[path], len(now)))
        paired_old: set[str] = set()
        paired_new: set[str] = set()
        out = []
        for _, _, old_path, new_path, same, shared, total in sorted(scored):
            if old_path not in paired_old and new_path not in paired_new:
                paired_old.add(old_path)
                paired_new.add(new_path)
                out.append(Renamed(old_path, new_path, same, shared, total))
        return tuple(sorted(out, key=lambda r: r.new_path))

    def _recorded(self, digests: set[str]) -> dict[str, str]:
        """The first recorded path (in name order) of each of ``digests``."""
        found: dict[str, str] = {}

        def look(entries: Iterable[Entry]) -> None:
            for entry in entries:
                if entry.raw_sha256 in digests and entry.raw_sha256 not in found:
                    found[entry.raw_sha256] = entry.path

        if self.manifest.entries or self.manifest_path is None:
            look(self.manifest.entries)
            return found
        try:
            with open_manifest(self.manifest_path) as (_, entries):
                look(entries)
        except VerifyError:  # read and checked once already; if it changed since, name nothing
            return {}
        return found

    def _modified(self) -> list[Modified]:
        if not self.changed:
            if self.deep:  # a deep check vouches for the whole manifest: the store's digest too
                self._details([])
            return []
        details = self._details([e for e, _, _ in self.changed])
        records = self._extract([item for _, item, _ in self.changed])
        recorded = {entry.raw_sha256: entry.path for entry, _, _ in self.changed if entry.raw_sha256}
        return [_swapped(_modified(entry, raw, record, details.get(entry.record_key or "")), recorded)
                for (entry, _, raw), record in zip(self.changed, records, strict=True)]

    def _details(self, entries: list[Entry]) -> dict[str, dict[str, Any]]:
        """The stored records of the changed entries (empty when there is no store)."""
        if self.manifest.records is None or self.manifest_path is None:
            return {}
        store = Path(self.manifest_path).parent / self.manifest.records
        try:
            return read_records(store, [e.record_key for e in entries if e.record_key],
                                expect_sha256=self.manifest.records_sha256)
        except VerifyError as exc:
            self.errors.append(Problem(str(store), exc.message))
            return {}


def _text_on_record(entry: Entry) -> bool:
    """Does the entry record an extraction (a text digest, an extractor, or an
    error), so that a deep check has something to re-verify?"""
    return entry.text_sha256 is not None or entry.extractor is not None or entry.error_code is not None


def _paragraphs(detail: dict[str, Any] | None) -> list[str]:
    found = detail.get("paragraphs") if detail else None
    return [p for p in found if isinstance(p, str)] if isinstance(found, list) else []


def _by_path(item: Problem | Drifted) -> str:
    return item.path


def _fork_pool(jobs: int | None) -> tuple[ProcessPoolExecutor | None, int]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from verify.parallel import default_jobs

    workers = default_jobs() if jobs is None else jobs
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None, 1
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")), workers


def hash_many(root: str, items: list[tuple[str, int | None]],
              jobs: int | None = None) -> list[tuple[int, str] | str]:
    """:func:`hash_beneath_many` of many ``(relative path, inode)`` items, over
    forked workers when there are enough (the reuse test of an incremental build)."""
    if jobs == 1 or len(items) < POOL_FILES:
        return hash_beneath_many(root, items)
    pool, workers = _fork_pool(jobs)
    if pool is None:
        return hash_beneath_many(root, items)
    out: list[tuple[int, str] | str] = [""] * len(items)
    with pool:
        for start in range(0, len(items), CHUNK * workers):
            chunk = items[start:start + CHUNK * workers]
            futures = [pool.submit(hash_beneath_many, root, chunk[i::workers]) for i in range(workers)]
            for i, future in enumerate(futures):
                out[start + i:start + len(chunk):workers] = future.result()
    return out


def hash_paths(paths: list[str]) -> list[tuple[int, str] | str]:
    """``(size, raw_sha256)`` of each file, or why it could not be read. Never
    follows a symlink (the walk saw a regular file: a link now is a change),
    never opens a FIFO or a device (non-blocking open, then fstat)."""
    return [hash_quietly(p) for p in paths]


_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
          | getattr(os, "O_CLOEXEC", 0))


def hash_quietly(path: str) -> tuple[int, str] | str:
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    try:
        return hash_fd(fd)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    finally:
        os.close(fd)


def hash_fd(fd: int, info: os.stat_result | None = None) -> tuple[int, str] | str:
    """``(size, raw_sha256)`` of an open file, or "not a regular file" (decided by
    fstat before a byte is read). OSError is the caller's; ``fd`` stays open.

    A small file is read in one call of its size plus one byte (to see that it
    did not grow; a file that did is streamed from the start): asking for 1 MiB
    each time cost a fresh 1 MiB buffer per file (page faults: 2.5x the CPU of
    the whole hashing on 10,000 small files), and ``hashlib.file_digest`` on a
    small file costs twice this read (its 256 KiB buffer and a file object), see
    docs/manifest.md."""
    info = os.fstat(fd) if info is None else info  # ``info``: the fstat of ``fd`` already taken
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size < SMALL_FILE:
        data = os.read(fd, info.st_size + 1)
        if len(data) <= info.st_size:
            return len(data), "sha256:" + hashlib.sha256(data).hexdigest()
        os.lseek(fd, 0, os.SEEK_SET)
    with os.fdopen(os.dup(fd), "rb", buffering=0) as stream:
        digest = hashlib.file_digest(stream, "sha256")
        return stream.tell(), "sha256:" + digest.hexdigest()


def _beneath(root: str, path: str) -> str:
    """The walk's disk path relative to ``root`` (POSIX separators)."""
    prefix = os.path.join(root, "")
    rel = path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, root)
    return rel.replace(os.sep, "/")


def _beneath_all(root: str, paths: list[str]) -> list[str]:
    """:func:`_beneath` of many paths, the prefix joined once (a join per file was
    4% of a plain check's CPU on 50,000 files)."""
    prefix = os.path.join(root, "")
    if os.sep != "/":
        return [_beneath(root, path) for path in paths]
    return [path[len(prefix):] if path.startswith(prefix) else _beneath(root, path) for path in paths]


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def hash_beneath_many(root: str, items: list[tuple[str, int | None]]) -> list[tuple[int, str] | str]:
    """:func:`hash_fd` of each corpus file ``(relative disk path, inode the walk saw)``,
    opened beneath ``root`` as :func:`verify.safeio.open_beneath` does: no symlink
    followed at any component (each folder opened with O_NOFOLLOW from its parent's
    descriptor), and the file must be the one the walk saw. Files in one folder
    share its descriptor (a sorted list opens each folder once): safer than one
    path per file, and cheaper."""
    folders = _Folders(root)
    try:
        return [_hash_in(folders, rel, identity) for rel, identity in items]
    finally:
        folders.close()


def _hash_in(folders: _Folders, rel: str, identity: int | None) -> tuple[int, str] | str:
    """One file of :func:`hash_beneath_many`. The common case (a small regular file
    in the folder already open, the walk's inode, read in one call) takes the
    shortest way: the calls per file were a fifth of a plain check's CPU."""
    folder, _, filename = rel.rpartition("/")
    if folder != folders.name or folders.fd < 0 or not filename:
        return _hash_beneath(folders, rel, identity)
    try:
        fd = os.open(filename, _FLAGS, dir_fd=folders.fd)
    except OSError:
        return _hash_beneath(folders, rel, identity)  # tells why
    try:
        info = os.fstat(fd)
        size = info.st_size
        if (identity is None or info.st_ino == identity) and size < SMALL_FILE and S_ISREG(info.st_mode):
            data = os.read(fd, size + 1)
            if len(data) <= size:
                return len(data), "sha256:" + hashlib.sha256(data).hexdigest()
            os.lseek(fd, 0, os.SEEK_SET)
        return _hash_open(fd, info, identity)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    finally:
        os.close(fd)


def hash_one_beneath(item: tuple[str, str, int | None]) -> tuple[int, str] | str:
    """:func:`hash_beneath_many` of one file ``(root, relative path, inode)`` (for an executor)."""
    return hash_beneath_many(item[0], [(item[1], item[2])])[0]


class _Folders:
    """The descriptor of the last folder opened beneath the root."""

    def __init__(self, root: str) -> None:
        self.root, self.name, self.fd = root, "", -1

    def open(self, folder: str) -> int:
        if self.fd >= 0 and folder == self.name:
            return self.fd
        self.close()
        fd = os.open(self.root, _DIR_FLAGS)
        try:
            for part in folder.split("/") if folder else ():
                if part in ("", ".", ".."):
                    raise OSError(errno.EINVAL, "a path with an empty, '.' or '..' component")
                child = os.open(part, _DIR_FLAGS | getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
                os.close(fd)
                fd = child
        except BaseException:
            os.close(fd)
            raise
        self.name, self.fd = folder, fd
        return fd

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
        self.fd = -1


def _hash_beneath(folders: _Folders, rel: str, identity: int | None) -> tuple[int, str] | str:
    folder, _, filename = rel.rpartition("/")
    try:
        fd = os.open(filename, _FLAGS, dir_fd=folders.open(folder))
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            return "a path component is a symlink now (changed since the walk): refused, never read"
        return f"cannot read: {exc.strerror or exc}"
    try:
        return _hash_open(fd, os.fstat(fd), identity)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    finally:
        os.close(fd)


def _hash_open(fd: int, info: os.stat_result, identity: int | None) -> tuple[int, str] | str:
    if identity is not None and info.st_ino != identity:
        return ("the file was replaced between the walk and the read (another file, or a link "
                "to one): refused")
    return hash_fd(fd, info)


def process_file_item(item: tuple[str, str, Any]) -> Record:
    from verify.pipeline import process_file

    return process_file(*item)


def _pair_moves(missing: list[Entry], new: dict[str, str]) -> tuple[list[Moved], list[str], list[str]]:
    """Pair each missing entry with a new file of the same bytes (in name order)."""
    arrivals: dict[str, list[str]] = defaultdict(list)
    for name, digest in sorted(new.items()):
        arrivals[digest].append(name)
    moved, still_missing = [], []
    for entry in missing:
        old = entry.raw_sha256
        if old is not None and arrivals.get(old):
            moved.append(Moved(entry.path, arrivals[old].pop(0), old))
        else:
            still_missing.append(entry.path)
    gone = {m.new_path for m in moved}
    return moved, still_missing, [n for n in sorted(new) if n not in gone]


def _swapped(modified: Modified, recorded: dict[str, str]) -> Modified:
    """``modified``, naming the other changed file whose recorded bytes it now holds."""
    other = recorded.get(modified.new_raw or "")
    return modified if other is None or other == modified.path else replace(modified, bytes_of=other)


def _modified(entry: Entry, new_raw: str, record: Record, detail: dict[str, Any] | None) -> Modified:
    old_text = entry.text_sha256
    if entry.profile not in (None, record.profile) and record.profile is not None:
        return Modified(entry.path, entry.raw_sha256, new_raw, None, old_text, record.text_sha256,
                        note=_profile_note(entry.profile))
    if record.error is not None or old_text is None:
        note = f"cannot extract now: {record.error}" if record.error else "no canonical text on record"
        return Modified(entry.path, entry.raw_sha256, new_raw, None, old_text,
                        record.text_sha256, note=note)
    changed = record.text_sha256 != old_text
    if not changed and not (record.text or "").strip():
        # No words on either side (a scan without a text layer, an image): the
        # bytes changed and nothing says whether what they show did (audit4).
        return Modified(entry.path, entry.raw_sha256, new_raw, None, old_text, record.text_sha256,
                        note="no text on either side to compare (pages of images, a scan without OCR?): "
                             "whether what it shows changed cannot be told")
    if not changed and record.removed_sha256 != entry.removed_sha256:
        before = tuple(detail["removed"]) if detail and isinstance(detail.get("removed"), list) else ()
        return Modified(entry.path, entry.raw_sha256, new_raw, False, old_text, record.text_sha256,
                        furniture_changed=True,
                        removed_before=tuple(x for x in before if x not in record.removed),
                        removed_now=tuple(x for x in record.removed if x not in before),
                        note=_removed_lines_note(list(before), record.removed) if detail
                        else "the removed lines on record are not available")
    old_paragraphs = list(detail.get("paragraphs", [])) if detail else []
    return Modified(entry.path, entry.raw_sha256, new_raw, changed, old_text, record.text_sha256,
                    paragraphs=_paragraph_diff(old_paragraphs, list(record.paragraphs))
                    if changed and detail else {},
                    note=None if detail or not changed else "paragraph digests on record are not available")


def _removed_lines_note(old: list[str], new: tuple[str, ...], limit: int = 3) -> str:
    """The removed pieces (chrome, furniture) that went or came, a few of each."""
    gone = [p for p in old if p not in set(new)][:limit]
    came = [p for p in new if p not in set(old)][:limit]
    parts = [f"- {p[:80]!r}" for p in gone] + [f"+ {p[:80]!r}" for p in came]
    return "removed material: " + ("; ".join(parts) if parts else "same pieces, in another order")


def _profile_note(profile: str) -> str:
    from verify.normalize import PROFILE, RETIRED

    if profile in RETIRED:
        return (f"the manifest was made with profile {profile}, which this version no longer computes "
                f"(bytes are still checked); rebuild it with `verify build` to record {PROFILE.name} texts")
    return f"the manifest used profile {profile}, not available here"


def _paragraph_diff(old: list[str], new: list[str]) -> dict[str, list[int]]:
    """Which paragraphs changed, were added or removed (1-based; old numbering for removed)."""
    out: dict[str, list[int]] = {"changed": [], "added": [], "removed": []}
    import difflib  # here: only a content change needs it (start-up)

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace":
            common = min(a1 - a0, b1 - b0)
            out["changed"].extend(range(b0 + 1, b0 + common + 1))
            out["added"].extend(range(b0 + common + 1, b1 + 1))
            out["removed"].extend(range(a0 + common + 1, a1 + 1))
        elif op == "insert":
            out["added"].extend(range(b0 + 1, b1 + 1))
        elif op == "delete":
            out["removed"].extend(range(a0 + 1, a1 + 1))
    return out


def _drift(entry: Entry, record: Record) -> Drifted | None:
    old_error = entry.error_code
    new_error = None if record.error_code == "ingest.unsupported" else record.error_code
    if record.text_sha256 == entry.text_sha256 and new_error == old_error:
        return None
    note = None
    if new_error != old_error:
        note = f"extraction error was {old_error or 'none'}, now {new_error or 'none'}"
    elif entry.profile is not None and entry.profile != record.profile:
        note = _profile_note(entry.profile)
    elif entry.extractor == record.extractor and entry.profile == record.profile:
        # Nothing named changed, yet the text did: say what that means, rather
        # than a line that reads as if this tool had changed (an audit's case).
        note = ("the same extractor and profile give another canonical text from the same bytes: "
                "the manifest's text digest was edited, or a library the extractor id does not "
                "name changed what it extracts")
    return Drifted(entry.path, entry.text_sha256, record.text_sha256, entry.extractor,
                   record.extractor, entry.profile, record.profile, note)
