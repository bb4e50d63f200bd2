"""``verify lint --format sarif``: findings as a SARIF 2.1.0 log, so that code
scanning shows them inline.

One run, one rule per finding code (with its default level and summary),
one result per finding. Positions are in the *canonical text* of each file
(paragraphs one per line, see DESIGN.md), which for a plain-text file is
close to the file and for a PDF or HTML file is the only text there is; the
run's properties say so, and each result carries the character offset and
the line of canonical text as its context snippet. Files that could not be
read are tool notifications, and make the invocation unsuccessful.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from verify.detect.codes import RULES
from verify.model import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"


def render_sarif(
    results: Mapping[str, Sequence[Finding]],
    errors: Mapping[str, str] | None = None,
    *,
    tool_version: str = "0",
    profile: str | None = None,
) -> dict[str, Any]:
    """The SARIF log of one lint run (JSON-ready data)."""
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
        "results": [_result(f, index[f.code]) for path in sorted(results) for f in results[path]],
        "properties": {"positions": "canonical text", "profile": profile},
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


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    length = finding.span.end - finding.span.start
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endColumn": finding.column + length,
        "charOffset": finding.span.start,
        "charLength": length,
        "snippet": {"text": finding.snippet[finding.column - 1 : finding.column - 1 + length]},
    }
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(finding.path or "")},
            "region": region,
            "contextRegion": {"startLine": finding.line, "snippet": {"text": finding.snippet}},
        }
    }
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"evidence": dict(finding.evidence)},
    }


def _uri(path: str) -> str:
    """A relative URI reference for a POSIX path (spaces and ``%`` escaped)."""
    return quote(path.replace("\\", "/"), safe="/-._~")
