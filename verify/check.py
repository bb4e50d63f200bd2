"""Check: re-verify a corpus root against its manifest, and report everything.

Every file is matched, modified, moved (same bytes at a new path), missing
or new; nothing stops at the first discrepancy. A plain check reads bytes
only, and re-extracts just the files whose bytes changed (to tell a content
change from a formatting change, and which paragraphs). A deep check
re-extracts everything and reports drift: same bytes, different canonical
text, naming the extractor and profile versions on both sides.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.corpus import CorpusFile, walk
from verify.errors import IngestError, UnsafePath
from verify.manifest import Manifest
from verify.model import Record
from verify.normalize import PROFILES
from verify.parallel import map_ordered
from verify.pipeline import Options, crashed_record, hard_timeout, hash_beneath, process_beneath
from verify.provenance import load_provenance


#: Below this many bytes, a plain check hashes in its own process.
IN_PROCESS_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Modified:
    path: str
    old_raw: str | None
    new_raw: str
    #: True: the canonical text changed too; False: only the bytes (formatting);
    #: None: could not be told (see ``note``).
    content_changed: bool | None
    old_text: str | None = None
    new_text: str | None = None
    paragraphs: dict[str, list[int]] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class Moved:
    old_path: str
    new_path: str
    raw_sha256: str


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
    deep: bool = False
    bytes_hashed: int = 0

    @property
    def passed(self) -> bool:
        return not (self.modified or self.moved or self.missing or self.new or self.drifted
                    or self.refused or self.errors)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in
                ("matched", "modified", "moved", "missing", "new", "drifted", "refused", "errors")}


def check_manifest(manifest: Manifest, root: str | os.PathLike[str], *, deep: bool = False,
                   manifest_path: str | os.PathLike[str] | None = None, jobs: int | None = None,
                   executor: Executor | None = None, progress: bool = False,
                   options: Options | None = None) -> CheckReport:
    root = Path(root)
    options = options or Options(profile=manifest.profile if manifest.profile in PROFILES else "canon/1")
    skip = [Path(manifest_path)] if manifest_path is not None else []
    on_disk = {f.name: f for f in walk(root, load_provenance(root).exclude, skip)}
    expected = manifest.by_path()

    refused, errors, readable = _triage(on_disk, expected)
    hashes: dict[str, tuple[int, str]] = {}
    # Hashing small corpora costs less than starting a pool (bench/fixity.py).
    small = sum(on_disk[n].size for n in readable) < IN_PROCESS_BYTES and executor is None
    results = map_ordered(_hash, [(str(root), on_disk[n]) for n in readable], jobs=1 if small else jobs,
                          executor=executor, progress="hash" if progress else None)
    for name, result in zip(readable, results, strict=True):
        if isinstance(result, Problem):
            errors.append(Problem(name, result.message))
        else:
            hashes[name] = result

    matched: list[str] = []
    changed: list[str] = []
    for name, entry in sorted(expected.items()):
        if name in hashes:
            (matched if hashes[name][1] == entry["raw_sha256"] else changed).append(name)
    missing = [n for n in sorted(expected) if n not in on_disk]
    new = [n for n in sorted(on_disk) if n not in expected and n in hashes]
    moved, missing, new = _pair_moves(missing, new, expected, hashes)

    to_extract = changed + (matched if deep else [])
    records = dict(zip(to_extract, map_ordered(
        process_file_item, [(str(root), on_disk[n], options) for n in to_extract], jobs=jobs,
        executor=executor, progress="extract" if progress else None,
        on_crash=lambda item, why: crashed_record(item[1].name, why),
        memory_limit=options.memory_limit, item_timeout=hard_timeout(options)), strict=True))
    modified = tuple(_modified(expected[n], hashes[n][1], records[n], options) for n in changed)
    drifted = tuple(d for n in (matched if deep else []) if (d := _drift(expected[n], records[n])))
    drifted_paths = {d.path for d in drifted}
    return CheckReport(
        matched=tuple(n for n in matched if n not in drifted_paths),
        modified=modified, moved=tuple(moved), missing=tuple(missing), new=tuple(new),
        drifted=drifted, refused=tuple(refused), errors=tuple(errors), deep=deep,
        bytes_hashed=sum(size for size, _ in hashes.values()),
    )


def _triage(on_disk: dict[str, CorpusFile], expected: dict[str, dict[str, Any]],
            ) -> tuple[list[Problem], list[Problem], list[str]]:
    refused, errors, readable = [], [], []
    for name, item in sorted(on_disk.items()):
        if item.problem is None:
            readable.append(name)
        elif item.escapes and name in expected:
            refused.append(Problem(name, f"refused, never read: {item.problem}"))
        else:
            errors.append(Problem(name, item.problem))
    return refused, errors, readable


def _hash(item: tuple[str, CorpusFile]) -> tuple[int, str] | Problem:
    root, corpus_file = item
    try:
        return hash_beneath(root, os.path.relpath(corpus_file.path, root), corpus_file.identity)
    except (IngestError, UnsafePath) as exc:
        return Problem(corpus_file.path, exc.message)


def process_file_item(item: tuple[str, CorpusFile, Options]) -> Record:
    root, corpus_file, options = item
    return process_beneath(root, os.path.relpath(corpus_file.path, root), corpus_file.name,
                           corpus_file.identity, options)


def _pair_moves(missing: list[str], new: list[str], expected: dict[str, dict[str, Any]],
                hashes: dict[str, tuple[int, str]]) -> tuple[list[Moved], list[str], list[str]]:
    """Pair each missing entry with a new file of the same bytes (in name order)."""
    arrivals: dict[str, list[str]] = defaultdict(list)
    for name in new:
        arrivals[hashes[name][1]].append(name)
    moved, still_missing = [], []
    for name in missing:
        digest = expected[name]["raw_sha256"]
        if digest is not None and arrivals.get(digest):
            moved.append(Moved(name, arrivals[digest].pop(0), digest))
        else:
            still_missing.append(name)
    gone = {m.new_path for m in moved}
    return moved, still_missing, [n for n in new if n not in gone]


def _modified(entry: dict[str, Any], new_raw: str, record: Record, options: Options) -> Modified:
    old_text = entry.get("text_sha256")
    if entry.get("profile") not in (None, options.profile):
        return Modified(entry["path"], entry["raw_sha256"], new_raw, None, old_text, record.text_sha256,
                        note=f"the manifest used profile {entry['profile']}, not available here")
    if record.error is not None or old_text is None:
        note = f"cannot extract now: {record.error}" if record.error else "no canonical text on record"
        return Modified(entry["path"], entry["raw_sha256"], new_raw, None, old_text,
                        record.text_sha256, note=note)
    changed = record.text_sha256 != old_text
    return Modified(entry["path"], entry["raw_sha256"], new_raw, changed, old_text,
                    record.text_sha256,
                    paragraphs=_paragraph_diff(entry.get("paragraphs", []), list(record.paragraphs))
                    if changed else {})


def _paragraph_diff(old: list[str], new: list[str]) -> dict[str, list[int]]:
    """Which paragraphs changed, were added or removed (1-based; old numbering for removed)."""
    out: dict[str, list[int]] = {"changed": [], "added": [], "removed": []}
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


def _drift(entry: dict[str, Any], record: Record) -> Drifted | None:
    old_error = entry.get("error_code")
    if record.text_sha256 == entry.get("text_sha256") and record.error_code == old_error:
        return None
    note = None
    if record.error_code != old_error:
        note = f"extraction error was {old_error or 'none'}, now {record.error_code or 'none'}"
    return Drifted(entry["path"], entry.get("text_sha256"), record.text_sha256, entry.get("extractor"),
                   record.extractor, entry.get("profile"), record.profile, note)
