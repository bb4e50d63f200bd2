"""The PDF ingester's faster forms give what the plain forms gave.

pypdfium2's page objects are replaced by PDFium's raw handles (the same
calls, no finalizer and parent link a page), and the paragraph marks test
only the lines that can be breaks. The plain forms are kept here as the
reference: pypdfium2's ``PdfPage`` and ``PdfTextPage.get_text_range``, and
the loop over every pair of lines. They are compared on every page of the
real PDFs of ``tests/data`` and on generated line boxes.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.ingest import pdf
from verify.model import Block

DATA = Path(__file__).parent / "data"
#: Every PDF of the tests' data that PDFium opens: pdfTeX, gropdf (bash's
#: manuals, whose italic corrections and TJ repair take the other path),
#: WeasyPrint's Arabic, LibreOffice, broken and encrypted files.
PDFS = sorted(p for p in DATA.rglob("*.pdf") if "reliab" not in p.parts)


def _open(path: Path) -> Any:
    try:
        return pdfium.PdfDocument(path.read_bytes())
    except pdfium.PdfiumError:
        return None


def _reference_page(doc: Any, index: int, gropdf: bool) -> tuple[str, list[Block]]:
    """``_pdfium_page`` as it was: through pypdfium2's page objects."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
            count = textpage.count_chars()
            joined = pdf._join_narrow_gaps(textpage.raw, text, count) if gropdf else text
            blocks = pdf._line_blocks(textpage.raw, text, index + 1, joined, count)
            text = joined
        finally:
            textpage.close()
    finally:
        page.close()
    if blocks:
        text = _reference_marks(text, blocks)
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n"), blocks


def _reference_marks(text: str, blocks: list[Block]) -> str:
    """``_mark_paragraphs`` as it was: every pair of lines tested in Python."""
    tops = [b.bbox[3] for b in blocks if b.bbox]
    lefts = [b.bbox[0] for b in blocks if b.bbox]
    pitches = sorted(a - b for a, b in itertools.pairwise(tops) if a > b)
    if len(pitches) < 2:
        return text
    pitch = pitches[len(pitches) // 2]
    counts = Counter(lefts)
    margin = min(counts, key=lambda x: (-counts[x], x))
    breaks = set()
    boxes = [b.bbox for b in blocks]
    folds = [b.text.count("\ufffe") for b in blocks] if "\ufffe" in text else [0] * len(blocks)
    slack, indent = (pdf.PARAGRAPH_GAP - 1) * pitch, margin + pdf.INDENT
    for i, (prev, cur) in enumerate(itertools.pairwise(boxes), start=1):
        assert prev is not None and cur is not None
        gap = prev[3] - cur[3]
        if gap > pitch * (1 + folds[i - 1]) + slack or (
                gap > 0 and cur[0] >= indent and abs(prev[0] - margin) < pdf.INDENT):
            breaks.add(blocks[i].text)
    if not breaks:
        return text
    lines = text.split("\r\n")
    return "\r\n".join(("\r\n" + line) if line in breaks and i else line for i, line in enumerate(lines))


def test_the_test_pdfs_are_there() -> None:
    assert len([p for p in PDFS if _open(p) is not None]) >= 12


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pages_from_raw_handles_are_the_page_objects(path: Path) -> None:
    doc = _open(path)
    if doc is None:
        return  # PDFium does not open it: pypdf reads it, no page of PDFium's
    try:
        info = doc.get_metadata_dict(skip_empty=True)
        gropdf = bool(pdf._PRODUCERS_WITH_EMPTY_TJ.match(info.get("Producer", "")))
        for i in range(len(doc)):
            assert pdf._pdfium_page(doc, i, gropdf) == _reference_page(doc, i, gropdf), i
            page = doc[i]
            textpage = page.get_textpage()
            assert pdf._page_text(textpage.raw, textpage.count_chars()) == textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()


def test_a_page_pdfium_cannot_load_is_an_error() -> None:
    doc = pdfium.PdfDocument((DATA / "pdf" / "crazyones.pdf").read_bytes())
    try:
        with pytest.raises(pdfium.PdfiumError):
            pdf._pdfium_page(doc, len(doc) + 5)
    finally:
        doc.close()


_LINE = st.text(alphabet="ab \ufffe", min_size=1, max_size=4)
_BOX = st.tuples(st.sampled_from([0, 50, 57, 58, 66, 72, 100]), st.integers(0, 5),
                 st.integers(0, 5), st.sampled_from([700, 690, 688, 686, 680, 676, 660, 640, 600, 300]))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_LINE, _BOX), min_size=0, max_size=14), st.booleans())
def test_paragraph_marks_from_candidates_are_the_loops(lines: list[tuple[str, tuple[int, int, int, int]]],
                                                       descending: bool) -> None:
    """Tops that fall and rise, repeated line texts, folds (U+FFFE), lines
    at, near and beyond the margin's indent."""
    if descending:
        lines = sorted(lines, key=lambda item: -item[1][3])
    blocks = [Block(text, 1, box) for text, box in lines]
    text = "\r\n".join(text for text, _ in lines)
    assert pdf._mark_paragraphs(text, blocks) == _reference_marks(text, blocks)

