"""canon/5: the audit's folds (audit of 2026-11-30, defects 5, 6, 7, 8;
docs/normalization.md, "canon/5: the audit's folds").

Each fix pairs the two documents that must now differ (or the text that must
now be kept) with the case that must stay the same. canon/4 is retired as
canon/3 was (tests/test_canon4.py checks old manifests of every retired
profile).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from renderings import Doc, to_html, to_txt

from verify.model import Record
from verify.normalize import PROFILES, RETIRED, canonicalize_text
from verify.pipeline import Options, process_bytes

DATA = Path(__file__).parent / "data" / "canon5"
OPTIONS = Options(timeout=None)
#: A real line (Wikipedia, "YaDICs", CC BY-SA 3.0; tests/data/canon5/README.md).
VOXELS = "On 1000\u00b3 voxels \u00b5-tomographic image the number of degrees of freedom can reach 1e6."


def _record(data: bytes | str, name: str) -> Record:
    return process_bytes(data.encode() if isinstance(data, str) else data, name, OPTIONS)


def _page(body: str) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head>"
            f"<body>{body}</body></html>")


def test_canon4_and_canon5_are_retired() -> None:
    assert "canon/5" not in PROFILES and "canon/5" in RETIRED  # canon/6 retired it (test_canon6.py)
    assert {"canon/1", "canon/2", "canon/3", "canon/4"} <= RETIRED
    assert "html-content/6" in (_record(_page("<p>x</p>"), "a.html").extractor or "")


# --------------------------------------------------------------------------- defect 5: superscripts


def test_a_cubed_number_is_not_a_plain_number() -> None:
    cubed, plain = _record(VOXELS, "a.txt"), _record(VOXELS.replace("\u00b3", "3"), "b.txt")
    assert cubed.text is not None and "1000\u00b3" in cubed.text
    assert cubed.text_sha256 != plain.text_sha256


def test_the_audits_pairs_differ() -> None:
    for raised, plain in [("10\u00b2 metres and 5\u00b3 euros", "102 metres and 53 euros"),
                          ("x\u207b\u00b9 and H\u2082O", "x-1 and H2O"),
                          ("I\u00b2C, SPI, and USB host interfaces", "I2C, SPI, and USB host interfaces"),
                          ("Java\u2122 runs", "JavaTM runs")]:
        assert _record(raised, "a.txt").text_sha256 != _record(plain, "b.txt").text_sha256, raised


def test_html_sup_and_sub_are_the_raised_characters() -> None:
    """``1000<sup>3</sup>`` is what ``1000³`` is, in HTML and in text; not ``10003``."""
    html = _record(_page("<p>On 1000<sup>3</sup> voxels \u00b5-tomographic image the number of degrees "
                         "of freedom can reach 1e6.</p>"), "a.html")
    text = _record(VOXELS, "a.txt")
    assert html.text == text.text and html.text is not None and "1000\u00b3 voxels" in html.text
    assert html.text_sha256 == text.text_sha256
    sub = _record(_page("<p>Water is H<sub>2</sub>O; the rate is x<sup>-1</sup>.</p>"), "b.html")
    assert sub.text == "Water is H\u2082O; the rate is x\u207b\u00b9."


def test_what_stays_the_same() -> None:
    """Full-width digits and ligatures still fold; a raised *letter* (an
    ordinal) is as plain text writes it; a ``<sup>`` with a linked mark too."""
    assert canonicalize_text("\uff12\uff10\uff12\uff10 \ufb01nal") == "2020 final"
    assert _record(_page("<p>the 1<sup>st</sup> and 2<sup>nd</sup> editions</p>"), "a.html").text == (
        "the 1st and 2nd editions")
    assert _record(_page("<p>x<sup>*</sup> here</p>"), "a.html").text == "x* here"


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["area", "of", "the", "plot", "is", "costs", "euros", "metres"]),
                      min_size=2, max_size=8),
       base=st.integers(min_value=0, max_value=9999), digit=st.integers(min_value=0, max_value=9),
       where=st.integers(min_value=0, max_value=8), html=st.booleans())
def test_a_superscript_and_a_plain_digit_never_share_a_digest(
        words: list[str], base: int, digit: int, where: int, html: bool) -> None:
    raised = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"[digit]
    at = min(where, len(words))
    before, after = " ".join(words[:at]), " ".join(words[at:])
    plain = f"{before} {base}{digit} {after}".strip()
    if html:
        first = _record(_page(f"<p>{before} {base}<sup>{digit}</sup> {after}</p>"), "a.html")
        second = _record(_page(f"<p>{plain}</p>"), "b.html")
    else:
        first = _record(f"{before} {base}{raised} {after}".strip(), "a.txt")
        second = _record(plain, "b.txt")
    assert first.text_sha256 != second.text_sha256


def test_a_footnote_mark_in_sup_is_still_a_footnote_across_formats() -> None:
    """The renderings' footnote: ``word<sup>1</sup>`` in HTML, ``word1`` in the
    text, the note at the end of both: one digest, the mark removed."""
    doc = Doc("A Note", ("The first paragraph of the text speaks of the treaty and its members.",
                         "A second paragraph follows the first one with more words in it."),
              notes=((0, 1, "Originally issued as annex II to the document."),))
    txt, html = _record(to_txt(doc), "a.txt"), _record(to_html(doc), "a.html")
    assert txt.text_sha256 == html.text_sha256
    assert html.text is not None and "members.\u00b9" not in html.text and "[^1] Originally" in html.text


def test_a_raised_footnote_mark_in_text_is_a_footnote() -> None:
    text = ("The admission of new members\u00b9 is decided by consensus of the states.\n\n"
            "1 Originally issued as annex II to the document of the meeting.\n")
    record = _record(text, "a.txt")
    assert record.text is not None and "members\u00b9" not in record.text and "[^1] Originally" in record.text


# --------------------------------------------------------------------------- defect 8: pre, wbr, noframes


def _code(record: Record, first: str) -> str:
    assert record.text is not None
    return next(p for p in record.text.split("\n\n") if p.startswith(first))


def test_a_code_blocks_indentation_is_kept() -> None:
    """libffi's manual (real page): the C example keeps its indentation, a
    tab counted to the browser's tab stop; without it the text differs."""
    page = (DATA / "libffi-Simple-Example.html").read_bytes()
    record = _record(page, "a.html")
    code = _code(record, "#include <stdio.h>")
    assert "\n  ffi_cif cif;\n" in code and "\n    {\n      s = \"Hello World!\";\n" in code
    # the continuation line is set with two tabs and 7 spaces: 23 columns
    assert "\n" + " " * 23 + "&ffi_type_sint, args) == FFI_OK)\n" in code
    flat = page.replace(b"\n  ffi_cif cif;", b"\nffi_cif cif;")
    assert _record(flat, "b.html").text_sha256 != record.text_sha256
    spaces = page.replace(b"\t\t       &amp;ffi_type_sint", b" " * 23 + b"&amp;ffi_type_sint")
    assert _record(spaces, "c.html").text_sha256 == record.text_sha256


def test_python_indentation_is_meaning() -> None:
    nested = _record(_page("<pre>if a:\n    b()\nc()</pre><p>Some text.</p>"), "a.html")
    flat = _record(_page("<pre>if a:\nb()\nc()</pre><p>Some text.</p>"), "b.html")
    assert nested.text == "if a:\n    b()\nc()\n\nSome text."
    assert nested.text_sha256 != flat.text_sha256
    # the block's common indentation is how far it is set in: layout
    set_in = _record(_page("<pre>    if a:\n        b()\n    c()</pre><p>Some text.</p>"), "c.html")
    assert set_in.text_sha256 == nested.text_sha256
    # a closing bracket keeps its indentation too (the spacing step leaves it)
    assert _record(_page("<pre>f(\n    x,\n    )</pre>"), "d.html").text == "f(\n    x,\n    )"


def test_prose_lines_keep_no_indentation() -> None:
    """Only code lines carry an indentation into the word stream: plain text
    is as before (its indentation is layout)."""
    assert _record("  A paragraph\n    indented oddly.\n", "a.txt").text_sha256 == _record(
        "A paragraph\nindented oddly.\n", "b.txt").text_sha256


def test_wbr_joins_and_br_parts() -> None:
    assert _record(_page("<p>super<wbr>califragilistic word</p>"), "a.html").text == (
        "supercalifragilistic word")
    assert _record(_page("<p>super<br>califragilistic word</p>"), "a.html").text == (
        "super califragilistic word")


def test_noframes_is_hidden_furniture_on_record() -> None:
    frames = ("<html><head><title>Frames</title></head><frameset cols='50%,50%'><frame src='a.html'>"
              "<frame src='b.html'><noframes><p>Your browser does not support frames. Important notice "
              "text.</p></noframes></frameset></html>")
    record = _record(frames, "a.html")
    assert record.text == "" and any("canon.empty" in w for w in record.warnings)
    assert "Your browser does not support frames. Important notice text." in record.removed
    edited = _record(frames.replace("Important", "Unimportant"), "a.html")
    assert edited.removed_sha256 != record.removed_sha256


# --------------------------------------------------------------------------- defect 7: linked headings


def test_a_heading_that_is_a_link_is_content() -> None:
    """npm's documentation (real page): ``<h4><a><code>npm ci</code></a></h4>``
    is a section heading: renaming it changes the text, not only the furniture.
    The table of contents' link rows stay furniture."""
    page = (DATA / "npm_scripts.html").read_bytes()
    record = _record(page, "scripts.html")
    assert record.text is not None
    for heading in ("npm cache add", "npm ci", "npm diff", "npm version"):
        assert f"\n\n{heading}\n\n" in record.text, heading
    assert "Table of contents" in record.removed
    edited = page.replace(b"<code>npm ci</code></a></h4>", b"<code>npm cx</code></a></h4>")
    assert edited != page
    assert _record(edited, "scripts.html").text_sha256 != record.text_sha256


# --------------------------------------------------------------------------- defect 6: words of no text node


def test_meta_alt_and_abbr_are_on_record_and_an_edit_is_furniture(tmp_path: Path) -> None:
    """The audit's meta-desc, alt and abbr pairs: the canonical text is the
    same (they are in no text node), the removed digest is not, and ``check``
    says "furniture changed", not "formatting"."""
    from verify.build import build_manifest
    from verify.check import check_manifest

    page = ("<html><head><title>T</title><meta name='author' content='Alice'>"
            "<meta name='description' content='A contract for A'></head><body>"
            "<p>The agreement between the parties is set out in full below.</p>"
            "<p><img src='c.png' alt='Revenue rose 5%'> The <abbr title='World Health Organization'>WHO"
            "</abbr> reported it.</p></body></html>")
    record = _record(page, "doc.html")
    assert record.removed[1:] == ("meta author: Alice", "meta description: A contract for A",
                                  "img alt: Revenue rose 5%", "abbr title: World Health Organization")
    assert not record.warnings  # not counted as shown text: no coverage warning
    for old, new in [("Alice", "Mallory"), ("rose", "fell"), ("Health", "Trade")]:
        edited = _record(page.replace(old, new), "doc.html")
        assert edited.text_sha256 == record.text_sha256 and edited.removed_sha256 != record.removed_sha256
    (tmp_path / "doc.html").write_text(page)
    manifest = build_manifest(tmp_path, jobs=1).manifest
    (tmp_path / "doc.html").write_text(page.replace("Alice", "Mallory"))
    (modified,) = check_manifest(manifest, tmp_path).modified
    assert modified.content_changed is False and modified.furniture_changed
    assert "meta author: Mallory" in modified.removed_now


def test_unseen_pieces_leave_out_comments_and_scripts() -> None:
    page = ("<html><body><p>A paragraph of the page with enough words to be one.</p>"
            "<!-- <img alt='old banner'> --><script>var s = '<img alt=\"x\">';</script></body></html>")
    assert _record(page, "a.html").removed == ()


def test_a_related_headline_linking_elsewhere_stays_a_link_row() -> None:
    """The case that must stay: a related story's headline in the article
    (nbcdfw.com's page of the html-boilerplate corpus, scrapinghub's article
    extraction benchmark, MIT), ``<h3><a href="//www.nbcdfw.com/...">``,
    with neither an ``id`` nor an anchor of its own, is a link row."""
    prose = "".join(f"<p>Paragraph {i} of the story tells what the police said about the shooting "
                    f"at the station on Monday evening.</p>" for i in range(6))
    page = _page(f"<article>{prose}<div class='embedded article'><ul><li><h3><a href='//www.nbcdfw.com/"
                 "news/local/Man-Shot-at-Dallas-Gas-Station-Dies-at-Hospital-565205282.html'>Man Shot at "
                 "Dallas Gas Station Dies at Hospital</a></h3></li></ul></div></article>")
    record = _record(page, "a.html")
    assert "Man Shot at Dallas Gas Station Dies at Hospital" in record.removed
    from verify.ingest.html_content import _Block, _linked_heading, parse_with_lxml

    heading = next(n for n in parse_with_lxml(page).order if n.tag == "h3")
    assert not _linked_heading(_Block("Man Shot at Dallas Gas Station Dies at Hospital", 47, heading))
    heading.attrs["id"] = "man-shot"
    assert _linked_heading(_Block("Man Shot at Dallas Gas Station Dies at Hospital", 47, heading))
