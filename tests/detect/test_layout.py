"""damage.page_separator and damage.signature_block."""

from __future__ import annotations

from helpers import seed

from verify.detect import layout


def test_signature_blocks_in_002(seeds: dict[str, str]) -> None:
    found = [f for f in layout.detect(seeds["002"]) if f.code == "damage.signature_block"]
    signatories = [str(dict(f.evidence)["signatory"]) for f in found]
    assert [s.split(" President")[0] for s in signatories] == [
        "Cheng Jingye",
        "Nursultan Nazarbaev",
        "Hu Jintao",
        "Kurmanbek Bakiev",
        "Vladimir Putin",
        "Emomali Rakhmonov",
        "Islam Karimov",
    ]
    assert all(f.span.slice(seeds["002"]).startswith("(Signed):") for f in found)
    assert {f.severity for f in found} == {"note"}


def test_page_separator_in_002_as_captured() -> None:
    # The canonicaliser removes the rule itself (a recorded "rules" change).
    text = seed("002").read_text(encoding="utf-8")
    found = [f for f in layout.detect(text) if f.code == "damage.page_separator"]
    assert [dict(f.evidence)["line"] for f in found] == ["-----"]


def test_prose_with_dashes_is_not_a_rule() -> None:
    assert layout.detect("the sixtieth - anniversary - session\n\n1-2-3") == []
