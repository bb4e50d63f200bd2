"""html-content/5: a section whose id is its own heading's title and a
Docutils footnote are the
document's text, whatever chrome word the anchor holds (audit4: PEP 8 lost
"Comments" and "Programming Recommendations", PEP 723 its rationale, a
one-word edit there was "furniture changed")."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.ingest.html_content import extract_main_with_markup, parse_with_lxml
from verify.pipeline import process_bytes

PEPS = Path(__file__).parent / "data" / "html" / "peps"


def _text(data: bytes) -> str:
    main, _ = extract_main_with_markup(data, parse_with_lxml)
    return "\n\n".join(main.paragraphs)


@pytest.mark.parametrize("sentence", [
    "Use inline comments sparingly.",  # <section id="inline-comments">
    "Comments should be complete sentences.",  # <section id="comments">
    "Be consistent in return statements.",  # <section id="programming-recommendations">
    "Hanging indentation is a type-setting style",  # <aside class="footnote brackets" role="doc-footnote">
])
def test_pep8_keeps_its_sections_whatever_their_anchor_says(sentence: str) -> None:
    assert sentence in _text((PEPS / "pep-0008.html").read_bytes())


def test_an_edit_in_a_titled_section_changes_the_text_digest() -> None:
    data = (PEPS / "pep-0008.html").read_bytes()
    edited = data.replace(b"Use inline comments sparingly.", b"Use inline comments often.")
    assert edited != data
    before, after = process_bytes(data, "pep-0008.html"), process_bytes(edited, "pep-0008.html")
    assert before.text_sha256 != after.text_sha256


def test_pep723_keeps_a_section_led_by_a_label_anchor() -> None:
    """``<section id="why-not-use-a-comment-block-..."><span id="comment-block"></span><h3>``."""
    text = _text((PEPS / "pep-0723.html").read_bytes())
    assert "This PEP considers there to be different types of users" in text


def test_a_comment_thread_named_so_is_still_chrome() -> None:
    """The paired case: a blog's comment box (id "comments", headed by a
    count, not a title that is its anchor) stays out of the text."""
    article = " ".join(["The council met on Tuesday and approved the new budget for the city."] * 12)
    page = (f"<html><body><article><h1>Budget</h1><p>{article}</p>"
            '<div id="comments"><h3>3 thoughts on “Budget”</h3><p>Great news for the city!</p>'
            "<p>I disagree with the vote.</p></div></article></body></html>").encode()
    text = _text(page)
    assert "approved the new budget" in text and "Great news for the city" not in text


def test_a_section_titled_by_its_anchor_is_kept_in_a_small_page() -> None:
    page = (b"<html><body><article><h1>Guide</h1><section id=\"intro\"><h2>Intro</h2><p>This guide "
            b"explains how to write clear and careful code for the whole team.</p></section>"
            b"<section id=\"comments\"><h2>Comments</h2><p>Comments should be complete sentences and "
            b"must never contradict the code they describe.</p></section></article></body></html>")
    assert "must never contradict the code" in _text(page)
