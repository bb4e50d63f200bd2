"""``damage.boilerplate``: page or site furniture that survived extraction:
``Skip to content``, ``Published on``, ``Share this``, cookie notices, and a
site name glued to the title (``Declaration ... - Ministry of Foreign
Affairs of the People's Republic of China`` beside the bare title).

Only short paragraphs that are nothing but such a phrase are reported: the
same words inside a sentence are prose. A copyright or licence line is a web
page's footer only in a text that is not itself legal text (a licence, a
copyright file: there such lines are the document) and only among its first
or last paragraphs, where page furniture stands; and a ``Copyright`` (or
``License``) heading followed by a sentence giving the text's own terms
(``This document has been placed in the public domain.``, a PEP's closing
section) is the text's own notice, not a footer.

>>> detect("Copyright: 2020 A. Author\\n\\nLicense: MIT\\n\\nPermission is hereby granted")
[]

>>> [dict(f.evidence)["kind"] for f in detect("Skip to content\\n\\nThe text.\\n\\nPublished on")]
['navigation', 'byline']
"""

from __future__ import annotations

import functools
import re

from verify.detect._text import Paragraph, finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.boilerplate",)

_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "navigation",
        r"skip to (?:the )?(?:main )?(?:content|navigation|search)|jump to (?:navigation|search|content)",
    ),
    ("navigation", r"back to top|(?:main )?menu|toggle navigation|breadcrumbs?"),
    ("byline", r"(?:published|posted|updated|last updated)(?: on| by| in)?\b[\w\s,:.-]{0,40}"),
    (
        "sharing",
        r"share(?: this)?(?: (?:article|page|story|post))?(?: on \w+)?|tweet|print(?: this page)?|email this",
    ),
    ("sharing", r"follow us(?: on \w+)?|subscribe(?: to our newsletter)?|sign (?:in|up)|log ?in"),
    (
        "comments",
        r"leave a (?:comment|reply)|\d+ comments?|comments|related (?:posts|articles|stories)|read more",
    ),
    ("comments", r"(?:previous|next) (?:post|article|story)\b.{0,60}"),
    ("legal", r"all rights reserved\.?|copyright\b.{0,60}|©.{0,60}|powered by \w+.{0,20}"),
    ("cookies", r".{0,60}\b(?:accept|use|uses|using) (?:all )?cookies\b.{0,80}"),
)
_PHRASE_RE = [
    (kind, re.compile(rf"\s*(?:{pattern})\s*[.:]?\s*", re.IGNORECASE)) for kind, pattern in _PHRASES
]
_SEPARATORS = (" - ", " | ", " :: ", " · ", " — ", " – ")
MAX_WORDS = 12
#: Page furniture stands among the first or last paragraphs of a page.
EDGE = 3
# The legal words: licence, copyright, warranty, permission, liability, hereby,
# notwithstanding, pursuant, provision, clause (and their forms), whole. The
# match starts with the word's first letter and looks back for the start of
# the word (the engine skips to the next c, h, l, n, p or w instead of trying
# every offset); it finds the same words as ``\b(?:licen[cs](?:e[ds]?|or|ee)|
# copyright|warrant(?:y|ies)|permission|liabilit(?:y|ies)|hereby|
# notwithstanding|pursuant|provisions?|clauses?)\b``.
_LEGAL_WORDS_RE = re.compile(
    r"[chlnpw](?<!\w[chlnpw])"
    r"(?:(?<=l)(?:icen[cs](?:e[ds]?|or|ee)|iabilit(?:y|ies))|(?<=c)(?:opyright|lauses?)"
    r"|(?<=w)arrant(?:y|ies)|(?<=p)(?:ermission|ursuant|rovisions?)|(?<=h)ereby|(?<=n)otwithstanding)\b",
    re.IGNORECASE,
)
#: Legal words per 1,000 words above which a text is itself legal text.
LEGAL_DENSITY = 8
#: ... and at least this many (a footer's one "Copyright" is not legal text).
LEGAL_MIN = 4


@functools.lru_cache(maxsize=4)
def _is_legal_text(text: str) -> bool:
    """A licence, a copyright file, terms of use: legal words are common.

    >>> _is_legal_text("Permission is hereby granted under this License, without warranty.")
    True
    >>> _is_legal_text("The news of the day.\\n\\nCopyright 2020 The Daily Paper")
    False
    >>> _is_legal_text("Permission is hereby granted under this License, without warranty. Copyright 2020.")
    True
    """
    words = max(1, len(text.split()))
    legal = len(_LEGAL_WORDS_RE.findall(text))
    return legal >= LEGAL_MIN and 1000 * legal >= LEGAL_DENSITY * words


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    paras = list(paragraphs(text))
    edges = {p.index for p in paras[:EDGE] + paras[-EDGE:]}
    findings = []
    for para in paras:
        if len(para.text.split()) <= MAX_WORDS:
            kind = next((k for k, rx in _PHRASE_RE if rx.fullmatch(para.text)), None)
            if kind == "legal" and (
                para.index not in edges or _is_legal_text(text) or _own_notice(paras, para.index)
            ):
                continue
            if kind in ("byline", "comments") and _own_section(paras, para.index, edges):
                continue
            if kind is not None:
                findings.append(_finding(text, para.start, para.end, kind, para.text.strip()))
    findings += _site_names(text, paras)
    return findings


# A sentence giving a text's own terms: what a notice heading introduces.
_TERMS_RE = re.compile(
    r"\b(?:public domain|licen[cs]ed?|copyright|rights reserved|permission|CC0|"
    r"Creative Commons|terms)\b",
    re.IGNORECASE,
)
#: A notice's sentence has at least this many words (a footer's next line is
#: a link or two: ``Privacy | Terms``).
NOTICE_WORDS = 5


def _own_notice(paras: list[Paragraph], index: int) -> bool:
    """The legal paragraph at ``index`` is a heading (``Copyright``,
    ``Copyright and License``) whose next paragraph is a sentence stating the
    text's terms: the document's own notice section, not a page's footer.

    >>> ps = list(paragraphs("Text.\\n\\nCopyright\\n\\nThis document has been placed in the public domain."))
    >>> _own_notice(ps, 1)
    True
    >>> ps = list(paragraphs("Text.\\n\\nCopyright 2020 The Daily Paper\\n\\nPrivacy | Terms"))
    >>> _own_notice(ps, 1)
    False
    >>> ps = list(paragraphs("Text.\\n\\nCopyright: see |manual-copyright| vim:tw=78:ts=8:ft=help:"))
    >>> _own_notice(ps, 1)
    True
    """
    heading = paras[index].text.strip()
    if _POINTER_RE.search(heading) and not _YEAR_RE.search(heading) and "©" not in heading:
        return True  # it points at the text's own terms: "Copyright: see |manual-copyright|"
    if any(c.isdigit() for c in heading) or "©" in heading or index + 1 >= len(paras):
        return False  # a dated notice line is what a footer holds
    following = paras[index + 1].text.strip()
    return (
        len(following.split()) >= NOTICE_WORDS
        and (following.endswith(".") or _URL_END_RE.search(following) is not None)
        and _TERMS_RE.search(following) is not None
    )


# A notice that sends the reader to the terms (``Copyright: see
# |manual-copyright|``, the last line of every Vim help file) is the
# document's own: a footer states a holder and a year.
_POINTER_RE = re.compile(r"\b(?:see|refer to)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
# A notice may end with the address of its licence (``... the CC0 1.0
# license: https://creativecommons.org/publicdomain/zero/1.0/``).
_URL_END_RE = re.compile(r"https?://\S+$")


def _own_section(paras: list[Paragraph], index: int, edges: set[int]) -> bool:
    r"""A byline or a comments heading inside the text that is one of its
    own parts: a field of a header record (``Last updated: August 26,
    2016`` between ``Release Date: ...`` and ``Language: English``), or,
    away from the page's edges, a section title that a reStructuredText
    label marks (``.. _published-motivations:``) or whose next paragraph
    takes up its word (``Comments``, then ``A comment is an indented
    block``).

    >>> ps = list(paragraphs("Title: X\nRelease Date: 2006\nLast updated: 2016\nLanguage: English"))
    >>> _own_section(ps, 2, set())
    True
    >>> ps = list(paragraphs("a.\n\nb.\n\nc.\n\nd.\n\nComments\n\nA comment is a note.\n\ne.\n\nf.\n\ng."))
    >>> _own_section(ps, 4, {0, 1, 2, 7, 8, 9}), _own_section(ps, 4, {4})
    (True, False)
    """
    if 0 < index < len(paras) - 1 and all(_FIELD_RE.match(paras[i].text) for i in (index - 1, index + 1)):
        return True
    if index in edges or index + 1 >= len(paras):
        return False
    if _LABEL_RE.fullmatch(paras[index - 1].text.strip()):
        return True
    words = {w[:6].lower() for w in re.findall(r"[A-Za-z]{4,}", paras[index].text)}
    first = re.split(r"(?<=[.!?])\s", paras[index + 1].text.strip(), maxsplit=1)[0]
    return any(w[:6].lower() in words for w in re.findall(r"[A-Za-z]{4,}", first))


_FIELD_RE = re.compile(r"[A-Z][A-Za-z ]{0,30}: \S")
_LABEL_RE = re.compile(r"\.\. _[\w-]+:")


def _site_names(text: str, paras: list[Paragraph]) -> list[Finding]:
    """A title that repeats another paragraph plus `` - Site Name``."""
    texts = {p.text.strip() for p in paras}
    findings = []
    for para in paras[:3]:
        for sep in _SEPARATORS:
            head, found, tail = para.text.rpartition(sep)
            if found and head.strip() in texts and len(head.split()) >= 4 and tail.strip():
                start = para.start + len(head)
                findings.append(_finding(text, start, para.end, "site name", tail.strip()))
                break
    return findings


def _finding(text: str, start: int, end: int, kind: str, words: str) -> Finding:
    return finding(
        text,
        "damage.boilerplate",
        "warning",
        f"{kind} boilerplate left in the text: {words!r}",
        start,
        end,
        {"kind": kind, "text": words},
    )
