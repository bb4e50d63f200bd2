"""Plain text: decode with a stated encoding, never a silent guess.

Order of evidence: a byte-order mark; valid UTF-8; otherwise charset-normalizer's
statistical detection, in which case the record carries a warning that the
encoding was detected, not declared. Bytes that are not text at all (control
characters, NUL bytes outside UTF-16) are refused.
"""

from __future__ import annotations

import codecs
from typing import Any

import charset_normalizer

from verify.errors import UnsupportedFormat
from verify.model import Extracted

_BOM_CODECS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters a real text may hold: tab, newline, CR, form feed, and
#: backspace (nroff overstrike in manual pages).
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\b")
#: More than this share of other control characters means binary data.
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` for bytes believed to be text."""
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError as exc:
                raise UnsupportedFormat(f"starts with a {codec} byte-order mark but {exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" not in text[:65536]:
            _refuse_binary(text)
            return text, "utf-8", ()
    if b"\x00" in data[:4096]:
        return _wide_without_bom(data)
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        raise UnsupportedFormat("binary data: no text encoding decodes these bytes")
    best = _prefer_western_default(results)
    text = str(best)
    _refuse_binary(text)
    others = sorted({r.encoding for r in results} - {best.encoding})
    warning = (f"no byte-order mark and not UTF-8: encoding {best.encoding} detected by "
               f"charset-normalizer" + (f" (also possible: {', '.join(others[:4])})" if others else ""))
    return text, best.encoding, (warning,)


#: The encodings whose text holds NUL bytes: UTF-16 and UTF-32 written
#: without a byte-order mark (charset-normalizer's names).
_WIDE = frozenset({"utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"})


def _wide_without_bom(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Bytes with NULs: text only if charset-normalizer finds UTF-16 or UTF-32
    (written without a byte-order mark) and the decoded text is no binary."""
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding not in _WIDE:
        raise UnsupportedFormat("binary data (NUL bytes), not text")
    text = str(best)
    _refuse_binary(text)
    return text, best.encoding, (f"no byte-order mark: encoding {best.encoding} detected by "
                                 "charset-normalizer",)


#: How much more "chaos" (charset-normalizer's mess score) the preferred
#: encoding may have than the best-scoring one and still be taken.
_CHAOS_TOLERANCE = 0.2
#: The legacy default of the web (WHATWG) and of most Western archives.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _prefer_western_default(results: list[Any]) -> Any:
    """On short texts several single-byte codecs score alike (cp1250 and
    cp1252 both decode French with no "chaos", one of them wrongly); among
    the near-best, windows-1252 wins, as browsers decide for unlabelled pages."""
    floor = min(r.chaos for r in results)
    for name in _PREFERRED:
        for result in results:
            if result.encoding == name and result.chaos <= floor + _CHAOS_TOLERANCE:
                return result
    return results[0]


def _refuse_binary(text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and (controls / len(sample) > _MAX_CONTROL_SHARE or "\x00" in sample):
        raise UnsupportedFormat(
            f"binary data: {controls} control characters in the first {len(sample)} characters"
        )


def ingest_text(data: bytes) -> Extracted:
    """Decode a plain-text file. A form feed separates pages (as in pdftotext output)."""
    text, encoding, warnings = decode_text(data)
    pages = tuple(text.split("\f")) if "\f" in text else (text,)
    return Extracted(
        format="text",
        # charset-normalizer is named only where it decided the text: a patch
        # release of it changes nothing for UTF-8 or byte-order-marked files.
        extractor=("verify-text/1" if not warnings
                   else f"verify-text/1 (charset-normalizer {charset_normalizer.__version__})"),
        pages=pages,
        encoding=encoding,
        warnings=warnings,
    )

