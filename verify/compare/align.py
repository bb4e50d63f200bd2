"""Monotonic sentence alignment in about linear time.

1. **Anchors.** Each sentence of A looks up, through an inverted index of
   the rarer features of B, the few sentences of B it shares most with. The
   heaviest chain of such candidates that increases on both sides (a longest
   increasing subsequence weighted by similarity) is the skeleton of the
   alignment: it survives long passages present on one side only.
2. **Band.** The search is restricted to a band of ``BAND`` sentences around
   the line through the anchors, widened to cover every jump between them,
   so the number of cells grows with ``len(a) + len(b)``, not their product.
   Short texts are searched in full.
3. **Dynamic programme** (:mod:`verify.compare.search`). Inside the band,
   beads of 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1 sentences gain their
   :func:`~verify.compare.similarity.bead_score` minus ``THRESHOLD``, less
   ``MERGE_PENALTY`` per extra sentence; a sentence on one side only (1-0,
   0-1) costs ``SKIP``. The path with the highest total is kept.

The parameters were chosen on Ruth and Mark of six translation pairs and
the two seed translations, and checked on all books of all 86 pairs
(``bench/compare_alignment.py``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verify.compare.search import Grid, search
from verify.compare import lexicon
from verify.compare.similarity import (
    LATIN,
    Vector,
    bead_score,
    dot,
    features,
    length_agreement,
    vectors,
    weigh,
)

BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (1, 4),
    (4, 1),
)
WIDEST = max(max(x) for x in BEADS)
BAND = 12
#: Across languages the anchors are few (numbers, names): a wider band.
CROSS_BAND = 48
FULL_SEARCH_CELLS = 200_000
THRESHOLD = 0.32
#: Across two languages few features are shared and a bead's score is mostly
#: its length agreement: a lower threshold keeps unconfirmed 1-1 beads.
CROSS_THRESHOLD = 0.16
SKIP = 0.06
MERGE_PENALTY = 0.05
RARE_DF = 12
CANDIDATES = 3


@dataclass(frozen=True)
class Bead:
    """Sentences ``[a_start, a_end)`` of A aligned to ``[b_start, b_end)`` of B."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float


class _Scorer:
    """Bead scores from cached pairwise dot products."""

    def __init__(self, va: list[Vector], vb: list[Vector], la: Sequence[int], lb: Sequence[int]) -> None:
        self.va, self.vb = va, vb
        self.pa, self.pb = _prefix(la), _prefix(lb)
        self.na = [dot(v, v) for v in va]
        self.nb = [dot(v, v) for v in vb]
        self.ratio = (self.pb[-1] + 1.0) / (self.pa[-1] + 1.0)
        self.cross: dict[tuple[int, int], float] = {}
        self.self_a: dict[tuple[int, int], float] = {}
        self.self_b: dict[tuple[int, int], float] = {}

    def pair(self, i: int, j: int) -> float:
        key = (i, j)
        value = self.cross.get(key)
        if value is None:
            value = self.cross[key] = dot(self.va[i], self.vb[j])
        return value

    def _norm(
        self,
        vs: list[Vector],
        norms: list[float],
        cache: dict[tuple[int, int], float],
        lo: int,
        hi: int,
    ) -> float:
        total = sum(norms[lo:hi])
        for x in range(lo, hi):
            for y in range(x + 1, hi):
                value = cache.get((x, y))
                if value is None:
                    value = cache[(x, y)] = dot(vs[x], vs[y])
                total += 2 * value
        return total

    def score(self, a0: int, a1: int, b0: int, b1: int) -> float:
        d = sum(self.pair(i, j) for i in range(a0, a1) for j in range(b0, b1))
        na = self._norm(self.va, self.na, self.self_a, a0, a1)
        nb = self._norm(self.vb, self.nb, self.self_b, b0, b1)
        cosine = d / math.sqrt(na * nb) if na > 0 and nb > 0 else 0.0
        return bead_score(cosine, self.pa[a1] - self.pa[a0], self.pb[b1] - self.pb[b0], self.ratio)

    def agreement(self, a0: int, a1: int, b0: int, b1: int) -> float:
        """How well the lengths of two groups agree (1.0 at the texts' ratio)."""
        return length_agreement(self.pa[a1] - self.pa[a0], self.pb[b1] - self.pb[b0], self.ratio)

    def cosine(self, i: int, j: int) -> float:
        n = self.na[i] * self.nb[j]
        return self.pair(i, j) / math.sqrt(n) if n > 0 else 0.0


def _prefix(lengths: Sequence[int]) -> list[int]:
    out = [0]
    for x in lengths:
        out.append(out[-1] + x)
    return out


def align(
    a: Sequence[str],
    b: Sequence[str],
    idf: dict[str, float] | None = None,
    langs: tuple[str, str] = ("en", "en"),
) -> list[Bead]:
    """Align two sequences of sentences; every sentence is in exactly one bead.

    ``langs`` are the languages of ``a`` and ``b``: across two languages the
    sentences are compared on their numbers, names and lengths, then aligned
    again with the word pairs that first alignment teaches
    (:mod:`verify.compare.lexicon`)."""
    va, vb, _ = vectors(a, b, idf, langs)
    path, scorer = _path(a, b, va, vb, langs)
    if langs[0] != langs[1] and idf is None and LEXICON:
        va, vb = _with_lexicon(a, b, langs, path, scorer)
        path, scorer = _path(a, b, va, vb, langs)
    return [
        Bead(a0, a1, b0, b1, scorer.score(a0, a1, b0, b1) if a1 > a0 and b1 > b0 else 0.0)
        for a0, a1, b0, b1 in path
    ]


#: Across languages, align twice: the second time with the word pairs learnt
#: from the first alignment (:mod:`verify.compare.lexicon`).
LEXICON = True


def _with_lexicon(
    a: Sequence[str], b: Sequence[str], langs: tuple[str, str], path: Path, scorer: _Scorer
) -> tuple[list[Vector], list[Vector]]:
    """The sentences' vectors with the words that the first alignment's
    confident 1-1 pairs (lengths agreeing) show to be translations."""
    wa = [lexicon.words(t, langs[0]) for t in a]
    wb = [lexicon.words(t, langs[1]) for t in b]
    train = [
        (wa[a0], wb[b0])
        for a0, a1, b0, b1 in path
        if a1 - a0 == 1 and b1 - b0 == 1 and scorer.agreement(a0, a1, b0, b1) >= lexicon.TRAIN_AGREEMENT
    ]
    learnt = lexicon.learn(train)
    targets = set(learnt.values())
    cognates = langs[0] in LATIN and langs[1] in LATIN
    fa = [
        features(t, langs[0], True, cognates) + lexicon.translated(w, learnt)
        for t, w in zip(a, wa, strict=True)
    ]
    fb = [features(t, langs[1], True, cognates) + lexicon.own(w, targets) for t, w in zip(b, wb, strict=True)]
    va, vb, _ = weigh(fa, fb)
    return va, vb


def _path(
    a: Sequence[str], b: Sequence[str], va: list[Vector], vb: list[Vector], langs: tuple[str, str]
) -> tuple[Path, _Scorer]:
    scorer = _Scorer(va, vb, [len(t) for t in a], [len(t) for t in b])
    n, m = len(a), len(b)
    if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS:
        bands = [(0, m)] * (n + 1)
    else:
        bands = _bands(_anchors(scorer, va, vb), n, m, BAND if langs[0] == langs[1] else CROSS_BAND)
    grid = Grid(va, vb, [len(t) for t in a], [len(t) for t in b], bands, WIDEST)
    threshold = THRESHOLD if langs[0] == langs[1] else CROSS_THRESHOLD
    path = search(grid, BEADS, threshold, SKIP, MERGE_PENALTY)
    if langs[0] != langs[1]:
        path = [piece for bead in path for piece in _detach_by_length(bead, scorer, va, vb)]
        path = _attach_by_length(path, scorer)
        if CROSS_RESIDUAL:
            path = _attach_residual(path, va, vb)
    else:
        path = _attach(
            _crossed(_slide([piece for bead in path for piece in _detach(bead, va, vb, scorer)], va, vb)),
            va,
            vb,
        )
        path = _attach_residual(path, va, vb)
        path = _attach_featureless(path, a, b, va, vb)
    return path, scorer


#: A sentence at the edge of a merged bead that carries less than this share
#: of its weight in common with the other side is not part of the bead.
DETACH_SHARE = 0.12
DETACH_MIN_FEATURES = 4


#: A bead as (a0, a1, b0, b1): sentences a0:a1 of A against b0:b1 of B.
Bead4 = tuple[int, int, int, int]


def _detach(bead: Bead4, va: list[Vector], vb: list[Vector], scorer: _Scorer | None = None) -> list[Bead4]:
    """Split off a sentence at either end of a merged bead that shares next
    to nothing with the other side: a sentence added to (or left out of) one
    translation next to one they share, which the search had merged into its
    neighbour's bead because a merge costs less than a sentence left alone.
    With the ``scorer``'s lengths, also one that adds nothing to the bead
    (``_idle``) and without which the bead's lengths agree (``_shorter``)."""
    a0, a1, b0, b1 = bead

    def off(v: Vector, others: list[Vector], rest: list[Vector], without: Bead4) -> bool:
        return _stranger(v, others) or (
            scorer is not None and _idle(v, others, rest) and _shorter(scorer, bead, without)
        )

    if a1 - a0 >= 2 and b1 - b0 >= 1:
        if off(va[a0], vb[b0:b1], va[a0 + 1 : a1], (a0 + 1, a1, b0, b1)):
            return [(a0, a0 + 1, b0, b0), *_detach((a0 + 1, a1, b0, b1), va, vb, scorer)]
        if off(va[a1 - 1], vb[b0:b1], va[a0 : a1 - 1], (a0, a1 - 1, b0, b1)):
            return [*_detach((a0, a1 - 1, b0, b1), va, vb, scorer), (a1 - 1, a1, b1, b1)]
    if b1 - b0 >= 2 and a1 - a0 >= 1:
        if off(vb[b0], va[a0:a1], vb[b0 + 1 : b1], (a0, a1, b0 + 1, b1)):
            return [(a0, a0, b0, b0 + 1), *_detach((a0, a1, b0 + 1, b1), va, vb, scorer)]
        if off(vb[b1 - 1], va[a0:a1], vb[b0 : b1 - 1], (a0, a1, b0, b1 - 1)):
            return [*_detach((a0, a1, b0, b1 - 1), va, vb, scorer), (a1, a1, b1 - 1, b1)]
    return [bead]


def _idle(v: Vector, others: list[Vector], rest: list[Vector]) -> bool:
    """Whether a sentence at the edge of a merged bead adds nothing to it:
    what it shares with the other side, the rest of its side says as often
    ("And she conceived, and bore a son; and he called his name Er." before
    "And she conceived again, and bore a son; and she called his name Onan."
    against the second alone: a verse one translation lacks in a run of
    formulas)."""
    return _judged(v) and _covered(v, _excess(others, rest)) < DETACH_SHARE


#: How much closer (natural log of the length ratio) a merged bead's two
#: sides must agree without an idle edge sentence for it to be split off.
DETACH_GAIN = 0.3


def _shorter(scorer: _Scorer, bead: Bead4, without: Bead4) -> bool:
    """Whether a bead's two sides agree in length much better without one of
    its sentences (the other side never said it) than with it."""

    def gap(x: Bead4) -> float:
        la = scorer.pa[x[1]] - scorer.pa[x[0]]
        lb = scorer.pb[x[3]] - scorer.pb[x[2]]
        return abs(math.log(max(1, la) * scorer.ratio / max(1, lb)))

    return gap(without) <= gap(bead) - DETACH_GAIN


#: A sentence left alone whose weight is at least this much in a neighbouring
#: bead's other side belongs to that bead (a long sentence of one translation
#: that says what five short ones of the other say, more than a bead holds).
ATTACH_SHARE = 0.6


Path = list[tuple[int, int, int, int]]


def _join_alone(path: Path, into: Callable[[Path, int], int | None]) -> Path:
    """Merge each bead of one sentence on one side only into the neighbour
    that ``into(beads, k)`` names (``None``: it stays alone)."""
    out = list(path)
    k = 0
    while k < len(out):
        a0, a1, b0, b1 = out[k]
        alone = (a1 - a0 == 1 and b0 == b1) or (b1 - b0 == 1 and a0 == a1)
        best = into(out, k) if alone else None
        if best is None:
            k += 1
            continue
        k = _absorb(out, k, best)
    return out


def _attach(path: Path, va: list[Vector], vb: list[Vector]) -> Path:
    """Join single sentences left alone to the neighbouring bead that says what they say."""

    def into(out: Path, k: int) -> int | None:
        a0, a1, b0, _ = out[k]
        v, side = (va[a0], vb) if a1 > a0 else (vb[b0], va)
        best, best_share = None, ATTACH_SHARE
        for n in (k - 1, k + 1):
            if 0 <= n < len(out):
                x0, x1, y0, y1 = out[n]
                if x1 > x0 and y1 > y0:
                    group = side[y0:y1] if a1 > a0 else side[x0:x1]
                    own = va[x0:x1] if a1 > a0 else vb[y0:y1]
                    share = _share(v, group)
                    if share >= best_share and (
                        not _judged(v) or _covered(v, _excess(group, own)) >= DETACH_SHARE
                    ):
                        best, best_share = n, share
        return best

    return _join_alone(path, into)


#: A sentence left alone that has at least this share of its weight among the
#: words a neighbouring bead's other side says more than its own side is that
#: bead's split or merge. Measured on the tuned pairs: injected omissions and
#: additions reach at most 0.17; of the sentences still left alone on the
#: unmodified pairs at 0.3, another tenth reach 0.25.
RESIDUAL_SHARE = 0.25


def _attach_residual(path: Path, va: list[Vector], vb: list[Vector]) -> Path:
    """Join a sentence left alone to the neighbouring bead whose other side
    says what it says beyond what the bead's own side says: one translation
    split off, or merged in, what the other says within that bead ("And she
    ceased to bear." / "...; and she left off bearing."). Only the excess
    counts, so a deleted sentence whose words its neighbours repeat (a
    genealogy's formulas) stays alone: the neighbour's other side has no
    words to spare for it."""

    def into(out: Path, k: int) -> int | None:
        a0, a1, b0, _ = out[k]
        v = va[a0] if a1 > a0 else vb[b0]
        spare: dict[int, Vector] = {}
        for n in (k - 1, k + 1):
            if 0 <= n < len(out) and _paired(out[n]):
                x0, x1, y0, y1 = out[n]
                own, other = (va[x0:x1], vb[y0:y1]) if a1 > a0 else (vb[y0:y1], va[x0:x1])
                spare[n] = _excess(other, own)
        both: Vector = {}
        for excess in spare.values():
            both.update({key: max(w, both.get(key, 0.0)) for key, w in excess.items()})
        if not spare or _covered(v, both) < RESIDUAL_SHARE:
            return None
        return max(spare, key=lambda n: _covered(v, spare[n]))

    return _join_alone(path, into)


def _excess(group: list[Vector], against: list[Vector]) -> Vector:
    """The weight of each feature that ``group`` has beyond ``against``."""
    total: Vector = defaultdict(float)
    for vec in group:
        for key, w in vec.items():
            total[key] += w
    for vec in against:
        for key, w in vec.items():
            total[key] -= w
    return {key: w for key, w in total.items() if w > 0}


def _covered(v: Vector, spare: Vector) -> float:
    """The share of ``v``'s weight that ``spare`` can account for."""
    total = sum(v.values())
    return sum(min(w, spare.get(key, 0.0)) for key, w in v.items()) / total if total > 0 else 0.0


_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def _count(words: tuple[str, ...], texts: Sequence[str]) -> int:
    """How many times ``words`` occur, as a run of words, in ``texts`` (joined)."""
    whole = _words(" ".join(texts))
    n = len(words)
    return sum(whole[i : i + n] == words for i in range(len(whole) - n + 1))


def _attach_featureless(
    path: Path, a: Sequence[str], b: Sequence[str], va: list[Vector], vb: list[Vector]
) -> Path:
    """Join a sentence left alone that has no feature to be weighed by (only
    stop words and short tokens: "Same as -C.") to the neighbouring bead whose
    other side says it, word for word, more times than the bead's own side.
    The two renderings cut a list of short entries in different places and
    the search, blind to such a sentence, paired its twin with the
    neighbour's words; a sentence neither neighbour repeats stays alone."""

    def into(out: Path, k: int) -> int | None:
        a0, a1, b0, _ = out[k]
        v, text = (va[a0], a[a0]) if a1 > a0 else (vb[b0], b[b0])
        words = _words(text)
        if v or not words:
            return None
        for n in (k - 1, k + 1):
            if 0 <= n < len(out) and _paired(out[n]):
                x0, x1, y0, y1 = out[n]
                own, other = (a[x0:x1], b[y0:y1]) if a1 > a0 else (b[y0:y1], a[x0:x1])
                if _count(words, other) > _count(words, own):
                    return n
        return None

    return _join_alone(path, into)


#: Across languages: a merged bead whose lengths agree at most this well, and
#: at least ``FIT`` without a sentence at its edge that shares nothing with
#: the other side, loses that sentence.
MISFIT, FIT = 0.35, 0.75


def _detach_by_length(
    bead: tuple[int, int, int, int], scorer: _Scorer, va: list[Vector], vb: list[Vector]
) -> list[tuple[int, int, int, int]]:
    """Split off an edge sentence that makes a merged bead too long on one side
    (a passage added to one translation, which the search merged into the
    neighbouring bead because, across languages, little else is shared)."""
    a0, a1, b0, b1 = bead
    if a1 == a0 or b1 == b0 or (a1 - a0 < 2 and b1 - b0 < 2):
        return [bead]
    whole = scorer.agreement(a0, a1, b0, b1)
    if whole > MISFIT:
        return [bead]
    options = []
    if a1 - a0 >= 2:
        options += [
            ((a0 + 1, a1, b0, b1), (a0, a0 + 1, b0, b0), va[a0], vb[b0:b1], "first"),
            ((a0, a1 - 1, b0, b1), (a1 - 1, a1, b1, b1), va[a1 - 1], vb[b0:b1], "last"),
        ]
    if b1 - b0 >= 2:
        options += [
            ((a0, a1, b0 + 1, b1), (a0, a0, b0, b0 + 1), vb[b0], va[a0:a1], "first"),
            ((a0, a1, b0, b1 - 1), (a1, a1, b1 - 1, b1), vb[b1 - 1], va[a0:a1], "last"),
        ]
    best = max(options, key=lambda o: scorer.agreement(*o[0]))
    rest, alone, v, others, where = best
    if scorer.agreement(*rest) < FIT or (v and _share(v, others) > 0):
        return [bead]
    return (
        [alone, *_detach_by_length(rest, scorer, va, vb)]
        if where == "first"
        else [*_detach_by_length(rest, scorer, va, vb), alone]
    )


#: A 1-1 pair whose sentences share less than this with each other, where one
#: of them shares ``SLIDE_MARGIN`` more with a neighbouring bead, is a shift.
SLIDE_WEAK = 0.35
SLIDE_MARGIN = 0.15
SLIDE_FIT = 0.5


def _slide(
    path: list[tuple[int, int, int, int]], va: list[Vector], vb: list[Vector]
) -> list[tuple[int, int, int, int]]:
    """Undo a shift around a sentence on one side only: where the search paired
    an omitted sentence with the next one of the other side ("...called her
    name Dinah." / "And she called his name Zebulun."), and that one says
    more with the neighbouring bead, it moves there and the omitted sentence
    is left alone."""
    out = list(path)
    for k, (a0, a1, b0, b1) in enumerate(out):
        if a1 - a0 != 1 or b1 - b0 != 1:
            continue
        for mover, other, left in ((vb[b0], va[a0], "b"), (va[a0], vb[b0], "a")):
            own = _share(mover, [other])
            if _share(other, [mover]) >= SLIDE_WEAK:
                continue
            target = None
            for n in (k - 1, k + 1):
                if 0 <= n < len(out) and _paired(out[n]):
                    x0, x1, y0, y1 = out[n]
                    group = va[x0:x1] if left == "b" else vb[y0:y1]
                    there = _share(mover, group)
                    if there > own + SLIDE_MARGIN and there >= SLIDE_FIT:
                        target = n
                        break
            if target is None:
                continue
            x0, x1, y0, y1 = out[target]
            if left == "b":
                out[target] = (x0, x1, min(y0, b0), max(y1, b1))
                out[k] = (a0, a1, b1, b1) if target < k else (a0, a1, b0, b0)
            else:
                out[target] = (min(x0, a0), max(x1, a1), y0, y1)
                out[k] = (a1, a1, b0, b1) if target < k else (a0, a0, b0, b1)
            break
    return out


#: Across languages too, a sentence left alone joins the neighbouring bead
#: whose other side says what it says beyond the bead's own side
#: (:func:`_attach_residual`; with the learnt lexicon's words).
CROSS_RESIDUAL = True

#: Across languages, a sentence left alone joins a neighbouring bead when the
#: bead's lengths then agree this much better.
ATTACH_GAIN = 0.1


def _attach_by_length(path: Path, scorer: _Scorer) -> Path:
    """Join a sentence left alone to the neighbouring bead whose lengths it
    evens out: one translation cut in two what the other says in one (a
    Chinese speech 「……。……」 is two sentences), not a passage on one side."""

    def into(out: Path, k: int) -> int | None:
        a0, a1, b0, b1 = out[k]
        best, gain = None, ATTACH_GAIN
        for n in (k - 1, k + 1):
            if 0 <= n < len(out) and _paired(out[n]):
                x0, x1, y0, y1 = out[n]
                merged = (min(x0, a0), max(x1, a1), min(y0, b0), max(y1, b1))
                g = scorer.agreement(*merged) - scorer.agreement(x0, x1, y0, y1)
                if g >= gain:
                    best, gain = n, g
        return best

    return _join_alone(path, into)


def _absorb(out: list[tuple[int, int, int, int]], k: int, into: int) -> int:
    """Merge bead ``k`` into bead ``into`` (its neighbour), drop it, and return
    the index to look at next."""
    a0, a1, b0, b1 = out[k]
    x0, x1, y0, y1 = out[into]
    out[into] = (min(x0, a0), max(x1, a1), min(y0, b0), max(y1, b1))
    del out[k]
    return max(0, k - 1)


def _crossed(path: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """One sentence of A alone next to one sentence of B alone, between two
    aligned beads, are one pair that the search found too unlike to join: a
    loose paraphrase ("And he gave him tithes of all." / "Then Abram gave him
    a tenth of all the goods he had taken."). The comparison decides, from
    its neighbours and lengths, whether to trust it."""
    out: list[tuple[int, int, int, int]] = []
    k = 0
    while k < len(path):
        if k + 1 < len(path):
            (a0, a1, b0, b1), (c0, c1, d0, d1) = path[k], path[k + 1]
            one_a = (a1 - a0 == 1 and b0 == b1) and (d1 - d0 == 1 and c0 == c1)
            one_b = (b1 - b0 == 1 and a0 == a1) and (c1 - c0 == 1 and d0 == d1)
            inside = bool(out) and k + 2 < len(path) and _paired(out[-1]) and _paired(path[k + 2])
            if (one_a or one_b) and inside:
                out.append((min(a0, c0), max(a1, c1), min(b0, d0), max(b1, d1)))
                k += 2
                continue
        out.append(path[k])
        k += 1
    return out


def _paired(bead: tuple[int, int, int, int]) -> bool:
    return bead[1] > bead[0] and bead[3] > bead[2]


def _share(v: Vector, others: list[Vector]) -> float:
    keys = set().union(*others)
    total = sum(v.values())
    return sum(w for k, w in v.items() if k in keys) / total if total > 0 else 0.0


def _stranger(v: Vector, others: list[Vector]) -> bool:
    return _judged(v) and sum(v.values()) > 0 and _share(v, others) < DETACH_SHARE


def _judged(v: Vector) -> bool:
    """Whether a sentence has words enough to judge what it shares."""
    return sum(1 for k in v if not k.startswith("~")) >= DETACH_MIN_FEATURES


def idf(a: Sequence[str], b: Sequence[str], langs: tuple[str, str] = ("en", "en")) -> dict[str, float]:
    """The inverse document frequencies of the features of two texts' sentences."""
    return vectors(a, b, None, langs)[2]


_CLAUSE_END = re.compile(r"(?:[,;:]|\s--|\u2014)(?=\s)|--(?=\S)|[，；：](?=\S)")
MIN_CLAUSE = 12


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence: cut after , ; : and dashes.

    Pieces shorter than ``MIN_CLAUSE`` characters stay with the next one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.end() - start >= MIN_CLAUSE:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        if spans and len(text) - start < MIN_CLAUSE:
            spans[-1] = (spans[-1][0], len(text))
        else:
            spans.append((start, len(text)))
    return spans


def refine(
    a: str, b: str, idf: dict[str, float], langs: tuple[str, str] = ("en", "en")
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """A finer alignment inside one aligned pair: clause spans of ``a`` against ``b``.

    Long sentences translate into long sentences whose clauses still follow
    each other; aligning the clauses with the same search locates points
    inside a pair (a verse or clause boundary) more precisely. One-sided
    clauses are merged into their neighbour, so the result covers both texts.
    """
    ca, cb = clauses(a), clauses(b)
    if len(ca) < 2 or len(cb) < 2:
        return [((0, len(a)), (0, len(b)))]
    beads = [
        x
        for x in align([a[s:e] for s, e in ca], [b[s:e] for s, e in cb], idf, langs)
        if x.a_end > x.a_start and x.b_end > x.b_start
    ]
    if not beads:
        return [((0, len(a)), (0, len(b)))]
    # Clauses on one side only go with the next piece (or the last one).
    cut_a = [0, *(ca[x.a_end - 1][1] for x in beads[:-1]), len(a)]
    cut_b = [0, *(cb[x.b_end - 1][1] for x in beads[:-1]), len(b)]
    return [((cut_a[k], cut_a[k + 1]), (cut_b[k], cut_b[k + 1])) for k in range(len(beads))]


def _anchors(scorer: _Scorer, va: list[Vector], vb: list[Vector]) -> list[tuple[int, int]]:
    """A monotone chain of confident 1-1 matches found through rare features."""
    df: dict[str, int] = defaultdict(int)
    index: dict[str, list[int]] = defaultdict(list)
    for j, v in enumerate(vb):
        for k in v:
            df[k] += 1
            index[k].append(j)
    for v in va:
        for k in v:
            df[k] += 1
    points: list[tuple[int, int, float]] = []
    for i, v in enumerate(va):
        hits: dict[int, int] = defaultdict(int)
        for k in v:
            if df[k] <= RARE_DF:
                for j in index.get(k, ()):
                    hits[j] += 1
        best = sorted(hits, key=lambda j: -hits[j])[: CANDIDATES * 3]
        scored = sorted(((scorer.cosine(i, j), j) for j in best), reverse=True)[:CANDIDATES]
        points.extend((i, j, c) for c, j in scored if c >= 0.25)
    return _heaviest_chain(points)


def _heaviest_chain(points: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The strictly increasing chain of points with the largest total weight."""
    points.sort()
    js = sorted({p[1] for p in points})
    rank = {j: r for r, j in enumerate(js)}
    size = len(js)
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best_val: list[float] = [0.0] * len(points)
    back: list[int] = [-1] * len(points)
    start = 0
    while start < len(points):
        end = start
        while end < len(points) and points[end][0] == points[start][0]:
            end += 1
        for p in range(start, end):  # query all of row i before any update
            r = rank[points[p][1]]  # prefix max over ranks < r
            val, idx, x = 0.0, -1, r
            while x > 0:
                if tree_val[x] > val:
                    val, idx = tree_val[x], tree_idx[x]
                x -= x & -x
            best_val[p], back[p] = val + points[p][2] ** 2, idx
        for p in range(start, end):
            x = rank[points[p][1]] + 1
            while x <= size:
                if best_val[p] > tree_val[x]:
                    tree_val[x], tree_idx[x] = best_val[p], p
                x += x & -x
        start = end
    if not points:
        return []
    p = max(range(len(points)), key=lambda q: best_val[q])
    chain: list[tuple[int, int]] = []
    while p >= 0:
        chain.append((points[p][0], points[p][1]))
        p = back[p]
    return chain[::-1]


def _bands(anchors: list[tuple[int, int]], n: int, m: int, band: int = BAND) -> list[tuple[int, int]]:
    """For each row ``i`` of the search, the range of ``j`` to explore.

    The line through the anchors gives each row a centre (a range, where the
    line jumps); each row's band covers its neighbours' centres too, so a
    jump between two rows stays inside the band, plus ``BAND`` either side.
    """
    knots = [(0, 0), *[(i + 1, j + 1) for i, j in anchors], (n, m)]
    lo = [math.inf] * (n + 1)
    hi = [-math.inf] * (n + 1)
    for (x0, y0), (x1, y1) in itertools.pairwise(knots):
        for i in range(x0, x1 + 1):
            y = y0 if x1 == x0 else y0 + (y1 - y0) * (i - x0) / (x1 - x0)
            lo[i], hi[i] = (
                min(lo[i], y, y1 if x1 == x0 else y),
                max(hi[i], y, y1 if x1 == x0 else y),
            )
    bands: list[tuple[int, int]] = []
    for i in range(n + 1):
        low = min(lo[max(i - 1, 0)], lo[i])
        high = max(hi[i], hi[min(i + 1, n)])
        bands.append((max(0, int(low) - band), min(m, math.ceil(high) + band)))
    return bands
