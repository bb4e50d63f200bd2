"""``verify lint --format sarif``: findings as a SARIF 2.1.0 log, so that code
scanning shows them inline.

One run, one rule per finding code (with its default level and summary),
one result per finding. Files that could not be read are tool
notifications, and make the invocation unsuccessful.

Where each result points (see ``docs/lint.md``):

- given ``regions`` (what :mod:`verify.report.source_map` found), a result
  points at the **source file**: for a text or HTML file, the lines and
  columns of the span in the file (for HTML, the text inside its element);
  for a PDF, ``region.startLine`` is the **page** (a PDF has no lines code
  scanning could show), with a ``logicalLocation`` of kind ``page`` named
  ``page N`` and ``path#page=N``. A span whose letters cannot be found in
  the source gets no region: the alert is on the file;
- without ``regions`` (the library called on canonical texts alone), lines
  and columns are in the canonical text, and the run's properties say so.

Every result also carries its canonical position in its properties
(``canonical``: line, column, offset and length).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from verify.detect.codes import RULES
from verify.model import Finding
from verify.report.source_map import SourceRegion

Regions = Mapping[str, Mapping[tuple[int, int], "SourceRegion | None"]]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"


def render_sarif(
    results: Mapping[str, Sequence[Finding]],
    errors: Mapping[str, str] | None = None,
    *,
    tool_version: str = "0",
    profile: str | None = None,
    regions: Regions | None = None,
) -> dict[str, Any]:
    """The SARIF log of one lint run (JSON-ready data). ``regions`` maps a
    path and a canonical span to its region in the source file."""
    errors = errors or {}
    codes = sorted({f.code for found in results.values() for f in found} | set(RULES))
    index = {code: i for i, code in enumerate(codes)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "verify",
                "version": tool_version,
                "rules": [_rule(code) for code in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(errors)],
        "results": [
            _result(f, index[f.code], None if regions is None else regions.get(path, {}))
            for path in sorted(results)
            for f in results[path]
        ],
        "properties": {
            "positions": "canonical text" if regions is None else "source file",
            "profile": profile,
        },
    }
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def _rule(code: str) -> dict[str, Any]:
    rule = RULES.get(code)
    summary = rule.summary if rule else code
    return {
        "id": code,
        "name": "".join(part.title() for part in code.replace("_", ".").split(".")),
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": rule.severity if rule else "warning"},
    }


def _invocation(errors: Mapping[str, str]) -> dict[str, Any]:
    return {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
            }
            for path, message in sorted(errors.items())
        ],
    }


def _result(
    finding: Finding,
    rule_index: int,
    regions: Mapping[tuple[int, int], SourceRegion | None] | None,
) -> dict[str, Any]:
    length = finding.span.end - finding.span.start
    snippet = finding.snippet[finding.column - 1 : finding.column - 1 + length]
    uri = _uri(finding.path or "")
    canonical = {
        "line": finding.line,
        "column": finding.column,
        "charOffset": finding.span.start,
        "charLength": length,
    }
    if regions is None:
        location = _canonical_location(finding, uri, length, snippet)
    else:
        location = _source_location(uri, regions.get((finding.span.start, finding.span.end)), snippet)
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"evidence": dict(finding.evidence), "canonical": canonical},
    }


def _canonical_location(finding: Finding, uri: str, length: int, snippet: str) -> dict[str, Any]:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endColumn": finding.column + length,
        "charOffset": finding.span.start,
        "charLength": length,
        "snippet": {"text": snippet},
    }
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": region,
            "contextRegion": {"startLine": finding.line, "snippet": {"text": finding.snippet}},
        }
    }


def _source_location(uri: str, region: SourceRegion | None, snippet: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if region is None:
        return location
    if region.page is not None:
        physical["region"] = {"startLine": region.page, "snippet": {"text": snippet}}
        location["logicalLocations"] = [
            {"name": f"page {region.page}", "fullyQualifiedName": f"{uri}#page={region.page}", "kind": "page"}
        ]
        location["properties"] = {"page": region.page, "pageLine": region.start_line}
        return location
    physical["region"] = {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
        "snippet": {"text": snippet},
    }
    return location


def _uri(path: str) -> str:
    """A relative URI reference for a POSIX path (spaces and ``%`` escaped)."""
    return quote(path.replace("\\", "/"), safe="/-._~")
