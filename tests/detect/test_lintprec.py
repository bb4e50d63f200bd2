"""Quiet cases read in audit3's clean documents (lintprec round: poetry,
Vim help, a constitution, PDF manuals), each paired with real damage of the
same shape that must still be found (lines of the seeds, whose README says
which damage is where).

The real lines are in ``tests/data/detect/lintprec/cases.json`` (sources and
licences in its ``source`` fields and in ``tests/data/detect/README.md``).
"""

from __future__ import annotations

import json

from helpers import DATA

from verify.detect import (
    Layout,
    boilerplate,
    doubled_word,
    lint_text,
    lowercase_sentence,
    name_variant,
    stray_number,
)

CASES: dict[str, dict[str, object]] = json.loads(
    (DATA / "detect" / "lintprec" / "cases.json").read_text(encoding="utf-8")
)


def _text(name: str) -> str:
    text = CASES[name]["text"]
    assert isinstance(text, str)
    return text


def _codes(found: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f.code, f.severity) for f in found]


def test_a_poems_repetitions_are_notes_and_a_doubled_function_word_still_a_warning() -> None:
    verse = _text("leaves_verse")
    assert doubled_word.is_verse(verse)
    found = doubled_word.detect(verse)
    assert _codes(found) == [("damage.repeated_word", "note")]  # "O farther farther sail!"
    assert dict(found[0].evidence)["style"] == "verse"
    slip = verse + "\n\n" + _text("seed_in_in")  # the seed's "cooperation in in this field"
    assert ("damage.doubled_word", "warning") in _codes(doubled_word.detect(slip))


def test_prose_is_not_verse_and_keeps_its_warnings() -> None:
    for name in ("seed_concepts", "seed_iri", "us_sections"):
        assert not doubled_word.is_verse(_text(name))
    found = doubled_word.detect(_text("seed_concepts"))
    assert ("damage.doubled_word", "warning") in _codes(found)


def test_a_run_of_three_a_possessive_and_a_pronoun_are_no_coordination() -> None:
    for name in ("leaves_run", "leaves_possessive", "leaves_pronoun"):
        assert doubled_word.detect(_text(name)) == [], name
    found = doubled_word.detect(_text("seed_concepts"))  # "concepts and concepts in the field"
    assert [dict(f.evidence)["word"] for f in found] == ["concepts"]


def test_a_tables_repeated_cells_are_notes() -> None:
    for name in ("vim_status_table", "vim_case_table"):
        found = doubled_word.detect(_text(name))
        assert found and all(f.code == "damage.repeated_word" for f in found), name
        assert {dict(f.evidence)["style"] for f in found} <= {"table"}
    found = doubled_word.detect(_text("seed_in_in"))
    assert _codes(found) == [("damage.doubled_word", "warning")]


def test_a_double_the_text_writes_twice_is_its_own() -> None:
    assert doubled_word.detect(_text("vim_grammar")) == []  # "piece piece or piece piece piece"
    # written twice, but a function word: a slip made twice is still a slip
    twice = _text("seed_in_in") + "\n\n" + _text("seed_in_in").replace("in in this field", "in in that field")
    assert len(doubled_word.detect(twice)) == 2


def test_a_term_then_its_definition_is_no_lower_case_sentence() -> None:
    assert lowercase_sentence.detect(_text("vim_definitions")) == []
    found = lowercase_sentence.detect(_text("seed_information"))
    assert [dict(f.evidence)["word"] for f in found] == ["information"]


def test_a_notice_pointing_at_the_texts_own_terms_is_no_boilerplate() -> None:
    assert boilerplate.detect(_text("vim_copyright")) == []
    footer = _text("vim_copyright").replace(
        "Copyright: see |manual-copyright|", "Copyright 2023 The Vim Tips Site"
    )
    assert [dict(f.evidence)["kind"] for f in boilerplate.detect(footer)] == ["legal"]


def test_numbered_section_headings_are_no_stray_numbers() -> None:
    assert stray_number.detect(_text("us_sections")) == []
    assert [dict(f.evidence)["number"] for f in stray_number.detect(_text("seed_stray_5"))] == ["5.", "6."]
    # the same shape with no heading before it: a one-word sentence, then a stray number
    one_word = "Fields. 5. CSU Member States are intensifying their cooperation."
    assert [dict(f.evidence)["number"] for f in stray_number.detect(one_word)] == ["5."]


def test_two_words_written_side_by_side_are_no_name_variant() -> None:
    assert name_variant.detect(_text("us_imposts")) == []
    found = name_variant.detect(_text("seed_iri"))
    assert [dict(f.evidence)["variant"] for f in found] == ["Shangai"]


def _headers(name: str, extra: str = "") -> list[str]:
    pages = CASES[name]["pages"]
    assert isinstance(pages, int)
    found = lint_text(_text(name) + extra, layout=Layout(format="pdf", paged=True, pages=pages))
    return [str(dict(f.evidence)["header"]) for f in found if f.code == "damage.running_header"]


def test_a_figures_legend_and_a_parameter_described_twice_are_no_running_headers() -> None:
    assert _headers("trumicount") == []
    assert _headers("wordometer") == []


def test_a_header_that_cuts_sentences_in_a_paged_pdf_is_still_found() -> None:
    iri = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"
    assert iri in _text("seed_iri")
    cut = "".join(
        f"\n\nThe member states agreed that the\n\n{iri}\n\nmeeting would be held." for _ in range(4)
    )
    assert iri in _headers("trumicount", cut)


def test_a_slip_copied_with_its_paragraph_is_still_one_slip() -> None:
    found = doubled_word.detect(_text("blog_edition_copied"))  # "new edition edition 2024", copied
    assert _codes(found) == [("damage.doubled_word", "warning")] * 2


def test_one_word_doubled_in_a_sentence_less_paragraph_is_no_table() -> None:
    found = doubled_word.detect(_text("wikipedia_emml"))  # "in In EMML 1.0", a real slip
    assert _codes(found) == [("damage.doubled_word", "warning")]


def test_prose_at_the_end_of_a_book_of_verse_keeps_its_warnings() -> None:
    text = _text("leaves_verse") + "\n\n" + _text("gutenberg_licence_including")
    found = [f for f in doubled_word.detect(text) if dict(f.evidence)["word"] == "including"]
    assert _codes(found) == [("damage.doubled_word", "warning")]


def test_a_name_given_with_called_is_no_variant_and_a_slip_is() -> None:
    assert name_variant.detect(_text("acts_barsabas")) == []  # "Joseph called Barsabas"
    # one use written where the name is used, not given: as a slip for Barnabas stands
    slip = _text("acts_barsabas").replace("Joseph called Barsabas", "Joseph and Barsabas")
    assert [dict(f.evidence)["variant"] for f in name_variant.detect(slip)] == ["Barsabas"] * 2


def test_a_misspelt_heading_over_the_right_form_is_still_a_variant() -> None:
    # side by side means in one sentence of one paragraph: a heading stands apart
    found = name_variant.detect(_text("pep_ancilliary"))
    assert [dict(f.evidence)["variant"] for f in found] == ["Ancilliary"]
