"""damage.odd_apostrophe."""

from __future__ import annotations

from verify.detect import odd_apostrophe


def test_backtick_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    (finding,) = odd_apostrophe.detect(text)
    assert finding.span.slice(text) == "`"
    assert dict(finding.evidence) == {"fixed": "state's", "mark": "`", "word": "state`s"}


def test_real_apostrophes_and_code_stay_quiet() -> None:
    assert odd_apostrophe.detect("the state's and the states' duty; run `make` now") == []


def test_a_code_span_before_its_suffix_is_markup_not_an_apostrophe() -> None:
    assert odd_apostrophe.detect("an array of `Buffer`s is returned") == []
    found = odd_apostrophe.detect("an array of Buffer`s is returned")
    assert [dict(f.evidence)["word"] for f in found] == ["Buffer`s"]
