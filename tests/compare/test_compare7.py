"""Negation is compared clause by clause (compare7 round): each quiet case of
real, faithful translations is paired with the real flip beside it that must
still be found. Verses of the King James Version, the Bible in Basic
English, Darby's and Webster's Bibles (all public domain), copied into
``tests/data/compare/compare7/`` (see ``tests/data/compare/README.md``)."""

from __future__ import annotations

import csv
from pathlib import Path

from verify.compare import compare_texts

DATA = Path(__file__).resolve().parent.parent / "data" / "compare" / "compare7"


def _text(name: str) -> str:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return " ".join(row[3] for row in csv.reader(f))


def _negations(a: str, b: str) -> list[str]:
    return [d.detail for d in compare_texts(a, b).differences if d.detail.startswith("negation:")]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_a_negation_of_another_clause_of_the_sentence_is_no_paraphrase() -> None:
    # Mark 13:24-25: "the moon will not give her light, And the stars will be
    # falling" / "the moon shall not give her light, And the stars of heaven
    # shall fall": one negation each, the moon's. Quiet ...
    kjv, bbe = _text("mark13_KJV.csv"), _text("mark13_BBE.csv")
    assert _negations(kjv, bbe) == []
    # ... and a "not" put in the stars' clause is found, though the other
    # side's sentence has a negation (the moon's).
    flipped = _edit(bbe, "And the stars will be falling", "And the stars will not be falling")
    assert _negations(kjv, flipped) == ["negation: 'not' in B, 'falling' without one in A"]


def test_a_negated_word_said_in_another_order_is_found() -> None:
    # Acts 11:14: "whereby thou shalt be saved, thou and all thy house" /
    # "by which thou and all thy house shall be saved": quiet ...
    darby, webster = _text("acts11_Darby.csv"), _text("acts11_Webster.csv")
    assert _negations(darby, webster) == []
    # ... and "shall not be saved", whose "saved" the order-keeping matching
    # of the two sentences leaves out, is found by the one "saved" of each side.
    flipped = _edit(webster, "thy house shall be saved", "thy house shall not be saved")
    assert _negations(darby, flipped) == ["negation: 'not' in B, 'saved' without one in A"]


def test_neither_after_a_negation_carries_it_on() -> None:
    # Ruth 2:8: "Go not to glean in another field, neither go from hence" /
    # "do not go to take up the grain in another field, or go away from
    # here": "neither" goes on with the "not" before it. Quiet ...
    kjv, bbe = _text("ruth2_KJV.csv"), _text("ruth2_BBE.csv")
    assert _negations(kjv, bbe) == []
    # ... and BBE's "not" taken out is found on KJV's "not".
    flipped = _edit(bbe, "do not go to take up the grain", "do go to take up the grain")
    assert [d for d in _negations(kjv, flipped) if d.startswith("negation: 'not' in A")]


def test_except_on_one_side_says_if_not() -> None:
    # Genesis 44:23: "Except your youngest brother come down with you, ye
    # shall see my face no more" / "If your youngest brother does not come
    # with you, you will not see my face again": quiet.
    assert _negations(_text("genesis44_KJV.csv"), _text("genesis44_BBE.csv")) == []


def test_except_on_both_sides_does_not_hide_a_flip() -> None:
    # Genesis 42:15: "ye shall not go forth hence, unless your youngest
    # brother come" / "ye shall not go forth hence, except your youngest
    # brother shall come": quiet ...
    darby, webster = _text("genesis42_Darby.csv"), _text("genesis42_Webster.csv")
    assert _negations(darby, webster) == []
    # ... and Webster's "not" taken out is found: its "except" stands for
    # Darby's "unless", not for the "not".
    flipped = _edit(webster, "ye shall not go forth hence", "ye shall go forth hence")
    assert _negations(darby, flipped) == ["negation: 'not' in A, 'go' without one in B"]


def test_a_negation_beside_a_rendered_name_is_found() -> None:
    # Genesis 7: Darby writes "Jehovah" where Webster writes "the LORD".
    # (In the whole book a name said on one side only pointed at the whole
    # other side and hid a negation there; this chapter alone has no such
    # name difference, so it only checks that the pair is quiet and the flip found.)
    darby, webster = _text("genesis7_Darby.csv"), _text("genesis7_Webster.csv")
    assert _negations(darby, webster) == []
    flipped = _edit(
        webster, "as God had commanded him: and the LORD", "as God had not commanded him: and the LORD"
    )
    assert _negations(darby, flipped) == ["negation: 'not' in B, 'commanded' without one in A"]
