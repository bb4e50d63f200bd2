"""Plain text: decode with a stated encoding, never a silent guess.

Order of evidence: a byte-order mark; valid UTF-8; otherwise chardet's
statistical detection, checked against the decoded words (below), in which
case the record carries a warning that the encoding was detected, not
declared. Bytes that are not text at all (control characters, NUL bytes
outside UTF-16) are refused.

Why chardet (7.x, 0BSD): on the Vim tutor, one text in 34 legacy-encoded
files with its UTF-8 sibling as the gold, charset-normalizer 3.5 (with a
windows-1252 preference) decoded 19 files right and refused 4 as binary
(French, Italian and Russian with ruled lines of ``~``); chardet 7.7 with the
word check below decodes all 34 (``bench/encodings.py``).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

import chardet

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
            if "\x1b" in text and (escaped := _escaped(data)) is not None:
                return escaped
            _refuse_binary(text)
            return text, "utf-8", ()
    if b"\x00" in data[:4096]:
        return _wide_without_bom(data)
    text, encoding, others = _detect(data)
    _refuse_binary(text)
    warning = (f"no byte-order mark and not UTF-8: encoding {encoding} detected by chardet"
               + (f" (also possible: {', '.join(others[:4])})" if others else ""))
    return text, encoding, (warning,)


#: The encodings whose text holds NUL bytes: UTF-16 and UTF-32 written
#: without a byte-order mark (Python's codec names).
_WIDE = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})


def _wide_without_bom(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Bytes with NULs: text only if chardet finds UTF-16 or UTF-32 (written
    without a byte-order mark) and the decoded text is no binary."""
    found = chardet.detect(data)["encoding"]
    name = _codec(found) if found else None
    if name not in _WIDE:
        raise UnsupportedFormat("binary data (NUL bytes), not text")
    name = _byte_order(data, name)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat(f"binary data (NUL bytes): {name} detected, but {exc}") from exc
    _refuse_binary(text)
    if _implausible_share(text[:_SAMPLE]) > _WIDE_IMPLAUSIBLE:
        raise UnsupportedFormat(f"binary data (NUL bytes): as {name} its words mix scripts")
    return text, name, (f"no byte-order mark: encoding {name} detected by chardet",)


def _byte_order(data: bytes, name: str) -> str:
    """The byte order of wide text, decided by the text itself: read in the
    wrong order, its spaces and line breaks (U+0020, U+000A) become U+2000
    and U+0A00, so the order that gives more of them is the text's (chardet
    read Russian UTF-16-LE as big-endian); a tie keeps chardet's."""
    width = name[:6]  # "utf-16" or "utf-32"
    sample = data[: _SAMPLE - _SAMPLE % 4]

    def blanks(order: str) -> int:
        text = sample.decode(f"{width}-{order}", "replace")
        return text.count(" ") + text.count("\n")

    little, big = blanks("le"), blanks("be")
    if little == big:
        return name
    return f"{width}-{'le' if little > big else 'be'}"


#: Wide text whose words mostly mix scripts (``扡cȁ`` from ``abc\0\1\2``) is
#: binary read two bytes at a time.
_WIDE_IMPLAUSIBLE = 0.5
#: The sample the detector and the word check read (chardet's own default).
_SAMPLE = 200_000
#: Candidates read, in chardet's order.
_MAX_CANDIDATES = 12
#: A candidate is kept if its share of implausible words is at most this
#: much above the best candidate's.
_IMPLAUSIBLE_SLACK = 0.1
#: Below this many words with a non-ASCII letter, the statistics are weak
#: and windows-1252 (the web's and most Western archives' legacy default)
#: wins if chardet rates it near the top.
_FEW_WORDS = 30
_NEAR_TOP = 0.7
_WORD = re.compile(r"\w+")
#: A symbol of Latin-1's upper half, or of the general punctuation and
#: symbol blocks, between two letters: ``mo¾no`` (ISO-8859-2's ``ž`` read as
#: Latin-1).
_SYMBOL_IN_WORD = re.compile(
    r"(?<=[^\W\d_])[\u00a1-\u00bf\u00d7\u00f7\u2000-\u206f\u2100-\u27ff](?=[^\W\d_])")


def _detect(data: bytes) -> tuple[str, str, list[str]]:
    """Legacy 8-bit or multi-byte text decoded: ``(text, encoding, others
    considered)``. chardet ranks the candidates; a candidate whose decoded words
    mix scripts (``cafй`` for ``café`` read as windows-1251) or hold symbols
    between letters is dropped when another reads cleaner."""
    sample = data[:_SAMPLE]
    candidates: list[tuple[str, float, str]] = []
    whole: set[str] = set()  # candidates that decoded the whole file as the sample
    for guess in chardet.detect_all(sample):
        name = _codec(guess["encoding"]) if guess["encoding"] else None
        if name is None or name in {c[0] for c in candidates}:
            continue
        try:
            decoded = sample.decode(name)
            if len(sample) == len(data):
                whole.add(name)
        except UnicodeDecodeError:
            # a multi-byte sequence cut by the sample's end is no evidence against it
            try:
                decoded = sample[:-4].decode(name)
            except UnicodeDecodeError:
                continue
        candidates.append((name, float(guess["confidence"] or 0.0), decoded))
        if len(candidates) == _MAX_CANDIDATES:
            break
    if not candidates:
        raise UnsupportedFormat("binary data: no text encoding decodes these bytes")
    rates = [_implausible_share(decoded) for _, _, decoded in candidates]
    floor = min(rates)
    kept = [c for c, rate in zip(candidates, rates, strict=True) if rate <= floor + _IMPLAUSIBLE_SLACK]
    choice = kept[0]
    if _non_ascii_words(choice[2]) < _FEW_WORDS:
        western = next((c for c in kept if c[0] == "cp1252" and c[1] >= _NEAR_TOP * choice[1]), None)
        choice = western or choice
    order = [choice] + [c for c in kept if c is not choice] + [c for c in candidates if c not in kept]
    for name, _, decoded in order:
        if name in whole:
            text = decoded  # the sample was all of the file, decoded already
        else:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
        return text, name, sorted(c[0] for c in candidates if c[0] != name)
    raise UnsupportedFormat("no text encoding decodes these bytes (candidates: "
                            + ", ".join(c[0] for c in candidates) + ")")


def _codec(label: str) -> str | None:
    """Python's name of an encoding label (``Windows-1252`` -> ``cp1252``)."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _non_ascii_words(text: str) -> int:
    return sum(1 for word in _WORD.findall(text) if not word.isascii())


def _implausible_share(text: str) -> float:
    """The share of words with a non-ASCII letter that no writer writes:
    letters of two scripts in one word, or a symbol between letters."""
    words = Counter(word for word in _WORD.findall(text) if not word.isascii())
    if not words:
        return 0.0
    bad = sum(count for word, count in words.items() if _mixes_scripts(word))
    bad += len(_SYMBOL_IN_WORD.findall(text))
    return bad / words.total()


def _mixes_scripts(word: str) -> bool:
    scripts = {_script(ch) for ch in word if not ch.isascii() and ch.isalpha()}
    if any(ch.isascii() and ch.isalpha() for ch in word):
        scripts.add("LATIN")
    return len(scripts) > 1


#: Scripts written together in one word: Japanese mixes kanji and kana in a
#: word (``食べる``), so they count as one.
_ONE_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK",
               "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """A letter's script, as the first word of its Unicode name (``LATIN``,
    ``CYRILLIC``; kana and kanji both ``CJK``)."""
    first = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _ONE_SCRIPT.get(first, first)


#: An ISO 2022 designation: ESC, then ``$`` and/or ``(`` ``)`` and a final
#: byte (``ESC $ B`` JIS X 0208, ``ESC ( B`` ASCII, ``ESC $ ) C`` KS X 1001).
_DESIGNATION = re.compile(rb"\x1b(?:\$[()*+]?|[()*+])[@-~]")


def _escaped(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """7-bit text in an ISO 2022 encoding (Japanese e-mail's ISO-2022-JP,
    ISO-2022-KR): valid ASCII whose escape sequences switch character sets,
    which the control-character test took for binary (audit4). Decoded only
    when chardet names such an encoding, it decodes strictly and no escape
    byte is left; else None."""
    if _DESIGNATION.search(data) is None:
        return None
    found = chardet.detect(data)["encoding"]
    name = _codec(found) if found else None
    if name is None or not name.startswith("iso2022"):
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if "\x1b" in text:
        return None
    _refuse_binary(text)
    return text, name, (f"no byte-order mark and not UTF-8: encoding {name} detected by chardet "
                        "(ISO 2022 escape sequences)",)


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
        # chardet is named only where it decided the text: a release of it
        # changes nothing for UTF-8 or byte-order-marked files.
        extractor=("verify-text/1" if not warnings
                   else f"verify-text/2 (chardet {chardet.__version__})"),
        pages=pages,
        encoding=encoding,
        warnings=warnings,
    )

