"""``damage.odd_apostrophe``: a backtick or an accent standing for an
apostrophe inside a word (``state`s``), a mark left by a keyboard layout or
an encoding that had no apostrophe.

>>> [dict(f.evidence)["word"] for f in detect("a model of a state`s obligations")]
['state`s']
"""

from __future__ import annotations

import re

from verify.detect._text import finding
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.odd_apostrophe",)

_ODD_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([`´\u02cb\u02b9])([^\W\d_]+)")
# The marks alone: a text without any is done in one scan (the pattern above
# tries every word of the text as a start).
_MARK_RE = re.compile(r"[`´\u02cb\u02b9]")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    if _MARK_RE.search(text) is None:
        return []
    return [
        finding(
            text,
            "damage.odd_apostrophe",
            "warning",
            f"{m.group(2)!r} used as an apostrophe in {m.group()!r}",
            m.start(2),
            m.end(2),
            {"mark": m.group(2), "word": m.group(), "fixed": f"{m.group(1)}'{m.group(3)}"},
        )
        for m in _ODD_RE.finditer(text)
    ]
