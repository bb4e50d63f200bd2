"""``damage.running_header``: a page header or footer that survived inside
the text, such as "Instituto de Relaciones Internacionales (IRI) - Anuario
2007" repeated on every page of a PDF and now standing between the two halves
of a sentence.

A short paragraph (3 to 15 words, not ending as a sentence ends) that
recurs is a header candidate; every
occurrence after the first is reported, and so is the candidate where it
stands inside another paragraph. The evidence says whether it interrupts a
sentence (the paragraph before it ends without a full stop and the one after
it starts in lower case).

>>> text = "Header of the Site 2007\\n\\nIt was the\\n\\nHeader of the Site 2007\\n\\nend of it."
>>> [(f.line, dict(f.evidence)["interrupts_sentence"]) for f in detect(text)]
[(5, True)]
"""

from __future__ import annotations

import re
from collections import Counter

from verify.detect._text import Paragraph, finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.running_header",)

MIN_WORDS, MAX_WORDS = 3, 15


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    paras = list(paragraphs(text))
    counts = Counter(p.text.strip() for p in paras)
    headers = {
        h
        for h, n in counts.items()
        if n >= 2 and MIN_WORDS <= len(h.split()) <= MAX_WORDS and h[-1] not in ".!?"
    }
    findings = []
    seen: set[str] = set()
    for i, para in enumerate(paras):
        line = para.text.strip()
        if line in headers:
            if line in seen:
                findings.append(
                    _finding(text, para.start, para.end, line, counts[line], _interrupts(paras, i))
                )
            seen.add(line)
            continue
        for header in sorted(headers):
            for match in re.finditer(re.escape(header), para.text):
                start = para.start + match.start()
                findings.append(_finding(text, start, start + len(header), header, counts[header], True))
    return findings


def _interrupts(paras: list[Paragraph], i: int) -> bool:
    if i == 0 or i + 1 >= len(paras):
        return False
    before, after = paras[i - 1].text.rstrip(), paras[i + 1].text.lstrip()
    return bool(before) and before[-1] not in '.!?:;"”' and after[:1].islower()


def _finding(text: str, start: int, end: int, header: str, count: int, interrupts: bool) -> Finding:
    return finding(
        text,
        "damage.running_header",
        "warning",
        f"running header {header!r} inside the text",
        start,
        end,
        {"header": header, "count": count, "interrupts_sentence": interrupts},
    )
