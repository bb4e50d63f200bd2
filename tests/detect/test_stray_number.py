"""damage.stray_number."""

from __future__ import annotations

import pytest

from verify.detect import stray_number


def test_list_numbers_left_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    found = stray_number.detect(text)
    assert [(f.span.slice(text), dict(f.evidence)["where"]) for f in found] == [
        ("5.", "between sentences"),
        ("6.", "end"),
        ("15.", "end"),
    ]
    assert found[0].snippet[found[0].column - 1 :].startswith("5. CSU Member States")


def test_a_number_alone() -> None:
    (finding,) = stray_number.detect("The text goes on.\n\n12\n\nAnd on.")
    assert dict(finding.evidence) == {"number": "12", "where": "alone"}


@pytest.mark.parametrize(
    "text",
    [
        "1. The parties agree to cooperate.",
        "It was signed in 2015. The parties met.",
        "See chapter 5. The rest follows.",
        "November 10, 2020",
    ],
)
def test_numbers_that_belong(text: str) -> None:
    assert stray_number.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "See Documents Inédits du Moyen Age, relatifs aux Iles du Cotentin, p. 16.",
        "Le Meu-Revue Celt, p. 230. A. Bosquet, pp. 135-143.",
        "Demonology and Devil-Lore, Vol. II., p. 315.",
        "-King Lear. Act 3, Sc. 4.",
        "Letters and Lessons in Language. No. 5. Grammar 137 pages.",
        "a close translation. (Fol. 4. Sur l'an 797).",
    ],
)
def test_a_number_after_a_locator_is_a_citation(text: str) -> None:
    assert stray_number.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Swainson's Folk-Lore, page 84. 5. In Germany ravens are believed",
        "as the report of the committee states. 17.",
        "the passage in question. 31. Baguette Divinatoire is a rod.",
    ],
)
def test_a_number_after_a_sentence_is_still_stray(text: str) -> None:
    assert [f.code for f in stray_number.detect(text)] == ["damage.stray_number"]


@pytest.mark.parametrize(
    "text",
    [
        "a remarkable instance in his sonata, Op. 57.\n\nThe next sonata",
        "Beethoven had published up to Op. 106, and possibly Op. 109. If, then, in some",
        "Beethoven's Serenade, op. 8.",
        "Goetz H. 238. Graun C.H. 83. Graun J.G. 82. Graupner Chr. 39 ff.",
        "Bononcini B. 6. Bononcini G.M. 6. Borwick L. 205.",
        "Burney Dr. 4, Musical Extracts. Bull Dr. 221. Bülow Dr. H. v. and",
    ],
)
def test_an_opus_or_an_index_entry_is_a_citation(text: str) -> None:
    assert stray_number.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "in the first movement of his sonata. 53. Brahms' development section is short.",
        "as Dr. Parry says in his article. 14. These may serve as specimens.",
        "the opening theme of the Op. 106 sonata. 57.",
    ],
)
def test_a_number_after_a_sentence_beside_an_opus_is_still_stray(text: str) -> None:
    assert [f.code for f in stray_number.detect(text)] == ["damage.stray_number"]


@pytest.mark.parametrize(
    "text",
    [
        # Morning Bells (Project Gutenberg 11563) and The Girl's Own Paper (18195), public domain
        '"Thy holy child Jesus."--Acts iv. 30.',
        '"Hold Thou me up, and I shall be safe."--Ps. cxix. 117.',
        "Vol. VIII.--No. 353.",
        "to which St. Paul alludes in 1 Cor. ii. 21, 22, and 1 Cor. xiv. 40. Beware how you trifle",
    ],
)
def test_a_chapter_and_verse_or_a_number_after_a_dash_and_a_locator_is_a_citation(text: str) -> None:
    assert stray_number.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "He knew what he did. 5. Then they went home together.",
        "They met in the mid. 5. Next came the rest of them.",
        "the law of Christ. 2. Bear ye one another's burdens.",
    ],
)
def test_a_number_after_a_word_that_is_no_roman_numeral_is_still_stray(text: str) -> None:
    assert [f.code for f in stray_number.detect(text)] == ["damage.stray_number"]
