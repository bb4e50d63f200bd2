"""SARIF regions in the source file: canonical spans mapped back to the
lines and columns of a text or HTML file, and to the page of a PDF."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from helpers import DATA, SOURCES

from verify.cli import main
from verify.pipeline import process_file
from verify.report.source_map import SourceMap, load_source_map

SCHEMA = DATA / "sarif" / "sarif-2.1.0-rtm.4.json"


def test_a_span_is_found_across_wrapped_lines_and_a_joined_hyphenation() -> None:
    source = "Intro line.\nThe co-\noperation of the SCO\nmember states, and the CSO\nmember states."
    canonical = "Intro line.\n\nThe cooperation of the SCO member states, and the CSO member states."
    start = canonical.index("CSO")
    region = SourceMap.of_text(canonical, source).region(start, start + 3)
    assert region is not None
    line = source.split("\n")[region.start_line - 1]
    assert line[region.start_column - 1 : region.end_column - 1] == "CSO"


def test_the_same_words_twice_map_to_the_right_occurrence() -> None:
    canonical = "in in the first. in in the second."
    source = "in in the\nfirst.\nin in the\nsecond."
    region = SourceMap.of_text(canonical, source).region(17, 22)
    assert region is not None and (region.start_line, region.start_column) == (3, 1)


def test_text_missing_from_the_source_has_no_region() -> None:
    assert SourceMap.of_text("alpha beta gamma", "delta epsilon").region(6, 10) is None


def test_html_regions_point_into_the_element() -> None:
    markup = "<html><body>\n<nav>Menu</nav>\n<p>The &amp; CSO <b>summit</b> met.</p>\n</body></html>"
    canonical = "The & CSO summit met."
    region = SourceMap.of_html(canonical, markup).region(6, 9)
    assert region is not None and region.start_line == 3
    assert markup.split("\n")[2][region.start_column - 1 : region.end_column - 1] == "CSO"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("003_471a1f005966c636.txt", "003_471a1f005966c636.html", "001_150b57b1f7e7ebd3.pdf"):
        shutil.copy(SOURCES / name, folder)
    return folder


def test_sarif_of_a_folder_points_at_source_lines_and_pages(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(corpus), "--format", "sarif", "-j", "1"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    assert run["properties"]["positions"] == "source file"
    seen = {"txt": 0, "html": 0, "pdf": 0}
    for result in run["results"]:
        location = result["locations"][0]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        region = location["physicalLocation"]["region"]
        kind = uri.rsplit(".", 1)[-1]
        if kind == "pdf":
            assert location["logicalLocations"][0]["kind"] == "page"
            assert region["startLine"] == location["properties"]["page"] >= 1
        elif result["ruleId"] == "acronym.variant":
            path = corpus / Path(uri).name
            line = path.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
        seen[kind] += 1
    assert all(seen.values()), seen


def test_load_source_map_of_a_pdf_names_the_page() -> None:
    path = SOURCES / "001_150b57b1f7e7ebd3.pdf"
    record = process_file(path)
    assert record.text is not None
    start = record.text.index("Shangai")
    source = load_source_map(str(path), record.format, record.encoding, record.text)
    assert source is not None
    region = source.region(start, start + 7)
    assert region is not None and region.page == 1
