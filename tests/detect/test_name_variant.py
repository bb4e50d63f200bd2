"""name.variant: a proper name spelt two ways."""

from __future__ import annotations

import pytest

from verify.detect import build_corpus, lint_corpus, name_variant
from verify.model import Finding


def names(findings: list[Finding]) -> list[tuple[object, object]]:
    return [(dict(f.evidence)["variant"], dict(f.evidence)["stands_for"]) for f in findings]


def test_shangai_beside_shanghai_in_001(seeds: dict[str, str]) -> None:
    text = seeds["001"]
    (finding,) = name_variant.detect(text)
    assert finding.code == "name.variant"
    assert finding.span.slice(text) == "Shangai"
    assert finding.snippet == "The Shangai Cooperation Organisation"
    assert dict(finding.evidence)["edit"] == "deletion"
    assert dict(finding.evidence)["form_count"] >= 2


def test_a_name_common_to_the_folder_is_compared_across_files(seeds: dict[str, str]) -> None:
    # Bashkortostan is used in three of the four texts: common to the folder.
    texts = {
        "003": seeds["003"],
        "005": "The next SCO summit was held in Ufa, Bashkortostan, Russia.",
        "006": "Bashkortostan hosted it. Bashkortostan, Russia, welcomed the guests.",
        "007": "They met in Bashkortostan.",
    }
    found = [f for f in lint_corpus(texts)["003"] if f.code == "name.variant"]
    assert names(found) == [("Baschkortostan", "Bashkortostan")]
    assert found[0].span.slice(texts["003"]) == "Baschkortostan"


@pytest.mark.parametrize(
    "text",
    [
        "Russia and the Russian Federation. Russia again. The Russian side.",
        (
            "The Shanghai Cooperation Organisation and the Shanghai Cooperation Organization, "
            "and the Organization again."
        ),
        "Marina met Marine. Marine left; Marine came back.",
        "Member states. The member states. Members met.",
    ],
)
def test_not_misspellings(text: str) -> None:
    assert name_variant.detect(text) == []


def test_unrelated_files_do_not_lend_names() -> None:
    texts = {"a": "Johnson wrote it. Johnson said so.", "b": "Johnston replied.", "c": "Other."}
    assert [f for f in lint_corpus(texts)["b"] if f.code == "name.variant"] == []


def test_two_first_names_with_their_own_surnames_are_two_people() -> None:
    people = "2001 Martin Wille. 2002 Martin Wille. 2003 Marcin Kalicinski."
    corpus = build_corpus([people])
    assert name_variant._two_people(corpus, "Marcin", "Martin")
    slip = build_corpus([people.replace("Marcin Kalicinski", "Martni Wille")])
    assert not name_variant._two_people(slip, "Martni", "Martin")


def test_a_misspelt_first_name_beside_the_same_surname_is_still_found() -> None:
    text = (
        "Copyright 2002 Martin Gansser, Boost license.\n\nCopyright 2004 Martin Gansser, Boost license.\n\n"
        "Copyright 2005 Martin Gansser, Boost license.\n\nCopyright 2007 Martni Gansser, Boost license."
    )
    pairs = [(dict(f.evidence)["variant"], dict(f.evidence)["stands_for"]) for f in name_variant.detect(text)]
    assert pairs == [("Martni", "Martin")]


def _general(uses: int) -> str:
    """A text naming General Johnson eight times and General Johnston
    ``uses`` times, in the same words."""
    johnson = " ".join("General Johnson marched on Atlanta." for _ in range(8))
    johnston = " ".join("General Johnston marched on Atlanta." for _ in range(uses))
    return f"{johnson}\n\n{johnston}"


def test_a_spelling_used_three_times_is_the_authors_own() -> None:
    assert name_variant.detect(_general(3)) == []


@pytest.mark.parametrize("uses", [1, 2])
def test_a_spelling_used_once_or_twice_is_still_a_slip(uses: int) -> None:
    found = name_variant.detect(_general(uses))
    pairs = {(dict(f.evidence)["variant"], dict(f.evidence)["stands_for"]) for f in found}
    assert pairs == {("Johnston", "Johnson")}
