"""``damage.orphan_punctuation``: a comma, semicolon or colon with nothing
before it: at the start of a paragraph, or straight after a full stop
(``summit. , scheduled``, which canonical spacing writes ``summit.,``).

A full stop that closes an abbreviation may take a comma (``etc.,``,
``U.S.,``, ``Inc.;``), and so may a name that ends in ``!`` or ``?``
(``Yahoo!,``).

>>> [dict(f.evidence)["marks"] for f in detect("at the next SCO summit., scheduled")]
['.,']
"""

from __future__ import annotations

import re

from verify.detect._text import finding, is_abbreviation, paragraphs
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
# What every match of the three patterns above holds: a paragraph without it
# is done in one scan (``_AFTER_STOP_RE`` tries every word as a start).
_ANY_MARK_RE = re.compile(r"\.\s*[,;:]|[,;:]\s*[,;:]|^[,;:]")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs(text):
        if _ANY_MARK_RE.search(para.text) is None:
            continue
        for match in _AFTER_STOP_RE.finditer(para.text):
            word = match.group(1)
            if not word or not word[-1].isalnum() or is_abbreviation(word + "."):
                continue
            if match.group(2) == "." and match.start(2) > 0 and para.text[match.start(2) - 1] == ".":
                continue
            if word.isupper() and len(word) <= 3:
                continue  # a state or a unit abbreviated: "Bismarck, ND., USA"
            findings.append(
                _finding(
                    text,
                    para.start + match.start(2),
                    para.start + match.end(4),
                    match.group(2) + match.group(4),
                )
            )
        for match in _DOUBLED_RE.finditer(para.text):
            marks = match.group(1) + match.group(3) if match.group(1) else match.group(4) * 2
            findings.append(_finding(text, para.start + match.start(), para.start + match.end(), marks))
        leading = _LEADING_RE.match(para.text)
        if leading:
            findings.append(_finding(text, para.start, para.start + 1, leading.group()))
    return findings


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
