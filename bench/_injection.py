"""What ``compare_injected.py`` and ``compare_crosslingual.py`` share.

Both benchmarks inject differences into one side of verse-aligned books
and score ``compare_texts`` the same way: the kinds are taken in turn at
about every ``every``-th verse (:func:`plan`), an injection is found when a
difference of its kind overlaps it (:func:`found`), and per pair a
:class:`Tally` adds up the hits per kind, the noise on the unmodified texts
(differences per 100 aligned pairs) and the strict verse-link alignment
precision, recall and F1.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from compare_alignment import Key

from verify.compare.model import Comparison, Difference

#: The books both benchmarks read.
BOOKS = ["Genesis", "Ruth", "Mark", "Acts"]
#: The injectors' own number words and month names, kept apart from the
#: detector's vocabulary (verify/compare/numbers.py) on purpose: an injector
#: sharing it could never make a word the detector does not know.
UNIT_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: Never two injections within this many verses.
GAP = 3
#: The kind of difference each injected kind must be reported as.
REPORTED_AS = {"number-word": "number", "number-digits": "number", "ordinal": "number", "negation": "wording"}

Made = tuple[str, str, tuple[int, int]]
#: ``apply(kind, a, b)`` -> (B's new verse, A's new verse, span of the change) or None.
Apply = Callable[[str, str, str], Made | None]
#: ``whole(keys, j, new_a, new_b)``: verse ``j`` is whole sentences on both sides.
Whole = Callable[[list[Key], int, dict[Key, str], dict[Key, str]], bool]


@dataclass(frozen=True)
class Injection:
    kind: str
    key: Key
    b_text: str  # the modified verse of B ("" for an omission)
    a_text: str  # A's verse (changed only for a date)
    marked: tuple[int, int]  # span of the change inside b_text (inside a_text for an omission)


def plan(
    va: dict[Key, str],
    vb: dict[Key, str],
    book: str,
    kinds: list[str],
    every: int,
    rng: random.Random,
    apply: Apply,
    whole: Whole,
) -> tuple[dict[Key, str], dict[Key, str], list[Injection]]:
    """Copies of both sides' verses of ``book``, B (and A for dates) injected.

    About one verse in ``every`` gets the next kind that applies to it (or to
    a verse just after it), never two within ``GAP`` verses.
    """
    keys = sorted(k for k in va if k[0] == book and va[k] and vb.get(k))
    new_a = {k: t for k, t in va.items() if k[0] == book}
    new_b = {k: t for k, t in vb.items() if k[0] == book}
    out: list[Injection] = []
    kind_at, last = 0, -GAP - 1
    position = rng.randrange(every)
    while position < len(keys):
        i = position
        position += every
        for tries in range(len(kinds) * 3):
            kind = kinds[(kind_at + tries) % len(kinds)]
            j = min(len(keys) - 1, i + tries // len(kinds))
            if j - last <= GAP:
                continue
            key = keys[j]
            if kind in ("omission", "addition") and not whole(keys, j, new_a, new_b):
                continue
            made = apply(kind, new_a[key], new_b[key])
            if made is None:
                continue
            b_new, a_new, marked = made
            new_b[key], new_a[key] = b_new, a_new
            out.append(Injection(kind, key, b_new, a_new, marked))
            kind_at, last = (kind_at + tries + 1) % len(kinds), j
            break
    return new_a, new_b, out


def found(
    inj: Injection,
    diffs: Iterable[Difference],
    where_a: dict[Key, tuple[int, int]],
    where_b: dict[Key, tuple[int, int]],
) -> bool:
    """Whether a difference of the injection's kind overlaps it (A's verse for an omission)."""
    want = REPORTED_AS.get(inj.kind, inj.kind)
    if inj.kind == "omission":
        s, e = where_a[inj.key]
        return any(d.kind == want and d.a.span.start < e and s < d.a.span.end for d in diffs)
    base = where_b[inj.key][0]
    s, e = base + inj.marked[0], base + inj.marked[1]
    return any(d.kind == want and d.b.span.start < e and s < d.b.span.end for d in diffs)


def aligned(c: Comparison) -> int:
    """The two-sided pairs of a comparison: what noise is counted per."""
    return sum(1 for p in c.pairs if not p.one_sided)


def spans(verse_spans: list[tuple[Key, int, int]]) -> dict[Key, tuple[int, int]]:
    return {k: (s, e) for k, s, e in verse_spans}


@dataclass
class Tally:
    """The running scores of one pair of texts over its books."""

    hits: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    noise: int = 0
    pairs: int = 0
    noise_kinds: Counter[str] = field(default_factory=Counter)
    notes: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def plain(self, c: Comparison) -> None:
        """Count the differences of an unmodified pair of texts as noise (and
        its renderings, reported once each as notes, apart)."""
        self.noise += len(c.differences)
        self.noise_kinds.update(d.kind for d in c.differences)
        self.notes += len(c.notes)
        self.pairs += aligned(c)

    def links(self, predicted: set[tuple[Key, Key]], gold: set[tuple[Key, Key]]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def injected(
        self,
        injections: list[Injection],
        diffs: list[Difference],
        sa: list[tuple[Key, int, int]],
        sb: list[tuple[Key, int, int]],
        show: int = 0,
    ) -> None:
        """Count which injections the comparison of the injected texts found;
        with ``show``, print each missed one on stderr (``show`` characters of A's verse)."""
        where_a, where_b = spans(sa), spans(sb)
        for inj in injections:
            ok = found(inj, diffs, where_a, where_b)
            self.hits[inj.kind][0] += ok
            self.hits[inj.kind][1] += 1
            if show and not ok:
                print(
                    f"  missed {inj.kind} {inj.key}: A {inj.a_text[:show]!r}\n      B {inj.b_text[:160]!r}",
                    file=sys.stderr,
                )

    def precision_recall(self) -> tuple[float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r

    def f1(self) -> float | None:
        p, r = self.precision_recall()
        return round(2 * p * r / (p + r), 4) if p + r else None

    def result(self, pair: str, kinds: list[str]) -> dict[str, object]:
        return {
            "pair": pair,
            "recall": {k: self.hits[k] for k in kinds if k in self.hits},
            "noise_per_100": round(100 * self.noise / self.pairs, 2) if self.pairs else 0.0,
            "noise_kinds": dict(sorted(self.noise_kinds.items())),
            "notes": self.notes,
        }
