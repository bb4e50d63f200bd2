"""``damage.stray_number``: a list or page number left alone in the text:
``5.`` between two sentences, ``6.`` at the end of a paragraph, or a
paragraph that is only a number.

A number that opens a paragraph (``1. The parties agree``) is a list item,
and one that ends a sentence (``in 2015.``) is not alone.

>>> [dict(f.evidence)["number"] for f in detect("other fields. 5. CSU Member States")]
['5.']
"""

from __future__ import annotations

import re

from verify.detect._text import finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.stray_number",)

_NUMBER_RE = re.compile(r"(?<=\s)(\d{1,3}\.)(?=\s+[A-Z\"“]|\s*$)")
_ENDS_SENTENCE_RE = re.compile(r"[.!?][\"”’)]*\d{0,2}$")
_ALONE_RE = re.compile(r"\s*\d{1,4}\.?\s*")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs(text):
        if _ALONE_RE.fullmatch(para.text):
            findings.append(_finding(text, para.start, para.end, para.text.strip(), "alone"))
            continue
        for match in _NUMBER_RE.finditer(para.text):
            before = para.text[: match.start()].split()
            if before and _ENDS_SENTENCE_RE.search(before[-1]):
                where = "end" if not para.text[match.end() :].strip() else "between sentences"
                findings.append(
                    _finding(
                        text,
                        para.start + match.start(),
                        para.start + match.end(),
                        match.group(1),
                        where,
                    )
                )
    return findings


def _finding(text: str, start: int, end: int, number: str, where: str) -> Finding:
    return finding(
        text,
        "damage.stray_number",
        "warning",
        f"stray number {number!r} ({where})",
        start,
        end,
        {"number": number, "where": where},
    )
