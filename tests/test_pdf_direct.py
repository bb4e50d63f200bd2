"""The PDF ingester reads pages through PDFium's raw handles, as the page objects gave them.

pypdfium2's page objects are replaced by PDFium's raw handles (the same
calls, no finalizer and parent link a page). The plain form is kept here as
the reference, pypdfium2's ``PdfPage`` and ``PdfTextPage.get_text_range``,
and compared on every page of the real PDFs of ``tests/data``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

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
        text = pdf._mark_paragraphs(text, blocks)
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n"), blocks


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
