"""A PDF whose pages are images with no text layer (a scan without OCR) says
so, and check never calls a changed scan a formatting change (audit4: every
scan had the empty text's digest and no warning)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

from verify.build import build_manifest
from verify.check import check_manifest
from verify.ingest.pdf import NO_TEXT_LAYER
from verify.pipeline import process_bytes

from helpers import DATA


def _scan(source: Path, target: Path, page: int = 0) -> None:
    """``source``'s page drawn as one grey image: what a scanner without OCR writes."""
    doc = pdfium.PdfDocument(str(source))
    bitmap = doc[page].render(scale=0.5, grayscale=True)
    width, height, stride, buffer = bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)
    doc.close()
    rows = b"".join(buffer[y * stride:y * stride + width] for y in range(height))
    writer = pypdf.PdfWriter()
    out = writer.add_blank_page(612, 792)
    image = StreamObject()
    image._data = zlib.compress(rows)
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8),
                  NameObject("/Filter"): NameObject("/FlateDecode")})
    out[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})})
    content = DecodedStreamObject()
    content.set_data(b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    out[NameObject("/Contents")] = writer._add_object(content)
    with open(target, "wb") as stream:
        writer.write(stream)


def test_a_scan_says_its_words_are_not_read(tmp_path: Path) -> None:
    _scan(DATA / "pdf" / "crazyones.pdf", tmp_path / "scan.pdf")
    record = process_bytes((tmp_path / "scan.pdf").read_bytes(), "scan.pdf")
    (warning,) = [w for w in record.warnings if w.startswith(NO_TEXT_LAYER)]
    assert "1 of 1 pages" in warning and not (record.text or "").strip()


def test_a_text_pdf_and_a_blank_page_are_not_called_scans(tmp_path: Path) -> None:
    assert not [w for w in process_bytes((DATA / "pdf" / "crazyones.pdf").read_bytes(), "c.pdf").warnings
                if w.startswith(NO_TEXT_LAYER)]
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)  # a separator page: nothing drawn
    with open(tmp_path / "blank.pdf", "wb") as stream:
        writer.write(stream)
    assert not process_bytes((tmp_path / "blank.pdf").read_bytes(), "blank.pdf").warnings


def test_a_changed_scan_is_no_formatting_change(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _scan(DATA / "pdf" / "crazyones.pdf", root / "scan.pdf")
    manifest = build_manifest(root, jobs=1).manifest
    _scan(DATA / "pdf" / "pdflatex-4-pages.pdf", root / "scan.pdf")  # another page altogether
    (modified,) = check_manifest(manifest, root, jobs=1).modified
    assert modified.content_changed is None  # cannot be told, never "formatting"
    assert modified.note is not None and "cannot be told" in modified.note
