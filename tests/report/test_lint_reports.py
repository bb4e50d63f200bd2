"""SARIF and text renderings of lint findings."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from helpers import DATA, SOURCES

from verify.detect import lint_corpus, lint_text
from verify.model import Finding
from verify.pipeline import process_file
from verify.manifest import schema as manifest_schema
from verify.report.lint_text import excerpt, finding_json, render_json, render_text
from verify.report.sarif import render_sarif

SCHEMA = DATA / "sarif" / "sarif-2.1.0-rtm.4.json"


def seed_results() -> dict[str, list[Finding]]:
    texts = {}
    for path in sorted(SOURCES.glob("[0-9]*.txt")):
        record = process_file(path, f"sources/{path.name}")
        assert record.text is not None
        texts[record.path] = record.text
    return lint_corpus(texts)


def test_sarif_validates_against_the_schema() -> None:
    log = render_sarif(seed_results(), {"sources/broken.pdf": "cannot read"}, tool_version="0.1.0")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_result_points_at_the_span() -> None:
    log = render_sarif(seed_results())
    run = log["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "acronym.variant")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "CSR"
    context = result["locations"][0]["physicalLocation"]["contextRegion"]
    assert context["snippet"]["text"][region["startColumn"] - 1 :].startswith("CSR Member States")
    assert region["endColumn"] - region["startColumn"] == region["charLength"] == 3
    assert context["startLine"] == region["startLine"] > 1
    assert result["properties"]["evidence"]["stands_for"] == "SCO"
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "acronym.variant"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "sources/003_471a1f005966c636.txt"
    )


def test_sarif_uri_escapes_spaces(tmp_path: Path) -> None:
    log = render_sarif({"my docs/a b.txt": lint_text("in in it", path="my docs/a b.txt")})
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20docs/a%20b.txt"


def test_caret_under_a_span_in_a_long_line() -> None:
    text = "alpha beta gamma " * 20 + "cooperation in in this field" + " delta epsilon" * 20
    (finding,) = lint_text(text)
    shown, caret = excerpt(finding)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) <= 102
    start = caret.index("^")
    assert shown[start : start + len(caret.strip())] == "in in"


def test_text_report_groups_per_file_and_lists_unreadable_files() -> None:
    results = {"b.txt": lint_text("in in it", path="b.txt"), "a.txt": []}
    out = render_text(results, {"c.pdf": "encrypted"})
    assert out.splitlines() == [
        "b.txt",
        "  1:1: warning: damage.doubled_word: the word 'in' is written twice",
        "      in in it",
        "      ^^^^^",
        "",
        "c.pdf: error: encrypted",
        "1 finding(s) in 2 file(s) (0 errors, 1 warning, 0 notes); 1 file(s) could not be read",
    ]


def test_json_report_has_every_file() -> None:
    report = render_json({"a.txt": [], "b.txt": lint_text("in in it", path="b.txt")}, passed=False)
    assert [f["path"] for f in report["files"]] == ["a.txt", "b.txt"]
    assert report["summary"] == {"damage.doubled_word": 1}
    assert report["files"][1]["findings"][0]["evidence"]["word"] == "in"


def test_json_findings_fit_the_manifest_schema() -> None:
    """What a manifest entry's ``findings`` will hold: every seed finding as
    JSON validates against the manifest schema's ``finding``, and has no float."""
    schema = manifest_schema()
    finding_schema = {"definitions": schema["definitions"], "$ref": "#/definitions/finding"}
    found = [finding_json(f) for fs in seed_results().values() for f in fs]
    assert found
    for data in found:
        jsonschema.Draft7Validator(finding_schema).validate(data)
        assert not any(isinstance(v, float) for v in data["evidence"].values())
