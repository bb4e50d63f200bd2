"""Compare two versions of a document: align them, report what differs.

>>> c = compare_texts("The 60th session met on 8 December 2005.",
...                   "The sixtieth session met on 8 December 2005.")
>>> c.identical
True
>>> [d.kind for d in compare_texts("Ten men came.", "Eleven men came.").differences]
['number']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from rapidfuzz import fuzz
from collections.abc import Callable, Mapping
from typing import Any

from verify.compare import align as _align
from verify.compare.across import aliased, aliases, idiomatic, names_of
from verify.compare.edits import tokens as edit_tokens
from verify.compare.diff import (
    Side,
    across_neighbours,
    cross_differences,
    MOVED_MIN,
    moved_across,
    moved_edge,
    name_keys,
    pair_differences,
    passages,
)
from verify.compare.language import detect
from verify.compare.leaders import blank_leaders
from verify.compare.names import SPELT_ALIKE, name_key, resolver
from verify.compare.model import (
    KINDS,
    AlignedPair,
    Comparison,
    Difference,
    Excerpt,
    Kind,
    Rendering,
    Segment,
)
from verify.compare.segment import segment
from verify.compare.similarity import LEXICAL_WEIGHT, features
from verify.compare.summary import summary, to_dict
from verify.compare.tokens import WORD
from verify.compare.wording import key_terms
from verify.model import Span

__all__ = [
    "KINDS",
    "AlignedPair",
    "Comparison",
    "Difference",
    "Excerpt",
    "Kind",
    "Rendering",
    "Segment",
    "compare_texts",
    "group_summary",
    "segment",
    "summary",
    "to_dict",
]


def compare_texts(a: str, b: str, langs: tuple[str, str] | None = None) -> Comparison:
    """Align canonical texts ``a`` and ``b`` and list their differences.

    ``langs`` are the languages of the two texts ("en", "fr", "es", "ru",
    "zh"), detected when not given. Two texts in different languages are
    aligned and compared on what survives translation: numbers, dates,
    symbols, names (by phonetic key) and passages on one side only.

    A table of contents' leader dots are read as spaces (same offsets,
    :mod:`verify.compare.leaders`): ``Introduction ....4`` and
    ``Introduction . . . . 4`` say the same page number.
    """
    la, lb = langs or (detect(a), detect(b))
    found = _compare(blank_leaders(a), blank_leaders(b), (la, lb))
    return replace(found, a_text=a, b_text=b)


def _compare(a: str, b: str, langs: tuple[str, str]) -> Comparison:
    la, lb = langs
    sa, sb = segment(a, la), segment(b, lb)
    beads = _align.align([s.text for s in sa], [s.text for s in sb], langs=(la, lb))
    pairs = tuple(_pair(bead, sa, sb, a, b) for bead in beads)
    if la != lb:
        return _compare_across(a, b, sa, sb, beads, pairs, (la, lb))
    terms = key_terms(a, b)
    common_a, common_b = _lower_case_words(a), _lower_case_words(b)
    names = _names(a, common_a) & _names(b, common_b)
    found: list[Difference] = []
    versions = _versions(a, b, pairs)
    unconfirmed = [not p.one_sided and _unconfirmed(p) for p in pairs]
    loose: set[int] = set()
    keys_a = [_capital_keys(p.a_excerpt.text) for p in pairs]
    keys_b = [_capital_keys(p.b_excerpt.text) for p in pairs]
    for index, (bead, pair) in enumerate(zip(beads, pairs, strict=True)):
        if pair.one_sided:
            continue
        if unconfirmed[index]:
            if not _held(pairs, unconfirmed, index):
                loose.add(index)
            continue
        window = slice(max(0, index - NEARBY), index + NEARBY + 1)
        wide = slice(max(0, index - AROUND), index + AROUND + 1)
        side_a = Side(
            a,
            sa[bead.a_start : bead.a_end],
            common_a,
            names,
            nearby=frozenset().union(*keys_a[window]),
            around=frozenset().union(*keys_a[wide]),
        )
        side_b = Side(
            b,
            sb[bead.b_start : bead.b_end],
            common_b,
            names,
            nearby=frozenset().union(*keys_b[window]),
            around=frozenset().union(*keys_b[wide]),
        )
        found.extend(pair_differences(side_a, side_b, index, terms, versions))
    found, notes = _habits(found, a, b, _capitalised, versions)
    found = across_neighbours(found)
    if versions:
        found = [d for d in found if not _split_elsewhere(d, pairs)]
    found.extend(passages(pairs, a, b, frozenset(loose), _absorbed(pairs)))
    found.sort(key=lambda d: (d.pair, d.a.span.start, d.b.span.start))
    return Comparison(a, b, sa, sb, pairs, tuple(found), notes)


#: How much closer (natural log of the length ratio) the lengths of a
#: neighbouring pair must agree with a one-sided sentence joined to its
#: side than without it, and how close they must then be, for the sentence
#: to be taken as said there by the other side.
ABSORBED_GAIN = 0.3
ABSORBED_FIT = 0.2


def _absorbed(pairs: tuple[AlignedPair, ...]) -> frozenset[int]:
    """One-sided pairs whose sentence the other text says inside a
    neighbouring pair: one translation cut a verse in two sentences ("Laban
    asked.", "Then my life will be saved."), the other wrote one, and the
    alignment left the short one alone. Proof is required, from lengths:
    the other side of the pair just before or after it is longer than its
    partner by about the sentence's length, and joined to that partner the
    sentence makes the two sides agree (``ABSORBED_FIT``) much better than
    without it (``ABSORBED_GAIN``). A verse deleted from one text leaves
    its neighbours as long as their partners: joining it spoils their
    agreement."""
    out: set[int] = set()
    for k, p in enumerate(pairs):
        if not p.one_sided:
            continue
        side, other = ("a", "b") if p.a else ("b", "a")
        size = len(getattr(p, f"{side}_excerpt").text)
        for j in (k - 1, k + 1):
            if not 0 <= j < len(pairs) or pairs[j].one_sided:
                continue
            there = len(getattr(pairs[j], f"{other}_excerpt").text)
            partner = len(getattr(pairs[j], f"{side}_excerpt").text)
            before, after = abs(math.log(there / partner)), abs(math.log(there / (partner + size + 1)))
            if after <= ABSORBED_FIT and after <= before - ABSORBED_GAIN:
                out.add(k)
                break
    return frozenset(out)


def _compare_across(
    a: str,
    b: str,
    sa: tuple[Segment, ...],
    sb: tuple[Segment, ...],
    beads: list[_align.Bead],
    pairs: tuple[AlignedPair, ...],
    langs: tuple[str, str],
) -> Comparison:
    common_a, common_b = _lower_case_words(a), _lower_case_words(b)
    # A Russian name is keyed as the other text writes it: "Аароном" is "Aaron".
    keys = (resolver(_capital_keys(b), langs[0] != "en"), resolver(_capital_keys(a), langs[1] != "en"))
    # ... and as the other text writes it where the pairs teach it: "Иудеи" is "Jews".
    learnt = aliases(
        [
            (names_of(p.a_excerpt.text, common_a, keys[0]), names_of(p.b_excerpt.text, common_b, keys[1]))
            for p in pairs
            if not p.one_sided
        ]
    )
    keys = (aliased(keys[0], learnt), keys[1])
    near_a = _windows([_capital_keys(p.a_excerpt.text, keys[0]) for p in pairs])
    near_b = _windows([_capital_keys(p.b_excerpt.text, keys[1]) for p in pairs])
    side_of = [
        (
            Side(a, sa[x.a_start : x.a_end], common_a, lang=langs[0], nearby=near_a[k]),
            Side(b, sb[x.b_start : x.b_end], common_b, lang=langs[1], nearby=near_b[k]),
        )
        for k, x in enumerate(beads)
    ]
    keys_a = {
        k for (sa_, _), p in zip(side_of, pairs, strict=True) if p.a for k, _, _ in name_keys(sa_, keys[0])
    }
    keys_b = {
        k for (_, sb_), p in zip(side_of, pairs, strict=True) if p.b for k, _, _ in name_keys(sb_, keys[1])
    }
    known = frozenset(keys_a & keys_b)
    found: list[Difference] = []
    for index, ((side_a, side_b), pair) in enumerate(zip(side_of, pairs, strict=True)):
        if not pair.one_sided:
            found.extend(cross_differences(side_a, side_b, index, known, keys))
    # two scripts: names meet by phonetic key
    cyrillic = keys[1] if langs[1] == "ru" else keys[0]  # Latin names keep their key either way
    found, notes = _habits(found, a, b, lambda t: _capital_keys(t, cyrillic))
    found = idiomatic(across_neighbours(found), langs)
    found.extend(passages(pairs, a, b))
    found.sort(key=lambda d: (d.pair, d.a.span.start, d.b.span.start))
    return Comparison(a, b, sa, sb, pairs, tuple(found), notes)


def group_summary(texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Summaries of every pair of a group of versions, for a manifest.

    ``texts`` maps each version's path to its canonical text. Pairs come in
    sorted path order (``a`` before ``b``), so the result is the same
    whatever order the versions were found in; each is :func:`summary` with
    the two paths added.
    """
    paths = sorted(texts)
    return [
        {"a": a, "b": b, **summary(compare_texts(texts[a], texts[b]))}
        for i, a in enumerate(paths)
        for b in paths[i + 1 :]
    ]


#: Share of aligned pairs identical letter for letter above which two texts
#: are versions of one text (an edition, a revision, a rendering), not two
#: translations: measured 0.87-0.96 on renderings of the bash documents and
#: on the Apache licence edited, 0.01-0.32 on pairs of English Bibles.
VERSIONS = 0.5


def _versions(a: str, b: str, pairs: tuple[AlignedPair, ...]) -> bool:
    """Whether most aligned pairs are the same sentence letter for letter
    (case, spacing, hyphenation and ligatures aside): then every changed word
    of a near-identical pair is an edit, not a paraphrase."""
    two_sided = [p for p in pairs if not p.one_sided]
    same = sum(_letters(a, p.a_excerpt.span) == _letters(b, p.b_excerpt.span) for p in two_sided)
    return bool(two_sided) and same >= VERSIONS * len(two_sided)


def _split_elsewhere(d: Difference, pairs: tuple[AlignedPair, ...]) -> bool:
    """Whether a version edit, or a name, number, date or symbol on one side
    only, is words the other version has in the neighbouring sentence (the
    two cut sentences in different places)."""
    if d.detail.endswith((" only in A", " only in B")):
        side = "b" if d.detail.endswith("A") else "a"
        mention = _letters_of(d.a.text if side == "b" else d.b.text)
        return len(mention) >= MOVED_MIN and any(
            mention in _letters_of(getattr(pairs[k], f"{side}_excerpt").text)
            for k in (d.pair - 1, d.pair + 1)
            if 0 <= k < len(pairs)
        )
    if d.kind != "wording" or not d.detail.startswith("'"):
        return False
    before = pairs[d.pair - 1] if d.pair > 0 else None
    after = pairs[d.pair + 1] if d.pair + 1 < len(pairs) else None
    empty = Excerpt("", Span(0, 0))

    def near(pair: AlignedPair | None, side: str) -> Excerpt:
        return getattr(pair, f"{side}_excerpt", empty) if pair else empty

    return any(
        _at_edge(getattr(d, side), getattr(pairs[d.pair], f"{side}_excerpt"))
        and moved_across(d, near(before, side), near(after, side), side)
        for side in ("a", "b")
    ) or any(
        moved_edge(d, _excerpt_of(pairs[d.pair], more), near(before, less), near(after, less), more)
        and not moved_edge(d, _excerpt_of(pairs[d.pair], more), near(before, more), near(after, more), more)
        for more, less in (("a", "b"), ("b", "a"))
    )  # the words at both edges on the side that has more: said twice, an edit


def _excerpt_of(pair: AlignedPair, side: str) -> Excerpt:
    return pair.a_excerpt if side == "a" else pair.b_excerpt


def _at_edge(x: Excerpt, whole: Excerpt, slack: int = 3) -> bool:
    """Whether an edit's words open or close the sentence(s) of its pair."""
    return x.span.start <= whole.span.start + slack or x.span.end >= whole.span.end - slack


def _letters_of(text: str) -> str:
    return "".join(t.norm for t in edit_tokens(text, 0, len(text)))


def _letters(text: str, span: Span) -> str:
    return "".join(t.norm for t in edit_tokens(text, span.start, span.end))


def _unconfirmed(pair: AlignedPair) -> bool:
    """Whether a pair was placed side by side on length alone: no content word,
    skeleton or number in common, and not the same text."""
    shared = features(pair.a_excerpt.text).keys() & features(pair.b_excerpt.text).keys()
    return not shared and pair.a_excerpt.text.lower() != pair.b_excerpt.text.lower()


HELD_LENGTH = 0.5
#: A name difference, or a word cut from a key term, found this many times the
#: same way is the translator's habit ("Jehovah" where the other says "the
#: Lord"), not a change: it is reported once, as a note.
HABIT = 3
#: Found twice, it is a rendering when one text never writes the name ("Diana"
#: / "Artemis", "Charran" / "Haran"); "Abram" put twice for "Shobal", names
#: both texts use, stays two differences.
RENDERING = 2


def _habit(d: Difference) -> str | None:
    """What makes a difference the same as another: the kind and detail of a
    name or of a word cut from a key term (never numbers, dates, symbols or
    passages)."""
    if d.kind == "name" or (d.kind == "wording" and d.detail.endswith((" missing in A", " missing in B"))):
        return f"{d.kind}: {d.detail}"
    return None


Fold = Callable[[str], frozenset[str]]


def _unwritten(d: Difference, words: tuple[frozenset[str], frozenset[str]], fold: Fold) -> bool:
    """Whether a difference names what the other text never writes (a word cut
    from a key term always counts): a rendering, seen twice, not a change."""
    if d.kind != "name":
        return True
    named_a = not d.detail.endswith(" only in B")  # else A's excerpt is the sentence, not a name
    named_b = not d.detail.endswith(" only in A")
    return (named_a and not fold(d.a.text) <= words[1]) or (named_b and not fold(d.b.text) <= words[0])


def _spelling(d: Difference, words: tuple[frozenset[str], frozenset[str]], fold: Fold) -> bool:
    """Whether a name difference is one name spelt two ways, each text
    keeping to its own spelling: neither text ever writes the other's form,
    and the two are spelt alike ("Phuvah" / "Puah", "Midian" / "Madiam").
    Seen once, it is a rendering; "Hadad" put for "Hadar" where the other
    text writes "Hadad" elsewhere stays a difference."""
    if d.kind != "name" or " != " not in d.detail:
        return False
    xa, xb = fold(d.a.text), fold(d.b.text)
    return (
        bool(xa and xb)
        and not xa & words[1]
        and not xb & words[0]
        and fuzz.ratio(d.a.text.lower(), d.b.text.lower()) >= SPELT_ALIKE
    )


def _rendering(
    d: Difference,
    count: int,
    words: tuple[frozenset[str], frozenset[str]],
    fold: Fold,
    versions: bool = False,
) -> bool:
    """Whether a name or key-term difference found ``count`` times the same way
    is the translator's rendering, not a change. In two versions of one text
    an edit made twice or more is still an edit (RFC 7911's legacy writer:
    "Simplified BSD License" twice for "Revised"): only a name spelt two ways
    is a rendering there."""
    if versions:
        return _spelling(d, words, fold)
    if count >= HABIT:
        return True
    return _unwritten(d, words, fold) if count >= RENDERING else _spelling(d, words, fold)


def _habits(
    found: list[Difference], a: str, b: str, fold: Fold, versions: bool = False
) -> tuple[list[Difference], tuple[Rendering, ...]]:
    """Split off the differences that recur the same way: a translation's
    convention ("Holy Ghost" / "Holy Spirit", "Goiim" where the other says
    "nations"), reported once as a :class:`Rendering` note. ``fold`` gives
    the names a text writes, to compare with the other text's: its
    capitalised words (:func:`_capitalised`), or across two languages their
    phonetic keys (:func:`_capital_keys`: "Jésus" and "Jesus" are one)."""
    keys = (fold(a), fold(b))
    habit = [_habit(d) for d in found]
    counts = Counter(k for k in habit if k is not None)
    kept: list[Difference] = []
    first: dict[str, Difference] = {}
    for d, k in zip(found, habit, strict=True):
        if k is None or not _rendering(d, counts[k], keys, fold, versions):
            kept.append(d)
        else:
            first.setdefault(k, d)
    notes = sorted(
        (Rendering(d, counts[k]) for k, d in first.items()),
        key=lambda r: (r.first.pair, r.first.a.span.start, r.first.b.span.start),
    )
    return kept, tuple(notes)


#: How many pairs either side of a pair count as its neighbourhood for names.
NEARBY = 4
#: ... and for a known name alone on one side (a speaker named where the
#: other translation says "he" is named by it a few verses away).
AROUND = 12
_CAPITALISED = re.compile(r"\b[^\W\d_][^\W_]+")


def _windows(keys: list[frozenset[str]]) -> list[frozenset[str]]:
    """For each pair, the keys of its neighbourhood (``NEARBY`` pairs either side)."""
    return [frozenset().union(*keys[max(0, k - NEARBY) : k + NEARBY + 1]) for k in range(len(keys))]


def _capitalised(text: str) -> frozenset[str]:
    """The capitalised words of a text, in lower case and without a possessive "'s"."""
    return frozenset(
        re.sub(r"['\u2019]s$", "", w).lower() for w in _CAPITALISED.findall(text) if w[0].isupper()
    )


def _capital_keys(text: str, key: Callable[[str], str] = name_key) -> frozenset[str]:
    return frozenset(key(w) for w in _CAPITALISED.findall(text) if w[0].isupper())


def _held(pairs: tuple[AlignedPair, ...], unconfirmed: list[bool], k: int) -> bool:
    """Whether an unconfirmed 1-1 pair sits between two confirmed pairs and its
    lengths agree: a paraphrase held in place by its neighbours ("And he arose
    and followed him." / "And he got up, and went with him."), not a passage
    on one side only."""
    pair = pairs[k]
    if len(pair.a) != 1 or len(pair.b) != 1 or not 0 < k < len(pairs) - 1:
        return False
    neighbours = (pairs[k - 1], pairs[k + 1])
    if any(p.one_sided for p in neighbours) or unconfirmed[k - 1] or unconfirmed[k + 1]:
        return False
    return pair.score >= 1000 * (1 - LEXICAL_WEIGHT) * HELD_LENGTH  # the score is its length agreement alone


_INNER_CAPITAL = re.compile(r"(?<=[a-z] )([A-Z][a-z]+)\b")  # after a word, not opening a speech


def _names(text: str, common: frozenset[str]) -> frozenset[str]:
    """Capitalised words written inside sentences and never in lower case:
    names, as phonetic keys ("Beth-el" and "Bethel" are one)."""
    return frozenset(name_key(w) for w in _INNER_CAPITAL.findall(text) if w.lower() not in common)


def _lower_case_words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text) if w.islower())


def _pair(bead: _align.Bead, sa: tuple[Segment, ...], sb: tuple[Segment, ...], a: str, b: str) -> AlignedPair:
    return AlignedPair(
        a=tuple(range(bead.a_start, bead.a_end)),
        b=tuple(range(bead.b_start, bead.b_end)),
        a_excerpt=_excerpt(sa, bead.a_start, bead.a_end, len(a)),
        b_excerpt=_excerpt(sb, bead.b_start, bead.b_end, len(b)),
        score=round(bead.score * 1000),
    )


def _excerpt(segments: tuple[Segment, ...], start: int, end: int, length: int) -> Excerpt:
    if start == end:  # nothing on this side: a zero-width span where it would be
        at = segments[start].span.start if start < len(segments) else length
        return Excerpt("", Span(at, at))
    segs = segments[start:end]
    return Excerpt(" ".join(s.text for s in segs), Span(segs[0].span.start, segs[-1].span.end))
