"""Page layout that survived as text: ``damage.page_separator`` (a line of
dashes or underscores between pages) and ``damage.signature_block`` (a
signature whose name and titles, set on separate lines, now run together as
one sentence-less paragraph).

>>> [f.code for f in detect("text\\n\\n-----\\n\\n(Signed): Hu Jintao President")]
['damage.page_separator', 'damage.signature_block']
"""

from __future__ import annotations

import re

from verify.detect._text import finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.page_separator", "damage.signature_block")

_RULE_RE = re.compile(r"\s*([-_=*~·•.])(?:\s*\1){2,}\s*")
_SIGNED_RE = re.compile(r"\(?\s*signed\s*\)?\s*:", re.IGNORECASE)


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs(text):
        if _RULE_RE.fullmatch(para.text):
            findings.append(
                finding(
                    text,
                    "damage.page_separator",
                    "note",
                    "a rule line (page or section separator) survived as text",
                    para.start,
                    para.end,
                    {"line": para.text.strip()},
                )
            )
        signed = _SIGNED_RE.match(para.text)
        if signed:
            findings.append(
                finding(
                    text,
                    "damage.signature_block",
                    "note",
                    "signature block: name and titles run together",
                    para.start,
                    para.end,
                    {"signatory": para.text[signed.end() :].strip()},
                )
            )
    return findings
