"""The third HTML speed pass (docs/scale.md, "third pass") changes no output:
each faster form is checked here against the form it replaced, kept as the
reference, on generated inputs and on the real test pages."""

from __future__ import annotations

import codecs
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.ingest import html_folds


def _old_piece(name: str, attributes: str) -> str | None:
    """``_piece`` as it was: every attribute value unescaped."""
    if html_folds._WANTED[name] not in attributes.lower():
        return None
    found = html_folds._ATTR.findall(attributes)
    attrs = {key.lower(): html.unescape(value.strip("\"'")) for key, value in found}
    if name == "meta":
        label, value = attrs.get("name", "").lower(), attrs.get("content", "")
        if label not in html_folds._META_NAMES:
            return None
        label = "meta " + label
    elif name in ("img", "area"):
        label, value = name + " alt", attrs.get("alt", "")
    else:
        label, value = name + " title", attrs.get("title", "")
    value = " ".join(value.split())
    return f"{label}: {value}" if value else None


_OLD_NEXT = re.compile(r"<(?:(!--)|(script|style|template)\b|(meta|img|abbr|acronym|area)\b([^<>]{0,1000})>)",
                       re.IGNORECASE)


def test_the_lookahead_of_the_scan_lets_every_first_character_through() -> None:
    """Every character that a first character of an alternative matches
    (case folded: ``İ ı ſ`` too) passes the lookahead's class: the class
    only skips ``<`` that no alternative could start at."""
    lookahead = re.compile("[!sStTmMiIaA]", re.IGNORECASE)
    first = re.compile("|".join(map(re.escape, html_folds._NEXT_FIRSTS)), re.IGNORECASE)
    assert set(html_folds._NEXT_FIRSTS) == {"!", "s", "t", "m", "i", "a"}
    folded = [chr(c) for c in range(0x110000) if first.fullmatch(chr(c))]
    assert {"\u0130", "\u0131", "\u017f", "S", "a"} <= set(folded)
    assert all(lookahead.fullmatch(c) for c in folded)


_NAMES = st.sampled_from(["name", "NAME", "content", "alt", "Alt", "title", "src", "data-x", "class"])
_VALUES = st.sampled_from(["author", "Description", "dc.title", "&amp;uthor", "a&#108;t", "A pike",
                           "x &lt; y", "  two  words ", "", "\u0130stanbul", "og:title"])


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        quote = draw(st.sampled_from(['"', "'", ""]))
        value = draw(_VALUES)
        if not quote:
            value = "".join(value.split()) or "x"
        parts.append(f"{draw(_NAMES)}={quote}{value}{quote}")
    return " " + " ".join(parts)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(html_folds._WANTED)), _attributes())
def test_pieces_read_the_same_with_only_the_values_read_unescaped(name: str, attributes: str) -> None:
    assert html_folds._piece(name, attributes) == _old_piece(name, attributes)


_MARKUP = st.lists(st.sampled_from([
    "<", ">", "<!--", "-->", "<script>", "</script >", "<STYLE>", "</style>", "<template>", "</template>",
    "<meta name=author content='A &amp; B'>", "<img alt=\"x y\">", "<IMG ALT=z>", "<abbr title=t>",
    "<acronym title='a'>", "<area alt=q>", "<\u0130MG alt=w>", "<\u017fcript>", "<imgx alt=n>", "<a href=x>",
    "text ", "<p>", "'", '"']), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
def test_the_scan_stops_where_it_stopped(markup: str) -> None:
    old = [m.span() for m in _OLD_NEXT.finditer(markup)]
    new = [m.span() for m in html_folds._NEXT.finditer(markup)]
    assert new == old


_PAGES = [
    "<p>caf\u00e9 \u2014 plain</p>".encode(),
    "<meta charset=latin-1><p>caf\u00e9 \u201cq\u201d</p>".encode("cp1252"),
    b"<p>not utf-8: \xe9\x80</p>",
    codecs.BOM_UTF8 + "<p>bom \u00e9</p>".encode(),
    "<p>bom 16</p>".encode("utf-16"),
    b"<p>a control \x01 byte</p>",
    "<meta charset=shift_jis><p>\u65e5\u672c</p>".encode("cp932"),
    "<meta charset=koi8-r><p>\u0440\u0443\u0441</p>".encode("koi8-r"),
]


def test_the_markup_handed_on_is_the_markup_decoded_again() -> None:
    """Where the selector's decoded text is handed on for the unseen pieces,
    it is the text the second decoding gave; with a byte-order mark or a
    control character taken out, nothing is handed on (decoded again)."""
    from verify.ingest.html import _decoded
    from verify.ingest.html_content import extract_main, extract_main_with_markup, parse_with_lxml

    handed = 0
    for page in _PAGES:
        main, markup = extract_main_with_markup(page, parse_with_lxml)
        assert main == extract_main(page, parse=parse_with_lxml)
        if markup is not None:
            handed += 1
            assert markup == _decoded(page, main.encoding)
        else:
            boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            assert page.startswith(boms) or b"\x01" in page
    assert handed == 5


def _real_pages() -> list[str]:
    import gzip
    from pathlib import Path

    from verify.ingest.html_content import decode_markup

    folder = Path(__file__).parent / "data" / "html"
    pages = [decode_markup(gzip.decompress(p.read_bytes()))[0] for p in sorted(folder.glob("*.html.gz"))]
    assert len(pages) >= 9
    # Hostile and odd nesting: pre inside pre, a stray <html> inside a pre,
    # superscripts inside superscripts, deep trees (below the depth cap).
    pages.append("<pre>a<pre>b<html><p>c</p></html>d</pre>e</pre><p>f</p><pre>g<b>h</b></pre>"
                 "<h2><a href='#x'>x</a></h2><a href='#'>#</a><a>\u00b6</a>"
                 "<p>x<sup>1<sup>2</sup></sup> H<sub>2</sub>O</p><noframes><p>no</p></noframes>"
                 "<dl><dt>*</dt><dd>one</dd><dt>\u2022</dt><dd>two</dd></dl>")
    pages.append("<div>" * 300 + "<pre>deep</pre>" + "</div>" * 300 + "<pre>after</pre>")
    return pages


def test_the_builders_tag_lists_are_the_tags_of_the_order() -> None:
    from verify.ingest.html_content import _tag_lists, parse_with_bs4, parse_with_lxml

    for page in _real_pages():
        for parse in (parse_with_lxml, parse_with_bs4):
            root = parse(page)
            assert dict(root.tags) == dict(_tag_lists(root.order))  # type: ignore[attr-defined]
            assert sum(map(len, root.tags.values())) == len(root.order)  # type: ignore[attr-defined]


def test_flags_from_the_tag_lists_are_the_flags_of_the_whole_order() -> None:
    """``pre`` flags, link flags, bullet terms and titles read from the tag
    lists are those of the whole order, and folding only the ``sup``, ``sub``
    and ``noframes`` nodes folds the tree as folding every node did."""
    from verify.ingest.html_content import (_bullet_terms, _in_order, _link_flags, _pre_flags, _subtree_ends,
                                            _title, parse_with_lxml)
    from verify.ingest.html_folds import fold_tree

    pres = 0
    for page in _real_pages():
        whole, subset = parse_with_lxml(page), parse_with_lxml(page)
        fold_tree(whole.order)  # type: ignore[attr-defined]
        fold_tree(_in_order(subset.tags, "sup", "sub", "noframes"))  # type: ignore[attr-defined]
        assert [(n.tag, n.attrs, [c for c in n.children if isinstance(c, str)]) for n in whole.order] == [
            (n.tag, n.attrs, [c for c in n.children if isinstance(c, str)]) for n in subset.order]
        order, tags = subset.order, subset.tags  # type: ignore[attr-defined]
        ends = _subtree_ends(order)
        flags = _pre_flags(order)
        pres += sum(flags)
        assert _pre_flags(order, tags.get("pre", []), ends) == flags
        assert _link_flags(order, tags.get("a", [])) == _link_flags(order)
        assert _bullet_terms(tags.get("dt", [])) == _bullet_terms(order)
        keep = [i % 3 == 0 for i in range(len(order))]
        dropped = [i % 5 == 0 for i in range(len(order))]
        assert _title(_in_order(tags, "h1", "title"), keep, dropped) == _title(order, keep, dropped)
    assert pres > 10


def _old_diff_example(old: str, new: str, context: int = 24) -> str:
    """``verify.normalize._diff_example`` as it was: a Python step a character."""
    from verify.normalize import _clip

    pairs = enumerate(zip(old, new, strict=False))
    start = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    lo = max(0, start - context)
    return f"{_clip(old[lo:len(old) - tail + context])!r} -> {_clip(new[lo:len(new) - tail + context])!r}"


_LINES = st.text(alphabet="ab \u00e9\n", max_size=80)


@settings(max_examples=500, deadline=None)
@given(_LINES, _LINES, st.integers(0, 30))
def test_change_examples_are_cut_where_they_were(old: str, new: str, context: int) -> None:
    from verify.normalize import _diff_example

    assert _diff_example(old, new, context) == _old_diff_example(old, new, context)
    assert _diff_example(old + new, old + "x" + new, context) == _old_diff_example(old + new, old + "x" + new,
                                                                                  context)


_PIECES = st.text(alphabet=" \n\t.ab\u00a0", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6), st.lists(_PIECES, max_size=4), st.integers(0, 2))
def test_coverage_read_from_the_removed_streams_is_the_coverage_of_the_pieces(
        pages: list[str], removed: list[str], unseen: int) -> None:
    """The removed pieces' words and sentences counted from their word
    streams (made once for the digest) are those counted from the pieces."""
    from verify import fingerprint
    from verify.model import Extracted
    from verify.pipeline import coverage_warnings

    for piece in removed:
        stream = fingerprint.word_stream(piece)
        assert (fingerprint.stream_words(stream) if stream else 0) == len(piece.split())
    metadata = (("unseen-pieces", str(unseen)),) if unseen else ()
    extracted = Extracted(format="html", extractor="x", pages=tuple(pages), removed=tuple(removed),
                          metadata=(*metadata, ("head-title", "a b")))
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    streams = tuple(fingerprint.word_stream(p) for p in text.split("\n\n"))
    assert coverage_warnings(extracted, text, streams, tuple(map(fingerprint.word_stream, removed))) == \
        coverage_warnings(extracted, text, streams) == coverage_warnings(extracted, text)


def _old_collapsed_length(pieces: list[str]) -> int:
    from itertools import chain

    words = list(map(str.split, pieces))
    return sum(map(len, chain.from_iterable(words))) + sum(map(len, words)) - sum(map(bool, words))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=" \t\n\u00a0\u2003ab", max_size=12), max_size=5))
def test_linked_lengths_are_counted_as_they_were(pieces: list[str]) -> None:
    from verify.ingest.html_content import _collapse, _collapsed_length

    expected = sum(len(_collapse(p)) for p in pieces)
    assert _collapsed_length(pieces) == _old_collapsed_length(pieces) == expected

