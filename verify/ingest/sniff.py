"""Tell what a file is from its bytes, not from its name.

A ``.txt`` that holds a PDF is a PDF; a ``.pdf`` that holds HTML is HTML; a
``.txt`` that holds a PNG is refused with a message that says so.
"""

from __future__ import annotations

import re

from verify.errors import EmptyFile, UnsupportedFormat
from verify.model import Format

#: Magic numbers of formats we do not read, so the error can name them.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 (legacy Office) document"),
    (b"%!PS", "a PostScript document"),
    (b"RIFF", "a RIFF media file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)

#: Markup that begins an HTML document: the bytes alone decide.
_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
#: A first tag that begins an HTML *fragment* (the WHATWG sniffing list, with the
#: block elements fragments such as SPDX's licence pages begin with). Markdown
#: and plain text begin this way too (a README's ``<div align="center">``), and
#: read as HTML their ``<T>`` and ``<a@b.org>`` would vanish: so a fragment is
#: HTML only in a file named as HTML (the one place the name counts).
_FRAGMENT_START = re.compile(
    rb"^(?:<!--.*?-->\s*)*<(?:p|div|table|h[1-6]|a|b|br|font|script|iframe|style|title|section|"
    rb"article|main|ul|ol|dl|pre|blockquote|span|meta|link)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_NAME = re.compile(r"\.(?:x?html?|shtml)$", re.IGNORECASE)
#: Document markup later in a file that does not begin as HTML (said, not obeyed).
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)[\s>]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

#: How many leading bytes sniffing looks at.
SNIFF_BYTES = 4096


def sniff(head: bytes, name: str | None = None) -> Format:
    """Return the format of a file from its first bytes.

    HTML is a file that begins as an HTML document (after a BOM, white space,
    an XML declaration, comments); a file that begins with a fragment's tag
    (``<p>``, ``<div>``) is HTML only when ``name`` ends in ``.html``/``.htm``.
    Markup further in (a text that *mentions* ``<body>``) leaves it text:
    read as HTML, every ``<...>`` in it would vanish.

    >>> sniff(b"%PDF-1.7\\n...")
    'pdf'
    >>> sniff(b"<!DOCTYPE html><html><body>Hi</body></html>")
    'html'
    >>> sniff(b"Plain words.\\n")
    'text'
    >>> sniff(b"<p>A fragment.</p>", "page.html"), sniff(b"<p>A fragment.</p>", "README.md")
    ('html', 'text')
    """
    if not head:
        raise EmptyFile("the file is empty (0 bytes)")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(f"the bytes are {what}, not PDF, HTML or text")
    probe = _ascii_view(head).lstrip()
    if _HTML_START.match(probe):
        return "html"
    if name is not None and _HTML_NAME.search(name) and _FRAGMENT_START.match(probe):
        return "html"
    return "text"


def markup_inside(head: bytes) -> int | None:
    """Where a file read as text has HTML document markup in its first bytes
    (``<body>`` at that offset of the head), or None: the record says so."""
    match = _HTML_ANYWHERE.search(_ascii_view(head))
    return None if match is None else match.start()


#: The first markup character, ``<``, as each wide encoding writes it, after
#: any white space: how UTF-16 and UTF-32 written without a byte-order mark
#: show themselves in a file that begins as markup.
_WIDE_LT = (
    (re.compile(rb"^(?:[\t\n\r ]\x00\x00\x00)*<\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"^(?:\x00\x00\x00[\t\n\r ])*\x00\x00\x00<"), "utf-32-be"),
    (re.compile(rb"^(?:[\t\n\r ]\x00)*<\x00[^\x00]"), "utf-16-le"),
    (re.compile(rb"^(?:\x00[\t\n\r ])*\x00<"), "utf-16-be"),
)


def wide_markup(head: bytes) -> str | None:
    """The codec of a file that begins as markup in UTF-16 or UTF-32 with no
    byte-order mark (``<\\0h\\0t\\0m\\0l\\0``), or None. audit4: such an HTML page
    was read as plain text, its canonical text the raw markup.

    >>> wide_markup("<html>".encode("utf-16-le")), wide_markup("<p>".encode("utf-32-be"))
    ('utf-16-le', 'utf-32-be')
    >>> wide_markup(b"<html>") is None
    True
    """
    if b"\x00" not in head[:8]:
        return None
    return next((codec for pattern, codec in _WIDE_LT if pattern.match(head)), None)


def _ascii_view(head: bytes) -> bytes:
    """The head with a BOM removed and UTF-16 folded to bytes, for markup tests."""
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        usable = head[2 : 2 + (len(head) - 2) // 2 * 2]
        return usable.decode(codec, errors="replace").encode("ascii", errors="replace")
    wide = wide_markup(head)
    if wide is not None:
        width = 4 if wide.startswith("utf-32") else 2
        usable = head[: len(head) // width * width]
        return usable.decode(wide, errors="replace").encode("ascii", errors="replace")
    for bom in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :]
    return head
