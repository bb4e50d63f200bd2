"""The canonical profile: each step on real snippets, replay, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.ingest.text import ingest_text
from verify.model import Extracted
from verify.normalize import PROFILE, canonicalize, canonicalize_text, replay
from verify.normalize import layout, steps

from helpers import SOURCES, seed

CASES = json.loads((Path(__file__).parent / "data" / "normalize_cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["steps"], ids=lambda c: f"{c['step']}:{c['label']}")
def test_text_step(case: dict[str, str]) -> None:
    assert getattr(steps, case["step"])(case["input"]) == case["output"]


@pytest.mark.parametrize("case", CASES["canonical"], ids=lambda c: c["label"])
def test_canonical_text(case: dict[str, str]) -> None:
    assert canonicalize_text(case["input"]) == case["output"]


def _canon(path: Path) -> tuple[Extracted, str, dict[str, tuple[str, ...]]]:
    extracted = ingest_text(path.read_bytes())
    canonical = canonicalize(extracted)
    return extracted, canonical.text, {c.step: c.examples + c.params for c in canonical.changes}


def test_running_header_inside_sentences_is_removed_and_recorded() -> None:
    # Seed 001: the IRI yearbook header interrupts sentences twice.
    _, text, changes = _canon(seed("001"))
    assert "Instituto de Relaciones Internacionales" not in text
    assert "Instituto de Relaciones Internacionales (IRI) - Anuario 2007" in changes["furniture"]
    assert ("express concern over the immediate threat of using ICT for the following purposes"
            in text)
    assert "hold similar positions on key issues concerning international information security " \
           "and wish to work in concert to take up new information challenges" in text


def test_footnote_marker_and_text_are_separated_from_the_body() -> None:
    # Seed 002: "CHINA1" in the title block, its note below the signature.
    _, text, changes = _canon(seed("002"))
    assert "IN SHANGHAI, CHINA I have the honour" not in text  # the title is its own paragraph
    assert "ISSUED ON 15 JUNE 2006 IN SHANGHAI, CHINA\n\n" in text
    assert "CHINA1" not in text
    assert text.endswith("[^1] Originally issued as annex II to a General Assembly document issued "
                         "under the symbol A/60/973.")
    assert changes["footnotes"][-1] == "1"
    assert "-----" not in text  # the page separator is a rule, not words


def test_hard_wraps_and_trailing_spaces_are_unwrapped() -> None:
    _, text, _ = _canon(seed("002"))
    assert ("I have the honour to transmit herewith the statement of the heads of member States of "
            "the Shanghai Cooperation Organization on international information security, which "
            "was issued on 15 June 2006 in Shanghai, China.") in text.split("\n\n")


def test_clean_captures_change_only_typography() -> None:
    for prefix in ("000", "004"):
        extracted, text, changes = _canon(seed(prefix))
        assert set(changes) <= {"punctuation", "unwrap", "line_space"}
        assert text.split() == " ".join(extracted.pages).translate(
            str.maketrans("\u2018\u2019\u201c\u201d\u2013", "''\"\"-")).split()


def test_text_capture_damage_is_kept_for_the_detectors() -> None:
    # Damage that is content-level (a doubled word, garbled acronyms) is not "repaired".
    assert "in in this field" in _canon(seed("000"))[1]
    assert "CSR Member States" in _canon(seed("003"))[1]
    assert "66thsession" in _canon(seed("004"))[1]


@pytest.mark.parametrize("pages, removed", [
    (("ANNUAL REPORT 2007\nFirst page text runs on\n1", "ANNUAL REPORT 2007\nand ends here.\n2",
      "ANNUAL REPORT 2007\nThird page.\n3"), ["#page-number", "ANNUAL REPORT #"]),
    # A heading that repeats at the top with numbers that do not follow the pages stays.
    (("Article 1\nText one.", "Article 7\nText two.", "Article 3\nText three."), []),
    # A footer with the page number inside it, at the start of the page (as PDFium puts it).
    (("Page 1 of 3\nAlpha.", "Page 2 of 3\nBeta.", "Page 3 of 3\nGamma."), ["#page-number"]),
    (("CD/1790 page 1\nAlpha.", "CD/1790 page 2\nBeta."), ["CD/# page #"]),
])
def test_paged_furniture(pages: tuple[str, ...], removed: list[str]) -> None:
    assert list(layout.remove_furniture(pages).params) == removed


def test_header_that_splits_a_hyphenated_word_at_a_page_break() -> None:
    pages = ("IRI Anuario\nthe infor-", "IRI Anuario\nmation society.", "IRI Anuario\nEnd.")
    text = canonicalize(Extracted("pdf", "test", pages)).text
    assert text == "the information society.\n\nEnd."


@pytest.mark.parametrize("text, expected", [
    ("infor-\nmation security", "information security"),
    ("a well-known case; well-\nknown again", "a well-known case; well-known again"),
    ("counter-\nterrorism and counterterrorism", "counterterrorism and counterterrorism"),
    ("the Asia-\nPacific region", "the Asia-Pacific region"),
    ("page 12 -\nnext", "page 12 - next"),
])
def test_dehyphenation_uses_the_documents_own_vocabulary(text: str, expected: str) -> None:
    assert canonicalize_text(text) == expected


def test_all_sources_replay_and_are_idempotent() -> None:
    paths = sorted(SOURCES.glob("*.txt"))
    assert len(paths) >= 5
    for path in paths:
        extracted = ingest_text(path.read_bytes())
        canonical = canonicalize(extracted)
        assert replay(extracted.pages, canonical.changes) == canonical.text, path.name
        assert canonicalize_text(canonical.text) == canonical.text, path.name


def test_replay_refuses_a_step_the_profile_does_not_have() -> None:
    from verify.model import Change

    with pytest.raises(ValueError, match="not in profile"):
        replay(("x",), [Change("translate", 1)])


def test_profile_is_named_and_versioned() -> None:
    assert PROFILE.name == "canon/7"
    names = [s.name for s in PROFILE.steps]
    assert len(names) == len(set(names))


_texty = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
_wordy = st.lists(st.sampled_from([
    "the", "SCO", "infor-", "mation", "\n", "\n\n", " ", "-", "1", "CHINA1", "«", "»", "’", "ﬁ",
    "\u00ad", "\u200b", "Header", "(", ")", ",", ".", "word", "\t", "-----", "Page 2", "\r\n",
    "Ã©", "e\u0301", "\f",
]), max_size=80).map("".join)



@given(st.one_of(_texty, _wordy))
@example("a\n\nb\nb\nc\n\nb\nd")
@example("..\n.")
@example("Â\r0")
def test_canonicalisation_is_idempotent(text: str) -> None:
    once = canonicalize_text(text)
    assert canonicalize_text(once) == once



@given(st.lists(st.one_of(_texty, _wordy), min_size=1, max_size=4))
def test_every_recorded_plan_replays(pages: list[str]) -> None:
    extracted = Extracted("pdf", "test", tuple(pages))
    canonical = canonicalize(extracted)
    assert replay(extracted.pages, canonical.changes) == canonical.text


@pytest.mark.parametrize("pages", [
    ("Hello world",) * 2,
    ("Title\nHello world\n1", "Title\nHello world\n2"),
    ("Same text\non every page",) * 3,
])
def test_furniture_removal_never_empties_a_document(pages: tuple[str, ...]) -> None:
    # Found by the backend study: text that repeats on every page is the document itself.
    text = canonicalize(Extracted("pdf", "test", pages)).text
    assert "Hello world" in text or "Same text" in text


def test_a_short_page_keeps_its_middle_line() -> None:
    pages = ("Title\nHello world\n1", "Title\nHello world\n2", "Title\nGoodbye\n3")
    assert canonicalize(Extracted("pdf", "test", pages)).text.split() == \
        ["Hello", "world", "Hello", "world", "Goodbye"]

