"""damage.doubled_word."""

from __future__ import annotations

import pytest

from verify.detect import doubled_word


def test_in_in_in_000(seeds: dict[str, str]) -> None:
    text = seeds["000"]
    (finding,) = doubled_word.detect(text)
    assert finding.code == "damage.doubled_word"
    assert finding.span.slice(text) == "in in"
    assert dict(finding.evidence) == {"pattern": "X X", "text": "in in", "word": "in"}
    assert "regional cooperation in in this field" in finding.snippet


def test_concepts_and_concepts_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    (finding,) = doubled_word.detect(text)
    assert finding.span.slice(text) == "concepts and concepts"
    assert dict(finding.evidence)["pattern"] == "X and X"


@pytest.mark.parametrize(
    "text",
    [
        "more and more states; again and again; better and better",
        "the problem he had had for years",
        "the band Duran Duran played",
        "it may or may not happen, and may and may not",
        "the Home and Home Office range",
    ],
)
def test_intended_doubles(text: str) -> None:
    assert doubled_word.detect(text) == []
