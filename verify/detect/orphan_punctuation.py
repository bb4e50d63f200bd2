"""``damage.orphan_punctuation``: a comma, semicolon or colon with nothing
before it: at the start of a paragraph, or straight after a full stop
(``summit. , scheduled``, which canonical spacing writes ``summit.,``).

A full stop that closes an abbreviation may take a comma (``etc.,``,
``U.S.,``, ``Inc.;``, ``per cent.,``), so may a Roman ordinal (``Henry
VIII., and``) and a number cited after an abbreviation (``Vol. I., p. 69.,
the``), as older books write them; and so may a name that ends in ``!`` or ``?``
(``Yahoo!,``). A colon that is part of the word before it (``obj:, fun:,
or src:`` lists prefixes; ``file:`` beside ``file:///``) and the semicolon
of a character entity (``&amp;, &lt;``) may take a comma too.

>>> [dict(f.evidence)["marks"] for f in detect("at the next SCO summit., scheduled")]
['.,']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from verify.detect._text import finding, in_code_line, in_code_span, is_abbreviation, paragraphs_with
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.orphan_punctuation",)

# After a full stop, the mark is orphaned when the sentence goes on in lower
# case (``summit., scheduled``); ``file.:`` before a new field or the end of
# a paragraph is a slip of the original, not a sentence cut in two.
_AFTER_STOP_RE = re.compile(r"(\S*?)(\.)(\s*)([,;:])(?=\s+[a-z]+(?![\w:/.@-]))")
# ``::`` (C++ scopes, IPv6) and ``;;`` (shell) are code when written together.
_DOUBLED_RE = re.compile(r"(?:([,;:])(\s*)([,;:])(?<!::)(?<!;;)|([,;:])(\s+)(\4))(?=\s|$)")
_LEADING_RE = re.compile(r"^[,;:](?=\s|$)")
_ENTITY_END_RE = re.compile(r"&#?\w+;\Z")
_PREFIX_END_RE = re.compile(r"(?<![^\s(])([\w-]+):\Z")
# ``obj:, fun:,``: prefixes listed; ``obj:libc``, ``file:///``: a prefix in use.
_PREFIX_LIST_RE = re.compile(r"(?<![^\s(])[\w-]+:,")
_PREFIX_USE_RE = re.compile(r"(?<![^\s(])([\w-]+):(?=[^\s,;:])")


@functools.lru_cache(maxsize=4)
def _prefixes(text: str) -> frozenset[str]:
    """Words the text writes as a prefix in use (``obj:libc``, ``file:///``)."""
    return frozenset(m.group(1) for m in _PREFIX_USE_RE.finditer(text))


# A capitalised word of two or three letters: an abbreviation before its comma.
_SHORT_NAME_RE = re.compile(r"(?:^|-)[A-Z][a-z]{1,2}$")
# Code or a list of symbols around a doubled mark: a statement's end after
# ``)`` or a quote (``== 255);:``), or the next item a symbol (``;, &, &&``).
_CODE_BEFORE_RE = re.compile(r"[)'][;,]\Z")
_SYMBOL_AFTER_RE = re.compile(r"\s+[^\w\s]+(?:,|\s|$)")


def _is_symbol_list(para: str, match: re.Match[str]) -> bool:
    """The doubled mark stands in code or in a list of symbols: the marks
    are items, not punctuation left alone (``the operators ;, &, &&, or ||``).

    >>> m = _DOUBLED_RE.search("one of the operators;, &, &&, or ||")
    >>> _is_symbol_list("one of the operators;, &, &&, or ||", m)
    True
    """
    if _CODE_BEFORE_RE.search(para, 0, match.start() + 1):
        return True
    return _SYMBOL_AFTER_RE.match(para, match.end()) is not None


def _belongs_to_token(para: str, start: int, listed: bool, prefixes: Callable[[], frozenset[str]]) -> bool:
    """The first mark at ``start`` is part of the token before it: the
    semicolon that closes a character entity (``&amp;, &lt;``), or the colon
    of a prefix the text names (``obj:, fun:, or src:``; ``file:`` beside
    ``file:///``), which may take a comma.

    ``prefixes`` gives the text's prefixes in use: it is called only when a
    colon closes a word (reading them scans the whole text).

    >>> _belongs_to_token("replaces &amp;, &lt;", 13, False, frozenset)
    True
    >>> _belongs_to_token("the members:, the", 11, False, frozenset)
    False
    """
    before = para[: start + 1]
    if _ENTITY_END_RE.search(before):
        return True
    prefix = _PREFIX_END_RE.search(before)
    return prefix is not None and (listed or prefix.group(1) in prefixes())
# What every match of the three patterns above holds, found in one scan of
# the text: the paragraphs without it are not read (``_AFTER_STOP_RE``
# tries every word as a start).
# It starts with the mark itself, not a look-ahead, so the engine skips to the
# next full stop or mark at once instead of trying every offset; where a
# match starts is all ``paragraphs_with`` reads, and that is the same.
_ANY_MARK_RE = re.compile(r"[.,;:](?:[^\S\n]*[,;:]|(?<=^[,;:]))", re.MULTILINE)


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs_with(text, _ANY_MARK_RE):
        for match in _AFTER_STOP_RE.finditer(para.text):
            word = match.group(1)
            if not word or not word[-1].isalnum() or is_abbreviation(word + "."):
                continue
            if match.group(2) == "." and match.start(2) > 0 and para.text[match.start(2) - 1] == ".":
                continue
            if word.isupper() and len(word) <= 3:
                continue  # a state or a unit abbreviated: "Bismarck, ND., USA"
            if _ROMAN_RE.fullmatch(word) or _cited_number(para.text, match.start(1), word):
                continue  # "Henry VIII., and", "Tome II., p. 29., are"
            if _SHORT_NAME_RE.search(word):
                continue  # a place or a party abbreviated: "Monroe, La., on", "R-Neb., called"
            if _state_after_place(para.text, match.start(1), word):
                continue  # "from Boston, Mass., went"
            findings.append(
                _finding(
                    text,
                    para.start + match.start(2),
                    para.start + match.end(4),
                    match.group(2) + match.group(4),
                )
            )
        listed = len(_PREFIX_LIST_RE.findall(para.text)) >= 2
        for match in _DOUBLED_RE.finditer(para.text):
            if _belongs_to_token(para.text, match.start(), listed, lambda: _prefixes(text)):
                continue
            at = para.start + match.start()
            if in_code_span(text, at) or in_code_line(text, at) or text[at - 1 : at] == "[":
                continue  # code: "``b[:, np.newaxis]``", a slice, "reshape(x,:, size(x, 4)), x -> ..."
            if _is_symbol_list(para.text, match):
                continue
            marks = match.group(1) + match.group(3) if match.group(1) else match.group(4) * 2
            findings.append(_finding(text, para.start + match.start(), para.start + match.end(), marks))
        leading = _LEADING_RE.match(para.text)
        if leading and not (leading.group() == ":" and _defines(text, para.start)):
            findings.append(_finding(text, para.start, para.start + 1, leading.group()))
    return findings


# A definition list's definition (pandoc, PHP Markdown Extra, kramdown):
# ``term`` on its own, then ``: what it means``, the two maybe a blank line apart.
_DEFINITION_RE = re.compile(r"^:[^\S\n]", re.MULTILINE)
_TERM_END_RE = re.compile(r"[.!?,;:]\Z")


@functools.lru_cache(maxsize=4)
def _definitions(text: str) -> int:
    """How many lines of the text begin as a definition (``: ...``)."""
    return len(_DEFINITION_RE.findall(text))


def _defines(text: str, start: int) -> bool:
    r"""The colon that leads the paragraph at ``start`` marks a definition of a
    Markdown definition list: the text writes two or more such lines, and the
    line before is a term (eight words at most, no closing punctuation).

    >>> t = "**formula**\n\n: a package definition\n\n**keg**\n\n: an installed version"
    >>> _defines(t, t.index(": a")), _defines("It met.\n\n: then\n\n: it ended", 9)
    (True, False)
    """
    if _definitions(text) < 2:
        return False
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    term = text[text.rfind("\n", 0, end) + 1:end]
    return 0 < len(term.split()) <= 8 and not _TERM_END_RE.search(term)


_ROMAN_RE = re.compile(r"[IVXLC]+")
# The longer abbreviations of the states of the USA (two and three letters
# are quiet as any short name is), as older books write them after a town.
# fmt: off
_STATES = frozenset(
    {"Ariz", "Calif", "Colo", "Conn", "Mass", "Mich", "Minn", "Miss", "Mont", "Okla", "Penn",
     "Tenn", "Wash", "Wisc", "Kans", "Nebr", "Oreg", "Wyo", "Dak", "Ind", "Ill"}
)
# fmt: on


def _state_after_place(para: str, start: int, word: str) -> bool:
    """``word`` (at ``start``) is a state abbreviated after a town and its
    comma (``Andover, Mass., and``), whose full stop takes the sentence's comma.

    >>> _state_after_place("born at Andover, Mass., and", 17, "Mass")
    True
    >>> _state_after_place("went to Mass., and", 8, "Mass")
    False
    """
    return word in _STATES and para[:start].rstrip().endswith(",")


def _cited_number(para: str, start: int, word: str) -> bool:
    """``word`` (at ``start``) is a number after an abbreviation: a page or
    a volume cited (``p. 69.,``), whose full stop an older book may follow
    with a comma.

    >>> _cited_number("Vol. I., p. 69., the", 12, "69")
    True
    >>> _cited_number("in the year 1969., the", 12, "1969")
    False
    """
    before = para[:start].split()
    return word.isdigit() and bool(before) and before[-1].endswith(".") and is_abbreviation(before[-1])


def _finding(text: str, start: int, end: int, marks: str) -> Finding:
    return finding(
        text,
        "damage.orphan_punctuation",
        "warning",
        f"punctuation {marks!r} with nothing before it",
        start,
        end,
        {"marks": marks},
    )
