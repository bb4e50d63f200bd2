"""Build: a corpus root -> a :class:`~verify.manifest.Manifest` and its record store.

A rebuild is incremental: a file whose bytes, profile and extractor are those
of the previous manifest takes its entry and detailed record from there (the
record store) instead of being extracted again. Which extractor this
installation would use for a format is learnt by ingesting a tiny probe
document of that format once per build; when a probe fails, files of that
format are always extracted (never reused on a guess).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping
from contextlib import suppress
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from verify.check import hash_many
from verify.corpus import CorpusFile, iter_walk
from verify.errors import ManifestError, UnreadableFile, UnsafePath, VerifyError
from verify.manifest import (
    Entry,
    Manifest,
    atomic_writer,
    canonical_line,
    header_line,
    detail_from_record,
    entry_from_record,
    read_manifest,
    read_records,
    records_name,
    write_manifest,
    write_records,
)
from verify.model import Record
from verify.parallel import map_ordered
from verify.pipeline import Options, crashed_beneath, hard_timeout, process_beneath, process_bytes
from verify.provenance import Provenance, load_provenance
from verify.report.lint_text import finding_json

#: Formats that no ingester reads are kept as hash-only entries, not failures;
#: so is an empty file (an empty ``__init__.py`` is a normal file: audit4 saw
#: every build of a Python tree fail on them), its bytes checked like any other.
HASH_ONLY_CODES = frozenset({"ingest.unsupported", "ingest.empty"})
#: Files extracted per part (one worker pool each): the records of one part are held at a time.
BUILD_PART = 8192


@dataclass(frozen=True)
class BuildResult:
    manifest: Manifest
    #: The records of the files extracted in this run (reused files have none).
    #: Slim: text, paragraphs, changes, removed lines and findings are kept only
    #: for members of works (compared); the rest went into entries and details.
    #: With a spool, only the members of works.
    records: tuple[Record, ...]
    warnings: tuple[str, ...]
    #: The record store: key -> detailed record.
    details: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    reused: int = 0
    #: Built with ``spool``: the file holding the entry lines (``manifest.entries``
    #: is then empty), how many, and those with an error.
    spool: Path | None = None
    count: int = 0
    failures: tuple[Entry, ...] = ()
    #: (path, warning) of the files extracted in this run whose canonical text
    #: is empty or keeps much less than their visible text (``canon.*``).
    flagged: tuple[tuple[str, str], ...] = ()
    #: Files kept hash-only because no ingester reads their format (an image,
    #: a gzip file, binary data): how many in all, and (path, why) of those
    #: read in this run (a reused entry keeps no reason).
    hashed_only: int = 0
    unread: tuple[tuple[str, str], ...] = ()

    @property
    def files(self) -> int:
        return self.count if self.spool is not None else len(self.manifest.entries)

    @property
    def failed(self) -> tuple[Entry, ...]:
        if self.spool is not None:
            return self.failures
        return tuple(e for e in self.manifest.entries if e.error is not None)


def build_manifest(root: str | os.PathLike[str], *, manifest_path: str | os.PathLike[str] | None = None,
                   options: Options | None = None, jobs: int | None = None,
                   executor: Executor | None = None, progress: bool = False,
                   compare: bool = True, incremental: bool = True, spool: bool = False) -> BuildResult:
    """Ingest every source under ``root``. A file that fails is an entry with
    its error; it never stops the others. With ``manifest_path`` naming an
    existing manifest (and ``incremental``), unchanged files are reused.

    With ``spool`` (and ``manifest_path``), each entry's line is written to a
    temporary file beside the manifest as soon as it is made, and not kept:
    :func:`write_build` puts the header before them. The build's memory is then
    the walk and one part of files, not every entry (docs/manifest.md)."""
    root = Path(root)
    options = options or Options(lint=True)
    provenance = load_provenance(root)
    skip = _skipped(manifest_path)
    # A stream in name order (memory: the folders being walked, not a CorpusFile per file).
    files = iter_walk(root, provenance.exclude, skip)
    previous = _previous(manifest_path, options) if incremental else _Previous()
    in_works = _in_works(provenance)
    sink = _Sink(Path(manifest_path) if spool and manifest_path is not None else None)
    details: dict[str, dict[str, Any]] = {}
    records: list[Record] = []
    flagged: list[tuple[str, str]] = []
    unread: list[tuple[str, str]] = []
    hashed_only = reused = 0
    try:
        # A part of files at a time, in name order: the reused ones hashed (opened beneath
        # the root, no link followed, the walk's inode: issue 8 item 8), the others
        # extracted, each record made into its entry and detail as the part comes back
        # and kept only slim (no text, paragraphs, changes): holding every record whole
        # was the build's memory (docs/manifest.md).
        present: set[str] = set()
        while part := list(itertools.islice(files, BUILD_PART)):
            present.update(f.name for f in part if f.name in provenance.files)
            made = _build_part(part, root, options, provenance, previous, in_works, jobs, executor,
                               progress)
            for item, entry, detail, record in made:
                sink.add(entry)
                if entry.format == "unknown" and entry.error is None and entry.kind != "link":
                    hashed_only += 1
                    if record is not None and record.error_code in HASH_ONLY_CODES:
                        unread.append((item.name, record.error or ""))
                if detail is not None and entry.record_key is not None:
                    details[entry.record_key] = detail
                if record is None:
                    reused += 1
                    continue
                flagged.extend((item.name, w) for w in record.warnings if w.startswith("canon."))
                if item.name in in_works or sink.spool is None:
                    records.append(record if item.name in in_works else _slim(record))
        manifest = Manifest(entries=tuple(sink.entries), profile=options.profile,
                            root=_relative_root(root, manifest_path),
                            works=_works(provenance, records, present, compare))
    except BaseException:
        sink.discard()
        raise
    return BuildResult(manifest, tuple(records), _warnings(provenance, present), details,
                       reused=reused, spool=sink.spool, count=sink.count,
                       failures=tuple(sink.failures), flagged=tuple(flagged),
                       hashed_only=hashed_only, unread=tuple(unread))


_Made = tuple[CorpusFile, Entry, "dict[str, Any] | None", "Record | None"]


def _build_part(part: list[CorpusFile], root: Path, options: Options, provenance: Provenance,
                previous: _Previous, in_works: set[str], jobs: int | None,
                executor: Executor | None, progress: bool) -> list[_Made]:
    """(file, entry, detail, record) of each file of a part, in its order; the
    record is None for a file reused from the previous build."""
    candidates = [item for item in part if item.name not in in_works and previous.candidate(item)]
    beneath = [(os.path.relpath(c.path, root), c.identity) for c in candidates]
    hashes = dict(zip((c.name for c in candidates), hash_many(str(root), beneath, jobs), strict=True))
    kept: dict[str, tuple[Entry, dict[str, Any] | None]] = {}
    to_extract: list[CorpusFile] = []
    for item in part:
        reused = previous.reuse(item, hashes[item.name]) if item.name in hashes else None
        if reused is None:
            to_extract.append(item)
        else:
            kept[item.name] = (replace(reused[0], provenance=_provenance(provenance.files.get(item.name))),
                               reused[1])
    done = map_ordered(_process, [(f, options, str(root)) for f in to_extract], jobs=jobs,
                       executor=executor, progress="ingest" if progress else None,
                       on_crash=lambda item, why: crashed_beneath(
                           item[2], os.path.relpath(item[0].path, item[2]), item[0].name,
                           item[0].identity, why),
                       memory_limit=options.memory_limit, item_timeout=hard_timeout(options))
    extracted = iter(zip(to_extract, done, strict=True))
    out: list[_Made] = []
    for item in part:
        if item.name in kept:
            entry, detail = kept[item.name]
            out.append((item, entry, detail, None))
            continue
        _, record = next(extracted)
        entry = _entry(item, record, provenance.files.get(item.name))
        with_text = entry.record_key is not None and entry.text_sha256 is not None
        out.append((item, entry, _detail(record, options.lint) if with_text else None, record))
    return out


class _Sink:
    """Where the entries go, in name order: a list, or (``manifest`` given) the
    lines of a temporary file beside the manifest, with their count and failures."""

    def __init__(self, manifest: Path | None) -> None:
        self.entries: list[Entry] = []
        self.failures: list[Entry] = []
        self.count = 0
        self.previous: str | None = None
        self.spool: Path | None = None
        self.stream: IO[bytes] | None = None
        if manifest is not None:
            manifest.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{manifest.name}.", suffix=".entries.tmp",
                                        dir=manifest.parent)
            self.spool, self.stream = Path(name), os.fdopen(fd, "wb", buffering=1 << 20)

    def add(self, entry: Entry) -> None:
        if self.previous is not None and not self.previous < entry.path:
            raise ManifestError(f"entries are not sorted by path: {entry.path!r} after {self.previous!r}")
        self.previous = entry.path
        self.count += 1
        if self.stream is None:
            self.entries.append(entry)
            return
        self.stream.write(canonical_line(entry.to_json()))
        if entry.error is not None:
            self.failures.append(entry)

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def discard(self) -> None:
        self.close()
        if self.spool is not None:
            with suppress(OSError):
                os.unlink(self.spool)


def _in_works(provenance: Provenance) -> set[str]:
    """Members of works with two or more files: compared, so always extracted."""
    sizes = Counter(info.get("work") for info in provenance.files.values() if info.get("work"))
    return {name for name, info in provenance.files.items() if sizes.get(info.get("work"), 0) > 1}


def write_build(result: BuildResult, manifest_path: str | os.PathLike[str]) -> Manifest:
    """Write the record store, then the manifest that names it (by digest); both atomic.
    A spooled build's entry lines are copied after the header, and the spool removed."""
    path = Path(manifest_path)
    try:
        store = records_name(path)
        digest = write_records(path.parent / store, result.details.items())
        manifest = replace(result.manifest, records=store, records_sha256=digest)
        if result.spool is None:
            write_manifest(manifest, path)
        else:
            with atomic_writer(path) as out, open(result.spool, "rb") as lines:
                out.write(header_line(manifest))
                shutil.copyfileobj(lines, out, 1 << 20)
        return manifest
    finally:
        if result.spool is not None:
            with suppress(OSError):
                os.unlink(result.spool)


def _skipped(manifest_path: str | os.PathLike[str] | None) -> list[Path]:
    if manifest_path is None:
        return []
    path = Path(manifest_path)
    return [path, path.parent / records_name(path)]


def _provenance(info: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in (info or {}).items()))


def _entry(item: CorpusFile, record: Record, provenance: Mapping[str, Any] | None) -> Entry:
    if item.link is not None:
        return Entry(path=item.name, size=0, raw_sha256=None, kind="link", target=item.link,
                     provenance=_provenance(provenance))
    if record.error_code in HASH_ONLY_CODES:
        record = replace(record, error=None, error_code=None, format="unknown")
    return entry_from_record(record, provenance)


def _detail(record: Record, lint: bool) -> dict[str, Any]:
    findings = None
    if lint:
        # The text's quality flags travel with it; the snippet (a whole canonical
        # paragraph) and the path (the entry's own) would only repeat what is there.
        findings = [{k: v for k, v in finding_json(f).items() if k not in ("snippet", "path")}
                    for f in record.findings]
    return detail_from_record(record, findings)


def _slim(record: Record) -> Record:
    return replace(record, text=None, paragraphs=(), changes=(), removed=(), metadata=(), warnings=(),
                   findings=())


def _process(item: tuple[CorpusFile, Options, str]) -> Record:
    corpus_file, options, root = item
    if corpus_file.link is not None:
        return Record(path=corpus_file.name, format="unknown", size=0, raw_sha256=None)
    if corpus_file.problem is not None:
        code = UnsafePath.code if corpus_file.escapes else UnreadableFile.code
        return Record(path=corpus_file.name, format="unknown", size=0, raw_sha256=None,
                      error=corpus_file.problem, error_code=code)
    return process_beneath(root, os.path.relpath(corpus_file.path, root), corpus_file.name,
                           corpus_file.identity, options)


# --------------------------------------------------------------------------- reuse

#: The marks a PDF's extractor id carries when a repair of this same extractor
#: applied to that file (`` +TJ-repair``, `` +italic-corrections``): decided by
#: the file's bytes, so the id without them is the installation's.
_REPAIR_MARKS = re.compile(r"(?: \+[a-z][a-z-]*)+$", re.IGNORECASE)


def _unmarked(extractor: str | None) -> str | None:
    return None if extractor is None else _REPAIR_MARKS.sub("", extractor)


@dataclass
class _Previous:
    """What the last build recorded, and which extractor each format has now."""

    entries: dict[str, Entry] = field(default_factory=dict)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    extractors: dict[str, frozenset[str | None]] = field(default_factory=dict)
    profile: str | None = None
    lint: bool = False

    def candidate(self, item: CorpusFile) -> bool:
        """Whether the record of ``item`` could be reused if its bytes are unchanged."""
        old = self.entries.get(item.name)
        if old is None or item.problem is not None or old.error is not None:
            return False
        if item.link is not None or old.kind == "link":
            return False  # cheap to record again
        if _unmarked(old.extractor) not in self.extractors.get(old.format, ()):
            return False
        if old.text_sha256 is not None and old.profile != self.profile:
            return False
        detail = self.details.get(old.record_key or "")
        return old.text_sha256 is None or (detail is not None and ("findings" in detail) == self.lint)

    def reuse(self, item: CorpusFile, hashed: tuple[int, str] | str,
              ) -> tuple[Entry, dict[str, Any] | None] | None:
        """The entry and record to reuse for a candidate, given its bytes' (size, digest)."""
        old = self.entries[item.name]
        if isinstance(hashed, str) or hashed != (old.size, old.raw_sha256):
            return None
        return replace(old, path=item.name), self.details.get(old.record_key or "")


def _previous(manifest_path: str | os.PathLike[str] | None, options: Options) -> _Previous:
    """The previous manifest and records at ``manifest_path``; nothing (a full build)
    when there is none, or it cannot be read, or its store does not match it."""
    if manifest_path is None or not os.path.isfile(manifest_path):
        return _Previous()
    try:
        old = read_manifest(manifest_path)
        details = {} if old.records is None else read_records(
            Path(manifest_path).parent / old.records, expect_sha256=old.records_sha256)
    except VerifyError:
        return _Previous()
    return _Previous({e.path: e for e in old.entries}, details, current_extractors(options),
                     options.profile, options.lint)


#: A one-page PDF with one line of text (the smallest PDFium opens).
_PROBE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
              b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
              b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R"
              b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
              b"4 0 obj<</Length 40>>stream\nBT /F1 12 Tf 20 50 Td (probe text) Tj ET\nendstream endobj\n"
              b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
              b"trailer<</Root 1 0 R>>\n%%EOF\n")
_PROBES = {
    "text": [b"A probe of the text ingester.\n",
             # not UTF-8: the id names the charset detector too
             b"A probe of the text ingester, caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade.\n"],
    "html": [b"<!doctype html><html><head><title>p</title></head><body><main><p>A probe of the "
             b"HTML ingester, long enough to be the main content of the page.</p></main></body></html>"],
    "pdf": [_PROBE_PDF],
}


def current_extractors(options: Options) -> dict[str, frozenset[str | None]]:
    """The extractor ids this installation records, per format (from probe documents:
    a text that is not UTF-8 records its charset detector as well); ``unknown``
    (hash-only) has none. A format whose probes all fail is left out."""
    found: dict[str, frozenset[str | None]] = {"unknown": frozenset({None})}
    probe_options = replace(options, lint=False)
    for fmt, probes in _PROBES.items():
        ids = frozenset(record.extractor for data in probes
                        if (record := process_bytes(data, f"probe.{fmt}", probe_options)).error is None
                        and record.format == fmt and record.extractor)
        if ids:
            found[fmt] = ids
    return found


# --------------------------------------------------------------------------- works

def _works(provenance: Provenance, records: list[Record], present: set[str],
           compare: bool) -> dict[str, Any]:
    """The works of sources.toml with their members present in the corpus and,
    for two or more readable members, the summary of comparing each pair
    (translations and editions: where they differ in substance)."""
    works: dict[str, Any] = {}
    texts = {r.path: r.text for r in records if r.text is not None}
    for work_id, meta in sorted(provenance.works.items()):
        members = sorted(name for name, info in provenance.files.items()
                         if info.get("work") == work_id and name in present)
        works[work_id] = {**meta, "members": members}
        readable = {name: texts[name] for name in members if name in texts}
        if compare and len(readable) >= 2:
            from verify.compare import group_summary

            works[work_id]["comparisons"] = group_summary(readable)
    return works


def _warnings(provenance: Provenance, present: set[str]) -> tuple[str, ...]:
    return tuple(f"sources.toml describes {name!r}, which is not in the corpus"
                 for name in sorted(provenance.files) if name not in present)


def _relative_root(root: Path, manifest_path: str | os.PathLike[str] | None) -> str | None:
    if manifest_path is None:
        return None
    base = Path(os.path.abspath(manifest_path)).parent
    try:
        return Path(os.path.relpath(os.path.abspath(root), base)).as_posix()
    except ValueError:  # another drive on Windows
        return None
