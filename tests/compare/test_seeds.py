"""Acceptance on the two English translations of the 2006 SCO statement.

001 and 002 translate one original: the report must show the term, the
dropped word and the passages only 002 has, and must take the rest (60th and
sixtieth, the shared dates and resolution numbers, paraphrase) as the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.compare import Comparison, compare_texts, summary
from verify.pipeline import process_file

SOURCES = Path(__file__).resolve().parents[2] / "sources"
A = SOURCES / "001_150b57b1f7e7ebd3.txt"
B = SOURCES / "002_e1609b8a501e843d.txt"


def _canonical(path: Path) -> str:
    record = process_file(path)
    assert record.error is None and record.text is not None
    return record.text


@pytest.fixture(scope="module", params=["canonical", "raw"])
def comparison(request: pytest.FixtureRequest) -> Comparison:
    if request.param == "raw":  # the captures as they are: hard wraps, page headers
        return compare_texts(A.read_text(encoding="utf-8"), B.read_text(encoding="utf-8"))
    return compare_texts(_canonical(A), _canonical(B))


def test_regional_antiterrorist_structure(comparison: Comparison) -> None:
    names = [d for d in comparison.differences if d.kind == "name"]
    assert any("Antiterrorist" in d.a.text and "Counter-Terrorism" in d.b.text for d in names)


def test_dropped_security(comparison: Comparison) -> None:
    (d,) = [d for d in comparison.differences if d.kind == "wording"]
    assert "international information security expert group" in d.a.text
    assert "experts on international information" in d.b.text
    assert "security" not in d.b.text
    assert "'security'" in d.detail


def test_letter_and_signatures_only_in_002(comparison: Comparison) -> None:
    additions = [d.b.text for d in comparison.differences if d.kind == "addition"]
    assert any(
        t.startswith("LETTER DATED 16 AUGUST 2006") and "(Signed): Cheng Jingye" in t for t in additions
    )
    assert any("(Signed): Nursultan Nazarbaev" in t and "Islam Karimov" in t for t in additions)
    letter = next(d for d in comparison.differences if d.kind == "addition")
    assert letter.a.text == "" and letter.a.span.start == letter.a.span.end


RUNNING_HEADER = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"


def test_no_number_date_or_symbol_differences(comparison: Comparison) -> None:
    found = [d for d in comparison.differences if d.kind in ("number", "date", "symbol")]
    # The raw capture of 001 has the PDF's running header inside two sentences;
    # its year is reported (it is in the text), and nothing else is.
    in_header = [
        d
        for d in found
        if d.a.text == "2007" and RUNNING_HEADER in comparison.a_text[d.a.span.start - 60 : d.a.span.end]
    ]
    assert found == in_header


def test_the_60_45_sentences_are_aligned(comparison: Comparison) -> None:
    (pair,) = [p for p in comparison.pairs if "Resolution 60/45" in p.a_excerpt.text]
    assert "sixtieth - anniversary - session of resolution 60/45" in pair.b_excerpt.text
    assert pair.score >= 500


def test_spans_slice_the_texts(comparison: Comparison) -> None:
    for d in comparison.differences:
        for side, text in ((d.a, comparison.a_text), (d.b, comparison.b_text)):
            assert " ".join(text[side.span.start : side.span.end].split()) == side.text


def test_canonical_report_is_exactly_this() -> None:
    c = compare_texts(_canonical(A), _canonical(B))
    assert [d.kind for d in c.differences] == [
        "omission",
        "addition",
        "wording",
        "name",
        "addition",
    ]
    assert c.differences[0].a.text == "Departamento de Asia y Pacífico"
    s = summary(c)
    assert s["differences"] == {
        "number": 0,
        "date": 0,
        "symbol": 0,
        "name": 1,
        "wording": 1,
        "omission": 1,
        "addition": 2,
    }
    assert s["coverage_a_permille"] > 950


def test_a_text_compared_with_itself_is_identical() -> None:
    text = _canonical(B)
    c = compare_texts(text, text)
    assert c.identical
    assert all(p.score >= 990 for p in c.pairs)
    assert all(len(p.a) == len(p.b) == 1 for p in c.pairs)
