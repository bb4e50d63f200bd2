"""``verify lint`` for people: findings grouped per file, each with its line
of text and a caret under the span; and the JSON form for machines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from verify.escape import shown
from verify.manifest import json_name
from verify.model import SEVERITIES, Finding

WIDTH = 100
"""Characters of context shown around a span (canonical lines are whole
paragraphs, too long to print in full)."""


def excerpt(finding: Finding, width: int = WIDTH) -> tuple[str, str]:
    """The part of the finding's line to show, and the caret line under it.

    >>> from verify.detect import lint_text
    >>> f = lint_text("cooperation in in this field")[0]
    >>> print("\\n".join(excerpt(f)))
    cooperation in in this field
                ^^^^^
    """
    line = finding.snippet
    start = finding.column - 1
    length = max(1, min(finding.span.end - finding.span.start, len(line) - start))
    left = max(0, min(start - (width - length) // 2, len(line) - width))
    right = min(len(line), max(left + width, start + length))
    shown = line[left:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    caret = " " * (len(prefix) + start - left) + "^" * min(length, right - start)
    return prefix + shown + suffix, caret


def render_text(
    results: Mapping[str, Sequence[Finding]],
    errors: Mapping[str, str] | None = None,
) -> str:
    """Every file with findings, its findings in text order, then a summary."""
    errors = errors or {}
    out: list[str] = []
    for path in sorted(set(results) | set(errors)):
        findings = results.get(path, ())
        if path in errors:
            out.append(f"{shown(path)}: error: {shown(errors[path], backslash=False)}")
        if not findings:
            continue
        out.append(shown(path))
        for finding in findings:
            text, caret = excerpt(finding)
            out.append(
                f"  {finding.line}:{finding.column}: {finding.severity}: {finding.code}: {finding.message}"
            )
            out.append(f"      {text}")
            out.append(f"      {caret}")
        out.append("")
    out.append(summary_line(results, errors))
    return "\n".join(out) + "\n"


def summary_line(results: Mapping[str, Sequence[Finding]], errors: Mapping[str, str]) -> str:
    counts = Counter(f.severity for found in results.values() for f in found)
    total = sum(counts.values())
    parts = ", ".join(f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in reversed(SEVERITIES))
    failed = f"; {len(errors)} file(s) could not be read" if errors else ""
    return f"{total} finding(s) in {len(results)} file(s) ({parts}){failed}"


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as JSON-ready data; evidence becomes an object."""
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "path": None if finding.path is None else json_name(finding.path),
        "span": {"start": finding.span.start, "end": finding.span.end},
        "line": finding.line,
        "column": finding.column,
        "snippet": finding.snippet,
        "evidence": dict(finding.evidence),
    }


def render_json(
    results: Mapping[str, Sequence[Finding]],
    errors: Mapping[str, str] | None = None,
    *,
    fail_on: str = "warning",
    passed: bool = True,
) -> dict[str, Any]:
    """The whole run as data: one entry per file, and counts per code."""
    errors = errors or {}
    codes = Counter(f.code for found in results.values() for f in found)
    return {
        "passed": passed,
        "fail_on": fail_on,
        "files": [
            {
                "path": json_name(path),
                "error": errors.get(path),
                "findings": [finding_json(f) for f in results.get(path, ())],
            }
            for path in sorted(set(results) | set(errors))
        ],
        "summary": dict(sorted(codes.items())),
    }
