"""Quiet cases read in the lint7 and lint8 fresh sets and in RFCs (lint9
round), each paired with the real slip that must still be found.

The real lines are in ``tests/data/detect/lint9/cases.json`` (see the README
there for their sources and licences).
"""

from __future__ import annotations

import json

import pytest
from helpers import DATA

from verify.detect import (
    Layout,
    acronym_definition,
    acronym_variant,
    doubled_word,
    glued_token,
    lint_text,
    name_variant,
    stray_number,
)

CASES: dict[str, dict[str, str]] = json.loads(
    (DATA / "detect" / "lint9" / "cases.json").read_text(encoding="utf-8")
)


def _text(name: str) -> str:
    return CASES[name]["text"]


@pytest.mark.parametrize(
    "name", ["go_package_names", "go_flight_recorder", "go_laws_of_reflection", "go_synctest"]
)
def test_names_in_unmarked_go_code_are_not_glued(name: str) -> None:
    assert glued_token.detect(_text(name)) == []


def test_a_sentence_glued_in_prose_is_found_beside_one_code_sign() -> None:
    """One sign of code (braces of a template) is not a code line; a full
    stop that lost its space in that prose is still found."""
    text = "The {{version}} members agreed.The list was long."
    assert [dict(f.evidence)["token"] for f in glued_token.detect(text)] == ["agreed.The"]


def test_a_glued_token_before_a_call_in_prose_is_found() -> None:
    """A parenthesis after a space is prose's, not a call's."""
    text = "It returns a value (the members agreed.The list) at once."
    assert [dict(f.evidence)["token"] for f in glued_token.detect(text)] == ["agreed.The"]


@pytest.mark.parametrize("name", ["rust_blog_url_encoded", "rust_blog_url_fragment"])
def test_a_url_encoded_space_or_fragment_is_not_glued(name: str) -> None:
    assert glued_token.detect(_text(name)) == []


def test_an_ordinal_glued_to_a_word_is_still_found() -> None:
    found = glued_token.detect("during the 20thsession of the assembly")
    assert [dict(f.evidence)["split"] for f in found] == ["20th session"]


def test_a_grammar_rule_after_its_own_name_is_not_doubled() -> None:
    assert doubled_word.detect(_text("rfc7230_abnf")) == []


def test_a_doubled_word_before_an_equals_sign_in_prose_needs_the_sign_right_after() -> None:
    text = "the the value = 3 is the the default"
    assert len(doubled_word.detect(text)) == 2


def test_a_doubled_word_in_unmarked_code_is_quiet_and_in_prose_found() -> None:
    code = "for i := 0; i < n; i++ {if err != nil {return err err}}"
    assert doubled_word.detect(code) == []
    assert len(doubled_word.detect("the loop returns the the error at once")) == 1


def test_a_verse_cited_after_a_quotation_is_not_a_stray_number() -> None:
    assert stray_number.detect(_text("gutenberg_11563_citation")) == []
    found = stray_number.detect("the other fields. 5. CSU Member States")
    assert [dict(f.evidence)["number"] for f in found] == ["5."]


def test_a_time_zone_after_a_time_is_not_a_garble() -> None:
    methods = "A GET request. The GET method. A second GET. "
    assert acronym_variant.detect(methods + _text("rfc7230_date")) == []
    found = acronym_variant.detect(methods + "Then a GEX request.")
    assert [dict(f.evidence)["stands_for"] for f in found] == ["GET"]


@pytest.mark.parametrize("name", ["go_normalization", "go_ismm"])
def test_two_forms_written_side_by_side_are_two_names(name: str) -> None:
    context = " NFC is the default. An SLO is a target. NFC again, and an SLO again."
    assert acronym_variant.detect(_text(name) + context) == []


def test_a_garble_a_sentence_away_from_its_form_is_still_found() -> None:
    text = ("The SCO summit opened. SCO member states met. The SCO secretariat. "
            "Later the CSO member states agreed.")
    assert [dict(f.evidence)["stands_for"] for f in acronym_variant.detect(text)] == ["SCO"]


def test_a_form_whose_words_the_text_spells_out_is_a_name() -> None:
    text = "ISO 8601 dates. ISO 3166 codes. " + _text("rfc2616_isi")
    assert acronym_variant.detect(text) == []
    garbled = "ISO 8601 dates. ISO 3166 codes. See the ISI report."
    assert [dict(f.evidence)["stands_for"] for f in acronym_variant.detect(garbled)] == ["ISO"]


def test_a_noun_and_its_plural_capitalised_are_one_word() -> None:
    lines = ["The Gentlemen drank.", "Two Gentlemen sang.", "The Gentlemen left.",
             "The Gentlemen came back.", "But the young Gentleman prov'd such a Rake."]
    assert name_variant.detect(" ".join(lines)) == []
    slip = ("The Shanghai Cooperation Organisation met in Shanghai, 2006. "
            "The Shangai Cooperation Organisation.")
    assert len(name_variant.detect(slip)) == 1


def _paged(header: str, repeats: int, pages: int) -> list[str]:
    body = [f"Paragraph {i} ends here." for i in range(repeats)]
    parts = [p for i in range(repeats) for p in (header, body[i])]
    text = "\n".join(parts)
    found = lint_text(text, layout=Layout(format="text", paged=True, pages=pages))
    return [f.code for f in found if f.code.startswith("damage.running")]


def test_a_running_header_needs_to_stand_on_a_quarter_of_the_pages() -> None:
    header = "| Header Field Name | Defined in... |"
    assert _paged(header, 10, 100) == []
    assert _paged(header, 10, 30) == ["damage.running_header"]
    assert _paged(header, 10, 40) == ["damage.running_header"]


def test_a_status_code_named_twice_is_not_an_acronym_redefined() -> None:
    text = _text("rfc2616_continue")
    assert [f for f in acronym_definition.detect(text) if f.code == "acronym.redefined"] == []
    both = text + "\n\nThe Universal Product Code (UPC) is printed. The Uniform Product Code (UPC) grew."
    found = [f for f in acronym_definition.detect(both) if f.code == "acronym.redefined"]
    assert [dict(f.evidence)["acronym"] for f in found] == ["UPC"]


def test_a_family_of_rules_one_letter_apart_is_not_garbled() -> None:
    """OWS, RWS and BWS differ at one letter, the same one, and each is used
    three times or more: a family of names (as SFP, XFP, CFP), not two
    garbles of OWS. A one-off one letter away is still a garble."""
    text = _text("rfc7230_whitespace_rules")
    assert acronym_variant.detect(text) == []
    garbled = text + "\n\nA sender reads OWS. A recipient reads OWS. A sender MUST NOT generate OWX."
    found = acronym_variant.detect(garbled)
    assert {dict(f.evidence)["variant"] for f in found} == {"OWX"}


def test_a_slip_far_from_the_code_of_a_long_line_is_found() -> None:
    """A release-notes page unwrapped into one long line holds code in one
    place and prose in another; the prose's slip is still found (valgrind's
    NEWS: "defined in in <valgrind/valgrind.h>")."""
    code = "if (a == b) {run();} "
    prose = "This release supports many platforms and fixes bugs reported by users. " * 3
    text = code + prose + "The macro (defined in in <valgrind/valgrind.h>) is new."
    assert [dict(f.evidence)["pattern"] for f in doubled_word.detect(text)] == ["X X"]
    assert doubled_word.detect(code + "(defined in in <valgrind/valgrind.h>)") == []
