"""canon/2 on real documents: nothing real dropped, nothing removed silently, formats agree.

Fixtures are real documents of several genres (tests/data/canon/README.md):
a licence (legal), texinfo pages and an RFC (technical), a news article, the
Book of Ruth (literary), the SCO statements of the sample corpus (government).
"""

from __future__ import annotations

import difflib
import doctest
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verify.ingest.pdf
import verify.normalize
from verify.build import build_manifest, write_build
from verify.check import check_manifest
from verify.cli import main
from verify.ingest.pdf import (_EMPTY_TJ_TAIL, _drop_empty_tjs, _incremental_tj_repair,
                               _rewrite_tj_repair, ingest_pdf)
from verify.manifest import read_manifest
from verify.model import Record
from verify.normalize import canonicalize_text, layout, steps
from verify.pipeline import Options, process_bytes

from helpers import SOURCES
from renderings import RULE, Doc, paragraphs_of, to_html, to_pdf, to_txt

CANON = Path(__file__).parent / "data" / "canon"
OPTIONS = Options(timeout=None)


def _record(data: bytes, name: str = "doc") -> Record:
    return process_bytes(data, name, OPTIONS)


def _apache() -> str:
    return (CANON / "Apache-2.0.txt").read_text("utf-8")


# --------------------------------------------------------------------------- doctests

@pytest.mark.parametrize("module", [steps, layout, verify.normalize, verify.ingest.pdf])
def test_the_normaliser_doctests_pass(module: object) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert failures == 0
    assert tried > 0


# --------------------------------------------------------------------------- plain text keeps its lines

def test_a_repeated_wrapped_line_of_a_licence_is_content() -> None:
    # Apache-2.0: "...hereby grants to You a perpetual," is a line twice (sections 2 and 3).
    text = _apache()
    line = "this License, each Contributor hereby grants to You a perpetual,"
    assert text.count(line) == 2
    before = _record(text.encode())
    after = _record(text.replace("to You a perpetual,", "to You a temporary,").encode())
    assert before.text is not None and before.text.count("a perpetual, worldwide") == 2
    assert before.text_sha256 != after.text_sha256
    assert before.removed_sha256 is None  # nothing was removed from the licence


def test_every_repeated_line_of_a_licence_is_content() -> None:
    # Change one word in every occurrence of each repeated line: the text digest moves each time.
    text = _apache()
    counts = Counter(line.strip() for line in text.split("\n"))
    repeated = [line for line, n in counts.items() if n >= 2 and re.search(r"[a-z]{4,}", line)]
    assert repeated
    base = _record(text.encode()).text_sha256
    for line in repeated:
        word = re.findall(r"[a-z]{4,}", line)[0]
        changed = text.replace(line, line.replace(word, word.upper(), 1))
        assert _record(changed.encode()).text_sha256 != base, line


def test_a_header_of_a_capture_goes_only_where_it_splits_a_sentence() -> None:
    header = "Yearbook of International Relations 2007"
    capture = (f"{header}\n\nThe member states agree to\n\n{header}\n\nwork together on security.\n\n"
               f"{header}\n\nEnd of the statement.\n")
    text = canonicalize_text(capture)
    assert text == "The member states agree to work together on security.\n\nEnd of the statement."
    # The same line repeated, standing alone, but never splitting a sentence: content.
    notes = "Note\n\nThe first sentence.\n\nNote\n\nThe second sentence.\n"
    assert canonicalize_text(notes).split() == notes.split()
    # Repeated inside paragraphs (not alone between blank lines): content.
    wrapped = f"The states agree to\n{header}\nand work.\n\nThey also\n{header}\nand rest.\n"
    assert canonicalize_text(wrapped).split() == wrapped.split()


def test_the_title_stays_where_the_pdf_sets_it_apart_from_the_running_header() -> None:
    # Page 1's title is the header of the other pages: kept where the positions show
    # a title block (tests/renderings.py), removed where the header sits at the same
    # height on every page (seed 001's PDF, a capture's header: no title there).
    doc = Doc("Apache License 2.0", paragraphs_of(_apache())[:30])
    record = _record(to_pdf(doc), "a.pdf")
    assert record.text is not None and record.text.startswith("Apache License 2.0\n\n")
    assert record.text.count("Apache License 2.0") == 1
    furniture = {c.step: c for c in record.changes}["furniture"]
    assert "#title-kept" in furniture.params
    seed = _record((SOURCES / "001_150b57b1f7e7ebd3.pdf").read_bytes(), "001.pdf")
    assert seed.text is not None and "Instituto de Relaciones Internacionales" not in seed.text


# --------------------------------------------------------------------------- hyphenation, lists, scaling

@pytest.mark.parametrize(("text", "expected"), [
    ("THE POSSI-\nBILITY OF SUCH DAMAGES", "THE POSSIBILITY OF SUCH DAMAGES"),
    ("infor-\nmation", "information"),
    ("the Asia-\nPacific region", "the Asia-Pacific region"),
    ("NON-\nINFRINGEMENT or NON-INFRINGEMENT", "NON-INFRINGEMENT or NON-INFRINGEMENT"),
])
def test_hyphenation_in_any_case(text: str, expected: str) -> None:
    assert canonicalize_text(text) == expected


def test_a_long_letter_run_is_kept_whole_and_joined_across_a_hyphen() -> None:
    # Issue 8 item 5: a 100,000-letter run took 90 s (quadratic); bench/canon_scaling.py times it.
    run = "w" * 200_000
    assert canonicalize_text(run) == run
    assert canonicalize_text(f"{run[:100_000]}-\n{run[100_000:]} end").split() == [run, "end"]


def test_list_items_start_their_own_paragraphs() -> None:
    text = ("Do this:\n1. open the file that\nholds the key\n2) close it\n(a) then lock\n"
            "- a dash item\n* a star item\n\u2022 a bullet item\nthat wraps")
    assert canonicalize_text(text).split("\n\n") == [
        "Do this:", "1. open the file that holds the key", "2) close it", "(a) then lock",
        "- a dash item", "* a star item", "a bullet item that wraps"]  # a drawn bullet is layout


# --------------------------------------------------------------------------- removed material is on record

def _news() -> Doc:
    paragraphs = paragraphs_of((CANON / "news-venturebeat.txt").read_text("utf-8"))
    return Doc("WeWork investigation", paragraphs, ((1, 1, "Reported by the newsroom on 18 November 2019."),))


def test_a_change_in_site_chrome_changes_the_removed_digest_not_the_text() -> None:
    page = to_html(_news())
    assert "Your daily source" in page
    a = _record(page.encode())
    b = _record(page.replace("Your daily source", "Your nightly source").encode())
    assert a.text_sha256 == b.text_sha256
    assert a.removed_sha256 is not None and a.removed_sha256 != b.removed_sha256


def test_check_reports_furniture_changed_not_formatting(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    page = root / "news.html"
    page.write_text(to_html(_news()), "utf-8")
    target = tmp_path / "m.json"
    write_build(build_manifest(root, manifest_path=target, jobs=1), target)  # with its record store
    page.write_text(page.read_text("utf-8").replace("Your daily source", "Your nightly source"), "utf-8")
    report = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1)
    (modified,) = report.modified
    assert modified.content_changed is False and modified.furniture_changed
    from verify.report.check import check_text

    shown = check_text(report, manifest=str(target), root=str(root))
    assert "furniture changed" in shown
    assert "Your daily source'" in shown and "Your nightly source'" in shown  # the lines, both sides


def test_a_page_with_no_canonical_text_says_so_and_never_compares_equal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = []
    for i, words in enumerate(("Home About Contact Careers", "Shop Basket Returns Help")):
        links = " ".join(f"<a href='/{w}'>{w}</a>" for w in words.split())
        path = tmp_path / f"p{i}.html"
        path.write_text(f"<html><body><nav>{links}</nav></body></html>", "utf-8")
        pages.append(path)
    records = [_record(p.read_bytes(), p.name) for p in pages]
    for record in records:
        assert record.text == ""
        assert any(w.startswith("canon.empty:") for w in record.warnings)
    assert main(["compare", str(pages[0]), str(pages[1])]) == 2
    assert "no canonical text" in capsys.readouterr().err


def test_documentation_index_pages_keep_their_text() -> None:
    # libffi's texinfo index and GNU time's manual came out empty or halved under canon/1.
    index = _record((CANON / "libffi-Index.html").read_bytes())
    assert index.text and "ffi_call" in index.text and "ffi_prep_cif" in index.text
    manual = _record((CANON / "gnu-time.html").read_bytes())
    assert manual.text is not None
    assert "This file documents the" in manual.text  # the introduction
    assert "%e" in manual.text and "Elapsed real (wall clock) time used by the process" in manual.text
    assert not any(w.startswith("canon.") for w in manual.warnings)


def test_headings_wrapped_in_their_own_anchor_are_text() -> None:
    # mdBook wraps every heading in <a href="#...">: canon/1 dropped them as link rows.
    record = _record((CANON / "rust-E0499.html").read_bytes())
    assert record.text is not None
    assert record.text.startswith("Error code E0499\n\n")
    assert "Erroneous code example:" in record.text
    assert "let mut x = &mut i;" in record.text  # the code block
    assert "Keyboard shortcuts" not in record.text and "Keyboard shortcuts" in record.removed


# --------------------------------------------------------------------------- cross-format agreement

def _documents() -> dict[str, Doc]:
    apache = paragraphs_of(_apache())
    shouting = ("THE POSSIBILITY OF SUCH DAMAGES AND THE RESPONSIBILITY FOR INTERPRETATION "
                "OF INTERNATIONAL AGREEMENTS REMAINS WITH THE ORGANIZATIONS CONCERNED.")
    seed = paragraphs_of((SOURCES / "002_e1609b8a501e843d.txt").read_text("utf-8"))
    return {
        "legal": Doc("Apache License 2.0", (*apache[:24], RULE, shouting)),
        "news": _news(),
        "literary": Doc("The Book of Ruth", paragraphs_of((CANON / "ruth-kjv.txt").read_text("utf-8"))),
        "technical": Doc("RFC 99999", paragraphs_of((CANON / "rfc99999.txt").read_text("utf-8"))),
        "government": Doc("SCO statement 2006", (*seed[1:], RULE, shouting)),
    }


@pytest.mark.parametrize("genre", ["legal", "news", "literary", "technical", "government"])
def test_txt_html_and_pdf_of_one_text_share_one_digest(genre: str) -> None:
    doc = _documents()[genre]
    txt, page, pdf = to_txt(doc), to_html(doc), to_pdf(doc)
    assert "-\n" in txt or genre == "literary"  # the renderings do hyphenate
    records = [_record(txt.encode(), "a.txt"), _record(page.encode(), "a.html"), _record(pdf, "a.pdf")]
    assert [r.format for r in records] == ["text", "html", "pdf"]
    assert len({r.text_sha256 for r in records}) == 1, [r.text for r in records]


# --------------------------------------------------------------------------- mutation

_MUTATION_DOC = Doc("Apache License 2.0", (*paragraphs_of(_apache())[:10], RULE,
                                           "THE POSSIBILITY OF SUCH DAMAGES IS DISCLAIMED."),
                    ((3, 1, "Section numbers follow the original licence."),))
_RENDER = {"txt": lambda d: to_txt(d).encode(), "html": lambda d: to_html(d).encode(), "pdf": to_pdf}


def _words(doc: Doc) -> list[tuple[int, int]]:
    """(paragraph, word) positions of every word; paragraph -1 is the title, -2 the note."""
    texts = [doc.title, *doc.paragraphs, doc.notes[0][2]]
    return [(p - 1, w) for p, text in enumerate(texts) if text != RULE
            for w, _ in enumerate(text.split())]


def _mutate(doc: Doc, where: tuple[int, int]) -> Doc:
    para, index = where

    def change(text: str) -> str:
        words = text.split()
        word = words[index]
        flipped = re.sub(r"[^\W\d_]+", lambda m: m.group(0)[::-1] if len(set(m.group(0))) > 1
                         else m.group(0) + "q", word, count=1)
        words[index] = flipped if flipped != word else word + "q"
        return " ".join(words)

    if para == -1:
        return Doc(change(doc.title), doc.paragraphs, doc.notes)
    if para == len(doc.paragraphs):
        (at, number, note), = doc.notes
        return Doc(doc.title, doc.paragraphs, ((at, number, change(note)),))
    paragraphs = list(doc.paragraphs)
    paragraphs[para] = change(paragraphs[para])
    return Doc(doc.title, tuple(paragraphs), doc.notes)


_BASE: dict[str, tuple[str | None, str | None]] = {}


def _digests(fmt: str, doc: Doc) -> tuple[str | None, str | None]:
    record = _record(_RENDER[fmt](doc), f"doc.{fmt}")
    return record.text_sha256, record.removed_sha256


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
@settings(max_examples=40)
@given(data=st.data())
def test_changing_any_visible_word_changes_a_digest(fmt: str, data: st.DataObject) -> None:
    where = data.draw(st.sampled_from(_words(_MUTATION_DOC)))
    if fmt not in _BASE:
        _BASE[fmt] = _digests(fmt, _MUTATION_DOC)
    assert _digests(fmt, _mutate(_MUTATION_DOC, where)) != _BASE[fmt]


@settings(max_examples=40)
@given(word=st.sampled_from(["Example", "Site", "daily", "source", "Section", "Another", "story",
                             "cookies", "improve", "Copyright", "rights", "Privacy", "Terms"]))
def test_changing_a_word_of_site_chrome_changes_the_removed_digest(word: str) -> None:
    page = to_html(_MUTATION_DOC)
    base = _record(page.encode())
    changed = _record(page.replace(word, word[::-1] + "q").encode())
    assert (changed.text_sha256, changed.removed_sha256) != (base.text_sha256, base.removed_sha256)
    assert changed.removed_sha256 != base.removed_sha256


# --------------------------------------------------------------------------- man pages, gropdf

def _rbash(fmt: str) -> Record:
    name = {"txt": "rbash.0.txt", "pdf": "rbash.pdf"}[fmt]
    return _record((CANON / name).read_bytes(), name)


def test_gropdf_words_are_whole_and_the_man_page_header_goes_in_both_formats() -> None:
    """rbash as nroff text and as a gropdf PDF differ in one sentence only
    (the corpus README): PDFium would split 'RB ASH(1)' (a TJ displacement
    before an empty string), and the header and footer, printed once in the
    text, are furniture in both."""
    txt, pdf = _rbash("txt"), _rbash("pdf")
    assert pdf.extractor is not None and "+TJ-repair" in pdf.extractor
    assert txt.removed[0] == pdf.removed[0] == "RBASH(1) General Commands Manual RBASH(1)"
    assert txt.removed[1].endswith("RBASH(1)") and pdf.removed[1].endswith(" 1")
    assert txt.text is not None and pdf.text is not None
    a, b = txt.text.split(), pdf.text.split()
    diff = [(a[i:j], b[k:m]) for op, i, j, k, m in difflib.SequenceMatcher(None, a, b).get_opcodes()
            if op != "equal"]
    assert diff == [(["values"], ["value"]), (["BASHOPTS", "and"], [])]


def test_a_first_line_shaped_like_a_man_header_without_its_footer_is_kept() -> None:
    text = "LS(1)   a line that looks like a header   LS(1)\n\nSome text.\n\nThe end.\n"
    assert canonicalize_text(text).startswith("LS(1)")


@settings(max_examples=30)
@given(data=st.data())
def test_changing_a_word_of_a_man_page_changes_a_digest(data: st.DataObject) -> None:
    text = (CANON / "rbash.0.txt").read_text("utf-8")
    words = [m for m in re.finditer(r"[A-Za-z]{2,}", text)]
    first, last = text.split("\n", 1)[0], text.rstrip("\n").rsplit("\n", 1)[1]
    picked = [*(m for m in words if m.start() < len(first)),
              *(m for m in words if m.start() > len(text.rstrip("\n")) - len(last))]
    m = data.draw(st.sampled_from(picked + words[::7]))
    changed = text[:m.start()] + m.group(0)[::-1] + "q" + text[m.end():]
    base, new = _record(text.encode(), "rbash.0.txt"), _record(changed.encode(), "rbash.0.txt")
    assert (new.text_sha256, new.removed_sha256) != (base.text_sha256, base.removed_sha256)


@settings(max_examples=300)
@given(stream=st.binary(max_size=60) | st.lists(st.sampled_from(
    [b"(", b")", b"()", b"]", b"TJ", b" ", b"\n", b"-", b".", b"5", b"29", b"a", b"[(x)"]),
    max_size=25).map(b"".join))
def test_the_literal_anchored_tj_repair_rewrites_exactly_what_the_regex_did(stream: bytes) -> None:
    """The fast scan from ``()`` gives the bytes of the original number-first regex."""
    assert _drop_empty_tjs(stream) == _EMPTY_TJ_TAIL.subn(rb"\1 ] TJ", stream)


def test_the_incremental_tj_repair_reads_as_the_whole_rewrite() -> None:
    """The repaired streams appended as an update give PDFium the same pages
    as pypdf's rewrite of the whole document, and leave the original bytes
    untouched in front."""
    data = (CANON / "rbash.pdf").read_bytes()
    incremental = _incremental_tj_repair(data)
    rewritten = _rewrite_tj_repair(data)
    assert incremental is not None and rewritten is not None
    assert incremental.startswith(data)
    assert ingest_pdf(incremental).pages == ingest_pdf(rewritten).pages

