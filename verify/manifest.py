"""Manifests: the on-disk record of a corpus. Read strictly, written atomically.

Format ``verify-manifest/2`` (docs/manifest.md) is JSON Lines: line 1 is the
header (format, generator, profile, root, works, and the name and digest of
the record store), then one line per file, sorted by path. Every line is
canonical JSON (sorted keys, no whitespace, UTF-8), which is also what the
Merkle leaves commit to, so a leaf is the line's bytes with a label. The
fixity line of a file is about 400 bytes, whatever the document; the detailed
record (paragraph digests, normalisation changes, removed lines, findings,
metadata) lives in the record store beside the manifest (:mod:`verify.records`
style functions below), keyed by raw digest, profile and extractor.

Reading fails closed: a duplicate key, a NaN, a float, an unknown field, an
unknown digest algorithm, an unsafe path, an unsorted or repeated path is a
:class:`~verify.errors.ManifestError`, never a pass. A ``verify-manifest/1``
file (one JSON document) is refused with a message that says how to rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, cast

from verify import strictjson
from verify._version import __version__
from verify.errors import ManifestError, UnsafePath

if TYPE_CHECKING:  # seven dataclasses to make at import: a plain check's start-up needs none
    from verify.model import Change, Format, Record
    from verify.lock import manifest_lock as manifest_lock


def __getattr__(name: str) -> Any:
    """``manifest_lock`` moved to :mod:`verify.lock` and is still importable from here,
    imported when asked for (a plain check does not take the lock: start-up time)."""
    if name == "manifest_lock":
        from verify.lock import manifest_lock

        return manifest_lock
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FORMAT = "verify-manifest/2"
OLD_FORMATS = ("verify-manifest/1",)
#: Manifests larger than this are refused before parsing (when read whole).
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
#: One line of a manifest (header or entry) is at most this long.
MAX_LINE_BYTES = 16 * 1024 * 1024
#: The schema allows no more nesting than this; deeper JSON is hostile.
MAX_DEPTH = 32
#: Lines parsed per strict-JSON call when streaming (bounded memory, few calls).
BATCH = 512
#: Bytes of a span read at once by :meth:`EntryStream.blocks` (about 1,800 plain lines).
BLOCK_BYTES = 256 * 1024

Kind = Literal["file", "link"]
_FORMATS = ("pdf", "html", "text", "unknown")
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}\Z")
_CODE = re.compile(r"[a-z_]+(\.[a-z_]+)*\Z")


# --------------------------------------------------------------------------- names

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPE_RE = re.compile(r"\\(x[0-9a-f]{2}|[\\nrt])")
_PLAIN_NEEDS_ESCAPE = re.compile(rb"[\x00-\x1f\x7f\\]")
_DRIVE = re.compile(rb"[A-Za-z]:")
#: Plain ASCII names that need no further checks (most names): fast path of check_relative_path.
_SIMPLE_PATH = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~]*(/[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~]*)*\Z")


def json_name(path: str) -> str:
    """A path as given on the command line, for JSON output: itself when it is
    Unicode, else (a name that is not UTF-8: lone surrogates, which no UTF-8
    writer can take) its manifest form, odd bytes escaped (:func:`encode_name`)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return encode_name(os.fsencode(path))
    return path


def encode_name(raw: bytes) -> str:
    """A file name (the exact bytes, ``os.fsencode``) as a manifest path string.

    Valid UTF-8 is kept as it is; a backslash, a control character (C0 or
    DEL) and every byte that is not part of valid UTF-8 are escaped
    (``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\xHH``), and the rest is put in NFC (two
    names equal after NFC are reported as twins by the walk). Where NFC would
    fuse a combining mark with an escape, every non-ASCII byte is escaped
    instead. So any name that is NFC or needs an escape round-trips through
    :func:`decode_name`.

    >>> encode_name(b"a\\nb\\xff.txt")
    'a\\\\nb\\\\xff.txt'
    >>> decode_name(encode_name(b"a\\nb\\xff\\\\c"))
    b'a\\nb\\xff\\\\c'
    """
    if raw.isascii() and not _PLAIN_NEEDS_ESCAPE.search(raw) and not _DRIVE.match(raw):
        return raw.decode("ascii")
    text = raw.decode("utf-8", "surrogateescape")
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not valid UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    if len(out) > 1 and out[1] == ":" and out[0].isascii() and out[0].isalpha():
        out[1] = "\\x3a"  # "C:..." would read as a Windows drive: escaped, so no name is refused
    joined = "".join(out)
    normal = unicodedata.normalize("NFC", joined)
    if normal != joined and "\\" in joined:
        # NFC would fuse a combining mark with the last letter of an escape
        # ("\\xab" + U+0331 -> "\\xa" + "ḇ"): a path nobody could read back.
        # Every non-ASCII character is escaped byte by byte instead: pure
        # ASCII (NFC by definition) and an exact round trip.
        return "".join(c if c.isascii() else "".join(f"\\x{b:02x}" for b in c.encode("utf-8"))
                       for c in joined)
    return normal


def decode_name(name: str) -> bytes:
    """The file-name bytes of a manifest path (inverse of :func:`encode_name`)."""
    out = bytearray()
    pos = 0
    for match in _ESCAPE_RE.finditer(name):
        out += name[pos:match.start()].encode("utf-8")
        token = match.group(1)
        out += bytes([int(token[1:], 16)]) if token[0] == "x" else {
            "\\": b"\\", "n": b"\n", "r": b"\r", "t": b"\t"}[token]
        pos = match.end()
    out += name[pos:].encode("utf-8")
    return bytes(out)


def check_relative_path(name: str) -> None:
    """Refuse a manifest path that is not a plain relative POSIX path in NFC,
    written in the escapes of :func:`encode_name`."""
    if _SIMPLE_PATH.match(name):
        return
    problems = []
    if not name:
        problems.append("it is empty")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        problems.append("it contains an unescaped control character")
    if name.startswith("/") or _DRIVE.match(name.encode("utf-8", "surrogatepass")):
        problems.append("it is absolute")
    if "\\" in _ESCAPE_RE.sub("", name):
        problems.append("it contains a backslash that is not an escape (\\\\, \\n, \\r, \\t, \\xHH)")
    elif b"\x00" in decode_name(name):
        problems.append("it contains a NUL")
    segments = name.split("/")
    if ".." in segments:
        problems.append("it climbs out of the root (..)")
    if any(part in ("", ".") for part in segments):
        problems.append("it has an empty or '.' segment")
    if unicodedata.normalize("NFC", name) != name:
        problems.append("it is not in Unicode NFC")
    if problems:
        raise UnsafePath(f"refused manifest path {name!r}: {', '.join(problems)}")


# --------------------------------------------------------------------------- entries

@dataclass(frozen=True, slots=True)  # slots: a third of the memory per entry
class Entry:
    """The fixity line of one file: what ``check`` needs, nothing more.

    ``kind`` is ``"link"`` for a symlink, recorded with its ``target`` (never
    followed); a file that no ingester reads (an image, an archive) is an
    entry with digests of its bytes only (``text_sha256`` None, no error).
    """

    path: str
    size: int
    raw_sha256: str | None
    format: Format = "unknown"
    kind: Kind = "file"
    target: str | None = None
    text_sha256: str | None = None
    removed_sha256: str | None = None
    profile: str | None = None
    extractor: str | None = None
    error: str | None = None
    error_code: str | None = None
    provenance: tuple[tuple[str, str], ...] = ()

    @property
    def record_key(self) -> str | None:
        """Where the detailed record is in the record store (None: there is none)."""
        if self.raw_sha256 is None or self.kind != "file":
            return None
        return f"{self.raw_sha256} {self.profile} {self.extractor}"

    def provenance_dict(self) -> dict[str, str]:
        return dict(self.provenance)

    def to_json(self) -> dict[str, Any]:
        """The entry's line: fields that have their default value are left out
        (``kind`` "file", no target, no error, no provenance ...), which keeps
        a line near 300 bytes; ``path``, ``size`` and ``raw_sha256`` are always there."""
        doc: dict[str, Any] = {}
        for name, default in _DEFAULTS.items():
            value = getattr(self, name)
            if value != default:
                doc[name] = dict(value) if name == "provenance" else value
        for name in _REQUIRED:
            doc[name] = getattr(self, name)
        return doc

    @classmethod
    def from_json(cls, doc: Any, source: str | None = None) -> Entry:
        """An entry from its parsed JSON line, every field checked (fail closed)."""
        if not isinstance(doc, dict):
            raise ManifestError("an entry is not a JSON object", path=source)
        keys = doc.keys()
        if not (_REQUIRED <= keys <= _ENTRY_KEYS):
            extra, missing = sorted(keys - _ENTRY_KEYS), sorted(_REQUIRED - keys)
            raise ManifestError(f"entry {str(doc.get('path'))[:200]!r}: "
                                + "; ".join(([f"unknown fields {extra}"] if extra else [])
                                            + ([f"missing fields {missing}"] if missing else [])),
                                path=source)
        values = {**_JSON_DEFAULTS, **doc}
        problem = _entry_problem(values) or _default_written(doc)
        if problem:
            raise ManifestError(f"entry {str(doc.get('path'))[:200]!r}: {problem}", path=source)
        values["provenance"] = tuple(sorted(values["provenance"].items()))
        return cls(**values)


_ENTRY_KEYS = frozenset(f.name for f in fields(Entry))
_REQUIRED = frozenset(("path", "size", "raw_sha256"))
_DEFAULTS = {f.name: f.default for f in fields(Entry) if f.name not in _REQUIRED}
_JSON_DEFAULTS: dict[str, Any] = {**_DEFAULTS, "provenance": {}}


def _default_written(doc: dict[str, Any]) -> str | None:
    """One entry, one line: a field written with its default value is not canonical."""
    for key, value in doc.items():
        if key in _JSON_DEFAULTS and value == _JSON_DEFAULTS[key] and type(value) is type(
                _JSON_DEFAULTS[key]):
            return f"field {key} is written with its default value (not canonical)"
    return None
_OPTIONAL_STR = ("target", "profile", "extractor", "error")
_PROVENANCE_KEYS = frozenset(("title", "publisher", "author", "origin", "url", "retrieved", "language",
                              "work", "role", "rendered_from", "licence", "notes"))


def _entry_problem(doc: dict[str, Any]) -> str | None:
    if not isinstance(doc["path"], str) or not 0 < len(doc["path"]) <= 4096:
        return "path is not a string of 1-4096 characters"
    if type(doc["size"]) is not int or doc["size"] < 0:
        return "size is not a non-negative integer"
    if doc["format"] not in _FORMATS or doc["kind"] not in ("file", "link"):
        return "unknown format or kind"
    for key in ("raw_sha256", "text_sha256", "removed_sha256"):
        value = doc[key]
        if value is not None and not (isinstance(value, str) and _DIGEST.match(value)):
            return f"{key} is not a sha256:<64 hex> digest"
    for key in _OPTIONAL_STR:
        if doc[key] is not None and not (isinstance(doc[key], str) and len(doc[key]) <= 100_000):
            return f"{key} is not a string"
    if doc["error_code"] is not None and not (isinstance(doc["error_code"], str)
                                              and _CODE.match(doc["error_code"])):
        return "error_code is not a dotted code"
    if (doc["kind"] == "link") != (doc["target"] is not None):
        return "a link has a target, a file none"
    provenance = doc["provenance"]
    if not isinstance(provenance, dict) or not set(provenance) <= _PROVENANCE_KEYS or not all(
            isinstance(v, str) for v in provenance.values()):
        return "provenance is not a table of known string fields"
    for key, value in provenance.items():
        rule = _PROVENANCE_RULES.get(key)
        if (rule is None and key not in ("work", "rendered_from") and len(value) > 100_000) or (
                rule is not None and not rule(value)):
            return f"provenance {key} {value[:100]!r} is not allowed"
    return None


_PROVENANCE_RULES: dict[str, Callable[[str], bool]] = {
    "retrieved": lambda v: re.search(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}", v) is not None,
    "language": lambda v: re.search(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", v) is not None,
    "role": lambda v: v in ("original", "translation", "rendering", "edition", "version"),
}


def entry_from_record(record: Record, provenance: Mapping[str, Any] | None = None) -> Entry:
    """The fixity entry of one record."""
    return Entry(
        path=record.path, size=record.size, raw_sha256=record.raw_sha256, format=record.format,
        text_sha256=record.text_sha256, removed_sha256=record.removed_sha256,
        profile=record.profile, extractor=record.extractor, error=record.error,
        error_code=None if record.error is None else (record.error_code or "error"),
        provenance=tuple(sorted((str(k), str(v)) for k, v in (provenance or {}).items())),
    )


def detail_from_record(record: Record, findings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The record-store line of one record (without its key)."""
    doc: dict[str, Any] = {
        "paragraphs": list(record.paragraphs),
        "encoding": record.encoding,
        "changes": [_change_json(c) for c in record.changes],
        "removed": list(record.removed),
        "metadata": dict(record.metadata),
        "warnings": list(record.warnings),
    }
    if findings is not None:
        doc["findings"] = findings
    return doc


def _change_json(change: Change) -> dict[str, Any]:
    return {"step": change.step, "count": change.count,
            "examples": list(change.examples), "params": list(change.params)}


@dataclass(frozen=True)
class Manifest:
    """A corpus manifest: one entry per file, sorted by path."""

    entries: tuple[Entry, ...]
    profile: str = "canon/7"
    generator: str = f"verify {__version__}"
    root: str | None = None
    works: Mapping[str, Any] = field(default_factory=dict)
    #: The record store's file name (beside the manifest) and the digest of its bytes.
    records: str | None = None
    records_sha256: str | None = None

    def by_path(self) -> dict[str, Entry]:
        return {entry.path: entry for entry in self.entries}

    def header(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"format": FORMAT, "generator": self.generator,
                               "profile": self.profile, "works": dict(self.works),
                               "records": self.records, "records_sha256": self.records_sha256}
        if self.root is not None:
            doc["root"] = self.root
        return doc

    def to_json(self) -> dict[str, Any]:
        """The whole manifest as one JSON value (for exports and reports)."""
        return {**self.header(), "entries": [e.to_json() for e in self.entries]}


# --------------------------------------------------------------------------- writing

def canonical_line(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8, a final newline: one manifest line."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8") + b"\n"


def dumps(manifest: Manifest) -> bytes:
    """The canonical bytes of a manifest (header line, then one line per entry)."""
    return b"".join(_lines(manifest))


def header_line(manifest: Manifest) -> bytes:
    """The first line of a manifest: its header, validated."""
    header = manifest.header()
    validate(header)
    return canonical_line(header)


def _lines(manifest: Manifest) -> Iterator[bytes]:
    yield header_line(manifest)
    previous: str | None = None
    for entry in manifest.entries:
        if previous is not None and not previous < entry.path:
            raise ManifestError(f"entries are not sorted by path: {entry.path!r} after {previous!r}")
        previous = entry.path
        yield canonical_line(entry.to_json())


def write_manifest(manifest: Manifest, path: str | os.PathLike[str]) -> None:
    """Write atomically, line by line: a temporary file in the same folder, fsync, rename.

    A reader (or a crash) sees the old manifest or the new one, never half.
    """
    with atomic_writer(Path(path)) as stream:
        for line in _lines(manifest):
            stream.write(line)


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_writer(path) as stream:
        stream.write(data)


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A stream to a temporary file that replaces ``path`` (after fsync) when the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: it imports shutil, random, bz2, lzma (a plain check's start-up)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        with _suppress_os_error():
            os.unlink(tmp)
        raise
    with _suppress_os_error():
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _suppress_os_error:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: object, tb: object) -> bool:
        return isinstance(exc, OSError)


# --------------------------------------------------------------------------- the record store

def not_ours(path: str | os.PathLike[str], what: str) -> str | None:
    """Why ``path`` must not be replaced by a build, or None: an existing,
    non-empty file that is not a verify manifest (``what="manifest"``) or record
    store (``what="store"``): ``build -m README.md`` must not destroy a document."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot inspect it: {exc.strerror or exc}"
    if not head:
        return None
    if what == "manifest":
        ours = head.startswith(b'{"format":"verify-manifest/') or (
            head.lstrip().startswith(b"{") and b"verify-manifest/1" in head)
    else:
        ours = head.startswith(b'{"')
    if ours:
        return None
    return (f"it exists and is not a verify {'manifest' if what == 'manifest' else 'record store'}: "
            "refused (it would be replaced); remove it or choose another path")


def records_name(manifest_path: str | os.PathLike[str]) -> str:
    """``sources.json`` -> ``sources.records.jsonl`` (beside it)."""
    name = Path(manifest_path).name
    stem = name[: -len(".json")] if name.endswith(".json") else name
    return f"{stem}.records.jsonl"


def write_records(path: Path, details: Iterable[tuple[str, dict[str, Any]]]) -> str:
    """Write the record store (one canonical line per key, sorted, each key once)
    atomically; return the digest of its bytes."""
    digest = hashlib.sha256()
    with atomic_writer(path) as stream:
        previous = None
        for key, detail in sorted(details, key=lambda kv: kv[0]):
            if key == previous:
                continue
            previous = key
            line = canonical_line({"key": key, **detail})
            digest.update(line)
            stream.write(line)
    return "sha256:" + digest.hexdigest()


def read_records(path: str | os.PathLike[str], keys: Iterable[str] | None = None,
                 expect_sha256: str | None = None) -> dict[str, dict[str, Any]]:
    """The records of ``keys`` (all when None), read as a stream. A store whose bytes
    do not have the digest the manifest names is a ManifestError."""
    wanted = None if keys is None else set(keys)
    found: dict[str, dict[str, Any]] = {}
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for batch in _batches(stream, digest):
                for doc in _parse_batch(batch, f"record store {path}"):
                    key = doc.pop("key", None) if isinstance(doc, dict) else None
                    if not isinstance(key, str):
                        raise ManifestError("a record without a key", path=str(path))
                    if wanted is None or key in wanted:
                        found[key] = doc
    except OSError as exc:
        raise ManifestError(f"cannot read the record store: {exc.strerror or exc}", path=str(path)) from exc
    if expect_sha256 is not None and "sha256:" + digest.hexdigest() != expect_sha256:
        raise ManifestError("the record store's bytes are not the ones the manifest names "
                            f"({expect_sha256})", path=str(path))
    return found


# --------------------------------------------------------------------------- reading

def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read and validate a whole manifest; every problem is a ManifestError."""
    return loads(read_manifest_bytes(path), source=str(path))


def read_manifest_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a manifest file, refused over the size limit or when it is not a
    regular file (read once: what is parsed is what a signature is checked against)."""
    from verify.safeio import read_regular

    return read_regular(path, "manifest", limit=MAX_MANIFEST_BYTES,
                        error=functools.partial(ManifestError, path=str(path)))


def loads(data: bytes, source: str | None = None) -> Manifest:
    lines = iter(data.splitlines(keepends=True))
    with _Reader(lines, source) as reader:
        header = reader.header
        entries = tuple(reader)
    return _manifest(header, entries)


def _manifest(header: dict[str, Any], entries: tuple[Entry, ...]) -> Manifest:
    return Manifest(entries=entries, profile=header["profile"], generator=header["generator"],
                    root=header.get("root"), works=header["works"], records=header["records"],
                    records_sha256=header["records_sha256"])


@contextmanager
def open_manifest(path: str | os.PathLike[str]) -> Iterator[tuple[Manifest, Iterator[Entry]]]:
    """Stream a manifest: its header (as a Manifest without entries) and an
    iterator over its entries, read and checked in batches (bounded memory)."""
    from verify.safeio import open_regular

    # A regular file within the (streamed: larger) limit; a FIFO or a device is refused unread.
    fd = open_regular(path, "manifest", limit=8 * MAX_MANIFEST_BYTES,
                      error=functools.partial(ManifestError, path=str(path)))
    with os.fdopen(fd, "rb") as stream:
        reader = _Reader(iter(stream), str(path))
        yield _manifest(reader.header, ()), iter(reader)


#: A plain entry line read and checked but not made an :class:`Entry`:
#: ``(path, size, raw_sha256, the decoded line)``; :func:`plain_entry` makes it one.
PlainLine = tuple[str, int, str, str]


@contextmanager
def open_manifest_light(path: str | os.PathLike[str],
                        ) -> Iterator[tuple[Manifest, EntryStream]]:
    """:func:`open_manifest`, but a plain line comes as a :data:`PlainLine`: the
    same checks, no Entry built (a plain check builds one only for a file that
    is missing or changed: building them was half the cost of reading a line).

    The entries are an :class:`EntryStream`: read in order here, or in name
    ranges by forked processes (:meth:`EntryStream.spans`)."""
    from verify.safeio import open_regular

    fd = open_regular(path, "manifest", limit=8 * MAX_MANIFEST_BYTES,
                      error=functools.partial(ManifestError, path=str(path)))
    try:
        stream = EntryStream(fd, str(path))
        yield _manifest(stream.header, ()), stream
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Span:
    """A part of a manifest's entry lines: bytes ``[start, end)`` (``end`` None: to the
    end of the file), whose paths must be in ``[low, high)`` (None: unbounded);
    ``low`` is the path of its first line."""

    start: int
    end: int | None
    low: str | None
    high: str | None


class EntryStream:
    """The entry lines of an open manifest, read with ``pread`` on its descriptor
    (no shared file offset, so forked processes can read parts of it at once).

    Iterated, it gives every entry in order, as :func:`open_manifest_light`
    promises. :meth:`spans` cuts it into parts at line starts (by bytes, so the
    parts hold about as many entries) and :meth:`read` reads one part with every
    check of the whole, plus one: each path in ``[low, high)``. Parts that are
    each in order and within their bounds make a whole in order: a manifest
    that is not sorted, or repeats a path, is refused all the same."""

    def __init__(self, fd: int, source: str) -> None:
        self.fd, self.source = fd, source
        first = next(_pread_lines(fd, 0, None, source), b"")
        self.header: dict[str, Any] = _Reader(iter((first,)), source).header
        self.start = len(first)
        self.used = False

    def __iter__(self) -> Iterator[Entry | PlainLine]:
        self.used = True
        return self.read(self.whole)

    @property
    def whole(self) -> Span:
        return Span(self.start, None, None, None)

    def read(self, span: Span) -> Iterator[Entry | PlainLine]:
        return _SpanReader(_pread_lines(self.fd, span.start, span.end, self.source), self.source,
                           span.low, span.high).light()

    def blocks(self, span: Span) -> Iterator[PlainBlock | list[Entry | PlainLine]]:
        """:meth:`read` a block of lines at a time (docs/scale.md, "Ninth pass"): while
        every line is plain, a :class:`PlainBlock` of columns a block (one decode, one
        match of the block, its order checked at once); from a block that is not (a
        line not plain, or out of order), lists of what :meth:`read` gives for the
        rest of the span. The same entries, the same error at the same line: the
        rest is read by :meth:`read` from the span's start (its batches cut where
        they are, and a batch's damaged line is refused before its other lines),
        the lines already given skipped."""
        reader = _SpanReader(iter(()), self.source, span.low, span.high)
        done = 0
        for chunk in _pread_blocks(self.fd, span.start, span.end, self.source, BLOCK_BYTES):
            block = _plain_block(chunk) if len(chunk) <= MAX_LINE_BYTES else None
            if block is None or not reader._in_order(block.paths):
                break
            done += len(block.paths)
            yield block
        else:
            return
        rest = itertools.islice(self.read(span), done, None)
        while batch := list(itertools.islice(rest, BATCH)):
            yield batch

    def spans(self, parts: int) -> list[Span]:
        """At most ``parts`` spans covering every entry line, cut where a line starts
        near each ``1/parts`` of the bytes. One span when the manifest is too odd to
        cut (a cut's line that does not parse, cut paths not increasing): the
        reading then refuses what is wrong, as the whole would be."""
        size = os.fstat(self.fd).st_size
        cuts: list[tuple[int, str]] = []
        for i in range(1, parts):
            cut = _line_after(self.fd, self.start + (size - self.start) * i // parts, size)
            if cut is not None and cut[0] > (cuts[-1][0] if cuts else self.start):
                cuts.append(cut)
        if any(a[1] >= b[1] for a, b in itertools.pairwise(cuts)):
            cuts = []
        starts = [self.start] + [offset for offset, _ in cuts]
        ends: list[int | None] = [offset for offset, _ in cuts] + [None]
        lows: list[str | None] = [None] + [path for _, path in cuts]
        highs: list[str | None] = [path for _, path in cuts] + [None]
        return [Span(*span) for span in zip(starts, ends, lows, highs, strict=True)]


def _line_after(fd: int, position: int, size: int) -> tuple[int, str] | None:
    """The offset and path of the first line starting after ``position`` (None when
    there is none, or it is long or does not parse: no cut there)."""
    window = os.pread(fd, 1 << 16, position - 1)
    newline = window.find(b"\n")
    if newline < 0 or position + newline >= size:
        return None
    offset = position + newline
    line = os.pread(fd, 1 << 16, offset)
    end = line.find(b"\n")
    text = _plain_text(line[:end + 1]) if end >= 0 else None
    if text is None:
        return None
    match = _PLAIN_TEXT.match(text)
    if match is not None:
        return offset, match.group("path")
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    path = doc.get("path") if isinstance(doc, dict) else None
    return (offset, path) if isinstance(path, str) else None


def _pread_lines(fd: int, start: int, end: int | None, source: str | None,
                 block: int = 1 << 20) -> Iterator[bytes]:
    """The lines of bytes ``[start, end)`` of ``fd`` (``end`` None: to the end of the
    file), each with its newline (the last one without, when it has none); only
    ``\n`` ends a line, as in iterating a file."""
    for chunk in _pread_blocks(fd, start, end, source, block):
        yield from io.BytesIO(chunk).readlines()


def _pread_blocks(fd: int, start: int, end: int | None, source: str | None,
                  block: int) -> Iterator[bytes]:
    """The bytes ``[start, end)`` of ``fd`` (``end`` None: to the end of the file) in
    blocks of whole lines: each block ends with a newline, save the last when the
    file does not; a line longer than the limit is refused."""
    position, rest = start, b""
    while end is None or position < end:
        data = os.pread(fd, block if end is None else min(block, end - position), position)
        if not data:
            break
        position += len(data)
        data = rest + data if rest else data
        cut = data.rfind(b"\n") + 1
        rest = data[cut:]
        if len(rest) > MAX_LINE_BYTES:
            raise ManifestError(f"a line of more than {MAX_LINE_BYTES} bytes is over the limit",
                                path=source)
        if cut:
            yield data[:cut]
    if rest:
        yield rest


class PlainBlock(NamedTuple):
    """Lines that are all plain, as columns: paths, raw digests (the 64 hex digits,
    without "sha256:"), sizes (as written), the lines' text, and the digests' digits
    joined."""

    paths: list[str]
    hexes: tuple[str, ...]
    sizes: tuple[str, ...]
    text: str
    digits: str  # the raw digests' hex digits, joined

    def lines(self) -> list[PlainLine]:
        """The lines as :meth:`EntryStream.read` gives them."""
        texts = self.text.split("\n")
        return [(path, int(size), "sha256:" + raw, text + "\n")
                for path, size, raw, text in zip(self.paths, self.sizes, self.hexes, texts[:-1],
                                                 strict=True)]


def _plain_block(chunk: bytes) -> PlainBlock | None:
    """A block of lines (each ending with a newline) as a :class:`PlainBlock` when
    every line matches :data:`_PLAIN_TEXT`, else None: as :func:`_plain_rows`, one
    match of the block's text, each match one whole line."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None
    rows: list[tuple[str, str, str]] = _plain_columns().findall(text)
    if not rows or len(rows) != text.count("\n") or not text.endswith("\n"):
        return None
    paths, hexes, sizes = zip(*rows, strict=True)
    digits = "".join(hexes)
    if not digits.isascii() or digits.encode("ascii").translate(None, b"0123456789abcdef"):
        return None  # a raw digest that is not 64 hex digits: not plain
    return PlainBlock(list(paths), hexes, sizes, text, digits)


@functools.cache
def _plain_columns() -> re.Pattern[str]:
    """:func:`_plain_run` with the raw digest's 64 characters captured, any but a
    newline: :func:`_plain_block` then asks that they all be hex digits, at once
    for the block (a character class per digit was a fifth of the match). A
    match whose digits are hex digits is the reference's match, with its groups:
    the same pattern, the same order of trials, one class wider."""
    pattern = _plain_run().pattern
    raw = "(?P<raw>sha256:[0-9a-f]{64})"
    assert pattern.count(raw) == 1
    compiled = re.compile(pattern.replace(raw, "sha256:(?P<raw>.{64})"))
    assert list(compiled.groupindex) == ["path", "raw", "size"] and compiled.groups == 3
    return compiled


def plain_entry(line: str) -> Entry:
    """The :class:`Entry` of a :data:`PlainLine`'s line (matched when it was read)."""
    match = _PLAIN_TEXT.match(line)
    assert match is not None
    return _entry_of(match)


class _Reader:
    """Header first, then entries in batches; paths checked (safe, sorted, unique).

    Every path must be in NFC, so two entries can never be Unicode twins."""

    def __init__(self, lines: Iterator[bytes], source: str | None) -> None:
        self.lines: Iterable[bytes] = lines
        self.source = source
        first = next(lines, b"")
        if not first.strip():
            raise ManifestError("the manifest is empty", path=source)
        if first.lstrip().startswith(b"{") and not first.rstrip().endswith(b"}"):
            raise ManifestError(_old_or_damaged(first), path=source)
        header = strictjson.loads(first, None, limit=MAX_LINE_BYTES, floats=False, max_depth=MAX_DEPTH,
                                  error=functools.partial(ManifestError, path=source))
        if isinstance(header, dict) and header.get("format") in OLD_FORMATS:
            raise ManifestError(_old_or_damaged(first), path=source)
        validate(header, source)
        self.header: dict[str, Any] = header
        self.previous: str | None = None

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __iter__(self) -> Iterator[Entry]:
        for batch in _batches(self.lines, None):
            plain = [_plain_entry(line) for line in batch]
            if None in plain:  # the others: parsed and checked field by field
                docs = iter(_parse_canonical([ln for ln, e in zip(batch, plain, strict=True)
                                              if e is None], self.source))
                for entry in plain:
                    if entry is None:
                        entry = Entry.from_json(next(docs), self.source)
                        check_relative_path(entry.path)
                    self._check_order(entry.path)
                    yield entry
            else:  # a plain line's path is plain by construction (_PLAIN_LINE: no '', '.' or '..')
                for entry in plain:
                    assert entry is not None
                    self._check_order(entry.path)
                    yield entry

    def light(self) -> Iterator[Entry | PlainLine]:
        """As iteration, a plain line as a :data:`PlainLine` (same checks, same order)."""
        match_plain = _PLAIN_TEXT.match
        for batch in _batches(self.lines, None):
            try:  # no call per line: most manifests are UTF-8 throughout
                texts: list[str | None] = [line.decode("utf-8") for line in batch]
            except UnicodeDecodeError:
                texts = [_plain_text(line) for line in batch]
            else:
                rows = _plain_rows(texts)  # type: ignore[arg-type]
                if rows is not None:  # all plain (most batches): the order checked a batch at once
                    self._check_run([row[0] for row in rows])
                    for (path, raw, size), text in zip(rows, texts, strict=True):
                        yield path, int(size), raw, text  # type: ignore[misc]
                    continue
            # Some line is not plain: each line as __iter__ reads it.
            matches = [None if text is None else match_plain(text) for text in texts]
            docs = iter(_parse_canonical([ln for ln, m in zip(batch, matches, strict=True)
                                          if m is None], self.source))
            for text, match in zip(texts, matches, strict=True):
                if match is None:
                    entry = Entry.from_json(next(docs), self.source)
                    check_relative_path(entry.path)
                    self._check_order(entry.path)
                    yield entry
                else:
                    assert text is not None
                    path, size, raw = match.group(_PATH, _SIZE, _RAW)
                    self._check_order(path)
                    yield path, int(size), raw, text

    def _check_order(self, name: str) -> None:
        if self.previous is not None and not self.previous < name:
            raise UnsafePath(f"path {name!r} is out of order or appears twice", path=self.source)
        self.previous = name

    def _check_run(self, names: list[str]) -> None:
        """:meth:`_check_order` of each name in turn (the same error at the same name).
        A run that increases and ends within the bounds needs only its first name
        checked (against the previous one and the lower bound)."""
        if len(names) > 1 and all(map(operator.lt, names, names[1:])) and self._below(names[-1]):
            self._check_order(names[0])
            self.previous = names[-1]
        else:
            for name in names:
                self._check_order(name)

    def _in_order(self, names: list[str]) -> bool:
        """:meth:`_check_run`, False for its error (the state as it was)."""
        previous = self.previous
        try:
            self._check_run(names)
        except ManifestError:
            self.previous = previous
            return False
        return True

    def _below(self, name: str) -> bool:
        """Whether ``name`` is below the upper bound (none here)."""
        return True


class _SpanReader(_Reader):
    """The entry lines of a :class:`Span`: no header; the first path is ``low``, every
    path is below ``high``."""

    def __init__(self, lines: Iterator[bytes], source: str | None, low: str | None,
                 high: str | None) -> None:
        self.lines, self.source, self.header = lines, source, {}
        self.previous, self.low, self.high = None, low, high

    def _check_order(self, name: str) -> None:
        if self.previous is None and self.low is not None and name != self.low:
            raise ManifestError("the manifest changed while it was read", path=self.source)
        if (self.previous is not None and not self.previous < name) or (
                self.high is not None and not name < self.high):
            raise UnsafePath(f"path {name!r} is out of order or appears twice", path=self.source)
        self.previous = name

    def _below(self, name: str) -> bool:
        return self.high is None or name < self.high


#: The line of a plain file entry (no error, link, provenance or escaped string), in
#: canonical form. A line that matches it is valid by construction (one key order,
#: no duplicate, each value of its type and form) and skips the JSON parser and
#: the field checks: on 50,000 entries, reading took 0.43 s of CPU before, see
#: docs/manifest.md. Every other line takes the general path.
_PLAIN_SEGMENT = rb"[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~]*"
_PLAIN_LINE = re.compile(
    rb'\{(?:"extractor":"(?P<extractor>[^"\\\x00-\x1f\x7f]{1,500})",)?'
    rb'(?:"format":"(?P<format>pdf|html|text)",)?'
    rb'"path":"(?P<path>' + _PLAIN_SEGMENT + rb"(?:/" + _PLAIN_SEGMENT + rb')*)",'
    rb'(?:"profile":"(?P<profile>canon/[0-9]{1,9})",)?'
    rb'"raw_sha256":"(?P<raw>sha256:[0-9a-f]{64})",'
    rb'(?:"removed_sha256":"(?P<removed>sha256:[0-9a-f]{64})",)?'
    rb'"size":(?P<size>0|[1-9][0-9]{0,17})'
    rb'(?:,"text_sha256":"(?P<text>sha256:[0-9a-f]{64})")?\}\n\Z')


#: The same pattern on the decoded line: its groups are strings already (decoding
#: each group was a third of the cost of reading a plain line).
_PLAIN_TEXT = re.compile(_PLAIN_LINE.pattern.decode("ascii"))
#: Its groups read by number (by name cost a lookup each).
_PATH, _SIZE, _RAW = (_PLAIN_TEXT.groupindex[name] for name in ("path", "size", "raw"))


def _plain_rows(texts: list[str]) -> list[tuple[str, str, str]] | None:
    """``(path, raw, size)`` of each line (each ends with a newline) when
    every line matches :data:`_PLAIN_TEXT`, else None; one call for the batch.

    :func:`_plain_run` is that pattern anchored at a line's start, ending at its
    newline, which nothing before it can match: each of its matches is one whole
    line, so as many matches as lines is every line matched, with the groups
    that :data:`_PLAIN_TEXT` gives it (held to it by tests/test_check_lines.py)."""
    joined = "".join(texts)
    # one line each (the readers never give other texts): as many newlines as
    # texts, and each text ends with one, so none holds two or a line's tail
    if joined.count("\n") != len(texts) or not all(text[-1:] == "\n" for text in texts):
        return None
    rows: list[tuple[str, str, str]] = _plain_run().findall(joined)
    return rows if len(rows) == len(texts) else None


@functools.cache
def _plain_run() -> re.Pattern[str]:
    """:data:`_PLAIN_TEXT` for :func:`_plain_rows` (compiled on first use: in the
    check's forked children, not at every start-up): ``^`` in multi-line mode for
    the start, no ``\\Z``, only path, raw and size captured (in that order)."""
    pattern = re.sub(r"\(\?P<(?!path>|raw>|size>)\w+>", "(?:", _PLAIN_TEXT.pattern)
    assert pattern.endswith(r"\n\Z")
    compiled = re.compile("(?m)^" + pattern[:-2])
    assert list(compiled.groupindex) == ["path", "raw", "size"] and compiled.groups == 3
    return compiled


def _plain_entry(line: bytes) -> Entry | None:
    text = _plain_text(line)
    match = None if text is None else _PLAIN_TEXT.match(text)
    return None if match is None else _entry_of(match)


def _plain_text(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _entry_of(match: re.Match[str]) -> Entry:
    extractor, fmt, path, profile, raw, removed, size, text = match.groups()
    return Entry(path=path, size=int(size), raw_sha256=raw, format=cast("Format", fmt or "unknown"),
                 text_sha256=text, removed_sha256=removed, profile=profile, extractor=extractor)


def _old_or_damaged(first: bytes) -> str:
    if b"verify-manifest/1" in first or first.strip() == b"{":
        return ("this is a verify-manifest/1 file (one JSON document), which this version does "
                "not read: rebuild it with `verify build ROOT -m MANIFEST` (docs/manifest.md)")
    return "the header line is not valid JSON (truncated or damaged?)"


def _batches(lines: Iterable[bytes], digest: Any) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    for line in lines:
        if digest is not None:
            digest.update(line)
        if len(line) > MAX_LINE_BYTES:
            raise ManifestError(f"a line of {len(line)} bytes is over the limit")
        if not line.endswith(b"\n") or line.isspace():  # isspace: no copy, as strip() made
            raise ManifestError("a line is empty or has no final newline (truncated?)")
        batch.append(line)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_canonical(batch: list[bytes], source: str | None) -> list[Any]:
    """Parse entry lines fast: the C parser on the whole batch. A line that could
    hide a duplicate key (more '":' than keys) must be exactly the canonical JSON
    of what was parsed, or it is parsed again strictly, for a precise message.
    (Merkle leaves are made from the parsed entries, not the line bytes; the
    signature covers the bytes.)"""
    try:
        joined = b"[" + b",".join(batch) + b"]"
        if strictjson.may_hide_surrogates(joined):  # a lone "\ud800" parses in C: let the strict reader judge
            return _parse_batch(batch, None, source)
        docs = json.loads(joined, parse_constant=_refuse_constant, parse_float=_refuse_float)
        if not isinstance(docs, list) or len(docs) != len(batch):
            raise ValueError("a line holds more than one JSON value")
        for doc, line in zip(docs, batch, strict=True):
            # Fast and sufficient for most lines: as many '":' as keys means no key
            # was written twice (a duplicate adds one that the dict does not show).
            keys = len(doc) + len(doc.get("provenance") or ()) if isinstance(doc, dict) else -1
            if line.count(b'":') != keys and canonical_line(doc) != line:
                _parse_batch([line], None, source)  # raises what is wrong, if it can tell
                Entry.from_json(doc, source)
                raise ValueError(f"a line is not canonical JSON: {line[:200]!r}")
    except (ValueError, RecursionError, UnicodeError) as exc:
        _parse_batch(batch, None, source)
        raise ManifestError(str(exc)[:500], path=source) from None
    return list(docs)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _refuse_float(text: str) -> Any:
    raise ValueError(f"floating-point number {text} is not allowed")


def _parse_batch(batch: list[bytes], what: str | None, source: str | None = None) -> list[Any]:
    """Parse many lines with one strict-JSON call (as one array): duplicate keys,
    NaN, floats and deep nesting are refused per line as they would be alone."""
    docs = strictjson.loads(b"[" + b",".join(batch) + b"]", what, limit=MAX_MANIFEST_BYTES,
                            floats=False, max_depth=MAX_DEPTH + 1,
                            error=functools.partial(ManifestError, path=source))
    if not isinstance(docs, list) or len(docs) != len(batch):
        raise ManifestError("a line holds more than one JSON value", path=source)
    return docs


# --------------------------------------------------------------------------- the schema

def schema() -> dict[str, Any]:
    """The published JSON Schema of manifests (``verify/schema/manifest-2.schema.json``):
    the header line, and under ``definitions/entry`` each entry line."""
    from importlib import resources

    text = resources.files("verify").joinpath("schema/manifest-2.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(header: Any, source: str | None = None) -> None:
    """Validate a header line: the rules of the published schema (draft-07),
    written out (compiling the schema with fastjsonschema took 0.1-0.25 s of
    every ``check``; tests hold these rules to jsonschema's verdicts on random
    mutations). Entry lines are checked by :meth:`Entry.from_json`, the same way.
    When a header is refused, jsonschema words every violation with its place."""
    problem = header_problem(header)
    if problem is not None:
        _explain(header, source)
        raise ManifestError(f"does not match the manifest schema: {problem}", path=source)


_HEADER_KEYS = frozenset(("format", "generator", "profile", "works", "records", "records_sha256"))
_WORK_KEYS = frozenset(("title", "members", "comparisons"))


def header_problem(doc: Any) -> str | None:
    """What is wrong with a header (None: it is valid)."""
    if not isinstance(doc, dict):
        return "the header is not an object"
    if not _HEADER_KEYS <= doc.keys() <= _HEADER_KEYS | {"root"}:
        return f"fields {sorted(doc)}"
    checks = [
        (doc["format"] == FORMAT and isinstance(doc["format"], str), "format"),
        (isinstance(doc["generator"], str) and len(doc["generator"]) <= 200, "generator"),
        (isinstance(doc["profile"], str) and re.search(r"^canon/[0-9]+$", doc["profile"]) is not None,
         "profile"),
        ("root" not in doc or (isinstance(doc["root"], str) and len(doc["root"]) <= 4096), "root"),
        (doc["records"] is None or (isinstance(doc["records"], str) and len(doc["records"]) <= 255
                                    and re.search(r"^[^/\\\\]+$", doc["records"]) is not None),
         "records"),
        (doc["records_sha256"] is None or (isinstance(doc["records_sha256"], str)
                                           and _DIGEST_SEARCH.search(doc["records_sha256"]) is not None),
         "records_sha256"),
        (isinstance(doc["works"], dict) and all(_work_ok(k, v) for k, v in doc["works"].items()),
         "works"),
    ]
    bad = [name for ok, name in checks if not ok]
    return f"invalid {', '.join(bad)}" if bad else None


_DIGEST_SEARCH = re.compile(r"^sha256:[0-9a-f]{64}$")


def _work_ok(name: str, work: Any) -> bool:
    return (re.search(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", name) is not None
            and isinstance(work, dict) and "members" in work and work.keys() <= _WORK_KEYS
            and ("title" not in work or (isinstance(work["title"], str) and len(work["title"]) <= 100_000))
            and isinstance(work["members"], list) and all(isinstance(m, str) for m in work["members"])
            and ("comparisons" not in work or (isinstance(work["comparisons"], list)
                                               and all(isinstance(c, dict) for c in work["comparisons"]))))


def _explain(doc: Any, source: str | None) -> None:
    import jsonschema

    validator = jsonschema.Draft7Validator(schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        shown = "; ".join(f"{_where(e.absolute_path)}: {e.message[:200]}" for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise ManifestError(f"does not match the manifest schema: {shown}{more}", path=source)


def _where(path: Iterable[Any]) -> str:
    return "/" + "/".join(str(p) for p in path)
