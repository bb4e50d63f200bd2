"""damage.boilerplate."""

from __future__ import annotations

import pytest

from verify.detect import boilerplate


def test_theme_boilerplate_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    found = boilerplate.detect(text)
    assert [(f.span.slice(text), dict(f.evidence)["kind"]) for f in found] == [
        ("Skip to content", "navigation"),
        ("Published on", "byline"),
    ]
    assert (found[0].line, found[0].column) == (1, 1)


def test_site_name_glued_to_the_title_in_000(seeds: dict[str, str]) -> None:
    text = seeds["000"]
    (finding,) = boilerplate.detect(text)
    evidence = dict(finding.evidence)
    assert evidence["kind"] == "site name"
    assert evidence["text"] == "Ministry of Foreign Affairs of the People's Republic of China"
    assert finding.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "The agreement was published on 16 June 2009 and entered into force later that year.",
        "Members may skip to content of the annex when they read it in the session.",
    ],
)
def test_prose_is_not_boilerplate(text: str) -> None:
    assert boilerplate.detect(text) == []
