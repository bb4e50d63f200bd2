"""``damage.footnote_marker`` and ``damage.footnote_text``: footnote numbers
glued to words (``members.7``, ``CHINA1``) and footnote bodies left in the
running text (``1 Originally issued as annex II ...``).

A number straight after a word's final punctuation (``members.7``), where
a sentence ends (a capital or the end of the paragraph follows), is a
marker on its own evidence; ``see pathconf.3 for`` and ``man2/acct.2`` are
man-page and file names, and so is every ``name.N`` of a paragraph that
lists three or more of them. A number glued to a word (``CHINA1``) could be
a name (``HTML5``, ``COVID19``, ``XFREE86``), so it is reported only when
the text also holds the footnote body with that number, or when it is one
digit inside a heading written in capitals. A footnote the canonicaliser
separated (``[^1] ...``) is not damage.

>>> [dict(f.evidence)["number"] for f in detect("potential members.7 The admission")]
[7]
>>> detect("see pathconf.3 for the limits")
[]
"""

from __future__ import annotations

import re

from verify.detect._text import Paragraph, finding, paragraphs
from verify.detect.acronyms import shouted_ranges
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.footnote_marker", "damage.footnote_text")

_AFTER_PUNCT_RE = re.compile(
    r"(?<![\w./@-])([^\W\d_]{2,}[.,;:])(\d{1,2})(?=\s+[A-Z\"“(]|\s+\d{1,3}\.(?:\s|$)|$)"
)
# ``name.N`` followed by lower case or another name: a list of files or man pages.
_FILE_NAME_RE = re.compile(r"(?<!\S)\S*\w\.\d(?=\s+[a-z_./]|,)")
#: A paragraph naming this many ``name.N`` files or man pages is a list of them.
_FILE_LIST = 3
_GLUED_RE = re.compile(r"(?<![\w-])([A-Z]{3,}|[a-z]{4,})(\d{1,2})(?![\w-])")
_BODY_RE = re.compile(r"(\d{1,2})\s+[A-Z][a-z]")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    bodies = {
        int(m.group(1)): para
        for para in paragraphs(text)
        if para.index > 0 and (m := _BODY_RE.match(para.text))
    }
    findings = []
    numbers: set[int] = set()
    families = _numbered_families(text)
    for para in paragraphs(text):
        shouted = shouted_ranges(para.text)
        files = len(_FILE_NAME_RE.findall(para.text)) >= _FILE_LIST
        for match in _AFTER_PUNCT_RE.finditer(para.text):
            if files and match.group(1)[-1] == ".":
                continue
            numbers.add(int(match.group(2)))
            findings.append(_marker(text, para.start, match, match.group(2), "after punctuation"))
        for match in _GLUED_RE.finditer(para.text):
            number = int(match.group(2))
            if match.group(1) in families:
                continue
            in_heading = any(a <= match.start() < b for a, b in shouted)
            if number in bodies or (in_heading and number < 10):
                numbers.add(number)
                findings.append(_marker(text, para.start, match, match.group(2), "glued to a word"))
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


def _numbered_families(text: str) -> set[str]:
    """Words the text numbers with two different numbers (``expr1`` and
    ``expr2``, ``GC256B``): names of a family, not footnote markers.

    >>> sorted(_numbered_families("expr1 < expr2 and CHINA1"))
    ['expr']
    """
    seen: dict[str, set[str]] = {}
    for match in _GLUED_RE.finditer(text):
        seen.setdefault(match.group(1), set()).add(match.group(2))
    return {word for word, numbers in seen.items() if len(numbers) >= 2}


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
