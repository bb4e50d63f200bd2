"""Manifests: the on-disk record of a corpus. Read strictly, written atomically.

A manifest is UTF-8 JSON with sorted keys, no floats and no timestamps, so
two builds of one corpus are byte-identical. Reading fails closed: a
duplicate key, a NaN, a float, an unknown field, an unknown digest
algorithm, an unsafe path or a schema violation is a
:class:`~verify.errors.ManifestError`, never a pass.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from verify._version import __version__
from verify import strictjson
from verify.errors import ManifestError, UnsafePath
from verify.safeio import read_regular
from verify.lock import manifest_lock as manifest_lock  # moved to verify/lock.py; still importable here
from verify.model import Change, Record

FORMAT = "verify-manifest/1"
#: Manifests larger than this are refused before parsing.
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
#: The schema allows no more nesting than this; deeper JSON is hostile.
MAX_DEPTH = 32


@dataclass(frozen=True)
class Manifest:
    """A corpus manifest: one entry per file, sorted by path."""

    entries: tuple[dict[str, Any], ...]
    profile: str = "canon/1"
    generator: str = f"verify {__version__}"
    root: str | None = None
    works: Mapping[str, Any] = field(default_factory=dict)

    def by_path(self) -> dict[str, dict[str, Any]]:
        return {entry["path"]: entry for entry in self.entries}

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "generator": self.generator,
            "profile": self.profile,
            "entries": list(self.entries),
            "works": dict(self.works),
        }
        if self.root is not None:
            doc["root"] = self.root
        return doc


def entry_from_record(record: Record, provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The manifest entry of one record (without its canonical text)."""
    entry: dict[str, Any] = {
        "path": record.path,
        "format": record.format,
        "size": record.size,
        "raw_sha256": record.raw_sha256,
        "text_sha256": record.text_sha256,
        "paragraphs": list(record.paragraphs),
        "profile": record.profile,
        "extractor": record.extractor,
        "encoding": record.encoding,
        "changes": [_change_json(c) for c in record.changes],
        "removed": list(record.removed),
        "metadata": dict(record.metadata),
        "warnings": list(record.warnings),
        "error": record.error,
        "error_code": None if record.error is None else (record.error_code or "error"),
    }
    if provenance:
        entry["provenance"] = dict(provenance)
    return entry


def _change_json(change: Change) -> dict[str, Any]:
    return {"step": change.step, "count": change.count,
            "examples": list(change.examples), "params": list(change.params)}


# --------------------------------------------------------------------------- writing

def dumps(manifest: Manifest) -> bytes:
    """The canonical bytes of a manifest: sorted keys, UTF-8, two-space indent, final newline."""
    text = json.dumps(manifest.to_json(), sort_keys=True, ensure_ascii=False, indent=2,
                      allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_manifest(manifest: Manifest, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, fsync, rename.

    A reader (or a crash) sees the old manifest or the new one, never half.
    """
    data = dumps(manifest)
    validate(json.loads(data))
    write_atomic(Path(path), data)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
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


# --------------------------------------------------------------------------- reading

def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read and validate a manifest; every problem is a ManifestError."""
    return loads(read_manifest_bytes(path), source=str(path))


def read_manifest_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a manifest file, refused over the size limit or when it is not
    a regular file (read once: what is parsed is what a signature is checked against)."""
    return read_regular(path, "manifest", limit=MAX_MANIFEST_BYTES,
                        error=functools.partial(ManifestError, path=str(path)))


def loads(data: bytes, source: str | None = None) -> Manifest:
    if not data.strip():
        raise ManifestError("the manifest is empty", path=source)
    doc = strictjson.loads(data, None, limit=MAX_MANIFEST_BYTES, floats=False, max_depth=MAX_DEPTH,
                           error=functools.partial(ManifestError, path=source))
    validate(doc, source)
    entries = tuple(doc["entries"])
    _check_paths(entries, source)
    return Manifest(entries=entries, profile=doc["profile"], generator=doc["generator"],
                    root=doc.get("root"), works=doc["works"])


def schema() -> dict[str, Any]:
    """The published JSON Schema of manifests (``verify/schema/manifest-1.schema.json``)."""
    text = resources.files("verify").joinpath("schema/manifest-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(doc: Any, source: str | None = None) -> None:
    """Validate against the published schema (JSON Schema draft-07).

    fastjsonschema compiles the schema to Python once and validates about ten
    times faster than jsonschema (0.4 s against 4.2 s for a 3,400-file
    manifest: bench/fixity.py), which keeps a plain check near hashing speed.
    Only when it rejects a manifest does jsonschema run, to list every
    violation with its place; tests hold the two to the same verdicts.
    """
    import fastjsonschema

    try:
        _compiled_schema()(doc)
    except fastjsonschema.JsonSchemaValueException:
        _explain(doc, source)
        raise ManifestError("does not match the manifest schema", path=source) from None


@functools.cache
def _compiled_schema() -> Callable[[Any], Any]:
    import fastjsonschema

    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema())
    return compiled


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


# --------------------------------------------------------------------------- paths

def check_relative_path(name: str) -> None:
    """Refuse a manifest path that is not a plain relative POSIX path in NFC."""
    problems = []
    if not name:
        problems.append("it is empty")
    if "\x00" in name or "\n" in name or "\r" in name:
        problems.append("it contains a NUL or line-break character")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or name.startswith("\\"):
        problems.append("it is absolute")
    if "\\" in name:
        problems.append("it contains a backslash")
    parts = PurePosixPath(name).parts
    if ".." in parts or ".." in name.split("/"):
        problems.append("it climbs out of the root (..)")
    if any(part in ("", ".") for part in name.split("/")):
        problems.append("it has an empty or '.' segment")
    if unicodedata.normalize("NFC", name) != name:
        problems.append("it is not in Unicode NFC")
    if problems:
        raise UnsafePath(f"refused manifest path {name!r}: {', '.join(problems)}")


def _check_paths(entries: tuple[dict[str, Any], ...], source: str | None) -> None:
    seen: set[str] = set()
    twins: dict[str, str] = {}  # NFC form -> the first name that has it
    problems: list[str] = []
    for entry in entries:
        name = entry["path"]
        try:
            check_relative_path(name)
        except UnsafePath as exc:
            problems.append(exc.message)
        if name in seen:
            problems.append(f"path {name!r} appears twice")
        elif twins.setdefault(unicodedata.normalize("NFC", name), name) != name:
            problems.append(f"paths {twins[unicodedata.normalize('NFC', name)]!r} and {name!r} "
                            "are Unicode twins: one name after NFC normalisation")
        seen.add(name)
    if problems:
        raise UnsafePath("; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)"
                                                    if len(problems) > 10 else ""), path=source)
