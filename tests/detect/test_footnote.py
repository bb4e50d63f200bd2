"""damage.footnote_marker and damage.footnote_text."""

from __future__ import annotations

import pytest
from helpers import seed

from verify.detect import footnote


def test_markers_after_punctuation_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    found = [f for f in footnote.detect(text) if f.code == "damage.footnote_marker"]
    assert [dict(f.evidence)["token"] for f in found] == ["members.7", "members.8", "Russia.9"]
    assert [f.span.slice(text) for f in found] == ["7", "8", "9"]
    assert {f.severity for f in found} == {"warning"}


def test_china1_and_its_footnote_text_in_002_as_captured() -> None:
    # The canonicaliser separates this footnote itself (see the next test);
    # the detector finds the marker and the body where nothing did.
    text = seed("002").read_text(encoding="utf-8")
    marker, body = footnote.detect(text)
    assert (marker.code, dict(marker.evidence)["token"]) == ("damage.footnote_marker", "CHINA1")
    assert marker.span.slice(text) == "1"
    assert body.code == "damage.footnote_text"
    assert body.span.slice(text).startswith("1  Originally issued as annex II")
    assert dict(body.evidence) == {"number": 1}


def test_a_footnote_body_run_into_a_paragraph() -> None:
    text = (
        "ISSUED ON 15 JUNE 2006 IN SHANGHAI, CHINA1 I have the honour. to the Conference on "
        "Disarmament 1 Originally issued as annex II to a document A/60/973. Statement of"
    )
    marker, body = footnote.detect(text)
    assert dict(marker.evidence)["token"] == "CHINA1"
    assert body.span.slice(text) == "1 Originally issued as annex II to a document A/60/973."


def test_a_footnote_the_canonicaliser_separated_is_not_damage(seeds: dict[str, str]) -> None:
    assert "[^1] Originally issued" in seeds["002"]
    assert footnote.detect(seeds["002"]) == []


def test_names_with_digits_stay_quiet() -> None:
    assert footnote.detect("It renders HTML5 and MPEG4; COVID19 spread in 2020. Version 3.5 is out.") == []


@pytest.mark.parametrize(
    "text",
    [
        "India is considered one of the potential members.7 The admission takes time.",
        "There were areas in which POSIX.2 Standardization was needed.",
        "Add missing tests (Nick), see xsltproc.1 Improvements: faster output.",
        "threads mach:43 Bug fixes and syscall:25 The release.",
    ],
)
def test_a_number_glued_to_a_word_without_footnote_evidence_is_quiet(text: str) -> None:
    # One number after a word is a version, a section or a manual page
    # unless the text shows footnotes: a body, or a sequence of markers.
    assert footnote.detect(text) == []


def test_a_sequence_of_markers_is_footnote_evidence() -> None:
    text = "potential members.7 The admission of members.8 According to Russia.9 More."
    found = footnote.detect(text)
    assert [dict(f.evidence)["number"] for f in found] == [7, 8, 9]


def test_a_footnote_body_is_evidence_for_one_marker() -> None:
    text = "The members agreed on the text.3 The meeting ended.\n\n3 Originally issued as a note."
    found = [f for f in footnote.detect(text) if f.code == "damage.footnote_marker"]
    assert [dict(f.evidence)["token"] for f in found] == ["text.3"]


def test_a_numbered_row_is_not_a_footnote_body() -> None:
    row = "Run the stage1 build first.\n\n1 Stage One Build Tree"
    note = "Run the stage1 build first.\n\n1 Originally issued as a note to the text."
    assert footnote.detect(row) == []
    assert [f.code for f in footnote.detect(note)] == ["damage.footnote_marker", "damage.footnote_text"]


def test_a_body_before_its_marker_is_no_evidence() -> None:
    text = "Intro.\n\n1 Originally issued as a note to the text.\n\nRun the stage1 build first."
    assert footnote.detect(text) == []


def test_a_number_glued_in_a_heading_of_code_is_a_name() -> None:
    code = "PRE(sys_openat): CHECK WHETHER THE ARG1 == VKI_AT_FDCWD"
    heading = "ISSUED ON 15 JUNE 2006 IN SHANGHAI, CHINA1 I have the honour to transmit"
    assert footnote.detect(code) == []
    assert [dict(f.evidence)["token"] for f in footnote.detect(heading)] == ["CHINA1"]
