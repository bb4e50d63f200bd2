"""Issue 9, html-content/3: real content inside a document's content region is
never removed as site chrome, and the ``<title>`` is on record.

Real pages (tests/data/html/README.md gives source and licence): a W3C WCAG
technique page (h1 and sections at body level), RFC 9111 as rfc2629.xslt
renders it, and the Rust toolchain's mdBook platform-support page (a table
of linked target names).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from verify.ingest.html import ingest_html
from verify.ingest.html_content import extract_main
from verify.pipeline import process_bytes

DATA = Path(__file__).parent / "data" / "html"


def _page(name: str) -> bytes:
    return gzip.decompress((DATA / name).read_bytes())


def _kept(name: str) -> str:
    return "\n".join(extract_main(_page(name)).paragraphs)


def _removed(name: str) -> str:
    return "\n".join(extract_main(_page(name)).removed)


@pytest.mark.parametrize("sentence", [
    "Using Separate Text-Format Text Captions for MediaElement Content",  # the h1
    "Microsoft Silverlight, versions 3 and greater",  # When to Use
    "The objective of this technique is to use text captioning",  # Description
    "Check that the text area in the textbox shows captions",  # Tests
])
def test_w3c_technique_prose_sections_are_kept(sentence: str) -> None:
    main = extract_main(_page("w3c_wcag_technique_SL28.html.gz"))
    assert sentence in "\n".join(main.paragraphs)
    assert not any(sentence in piece for piece in main.removed)


@pytest.mark.parametrize("sentence", [
    "The presence of an Expires header field does not imply",  # section 5.3, named "header..."
    "Note that proxy-revalidate on its own does not imply",
    "R. Fielding, Editor",  # the front matter, a <header>
    "Request for Comments: 9111",
    "ISSN: 2070-1721",
])
def test_rfc_normative_text_and_front_matter_are_kept(sentence: str) -> None:
    kept = _kept("ietf_rfc9111_rfc2629xslt.html.gz")
    assert sentence in kept


def test_rfc_negation_edit_changes_the_text_digest() -> None:
    page = _page("ietf_rfc9111_rfc2629xslt.html.gz")
    edited = page.replace(b"header field does not imply", b"header field does imply")
    assert edited != page
    assert process_bytes(page, "rfc.html").text_sha256 != process_bytes(edited, "rfc.html").text_sha256


@pytest.mark.parametrize("target", [
    "x86_64-unknown-redox", "aarch64-unknown-freebsd", "xtensa-esp32-none-elf",
    "thumbv7a-uwp-windows-msvc",  # a row whose other cells are empty
])
def test_mdbook_linked_table_cells_are_kept(target: str) -> None:
    kept = _kept("mdbook_rustc_platform_support.html.gz")
    assert target in kept.split("\n")
    assert target not in _removed("mdbook_rustc_platform_support.html.gz").split("\n")


def test_a_table_of_links_alone_is_still_navigation() -> None:
    """The data-table rule needs a text cell in a row: a table whose every
    cell is a link stays removable as a link row."""
    prose = "<p>" + "A sentence of the article, long enough to be prose. " * 6 + "</p>"
    nav = "<table><tr><td><a href='/a'>Home</a></td><td><a href='/b'>About us</a></td></tr></table>"
    page = f"<html><body><div class='article'>{prose}{prose}{nav}{prose}</div></body></html>"
    main = extract_main(page)
    assert "About us" not in "\n".join(main.paragraphs)
    assert "About us" in main.removed


def test_title_edit_is_furniture_not_formatting() -> None:
    page = _page("mdbook_rustc_platform_support.html.gz")
    start = page.index(b"<title>") + len(b"<title>")
    edited = page[:start] + b"Edited " + page[start:]
    before, after = process_bytes(page, "a.html"), process_bytes(edited, "a.html")
    assert before.text_sha256 == after.text_sha256  # the tab title is not canonical text
    assert before.removed_sha256 != after.removed_sha256  # ... but it is on record


def test_selector_version_is_6() -> None:  # /5: titled sections, footnote asides (audit4); /6: html5
    assert "html-content/6" in ingest_html(b"<p>x</p>").extractor


def _split_as_before(name: str) -> tuple[str, tuple[str, ...]]:
    """The page split as html-content/2 split it (audit defect 1): the
    section of examples kept, every other paragraph removed."""
    page = _page(name)
    start, end = page.index(b'<section id="examples">'), page.index(b'<section id="tests">')
    kept = extract_main(page[start:end]).paragraphs
    removed = tuple(p for p in extract_main(page).paragraphs if p not in kept)
    return "\n\n".join(kept), removed


def test_a_page_that_loses_its_sentences_says_so() -> None:
    from verify.model import Extracted
    from verify.pipeline import coverage_warnings

    kept, removed = _split_as_before("w3c_wcag_technique_SL28.html.gz")
    words = len(kept.split()) / (len(kept.split()) + sum(len(p.split()) for p in removed))
    assert words > 0.5  # the word share alone stayed silent
    extracted = Extracted(format="html", extractor="x", pages=(kept,), removed=removed)
    warnings = coverage_warnings(extracted, kept)
    assert warnings and warnings[0].startswith("canon.low-coverage:")


def test_the_head_title_is_not_counted_as_shown_words() -> None:
    from verify.model import Extracted
    from verify.pipeline import coverage_warnings

    title = "A very long page title " * 10
    extracted = Extracted(format="html", extractor="x", pages=("Short page.",),
                          removed=(title,), metadata=(("head-title", title),))
    assert coverage_warnings(extracted, "Short page.") == ()


def test_page_builder_sibling_boxes_without_prose_stay_out() -> None:
    """The outline rule needs nested sections: a page builder's sibling
    ``<section class="block">`` holding only a copyright line is not taken
    beside the article's box (html-boilerplate, Press TV and The New Arab)."""
    prose = "<p>" + "A sentence of the article, long enough to be prose, with commas. " * 5 + "</p>"
    page = (f"<html><body><div><section class='block body'>{prose * 4}</section>"
            "<section class='block legal'>Copyright 2019 Example TV. All rights reserved.</section></div>"
            "</body></html>")
    assert "Copyright" not in "\n".join(extract_main(page).paragraphs)


@pytest.mark.parametrize("text", [
    "UDP/datagram sockets",  # the page's heading, beside the first <section>
    "Source Code: lib/dgram.js",
    "import dgram from 'node:dgram';",  # the introduction's example
])
def test_node_api_page_keeps_its_introduction_in_the_marked_main(text: str) -> None:
    """Node's API pages put the heading, the stability note and an example in
    ``<div role="main">`` before the first ``<section>``, the best-scored box:
    inside the marked main region they are the document."""
    assert text in _kept("nodejs_api_dgram.html.gz")
