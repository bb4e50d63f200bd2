"""Ingest: bytes of one file -> :class:`~verify.model.Extracted`.

The format is sniffed from the content (:mod:`verify.ingest.sniff`); the
registry maps each format to its ingester.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from verify.errors import UnsupportedFormat
from verify.ingest.html import HtmlParser
from verify.ingest.pdf import Backend, ingest_pdf
from verify.ingest.sniff import SNIFF_BYTES, markup_inside, sniff
from verify.ingest.code import declared as declared_code
from verify.ingest.code import mark_source_code
from verify.ingest.fields import mark_tab_separated
from verify.model import CODE_LINE, FIELD, FIELD_IN_TEXT, MARK_IN_TEXT, Extracted, Format, without_marks

__all__ = ["SNIFF_BYTES", "Backend", "HtmlParser", "ingest_bytes", "sniff"]


def _html(data: bytes, backend: Backend, parser: HtmlParser) -> Extracted:
    from verify.ingest.html import ingest_html

    return ingest_html(data, parser)


def _text(data: bytes, backend: Backend, parser: HtmlParser) -> Extracted:
    from verify.ingest.text import ingest_text

    return ingest_text(data)


def _pdf(data: bytes, backend: Backend, parser: HtmlParser) -> Extracted:
    return ingest_pdf(data, backend)


REGISTRY: dict[Format, Callable[[bytes, Backend, HtmlParser], Extracted]] = {
    "pdf": _pdf,
    "html": _html,
    "text": _text,
}


def ingest_bytes(data: bytes, *, pdf_backend: Backend = "pdfium",
                 html_parser: HtmlParser = "lxml", name: str | None = None) -> Extracted:
    """Sniff the format of ``data`` (``name`` only tells an HTML fragment from
    text: :func:`~verify.ingest.sniff.sniff`) and extract its text."""
    fmt = sniff(data[:SNIFF_BYTES], name)
    try:
        ingester = REGISTRY[fmt]
    except KeyError:  # pragma: no cover - sniff only returns registered formats
        raise UnsupportedFormat(f"no ingester for format {fmt!r}") from None
    extracted = ingester(data, pdf_backend, html_parser)
    if fmt != "html" and any(CODE_LINE in page for page in extracted.pages):
        # Only the HTML ingester marks code lines; a text's or a PDF's own
        # U+FDD0 is text, kept as U+FFFD and said.
        extracted = replace(extracted, pages=tuple(without_marks(p) for p in extracted.pages),
                            warnings=(*extracted.warnings, MARK_IN_TEXT))
    if any(FIELD in page for page in extracted.pages):
        # canon/7: a document's own U+FDD1 never passes for a tab of its data.
        extracted = replace(extracted, pages=tuple(p.replace(FIELD, "\ufffd") for p in extracted.pages),
                            warnings=(*extracted.warnings, FIELD_IN_TEXT))
    if fmt == "text":
        # canon/7: code and configuration keep their lines, indentation and
        # tabs (verify.ingest.code); tab-separated data its fields.
        extracted = (mark_source_code(extracted, name) if declared_code(name)
                     else mark_tab_separated(extracted, name))
    if fmt == "text" and (at := markup_inside(data[:SNIFF_BYTES])) is not None:
        extracted = replace(extracted, warnings=(*extracted.warnings, (
            f"HTML markup at byte {at}, but the file does not begin as an HTML document: "
            "read as plain text, every character kept")))
    return extracted
