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


def test_a_closing_copyright_section_is_the_texts_own_notice() -> None:
    text = (
        "Abstract\n\nThis PEP proposes a change to the language.\n\n"
        "Copyright\n\nThis document has been placed in the public domain."
    )
    assert boilerplate.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a dated footer line before the page's links is still furniture
        "A story about the harbour.\n\nIt rained.\n\nCopyright 2020 The Daily Paper\n\nPrivacy | Terms",
        # a bare heading followed by no statement of terms
        "A story about the harbour.\n\nIt rained all day.\n\nCopyright\n\nBack to top",
        # a copyright line with a year, even before a sentence
        "A story.\n\nIt rained.\n\n© 2020 The Daily Paper\n\nAll content is licensed to our readers today.",
    ],
)
def test_a_page_footer_is_still_boilerplate(text: str) -> None:
    assert "legal" in [dict(f.evidence)["kind"] for f in boilerplate.detect(text)]
