"""The frozen records a comparison produces.

text A, text B --segment--> Segment --align--> AlignedPair --diff--> Difference
                                                               \\--> Comparison
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from verify.model import Span

Kind = Literal["number", "date", "symbol", "name", "wording", "omission", "addition"]

KINDS: tuple[Kind, ...] = ("number", "date", "symbol", "name", "wording", "omission", "addition")


@dataclass(frozen=True)
class Segment:
    """One sentence of a text. ``text`` is the span's text with whitespace
    folded to single spaces; ``paragraph`` is the 0-based paragraph number."""

    index: int
    span: Span
    text: str
    paragraph: int


@dataclass(frozen=True)
class Excerpt:
    """Some text of one side and where it is in that side's canonical text."""

    text: str
    span: Span


@dataclass(frozen=True)
class AlignedPair:
    """Sentences of A and of B that say the same thing (one side may be empty).

    ``a`` and ``b`` are sentence indices (consecutive); ``score`` is the
    similarity in per-mille (0 for a sentence on one side only).
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    a_excerpt: Excerpt
    b_excerpt: Excerpt
    score: int

    @property
    def one_sided(self) -> bool:
        return not self.a or not self.b


@dataclass(frozen=True)
class Difference:
    """A substantive difference between the two texts.

    ``a`` and ``b`` are the two sides' texts and spans. Where a side has
    the thing that differs (a number, a name) its excerpt is that mention;
    where it has nothing to point at, it is the aligned sentence(s), and for
    an ``omission`` (in A only) or ``addition`` (in B only) the absent side
    is empty text at a zero-width span where the passage would be.
    ``detail`` is a short machine-made note ("60 != 61"); ``pair`` is the
    index of the aligned pair the difference was found in; ``value`` is the
    compared value of a number, date or symbol found on one side only.
    """

    kind: Kind
    a: Excerpt
    b: Excerpt
    detail: str
    pair: int
    value: str = ""


@dataclass(frozen=True)
class Rendering:
    """A difference that recurs through the two texts, the same each time: a
    translator's rendering ("Diana" / "Artemis", "Jesus answered and said" /
    "Jesus answering said"), reported once as a note, not counted as a
    difference per sentence. ``first`` is its first occurrence and ``count``
    the number of times it was found."""

    first: Difference
    count: int


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`verify.compare.compare_texts` found.

    ``notes`` are the renderings: differences that recur the same way
    through the texts, each reported once and not among ``differences``.
    """

    a_text: str
    b_text: str
    a_segments: tuple[Segment, ...]
    b_segments: tuple[Segment, ...]
    pairs: tuple[AlignedPair, ...]
    differences: tuple[Difference, ...]
    notes: tuple[Rendering, ...] = ()

    @property
    def identical(self) -> bool:
        """True when no substantive difference was found."""
        return not self.differences
