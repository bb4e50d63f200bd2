"""compare9 round: a negation placed by the words around it; a clause put
into a sentence of a version.

The excerpts are real (tests/data/compare/README.md, ``compare9/``); the
flips are put into a real verse the way ``bench/compare_injected.py`` does,
each beside a faithful pair that must stay quiet.
"""

from __future__ import annotations

import csv
from pathlib import Path

from verify.compare import compare_texts

DATA = Path(__file__).parent.parent / "data" / "compare" / "compare9"


def _prose(name: str) -> str:
    with (DATA / name).open(encoding="utf-8") as fh:
        return " ".join(r["Text"].strip() for r in csv.DictReader(fh))


def _negations(a: str, b: str) -> list[str]:
    return [d.detail for d in compare_texts(a, b).differences if d.detail.startswith("negation")]


def test_an_antonym_paraphrase_of_a_negation_is_quiet() -> None:
    # Genesis 29:31-33: "Leah was hated" (KJV) / "Leah was not loved" (BBE):
    # the same words before the negation, an antonym after it
    assert _negations(_prose("genesis29_KJV.csv"), _prose("genesis29_BBE.csv")) == []


def test_a_not_between_the_same_two_words_is_a_flip() -> None:
    # Genesis 19:15: JPS "thy two daughters that are here" / KJV "which are
    # here"; "here" is no content word, so no anchor placed the statement
    jps, kjv = _prose("genesis19_JPS.csv"), _prose("genesis19_KJV.csv")
    assert _negations(jps, kjv) == []
    flipped = kjv.replace("which are here", "which are not here")
    assert _negations(jps, flipped) == ["negation: 'not' in B, 'here' without one in A"]


def test_a_flip_beside_a_negation_of_the_other_side_is_found() -> None:
    # Mark 13:5-6: Noyes "See that no one deceive you" has a negation where
    # Webster says "lest any man deceive you": as many negations on each side
    # once Webster's "will deceive many" is made "will not deceive many"
    noyes, webster = _prose("mark13-5_Noyes.csv"), _prose("mark13-5_Webster.csv")
    assert _negations(noyes, webster) == []
    flipped = webster.replace("and will deceive many", "and will not deceive many")
    assert _negations(noyes, flipped) == ["negation: 'not' in B, 'deceive' without one in A"]


def test_a_negation_moved_inside_its_clause_is_quiet() -> None:
    # Mark 13:15: Noyes "let not him that is on the house-top go down" /
    # Webster "let him that is on the house-top not go down": "house-top go"
    # is on both sides, but the other side's clause has the negation
    noyes, webster = _prose("mark13-14_Noyes.csv"), _prose("mark13-14_Webster.csv")
    assert _negations(noyes, webster) == []
    # ... and with Noyes's "not" taken out, Webster's is a flip
    assert _negations(noyes.replace("let not him", "let him"), webster) == [
        "negation: 'not' in B, 'go' without one in A"
    ]


def test_lest_on_both_sides_does_not_hide_a_flip() -> None:
    # Acts 13:40: "Beware therefore, lest that come upon you, which is spoken
    # of in the prophets" (KJV) / "... which is spoken in the prophets" (ASV):
    # "lest" says "not" in a clause of its own, but both sides say it
    kjv, asv = _prose("acts13_KJV.csv"), _prose("acts13_ASV.csv")
    assert _negations(kjv, asv) == []
    flipped = asv.replace("which is spoken", "which is not spoken")
    assert _negations(kjv, flipped) == ["negation: 'not' in B, 'spoken' without one in A"]


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_a_clause_put_into_a_sentence_of_a_version_is_reported() -> None:
    # audit3 #7: git-cat-file.html, "the default format is %(objectname)
    # %(objecttype) %(objectsize)" gains ", except for remote-object-info
    # commands which use ..."; it was "no substantive difference" for that pair
    old, new = _read("git-cat-file-old.txt"), _read("git-cat-file-new.txt")
    found = compare_texts(old, new).differences
    clause = [d for d in found if "except for remote-object-info commands" in d.b.text]
    assert [d.kind for d in clause] == ["wording"]
    assert "except" not in clause[0].a.text
    assert sorted(d.kind for d in found) == ["addition", "addition", "wording"]


def test_the_clause_alone_is_the_one_difference() -> None:
    old, new = _read("git-cat-file-old.txt"), _read("git-cat-file-new.txt")
    kept = old.replace(
        "%(objecttype) %(objectsize).",
        "%(objecttype) %(objectsize), except for remote-object-info commands which use"
        " %(objectname) %(objectsize) because %(objecttype) is not supported yet.",
    )
    (d,) = compare_texts(old, kept).differences
    assert d.kind == "wording" and d.b.text.endswith("is not supported yet")
    assert compare_texts(old, old).differences == ()
    assert compare_texts(new, new).differences == ()


def test_a_word_changed_in_a_version_is_still_one_edit() -> None:
    # the clause rule leaves near-identical pairs to the word-by-word rule
    old = _read("git-cat-file-old.txt")
    (d,) = compare_texts(old, old.replace("first whitespace", "last whitespace")).differences
    assert (d.a.text, d.b.text) == ("first", "last")


def test_an_auxiliary_in_another_tense_still_places_the_flip() -> None:
    # Genesis 21:20: "And God was with the lad" (KJV) / "and God is with the
    # youth" (YLT); "not" put after YLT's "is"
    kjv, ylt = _prose("genesis21_KJV.csv"), _prose("genesis21_YLT.csv")
    assert _negations(kjv, ylt) == []
    flipped = ylt.replace("God is with", "God is not with")
    assert _negations(kjv, flipped) == ["negation: 'not' in B, 'with' without one in A"]


def test_a_word_negated_by_its_prefix_or_suffix_is_a_negative_paraphrase() -> None:
    # Acts 27:12: "was not commodious" (KJV) / "being incommodious" (YLT)
    kjv, ylt = _prose("acts27_KJV.csv"), _prose("acts27_YLT.csv")
    assert _negations(kjv, ylt) == []
    # ... with YLT's "incommodious" made "commodious", KJV's "not" is a flip
    assert _negations(kjv, ylt.replace("incommodious", "commodious")) != []
    # Acts 5:39: "ye will not be able to overthrow them" (Noyes) / "you will
    # be powerless to put an end to them" (OEB)
    oeb, noyes = _prose("acts5_OEB.csv"), _prose("acts5_Noyes.csv")
    assert [d for d in _negations(oeb, noyes) if "'be'" in d] == []
    assert "negation: 'not' in B, 'be' without one in A" in _negations(
        oeb.replace("powerless", "able"), noyes
    )
