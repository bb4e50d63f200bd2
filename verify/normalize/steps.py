"""Character- and line-level normalisation steps: tiny pure ``str -> str`` functions.

Each step says why it exists and shows itself as a doctest. They never look
beyond the text they are given, so no state leaks between pages or lines.
The steps that decide from the whole document (furniture, footnotes,
dehyphenation) live in :mod:`verify.normalize.layout`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import chain, compress
from operator import sub

import ftfy
import ftfy.badness

from verify.model import CODE_LINE

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x85")


def line_endings(text: str) -> str:
    r"""One line break: ``\n``. CRLF (PDFium, Windows), CR, Unicode line and
    paragraph separators are layout, not content.

    >>> line_endings("a\r\nb\rc\u2029d")
    'a\nb\nc\nd'
    """
    if not any(map(text.__contains__, _LINE_BREAK_CHARACTERS)):
        return text  # substring tests, which do not try the pattern at every character
    return _LINE_BREAKS.sub("\n", text)


#: Every match of :data:`_LINE_BREAKS` holds one of these.
_LINE_BREAK_CHARACTERS = ("\r", "\u2028", "\u2029", "\x0b", "\x85")


_OVERSTRIKE = re.compile(r"[^\n\x08]\x08")
#: nroff's vertical motions in terminal output (``ESC 7``, ``ESC 8``, ``ESC 9``).
_NROFF_MOTION = re.compile("\x1b[789]")


def overstrike(text: str) -> str:
    """Remove nroff overstrike: bold is ``X\\bX`` and underline ``_\\bX`` in
    manual pages rendered to text; the letter after the backspace is kept.

    >>> overstrike("N\\bNA\\bAM\\bME\\bE _\\bf_\\bi_\\bl_\\be")
    'NAME file'

    canon/6: nroff's other terminal output, its vertical motions ``ESC 7``
    (reverse line feed), ``ESC 8`` (half-line up) and ``ESC 9`` (half-line
    down), written when no ``col`` filtered the output, go as a pair: an
    ``ESC`` and the digit after it are one control sequence (a terminal
    never shows either), not a separator and a word ``9``.

    >>> overstrike("\\x1b9     # Macros and x\\x1b82\\x1b9 is raised")
    '     # Macros and x2 is raised'
    """
    while "\x1b" in text:  # until none is left: taking one out may make another (ESC ESC 9 9)
        shorter = _NROFF_MOTION.sub("", text)
        if shorter == text:
            break
        text = shorter
    if "\x08" not in text:
        return text
    previous = None
    while previous != text:
        previous, text = text, _OVERSTRIKE.sub("", text)
    return text.replace("\x08", "")


_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # markup is the HTML ingester's business; ftfy's switch leaks across lines
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,  # NFKC does it
    fix_character_width=False,  # NFKC does it
    uncurl_quotes=False,  # the punctuation step does it, for every quote form
    fix_line_breaks=False,  # the line_endings step does it
    fix_surrogates=True,
    remove_control_chars=False,  # the invisible step does it
    normalization=None,  # the nfkc step does it
    explain=False,
)


def mojibake(text: str) -> str:
    """Repair text decoded with the wrong codec, line by line, with ftfy.

    Only lines holding a non-ASCII character or an escape are looked at (a
    pure-ASCII line cannot be mojibake), and each line is fixed alone so that
    nothing one line contains changes how another is treated.

    >>> mojibake("The People\u00e2\u20ac\u2122s Republic")
    'The People\u2019s Republic'
    """
    if text.isascii() and "\x1b" not in text:
        return text
    if _clean_page(text):
        return text
    return "\n".join(_fix_line(line) for line in text.split("\n"))


def _clean_page(text: str) -> bool:
    """Has the page no suspicious line? (See :data:`_TRIGGER_CHARACTER`.)
    Not cached: a page the step returned as it was is not given to it again
    in the next round (``verify.normalize._characters``), and a cache of
    whole documents would keep large texts alive across a build."""
    return "\x1b" not in text and not _TRIGGER_CHARACTER.search(text) and not is_bad(text)


@functools.lru_cache(maxsize=1 << 14)
def _fix_line(line: str) -> str:
    """One line through the gate and ftfy. Cached: the character steps run
    in rounds, and a page's lines come back unchanged in each round."""
    return ftfy.fix_text(line, _FTFY_CONFIG) if _suspicious(line) else line


#: What ftfy repairs besides mojibake that its badness test does not look for:
#: terminal escapes, C1 controls, surrogates, the replacement character
#: (lossy sequences), a no-break space after a mojibake lead byte.
_FTFY_TRIGGER = re.compile("[\x1b\x80-\x9f\ud800-\udfff\ufffd]|[\u00c2\u00c3\u00e2][\u00a0 ]")


#: Every match of the trigger holds one of these or ``\x1b``. A page with none of them,
#: where ftfy's badness pattern finds nothing, has no suspicious line: a
#: line's match of the pattern is a match of the page at the same place
#: (the pattern looks at nothing outside what it consumes), but for the
#: one anchored at the line's start, ``^[ÃÂ][ ]``, which holds ``Ã`` or
#: ``Â``. One search of the page then replaces a split and a test a line.
#: (Found as a non-ASCII character, then tested: a scan for a class of one
#: range is faster than for a class of several.)
_TRIGGER_CHARACTER = re.compile("[^\x00-\x7f](?<=[\x80-\x9f\ud800-\udfff\ufffd\u00c2\u00c3\u00e2])")


def _suspicious(line: str) -> bool:
    """Is this line worth ftfy's time? A cheap test first: pure ASCII never
    is; otherwise ftfy's own badness heuristic (the test ``fix_encoding``
    starts with) or one of the other things it repairs. bench/ftfy_gate.py
    checks on real and mojibake corpora that the gate changes no output."""
    if line.isascii() and "\x1b" not in line:
        return False
    return bool(_FTFY_TRIGGER.search(line)) or is_bad(line)


#: Every match of ftfy's badness pattern holds a character outside ASCII and
#: is at most this many characters longer than one character (ftfy 6.3.1:
#: 37 alternatives, 1 to 7 characters each, each with a position that takes
#: only non-ASCII characters; tests/test_ftfy_window.py derives both facts
#: from the pattern itself).
BADNESS_REACH = 6

#: The characters that a match of the badness pattern can hold as its only
#: non-ASCII character: C1 controls, ``Œ`` and ``œ``, ``Ã`` and ``Â``. Every
#: other match holds two non-ASCII characters, at most BADNESS_REACH apart
#: (tests/test_ftfy_window.py derives both facts from the pattern). So every
#: match holds a *seed*: one of these, or a non-ASCII character with another
#: at most BADNESS_REACH after it. A line without one (German prose:
#: ``für die Übung``) cannot match.
_LONE_BAD = "\x80-\x9f\u0152\u0153\u00c3\u00c2"
#: (A non-ASCII character first, which the regex engine scans for; then
#: which kind of seed it is.)
_BAD_SEED = re.compile(
    rf"[^\x00-\x7f](?:(?<=[{_LONE_BAD}])|(?=[\x00-\x7f]{{0,{BADNESS_REACH - 1}}}[^\x00-\x7f]))")


#: Every match of the badness pattern holds one of these characters: each of
#: its alternatives has a position that takes only characters of this set
#: (Latin-1 and Latin Extended-A letters, some Greek and Cyrillic, quotes,
#: box drawing, a few mathematical signs; tests/test_ftfy_window.py checks
#: it against the pinned pattern). A line without one (Japanese, Chinese,
#: arrows and set symbols) has no match, however many seeds it holds.
_BADNESS_KEY = re.compile(
    "["
    "\x80-\x9f\xa1-\xac\xae-\xb3\xb5-\xb6\xb8-\xdd\xdf-\xfc\u0100-\u0107\u010c-\u0113"
    "\u0116-\u011b\u011e-\u011f\u0122-\u0123\u012a-\u012b\u012f-\u0130\u0136-\u0137"
    "\u0139-\u013e\u0141-\u0143\u0145\u0147\u014c\u0150\u0152-\u0153\u0155\u0158\u015a-\u015b"
    "\u015e-\u0162\u0164-\u0165\u016a\u016e\u0170\u0172\u0178-\u017e\u0192\u02c6-\u02c7\u02d8"
    "\u02db-\u02dd\u0384-\u0385\u0392-\u0393\u039e-\u039f\u03b2\u0412-\u0413\u0420-\u0421\u0432"
    "\u0490-\u0491\u2018\u201a\u201c-\u201e\u2020-\u2022\u2030\u2039-\u203a\u2044\u20a7\u20ac"
    "\u2116\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260-\u2261"
    "\u2264-\u2265\u2310\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c\u2580"
    "\u2584\u2588\u258c\u2590-\u2593\u25ca\uf8ff\ufb01-\ufb02\ufffd"
    "]")


#: The seeds :func:`is_bad` searches around: each :data:`_BADNESS_KEY`
#: character that is a lone bad one (:data:`_LONE_BAD`) or has another
#: non-ASCII character at most BADNESS_REACH after or before it. A match
#: holds a key character, and a lone bad character or two non-ASCII ones
#: (:data:`_BAD_SEED`'s rule); at most BADNESS_REACH + 1 long, it holds a key
#: character of this kind. German prose (an umlaut alone) and Japanese (kana
#: beside kana, no key character) have none. (The key character first, which
#: the regex engine scans for; then which kind of seed it is.)
_KEY_SEED = re.compile(
    _BADNESS_KEY.pattern
    + f"(?:(?<=[{_LONE_BAD}])|(?=[\\s\\S]{{0,{BADNESS_REACH - 1}}}[^\\x00-\\x7f])|"
    + "|".join(f"(?<=[^\\x00-\\x7f][\\s\\S]{{{d}}})" for d in range(1, BADNESS_REACH + 1)) + ")")


def is_bad(line: str) -> bool:
    """``ftfy.badness.is_bad(line)``, searched only around the seeds
    (:data:`_KEY_SEED`): every match of the badness pattern holds one and
    reaches at most :data:`BADNESS_REACH` characters from it, so these
    windows (overlapping ones joined) find a match exactly when the whole
    line has one. The pattern costs per character tried (about 5 MB/s); a
    long line with a few curly quotes or umlauts costs no window at all,
    nor does Japanese.

    >>> is_bad("The People\u00e2\u20ac\u2122s Republic"), is_bad("It\u2019s fine")
    (True, False)
    """
    # Every match holds a seed and lies within BADNESS_REACH of it: the
    # window of a seed at s is line[s - REACH : s + REACH + 1], and two
    # seeds at most 2 * REACH + 1 apart share one. The seeds' positions and
    # the gaps that part windows are found in C (a page of Cyrillic or of
    # curly quotes has a seed every few characters), windows in order.
    seeds = list(map(_START, _KEY_SEED.finditer(line)))
    if not seeds:
        return False
    parts = compress(range(1, len(seeds)), map(_APART, map(sub, seeds[1:], seeds)))
    first = 0
    for last in chain(parts, (len(seeds),)):
        if _bad_in(line, max(0, seeds[first] - BADNESS_REACH), seeds[last - 1] + BADNESS_REACH + 1):
            return True
        first = last
    return False


_START = re.Match.start
#: Two seeds farther apart than this have windows of their own.
_APART = (2 * BADNESS_REACH + 1).__lt__


#: Windows up to this long are cached (a short window around a symbol recurs;
#: a page of Cyrillic is one long window, which would only fill the cache).
_CACHED_WINDOW = 64


def _bad_in(line: str, start: int, end: int) -> bool:
    """``BADNESS_RE.search(line, start, end)``, cached for short windows."""
    if end - start <= _CACHED_WINDOW:
        return _bad_window(line[start:end], start == 0)
    return bool(ftfy.badness.BADNESS_RE.search(line, start, end))


@functools.lru_cache(maxsize=1 << 14)
def _bad_window(window: str, at_start: bool) -> bool:
    """``BADNESS_RE.search(line, start, end)``, where ``window`` is
    ``line[start:end]`` and ``at_start`` says whether ``start`` is 0.

    The pattern looks at nothing outside what it consumes, and its one
    anchor, ``^``, matches at the line's first character only: the search
    depends on the window's characters and on ``at_start`` alone, and is
    cached on them. The character steps see a page again in their next
    round, and its windows again once unwrapping has joined its lines."""
    if at_start:
        return bool(ftfy.badness.BADNESS_RE.search(window))
    return bool(ftfy.badness.BADNESS_RE.search("\n" + window, 1))  # from 1: no ``^`` there


#: Every character whose compatibility decomposition is tagged ``<super>`` or
#: ``<sub>`` (Unicode 14, Python 3.11's ``unicodedata``; written out so that
#: the profile does not move with the interpreter's Unicode version):
#: ``² ³ ¹ ⁰-⁹ ⁺ ⁻ ⁼ ⁽ ⁾ ₀-₉``, ``ⁿ ⁱ``, the modifier letters ``ʰ ᵃ ᵢ``, the
#: ordinal indicators ``ª º``, ``™ ℠``. canon/5 (the audit's defect 5): NFKC
#: folds them into the plain character glued on, so ``10²`` and ``102``,
#: ``x⁻¹`` and ``x-1``, ``Foo™`` and ``FooTM`` were one text. canon/6 (audit3):
#: the vulgar fractions too (``¼ ½ ¾``, ``⅐``-``⅟``, ``↉``): NFKC writes ``½``
#: as ``1⁄2``, so ``1½`` (one and a half) and ``11⁄2`` (eleven halves) were one.
RAISED = re.compile(
    "[\u00bc-\u00be\u2150-\u215f\u2189"
    "\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0-\u02b8\u02e0-\u02e4\u10fc\u1d2c-\u1d2e"
    "\u1d30-\u1d3a\u1d3c-\u1d4d\u1d4f-\u1d6a\u1d78\u1d9b-\u1dbf\u2070\u2071"
    "\u2074-\u208e\u2090-\u209c\u2120\u2122\u2c7c\u2c7d\u2d6f\u3192-\u319f"
    "\ua69c\ua69d\ua770\ua7f2-\ua7f4\ua7f8\ua7f9\uab5c-\uab5f\uab69"
    "\U00010781-\U00010785\U00010787-\U000107b0\U000107b2-\U000107ba\U0001f16a-\U0001f16c]")


def nfkc(text: str) -> str:
    """Unicode NFKC: one code point sequence for one character, compatibility
    forms (ligatures, full-width letters, no-break spaces) folded. Raised and
    lowered characters (:data:`RAISED`: superscripts, subscripts, ``™``) and
    vulgar fractions are kept as they are: folded, they would be the plain
    character glued on, a different number or word (canon/5; fractions canon/6).

    >>> nfkc("ﬁnal ２０２０ caf\u0065\u0301")
    'final 2020 café'
    >>> nfkc("10\u00b2 \ufb01ne, x\u207b\u00b9, H\u2082O")
    '10\u00b2 fine, x\u207b\u00b9, H\u2082O'
    """
    if len(text) > _NFKC_PIECE:
        return _nfkc_by_pieces(text)
    return _nfkc_piece(text)


#: Texts longer than this are normalised a piece of whole lines of about this length at a time.
_NFKC_PIECE = 1024


def _nfkc_by_pieces(text: str) -> str:
    """:func:`nfkc` of a long text, a piece of whole lines at a time; the
    text itself when no piece changes.

    NFKC is line-local: a line break is a starter that composes with
    nothing on either side and is its own normal form, so a text's normal
    form is its lines' normal forms joined by line breaks
    (tests/test_steps_equivalence.py checks it on generated text with
    combining marks, Hangul jamo and raised characters). The check of
    ``unicodedata.is_normalized`` is a quick scan, unless the text holds a
    character whose quick-check answer is *maybe* (a combining tilde or dot
    above in a mathematical script): then it normalises the whole text to
    compare. Piece by piece, only the pieces holding one pay that (a settled
    document is one text, checked in every round of the character steps)."""
    pieces: list[str] = []
    start, changed = 0, False
    while start < len(text):
        end = text.find("\n", start + _NFKC_PIECE)
        end = len(text) if end < 0 else end + 1
        piece = text[start:end]
        new = _nfkc_piece(piece)
        changed = changed or (new is not piece and new != piece)
        pieces.append(new)
        start = end
    return "".join(pieces) if changed else text


def _nfkc_piece(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    if not RAISED.search(text):
        return unicodedata.normalize("NFKC", text)
    return _nfkc_keeping_raised(text)


def _nfkc_keeping_raised(text: str) -> str:
    """NFKC of the text between the raised characters, which stay. A raised
    character is a starter that composes with nothing before it, so the
    pieces normalise as the whole would, but for the raised characters."""
    out: list[str] = []
    start = 0
    for match in RAISED.finditer(text):
        out.append(unicodedata.normalize("NFKC", text[start:match.start()]))
        out.append(match.group())
        start = match.end()
    out.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(out)


_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\u180e\ufffe]")
# Joiners change how scripts such as Arabic, Persian or Devanagari and emoji
# render, so they are removed only between ASCII characters.
_ASCII_JOINER = re.compile(r"(?<=[\x00-\x7f])[\u200c\u200d](?=[\x00-\x7f])|^[\u200c\u200d]|[\u200c\u200d]$",
                           re.MULTILINE)
#: Control characters that earlier steps own: a backspace left by
#: :func:`overstrike` and a form feed (a page break the ingesters split on)
#: are deleted, as always.
_OWNED_CONTROLS = re.compile(r"[\x08\x0c]")
#: Every other C0 or C1 control character (tab, line breaks apart) separates
#: what stands on either side of it: texinfo's tag table writes
#: ``Node: Expressions\x7f5494``, a record separator parts two fields.
_CONTROLS = re.compile(r"[\x00-\x07\x0e-\x1f\x7f-\x9f]")
_ANY_INVISIBLE = re.compile(
    r"[\u00ad\u200b\u2060\ufeff\u180e\ufffe\u200c\u200d\t\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")


def invisible(text: str) -> str:
    """Remove characters that are not seen: soft hyphens (a soft hyphen at a
    line end joins the word), zero-width spaces, word joiners, byte-order
    marks; a tab becomes a space. A stray control character becomes a space
    too: it is seen by no reader, but a program that wrote it used it to
    part two things (never glue ``Expressions\x7f5494`` into one word); a
    leftover backspace or form feed is deleted.

    >>> invisible("infor\u00ad\\nmation se\u200bcurity\\tend")
    'information security end'
    >>> invisible("Node: Expressions\x7f5494\\x0c")
    'Node: Expressions 5494'
    """
    if not _ANY_INVISIBLE.search(text):
        return text
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _ASCII_JOINER.sub("", text)
    return _OWNED_CONTROLS.sub("", _CONTROLS.sub(" ", text.replace("\t", " ")))


_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2043\u2212", "-"),
        # nroff and typewritten text spell an em dash "--"
        **dict.fromkeys("\u2014\u2015\u2e3a\u2e3b", "--"),
        "\u2265": ">=", "\u2264": "<=", "\u2260": "!=",  # troff draws them; its ASCII output spells them
        "\u00a9": "(C)", "\u00ae": "(R)",  # likewise: nroff and plain-text licences spell them
        **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                        "\u2009\u200a\u202f\u205f\u3000", " "),
    }
)


#: The same table as a pattern: a substitution costs per quote or dash found,
#: where ``str.translate`` costs per character of the text.
_PUNCTUATION_CHARS = re.compile("[" + "".join(chr(c) for c in _PUNCTUATION) + "]")


def punctuation(text: str) -> str:
    """One form for quotes, dashes, spaces and the comparison signs (``≥``
    is how a typesetter draws ``>=``, ``©`` what plain text spells ``(C)``,
    the em dash ``—`` what it spells ``--``): typographic choices, not
    content. Two hyphens typed as a word stay what they are (a decrement,
    the end of a command's options).

    >>> punctuation("\u201cSCO\u201d \u2013 the People\u2019s Republic \u2014 \u00abx\u00bb")
    '"SCO" - the People\\'s Republic -- "x"'
    >>> punctuation("Copyright \u00a9 2025; level \u2014 each")
    'Copyright (C) 2025; level -- each'
    """
    if text.isascii():
        return text
    return _PUNCTUATION_CHARS.sub(lambda m: _PUNCTUATION[ord(m.group())], text)


#: nroff's ASCII bullet: a lone ``o`` at the start of a line, the item's text
#: set off by a hanging indent (three spaces or more) after it.
_NROFF_BULLET_LINE = re.compile(r"^([ ]*)o[ ]{3,}(?=\S)", re.MULTILINE)


def nroff_bullets(text: str) -> str:
    r"""nroff draws a list bullet as ``o`` in its ASCII output (``o      Quoting
    the rhs``) where the PDF draws ``•`` and HTML draws nothing: the ``o`` of
    a hanging-indent list item becomes ``•``, which :func:`bullets` then
    treats as every drawn bullet. Proof of a list: two such lines at least,
    each with the indent gap (a justified line starting with the word ``o``
    has one or two spaces after it, not a column).

    >>> nroff_bullets("       o      Changing directories\n       o      Setting PATH")
    '       \u2022 Changing directories\n       \u2022 Setting PATH'
    >>> nroff_bullets("o   alone")
    'o   alone'
    """
    if "o  " not in text or len(_NROFF_BULLET_LINE.findall(text)) < 2:
        return text
    return _NROFF_BULLET_LINE.sub("\\1\u2022 ", text)


#: A line starting with a ``-`` marker set off from its text by two spaces or more.
_DASH_ITEM = re.compile(r"^([ ]*)-([ ]{2,})(?=\S)")


def dash_bullets(text: str) -> str:
    r"""A writer that draws a list bullet as ``-`` in plain text (xml2rfc's
    text output: ``-  This field``) where its HTML draws it with CSS: such
    a ``-`` becomes ``\u2022``, which :func:`bullets` then treats as every
    drawn bullet. Proof that the ``-`` is drawn, not typed: the item hangs
    (the next line is blank, another such item at the same indent, or
    indented to the item's text column, never back under the dash), the
    dash is set off by two spaces or more (a typed ``- item`` has one), and
    there are two such items at least. A ``-`` that is one term of a
    definition list (nroff's tagged paragraphs: bash's parameter ``$-``
    under ``$`` and ``!``, its option ``-`` under ``--``) is a word and
    stays: another line of the page sets a term other than ``-`` at the
    same indent with its text at the same column.

    >>> dash_bullets("   -  a field\n      that wraps\n\n   -  another")
    '   \u2022 a field\n      that wraps\n\n   \u2022 another'
    >>> dash_bullets("x\n-  and then\nthe text goes on\n-  here too\nhere")
    'x\n-  and then\nthe text goes on\n-  here too\nhere'
    >>> dash_bullets("$   the PID\n-   the flags\n\n-   the option end")
    '$   the PID\n-   the flags\n\n-   the option end'
    """
    if "-  " not in text:
        return text
    lines = text.split("\n")
    terms = _term_columns(lines)
    items = [i for i, line in enumerate(lines)
             if _hanging_dash(lines, i) and _column(lines[i]) not in terms]
    if len(items) < 2:
        return text
    for i in items:
        lines[i] = _DASH_ITEM.sub("\\1\u2022 ", lines[i], count=1)
    return "\n".join(lines)


#: A line that starts with a term set off from its text by two spaces or more.
_TERM = re.compile(r"^([ ]*)(\S+)([ ]{2,})(?=\S)")


def _column(line: str) -> tuple[int, int] | None:
    """The indent of a term line and the column its text starts at."""
    match = _TERM.match(line)
    return None if match is None else (len(match.group(1)), match.end())


def _term_columns(lines: list[str]) -> frozenset[tuple[int, int]]:
    """Where the page sets a term other than ``-`` before its text."""
    found = (_TERM.match(line) for line in lines if line.lstrip(" ")[:1] not in ("", "-"))
    return frozenset((len(m.group(1)), m.end()) for m in found if m is not None)


def _hanging_dash(lines: list[str], i: int) -> bool:
    """Is line ``i`` a ``-`` list item whose text hangs (:func:`dash_bullets`)?"""
    match = _DASH_ITEM.match(lines[i])
    if match is None:
        return False
    if i + 1 == len(lines) or not lines[i + 1].strip():
        return True
    following = lines[i + 1]
    indent = len(following) - len(following.lstrip(" "))
    sibling = _DASH_ITEM.match(following)
    return indent == match.end() if sibling is None else indent == len(match.group(1))


_RUNS = re.compile(r"[ ]{2,}")


def line_space(text: str) -> str:
    """Trim every line and fold runs of spaces inside it: indentation and
    justification are layout.

    >>> line_space("  a   b  \\n   c")
    'a b\\nc'
    """
    if "  " not in text and not _edge_space(text):
        return text
    if CODE_LINE in text:
        return "\n".join(map(_code_line_space, text.split("\n")))
    # Runs never cross a line break, so folding them first and trimming the
    # lines after gives what trimming first would.
    return "\n".join(line.strip(" ") for line in _RUNS.sub(" ", text).split("\n"))


def _code_line_space(line: str) -> str:
    r""":func:`line_space` of one line; a code line (marked by the HTML
    ingester) keeps its indentation after the mark (canon/5: ``if a:`` over
    ``    b()`` is another program than over ``b()``).

    >>> _code_line_space(CODE_LINE + "    b(x,   y)  ") == CODE_LINE + "    b(x, y)"
    True
    """
    if not line.startswith(CODE_LINE):
        return _RUNS.sub(" ", line).strip(" ")
    body = line[1:]
    code = body.lstrip(" ")
    return CODE_LINE + body[:len(body) - len(code)] + _RUNS.sub(" ", code).rstrip(" ")


def _edge_space(text: str) -> bool:
    """Does a space start or end a line (``re.search("^ | $", text, re.M)``)?
    Asked by substring tests, which do not try a pattern at every character."""
    return text.startswith(" ") or text.endswith(" ") or "\n " in text or " \n" in text


_RULE = re.compile(r"^[ ]*(?:[-_=*~.\u00b7\u2022#+][ ]*){3,}$", re.MULTILINE)


#: Every rule line or inline rule holds three rule characters with only spaces between.
_RULE_HINT = re.compile(r"[-_=*~.\u00b7\u2022#+][ ]*[-_=*~.\u00b7\u2022#+][ ]*[-_=*~.\u00b7\u2022#+]")
#: A run of four or more of one rule character standing as a word. The test
#: that no non-space precedes it (``(?<!\S)`` before the run) is made after
#: its first character (``(?<!\S.)``), so the pattern starts with a character
#: class that the regex engine scans for instead of trying every position.
_INLINE_RULE = re.compile(r"([-_=*~#])(?<!\S.)\1{3,}(?!\S)")


def rules(text: str) -> str:
    """Drop lines that are only a drawn rule (``-----``, ``____``, ``* * *``):
    a page separator or footnote rule carries no words. A run of four or
    more of one rule character standing as a word (a heading's underline
    that HTML or unwrapping put beside its words) goes too, so that a rule
    is treated alike whether it has a line of its own or not.

    >>> rules("end.\\n-----\\nnext")
    'end.\\n\\nnext'
    >>> rules("Version 2.0 ===== 1. Definitions")
    'Version 2.0  1. Definitions'

    A line of a code block (marked by the HTML ingester) is code: kept,
    unless it is the border of a box the block draws (:func:`box_border`):
    plain text has no code blocks and drops that border as a rule, so the
    HTML drops it too.

    >>> m = CODE_LINE
    >>> rules(f"{m}+------+\\n{m}| Send |\\n{m}+------+\\n{m}# -----")
    '\\n\\ufdd0| Send |\\n\\n\\ufdd0# -----'

    canon/6: the leader dots of a table of contents' line (:func:`leaders`) go too.
    """
    if not _RULE_HINT.search(text):
        return text
    if _LEADER_HINT.search(text):
        text = leaders(text)
    if CODE_LINE not in text:
        return _drop_inline_rules(_drop_rule_lines(text))
    lines = text.split("\n")
    return "\n".join(_code_rule(lines, i) if line.startswith(CODE_LINE)
                     else _INLINE_RULE.sub("", _RULE.sub("", line))
                     for i, line in enumerate(lines))


#: Four dots with at most one space between each two: where a leader may be.
_LEADER_HINT = re.compile(r"\.[ ]?\.[ ]?\.[ ]?\.")
#: A leader: a run of four dots or more (single spaces allowed between them)
#: after a line's text (or at its start), before a page number (one to four
#: digits, or a lower-case roman numeral) that ends the line.
_LEADER = re.compile(r"(?:^|(?<=\S))[ ]*(?:\.[ ]?){4,}[ ]*(?=(?:\d{1,4}|[ivxlc]{1,7})[ ]*$)", re.MULTILINE)


def leaders(text: str) -> str:
    """A table of contents' leader dots become one space (canon/6): nroff
    draws ``Introduction ....4``, xml2rfc ``Introduction . . . .  4`` and a
    typesetter its own dots; they guide the eye to the page number and say
    nothing. Only in a line that ends with a page number right after the
    dots; three dots (an ellipsis), dots with no number after them, dotted
    numbers (``1.2.3.4.5``) and a code line stay.

    >>> leaders("1.  Introduction . . . . . .  4\\n1. Introduction ......4\\nPreface ..... iv")
    '1.  Introduction 4\\n1. Introduction 4\\nPreface iv'
    >>> leaders("Wait... 4\\nso on.... and 4 more\\nsee 1.2.3.4.5")
    'Wait... 4\\nso on.... and 4 more\\nsee 1.2.3.4.5'
    """
    pieces: list[str] = []
    last = 0
    for hint in _LEADER_HINT.finditer(text):
        if hint.start() < last:
            continue  # on a line already done
        start = text.rfind("\n", 0, hint.start()) + 1
        end = text.find("\n", hint.end())
        end = len(text) if end < 0 else end
        line = text[start:end]  # the pattern never crosses a line: only the lines with a hint are tried
        pieces += (text[last:start], line if line.startswith(CODE_LINE) else _LEADER.sub(" ", line))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _code_rule(lines: list[str], i: int) -> str:
    """Code line ``i``, or nothing if it is a box's border (:func:`box_border`)."""
    return "" if box_border(lines, i) else lines[i]


def _code_text(line: str) -> str:
    return line[1:].strip(" ") if line.startswith(CODE_LINE) else ""


def box_border(lines: list[str], i: int) -> bool:
    """Is code line ``i`` the top, bottom or inner border of a drawn box: a
    rule line (:data:`_RULE`) with a ``+`` corner, next to a code line of the
    same block that is a box's row (starts and ends with ``|``)? RFC
    artwork, packet diagrams and grid tables draw them so
    (``+-----+`` over ``| Send |``). The proof asks for both the corner and
    the side: a rule alone in code (``# -----``, a YAML ``---``, psql's
    ``----+----`` under `` id | name``) is code and stays."""
    border = _code_text(lines[i])
    if "+" not in border or not _RULE.fullmatch(border):
        return False
    rows = (_code_text(lines[j]) for j in (i - 1, i + 1) if 0 <= j < len(lines))
    return any(len(row) > 1 and row.startswith("|") and row.endswith("|") for row in rows)


#: A rule line's content, tried on the lines that start like one.
_RULE_LINE = re.compile(r"[ ]*(?:[-_=*~.\u00b7\u2022#+][ ]*){3,}")
#: A line (after the first) that starts like a rule line: spaces, then a rule
#: character. Led by the line break, a literal the regex engine scans for,
#: where a hint (three rule characters) is tried at every full stop and
#: hyphen of the text.
_RULE_LINE_START = re.compile(r"\n(?=[ ]*[-_=*~.\u00b7\u2022#+])")


def _drop_rule_lines(text: str) -> str:
    """``_RULE.sub("", text)``, tried only on the first line and on the
    lines that start like a rule line (every line the multiline pattern
    matches does): the multiline ``^`` of the pattern was tried at every
    character of the text (tests/test_steps_equivalence.py keeps the
    pattern as the reference)."""
    pieces: list[str] = []
    last = 0
    for start in chain((0,), map(_END, _RULE_LINE_START.finditer(text))):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if _RULE_LINE.fullmatch(text, start, end):
            pieces.append(text[last:start])
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_END = re.Match.end
#: Every match of :data:`_INLINE_RULE` holds one of these (a run of four of one character).
_INLINE_RUNS = tuple(c * 4 for c in "-_=*~#")


def _drop_inline_rules(text: str) -> str:
    """``_INLINE_RULE.sub("", text)``, asked first by substring tests, which
    do not stop at every hyphen of the text as the pattern's first class does."""
    if not any(map(text.__contains__, _INLINE_RUNS)):
        return text
    return _INLINE_RULE.sub("", text)


def rule_paragraphs(text: str) -> str:
    r"""Drop paragraphs that became a rule once their lines were joined
    (``* *`` over ``*``): the same test as :func:`rules`, after unwrapping,
    so that canonicalisation stays idempotent.

    >>> rule_paragraphs("end.\n\n* * *\n\nnext")
    'end.\n\nnext'
    """
    if not _RULE_HINT.search(text) or not _may_hold_rule_paragraph(text):
        return text  # a rule paragraph holds a hint, and starts like a rule line
    return "\n\n".join(p for p in text.split("\n\n") if not _RULE.fullmatch(p))


#: A paragraph (after the first) that starts like a rule line.
_RULE_PARAGRAPH_START = re.compile(r"\n\n(?=[ ]*[-_=*~.\u00b7\u2022#+])")


def _may_hold_rule_paragraph(text: str) -> bool:
    """Might a paragraph of ``text`` (split at blank lines) be a rule line?
    Such a paragraph is one line that starts the text or follows a
    ``\\n\\n`` and starts like a rule line: only those lines are tried (a
    superset of the paragraphs :func:`rule_paragraphs` drops; if one is a
    rule line, the paragraphs are split and tried as before)."""
    for start in chain((0,), map(_END, _RULE_PARAGRAPH_START.finditer(text))):
        end = text.find("\n", start)
        if _RULE_LINE.fullmatch(text, start, len(text) if end < 0 else end):
            return True
    return False


#: The characters that may follow a mark in the token it ends: more marks,
#: closing brackets and quotes (``more.)``, ``said."``, ``arg...``).
_TAIL = ",.;:!?)\\]}\"'"
#: Not after a mark that already ends a word's punctuation: ``decimal. ?`` is
#: a sentence and then the token ``?``, whatever line or paragraph it is on.
#: Only before a mark that *ends* a token (what follows it up to the next
#: space or line end is more marks or closing brackets and quotes): a mark
#: that begins one (``.NET``, ``.5``, ``?Sized``, ``,.000001``) keeps its
#: space, or two different word streams (``the .NET``, ``the.NET``) would
#: become one. The rule as a pattern; :func:`spacing` applies it from the
#: closers (:func:`_drop_spaces_before_closers`, tested to agree with it).
_BEFORE_CLOSER = re.compile(rf"(?<![ {CODE_LINE}])[ ]+(?=[,.;:)\]}}][{_TAIL}]*(?:[ \n]|\Z))"
                            rf"|(?<![ .,;:!?{CODE_LINE}])[ ]+(?=[!?][{_TAIL}]*(?:[ \n]|\Z))")
#: What ends a token after a mark at once: a space, a line break, the text's end.
_TOKEN_GAPS = (" ", "\n", "")
#: The rest of a token that a mark ends, matched from the mark.
_TOKEN_END = re.compile(rf"[{_TAIL}]*(?:[ \n]|\Z)")
#: Spaces after an opening bracket, matched from the bracket: a pattern that
#: starts with a lookbehind is tried at every character, one that starts
#: with a character class is scanned for.
_AFTER_OPENER = re.compile(r"[(\[{][ ]+")
#: The characters that may stand before an opening bracket in the token it
#: begins: more opening brackets and quotes (``"(see``, ``([x``).
_HEAD = "([{\"'"
#: What stands before a token's first character: a space, a line break, or
#: the mark of a code line (the HTML ingester's, taken out at the end).
_LINE_START = " \n" + CODE_LINE
#: A mark that begins a token (:data:`_TOKEN_END` does not follow it).
_BEGINS_TOKEN = re.compile(rf"[,.;:!?)\]}}][{_TAIL}]*[^{_TAIL} \n]")


def spacing(text: str) -> str:
    """Uniform spacing around punctuation: no space before a comma, full stop,
    colon, semicolon, closing bracket, nor after an opening one. Inline markup
    and word-placed PDF text put spaces there that the document never had.

    A ``?`` or ``!`` after a mark that ends a sentence or a clause
    (``decimal. ?``, ``(. !n``: a shell's parameters and history marks) is a
    token of its own: gluing it would make the word stream
    depend on whether a paragraph break fell between them, which differs
    between renderings.

    >>> spacing("the SCO ( Shanghai ) , and ; more .")
    'the SCO (Shanghai), and; more.'
    >>> spacing("in decimal. ? ($?) the shopt builtin, (. !n [arg. . .]")
    'in decimal. ? ($?) the shopt builtin, (. !n [arg...]'

    The space goes only where the mark ends a token, and after a bracket
    only where the bracket begins one: ``the .NET``, ``3 .5``, ``x ?y``,
    ``f( x`` are other words than ``the.NET``, ``3.5``, ``x?y``, ``f(x``.

    >>> spacing("the .NET runtime, 3 .5 mg, *mut ?Sized, f( x ) and ( y )")
    'the .NET runtime, 3 .5 mg, *mut ?Sized, f( x) and (y)'
    """
    if _SPACE_THEN_CLOSER.search(text):
        text = _drop_spaces_before_closers(text)
    if _AFTER_OPENER.search(text):
        text = _drop_spaces_after_openers(text)
    return text


#: A closer with a space just before it: where ``_BEFORE_CLOSER`` has work.
#: Found from the closer (a character class the engine scans for, the space
#: checked behind it), where ``_BEFORE_CLOSER`` tries every space.
_SPACE_THEN_CLOSER = re.compile(r"[,.;:!?)\]}](?<= .)")


def _drop_spaces_before_closers(text: str) -> str:
    """``_BEFORE_CLOSER.sub("", text)``, found from the closers: the run of
    spaces before a closer goes whole or not at all (before ``!`` or ``?``
    only when no mark that ends a word's punctuation precedes the run; never
    before a closer that begins a token). The pattern tried every space of
    the text; this looks at each closer that has a space before it and walks
    back over its run (tests/test_steps_equivalence.py keeps the pattern as
    the reference)."""
    pieces: list[str] = []
    last = 0
    for match in _SPACE_THEN_CLOSER.finditer(text):
        end = match.start()
        start = end - 1
        while start and text[start - 1] == " ":
            start -= 1
        if match.group() in "!?" and start and text[start - 1] in ".,;:!?":
            continue
        if start and text[start - 1] == CODE_LINE:
            continue  # a code line's indentation (canon/5): ``    }`` keeps it
        if text[end + 1:end + 2] not in _TOKEN_GAPS and not _TOKEN_END.match(text, end + 1):
            continue  # the mark begins a token (a space or the end after it is the usual case)
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _drop_spaces_after_openers(text: str) -> str:
    """Drop the spaces after an opening bracket that begins a token (what
    stands before it back to a space or the line start, a code line's too,
    is opening brackets and quotes), unless a mark that begins a token follows them (``( .5``):
    ``f( x`` is another word stream than ``f(x``, as ``x ?y`` is than
    ``x?y`` (tests/test_steps_equivalence.py keeps a pattern as the reference)."""
    pieces: list[str] = []
    last = 0
    for match in _AFTER_OPENER.finditer(text):
        head = match.start()
        while head and text[head - 1] in _HEAD:
            head -= 1
        if head and text[head - 1] not in _LINE_START:
            continue
        if _BEGINS_TOKEN.match(text, match.end()):
            continue
        pieces.append(text[last:match.start() + 1])
        last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_BULLET = re.compile(r"^[\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013] +(?=\S)",
                     re.MULTILINE)
_NROFF_BULLET = re.compile(r"^o +(?=\S)", re.MULTILINE)
#: ``_BULLET`` after a line break, found from the break (a literal the regex
#: engine scans for); the text's first line is matched at its start alone.
#: The same matches, without trying the multiline ``^`` at every character
#: (tests/test_steps_equivalence.py).
_BULLET_AFTER_BREAK = re.compile(
    "\n[\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013] +(?=\\S)")
_NROFF_BULLET_AFTER_BREAK = re.compile(r"\no +(?=\S)")


def _drop_at_line_starts(text: str, first: re.Pattern[str], after_break: re.Pattern[str]) -> str:
    """``text`` without the matches of a multiline pattern led by ``^``
    (``first``, tried at the start alone), found as ``after_break``, the
    same pattern led by a line break (which stays)."""
    start = first.match(text)
    if start is not None:
        text = text[start.end():]
    return after_break.sub("\n", text)


def bullets(text: str) -> str:
    r"""Drop the bullet symbol that starts a list item's paragraph: HTML draws
    it (``<li>``) and puts no character in the text, a PDF shows ``•``, an
    nroff text rendering ``o``. Typed ASCII markers (``-``, ``*``, ``1.``)
    are the author's text and stay. ``o`` counts as a bullet only where two
    paragraphs or more start with it (a list), never alone.

    >>> bullets("Restricted:\n\n\u2022 changing directories\n\n\u2022 setting PATH")
    'Restricted:\n\nchanging directories\n\nsetting PATH'
    >>> bullets("o changing directories\n\no setting PATH")
    'changing directories\n\nsetting PATH'
    >>> bullets("o what a night")
    'o what a night'
    """
    if not text.isascii():  # every bullet symbol is outside ASCII
        text = _drop_at_line_starts(text, _BULLET, _BULLET_AFTER_BREAK)
    if (text.startswith("o ") or "\no " in text) and (
            bool(_NROFF_BULLET.match(text)) + len(_NROFF_BULLET_AFTER_BREAK.findall(text)) >= 2):
        text = _drop_at_line_starts(text, _NROFF_BULLET, _NROFF_BULLET_AFTER_BREAK)
    return text
