"""Edits between two near-identical sentences: a version, not a translation.

Paraphrase tolerance is for translations. When two aligned sentences are
near-identical (an edition, a revision, the same text rendered as txt and
as PDF), every changed word is an edit that someone made, and is reported
with the words of both sides ("perpetual" / "temporary" in a licence,
"values of BASHOPTS and SHELLOPTS" / "value of SHELLOPTS" in a manual).

What is not an edit: a word that a PDF splits or glues ("Tw o", "twoare")
or hyphenates, and a ligature ("ﬁ"): the two sides compare on their
letters, folded with NFKC and casefold, and a change whose letters are the
same on both sides is layout.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

#: A word, the copyright sign, or an operator of two or three signs (``!=``,
#: ``<>``, ``<=``, ``==``): in two versions of a technical text an operator
#: taken out of a list is an edit (audit4: PEP 8's commit removing ``<>``
#: compared as "no substantive difference").
TOKEN = re.compile(r"[^\W_]+|\u00a9|(?<![<>=!])[<>=!]{2,3}(?![<>=!])", re.UNICODE)
#: Letter streams this similar (0-100, RapidFuzz's normalised Indel ratio)
#: are one sentence in two versions, not two translations of it.
NEAR_IDENTICAL = 90.0
#: Changed regions separated by this many unchanged words or fewer are one edit.
GAP = 2
#: Shortest letter stream for which the ratio means something.
MIN_LETTERS = 20


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str


@dataclass(frozen=True)
class Edit:
    """A changed run of words: ``a`` and ``b`` are character spans (absolute)."""

    a: tuple[int, int]
    b: tuple[int, int]


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Words of ``text[start:end]``, each folded (NFKC, casefold: the
    ligature "\ufb01" is "fi"), spans absolute."""
    return [
        Token(m.start(), m.end(), _fold(m.group()))
        for m in TOKEN.finditer(text, start, end)
        if not _bullet(text, m)
    ]


def _fold(word: str) -> str:
    return "c" if word == "\u00a9" else unicodedata.normalize("NFKC", word).casefold()


def _bullet(text: str, m: re.Match[str]) -> bool:
    """A lower-case "o" before a capitalised word is a list bullet (nroff
    writes "o" where a PDF draws "\u2022"), not a word."""
    return m.group() == "o" and bool(_BEFORE_CAPITAL.match(text, m.end()))


_BEFORE_CAPITAL = re.compile(r"\s+[A-Z]")


def near_identical(ta: Sequence[Token], tb: Sequence[Token]) -> bool:
    """Whether two sentences are one sentence in two versions: their letter
    streams (spaces ignored, so split and glued words do not count) agree
    at ``NEAR_IDENTICAL`` or better."""
    sa, sb = "".join(t.norm for t in ta), "".join(t.norm for t in tb)
    if min(len(sa), len(sb)) < MIN_LETTERS:
        return _one_word_apart(ta, tb)
    return fuzz.ratio(sa, sb, score_cutoff=NEAR_IDENTICAL) > 0


#: A short sentence is one sentence in two versions when all its words but
#: one run of at most this many are the other's, in order.
SHORT_EDIT = 2
#: ... and at least this many words are shared.
SHORT_SHARED = 2


def _one_word_apart(ta: Sequence[Token], tb: Sequence[Token]) -> bool:
    """Two short sentences (too short for the letter ratio) that differ in
    one run of a word or two and share the rest ("Call George now." /
    "Call Gregory now."; "Booleans are and, or, not." / "Booleans are and,
    or."): one sentence in two versions (audit4: both compared as "no
    substantive difference")."""
    sm = SequenceMatcher(None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False)
    runs = [(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    shared = sum(m.size for m in sm.get_matching_blocks())
    return len(runs) == 1 and max(runs[0]) <= SHORT_EDIT and shared >= SHORT_SHARED


#: Share of the shorter sentence's words that the longer must have, in order,
#: for the two to be one sentence with words put in (a clause added).
CONTAINED = 0.9
#: At most this many runs of words put in: more is a rewrite, not an insertion.
INSERTED_RUNS = 2
#: Words a run must have to be a clause put in (a word or two left out of a
#: short sentence is the key-term and near-identical rules' to judge).
CLAUSE_WORDS = 3


def contained(ta: Sequence[Token], tb: Sequence[Token], text_a: str, text_b: str) -> bool:
    """Whether one sentence is the other with a clause or two put in: every
    word but a few (``CONTAINED``) of the shorter is in the longer, in order,
    and what the longer has more comes in at most ``INSERTED_RUNS`` runs,
    one of ``CLAUSE_WORDS`` words or more
    ("the default format is X." / "the default format is X, except for
    remote-object-info commands which use Y"). Such a pair is too far
    apart in letters to be :func:`near_identical`, but it is one sentence
    in two versions: the clause put in is an edit. Words put in across a
    sentence end are not a clause (:func:`_across_sentences`), nor words
    before the first word both sides have (the end of the sentence before,
    which the other version cut off: bash's escape lists); ``text_a``
    and ``text_b`` are the texts the tokens' spans point into."""
    short, long_, text = (ta, tb, text_b) if len(ta) <= len(tb) else (tb, ta, text_a)
    if sum(len(t.norm) for t in short) < MIN_LETTERS:
        return False
    sm = SequenceMatcher(None, [t.norm for t in short], [t.norm for t in long_], autojunk=False)
    if sum(m.size for m in sm.get_matching_blocks()) < CONTAINED * len(short):
        return False
    runs = [(j1, j2) for tag, _, _, j1, j2 in sm.get_opcodes() if tag != "equal"]
    if len(runs) > INSERTED_RUNS or max((j2 - j1 for j1, j2 in runs), default=0) < CLAUSE_WORDS:
        return False
    if runs[0][0] == 0:
        return False  # words before the first shared word may end the sentence before, cut elsewhere
    return not any(_across_sentences(long_, j1, j2, text) for j1, j2 in runs)


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")


def _across_sentences(ts: Sequence[Token], j1: int, j2: int, text: str) -> bool:
    """Whether words ``j1:j2`` put in, with the words either side of them,
    run over a sentence end: then they are sentences that the two versions
    cut in other places ("-h Remove a trailing pathname component, leaving
    only the head. -t" / "-t"), not a clause put into one sentence."""
    start = ts[max(0, j1 - 1)].start
    end = ts[min(len(ts) - 1, j2)].end
    return _SENTENCE_END.search(text, start, end) is not None


def edits(ta: Sequence[Token], tb: Sequence[Token]) -> list[Edit]:
    """The changed runs of words between two near-identical sentences.

    A run whose letters are the same on both sides (a word split or glued
    by a PDF, a hyphenated word) is not an edit; runs close together (``GAP``
    words) are one edit.
    """
    ops = SequenceMatcher(None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False).get_opcodes()
    changed = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal" and "".join(t.norm for t in ta[i1:i2]) != "".join(t.norm for t in tb[j1:j2])
    ]
    merged: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in changed:
        if merged and i1 - merged[-1][1] <= GAP and j1 - merged[-1][3] <= GAP:
            p1, _, q1, _ = merged[-1]
            merged[-1] = (p1, i2, q1, j2)
        else:
            merged.append((i1, i2, j1, j2))
    return [
        _edit(ta, tb, *m)
        for m in merged
        if "".join(t.norm for t in ta[m[0] : m[1]]) != "".join(t.norm for t in tb[m[2] : m[3]])
    ]


def _edit(ta: Sequence[Token], tb: Sequence[Token], i1: int, i2: int, j1: int, j2: int) -> Edit:
    """The edit of words ``i1:i2`` of A for ``j1:j2`` of B; a word put in or
    taken out is shown with the next word (or the one before, at the end) on
    both sides, so that both excerpts have words."""
    if i1 == i2 or j1 == j2:
        if i2 < len(ta) and j2 < len(tb):
            i2, j2 = i2 + 1, j2 + 1
        elif i1 > 0 and j1 > 0:
            i1, j1 = i1 - 1, j1 - 1
    return Edit(_span(ta, i1, i2), _span(tb, j1, j2))


def _span(ts: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """Characters of words ``i`` to ``j``; for none, a zero-width span where they would be."""
    if i < j:
        return ts[i].start, ts[j - 1].end
    if i < len(ts):
        return ts[i].start, ts[i].start
    return (ts[-1].end, ts[-1].end) if ts else (0, 0)
