"""PDF: text per page, from pypdfium2 (default) or pypdf (reference and fallback).

pypdfium2 is about ten times faster than pypdf here (docs/pdf-backends.md) and
opens more malformed files; pypdf opens the files whose *owner* password is
empty (AES-256 R5/R6) that PDFium refuses, and is the cross-check. Both
backends' output goes through the same canonicaliser; the one difference we
undo here is PDFium's own line-end dehyphenation, which leaves U+FFFE where
the hyphen was: it is put back as ``-\\n`` so that the profile's
vocabulary-aware dehyphenation decides, as it does for pypdf.
"""

from __future__ import annotations

import io
import logging
from typing import Literal

from verify.errors import CorruptDocument, EncryptedDocument, IngestError
from verify.model import Extracted

Backend = Literal["pdfium", "pypdf"]
BACKENDS: tuple[Backend, ...] = ("pdfium", "pypdf")

# pypdf reports recoverable damage through logging; it is recorded as a warning instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def ingest_pdf(data: bytes, backend: Backend = "pdfium") -> Extracted:
    """Extract a PDF's text, page by page.

    With ``backend="pdfium"`` a file PDFium cannot open (a password it will
    not try, a structure it rejects) is retried with pypdf before giving up,
    and the record says which backend produced the text.
    """
    if backend == "pypdf":
        return _pypdf(data, ())
    try:
        return _pdfium(data)
    except IngestError as first:
        try:
            return _pypdf(data, (f"pypdfium2 could not read the file ({first.message}); pypdf used",))
        except IngestError as second:
            # An encrypted verdict from either backend is the more useful message.
            raise first if isinstance(first, EncryptedDocument) else second from None


def _pdfium(data: bytes) -> Extracted:
    import pypdfium2 as pdfium
    import pypdfium2.version as pdfium_version

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument("encrypted, and the empty password does not open it") from exc
        raise CorruptDocument(f"PDFium cannot open it: {exc}") from exc
    try:
        pages = tuple(_pdfium_page_text(doc, i) for i in range(len(doc)))
        metadata = _clean_metadata(doc.get_metadata_dict(skip_empty=True).items())
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(f"PDFium failed while reading pages: {exc}") from exc
    finally:
        doc.close()
    return Extracted(
        format="pdf",
        extractor=f"pypdfium2 {pdfium_version.PYPDFIUM_INFO} (pdfium {pdfium_version.PDFIUM_INFO.build})",
        pages=pages,
        metadata=metadata,
    )


def _pdfium_page_text(doc: object, index: int) -> str:
    page = doc[index]  # type: ignore[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n")


def _pypdf(data: bytes, warnings: tuple[str, ...]) -> Extracted:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            level = reader.decrypt("")
            if not level:
                raise EncryptedDocument("encrypted, and the empty password does not open it")
            warnings += (f"encrypted; opened with the empty password ({level.name.lower()} level)",)
        pages = tuple(page.extract_text().replace("\r\n", "\n") for page in reader.pages)
        metadata = _clean_metadata((reader.metadata or {}).items())
    except FileNotDecryptedError as exc:
        raise EncryptedDocument("encrypted, and the empty password does not open it") from exc
    except DependencyError as exc:
        raise EncryptedDocument(f"encrypted, and pypdf cannot decrypt it here: {exc}") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise CorruptDocument(f"pypdf cannot read it: {type(exc).__name__}: {exc}") from exc
    return Extracted(
        format="pdf",
        extractor=f"pypdf {pypdf.__version__}",
        pages=pages,
        metadata=metadata,
        warnings=warnings,
    )


def _clean_metadata(items: object) -> tuple[tuple[str, str], ...]:
    """Document information as sorted ``(key, value)`` strings, keys without '/'."""
    out: dict[str, str] = {}
    for key, value in items:  # type: ignore[attr-defined]
        name = str(key).lstrip("/")
        if value is None or name in out:
            continue
        out[name] = str(value)[:1000]
    return tuple(sorted(out.items()))
