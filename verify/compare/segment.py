"""Cut a canonical text into sentences, each with its span.

A paragraph break ends a sentence, unless the paragraph stops mid-sentence:
on a comma or hyphen, on a word such as "the" or "of" that no sentence ends
with, or anywhere but on closing punctuation when the next paragraph starts
in lower case. That is a sentence cut by a page or line break, and it is
read as one.

Inside a paragraph a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets after it)
when the next word starts like a sentence: an upper-case letter, a digit or
an opening quote. The full stop does not end a sentence when it closes an
abbreviation ("No. 5", "Art. 19", "e.g."), an initial ("J. Smith"), a dotted
acronym followed by a name ("U.N. Charter"), or the number of a clause
("1. The parties ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from verify.compare.model import Segment
from verify.model import Span

ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "paras",
        "sec",
        "secs",
        "ch",
        "chap",
        "vol",
        "vols",
        "p",
        "pp",
        "fig",
        "figs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "rev",
        "hon",
        "gov",
        "pres",
        "amb",
        "ambs",
        "dept",
        "univ",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "etc",
        "al",
        "cf",
        "ibid",
        "id",
        "op",
        "loc",
        "viz",
        "vs",
        "v",
        "e",
        "g",
        "i",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "ca",
        "est",
        "min",
        "max",
        "mln",
        "bn",
        "res",
        "doc",
        "docs",
        "add",
        "rev",
        "corr",
        "suppl",
        "annex",
    ]
)

# Words that often start a sentence after a dotted acronym ("... the U.S. The").
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "in",
        "on",
        "at",
        "we",
        "they",
        "he",
        "she",
        "a",
        "an",
        "there",
        "however",
        "moreover",
        "meanwhile",
        "but",
        "and",
    ]
)

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT = re.compile(r"\s+([\"'`\u201c\u2018(\[]*)(\S+)")
_LAST_WORD = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_CLAUSE = re.compile(r"^[(\[]?(?:\d{1,3}|[ivxlcIVXLC]{1,5}|[a-zA-Z])[.)\]]+$")


def paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs of ``text`` (blank-line separated), stripped."""
    spans: list[Span] = []
    start = 0
    for m in _PARAGRAPH.finditer(text):
        _add_stripped(text, start, m.start(), spans)
        start = m.end()
    _add_stripped(text, start, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def _ends_sentence(text: str, sent_start: int, dot: int, after: int) -> bool:
    """Whether the terminal punctuation at ``dot`` ends the sentence."""
    nxt = _NEXT.match(text, after)
    if nxt is None:
        return True
    first = nxt.group(2)
    if not (first[0].isupper() or first[0].isdigit() or nxt.group(1)):
        return False
    if text[dot] != ".":
        return True
    while sent_start < dot and text[sent_start].isspace():
        sent_start += 1
    before = _LAST_WORD.search(text, sent_start, dot + 1)
    word = before.group(1) if before else ""
    bare = word.rstrip(".").lstrip("(\"'\u201c\u2018[").lower()
    if _DOTTED.match(word.lstrip("(\"'\u201c\u2018[")):
        return first.lower().strip(".,;:") in _SENTENCE_STARTERS
    if bare in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():
        return False  # an initial: "J. Smith"
    # a clause number ("1. The parties") does not end a sentence
    return not (before is not None and before.start() == sent_start and _CLAUSE.match(word))


def split_paragraph(text: str, span: Span) -> list[Span]:
    """Sentence spans inside one paragraph span."""
    out: list[Span] = []
    start = span.start
    for m in _END.finditer(text, span.start, span.end):
        if _ends_sentence(text, start, m.start(), m.end()):
            _add_stripped(text, start, m.end(), out)
            start = m.end()
    _add_stripped(text, start, span.end, out)
    return out


def segment(text: str, lang: str = "en") -> tuple[Segment, ...]:
    """The sentences of ``text`` in order, each with its span and paragraph.

    English is split by the rules above; French, Spanish, Russian and
    Chinese by pysbd's rules for that language (abbreviations, "т. д.",
    "。" and "！" without spaces), one paragraph at a time.

    >>> [s.text for s in segment("See Art. 19 of the U.N. Charter. It holds.")]
    ['See Art. 19 of the U.N. Charter.', 'It holds.']
    """
    out: list[Segment] = []
    split = split_paragraph if lang == "en" else _splitter(lang)
    paras = _joined(text, paragraphs(text)) if lang == "en" else list(enumerate(paragraphs(text)))
    for number, para in paras:
        for span in split(text, para):
            out.append(
                Segment(
                    index=len(out),
                    span=span,
                    text=_flat(text[span.start : span.end]),
                    paragraph=number,
                )
            )
    return tuple(out)


def _joined(text: str, paras: list[Span]) -> list[tuple[int, Span]]:
    """Paragraphs numbered, with those cut mid-sentence joined to the next."""
    out: list[tuple[int, Span]] = []
    for number, para in enumerate(paras):
        if out and _continues(text, out[-1][1], para):
            out[-1] = (out[-1][0], Span(out[-1][1].start, para.end))
        else:
            out.append((number, para))
    return out


_NEVER_LAST = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "nor",
        "but",
        "as",
        "into",
        "onto",
        "upon",
        "than",
        "that",
        "which",
        "whose",
        "its",
        "their",
        "our",
        "his",
        "her",
        "this",
        "these",
        "those",
    ]
)


def _continues(text: str, previous: Span, para: Span) -> bool:
    last = text[previous.end - 1]
    if last in ",-\u2013":
        return True
    word = _LAST_WORD.search(text, previous.start, previous.end)
    if (
        word is not None
        and word.group(1).lower() in _NEVER_LAST
        and previous.end - previous.start > len(word.group(1))
    ):
        return True
    return last not in ".!?:;\"')]\u201d\u2019" and text[para.start].islower()


def _flat(text: str) -> str:
    return " ".join(text.split())


_CJK_END = re.compile(r"[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019\uff09]*")


def _split_cjk(text: str, span: Span) -> list[Span]:
    """Chinese sentences end at 。！？ with any closing quotes after them, also
    inside a quoted speech (「……。……！」), where pysbd keeps going."""
    out: list[Span] = []
    start = span.start
    for m in _CJK_END.finditer(text, span.start, span.end):
        _add_stripped(text, start, m.end(), out)
        start = m.end()
    _add_stripped(text, start, span.end, out)
    return out


def _splitter(lang: str) -> Callable[[str, Span], list[Span]]:
    if lang == "zh":
        return _split_cjk
    import pysbd  # loaded only for texts in another language than English

    segmenter = pysbd.Segmenter(language=lang, clean=False, char_span=True)

    def split(text: str, span: Span) -> list[Span]:
        out: list[Span] = []
        for piece in segmenter.segment(text[span.start : span.end]):
            _add_stripped(text, span.start + piece.start, span.start + piece.end, out)
        return out or [span]

    return split
