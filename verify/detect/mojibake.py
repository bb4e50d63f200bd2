"""``damage.mojibake``: text decoded with the wrong character set
(``PeopleÃ¢â‚¬â„¢s``), found with ftfy's detector.

A word is reported when ftfy's badness check flags it *and* ftfy's encoding
fixer would change both it and its whole paragraph, so that text which merely
looks odd (the negatives in ftfy's own test cases, such as
``Bremer/Mccoy – DrÃ¥ber``) stays quiet. The evidence carries ftfy's repair.

>>> [dict(f.evidence)["fixed"] for f in detect("the Peopleâ€™s Republic")]
['People’s']
"""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

from verify.detect._text import finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.mojibake",)

_TOKEN_RE = re.compile(r"\S+")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs(text):
        if para.text.isascii():
            continue  # ASCII cannot be mojibake, and most paragraphs are ASCII
        if not is_bad(para.text) or ftfy.fix_encoding(para.text) == para.text:
            continue
        for token in _TOKEN_RE.finditer(para.text):
            word = token.group()
            if not is_bad(word):
                continue
            fixed = ftfy.fix_encoding(word)
            if fixed == word:
                continue
            findings.append(
                finding(
                    text,
                    "damage.mojibake",
                    "error",
                    f"mojibake: {word!r} most likely reads {fixed!r}",
                    para.start + token.start(),
                    para.start + token.end(),
                    {"text": word, "fixed": fixed},
                )
            )
    return findings
