"""damage.lowercase_sentence."""

from __future__ import annotations

import pytest

from verify.detect import lowercase_sentence


def test_sentence_split_in_the_wrong_place_in_000(seeds: dict[str, str]) -> None:
    text = seeds["000"]
    (finding,) = lowercase_sentence.detect(text)
    assert finding.code == "damage.lowercase_sentence"
    assert finding.span.slice(text) == "information"
    assert dict(finding.evidence) == {"after": "technologies.", "word": "information"}


@pytest.mark.parametrize(
    "text",
    [
        "cats, dogs, etc. and birds",
        "as in the U.S. and Canada",
        "e.g. the first, i.e. the best",
        "Rosa canina var. lutetiana grows",
        "The phone launched. iPhone sales rose.",
        "He waited... and waited.",
    ],
)
def test_full_stops_that_end_no_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []
