"""Sentence segmentation: abbreviations, clauses, quotations, page breaks."""

from __future__ import annotations

import pytest

from verify.compare import segment

CASES = [
    # (text, expected sentences)
    (
        "See Art. 19 of the U.N. Charter. It holds.",
        ["See Art. 19 of the U.N. Charter.", "It holds."],
    ),
    (
        "Item No. 5 was adopted. The next one was not.",
        ["Item No. 5 was adopted.", "The next one was not."],
    ),
    (
        "1. The parties agree. 2. They meet yearly.",
        ["1. The parties agree.", "2. They meet yearly."],
    ),
    (
        "(a) Each State shall act. (b) Each State shall report.",
        ["(a) Each State shall act.", "(b) Each State shall report."],
    ),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ('"Is it true?" she asked. It was.', ['"Is it true?" she asked.', "It was."]),
    (
        "Mr. J. Smith came, e.g. on Monday. He stayed.",
        ["Mr. J. Smith came, e.g. on Monday.", "He stayed."],
    ),
    (
        "It was adopted by the U.N. The vote was close.",
        ["It was adopted by the U.N.", "The vote was close."],
    ),
    (
        "Resolution 60/45 of 8 Dec. 2005 was welcomed.",
        ["Resolution 60/45 of 8 Dec. 2005 was welcomed."],
    ),
    # Young's Literal Translation opens quotations with a backtick
    ("And he said. `Come and see.' And they came.", ["And he said.", "`Come and see.'", "And they came."]),
    # a sentence cut by a page break (seed 001) is read as one
    (
        "to the maintenance of\n\ninternational security, which will cause harm.",
        ["to the maintenance of international security, which will cause harm."],
    ),
    (
        "within the framework of the\n\nSCO. In this process, they act.",
        ["within the framework of the SCO.", "In this process, they act."],
    ),
    # a heading stays its own sentence
    (
        "Shanghai, 15 June 2006\n\nThe heads of state met.",
        ["Shanghai, 15 June 2006", "The heads of state met."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_spans_point_into_the_text(text: str, expected: list[str]) -> None:
    for s in segment(text):
        assert " ".join(text[s.span.start : s.span.end].split()) == s.text
        assert not text[s.span.start].isspace() and not text[s.span.end - 1].isspace()


def test_paragraph_numbers_and_indices() -> None:
    segs = segment("One here. Two here.\n\nThree here.")
    assert [(s.index, s.paragraph) for s in segs] == [(0, 0), (1, 0), (2, 1)]
