"""Check reports for people (text) and machines (JSON)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from verify.escape import shown

from verify.check import RENAME_MAX, CheckReport, Modified, Renamed


def _name(path: str) -> str:
    """A manifest path on a terminal: it is already written in the manifest's
    escapes (a newline is ``\\n``, a backslash ``\\\\``), so only what
    those leave (bidi overrides, other invisible characters) is escaped here."""
    return shown(path, backslash=False)


def check_json(report: CheckReport, *, manifest: str, root: str) -> dict[str, Any]:
    return {
        "manifest": manifest,
        "root": root,
        "deep": report.deep,
        "passed": report.passed,
        "summary": report.counts(),
        "matched": list(report.matched),
        "modified": [asdict(m) for m in report.modified],
        "moved": [asdict(m) for m in report.moved],
        "missing": list(report.missing),
        "new": list(report.new),
        "copies": [{"path": path, "of": of} for path, of in report.copies],
        "renamed": [asdict(r) for r in report.renamed],
        "renames_unpaired": report.renames_unpaired,
        "textless": list(report.textless),
        "drifted": [asdict(d) for d in report.drifted],
        "refused": [asdict(p) for p in report.refused],
        "errors": [asdict(p) for p in report.errors],
        "provenance": [asdict(p) for p in report.provenance],
        "outside": [asdict(p) for p in report.outside],
    }


def check_text(report: CheckReport, *, manifest: str, root: str) -> str:
    lines = [f"checked {shown(root)} against {shown(manifest)}" + (" (deep)" if report.deep else "")]
    for m in report.modified:
        swapped = f"; it now holds the bytes recorded for {_name(m.bytes_of)}" if m.bytes_of else ""
        lines.append(f"  modified  {_name(m.path)}: {shown(_what_changed(m), backslash=False)}{swapped}")
    for mv in report.moved:
        lines.append(f"  moved     {_name(mv.old_path)} -> {_name(mv.new_path)}")
    renamed_to = {r.old_path: r for r in report.renamed}
    renamed_from = {r.new_path: r for r in report.renamed}
    lines.extend(f"  missing   {_name(name)}" + (f" (likely renamed: see {_name(renamed_to[name].new_path)})"
                                                 if name in renamed_to else "") for name in report.missing)
    copies = dict(report.copies)
    lines.extend(f"  new       {_name(name)}" + (f" (a copy of the recorded {_name(copies[name])})"
                                                 if name in copies else _renamed(renamed_from.get(name)))
                 for name in report.new)
    for d in report.drifted:
        lines.append(f"  drifted   {_name(d.path)}: same bytes, canonical text {_short(d.old_text)} -> "
                     f"{_short(d.new_text)}; extractor {d.old_extractor} -> {d.new_extractor}; "
                     f"profile {d.old_profile} -> {d.new_profile}" + (f" ({d.note})" if d.note else ""))
    lines.extend(f"  refused   {_name(p.path)}: {shown(p.message, backslash=False)}" for p in report.refused)
    lines.extend(f"  error     {_name(p.path)}: {shown(p.message, backslash=False)}" for p in report.errors)
    lines.extend(f"  provenance {_name(p.path)}: {shown(p.message, backslash=False)}"
                 for p in report.provenance)
    lines.extend(f"  outside   {_name(p.path)}: {shown(p.message, backslash=False)}" for p in report.outside)
    if report.renames_unpaired:
        lines.append(f"  note      {report.renames_unpaired} new files: more than {RENAME_MAX}, so they were "
                     "not read to name which missing file each renames")
    if report.textless:
        more = ", ..." if len(report.textless) > 3 else ""
        first = ", ".join(_name(n) for n in report.textless[:3]) + more
        lines.append(f"  note      {len(report.textless)} matched files have no canonical text on record "
                     f"(hash-only entries, or formats no ingester reads: {first}): their bytes were "
                     "checked, their text was not")
    counts = report.counts()
    lines.append(", ".join(f"{n} {k}" for k, n in counts.items() if n or k == "matched"))
    lines.append("OK: every file matches the manifest" if report.passed else "DRIFT: see above")
    return "\n".join(lines) + "\n"


def _renamed(r: Renamed | None) -> str:
    if r is None:
        return ""
    if r.same_text:
        return (f" (likely the missing {_name(r.old_path)} renamed: other bytes, canonical text "
                "unchanged)")
    return (f" (likely the missing {_name(r.old_path)} renamed and edited: {r.shared} of its "
            f"{r.paragraphs} paragraphs on record unchanged)")


def _what_changed(m: Modified) -> str:
    if m.content_changed is None:
        return f"bytes changed; content unknown ({m.note})" if m.new_raw else str(m.note)
    if m.furniture_changed:
        lines = [f"-{x}" for x in m.removed_before] + [f"+{x}" for x in m.removed_now]
        shown = "; ".join(line[:80] for line in lines[:6]) + ("; ..." if len(lines) > 6 else "")
        return ("furniture changed: canonical text unchanged, the removed material "
                "(running heads, site chrome) differs" + (f": {shown}" if shown else "")
                + (f" ({m.note})" if m.note else ""))
    if not m.content_changed:
        return "bytes changed, canonical text unchanged (formatting change)"
    parts = [f"{kind} {_ranges(nums)}" for kind, nums in m.paragraphs.items() if nums]
    return "content changed" + (f": paragraphs {'; '.join(parts)}" if parts else "")


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)


def _short(digest: str | None) -> str:
    return "none" if digest is None else digest[:19] + "\u2026"
