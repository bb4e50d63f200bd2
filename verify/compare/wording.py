"""Content words dropped from a term, and negations lost.

Paraphrase changes words all the time, so a word missing on one side is not
by itself a difference. Two cases are:

* **A key term cut short.** Key terms are runs of two or three content words
  that both documents repeat ("international information security"). When
  one side of an aligned pair has such a term with its first or last word
  missing ("experts on international information") and fewer whole
  occurrences of it than the other side, a word that gave the term its
  meaning was dropped.
* **A negation lost.** "not", "never", "cannot" counted on each side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from verify.compare.tokens import NEGATIONS, WORD, is_content, stem

KEY_TERM_MIN = 3
CONTEXT = 3


class Word(NamedTuple):
    """One word of a text with its stem (a tuple: texts have many words)."""

    start: int
    end: int
    text: str
    stem: str
    content: bool


def words(text: str, offset: int = 0) -> list[Word]:
    return [
        Word(m.start() + offset, m.end() + offset, m.group(), stem(m.group()), is_content(m.group()))
        for m in WORD.finditer(text)
    ]


def _ngrams(ws: list[Word], n: int) -> Iterable[tuple[str, ...]]:
    for i in range(len(ws) - n + 1):
        window = ws[i : i + n]
        if all(w.content for w in window):
            yield tuple(w.stem for w in window)


def key_terms(a: str, b: str) -> list[tuple[str, ...]]:
    """Runs of three content words that both texts use at least three times.

    (Pairs are too common: "member" without "States" is no cut.)
    """
    wa, wb = words(a), words(b)
    out: list[tuple[str, ...]] = []
    for n in (3,):
        ca, cb = Counter(_ngrams(wa, n)), Counter(_ngrams(wb, n))
        out.extend(t for t in ca if ca[t] >= KEY_TERM_MIN and cb[t] >= KEY_TERM_MIN)
    return sorted(out, key=lambda t: (-len(t), t))


@dataclass(frozen=True)
class Cut:
    """A term cut short on one side, and its best whole occurrence on the other."""

    term: str
    missing: str
    short: tuple[int, int]
    whole: tuple[int, int]


def _occurrences(ws: list[Word], term: tuple[str, ...]) -> list[int]:
    n = len(term)
    first = term[0]
    return [
        i
        for i, w in enumerate(ws[: len(ws) - n + 1])
        if w.stem == first and tuple(x.stem for x in ws[i : i + n]) == term
    ]


def cuts(short_side: list[Word], whole_side: list[Word], terms: list[tuple[str, ...]]) -> list[Cut]:
    """Terms that ``short_side`` has with a word dropped, where ``whole_side`` has them whole more often."""
    found: list[Cut] = []
    used: set[int] = set()
    here = {w.stem for w in short_side}
    there = {w.stem for w in whole_side}
    for term in terms:
        if not (set(term) <= there and (set(term[:-1]) <= here or set(term[1:]) <= here)):
            continue
        whole_here = _occurrences(short_side, term)
        whole_there = _occurrences(whole_side, term)
        if len(whole_here) >= len(whole_there):
            continue
        covered = {k for i in whole_here for k in range(i, i + len(term))}
        for part, missing in ((term[:-1], term[-1]), (term[1:], term[0])):
            for i in _occurrences(short_side, part):
                span = set(range(i, i + len(part)))
                if span & covered or span & used or _replaced(short_side, i, len(part), missing == term[0]):
                    continue
                used |= span
                best = max(
                    whole_there,
                    key=lambda j: _context_overlap(short_side, i, len(part), whole_side, j, len(term)),
                )
                texts = [w.text for w in whole_side[best : best + len(term)]]
                word = texts[-1] if missing == term[-1] and part == term[:-1] else texts[0]
                found.append(
                    Cut(
                        " ".join(texts),
                        word,
                        _window(short_side, i, len(part)),
                        _window(whole_side, best, len(term)),
                    )
                )
                break
    return found


def _replaced(ws: list[Word], i: int, n: int, first: bool) -> bool:
    """Whether the word of the term is there in another word: a content word
    stands where it would be ("every living creature" for "every living
    thing" is a paraphrase, not a cut)."""
    k = i - 1 if first else i + n
    return 0 <= k < len(ws) and ws[k].content and ws[k].text.islower()


def _window(ws: list[Word], i: int, n: int) -> tuple[int, int]:
    lo, hi = max(0, i - CONTEXT), min(len(ws), i + n + CONTEXT)
    return ws[lo].start, ws[hi - 1].end


def _context_overlap(xs: list[Word], i: int, n: int, ys: list[Word], j: int, m: int) -> int:
    cx = {w.stem for w in xs[max(0, i - 4) : i + n + 4] if w.content}
    cy = {w.stem for w in ys[max(0, j - 4) : j + m + 4] if w.content}
    return len(cx & cy)


def negations(ws: list[Word]) -> list[Word]:
    """The negative words ("not", "no", "never", "don't"); "No. 5" is a number sign."""
    return [
        w
        for k, w in enumerate(ws)
        if (w.text.lower() in NEGATIONS or w.text.lower().endswith(("n't", "n\u2019t")))
        and not (w.text == "No" and k + 1 < len(ws) and ws[k + 1].text[:1].isdigit())
    ]


_NEGATIVE_MEANING = frozenset(
    {
        "without",
        "nothing",
        "none",
        "never",
        "lest",
        "refuse",
        "refused",
        "cease",
        "ceased",
        "nay",
        "neither",
        "nor",
        "less",
        "fail",
        "failed",
        "deny",
        "denied",
        "forbid",
        "forbade",
        "instead",
        "rather",
        "nobody",
        "nowhere",
        "little",
        "few",
        "hardly",
        "only",
        "but",
        "save",
        "except",
    }
)


def negative(ws: list[Word]) -> bool:
    """Whether a side says something negative without a negation word ("refused",
    "without", "lest", "unclean"): the other side's "not" may be its paraphrase."""
    return any(
        w.text.lower() in _NEGATIVE_MEANING or (w.text.lower().startswith(("un", "dis")) and len(w.text) > 5)
        for w in ws
    )


POLARITY_WINDOW = 3


def negated_in_both(
    ws: list[Word], negs: list[Word], other: list[Word], other_negs: list[Word]
) -> Word | None:
    """The negation of ``ws`` that turns a statement both sides make, or None.

    A negation counts only when a content word near it (three words either
    side) is also on the other side, and there with no negation near it:
    "he will not go" / "he will go" disagree; "there was no food" / "there
    was a famine" phrase one fact two ways.
    """
    where_other: dict[str, list[int]] = {}
    for k, w in enumerate(other):
        if w.content:
            where_other.setdefault(w.stem, []).append(k)
    other_neg_at = [k for k, w in enumerate(other) if w in other_negs]
    index = {id(w): k for k, w in enumerate(ws)}
    for neg in negs:
        k = index[id(neg)]
        near = ws[max(0, k - POLARITY_WINDOW) : k + POLARITY_WINDOW + 1]
        for w in near:
            if not w.content or not w.text.islower() or w.stem not in where_other:
                continue
            if any(all(abs(j - n) > POLARITY_WINDOW for n in other_neg_at) for j in where_other[w.stem]):
                return neg
    return None
