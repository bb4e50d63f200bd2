"""Build: a corpus root -> a :class:`~verify.manifest.Manifest`."""

from __future__ import annotations

import os
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.corpus import CorpusFile, walk
from verify.errors import UnreadableFile, UnsafePath
from verify.manifest import Manifest, entry_from_record
from verify.model import Record
from verify.parallel import map_ordered
from verify.pipeline import Options, crashed_record, hard_timeout, process_beneath
from verify.provenance import Provenance, load_provenance
from verify.report.lint_text import finding_json


@dataclass(frozen=True)
class BuildResult:
    manifest: Manifest
    records: tuple[Record, ...]
    warnings: tuple[str, ...]

    @property
    def failed(self) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.error is not None)


def build_manifest(root: str | os.PathLike[str], *, manifest_path: str | os.PathLike[str] | None = None,
                   options: Options | None = None, jobs: int | None = None,
                   executor: Executor | None = None, progress: bool = False,
                   compare: bool = True) -> BuildResult:
    """Ingest every source under ``root``. A file that fails is an entry with
    its error; it never stops the others."""
    root = Path(root)
    options = options or Options(lint=True)
    provenance = load_provenance(root)
    skip = [Path(manifest_path)] if manifest_path is not None else []
    files = walk(root, provenance.exclude, skip)
    records = map_ordered(_process, [(f, options, str(root)) for f in files], jobs=jobs,
                          executor=executor, progress="ingest" if progress else None,
                          on_crash=lambda item, why: crashed_record(item[0].name, why),
                          memory_limit=options.memory_limit,
                          item_timeout=hard_timeout(options))
    entries = tuple(_entry(r, provenance.files.get(r.path), options.lint) for r in records)
    manifest = Manifest(entries=entries, profile=options.profile,
                        root=_relative_root(root, manifest_path),
                        works=_works(provenance, records, compare))
    return BuildResult(manifest, tuple(records), _warnings(provenance, records))


def _entry(record: Record, provenance: dict[str, str] | None, lint: bool) -> dict[str, Any]:
    entry = entry_from_record(record, provenance)
    if lint:
        # The text's quality flags travel with it; the snippet (a whole canonical
        # paragraph) and the path (the entry's own) would only repeat what is there.
        entry["findings"] = [{k: v for k, v in finding_json(f).items() if k not in ("snippet", "path")}
                             for f in record.findings]
    return entry


def _process(item: tuple[CorpusFile, Options, str]) -> Record:
    corpus_file, options, root = item
    if corpus_file.problem is not None:
        code = UnsafePath.code if corpus_file.escapes else UnreadableFile.code
        return Record(path=corpus_file.name, format="unknown", size=0, raw_sha256=None,
                      error=corpus_file.problem, error_code=code)
    return process_beneath(root, os.path.relpath(corpus_file.path, root), corpus_file.name,
                           corpus_file.identity, options)


def _works(provenance: Provenance, records: list[Record], compare: bool) -> dict[str, Any]:
    """The works of sources.toml with their members present in the corpus and,
    for two or more readable members, the summary of comparing each pair
    (translations and editions: where they differ in substance)."""
    works: dict[str, Any] = {}
    texts = {r.path: r.text for r in records if r.text is not None}
    present = {r.path for r in records}
    for work_id, meta in sorted(provenance.works.items()):
        members = sorted(name for name, info in provenance.files.items()
                         if info.get("work") == work_id and name in present)
        works[work_id] = {**meta, "members": members}
        readable = {name: texts[name] for name in members if name in texts}
        if compare and len(readable) >= 2:
            from verify.compare import group_summary

            works[work_id]["comparisons"] = group_summary(readable)
    return works


def _warnings(provenance: Provenance, records: list[Record]) -> tuple[str, ...]:
    present = {r.path for r in records}
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
