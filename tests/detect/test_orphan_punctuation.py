"""damage.orphan_punctuation."""

from __future__ import annotations

import pytest

from verify.detect import orphan_punctuation


def test_comma_after_full_stop_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    (finding,) = orphan_punctuation.detect(text)
    assert finding.span.slice(text) == ".,"
    assert "next SCO summit., scheduled for 2015" in finding.snippet
    assert dict(finding.evidence) == {"marks": ".,"}


def test_raw_spacing_and_leading_comma() -> None:
    found = orphan_punctuation.detect("the next SCO summit. , scheduled\n\n, and then")
    assert [dict(f.evidence)["marks"] for f in found] == [".,", ","]


@pytest.mark.parametrize(
    "text",
    ["cats, dogs, etc., and birds", "Acme Inc., a maker", "the U.S., Canada", "Yahoo!, Inc."],
)
def test_abbreviations_take_commas(text: str) -> None:
    assert orphan_punctuation.detect(text) == []
