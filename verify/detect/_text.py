"""Small helpers every detector shares: turning a span into a finding, and
cutting canonical text into paragraphs, sentences and words.

Nothing here decides what is wrong; it only says where things are.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from verify.model import Finding, Severity, Span

# Lower-case abbreviations that end in a full stop without ending a sentence.
# fmt: off
ABBREVIATIONS = frozenset(
    {
        "al", "approx", "art", "c", "ca", "cf", "ch", "co", "col", "comp", "corp", "dept", "dr",
        "ed", "eds", "eg", "e.g", "esp", "est", "et", "etc", "fig", "figs", "gen", "govt", "ie",
        "i.e", "inc", "incl", "jr", "lt", "ltd", "mr", "mrs", "ms", "mt", "no", "nos", "op", "p",
        "para", "paras", "pp", "prof", "pt", "resp", "rev", "sec", "sect", "sr", "st", "sq",
        "vol", "vols", "vs", "viz", "var", "sp", "spp", "ssp", "subsp", "cv", "nr", "ref",
        "refs", "min", "max", "hr", "hrs", "seq", "sqq", "ibid", "cit", "loc", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "plc", "llc", "bros",
        "sep", "sept", "oct", "nov", "dec",
        # titles and usages of older books: "per cent., while", "Supt. of Schools",
        # "Mme. de B----", "Messrs. Ellis", "the Bp. of Coutances", "MSS. in"
        "cent", "supt", "mme", "mlle", "messrs", "mss", "bp", "esq", "capt", "lieut", "hon",
        # "&c." is "etc." in older books: "Elks, Deer, &c., to the end"
        "&c",
    }
)
# fmt: on


def locate(text: str, start: int) -> tuple[int, int, str]:
    """Return the 1-based ``(line, column)`` of offset ``start`` and its line.

    >>> locate("one\\n\\ntwo three", 9)
    (3, 5, 'two three')
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    line = bisect.bisect_right(_newlines(text), start - 1) + 1
    return line, start - line_start + 1, text[line_start:line_end]


@functools.lru_cache(maxsize=4)
def _newlines(text: str) -> tuple[int, ...]:
    """Offsets of the line breaks of ``text``, found once for all its findings
    (counting them again for each finding made linting quadratic)."""
    return tuple(m.start() for m in re.finditer("\n", text))


def finding(
    text: str,
    code: str,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """Build a :class:`Finding` for ``text[start:end]``.

    Evidence is stored as key-sorted pairs so that equal findings compare and
    serialise equally.
    """
    line, column, snippet = locate(text, start)
    pairs = tuple(sorted((evidence or {}).items()))
    return Finding(
        code=code,
        severity=severity,
        message=message,
        span=Span(start, end),
        line=line,
        column=column,
        snippet=snippet,
        evidence=pairs,
    )


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a canonical text and its offset in that text."""

    index: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def paragraphs(text: str) -> Iterator[Paragraph]:
    """Yield the non-empty lines of ``text`` with their offsets.

    Canonical text has one paragraph per line; a raw text that still has hard
    line breaks is read one line at a time, which is what a detector that
    looks at "a line" wants anyway.
    """
    return iter(_paragraphs(text))


@functools.lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The paragraphs of ``text``, cut once for all the detectors that read it."""
    found: list[Paragraph] = []
    for match in _LINE_RE.finditer(text):
        if match.group().strip():
            found.append(Paragraph(len(found), match.start(), match.group()))
    return tuple(found)


_LINE_RE = re.compile(r"[^\n]+")


def paragraphs_with(text: str, mark: re.Pattern[str]) -> list[Paragraph]:
    """The paragraphs of ``text`` that hold ``mark``: a cheap pattern that a
    detector's own needs (a digit after a letter, a full stop before a
    capital), found in one scan of the text, so that the detector's costlier
    patterns read only those paragraphs.

    >>> [p.text for p in paragraphs_with("a1 b\\n\\nno\\n\\nc2", re.compile("[a-z][0-9]"))]
    ['a1 b', 'c2']
    """
    paras = _paragraphs(text)
    starts = _starts(text)
    chosen: list[Paragraph] = []
    match = mark.search(text)
    while match:
        i = bisect.bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < paras[i].end:
            chosen.append(paras[i])
            match = mark.search(text, paras[i].end)  # the rest of this paragraph is not needed
        else:
            match = mark.search(text, match.start() + 1)
    return chosen


@functools.lru_cache(maxsize=4)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(p.start for p in _paragraphs(text))


def in_code_span(text: str, i: int) -> bool:
    """Offset ``i`` stands inside a Markdown or reStructuredText code span,
    or on its closing backtick: an odd number of runs of backticks stands
    before it in its paragraph (``the `Uint8Array`s``, ````git help help````).

    >>> in_code_span("the `Uint8Array`s", 15), in_code_span("run ``git help help``", 12)
    (True, True)
    >>> in_code_span("`a` and a state`s", 15)
    False
    """
    start = text.rfind("\n\n", 0, i) + 1
    return len(_TICKS_RE.findall(text, start, i)) % 2 == 1 or in_fenced_block(text, i)


_TICKS_RE = re.compile(r"`+")


def in_fenced_block(text: str, i: int) -> bool:
    """Offset ``i`` stands inside a Markdown fenced block whose fences the
    text still writes (a Franklin page keeps ```` ```julia ... end ``` ````
    as text, its lines unwrapped into paragraphs): the fences, taken in
    pairs from the start, enclose it. A text with an odd number of fences
    is not read this way (one stray fence would silence all the rest).

    >>> text = "```julia for i in x end end ``` An an example"
    >>> in_fenced_block(text, 23), in_fenced_block(text, 34)
    (True, False)
    """
    fences = _fences(text)
    if not fences or len(fences) % 2:
        return False
    return bisect.bisect_right(fences, i) % 2 == 1


@functools.lru_cache(maxsize=4)
def _fences(text: str) -> tuple[int, ...]:
    """Where each run of three or more backticks starts."""
    return tuple(m.start() for m in _FENCE_RE.finditer(text))


_FENCE_RE = re.compile(r"`{3,}")


def is_abbreviation(word: str) -> bool:
    """True when ``word`` (without its full stop) is a known abbreviation or
    a single letter, as in ``e.g.``, ``Fig.``, ``U.S.``."""
    bare = word.lower().rstrip(".")
    return len(bare) <= 1 or bare in ABBREVIATIONS or "." in bare


def in_code_line(text: str, i: int) -> bool:
    """Offset ``i`` stands on a line of code that no markup marks as code
    (an indented or unfenced block, which the profile unwraps into one
    line): the line holds at least two kinds of the signs code writes and
    prose does not (``:=``, braces, a ``//`` comment, an empty call ``()``,
    ``!=``, ``==``, ``->``, ``=>``, ``&&``, a ``;`` ending a statement, an
    argument taken by address ``(&x``, an update ``s += x``, a method call
    ``pattern.match(line``, an index ``a[k,i]``, a command's option
    ``--rm``, a shell variable ``$PWD`` or an interpolation ``${a}``), within 80 characters of it.

    >>> in_code_line("var buf bytes.Buffer if err := md.Render(&buf); err != nil {", 10)
    True
    >>> in_code_line("See https://example.com/a{b} or the members agreed.The list", 40)
    False
    """
    start = max(text.rfind("\n", 0, i) + 1, i - _CODE_REACH)
    end = text.find("\n", i)
    end = min(len(text) if end == -1 else end, i + _CODE_REACH)
    kinds = {m.lastgroup for m in _CODE_SIGN_RE.finditer(text, start, end)}
    return len(kinds) >= 2


#: How far either side of an offset its line is read for code signs: a
#: release-notes page unwrapped into one long line holds code somewhere, and
#: prose elsewhere ("defined in in <valgrind/valgrind.h>" is a slip).
_CODE_REACH = 80


_CODE_SIGN_RE = re.compile(
    r"(?P<assign>:=)|(?P<brace>[{}])|(?P<comment>(?<![:/])//(?!/))|(?P<call>\w\(\))"
    r"|(?P<compare>[!=]=)|(?P<arrow>->|=>)|(?P<and>&&|\|\|)|(?P<statement>\);|;$)|(?P<address>\(&\w)"
    r"|(?P<augment>\w[ \t]*[-+*/]=[ \t]*\w)|(?P<method>[A-Za-z_]\w*\.[A-Za-z_]\w*\(\w)"
    r"|(?P<index>[A-Za-z_]\w*\[[A-Za-z_]\w*(?:,[ \t]*\w+)*\])|(?P<option>(?<=[ \t])--?[a-z][\w-]*(?=[ \t]))"
    r"|(?P<variable>\$[A-Z_]{2,}\b|\$[({])"
)
