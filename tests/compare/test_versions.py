"""Two versions of one text (an edition, a rendering): every changed word is reported.

The excerpts are real (tests/data/compare/README.md): the Apache License 2.0
with "perpetual" made "temporary", the one sentence that differs between
bash's rbash.0 and rbash.pdf, and two paragraphs of the bash article as
text and as PDF (eight years apart).
"""

from __future__ import annotations

import csv
from pathlib import Path

from verify.compare import compare_texts
from verify.compare.edits import edits, near_identical, tokens
from verify.compare.numbers import numbers

DATA = Path(__file__).parent.parent / "data" / "compare" / "versions"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _details(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.a.text, d.b.text) for d in compare_texts(a, b).differences]


def test_apache_perpetual_made_temporary_is_reported_twice() -> None:
    text = _read("apache-2.0-sections-2-3.txt")
    found = _details(text, text.replace("perpetual", "temporary"))
    assert found == [("wording", "perpetual", "temporary")] * 2


def test_unchanged_apache_has_no_difference() -> None:
    text = _read("apache-2.0-sections-2-3.txt")
    assert compare_texts(text, text).differences == ()


def test_rbash_values_of_bashopts_is_the_one_difference() -> None:
    found = _details(_read("rbash.txt"), _read("rbash-pdf.txt"))
    assert found == [("wording", "values of BASHOPTS and", "value of")]


def test_bash_article_descendent_and_dyamic_are_reported_not_the_pdf_glue() -> None:
    found = _details(_read("article.txt"), _read("article-pdf.txt"))
    wording = [(a, b) for kind, a, b in found if kind == "wording"]
    assert ("descendent", "descendant") in wording
    assert all(
        a.replace(" ", "") != b.replace(" ", "") for a, b in wording
    )  # not "key bindings"/"keybindings"
    assert len(wording) <= 2


def test_split_and_glued_words_are_no_edit() -> None:
    a = "Both key bindings and variable assignments may appear in the string given to bind."
    b = "Both keybindings and variable assignments may appear in the string givento bind."
    ta, tb = tokens(a, 0, len(a)), tokens(b, 0, len(b))
    assert near_identical(ta, tb)
    assert edits(ta, tb) == []


def test_a_ligature_is_no_edit() -> None:
    a = "The \ufb01le is \ufb02agged for the shell to read."
    b = "The file is flagged for the shell to read."
    assert edits(tokens(a, 0, len(a)), tokens(b, 0, len(b))) == []


def _chapter(name: str) -> str:
    rows = csv.DictReader((DATA.parent / name).open(encoding="utf-8"))
    return " ".join(r["Text"] for r in rows if r["Chapter"] == "1")


def test_translations_are_not_versions() -> None:
    """Between two translations (Ruth 1, ASV and BBE) a near-identical
    sentence with one word changed is paraphrase, not an edit; the same
    change between two copies of the ASV is an edit."""
    extra = " Then she said to them, Go, return each of you to the house of her {} in peace."
    asv, bbe = _chapter("ruth_asv.csv"), _chapter("ruth_bbe.csv")
    across = compare_texts(asv + extra.format("mother"), bbe + extra.format("father"))
    assert not [d for d in across.differences if d.kind == "wording" and d.detail.startswith("'")]
    within = compare_texts(asv + extra.format("mother"), asv + extra.format("father"))
    assert [(d.a.text, d.b.text) for d in within.differences] == [("mother", "father")]


def test_roman_numerals_in_the_old_way_are_numbers() -> None:
    values = [m.value for m in numbers("he lyved .lxxxx. yeres and viij. hundred and .xv. yere, iiij. dayes")]
    assert values == ["90", "815", "4"]


def test_words_that_look_roman_are_not_numbers() -> None:
    assert numbers("I mix civil lyrics, i.e. a dim mild view.") == []


def test_roman_and_english_numbers_agree() -> None:
    c = compare_texts(
        "And Enos lyved .lxxxx. yere and begat Kenan.", "And Enos lived ninety years, and begat Kenan."
    )
    assert [d for d in c.differences if d.kind == "number"] == []


def test_an_nroff_bullet_and_a_copyright_sign_are_no_edit() -> None:
    """bash.0.txt writes "o" for a bullet and "(C)" where bash.pdf has "\u2022" and "\u00a9"."""
    a = "Bash is Copyright (C) 1989-2025 by the Free Software Foundation. o The shell reads input."
    b = "Bash is Copyright \u00a9 1989-2025 by the Free Software Foundation. \u2022 The shell reads input."
    for x, y in zip(a.split(". "), b.split(". "), strict=True):
        assert edits(tokens(x, 0, len(x)), tokens(y, 0, len(y))) == []


def test_words_cut_into_the_next_sentence_are_no_edit() -> None:
    """bash.0.txt and bash.pdf end an option's sentence in different places
    ("-V List current readline variable names and values.")."""
    same = [
        "Display readline key sequences bound to macros and the strings they output.",
        "Read key bindings from filename and execute each of them in order.",
        "Remove any current binding for the named key sequence here.",
    ]
    a = " ".join(
        [same[0], "Display the variables. -V List current readline variable names and values.", *same[1:]]
    )
    b = " ".join(
        [same[0], "Display the variables. -V", "List current readline variable names and values.", *same[1:]]
    )
    assert compare_texts(a, b).differences == ()


def test_a_sentence_of_stop_words_cut_elsewhere_is_no_addition() -> None:
    # builtins.0.txt and builtins.pdf cut "noclobber / Same as -C." into
    # sentences in different places; "Same as -C." has no feature the
    # alignment can weigh, and was reported as added to the PDF.
    found = _details(_read("builtins-set-options.txt"), _read("builtins-set-options-pdf.txt"))
    assert found == []


def test_an_edit_made_twice_in_a_version_is_reported_not_a_rendering() -> None:
    # RFC 7911's legacy writer says "Simplified BSD License" twice where the
    # v3 text says "Revised": in two versions of one text that is an edit,
    # not a translator's rendering note.
    comparison = compare_texts(_read("rfc7911-copyright.txt"), _read("rfc7911-copyright-raw.txt"))
    found = [(d.kind, d.a.text, d.b.text) for d in comparison.differences]
    assert found == [("name", "Revised BSD License", "Simplified BSD License")] * 2
    assert comparison.notes == ()
