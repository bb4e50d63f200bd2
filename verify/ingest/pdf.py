"""PDF: text per page, from pypdfium2 (default) or pypdf (reference and fallback).

pypdfium2 is about ten times faster than pypdf here (docs/pdf-backends.md) and
opens more malformed files; pypdf opens the files whose *owner* password is
empty (AES-256 R5/R6) that PDFium refuses, and is the cross-check. Both
backends' output goes through the same canonicaliser; the one difference we
undo here is PDFium's own line-end dehyphenation, which leaves U+FFFE where
the hyphen was: it is put back as ``-\\n`` so that the profile's
vocabulary-aware dehyphenation decides, as it does for pypdf.

PDFium also drops a text displacement that ends a ``TJ`` array when an empty
string follows it (``[(The) -296.1 ()] TJ``): the words after it on the line
are drawn too far left, glued to the one before (``Theexit``), and the next
absolutely placed piece leaves a gap inside a word (``r eturn``). gropdf
writes such arrays for every justified space before a font change (261 in
bash's ``builtins.pdf``, 715 in ``bash.pdf``); PDFium's own rendering shows
the same glued and split words. For PDFs gropdf produced, the arrays are
rewritten to the equivalent ``[(The) -296.1] TJ`` (an empty string shows
nothing) before PDFium reads them: the changed content streams are appended
as an incremental update, so the file is neither cloned nor recompressed
(docs/normalization.md). The page tree and content streams of a file of
gropdf's plain shape are read here directly; pypdf reads any other file.

gropdf sets an italic correction (a move of the italic glyph's own
correction, 0.196 em after Times-Italic ``f``) between the italic and the
roman pieces of one word (``.IR printf (3)``), and PDFium writes a space
there (``printf (3)``). In gropdf's PDFs such a space is dropped when the
gap is narrower than any word space gropdf sets and is no thin or hair space
(``_join_narrow_gaps``; the extractor id ends in ``+italic-corrections``).
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections import Counter
from dataclasses import replace
from typing import Any
from typing import Literal

from verify.errors import CorruptDocument, EncryptedDocument, IngestError
from verify.model import UNSEEN_PIECES, Block, Extracted
import itertools

#: The version of this module's own logic (paragraph marks, hyphen restoring):
#: bump it when a change alters what it gives for some PDF (the gropdf TJ repair
#: and the italic corrections are told by their own "+TJ-repair" and
#: "+italic-corrections" marks, as only gropdf's PDFs change).
INGESTER = "verify-pdf/2"
#: The warning code of pages that draw images and hold no text (:func:`_scan_warning`).
NO_TEXT_LAYER = "pdf.no-text-layer"
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
        extracted = _pdfium(data)
    except IngestError as first:
        try:
            return _pypdf(data, (f"pypdfium2 could not read the file ({first.message}); pypdf used",))
        except IngestError as second:
            # An encrypted verdict from either backend is the more useful message;
            # otherwise both backends' reasons are told.
            if isinstance(first, EncryptedDocument) or isinstance(second, EncryptedDocument):
                raise (first if isinstance(first, EncryptedDocument) else second) from None
            raise CorruptDocument(f"{first.message}; {second.message}") from None
    if any(_RIGHT_TO_LEFT.search(page) for page in extracted.pages):
        return _prefer_pypdf_for_rtl(data, extracted)
    return extracted


#: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _prefer_pypdf_for_rtl(data: bytes, extracted: Extracted) -> Extracted:
    """PDFium gives right-to-left scripts in visual order, reversed, where
    pypdf gives the logical order (docs/pdf-backends.md: the Arabic files of
    the test corpus). When pypdf reads the file too, its text is used."""
    try:
        reference = _pypdf(data, ())
    except IngestError:
        return replace(extracted, warnings=(*extracted.warnings,
                       "right-to-left text in PDFium's visual order; pypdf could not read the file"))
    note = "right-to-left text: pypdf used, PDFium gives it in visual (reversed) order"
    return replace(reference, warnings=(*reference.warnings, note))


def _pdfium(data: bytes) -> Extracted:
    import pypdfium2 as pdfium
    import pypdfium2.version as pdfium_version

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument("encrypted, and the empty password does not open it") from exc
        raise CorruptDocument(f"PDFium cannot open it: {exc}") from exc
    repaired = ""
    # PDFium opens a file encrypted with an empty user password without a word;
    # the record says so, as the pypdf backend's does (an audit saw one silent).
    revision = pdfium.raw.FPDF_GetSecurityHandlerRevision(doc.raw)
    encrypted = (f"encrypted; opened with the empty password (security handler revision {revision})",
                 ) if revision >= 0 else ()
    info = doc.get_metadata_dict(skip_empty=True)
    gropdf = bool(_PRODUCERS_WITH_EMPTY_TJ.match(info.get("Producer", "")))
    if gropdf:
        fixed = _drop_empty_tj_strings(data)
        if fixed is not None:
            doc.close()
            doc = pdfium.PdfDocument(fixed)
            repaired = " +TJ-repair"
            info = doc.get_metadata_dict(skip_empty=True)  # what the repaired file says
        repaired += " +italic-corrections"
    forms = pdfium.raw.FPDF_GetFormType(doc.raw) != pdfium.raw.FORMTYPE_NONE
    if forms:
        doc.init_forms()  # before any page is loaded: the field values are read through it
    notes: list[str] = []
    try:
        read = [_pdfium_page(doc, i, gropdf, notes) for i in range(len(doc))]
        scans = [i + 1 for i, (text, _) in enumerate(read) if not text.strip() and _shows_images(doc, i)]
        metadata = _clean_metadata(info.items())
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(f"PDFium failed while reading pages: {exc}") from exc
    finally:
        doc.close()
    on_record = shown_metadata(metadata) + tuple(notes)
    return Extracted(
        format="pdf",
        extractor=(f"{INGESTER} pypdfium2 {pdfium_version.PYPDFIUM_INFO} "
                   f"(pdfium {pdfium_version.PDFIUM_INFO.build}){repaired}"),
        pages=tuple(text for text, _ in read),
        metadata=metadata + (((UNSEEN_PIECES, str(len(on_record))),) if on_record else ()),
        removed=on_record,
        lines=tuple(block for _, blocks in read for block in blocks),
        warnings=encrypted + ((_scan_warning(scans, len(read)),) if scans else ()),
    )


def _shows_images(doc: Any, index: int) -> bool:
    """Does page ``index`` draw an image (asked only of pages with no text)?"""
    import pypdfium2.raw as pdfium_c

    page = doc[index]
    try:
        return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))), None) is not None
    finally:
        page.close()


def _scan_warning(pages: list[int], total: int) -> str:
    """audit4: a scan without a text layer was 'ingested' with the empty text and
    no word said, so every scan shared one digest and a changed scan passed as
    formatting. Its words are not read: say so."""
    shown = ", ".join(map(str, pages[:10])) + (", ..." if len(pages) > 10 else "")
    return (f"{NO_TEXT_LAYER}: {len(pages)} of {total} pages show images and have no text layer "
            f"(pages {shown}; a scan without OCR?): their words are not in the canonical text")


#: Producers whose content streams end ``TJ`` arrays with ``number ()``.
_PRODUCERS_WITH_EMPTY_TJ = re.compile(r"gropdf\b")
#: A displacement followed by an empty string closing a TJ array.
_EMPTY_TJ_TAIL = re.compile(rb"(-?(?:\d+\.?\d*|\.\d+))\s*\(\)\s*\]\s*TJ")
#: The empty string closing a TJ array: a literal start (``()``) that the
#: regex engine finds by a fast scan, where ``_EMPTY_TJ_TAIL`` tries a number
#: at every digit of the stream.
_EMPTY_TJ_CLOSE = re.compile(rb"\(\)\s*\]\s*TJ")
#: The end of a number just before the whitespace before a match of
#: ``_EMPTY_TJ_CLOSE`` (a digit, or a digit and the decimal point): what
#: ``_EMPTY_TJ_TAIL``'s number can end with.
_NUMBER_END = re.compile(rb"\d\.?\Z")


def _drop_empty_tjs(stream: bytes) -> tuple[bytes, int]:
    """``_EMPTY_TJ_TAIL.subn(rb"\\1 ] TJ", stream)``, byte for byte, found
    from the literal ``()`` instead of from every digit.

    >>> _drop_empty_tjs(b"[(The) -296.1 ()] TJ [(x) ()] TJ [(a)5.()]TJ")
    (b'[(The) -296.1 ] TJ [(x) ()] TJ [(a)5. ] TJ', 2)
    """
    out: list[bytes] = []
    last = count = 0
    for match in _EMPTY_TJ_CLOSE.finditer(stream):
        # bytes.rstrip() and the pattern's \s strip the same six ASCII spaces.
        start = last + len(stream[last : match.start()].rstrip())
        if not _NUMBER_END.search(stream, max(last, start - 2), start):
            continue
        out += (stream[last:start], b" ] TJ")
        last, count = match.end(), count + 1
    if not count:
        return stream, 0
    out.append(stream[last:])
    return b"".join(out), count


def _drop_empty_tj_strings(data: bytes) -> bytes | None:
    """The PDF with ``[... N ()] TJ`` written ``[... N] TJ`` on every page,
    or None when nothing changed or the file cannot be rewritten (PDFium
    then reads the original, as before).

    Only the content streams that change are written, uncompressed, in an
    incremental update appended to the original bytes (ISO 32000-1, 7.5.6):
    no clone of the document, no recompression. A file whose cross-reference
    is not a classic table, or a page with several content streams, takes
    the slower whole rewrite with pypdf (same streams, same text).
    """
    try:
        return _incremental_tj_repair(data)
    except _NotSimple:
        return _rewrite_tj_repair(data)
    except Exception:  # pypdf raises many kinds on broken files; the original is read instead
        return None


class _NotSimple(Exception):
    """The file's layout asks for pypdf's whole rewrite."""


#: The last trailer dictionary of a classic cross-reference table, then startxref.
_TRAILER = re.compile(rb"trailer\s*(<<.*?>>)\s*startxref\s*(\d+)\s*%%EOF\s*\Z", re.S)


def _incremental_tj_repair(data: bytes) -> bytes | None:
    trailer = _TRAILER.search(data, max(0, len(data) - 4096))
    if trailer is None or b"/Encrypt" in trailer.group(1) or b"/XRefStm" in trailer.group(1):
        raise _NotSimple
    try:
        return _direct_tj_repair(data, trailer)
    except Exception:  # anything the direct reading does not know: pypdf reads the file
        return _pypdf_tj_repair(data, trailer)


def _pypdf_tj_repair(data: bytes, trailer: re.Match[bytes]) -> bytes | None:
    """The content streams of the pages, read by pypdf (the reference of
    :func:`_direct_tj_repair`, and the reading of every file it declines)."""
    import pypdf
    from pypdf.generic import ArrayObject, IndirectObject, StreamObject

    reader = pypdf.PdfReader(io.BytesIO(data))
    fixed: dict[int, tuple[int, bytes]] = {}
    for page in reader.pages:
        ref = page.get("/Contents")
        if isinstance(ref, ArrayObject) and len(ref) == 1:
            ref = ref[0]  # gropdf writes [4 0 R]
        if ref is None:
            continue
        if not isinstance(ref, IndirectObject):
            raise _NotSimple  # several streams: a match may span two of them
        if ref.idnum in fixed:
            continue
        stream = ref.get_object()
        if not isinstance(stream, StreamObject):
            raise _NotSimple
        new, count = _drop_empty_tjs(stream.get_data())
        if count:
            fixed[ref.idnum] = (ref.generation, new)
    if not fixed:
        return None
    return _append_update(data, fixed, trailer.group(1), int(trailer.group(2)))


class _NotDirect(Exception):
    """The file is not of the plain shape :func:`_direct_tj_repair` reads."""


#: One token of a PDF object (ISO 32000-1, 7.2-7.3), after white space: a
#: dictionary or array delimiter, a name, a number, a literal string without
#: nested parentheses, a hex string, a keyword. Anything else (a comment, a
#: nested string) stops the direct reading.
_PDF_TOKEN = re.compile(rb"[\x00\t\n\f\r ]*(<<|>>|\[|\]|/[^\x00\t\n\f\r ()<>\[\]{}/%]*"
                        rb"|[-+]?(?:\d+\.?\d*|\.\d+)|\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\x00\t\n\f\r ]*>"
                        rb"|true|false|null|R|stream|endobj)", re.S)
_OBJECT_HEAD = re.compile(rb"[\x00\t\n\f\r ]*(\d+)[\x00\t\n\f\r ]+(\d+)[\x00\t\n\f\r ]+obj")
_XREF_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*(?:\r\n|\r|\n)")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
#: pypdf's default limit on a decompressed stream (``zlib_maximum_output_length``).
_INFLATE_LIMIT = 75_000_000

_Ref = tuple[int, int]


def _direct_tj_repair(data: bytes, trailer: re.Match[bytes]) -> bytes | None:
    """:func:`_pypdf_tj_repair` for a file of the plain shape gropdf writes,
    read without pypdf: one classic cross-reference table (no ``/Prev``),
    a page tree of ``/Pages`` and ``/Page`` dictionaries, each page's
    ``/Contents`` one stream (or an array of one), unfiltered or
    ``/FlateDecode`` without parameters, its ``/Length`` right. Anything
    else raises, and pypdf reads the file (tests/test_canon2.py compares
    the two on gropdf's PDFs). pypdf parsed every object of the file
    it was asked about, two thirds of the repair's time."""
    trailer_dict = _parse_value(_tokens(trailer.group(1), 0), 0)[0]
    if not isinstance(trailer_dict, dict) or b"/Prev" in trailer_dict:
        raise _NotDirect("not a single cross-reference section")
    offsets = _xref_offsets(data, int(trailer.group(2)))
    fixed: dict[int, tuple[int, bytes]] = {}
    for page in _page_dicts(data, offsets, trailer_dict[b"/Root"]):
        ref = page.get(b"/Contents")
        if isinstance(ref, list) and len(ref) == 1:
            ref = ref[0]  # gropdf writes [4 0 R]
        if ref is None:
            continue
        if not isinstance(ref, tuple) or ref[0] in fixed:
            if isinstance(ref, tuple):
                continue
            raise _NotDirect("contents that are not one stream")
        new, count = _drop_empty_tjs(_stream_data(data, offsets, ref))
        if count:
            fixed[ref[0]] = (ref[1], new)
    if not fixed:
        return None
    return _append_update(data, fixed, trailer.group(1), int(trailer.group(2)))


def _xref_offsets(data: bytes, start: int) -> dict[int, int]:
    """Object number -> offset, from the classic cross-reference table at ``start``."""
    if not data.startswith(b"xref", start):
        raise _NotDirect("no cross-reference table at startxref")
    pos = start + 4
    while data[pos:pos + 1] in (b" ", b"\r", b"\n"):
        pos += 1
    offsets: dict[int, int] = {}
    while not data.startswith(b"trailer", pos):
        head = _XREF_SUBSECTION.match(data, pos)
        if head is None:
            raise _NotDirect("a cross-reference subsection it cannot read")
        first, count = int(head.group(1)), int(head.group(2))
        pos = head.end()
        for number in range(first, first + count):
            entry = _XREF_ENTRY.match(data, pos)
            if entry is None or number in offsets:
                raise _NotDirect("a cross-reference entry it cannot read")
            if entry.group(3) == b"n":
                offsets[number] = int(entry.group(1))
            pos = entry.end()
    return offsets


def _tokens(data: bytes, pos: int) -> list[bytes]:
    """The tokens of one object from ``pos``, up to ``stream`` or ``endobj``
    at depth 0 (``stream``'s end is the last element, as digits)."""
    out: list[bytes] = []
    depth = 0
    while True:
        token = _PDF_TOKEN.match(data, pos)
        if token is None:
            if depth == 0 and out:
                return out
            raise _NotDirect("a token it cannot read")
        word, pos = token.group(1), token.end()
        if word in (b"stream", b"endobj"):
            if depth:
                raise _NotDirect("a keyword inside an object")
            return [*out, word, b"%d" % pos]
        depth += (word in (b"<<", b"[")) - (word in (b">>", b"]"))
        out.append(word)


def _parse_value(tokens: list[bytes], i: int) -> tuple[Any, int]:
    """One value from ``tokens[i]``: dict (name -> value), list, reference
    ``(number, generation)``, or the token itself."""
    token = tokens[i]
    if token == b"<<":
        out: dict[bytes, Any] = {}
        i += 1
        while tokens[i] != b">>":
            key = tokens[i]
            if not key.startswith(b"/") or key in out:
                raise _NotDirect("a dictionary it cannot read")
            out[key], i = _parse_value(tokens, i + 1)
        return out, i + 1
    if token == b"[":
        items: list[Any] = []
        i += 1
        while tokens[i] != b"]":
            item, i = _parse_value(tokens, i)
            items.append(item)
        return items, i + 1
    if token.isdigit() and i + 2 < len(tokens) and tokens[i + 1].isdigit() and tokens[i + 2] == b"R":
        return (int(token), int(tokens[i + 1])), i + 3
    return token, i + 1


def _object(data: bytes, offsets: dict[int, int], ref: _Ref) -> tuple[Any, int | None]:
    """The value of object ``ref`` and, for a stream, where ``stream`` ends."""
    head = _OBJECT_HEAD.match(data, offsets[ref[0]])
    if head is None or (int(head.group(1)), int(head.group(2))) != ref:
        raise _NotDirect("an object not where the table says")
    tokens = _tokens(data, head.end())
    value, i = _parse_value(tokens, 0)
    if tokens[i] == b"stream" and i + 2 == len(tokens):
        return value, int(tokens[i + 1])
    if tokens[i] == b"endobj" and i + 2 == len(tokens):
        return value, None
    raise _NotDirect("an object it cannot read")


def _page_dicts(data: bytes, offsets: dict[int, int], root: Any) -> list[dict[bytes, Any]]:
    """The page dictionaries in page tree order (pypdf's ``reader.pages``)."""
    catalog, _ = _object(data, offsets, root)
    pages: list[dict[bytes, Any]] = []
    seen: set[_Ref] = set()
    todo: list[Any] = [catalog[b"/Pages"]]
    while todo:
        ref = todo.pop()
        if not isinstance(ref, tuple) or ref in seen:
            raise _NotDirect("a page tree it cannot read")
        seen.add(ref)
        node, stream = _object(data, offsets, ref)
        kind = node.get(b"/Type") if isinstance(node, dict) and stream is None else None
        if kind == b"/Page":
            pages.append(node)
        elif kind == b"/Pages" and isinstance(node.get(b"/Kids"), list):
            todo.extend(reversed(node[b"/Kids"]))
        else:
            raise _NotDirect("a page tree node it cannot read")
    return pages


def _stream_data(data: bytes, offsets: dict[int, int], ref: _Ref) -> bytes:
    """The decoded data of stream ``ref`` (unfiltered or ``/FlateDecode``)."""
    import zlib

    info, end = _object(data, offsets, ref)
    if end is None or b"/DecodeParms" in info or b"/DP" in info:
        raise _NotDirect("not a stream it reads")
    length = info[b"/Length"]
    if isinstance(length, tuple):
        length, _ = _object(data, offsets, length)
    length = int(length)
    while data[end:end + 1] == b" ":
        end += 1
    end += 2 if data.startswith(b"\r\n", end) else 1 if data[end:end + 1] in (b"\r", b"\n") else 0
    if data[end - 1:end] not in (b"\r", b"\n") or length < 0:
        raise _NotDirect("stream data not after an end of line")
    raw = data[end:end + length]
    if not data[end + length:end + length + 20].lstrip(b"\r\n ").startswith(b"endstream"):
        raise _NotDirect("a stream length that is not right")
    filters = info.get(b"/Filter")
    if filters is None or filters == []:
        return raw
    if filters not in (b"/FlateDecode", [b"/FlateDecode"]):
        raise _NotDirect("a filter it does not decode")
    inflate = zlib.decompressobj()
    out = inflate.decompress(raw, _INFLATE_LIMIT)
    if inflate.unconsumed_tail or len(out) >= _INFLATE_LIMIT:
        raise _NotDirect("a stream over pypdf's limit")
    return out


def _append_update(data: bytes, objects: dict[int, tuple[int, bytes]], trailer: bytes,
                   previous: int) -> bytes:
    """``data`` with ``objects`` (number -> generation, stream bytes) appended
    as an incremental update: the objects, a cross-reference section for
    them, and a trailer pointing back (``/Prev``) to the original one."""
    parts = [data if data.endswith(b"\n") else data + b"\n"]
    offset = len(parts[0])
    xref = [b"xref\n0 1\n0000000000 65535 f \n"]
    for number in sorted(objects):
        generation, stream = objects[number]
        body = (b"%d %d obj\n<< /Length %d >>\nstream\n" % (number, generation, len(stream))
                + stream + b"\nendstream\nendobj\n")
        xref.append(b"%d 1\n%010d %05d n \n" % (number, offset, generation))
        parts.append(body)
        offset += len(body)
    inner = re.sub(rb"/Prev\s+\d+", b"", trailer[2:-2])
    parts += xref
    parts.append(b"trailer\n<<" + inner + b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (previous, offset))
    return b"".join(parts)


def _rewrite_tj_repair(data: bytes) -> bytes | None:
    """The repair by a whole rewrite with pypdf (slow: the document is cloned)."""
    import pypdf

    try:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
        changed = 0
        for page in writer.pages:
            contents = page.get_contents()
            if contents is None:
                continue
            new, count = _drop_empty_tjs(contents.get_data())
            if count:
                changed += count
                contents.set_data(new)
                page.replace_contents(contents)
        if not changed:
            return None
        out = io.BytesIO()
        writer.write(out)
    except Exception:  # pypdf raises many kinds on broken files; the original is read instead
        return None
    return out.getvalue()


def _pdfium_page(doc: Any, index: int, gropdf: bool = False,
                 notes: list[str] | None = None) -> tuple[str, list[Block]]:
    """The text of page ``index`` and the boxes of its lines.

    The page and its text page are PDFium's raw handles, loaded and closed
    here (pypdfium2's ``PdfPage`` and ``PdfTextPage`` give the same calls
    with a finalizer, a weak reference and a parent link each: about 50 us a
    page, a twentieth of PDF ingest's own work). The document has no form
    environment unless it has a form (then ``init_forms`` is called before
    any page is loaded, and its fields are read from the annotations, not
    through the page's form callbacks). ``notes`` collects what the page's
    annotations show (:func:`_annotations`).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    page = pdfium_c.FPDF_LoadPage(doc.raw, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        if notes is not None:
            notes.extend(_annotations(doc, page, index + 1))
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            count = pdfium_c.FPDFText_CountChars(textpage)
            if count == -1:
                raise pdfium.PdfiumError("Failed to get character count.")
            text = _page_text(textpage, count)
            joined = _join_narrow_gaps(textpage, text, count) if gropdf else text
            blocks = _line_blocks(textpage, text, index + 1, joined, count)
            text = joined
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    if blocks:
        text = _mark_paragraphs(text, blocks)
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n"), blocks


def _page_text(textpage: Any, count: int) -> str:
    """``PdfTextPage.get_text_range()`` (pypdfium2 5.15) on a raw text page
    of ``count`` characters: the text of every character but the excluded
    ones at either end (which ``FPDFText_GetText`` would read past:
    crbug.com/pdfium/2079), decoded from UTF-16 ignoring errors. The same
    calls, without the wrapper object (tests/test_pdf_direct.py compares the
    two on every page of the test PDFs)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    index_of = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    first, last, start = 0, count - 1, -1
    while first <= last and (start := index_of(textpage, first)) == -1:
        first += 1
    if first > last:
        return ""
    # ``first`` has a text index, so this stops at ``first`` at the latest.
    while (end := index_of(textpage, last)) == -1:
        last -= 1
    size = end + 2 - start  # with the NUL terminator
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_c.FPDFText_GetText(textpage, first, last + 1 - first, buffer)
    if size < written:
        raise AssertionError(f"Buffer too small: {size} vs {written}")
    return codecs.decode(memoryview(buffer)[:written - 1], "utf-16-le", errors="ignore")


def _annotations(doc: Any, page: Any, number: int) -> list[str]:
    """What a page's annotations show that its text does not: a note's or a
    stamp's text (``Contents``) and a form field's value, each as
    ``annotation, page N: ...`` or ``form field NAME, page N: ...``. Not
    canonical text (drawn over the page, not in its content), but an edit of
    them must not pass as formatting (audit4: two permits, granted to Alice
    and refused to Mallory, had one digest). Links and pop-ups (a copy of
    their parent's text) say nothing of their own. ``page`` is PDFium's raw
    page handle."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFPage_GetAnnotCount(page)
    found: list[str] = []
    for i in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            kind = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if kind in (pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP):
                continue
            if kind == pdfium_c.FPDF_ANNOT_WIDGET:
                form = doc.formenv.raw if getattr(doc, "formenv", None) is not None else None
                value = (_wide(pdfium_c.FPDFAnnot_GetFormFieldValue, form, annot) if form
                         else _wide(pdfium_c.FPDFAnnot_GetStringValue, annot, b"V"))
                name = _wide(pdfium_c.FPDFAnnot_GetFormFieldName, form, annot) if form else ""
                if value.strip():
                    found.append(f"form field {name or '?'}, page {number}: {value}"[:1000])
            else:
                text = _wide(pdfium_c.FPDFAnnot_GetStringValue, annot, b"Contents")
                if text.strip():
                    found.append(f"annotation, page {number}: {text}"[:1000])
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return found


def _wide(function: Any, *args: Any) -> str:
    """A PDFium string getter's UTF-16LE result (asked for its length first)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    length = function(*args, None, 0)
    if length <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length)
    function(*args, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), length)
    return buffer.raw[:length - 2].decode("utf-16-le", "replace")


def _line_blocks(textpage: Any, text: str, page: int, shown: str | None = None,
                 count: int | None = None) -> list[Block]:
    """The box of each text line, from its first and last characters.

    PDFium's text maps one to one onto its character indices (line breaks are
    generated characters); on a page where it does not, no positions are given.
    ``shown`` is the page's text after ``_join_narrow_gaps`` (the same lines,
    fewer spaces): the blocks carry its lines, measured on ``text``'s indices.
    ``textpage`` is PDFium's raw text page, of ``count`` characters.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if len(text) != (pdfium_c.FPDFText_CountChars(textpage) if count is None else count):
        return []
    # ``textpage.get_charbox(i, loose=True)`` without its wrapper: one
    # rectangle for every call, and the handle passed as it is.
    get_box, handle, rect = pdfium_c.FPDFText_GetLooseCharBox, textpage, pdfium_c.FS_RECTF()
    lines = text.split("\r\n")
    blocks, start = [], 0
    for line, line_shown in zip(lines, lines if shown is None else shown.split("\r\n"), strict=True):
        if line and not line.isspace():  # what ``line.strip()`` leaves something of
            if not get_box(handle, start, rect):
                raise pdfium.PdfiumError("Failed to get charbox.")
            left, bottom, top = rect.left, rect.bottom, rect.top
            # A one-character line's last character is its first: its box is in hand.
            if len(line) > 1 and not get_box(handle, start + len(line) - 1, rect):
                raise pdfium.PdfiumError("Failed to get charbox.")
            box = (round(left), round(bottom), round(rect.right), round(top))
            blocks.append(Block(line_shown, page, box))
        start += len(line) + 2
    return blocks


#: gropdf never draws a space: a word break is a move of at least the font's
#: space width (0.25 em in Times, groff's PDF default), which PDFium writes as
#: a generated space. The italic correction (``\/``, which the man macros
#: ``.IR``, ``.BI``... set between an italic and a roman piece of one word) is
#: a narrower move, of the italic glyph's own correction (0.196 em after
#: Times-Italic ``f``: ``printf(3)``). Below this gap, in em, a generated space
#: after an italic glyph at a font change is taken for one (docs/normalization.md,
#: canon/4; bench/pdf_generated_spaces.py --joins).
ITALIC_CORRECTION_EM = 0.2
#: Thin and hair spaces (``\|`` 1/6 em, ``\^`` 1/12 em) are multiples of 1/12
#: em: they are kept, as authors set them between words too (readline's
#: history(3): ``(const char *string,\|int direction)``).
_TWELFTH_TOLERANCE = 0.01


def _join_narrow_gaps(textpage: Any, text: str, count: int) -> str:
    """``text`` without the generated spaces that are gropdf's italic
    corrections (for PDFs whose producer is gropdf only).

    A space is dropped when PDFium generated it between an italic glyph and
    a glyph of another font, and the gap (the next glyph's origin minus the
    end of the italic glyph: its origin plus its advance width), in em of the
    italic glyph's size, is below ``ITALIC_CORRECTION_EM`` and is no multiple
    of 1/12 em. A page whose text does not map one to one onto PDFium's
    characters is returned unchanged.
    """
    import ctypes

    import pypdfium2.raw as api

    if len(text) != count or " " not in text:
        return text
    raw = textpage
    generated, size_of = api.FPDFText_IsGenerated, api.FPDFText_GetFontSize
    origin = api.FPDFText_GetCharOrigin
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    drop = []
    for i in _inner_spaces(text):
        if not generated(raw, i):
            continue
        # Cheap first test: PDFium puts a generated space at a font change at the
        # end of the glyph before it (the gap is then measured from it); within
        # one font, at the next glyph (0). The full measure follows.
        size = size_of(raw, i - 1)
        origin(raw, i, px, py)
        own = x.value
        origin(raw, i + 1, px, py)
        if size > 0 and 0.01 < (x.value - own) / size < ITALIC_CORRECTION_EM and _is_italic_correction(
                raw, text, i, size, x.value):
            drop.append(i)
    if not drop:
        return text
    pieces, last = [], 0
    for i in drop:
        pieces.append(text[last:i])
        last = i + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _is_italic_correction(raw: Any, text: str, i: int, size: float, next_x: float) -> bool:
    """Whether the generated space ``i`` follows an italic glyph at a font
    change, by less than ``ITALIC_CORRECTION_EM`` and by no multiple of 1/12 em."""
    import ctypes

    import pypdfium2.raw as api

    font = api.FPDFTextObj_GetFont(api.FPDFText_GetTextObject(raw, i - 1))
    width = ctypes.c_float()
    if not font or not api.FPDFFont_GetGlyphWidth(
            font, ord(text[i - 1]), ctypes.c_float(size), ctypes.byref(width)) or width.value <= 0:
        return False
    x, y = ctypes.c_double(), ctypes.c_double()
    api.FPDFText_GetCharOrigin(raw, i - 1, ctypes.byref(x), ctypes.byref(y))
    gap = (next_x - x.value - width.value) / size
    twelfths = gap * 12
    if not 0 <= gap < ITALIC_CORRECTION_EM or abs(twelfths - round(twelfths)) / 12 < _TWELFTH_TOLERANCE:
        return False
    before, after = _font_name(raw, i - 1), _font_name(raw, i + 1)
    return before != after and (b"Italic" in before or b"Oblique" in before)


def _font_name(raw: Any, index: int) -> bytes:
    import ctypes

    import pypdfium2.raw as api

    buf = ctypes.create_string_buffer(128)
    api.FPDFText_GetFontInfo(raw, index, buf, 128, None)
    return buf.value


#: A space after a character that is neither whitespace nor ``-`` (PDFium's
#: width there is the Unicode hyphen's, not the drawn glyph's) and before one
#: that is neither whitespace nor a letter, digit or ``_``: a join there never
#: makes one word of two words (fail safe; ``printf (3)``).
_INNER_SPACE = re.compile(r"(?<=[^\s-]) (?=[^\s\w])")
#: ``_INNER_SPACE`` led by its space (a literal the regex engine scans for),
#: the character before it tested behind: the same matches, where the
#: pattern's leading lookbehind was tried at every character of the page.
_INNER_SPACE_FROM_SPACE = re.compile(r" (?<=[^\s-] )(?=[^\s\w])")


def _inner_spaces(text: str) -> list[int]:
    """Indices of the spaces of ``text`` that ``_INNER_SPACE`` finds.

    >>> _inner_spaces("a (b  (c\\r\\nd e- (f g")
    [1]
    """
    return [m.start() for m in _INNER_SPACE_FROM_SPACE.finditer(text)]


#: A vertical gap this many times the usual line pitch separates paragraphs.
PARAGRAPH_GAP = 1.5
#: A first line indented by this many points more than the page's margin starts a paragraph.
INDENT = 8


def _mark_paragraphs(text: str, blocks: list[Block]) -> str:
    """Put a blank line where the positions show a paragraph break: a larger
    vertical gap, or a first-line indent after a line at the margin. PDF text
    has no blank lines; this only moves paragraph boundaries, never words."""
    tops = [b.bbox[3] for b in blocks if b.bbox]
    lefts = [b.bbox[0] for b in blocks if b.bbox]
    pitches = sorted(a - b for a, b in itertools.pairwise(tops) if a > b)
    if len(pitches) < 2:
        return text
    pitch = pitches[len(pitches) // 2]
    counts = Counter(lefts)  # the most common left edge, the leftmost among equals
    margin = min(counts, key=lambda x: (-counts[x], x))
    breaks = set()
    boxes = [b.bbox for b in blocks]
    assert all(boxes)
    # PDFium folds a hyphenated pair of lines into one (U+FFFE): it spans more pitches.
    folds = [b.text.count("\ufffe") for b in blocks] if "\ufffe" in text else [0] * len(blocks)
    slack, indent = (PARAGRAPH_GAP - 1) * pitch, margin + INDENT
    for i, (prev, cur) in enumerate(itertools.pairwise(boxes), start=1):
        gap = prev[3] - cur[3]  # type: ignore[index]
        if gap > pitch * (1 + folds[i - 1]) + slack or (
                gap > 0 and cur[0] >= indent and abs(prev[0] - margin) < INDENT):  # type: ignore[index]
            breaks.add(blocks[i].text)
    if not breaks:
        return text
    lines = text.split("\r\n")
    return "\r\n".join(("\r\n" + line) if line in breaks and i else line for i, line in enumerate(lines))


def _pypdf(data: bytes, warnings: tuple[str, ...]) -> Extracted:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

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
    except EncryptedDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files (LimitReachedError, ...)
        raise CorruptDocument(f"pypdf cannot read it: {type(exc).__name__}: {exc}") from exc
    shown = shown_metadata(metadata)
    return Extracted(
        format="pdf",
        extractor=f"{INGESTER} pypdf {pypdf.__version__}",
        pages=pages,
        metadata=metadata + (((UNSEEN_PIECES, str(len(shown))),) if shown else ()),
        removed=shown,
        warnings=warnings,
    )


#: The document information a reader is shown (a viewer's "Properties"): not
#: canonical text (the text and HTML renderings have no such lines), but an
#: edit of a title or an author must not pass as formatting, so they are
#: digested with the removed material, as an HTML page's <title> and <meta>
#: author are. Producer, creator and dates change with every re-save: not shown.
SHOWN_METADATA = ("Title", "Author", "Subject", "Keywords")


def shown_metadata(metadata: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """``Title: ...``, ``Author: ...`` ... of the document information, in that order."""
    found = dict(metadata)
    return tuple(f"{key}: {found[key]}" for key in SHOWN_METADATA if found.get(key, "").strip())


def _clean_metadata(items: object) -> tuple[tuple[str, str], ...]:
    """Document information as sorted ``(key, value)`` strings, keys without '/'."""
    out: dict[str, str] = {}
    for key, value in items:  # type: ignore[attr-defined]
        name = str(key).lstrip("/")
        if value is None or name in out:
            continue
        out[name] = str(value)[:1000]
    return tuple(sorted(out.items()))
