"""``damage.lowercase_sentence``: a sentence that starts in lower case after
a full stop in mid-paragraph (``technologies. information and``), the sign
of a sentence cut in the wrong place or a line joined to the wrong one.

A full stop after an abbreviation (``e.g.``, ``etc.``, ``U.S.``, ``Fig.``)
does not end a sentence, and a word such as ``iPhone`` may start one.

>>> [dict(f.evidence)["word"] for f in detect("use of technologies. information and")]
['information']
>>> detect("cats, dogs, etc. and birds")
[]
"""

from __future__ import annotations

import re

from verify.detect._text import finding, is_abbreviation, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.lowercase_sentence",)

_BREAK_RE = re.compile(r"(?<![\w.])([^\W\d_][\w'’-]*)([.!?])\s+([a-z]+)(?![\w'’-]*[A-Z])")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    for para in paragraphs(text):
        for match in _BREAK_RE.finditer(para.text):
            before = match.group(1)
            if len(before) < 2 or is_abbreviation(before + "."):
                continue
            findings.append(
                finding(
                    text,
                    "damage.lowercase_sentence",
                    "warning",
                    f"sentence starts in lower case after {before + match.group(2)!r}",
                    para.start + match.start(3),
                    para.start + match.end(3),
                    {"after": before + match.group(2), "word": match.group(3)},
                )
            )
    return findings
