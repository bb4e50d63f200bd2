"""``damage.odd_apostrophe``: a backtick or an accent standing for an
apostrophe inside a word (``state`s``), a mark left by a keyboard layout or
an encoding that had no apostrophe.

>>> [dict(f.evidence)["word"] for f in detect("a model of a state`s obligations")]
['state`s']
"""

from __future__ import annotations

import re

from verify.detect._text import finding, in_code_line, in_code_span
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.odd_apostrophe",)

_ODD_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([`´\u02cb\u02b9])([^\W\d_]+)")
# The marks alone: a text without any is done in one scan (the pattern above
# tries every word of the text as a start).
_MARK_RE = re.compile(r"[`´\u02cb\u02b9]")


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
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
        for m in _odd_marks(text)
    ]


def _odd_marks(text: str) -> list[re.Match[str]]:
    """The matches of ``_ODD_RE``, read only at the marks: each mark with a
    letter on both sides is matched from the start of the word before it
    (a scan of the whole text tried every word as a start).

    >>> [m.group() for m in _odd_marks("a`b`c and state`s, not `Buffer`s")]
    ['a`b', 'state`s']
    >>> _odd_marks("默认堆栈大小在`src/options.h`中定义")
    []
    """
    found: list[re.Match[str]] = []
    for mark in _MARK_RE.finditer(text):
        i = mark.start()
        if i == 0 or not _LETTER_RE.match(text, i - 1):
            continue
        start = i - 1
        while start > 0 and _LETTER_RE.match(text, start - 1):
            start -= 1
        if found and start < found[-1].end():
            continue
        if start > 0 and text[start - 1] == "`" == mark.group():
            continue  # a code span closed before its suffix: "`Buffer`s"
        if mark.group() == "`" and (in_code_span(text, i) or in_code_line(text, i)):
            continue  # "`Uint8Array`s", "`napi_value`s", "} tag`Hello ${ a + b}`;"
        if _UNSPACED_RE.match(text, i - 1):
            continue  # a code span opened after Chinese or Japanese, which write no spaces
        match = _ODD_RE.match(text, start)
        if match:
            found.append(match)
    return found


_LETTER_RE = re.compile(r"[^\W\d_]")
# Scripts that write no space between words and no apostrophe: a backtick
# after one of their letters opens a code span (``由`options.h`中``).
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

