"""``damage.running_header``: a page header or footer that survived inside
the text, such as "Instituto de Relaciones Internacionales (IRI) - Anuario
2007" repeated on every page of a PDF and now standing between the two halves
of a sentence.

A short paragraph (3 to 15 words, not ending as a sentence ends) that
recurs is a header candidate. Every repeat that cuts a sentence (alone
between two halves of it, or inside another paragraph) is reported where it
stands; the repeats that stand between paragraphs are reported once, at the
first of them, with their number (``repeats``). The evidence says whether it interrupts a
sentence (the paragraph before it ends without a full stop and the one after
it starts in lower case).

>>> text = "Header of the Site 2007\\n\\nIt was the\\n\\nHeader of the Site 2007\\n\\nend of it."
>>> [(f.line, dict(f.evidence)["interrupts_sentence"]) for f in detect(text)]
[(5, True)]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import replace

import ahocorasick

from verify.detect._text import Paragraph, finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.running_header", "damage.repeated_line")

MIN_WORDS, MAX_WORDS = 3, 15


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    paras = list(paragraphs(text))
    counts = Counter(p.text.strip() for p in paras)
    headers = {
        h
        for h, n in counts.items()
        if n >= 2 and MIN_WORDS <= len(h.split()) <= MAX_WORDS and _title_shaped(h)
    }
    if headers:
        headers -= _figure_text(paras, headers)
    inside = _inside_all(text, paras, headers)
    findings = []
    seen: set[str] = set()
    between: dict[str, list[Paragraph]] = {}
    for i, para in enumerate(paras):
        line = para.text.strip()
        if line in headers:
            if line in seen and _interrupts(paras, i):
                findings.append(_finding(text, para.start, para.end, line, counts[line], True))
            elif line in seen:
                between.setdefault(line, []).append(para)
            seen.add(line)
            continue
        for start, header in inside.get(i, ()):
            start += para.start
            findings.append(_finding(text, start, start + len(header), header, counts[header], True))
    findings += [_between(text, header, found, counts[header]) for header, found in between.items()]
    return findings


def _title_shaped(line: str) -> bool:
    """A running header is a title (a book's, a chapter's, a publisher's
    line): it ends with no full stop and no colon, and holds no sentence
    end inside. A line that ends a sentence, introduces what follows
    (``..options Additional named arguments:``) or runs from one sentence
    into the next (``exclude: Content to exclude from word count (see
    map-tree()). Can be an array``: a parameter described twice in a
    manual) is the text's own.

    >>> [_title_shaped(h) for h in ("Anuario 2007", "Named arguments:", "tree()). Can be an array")]
    [True, False, False]
    """
    return line[-1] not in ".!?:" and _SENTENCE_INSIDE_RE.search(line) is None


_SENTENCE_INSIDE_RE = re.compile(r"(?:[a-z]{3,}|\))[.!?]\s+[A-Z]")


def _figure_text(paras: list[Paragraph], headers: set[str]) -> set[str]:
    """The candidates that stand, every time, within FIGURE_REACH paragraphs
    of a figure's marks: a chart's points (``●``) or its axis (``0 2 4 6
    8``, ``96-98``), paragraphs with digits or symbols and no letters. A
    figure drawn four times with one legend (``Putative true UMIs Putative
    phantom UMIs ...``) repeats its words as a header does; a header stands
    among the text's paragraphs. A page number alone (``12``) is no figure:
    it stands beside headers."""
    marks = [_figure_marks(p.text) for p in paras]
    near: dict[str, bool] = {}
    for i, para in enumerate(paras):
        line = para.text.strip()
        if line in headers:
            around = marks[max(0, i - FIGURE_REACH) : i + FIGURE_REACH + 1]
            near[line] = near.get(line, True) and any(around)
    return {h for h, inside in near.items() if inside}


#: How many paragraphs either side of a line a figure's marks are looked for.
FIGURE_REACH = 3


def _figure_marks(para: str) -> bool:
    """``para`` is a figure's marks: no letters, and digits that are not a
    page number alone, or symbols alone (``●``; a rule of dashes is a page
    separator, not a figure).

    >>> [_figure_marks(p) for p in ("●", "0 2 4 6 8", "96-98", "12", "-----", "Loss=8%")]
    [True, True, True, False, False, False]
    """
    text = para.strip()
    if not text or any(c.isalpha() for c in text):
        return False
    if any(c.isdigit() for c in text):
        return _PAGE_NUMBER_RE.fullmatch(text) is None
    return all(c.isspace() or unicodedata.category(c) == "So" for c in text)


_PAGE_NUMBER_RE = re.compile(r"\d{1,4}\.?")


def _between(text: str, header: str, found: list[Paragraph], count: int) -> Finding:
    """One finding for the repeats of ``header`` that stand between
    paragraphs (they cut no sentence): at the first of them, with how many
    there are. A header on every page of a long text made thousands of
    findings that said one thing."""
    first = found[0]
    if len(found) == 1:
        # One line written twice, standing apart both times, cuts no sentence: an
        # example shown twice, a grammar rule collected again in an appendix (an
        # audit's paged RFC 7232 had eight). Too weak for a warning, kept as a note.
        return _finding(text, first.start, first.end, header, count, False, code="damage.repeated_line")
    result = _finding(text, first.start, first.end, header, count, False)
    evidence = dict(result.evidence, repeats=len(found))
    message = f"{result.message} ({len(found)} times between paragraphs)"
    return replace(result, message=message, evidence=tuple(sorted(evidence.items())))


def _inside_all(text: str, paras: list[Paragraph], headers: set[str]) -> dict[int, list[tuple[int, str]]]:
    """Where header candidates stand inside paragraphs, by paragraph number:
    ``(offset in the paragraph, header)``, by offset, the longest first.

    A candidate stands inside a paragraph where the paragraph holds it from
    the start of a word: after a space or at the paragraph's start, or where
    letters start after punctuation (a header glued to the end of a
    sentence: "field.Header of the Site"). Every candidate is found in one
    pass over the whole text by an Aho-Corasick automaton (pyahocorasick);
    a regular expression per paragraph and candidate made linting
    quadratic (62 s for a 2 MB text), and cutting every paragraph into
    words to look them up cost more than the rest of the detector.

    >>> text = "Head of Site\\n\\nHead of Site\\n\\na b Head of Site c.Head of Sites"
    >>> _inside_all(text, list(paragraphs(text)), {"Head of Site"})
    {2: [(4, 'Head of Site'), (19, 'Head of Site')]}
    """
    found: dict[int, list[tuple[int, str]]] = {}
    if not headers:
        return found
    automaton = ahocorasick.Automaton()
    for header in sorted(headers):
        automaton.add_word(header, header)
    automaton.make_automaton()
    starts = [p.start for p in paras]
    for last, header in automaton.iter(text):
        at = last - len(header) + 1
        i = bisect.bisect_right(starts, at) - 1
        para = paras[i]
        if para.text.strip() in headers:
            continue  # a header line itself: never read for headers inside it
        offset = at - para.start
        if _word_starts_at(para.text, offset, len(header.split()[0])):
            found.setdefault(i, []).append((offset, header))
    for hits in found.values():
        hits.sort(key=lambda f: (f[0], -len(f[1]), f[1]))
    return found


def _word_starts_at(para: str, start: int, length: int) -> bool:
    """A word of ``length`` characters stands whole at ``start`` in
    ``para``: after a space or at the start, or where letters start after
    punctuation, and up to a space or the end."""
    end = start + length
    before = para[start - 1] if start else " "
    glued = not before.isspace() and _WORD_CHAR_RE.match(para, start) and not _WORD_CHAR_RE.match(before)
    return bool(before.isspace() or glued) and (end == len(para) or para[end].isspace())


_WORD_CHAR_RE = re.compile(r"\w")


def _interrupts(paras: list[Paragraph], i: int) -> bool:
    if i == 0 or i + 1 >= len(paras):
        return False
    before, after = paras[i - 1].text.rstrip(), paras[i + 1].text.lstrip()
    return bool(before) and before[-1] not in '.!?:;"”' and after[:1].islower()


def _finding(text: str, start: int, end: int, header: str, count: int, interrupts: bool,
             code: str = "damage.running_header") -> Finding:
    weak = code == "damage.repeated_line"
    return finding(
        text,
        code,
        "note" if weak else "warning",
        f"line {header!r} written twice, apart from the text both times: a running header?"
        if weak else f"running header {header!r} inside the text",
        start,
        end,
        {"header": header, "count": count, "interrupts_sentence": interrupts},
    )
