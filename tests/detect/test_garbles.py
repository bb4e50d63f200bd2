"""Garbles of the kinds issue 11 found missed: a reordered acronym on its
own (GCI for CGI), one letter changed beside a much used form, and OCR
confusions in words (damage.ocr_confusion)."""

from __future__ import annotations

import pytest

from verify.detect import acronym_variant, lint_text, ocr_confusion


def variant_of(text: str) -> dict[str, str]:
    return {
        dict(f.evidence)["variant"]: dict(f.evidence)["stands_for"] for f in acronym_variant.detect(text)
    }


@pytest.mark.parametrize(
    ("form", "garble"),
    [("CGI", "GCI"), ("FAO", "FOA"), ("ROM", "MOR"), ("NATO", "OTAN"), ("UNESCO", "UNECSO")],
)
def test_a_lone_reordering_is_found(form: str, garble: str) -> None:
    text = (
        f"The {form} report came out. Experts of the {form} met in May. "
        f"The {form} budget grew. Later the {garble} budget shrank."
    )
    assert variant_of(text) == {garble: form}


def test_one_letter_changed_beside_a_form_used_three_times() -> None:
    text = "The FAO met. The FAO voted. The FAO report. The FAQ report was late."
    assert variant_of(text) == {"FAQ": "FAO"}


def test_two_real_acronyms_used_alike_are_not_garbles() -> None:
    text = "DNA is copied. DNA repair. DNA damage. RNA is read. RNA splicing. RNA decay."
    assert variant_of(text) == {}


@pytest.mark.parametrize(
    ("text", "token", "meant"),
    [
        ("The public record. The pub1ic hearing.", "pub1ic", "public"),
        ("The Committee met. The C0mmittee voted.", "C0mmittee", "Committee"),
        ("The government acts. The government speaks. The govemment waits.", "govemment", "government"),
        ("A modem and a modem. A modern modem.", None, None),  # two English words (word list)
        ("A modern view. A modern age. The modem age.", None, None),
        ("Use sha1 or md5, and utf8.", None, None),
    ],
)
def test_ocr_confusions(text: str, token: str | None, meant: str | None) -> None:
    found = ocr_confusion.detect(text)
    if token is None:
        assert found == []
    else:
        assert [(f.span.slice(text), dict(f.evidence)["stands_for"]) for f in found] == [(token, meant)]
        assert [f.code for f in lint_text(text) if f.code == "damage.ocr_confusion"] == [
            "damage.ocr_confusion"
        ]
