"""compare8 round: tokens moved across a sentence edge, names inside longer terms.

The excerpts are real (tests/data/compare/README.md, ``compare8/``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from verify.compare import compare_texts
from verify.compare.numbers import number_word

DATA = Path(__file__).parent.parent / "data" / "compare" / "compare8"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _details(a: str, b: str) -> list[str]:
    return [d.detail for d in compare_texts(a, b).differences]


def test_an_option_letter_cut_into_the_other_sentence_is_no_edit() -> None:
    # bash(1) as nroff text ("-k The maximum number of kqueues") and as
    # man2html HTML, whose "-k" paragraph the sentence before takes
    # ("pending signals. -k" / "The maximum number of kqueues"): the same words.
    assert _details(_read("bash-ulimit.txt"), _read("bash-ulimit-html.txt")) == []


def test_an_option_letter_changed_at_a_sentence_edge_is_still_an_edit() -> None:
    # the same renderings with "-k" made "-q" in the HTML: both edges differ
    html = _read("bash-ulimit-html.txt").replace("signals. -k", "signals. -q")
    found = _details(_read("bash-ulimit.txt"), html)
    assert "'signals' != 'signals. -q'" in found
    assert "'k The' != 'The'" in found


def test_an_option_letter_said_twice_at_a_sentence_edge_is_an_edit() -> None:
    # "-k" both at the end of the HTML's sentence and at the start of its next
    # one: the HTML says it once more than the text, not in another place
    kqueues = "The maximum number of kqueues"
    html = _read("bash-ulimit-html.txt").replace(f"\n{kqueues}", f"\n-k {kqueues}")
    assert _details(_read("bash-ulimit.txt"), html) != []


def _prose(name: str, skip: tuple[str, str] | None = None) -> str:
    with (DATA / name).open(encoding="utf-8") as fh:
        return " ".join(r["Text"].strip() for r in csv.DictReader(fh) if (r["Chapter"], r["Verse"]) != skip)


def _kinds(a: str, b: str, kind: str) -> list[str]:
    return [d.detail for d in compare_texts(a, b).differences if d.kind == kind]


def test_a_name_swapped_inside_a_longer_term_is_found() -> None:
    # Genesis 14:17-24, KJV / Darby: "Blessed be Abram of the most high God" /
    # "Blessed be Abram of the Most High God"; Darby's capitals make one term
    # of "Abram of the Most High God", which hid a swap of its first name
    kjv, darby = _prose("genesis14_KJV.csv"), _prose("genesis14_Darby.csv")
    assert _kinds(kjv, darby, "name") == []
    swapped = darby.replace("Blessed be Abram of the Most", "Blessed be Sodom of the Most")
    assert swapped != darby
    assert _kinds(kjv, swapped, "name") == ["Abram != Sodom"]


def test_a_name_put_for_one_said_several_times_inside_terms_is_found() -> None:
    # Mark 12:24-27, Anderson / Noyes: "the God of Abraham, and the God of
    # Isaac, and the God of Jacob"; one "God" made "Moses" leaves every name
    # present on both sides: only the counts tell
    anderson, noyes = _prose("mark12_Anderson.csv"), _prose("mark12_Noyes.csv")
    assert _kinds(anderson, noyes, "name") == []
    swapped = noyes.replace("the God of Jacob", "the Moses of Jacob")
    assert swapped != noyes
    assert _kinds(anderson, swapped, "name") == ["God != Moses"]


def test_a_verse_left_out_in_a_run_of_formulas_is_an_omission() -> None:
    # Genesis 38:1-7, JPS / Webster: "And she conceived, and bore a son; and he
    # called his name Er." and the next verse say the same formula; without
    # 38:3 in Webster the search merged it into 38:4's pair
    jps = _prose("genesis38_JPS.csv")
    assert _kinds(jps, _prose("genesis38_Webster.csv"), "omission") == []
    found = [
        d
        for d in compare_texts(jps, _prose("genesis38_Webster.csv", ("38", "3"))).differences
        if d.kind == "omission"
    ]
    assert [d.a.text for d in found] == ["And she conceived, and bore a son; and he called his name Er."]


def test_an_hour_said_the_old_way_and_by_the_clock_is_one_time() -> None:
    # Mark 15:22-34, Twentieth Century NT / Haweis: "nine in the morning" /
    # "the third hour", "At midday ... till three in the afternoon" / "the
    # sixth hour ... until the ninth hour", "at three," / "at the ninth hour"
    twenty, haweis = _prose("mark15_Twenty.csv"), _prose("mark15_Haweis.csv")
    assert _kinds(twenty, haweis, "number") == []
    later = twenty.replace("nine in the morning", "ten in the morning")
    assert later != twenty
    assert _kinds(later, haweis, "number") == ["10 != 3"]
    assert _kinds(twenty.replace("at three,", "at four,"), haweis, "number") == ["4 != 9"]


def test_a_capitalised_number_word_is_a_title_not_a_name() -> None:
    # Genesis 49:22-26, KJV / Darby: "the mighty God of Jacob" / "the Mighty
    # One of Jacob" is a rendering, not "God != One" (on the whole book, where
    # both write "One" inside sentences, it was reported once names were
    # counted inside longer terms); a name put for "Israel" is found
    kjv, darby = _prose("genesis49_KJV.csv"), _prose("genesis49_Darby.csv")
    assert _kinds(kjv, darby, "name") == []
    swapped = darby.replace("the stone of Israel", "the stone of Joseph")
    assert swapped != darby
    found = [d for d in compare_texts(kjv, swapped).differences if d.kind == "name"]
    assert [d.b.text for d in found] == ["Joseph"]


def test_number_words_are_known_as_such() -> None:
    assert number_word("One") and number_word("seventh") and not number_word("Onesimus")
