"""html-content/6 (docs/scale.md, "fourth HTML pass"): the tree builder
leaves out what the selector never reads. Each rule is tested for what it
keeps the same (against the builder without the rule, on the real test
pages) and for the output it changes on purpose."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from verify.ingest import html_content as hc
from verify.ingest.html import ingest_html
from verify.ingest.html_content import (_TreeBuilder, _select, decode_markup, extract_main,
                                       parse_with_bs4, parse_with_lxml)
from verify.ingest.html_folds import MAX_PIECES, unseen_identifiers

DATA = Path(__file__).parent / "data" / "html"
PAGES = sorted(json.loads((DATA / "real_pages.json").read_text("utf-8")))


def _page(name: str) -> str:
    raw = (DATA / name).read_bytes()
    return decode_markup(gzip.decompress(raw) if name.endswith(".gz") else raw)[0]


def _tags(markup: str) -> list[str]:
    root = parse_with_lxml(markup)
    return [node.tag for node in root.order]  # type: ignore[attr-defined]


class _KeepingWhiteSpace(_TreeBuilder):
    """The builder with html-content/4's text handling: every text kept,
    adjacent texts merged."""

    def data(self, text: str) -> None:
        if self._unseen or not text:
            return
        children = self._open[-1].children
        if children and children[-1].__class__ is str:
            children[-1] += text
        else:
            children.append(text)


def _parse_keeping_white_space(text: str) -> hc.Node:
    from lxml import etree

    parser = etree.HTMLParser(target=_KeepingWhiteSpace(), recover=True)
    parser.feed(text)
    root: hc.Node = parser.close()
    return root


def test_plain_inline_elements_are_not_built_and_their_text_stays() -> None:
    markup = ("<body><p>A <b>bold</b>, <em>em</em> and <span class=x>span</span> word.</p>"
              "<p>Also <i>in<span>side</span></i>.</p></body>")
    assert not {"b", "em", "span", "i"} & set(_tags(markup))
    paragraphs = extract_main(markup, parse=parse_with_lxml).paragraphs
    assert paragraphs == ("A bold, em and span word.", "Also inside.")


def test_inline_elements_that_mark_something_are_built() -> None:
    markup = ('<body><p>shown <span style="display:none">hidden</span> <span role=main>main</span>'
              '<sup>2</sup> <a href="/x">link</a> <label>lab</label></p><dl><dt><b>*</b><dd>x</dl></body>')
    assert {"span", "sup", "a", "label", "b"} <= set(_tags(markup))
    result = extract_main(markup, parse=parse_with_lxml)
    assert "hidden" in result.removed  # still removed, on record


def test_inside_a_link_inline_elements_are_built() -> None:
    """A link's characters are counted piece by piece (``_collapsed_length``):
    joining its pieces would count the spaces between them, and a list of
    linked names (Node's API options) would pass for a link list."""
    markup = '<body><p>The <a href="#i"><code>init</code> callback</a>.</p></body>'
    assert "code" in _tags(markup)
    assert "code" not in _tags('<body><p>The <code>init</code> callback.</p></body>')


def test_a_bullet_term_in_markup_is_still_a_name() -> None:
    page = "<body><dl><dt><b>*</b><dd>all the parameters<dt><b>@</b><dd>each parameter</dl></body>"
    assert "all the parameters" in extract_main(page, parse=parse_with_lxml).paragraphs
    assert "*" in extract_main(page, parse=parse_with_lxml).paragraphs


def test_metadata_elements_are_not_built_and_cut_no_paragraph() -> None:
    """A ``<meta itemprop>`` inside a line (the Express's date line) cut it in
    two under html-content/4: half of it stayed in the text."""
    markup = ('<body><div><meta itemprop="datePublished" content="2019"> PUBLISHED: 10:48'
              '<meta itemprop="dateModified" content="2019"> | UPDATED: 11:05</div>'
              '<link rel=x href=y></body>')
    assert "meta" not in _tags(markup) and "link" not in _tags(markup)
    result = extract_main(markup, parse=parse_with_lxml)
    assert (result.paragraphs + result.removed).count("PUBLISHED: 10:48 | UPDATED: 11:05") == 1


def test_the_generator_meta_and_a_marked_main_meta_are_built() -> None:
    markup = ('<html><head><meta name="generator" content="Sphinx 7"><meta name=x content=y></head>'
              '<body><meta itemprop="articleBody" content="z"><p>x</p></body></html>')
    assert _tags(markup).count("meta") == 2
    assert hc._generated_document(parse_with_lxml(markup).order)  # type: ignore[attr-defined]


def test_white_space_the_selector_drops_is_not_built() -> None:
    tree = parse_with_lxml("<body>\n <div>\n <p>a</p>\n</div>\n <p>b <b>c</b> <i>d</i></p>"
                           " <pre> x\n  y </pre></body>")
    texts = [c for n in tree.order for c in n.children if isinstance(c, str)]  # type: ignore[attr-defined]
    assert not [t for t in texts if t.isspace() and "\n" in t]
    assert "b c d" in texts  # white space between inline words stays
    assert " x\n  y " in texts  # and every character of a pre


@pytest.mark.parametrize("name", PAGES)
def test_white_space_left_out_changes_no_selection(name: str) -> None:
    """The selection of each real test page is the same from a tree with
    every white-space text and from the builder's."""
    text = _page(name)
    assert _select(_parse_keeping_white_space(text)) == _select(parse_with_lxml(text))


@pytest.mark.parametrize("name", PAGES)
def test_the_front_ends_agree(name: str) -> None:
    """Both front-ends feed libxml2 the whole page (bs4's HTML builder does)."""
    text = _page(name)
    assert extract_main(text, parse=parse_with_bs4) == extract_main(text, parse=parse_with_lxml)


def test_a_heading_anchor_inside_a_plain_span_is_the_headings_own() -> None:
    """Node's API pages put a section's permalink in a span
    (``<h3>Loaders<span><a href="#loaders">#</a></span></h3>``): the anchor is
    the heading's own, not a link, so the section is no link list."""
    root = parse_with_lxml('<body><h3>Loaders<span><a class="mark" href="#loaders">#</a></span></h3></body>')
    anchor = root.tags["a"][0]  # type: ignore[attr-defined]
    assert anchor.parent.tag == "h3" and not hc._is_link(anchor)


def test_deep_plain_inline_nesting_keeps_its_text() -> None:
    page = "<body><p>" + "<span>" * 300 + "deep" + "</span>" * 300 + " after</p><p>next</p></body>"
    for parse in (parse_with_bs4, parse_with_lxml):
        assert "deep after" in extract_main(page, parse=parse).paragraphs


# --------------------------------------------------------------------------- unseen words


@pytest.mark.parametrize("name", PAGES)
def test_unseen_words_from_the_builder_are_the_scans_on_real_pages(name: str) -> None:
    """Where the markup scan reads a tag right, the builder finds the same
    pieces in the same order."""
    text = _page(name)
    built = extract_main(text, parse=parse_with_lxml).unseen
    assert built is not None
    scanned = unseen_identifiers(text)
    assert built[: len(scanned)] == scanned or _only_scan_quirks(built, scanned)


def _only_scan_quirks(built: tuple[str, ...], scanned: tuple[str, ...]) -> bool:
    """The scan's known misreadings: quotes that belong to a value taken off
    its ends; a tag longer than 1,000 characters or with ``<``/``>`` in a
    value not read."""
    stripped = [b.split(": ", 1)[0] + ": " + b.split(": ", 1)[1].strip("\"'") for b in built]
    return all(s in stripped for s in scanned)


def test_unseen_words_the_scan_misread() -> None:
    srcset = ", ".join(f"/img/{n}.jpg {n}w" for n in range(200))  # longer than 1,000 characters
    markup = (f'<body><img srcset="{srcset}" alt="A long tag"><img alt="\'Quoted\' words">'
              '<img alt="a > b"><p>x</p></body>')
    assert unseen_identifiers(markup) == ("img alt: Quoted' words", "img alt: a")  # the scan's reading
    built = extract_main(markup, parse=parse_with_lxml).unseen
    assert built == ("img alt: A long tag", "img alt: 'Quoted' words", "img alt: a > b")
    assert ingest_html(markup.encode()).removed[-3:] == built


def test_unseen_words_skip_scripts_and_stop_at_the_cap() -> None:
    markup = ('<head><meta name="Author" content="Alice  B."></head><body><script>"<img alt=no>"</script>'
              + '<img alt="x">' * (MAX_PIECES + 5) + "<p>t</p></body>")
    built = extract_main(markup, parse=parse_with_lxml).unseen
    assert built is not None and len(built) == MAX_PIECES
    assert built[0] == "meta author: Alice B." and "no" not in " ".join(built)
    assert extract_main(markup, parse=parse_with_bs4).unseen == built


def test_plain_inline_tags_are_inline_tags_and_not_read() -> None:
    assert hc._PLAIN_INLINE <= hc._INLINE_TAGS
    assert not hc._PLAIN_INLINE & {"a", "label", "br", "img", "wbr", "sup", "sub"}


_ODD_HEADS = [
    '<html><head><meta name="generator" content="Sphinx"><title>T</title></head><body><p>x</p></body></html>',
    '<p>no head <title>late</title><meta name="generator" content="pandoc"></p>',
    '<html><head><title></title></head><body><svg><title>icon</title></svg></body></html>',
    '<html><head><meta name=generator content="WordPress">'
    '<meta name=generator content="docutils"></head></html>',
]


@pytest.mark.parametrize("name", [*PAGES, *range(len(_ODD_HEADS))])
def test_head_questions_from_the_tag_lists_are_the_orders(name: str | int) -> None:
    """The generator and the head's title read from the tag lists before the
    body are what the whole order gives (kept as the reference)."""
    from verify.ingest.html_content import _before_body, _generated_document, _head_title, _tag_lists

    for parse in (parse_with_bs4, parse_with_lxml):
        root = parse(_ODD_HEADS[name] if isinstance(name, int) else _page(name))
        order = root.order  # type: ignore[attr-defined]
        tags = _tag_lists(order)
        before = _before_body(order, tags)
        assert _generated_document(before(tags.get("meta", []))) == _generated_document(order)
        assert _head_title(before(tags.get("title", []))) == _head_title(order)


def _asciidoctor(generator: str, footer: str) -> str:
    """An Asciidoctor page as its default template writes it (the structure
    of real pages: Spring's dependency-management plugin guide, Asciidoctor
    2.0.10, 2024; QVD's user portal manual, AsciiDoc 8.6.9, 2018)."""
    return (f'<html><head><meta name="generator" content="{generator}"><title>Guide</title></head>'
            '<body class="book"><div id="header"><h1>Guide</h1><div class="details">'
            '<span id="author" class="author">Andy Wilkinson</span><br><span id="revnumber">version 1.1.7'
            '</span></div></div><div id="content"><div class="sect1"><h2 id="intro">1. Introduction</h2>'
            '<div class="sectionbody"><div class="paragraph"><p>Based on the configured dependency '
            "management metadata, the plugin controls the versions of the project's dependencies.</p>"
            f'</div></div></div></div><div id="footnotes"><hr></div>{footer}</body></html>')


_FOOTER = ('<div id="footer"><div id="footer-text">Version 1.1.7<br>\n'
           "Last updated 2024-12-17 08:57:33 UTC</div></div>")


@pytest.mark.parametrize("generator", ["Asciidoctor 2.0.10", "AsciiDoc 8.6.9"])
def test_asciidoctors_footer_is_removed_on_record(generator: str) -> None:
    result = extract_main(_asciidoctor(generator, _FOOTER), parse=parse_with_lxml)
    assert not any("Last updated" in p for p in result.paragraphs)
    assert "Version 1.1.7 Last updated 2024-12-17 08:57:33 UTC" in result.removed
    assert "Andy Wilkinson version 1.1.7" in result.paragraphs  # the author line stays
    assert "1. Introduction" in result.paragraphs


@pytest.mark.parametrize("generator, footer", [
    ("Sphinx 7.2", _FOOTER),  # another generator: not its template
    ("Asciidoctor 2.0.10", _FOOTER.replace("</div></div>", "</div><p>Licensed under CC-BY.</p></div>")),
    ("Asciidoctor 2.0.10", f'<div id="content">{_FOOTER}</div>'),  # inside the document
])
def test_other_footers_stay(generator: str, footer: str) -> None:
    result = extract_main(_asciidoctor(generator, footer), parse=parse_with_lxml)
    assert any("Last updated" in p for p in result.paragraphs)
