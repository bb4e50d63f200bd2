"""Properties over generated texts: spans slice, a text equals itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.compare import compare_texts, segment

WORDS = [
    "the",
    "heads",
    "of",
    "State",
    "met",
    "in",
    "Shanghai",
    "on",
    "15",
    "June",
    "2006",
    "sixtieth",
    "resolution",
    "60/45",
    "Regional",
    "Structure",
    "security",
    "not",
    "No.",
    "5",
    "U.N.",
    "and",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
text = st.lists(paragraph, min_size=0, max_size=4).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(text, text)
def test_every_span_slices_its_text(a: str, b: str) -> None:
    c = compare_texts(a, b)
    for d in c.differences:
        assert " ".join(a[d.a.span.start : d.a.span.end].split()) == d.a.text
        assert " ".join(b[d.b.span.start : d.b.span.end].split()) == d.b.text
    covered_a = [i for p in c.pairs for i in p.a]
    covered_b = [j for p in c.pairs for j in p.b]
    assert covered_a == list(range(len(c.a_segments)))  # every sentence once, in order
    assert covered_b == list(range(len(c.b_segments)))


@settings(max_examples=40, deadline=None)
@given(text)
def test_a_text_is_identical_to_itself(a: str) -> None:
    c = compare_texts(a, a)
    assert c.identical
    assert len(c.pairs) == len(segment(a))


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        ("", "", []),
        ("", "Hello world.", ["addition"]),
        ("Hello world.", "", ["omission"]),
        ("  \n\n  ", "Hello world.", ["addition"]),
    ],
)
def test_empty_sides(a: str, b: str, kinds: list[str]) -> None:
    assert [d.kind for d in compare_texts(a, b).differences] == kinds
