"""damage.odd_apostrophe."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    "text",
    [
        "For Node.js >=4 `Buffers` are `Uint8Array`s.",
        "* `[out] argv`: C array of `napi_value`s to which the arguments will be copied.",
        "* A number of `v8::Context`s, but exactly one main `v8::Context`, and",
    ],
)
def test_a_code_span_closed_before_its_plural_is_no_apostrophe(text: str) -> None:
    assert odd_apostrophe.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "For Node.js the `Buffers` are a state`s obligations.",
        "the members`s obligations under the `napi_value` type",
        "A number of `v8::Context`s, but the country`s main Context",
    ],
)
def test_a_backtick_outside_a_code_span_is_still_an_apostrophe(text: str) -> None:
    assert [f.code for f in odd_apostrophe.detect(text)] == ["damage.odd_apostrophe"]
