"""``damage.footnote_marker`` and ``damage.footnote_text``: footnote numbers
glued to words (``members.7``, ``CHINA1``) and footnote bodies left in the
running text (``1 Originally issued as annex II ...``).

A number straight after a word's final full stop, comma or semicolon
(``members.7``), where a sentence ends (a capital or the end of the
paragraph follows), is a marker only with **footnote evidence**: the text
holds the footnote's body (a paragraph that starts with the number), or
the number is one of a sequence of such markers (``members.7`` ...
``members.8`` ... ``Russia.9``: footnotes are numbered in order). One
number glued to a word in technical text is a version, a section or a
manual page (``POSIX.2``, ``xsltproc.1 Improvements``), and after a colon
a number is a value (``mach:43``, ``DLmw:1``). ``see pathconf.3 for`` and
``man2/acct.2`` are man-page and file names, and so is every ``name.N`` of
a paragraph that lists three or more of them; a word in capitals before
``.N`` is a standard's part or a version (``POSIX.1``, ``POSIX.2``).

A number glued to a word (``CHINA1``) could be a name (``HTML5``,
``COVID19``, ``XFREE86``), so it is reported only when the text also holds
the footnote body with that number after it (prose, not a numbered row of a
table), or when it is one digit inside a heading written in capitals that
goes on in words (``ARG1 ==`` is code). A footnote the canonicaliser
separated (``[^1] ...``) is not damage.

>>> [dict(f.evidence)["number"] for f in detect("members.7 The SCO members.8 According")]
[7, 8]
>>> detect("potential members.7 The admission")
[]
>>> detect("see pathconf.3 for the limits")
[]
"""

from __future__ import annotations

import functools
import re

from verify.detect._text import Paragraph, finding, paragraphs, paragraphs_with
from verify.detect.acronyms import shouted_ranges
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.footnote_marker", "damage.footnote_text")

_AFTER_PUNCT_RE = re.compile(
    r"(?<![\w./@-])([^\W\d_]{2,}[.,;])(\d{1,2})(?=\s+[A-Z\"“(]|\s+\d{1,3}\.(?:\s|$)|$)"
)
# A word in capitals before ``.N``: a standard's part or a version (``POSIX.2``).
_CAPITALS_RE = re.compile(r"[^\W\d_a-z]{2,}\.")
# ``name.N`` followed by lower case or another name: a list of files or man pages.
_FILE_NAME_RE = re.compile(r"(?<!\S)\S*\w\.\d(?=\s+[a-z_./]|,)")
#: A paragraph naming this many ``name.N`` files or man pages is a list of them.
_FILE_LIST = 3
_GLUED_RE = re.compile(r"(?<![\w-])([A-Z]{3,}|[a-z]{4,})(\d{1,2})(?![\w-])")
# What every marker holds: a digit after a letter's punctuation, or after a letter.
# Each starts with its rarer sign (the mark, the digit) and looks back for the
# letter: the engine skips to the next mark or digit at once instead of
# stopping at every letter, and a match stands in the same paragraph as the
# plain ``[^\W\d_][.,;]\d`` and ``[A-Za-z]\d`` would (all ``paragraphs_with`` reads).
_AFTER_HINT_RE = re.compile(r"[.,;](?<=[^\W\d_][.,;])\d")
_GLUED_HINT_RE = re.compile(r"\d(?<=[A-Za-z]\d)")
_BODY_RE = re.compile(r"(\d{1,2})\s+[A-Z][a-z]")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
# After a marker in a heading the heading or a sentence goes on (``CHINA1 I
# have the honour``); an operator after it makes it code (``ARG1 ==``).
_HEADING_GOES_ON_RE = re.compile(r"\s+[^\W\d_]|\s*$")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    bodies = _bodies(text)
    findings = []
    numbers: set[int] = set()
    candidates: list[tuple[int, re.Match[str]]] = []
    for para in paragraphs_with(text, _GLUED_HINT_RE):
        glued = list(_GLUED_RE.finditer(para.text))
        shouted = shouted_ranges(para.text) if glued else ()
        for match in glued:
            number = int(match.group(2))
            in_heading = any(a <= match.start() < b for a, b in shouted) and bool(
                _HEADING_GOES_ON_RE.match(para.text, match.end())
            )
            evidence = _body_after(bodies, number, para.start + match.end()) or (in_heading and number < 10)
            if evidence and match.group(1) not in _numbered_families(text):
                numbers.add(number)
                findings.append(_marker(text, para.start, match, match.group(2), "glued to a word"))
    for para in paragraphs_with(text, _AFTER_HINT_RE):
        candidates += ((para.start, m) for m in _after_punctuation(para.text))
    for offset, match in _with_evidence(candidates, bodies):
        numbers.add(int(match.group(2)))
        findings.append(_marker(text, offset, match, match.group(2), "after punctuation"))
    findings += _inline_bodies(text, numbers, bodies)
    for number, para in sorted(bodies.items()):
        if number in numbers:
            findings.append(
                finding(
                    text,
                    "damage.footnote_text",
                    "note",
                    f"the text of footnote {number} stands in the running text",
                    para.start,
                    para.end,
                    {"number": number},
                )
            )
    return findings


def _after_punctuation(para: str) -> list[re.Match[str]]:
    """Candidate markers after a word's full stop, comma or semicolon, less
    the names of a list of files and the parts of standards (``POSIX.2``)."""
    found = list(_AFTER_PUNCT_RE.finditer(para))
    if found and len(_FILE_NAME_RE.findall(para)) >= _FILE_LIST:
        found = [m for m in found if m.group(1)[-1] != "."]
    return [m for m in found if not _CAPITALS_RE.fullmatch(m.group(1))]


def _bodies(text: str) -> dict[int, Paragraph]:
    """Paragraphs that read as a footnote's body: a number, then prose of
    four words or more, most of them in lower case (``1 Originally issued as
    annex II to document A/60/973.``). A numbered row of a table or of a
    list of names (``1 Foo Bar``) is not one. The last body of each number."""
    return {
        int(m.group(1)): para
        for para in paragraphs(text)
        if para.index > 0 and (m := _BODY_RE.match(para.text)) and _is_prose(para.text.split()[1:])
    }


def _is_prose(words: list[str]) -> bool:
    """Four words or more, at least half of them in lower case.

    >>> _is_prose("Originally issued as annex II".split()), _is_prose("Foo Bar Baz Qux".split())
    (True, False)
    """
    return len(words) >= 4 and 2 * sum(w.islower() for w in words) >= len(words)


def _body_after(bodies: dict[int, Paragraph], number: int, offset: int) -> bool:
    """A body with this number stands after ``offset``: notes follow their markers."""
    body = bodies.get(number)
    return body is not None and body.start > offset


def _with_evidence(
    candidates: list[tuple[int, re.Match[str]]], bodies: dict[int, Paragraph]
) -> list[tuple[int, re.Match[str]]]:
    """The candidates that have footnote evidence: a body with their number
    after them, or a neighbour in the sequence (the number before it earlier
    in the text, or the number after it later).

    >>> found = [(0, m) for m in _AFTER_PUNCT_RE.finditer("as.1 The by.3 The to.4 The")]
    >>> [m.group() for _, m in _with_evidence(found, {})]
    ['by.3', 'to.4']
    """
    numbers = [int(m.group(2)) for _, m in candidates]
    kept = []
    for i, (offset, match) in enumerate(candidates):
        number = numbers[i]
        in_sequence = number - 1 in numbers[:i] or number + 1 in numbers[i + 1 :]
        if in_sequence or _body_after(bodies, number, offset + match.end()):
            kept.append((offset, match))
    return kept


@functools.lru_cache(maxsize=4)
def _numbered_families(text: str) -> frozenset[str]:
    """Words the text numbers with two different numbers (``expr1`` and
    ``expr2``, ``GC256B``): names of a family, not footnote markers.

    >>> sorted(_numbered_families("expr1 < expr2 and CHINA1"))
    ['expr']
    """
    seen: dict[str, set[str]] = {}
    for match in _GLUED_RE.finditer(text):
        seen.setdefault(match.group(1), set()).add(match.group(2))
    return frozenset(word for word, numbers in seen.items() if len(numbers) >= 2)


def _inline_bodies(text: str, numbers: set[int], bodies: dict[int, Paragraph]) -> list[Finding]:
    """A footnote body run into a paragraph: ``... Disarmament 1 Originally
    issued as annex II ... A/60/973.`` after a marker ``CHINA1``."""
    findings = []
    for number in sorted(numbers - set(bodies)):
        pattern = re.compile(rf"(?<=[^\W\d_]) ({number}) (?=[A-Z][a-z])")
        for match in pattern.finditer(text):
            end = _SENTENCE_END_RE.search(text, match.end())
            stop = end.end() if end else text.find("\n", match.end()) % (len(text) + 1)
            findings.append(
                finding(
                    text,
                    "damage.footnote_text",
                    "note",
                    f"the text of footnote {number} stands in the running text",
                    match.start(1),
                    max(stop, match.end(1)),
                    {"number": number},
                )
            )
    return findings


def _marker(text: str, offset: int, match: re.Match[str], digits: str, kind: str) -> Finding:
    start = offset + match.end() - len(digits)
    return finding(
        text,
        "damage.footnote_marker",
        "warning",
        f"footnote number {digits} glued to {match.group()!r}",
        start,
        offset + match.end(),
        {"number": int(digits), "token": match.group(), "kind": kind},
    )
