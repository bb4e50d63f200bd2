"""Digests: one canonical hash for one text in any format; any word change changes it."""

from __future__ import annotations

import io
import re
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verify.fingerprint import parse_digest, sha256_bytes, sha256_stream, text_sha256, word_stream
from verify.pipeline import process_bytes

from helpers import SOURCES

PARAGRAPHS = [
    "Statement of the heads of the member States of the Shanghai Cooperation Organization "
    "on international information security",
    "The heads of the member States of the Shanghai Cooperation Organization \u2013 the Republic of "
    "Kazakhstan, the People\u2019s Republic of China, the Kyrgyz Republic, the Russian Federation, "
    "the Republic of Tajikistan and the Republic of Uzbekistan \u2013 met in Shanghai on 15 June "
    "2006 and made the following statement.",
    "The rapid development and extensive application of new information and communication "
    "technology is one of the most important features of the world today. It welcomes resolution "
    "60/45 adopted at the sixtieth session of the General Assembly.",
]


def _txt(paragraphs: list[str]) -> bytes:
    return "\n\n".join(textwrap.fill(p, 72) for p in paragraphs).encode("utf-8")


def _html(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p.replace('People’s', 'People&rsquo;s')}</p>\n" for p in paragraphs[1:])
    return (f"<!DOCTYPE html><html><head><title>Statement</title><style>p{{margin:0}}</style></head>"
            f"<body><a href='#main'>Skip to content</a><nav><a href='/'>Home</a> | "
            f"<a href='/news'>News</a></nav><main id='main'><article><h1>{paragraphs[0]}</h1>\n"
            f"{body}</article></main><footer>&copy; Ministry. All rights reserved.</footer>"
            f"</body></html>").encode()


def _pdf(paragraphs: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    y, page = 560, 1
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 55):
            if y < 60:
                canvas.drawString(40, 30, str(page))
                canvas.showPage()
                y, page = 560, page + 1
            canvas.drawString(40, y, line)
            y -= 14
        y -= 10
    canvas.drawString(40, 30, str(page))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_same_text_as_txt_html_and_pdf_has_one_canonical_hash(backend: str) -> None:
    from verify.pipeline import Options

    options = Options(pdf_backend=backend)  # type: ignore[arg-type]
    records = {name: process_bytes(render(PARAGRAPHS), f"doc.{name}", options)
               for name, render in (("txt", _txt), ("html", _html), ("pdf", _pdf))}
    assert {r.format for r in records.values()} == {"text", "html", "pdf"}
    assert all(r.error is None for r in records.values())
    assert len({r.raw_sha256 for r in records.values()}) == 3
    assert len({r.text_sha256 for r in records.values()}) == 1, {k: r.text for k, r in records.items()}


def test_a_changed_word_changes_the_hash_in_every_format() -> None:
    changed = [p.replace("sixtieth", "sixty-first") for p in PARAGRAPHS]
    for render in (_txt, _html, _pdf):
        before = process_bytes(render(PARAGRAPHS), "a").text_sha256
        after = process_bytes(render(changed), "b").text_sha256
        assert before != after


@pytest.mark.parametrize("seed, rendering", [
    ("001_150b57b1f7e7ebd3.txt", "001_150b57b1f7e7ebd3.pdf"),  # running header, hyphenation
    ("002_e1609b8a501e843d.txt", "002_e1609b8a501e843d.pdf"),  # hard wraps, footnote
    ("004_8725e6808ebab66c.txt", "004_8725e6808ebab66c.html"),  # site chrome
])
def test_sample_corpus_renderings_match_their_seed(seed: str, rendering: str) -> None:
    a, b = (process_bytes((SOURCES / n).read_bytes(), n) for n in (seed, rendering))
    assert a.text_sha256 == b.text_sha256


@pytest.mark.parametrize("seed, rendering, extra", [
    # The text captures kept words of the site that the HTML ingester drops: honest differences.
    ("000_b115bc2835af3bd6.txt", "000_b115bc2835af3bd6.html",
     "Ministry of Foreign Affairs of the People's Republic of China"),
    ("003_471a1f005966c636.txt", "003_471a1f005966c636.html", "Skip to content"),
])
def test_captures_with_site_words_differ_from_their_page(seed: str, rendering: str, extra: str) -> None:
    a, b = (process_bytes((SOURCES / n).read_bytes(), n) for n in (seed, rendering))
    assert a.text_sha256 != b.text_sha256
    assert extra in (a.text or "") and extra not in (b.text or "")


def test_paragraph_breaks_do_not_change_the_document_hash() -> None:
    assert text_sha256("one two\n\nthree", "canon/1") == text_sha256("one two three", "canon/1")
    assert text_sha256("one two", "canon/1") != text_sha256("one two", "canon/2")


@given(st.text(min_size=1))
def test_word_stream_has_single_spaces(text: str) -> None:
    """Single spaces, but for a line's indentation (canon/5: ``"\\n" + N
    spaces``, and only a code line has one in a canonical text)."""
    stream = word_stream(text)
    if "\t" in text:  # canon/7: rows of tab-separated data keep their tabs and line breaks
        assert re.search(r"(?<![\n ]) {2,}", stream) is None
        return
    if not any(line.startswith(" ") for line in text.split("\n")):
        assert "  " not in stream and stream == stream.strip()
    else:  # every run of spaces longer than one is a line's indentation
        assert re.search(r"(?<![\n ]) {2,}", stream) is None and stream == stream.rstrip()


@given(st.lists(st.sampled_from(["if a:", "b()", "x = 1", "return"]), min_size=1, max_size=6),
       st.lists(st.integers(min_value=0, max_value=8), min_size=6, max_size=6))
def test_word_stream_tells_indentations_apart(lines: list[str], indents: list[int]) -> None:
    """canon/5: two code texts that differ only in a line's indentation have
    different streams; moving a paragraph break does not change it."""
    text = "\n".join(" " * n + line for n, line in zip(indents[:len(lines)], lines, strict=True))
    flat = "\n".join(lines)
    assert (word_stream(text) == word_stream(flat)) == (not any(indents[:len(lines)]))
    assert word_stream(text.replace("\n", "\n\n")) == word_stream(text)


def test_streamed_and_in_memory_digests_agree() -> None:
    data = bytes(range(256)) * 10000
    assert sha256_stream(io.BytesIO(data)) == sha256_bytes(data)
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert parse_digest(sha256_bytes(b"")) == empty
    with pytest.raises(ValueError):
        parse_digest("md5:d41d8cd98f00b204e9800998ecf8427e")


_LINES = st.lists(st.tuples(st.integers(0, 6), st.lists(st.sampled_from(["a", "b()", "if", "x:", "1"]),
                                                         min_size=1, max_size=4)), min_size=1, max_size=4)


@given(st.lists(_LINES, min_size=1, max_size=5))
def test_the_paragraphs_streams_joined_are_the_whole_texts_stream(paragraphs: list) -> None:
    """The text digest is made from the paragraphs' streams (made once for the
    paragraph digests too); with canon/5's indented code lines, a paragraph that
    begins indented must join without a space, as in the whole text's stream."""
    from verify.fingerprint import join_streams, stream_words

    texts = ["\n".join(" " * indent + " ".join(words) for indent, words in lines) for lines in paragraphs]
    streams = [word_stream(t) for t in texts]
    assert join_streams(streams) == word_stream("\n\n".join(texts))
    assert [stream_words(s) for s in streams] == [len(t.split()) for t in texts]


def _word_stream_reference(text: str) -> str:
    """:func:`word_stream` before its shortcut for a text that is its own stream."""
    if "\n " not in text and not text.startswith(" "):
        return " ".join(text.split())
    pieces: list[str] = []
    for line in text.split("\n"):
        words = line.split()
        if words:
            indent = len(line) - len(line.lstrip(" "))
            pieces.append("\n" + line[:indent] if indent else " ")
            pieces.append(" ".join(words))
    return "".join(pieces[1:]) if pieces and pieces[0] == " " else "".join(pieces)


@given(st.text(alphabet=st.sampled_from(["a", "B", " ", "\n", "\t", "\u00a0", "\u2028", "\u3000",
                                         "\x1f", "\x85", "\u200b", "\u00e9", "\ufdd0"]), max_size=30))
def test_word_stream_shortcut_is_the_split(text: str) -> None:
    if "\t" not in text:  # canon/7: a line with a tab is a row (tests/test_canon7.py)
        assert word_stream(text) == _word_stream_reference(text)


def test_every_white_space_character_but_the_space_is_unprintable() -> None:
    """What lets :func:`word_stream` return a printable text with single
    spaces as it is: ``str.split`` cuts at no other character of it."""
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert " " in spaces and len(spaces) > 20
    assert [c for c in spaces if c.isprintable()] == [" "]
