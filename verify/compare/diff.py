"""Differences between two aligned texts.

One function per kind of difference, each taking the two sides of one
aligned pair; :func:`pair_differences` runs them all on a pair, and
:func:`passages` turns runs of sentences with no counterpart into `omission`
and `addition` passages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from verify.compare import edits as ed
from verify.compare import names as nm
from verify.compare import wording as wd
from verify.compare.model import AlignedPair, Difference, Excerpt, Kind, Segment
from verify.compare.similarity import INNER_CAPITAL
from verify.compare.numbers import Mention, date_compatible, label, mentions, number_word, symbol_compatible
from verify.model import Span


@dataclass(frozen=True)
class Side:
    """One side of an aligned pair: its canonical text and its sentences.

    ``common`` holds the words the whole document writes in lower case: a
    capitalised word that is one of them ("Nay", "Listen" opening a quoted
    speech) is not taken for a name. ``names`` holds the names (phonetic
    keys) that both documents write inside sentences: a single-word name replaced
    by another of them is a swap ("Seth" / "Enos"), not a paraphrase.
    ``nearby`` holds the phonetic keys of the capitalised words of this side
    in the pair and its neighbours: a known name that the other side has
    nowhere near was put there, not paraphrased. ``around`` holds them for a
    wider neighbourhood: a translation names the speaker where the other
    says "he" ("Stephen replied" / "And he said"), and the other names him
    a few verses before or after, not always within ``nearby``.
    """

    text: str
    segments: tuple[Segment, ...]
    common: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    lang: str = "en"
    nearby: frozenset[str] = frozenset()
    around: frozenset[str] = frozenset()

    @property
    def span(self) -> Span:
        return Span(self.segments[0].span.start, self.segments[-1].span.end)

    @property
    def excerpt(self) -> Excerpt:
        return Excerpt(" ".join(s.text for s in self.segments), self.span)

    def slice(self) -> str:
        return self.text[self.span.start : self.span.end]

    @cached_property
    def mentions(self) -> list[Mention]:
        """Numbers, dates and symbols of the sentences, spans in the whole text."""
        out: list[Mention] = []
        for seg in self.segments:
            for m in mentions(self.text[seg.span.start : seg.span.end], self.lang):
                out.append(
                    Mention(
                        m.kind,
                        m.start + seg.span.start,
                        m.end + seg.span.start,
                        m.text,
                        m.value,
                        m.weak,
                        m.ordinal,
                    )
                )
        return out

    def words(self) -> list[wd.Word]:
        return wd.words(self.slice(), self.span.start)

    def terms(self) -> list[nm.Term]:
        starts = frozenset(s.span.start - self.span.start for s in self.segments)
        found = [self._trimmed(t, starts) for t in nm.terms(self.slice(), self.span.start)]
        return [t for t in found if t.words and self._name_like(t, starts)]

    def _name_like(self, t: nm.Term, starts: frozenset[str] | frozenset[int]) -> bool:
        """Several words, or one word the document never writes in lower case
        and, at the start of a sentence, one it uses as a name elsewhere."""
        if len(t.words) > 1:
            return True
        word = t.words[0].lower()
        if word in self.common:
            return False
        return t.start - self.span.start not in starts or nm.name_key(word) in self.names

    def _trimmed(self, t: nm.Term, starts: frozenset[int]) -> nm.Term:
        """The term without a common word that is capitalised only because it
        opens the sentence ("Howbeit Jesus" is "Jesus"), nor a trailing "I"."""
        words = list(t.words)
        start, text = t.start, t.text
        if len(words) > 1 and t.start - self.span.start in starts and words[0].lower() in self.common:
            cut = text.index(words[1], len(words[0]))
            start, text, words = start + cut, text[cut:], words[1:]
        if len(words) > 1 and words[-1] == "I":
            text, words = text[: text.rindex("I")].rstrip(), words[:-1]
        return nm.Term(start, start + len(text), text, tuple(words))

    def cut(self, start: int, end: int) -> Excerpt:
        return Excerpt(" ".join(self.text[start:end].split()), Span(start, end))


def _excerpt(m: Mention) -> Excerpt:
    return Excerpt(" ".join(m.text.split()), Span(m.start, m.end))


def _mentions(kind: Kind, a: Side, b: Side, same: Callable[[str, str], bool], pair: int) -> list[Difference]:
    ma = [m for m in a.mentions if m.kind == kind]
    mb = [m for m in b.mentions if m.kind == kind]
    left_a, left_b = _match(ma, mb, same)
    return _report(kind, left_a, left_b, a, b, pair)


def _match(
    ma: list[Mention], mb: list[Mention], same: Callable[[str, str], bool]
) -> tuple[list[Mention], list[Mention]]:
    """Pair mentions of the same value; return the strong ones left on each side.

    Strong mentions pair first, with strong partners first; a weak mention
    ("one", "first") pairs only with a strong one ("1", "1st").
    """
    changed_a, changed_b, ma, mb = _ordinals(ma, mb, same)
    left_b = sorted(mb, key=lambda m: m.weak)
    left_a: list[Mention] = []
    for m in sorted(ma, key=lambda m: m.weak):
        partner = _closest(m, [x for x in left_b if same(m.value, x.value)], ma, mb)
        if partner is None:
            left_a.append(m)
        else:
            left_b.remove(partner)
    strong_a = sorted((m for m in left_a if not m.weak), key=lambda m: m.start)
    strong_b = sorted((m for m in left_b if not m.weak), key=lambda m: m.start)
    # "first" against "second": two weak ordinals that disagree are a difference
    weak_a = [m for m in left_a if m.weak and m.ordinal]
    weak_b = [m for m in left_b if m.weak and m.ordinal]
    if weak_a and weak_b and not strong_a and not strong_b:
        n = min(len(weak_a), len(weak_b))
        strong_a, strong_b = (
            sorted(weak_a, key=lambda m: m.start)[:n],
            sorted(weak_b, key=lambda m: m.start)[:n],
        )
    return changed_a + strong_a, changed_b + strong_b


def _closest(m: Mention, cands: list[Mention], ma: list[Mention], mb: list[Mention]) -> Mention | None:
    """The candidate whose place among B's mentions is nearest ``m``'s among
    A's: where one of two "third"s was "second", the one that stayed pairs
    with A's "third", and the changed one is reported."""
    if len(cands) < 2:
        return cands[0] if cands else None
    return min(cands, key=lambda x: abs(_place(m, ma) - _place(x, mb)))


def _place(m: Mention, ms: list[Mention]) -> float:
    """Where a mention is among its side's mentions, from 0 (first) to 1 (last)."""
    starts = sorted(x.start for x in ms)
    return starts.index(m.start) / (len(starts) - 1) if len(starts) > 1 else 0.5


def _ordinals(
    ma: list[Mention], mb: list[Mention], same: Callable[[str, str], bool]
) -> tuple[list[Mention], list[Mention], list[Mention], list[Mention]]:
    """Ordinals on both sides that disagree ("the second time" / "the third
    time"), as many as both sides have left after pairing equal ones; they
    are differences even where a cardinal of the same value is near ("twice").
    Returns them and the mentions left to pair by value."""
    oa, ob = [m for m in ma if m.ordinal], [m for m in mb if m.ordinal]
    for m in list(oa):
        partner = _closest(m, [x for x in ob if same(m.value, x.value)], ma, mb)
        if partner is not None:
            oa.remove(m)
            ob.remove(partner)
    n = min(len(oa), len(ob))
    changed_a, changed_b = oa[:n], ob[:n]
    return (
        changed_a,
        changed_b,
        [m for m in ma if m not in changed_a],
        [m for m in mb if m not in changed_b],
    )


def _report(
    kind: Kind, left_a: list[Mention], left_b: list[Mention], a: Side, b: Side, pair: int
) -> list[Difference]:
    out: list[Difference] = []
    for x, y in zip(left_a, left_b, strict=False):
        out.append(Difference(kind, _excerpt(x), _excerpt(y), f"{label(x)} != {label(y)}", pair))
    for x in left_a[len(left_b) :]:
        out.append(Difference(kind, _excerpt(x), b.excerpt, f"{label(x)} only in A", pair, x.value))
    for y in left_b[len(left_a) :]:
        out.append(Difference(kind, a.excerpt, _excerpt(y), f"{label(y)} only in B", pair, y.value))
    return out


def numbers(a: Side, b: Side, pair: int) -> list[Difference]:
    """Numbers by value; a number left over may be part of a date on the other
    side, or be a small value the other side has too, said fewer times ("seven
    males and seven females" / "by sevens"), but not an ordinal ("the second
    time" / "the third time ... twice")."""
    ma = [m for m in a.mentions if m.kind == "number"]
    mb = [m for m in b.mentions if m.kind == "number"]
    left_a, left_b = _split_number(*_match(ma, mb, str.__eq__))
    left_b, left_a = _split_number(left_b, left_a)
    in_dates_a = _date_parts(a)
    in_dates_b = _date_parts(b)
    values_a, values_b = _small(ma), _small(mb)
    left_a = [m for m in left_a if m.value not in in_dates_b and (m.ordinal or m.value not in values_b)]
    left_b = [m for m in left_b if m.value not in in_dates_a and (m.ordinal or m.value not in values_a)]
    left_a, left_b = _hours(left_a, left_b, a, b)
    left_b, left_a = _hours(left_b, left_a, b, a)
    return _report("number", left_a, left_b, a, b, pair)


#: "the ninth hour" (an ordinal before "hour") ...
_OLD_HOUR = re.compile(r"\s+hour\b", re.IGNORECASE)
#: ... and a time by the clock ("three o'clock", "nine in the morning").
_CLOCK = re.compile(
    r"\s+(?:o['\u2019]clock|in the (?:morning|afternoon|evening)|at night|that night|[ap]\.m\.)",
    re.IGNORECASE,
)
_NOON = re.compile(r"\b(?:noon|midday|mid-day)\b", re.IGNORECASE)


def _by_clock(text: str, m: Mention) -> bool:
    """Whether a number is a time by the clock: "three o'clock", "nine in the
    morning", or "at three" ending a clause ("And, at three, Jesus called out")."""
    return bool(_CLOCK.match(text, m.end)) or (
        text[max(0, m.start - 3) : m.start].lower() == "at " and text[m.end : m.end + 1] in ",.;:"
    )


def _hours(
    left_a: list[Mention], left_b: list[Mention], a: Side, b: Side
) -> tuple[list[Mention], list[Mention]]:
    """Drop an hour of the day said the old way on one side ("the ninth hour",
    counted from sunrise or sunset: six hours on the clock's count) and by
    the clock on the other ("three in the afternoon"; the sixth hour is
    "noon"): one time, two reckonings."""
    for m in [x for x in left_a if x.ordinal and x.value.isdigit() and _OLD_HOUR.match(a.text, x.end)]:
        clock = str((int(m.value) + 5) % 12 + 1)
        twin = next((y for y in left_b if y.value == clock and _by_clock(b.text, y)), None)
        if twin is not None:
            left_a, left_b = [x for x in left_a if x is not m], [y for y in left_b if y is not twin]
        elif clock == "12" and _NOON.search(b.slice()):
            left_a = [x for x in left_a if x is not m]
    return left_a, left_b


def _split_number(left_a: list[Mention], left_b: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Drop a number of B that A says in two parts, its tens and then its
    units ("ninety years old and nine" / "ninety-nine years old")."""
    for m in list(left_b):
        whole = int(m.value) if m.value.isdigit() else -1
        parts = next(
            (
                (x, y)
                for x in left_a
                for y in left_a
                if x.start < y.start
                and x.value.isdigit()
                and y.value.isdigit()
                and int(x.value) % 10 == 0
                and 0 < int(y.value) < 10
                and int(x.value) + int(y.value) == whole
            ),
            None,
        )
        if parts is not None:
            left_b.remove(m)
            left_a = [x for x in left_a if x not in parts]
    return left_a, left_b


REPEATED = 12


def _small(ms: list[Mention]) -> set[str]:
    """Values up to twelve: the ones a translation repeats or not at will
    ("seven males and seven females"); a larger one (an age, a sum) said again
    is said again on purpose."""
    return {m.value for m in ms if m.value.isdigit() and int(m.value) <= REPEATED}


def _date_parts(side: Side) -> set[str]:
    parts: set[str] = set()
    for m in side.mentions:
        if m.kind == "date":
            parts.update(p.lstrip("0") for p in m.value.split("-") if "?" not in p)
    return parts


def dates(a: Side, b: Side, pair: int) -> list[Difference]:
    return _mentions("date", a, b, date_compatible, pair)


def symbols(a: Side, b: Side, pair: int) -> list[Difference]:
    return _mentions("symbol", a, b, symbol_compatible, pair)


def names(a: Side, b: Side, pair: int) -> list[Difference]:
    """Terms with words the other side lacks, paired across the two sides.

    Terms that share a word pair first ("Regional Antiterrorist Structure",
    "Regional Counter-Terrorism Structure"); then names that the other side
    lacks entirely pair in reading order ("Vladimir Putin", "Dmitry
    Medvedev"; single words only when spelt alike: "Pharez", "Perez"). A
    multi-word name left without a partner is reported on its own; a single
    word is not (it is too often a paraphrase).
    """
    va, vb = nm.Vocabulary.of(a.slice()), nm.Vocabulary.of(b.slice())
    odd_a = [(t, u) for t in a.terms() if (u := nm.uncovered(t, vb))]
    odd_b = [(t, u) for t in b.terms() if (u := nm.uncovered(t, va))]
    out: list[Difference] = []
    for ta, ua in list(odd_a):
        partner = max(odd_b, key=lambda x: nm.shared(ta, x[0]), default=None)
        if partner is not None and nm.shared(ta, partner[0]) > 0:
            odd_a.remove((ta, ua))
            odd_b.remove(partner)
            out.append(_name(a, b, ta, partner[0], f"{' '.join(ua)} != {' '.join(partner[1])}", pair))
    absent_a = [t for t, u in odd_a if len(u) == len(t.words)]
    absent_b = [t for t, u in odd_b if len(u) == len(t.words)]
    for ta in list(absent_a):
        tb = next((t for t in absent_b if nm.counterparts(ta, t)), None)
        if tb is not None:
            absent_a.remove(ta)
            absent_b.remove(tb)
            out.append(_name(a, b, ta, tb, f"{ta.text} != {tb.text}", pair))
    inner_a, inner_b = _inner_names(odd_a, a), _inner_names(odd_b, b)
    for ta in [*absent_a, *inner_a]:  # one known name put for another: "Seth" / "Enos"
        tb = min(  # of the known names of B, the one at the same place
            (t for t in [*absent_b, *inner_b] if _known(t, b) and _known(ta, a)),
            key=lambda t: abs(_at(t, b) - _at(ta, a)),
            default=None,
        )
        if tb is not None and (ta in absent_a or tb in absent_b) and _placed(ta, tb, a, b, inner_a + inner_b):
            for found, where in ((ta, absent_a), (ta, inner_a), (tb, absent_b), (tb, inner_b)):
                if found in where:
                    where.remove(found)
            out.append(_name(a, b, ta, tb, f"{ta.text} != {tb.text}", pair))
    for ta in absent_a:
        if (len(ta.words) > 1 and _unseen(ta, b)) or _stray(ta, a, b):
            out.append(Difference("name", a.cut(ta.start, ta.end), b.excerpt, f"{ta.text} only in A", pair))
    for tb in absent_b:
        if (len(tb.words) > 1 and _unseen(tb, a)) or _stray(tb, b, a):
            out.append(Difference("name", a.excerpt, b.cut(tb.start, tb.end), f"{tb.text} only in B", pair))
    if not out:
        out.extend(_recounted(a, b, pair))
    return out


def _inner_names(odd: list[tuple[nm.Term, list[str]]], side: Side) -> list[nm.Term]:
    """The one known name that a longer term lacks on the other side, as a
    term of its own: "Gomorrah of the Most High God" where the other side
    says "Abram of the most high God" is a name put for another, which the
    longer term hides ("Most High God" is said by both). Only for a swap
    with a name the other side has alone; never reported by itself."""
    out = []
    for t, u in odd:
        if len(t.words) < 2 or len(u) != 1 or u[0] not in t.words:
            continue
        at = re.search(r"(?<![^\W_])" + re.escape(u[0]) + r"(?![^\W_])", t.text)
        if at is None:
            continue
        inner = nm.Term(t.start + at.start(), t.start + at.end(), u[0], (u[0],))
        if _known(inner, side):
            out.append(inner)
    return out


def _recounted(a: Side, b: Side, pair: int) -> list[Difference]:
    """Known names that one side says more often than the other, put for each
    other: in a long pair that still names the original elsewhere ("journeyed
    to Succoth ... called Succoth" / "journeyed to Succoth ... called Cainan"),
    presence alone cannot see the swap; the counts can. Only where both sides
    say one known name once more than the other side."""
    ka, kb = _known_words(a), _known_words(b)
    count_a = Counter(nm.name_key(t.words[0]) for t in ka)
    count_b = Counter(nm.name_key(t.words[0]) for t in kb)
    more_a, more_b = count_a - count_b, count_b - count_a
    if list(more_a.values()) != [1] or list(more_b.values()) != [1]:
        return []  # one name said once more on each side, or it is not one put for another
    (key_a,), (key_b,) = more_a, more_b
    if not count_b[key_a]:
        return []  # a name the other side lacks in the whole pair: presence's business
    xs = [t for t in ka if nm.name_key(t.words[0]) == key_a]
    ys = [t for t in kb if nm.name_key(t.words[0]) == key_b]
    ta, tb = min(  # of the mentions of the two names, the two at the same place
        ((x, y) for x in xs for y in ys), key=lambda xy: abs(_at(xy[0], a) - _at(xy[1], b))
    )
    singles = {(t.start, t.end) for side in (a, b) for t in side.terms() if len(t.words) == 1}
    if any((t.start, t.end) not in singles for t in [*ka, *kb]) and not _placed(ta, tb, a, b, [ta, tb]):
        return []  # counted with names inside longer terms: only a name at the same place
    return [_name(a, b, ta, tb, f"{ta.text} != {tb.text}", pair)]


#: A name found inside a longer term is one put for another only at about
#: the same place of the pair on both sides (share of the pair's length).
INNER_PLACE = 0.15


def _placed(ta: nm.Term, tb: nm.Term, a: Side, b: Side, inner: list[nm.Term]) -> bool:
    """Whether two names may be one put for the other: any two single names,
    but a name inside a longer term ("Sopater of Berea" / "Sopater, son of
    Pyrrhus, a Beroean") only at about the same place on both sides."""
    return (ta not in inner and tb not in inner) or abs(_at(ta, a) - _at(tb, b)) <= INNER_PLACE


def _known_words(side: Side) -> list[nm.Term]:
    """The known names of a side, each a term of its own, also those inside
    a longer term: "the God of Isaac, and the Pilate of Jacob" says "God"
    once less and "Pilate" once more than "the God of Isaac, and the God of
    Jacob"."""
    out = []
    for t in side.terms():
        if len(t.words) == 1:
            out.extend([t] if _known(t, side) else [])
            continue
        at = t.start
        for w in t.words:
            k = side.text.find(w, at, t.end)
            if k < 0:
                break
            at = k + len(w)
            word = nm.Term(k, at, w, (w,))
            if w[:1].isupper() and _known(word, side):
                out.append(word)
    return out


def _at(t: nm.Term, side: Side) -> float:
    """Where a term is in its side's sentences, from 0 (start) to 1 (end)."""
    span = side.span
    return (t.start - span.start) / max(1, span.end - span.start)


def _unseen(t: nm.Term, other: Side) -> bool:
    """Whether some capitalised word of a term is nowhere near on the other
    side ("Son of God" is not news where the other side says "God" and "Son"
    in the next sentence)."""
    keys = [nm.name_key(w) for w in t.words if w[:1].isupper()]
    return not other.nearby or any(k not in other.nearby for k in keys)


def _stray(t: nm.Term, side: Side, other: Side) -> bool:
    """A known single name that the other side has nowhere near (not even
    spelt another way): put in, not paraphrased ("Noah" / "Rebekah"); of a
    hyphenated name, a known part where the other side has the compound with
    another part ("Sodom" of "Sodom-Cain" for "Tubal-cain"; not "Beer" of
    "Beer-lahai-roi", which the other side renders "Fountain of Life")."""
    if not other.nearby or len(t.words) != 1:
        return False
    near = other.nearby if _said_more(other, side) else other.around or other.nearby
    parts = _HYPHEN.split(t.words[0])
    if len(parts) == 1:
        return _known(t, side) and nm.name_key(t.words[0]) not in near
    if not {p.lower() for p in parts} & _compound_parts(other.slice()):
        return False  # not one part of a compound changed: a name rendered otherwise
    return any(
        _known(nm.Term(t.start, t.end, p, (p,)), side) and nm.name_key(p) not in other.nearby
        for p in parts
        if p[:1].isupper()
    )


def _said_more(side: Side, other: Side) -> bool:
    """Whether ``side`` says some known name of the pair more often than
    ``other`` does: a name of ``other`` may stand in one of its places (a
    swap, also in a pair that still names the original elsewhere), so a
    name alone there is judged on the near neighbourhood only."""
    count = Counter(nm.name_key(t.words[0]) for t in side.terms() if _known(t, side))
    fewer = Counter(nm.name_key(t.words[0]) for t in other.terms() if _known(t, other))
    return any(n > fewer[k] for k, n in count.items())


def _compound_parts(text: str) -> set[str]:
    """The parts, in lower case, of the hyphenated words of a text."""
    return {p.lower() for w in nm.NAME_WORD.findall(text) if _HYPHEN.search(w) for p in _HYPHEN.split(w) if p}


_HYPHEN = re.compile(r"[-\u2010\u2011\u2013]")


#: Capitalised words that open a speech or a clause, never names.
OPENERS = frozenset(
    [
        "nay",
        "yea",
        "yes",
        "no",
        "beware",
        "whereas",
        "whoso",
        "whosoever",
        "behold",
        "lo",
        "verily",
        "amen",
        "alas",
        "woe",
        "hail",
        "howbeit",
        "notwithstanding",
        "wherefore",
        "therefore",
        "truly",
        "surely",
        "listen",
        "see",
        "hear",
        "come",
        "go",
        "oh",
    ]
)


def _known(t: nm.Term, side: Side) -> bool:
    """A known single name; never a number word, which capitalised is a
    title ("the Mighty One of Jacob" / "the mighty God of Jacob")."""
    word = t.words[0]
    return (
        len(t.words) == 1
        and len(word) >= 3
        and word.lower() not in OPENERS
        and not number_word(word)
        and nm.name_key(word) in side.names
    )


def _name(a: Side, b: Side, ta: nm.Term, tb: nm.Term, detail: str, pair: int) -> Difference:
    return Difference("name", a.cut(ta.start, ta.end), b.cut(tb.start, tb.end), detail, pair)


def wording(a: Side, b: Side, pair: int, terms: list[tuple[str, ...]]) -> list[Difference]:
    """Key terms cut short on one side; negations present on one side only."""
    wa, wb = a.words(), b.words()
    out: list[Difference] = []
    for c in wd.cuts(wa, wb, terms):
        out.append(
            Difference(
                "wording",
                a.cut(*c.short),
                b.cut(*c.whole),
                f"'{c.missing}' of '{c.term}' missing in A",
                pair,
            )
        )
    for c in wd.cuts(wb, wa, terms):
        out.append(
            Difference(
                "wording",
                a.cut(*c.whole),
                b.cut(*c.short),
                f"'{c.missing}' of '{c.term}' missing in B",
                pair,
            )
        )
    out.extend(_negation(a, b, wa, wb, pair))
    return out


def _negation(a: Side, b: Side, wa: list[wd.Word], wb: list[wd.Word], pair: int) -> list[Difference]:
    """Each negation on one side that turns a statement the other side makes
    without one, pointed at the negation; the other side's excerpt is the
    aligned sentence(s).

    Where both have as many, a negation may have moved or been phrased
    another way ("Jacob sent not" / "Jacob did not send"; "found them not in
    the prison" / "did not find them in the prison"): the side with no more
    negations than the other is judged only where the other side has the
    same words with only the negation taken out ("and will not deceive
    many" / "and will deceive many", beside a "See that no one deceive
    you" of the other side). Each negation is judged on its own clause
    (:func:`wd.flipped`)."""
    na = [w for w in wd.negations(wa) if _negates(a, w)]
    nb = [w for w in wd.negations(wb) if _negates(b, w)]
    out = []
    for w, why in wd.flipped(wa, na, wb, a.text, b.text, exact=len(na) <= len(nb)):
        detail = f"negation: '{w.text}' in A, '{why.text}' without one in B"
        out.append(Difference("wording", a.cut(w.start, w.end), b.excerpt, detail, pair))
    for w, why in wd.flipped(wb, nb, wa, b.text, a.text, exact=len(nb) <= len(na)):
        detail = f"negation: '{w.text}' in B, '{why.text}' without one in A"
        out.append(Difference("wording", a.excerpt, b.cut(w.start, w.end), detail, pair))
    return out


def _negates(side: Side, w: wd.Word) -> bool:
    """Whether a negative word turns a statement: not an answer ("No,"), not
    in a question, not an elliptic "or not" / "if not" (the statement is the
    other clause's)."""
    if _answer(side.text, w) or _asked(side, w):
        return False
    return not (w.text.lower() == "not" and _ELLIPTIC.search(side.text, 0, w.start) is not None)


_ELLIPTIC = re.compile(r"\b(?:or|if)\s+$", re.IGNORECASE)


def _answer(text: str, w: wd.Word) -> bool:
    """A "No," or "No!" that answers: it refuses what was said before, and the
    statement that follows is as positive as the other side's ("No, we will
    go back with you" / "Surely we will return with thee")."""
    return w.text.lower() == "no" and text[w.end : w.end + 1] in (",", ";", "!")


_CLAUSE_END = re.compile(r"[.!?;:`\"\u201c\u2018]")


def _asked(side: Side, w: wd.Word) -> bool:
    """Whether a negation is in a question: a rhetorical question says with
    "not" what the other side states ("Is not he rightly named Jacob?" / "Is
    it because he is named Jacob"), so its polarity is not compared."""
    end = _CLAUSE_END.search(side.text, w.end, side.span.end)
    return end is not None and end.group() == "?"


def name_keys(side: Side, key: Callable[[str], str] = nm.name_key) -> list[tuple[str, int, int]]:
    """The phonetic keys (``key``) of the capitalised words inside the side's
    sentences, with their spans: names, comparable across scripts ("Авраам",
    "Abraham")."""
    out = []
    for seg in side.segments:
        for m in INNER_CAPITAL.finditer(side.text, seg.span.start, seg.span.end):
            word = m.group(1)
            if word[0].isupper() and word.lower() not in side.common:
                k = key(word)
                if len(k) >= 2:
                    out.append((k, m.start(1), m.end(1)))
    return out


#: Each side's phonetic key of a name (:func:`verify.compare.names.resolver`).
NameKeys = tuple[Callable[[str], str], Callable[[str], str]]
PLAIN_KEYS: NameKeys = (nm.name_key, nm.name_key)


def cross_names(
    a: Side,
    b: Side,
    pair: int,
    known: frozenset[str],
    keys: NameKeys = PLAIN_KEYS,
) -> list[Difference]:
    """A name on each side that the other side of the pair lacks, both names
    that the two documents share (by phonetic key): one put for the other.

    A name on one side only is reported when the other side has it nowhere
    near (translations write "he" for a name, but not far from it).
    """
    ka, kb = name_keys(a, keys[0]), name_keys(b, keys[1])
    keys_a, keys_b = {k for k, _, _ in ka}, {k for k, _, _ in kb}
    odd_a = [x for x in ka if x[0] in known and x[0] not in keys_b]
    odd_b = [x for x in kb if x[0] in known and x[0] not in keys_a]
    out = []
    for (_, sa, ea), (_, sb, eb) in zip(odd_a, odd_b, strict=False):
        out.append(
            Difference("name", a.cut(sa, ea), b.cut(sb, eb), f"{a.text[sa:ea]} != {b.text[sb:eb]}", pair)
        )
    for key, s, e in odd_a[len(odd_b) :]:
        if b.nearby and key not in b.nearby:
            out.append(Difference("name", a.cut(s, e), b.excerpt, f"{a.text[s:e]} only in A", pair))
    for key, s, e in odd_b[len(odd_a) :]:
        if a.nearby and key not in a.nearby:
            out.append(Difference("name", a.excerpt, b.cut(s, e), f"{b.text[s:e]} only in B", pair))
    return out


def cross_differences(
    a: Side,
    b: Side,
    pair: int,
    known: frozenset[str],
    keys: NameKeys = PLAIN_KEYS,
) -> list[Difference]:
    """What survives translation, compared across two languages: symbols,
    dates, numbers and names (``keys``: each side's phonetic key of a name)."""
    found = [
        *symbols(a, b, pair),
        *dates(a, b, pair),
        *numbers(a, b, pair),
        *cross_names(a, b, pair, known, keys),
    ]
    return sorted(found, key=lambda d: (d.a.span.start, d.b.span.start))


def pair_differences(
    a: Side, b: Side, pair: int, terms: list[tuple[str, ...]], versions: bool = False
) -> list[Difference]:
    """Every difference inside one aligned pair, in reading order of A; with
    ``versions`` (the two texts are versions of one text, not translations),
    also every changed word of a near-identical pair."""
    named = names(a, b, pair)
    found = [
        *symbols(a, b, pair),
        *dates(a, b, pair),
        *numbers(a, b, pair),
        *named,
    ]
    edited = version_edits(a, b, pair) if versions else None
    if edited is not None:  # every changed word is reported, negations and cut terms among them
        found.extend(d for d in edited if not any(_points_at(x, d, a, b) for x in found))
    else:
        found.extend(d for d in wording(a, b, pair, terms) if not any(_same_words(n, d, a, b) for n in named))
    return sorted(found, key=lambda d: (d.a.span.start, d.b.span.start))


def version_edits(a: Side, b: Side, pair: int) -> list[Difference] | None:
    """Every changed word of a pair whose two sides are near-identical (a
    version or a rendering of one sentence, not a translation of it), or
    one of which is the other with a clause put in; None for a pair that is
    neither."""
    ta, tb = ed.tokens(a.text, a.span.start, a.span.end), ed.tokens(b.text, b.span.start, b.span.end)
    if not (ed.near_identical(ta, tb) or ed.contained(ta, tb, a.text, b.text)):
        return None
    out = []
    for e in ed.edits(ta, tb):
        xa, xb = a.cut(*e.a), b.cut(*e.b)
        out.append(Difference("wording", xa, xb, f"'{xa.text}' != '{xb.text}'", pair))
    return out


#: Fewer letters than this are found in any neighbouring sentence by chance.
MOVED_MIN = 4


def moved_across(edit: Difference, before: Excerpt, after: Excerpt, side: str) -> bool:
    """Whether an edit is only words that the two versions put in different
    sentences: what one side has more is in the other side's neighbouring
    pair (``before`` or ``after``, on ``side``, the side that has less)."""
    la, lb = _letters(edit.a.text), _letters(edit.b.text)
    more, less = (la, lb) if side == "b" else (lb, la)
    if len(less) > len(more) and (less.startswith(more) or less.endswith(more)):
        return False  # ``side`` has more: words put in there, shown beside a word both have
    if not less or len(more) <= len(less):
        extra = more
    elif more.startswith(less):
        extra = more[len(less) :]
    elif more.endswith(less):
        extra = more[: -len(less)]
    else:
        return False
    return len(extra) >= MOVED_MIN and (extra in _letters(before.text) or extra in _letters(after.text))


def moved_edge(edit: Difference, more: Excerpt, less_before: Excerpt, less_after: Excerpt, side: str) -> bool:
    """Whether an edit is only words moved across a sentence edge: the side
    that has more (``side``; ``more`` is its pair's excerpt) has them at the
    edge of the pair, before or after words both sides have, and the other
    side ends its pair before (``less_before``) or opens its pair after
    (``less_after``) with exactly those words ("-k The maximum" / "signals.
    -k" then "The maximum": two renderings that cut an option list into
    sentences in other places). Position is the proof, so a word of one
    letter counts, which ``moved_across`` cannot trust."""
    x_more, x_less = (edit.b, edit.a) if side == "b" else (edit.a, edit.b)
    t_more, t_less = _norms(x_more.text), _norms(x_less.text)
    k = len(t_more) - len(t_less)
    if k <= 0:
        return False
    lead, trail = t_more[:k], t_more[len(t_less) :]
    if t_more[k:] == t_less and x_more.span.start <= more.span.start + EDGE_SLACK:
        return _norms(less_before.text)[-k:] == lead
    if t_more[: len(t_less)] == t_less and x_more.span.end >= more.span.end - EDGE_SLACK:
        return _norms(less_after.text)[:k] == trail
    return False


#: Characters of marks ("-", "(") an edit at a sentence edge may leave out.
EDGE_SLACK = 3


def _norms(text: str) -> list[str]:
    return [t.norm for t in ed.tokens(text, 0, len(text))]


def _letters(text: str) -> str:
    return "".join(t.norm for t in ed.tokens(text, 0, len(text)))


def _points_at(found: Difference, edit: Difference, a: Side, b: Side) -> bool:
    """Whether an earlier difference already points at the words of an edit
    on one side (a number, a name): one changed word is one difference."""
    return any(
        f.span != side.span and f.span.start < e.span.end and e.span.start < f.span.end
        for f, e, side in ((found.a, edit.a, a), (found.b, edit.b, b))
    )


def _same_words(name: Difference, other: Difference, a: Side, b: Side) -> bool:
    """Whether a name difference and a wording difference point at the same
    words (one changed word is one difference, not a name and a wording),
    judged only on the sides where both point at words, not at the whole
    pair: "Jehovah only in A" points at all of B, and a negation of B is
    not that name."""
    sides = [
        (n, o)
        for n, o, side in ((name.a, other.a, a), (name.b, other.b, b))
        if n.span != side.span and o.span != side.span
    ]
    return bool(sides) and all(o.span.start < n.span.end and n.span.start < o.span.end for n, o in sides)


def across_neighbours(found: list[Difference]) -> list[Difference]:
    """Drop one-sided numbers, dates and symbols that the other side has in the next pair.

    Where two translations cut sentences differently, "ten" may fall in
    one pair on one side and "10" in the neighbouring pair on the other.
    """
    index: dict[tuple[str, str, int, str], list[int]] = defaultdict(list)
    for k, d in enumerate(found):
        if d.value and d.kind in ("number", "date", "symbol"):
            index[(d.kind, d.value, d.pair, d.detail[-1])].append(k)  # detail ends "only in A" or "B"
    dropped: set[int] = set()
    for (kind, value, pair, side), ks in index.items():
        other = "B" if side == "A" else "A"
        for k in ks:
            if k in dropped:
                continue
            for neighbour in (pair - 1, pair + 1):
                match = next(
                    (x for x in index.get((kind, value, neighbour, other), ()) if x not in dropped), None
                )
                if match is not None:
                    dropped.update((k, match))
                    break
    return [d for k, d in enumerate(found) if k not in dropped]


def passages(
    pairs: Sequence[AlignedPair],
    a_text: str,
    b_text: str,
    loose: frozenset[int] = frozenset(),
    absorbed: frozenset[int] = frozenset(),
) -> list[Difference]:
    """Runs of one-sided pairs, as one omission and/or one addition each.

    ``loose`` pairs (aligned, but sharing no content word, number or name)
    count as one-sided on both sides: nothing confirms that they say the
    same thing. ``absorbed`` one-sided pairs are sentences the other text
    says within a neighbouring pair: not passages.
    """

    def alone(k: int) -> bool:
        return (pairs[k].one_sided and k not in absorbed) or k in loose

    out: list[Difference] = []
    i = 0
    while i < len(pairs):
        if not alone(i):
            i += 1
            continue
        j = i
        while j < len(pairs) and alone(j):
            j += 1
        run = pairs[i:j]
        a_part = [p for p in run if p.a]
        b_part = [p for p in run if p.b]
        a_at = _insertion_point(pairs, i, j, "a", len(a_text))
        b_at = _insertion_point(pairs, i, j, "b", len(b_text))
        if a_part:
            span = Span(a_part[0].a_excerpt.span.start, a_part[-1].a_excerpt.span.end)
            out.append(
                Difference(
                    "omission",
                    Excerpt(_fold(a_text, span), span),
                    Excerpt("", Span(b_at, b_at)),
                    f"{sum(len(p.a) for p in a_part)} sentence(s) of A with no counterpart in B",
                    i,
                )
            )
        if b_part:
            span = Span(b_part[0].b_excerpt.span.start, b_part[-1].b_excerpt.span.end)
            out.append(
                Difference(
                    "addition",
                    Excerpt("", Span(a_at, a_at)),
                    Excerpt(_fold(b_text, span), span),
                    f"{sum(len(p.b) for p in b_part)} sentence(s) of B with no counterpart in A",
                    i,
                )
            )
        i = j
    return out


def _fold(text: str, span: Span) -> str:
    return " ".join(text[span.start : span.end].split())


def _insertion_point(pairs: Sequence[AlignedPair], i: int, j: int, side: str, default: int) -> int:
    """Where, on ``side``, a passage found between pairs ``i`` and ``j`` would go."""
    for p in pairs[j:]:
        if side == "a" and p.a:
            return p.a_excerpt.span.start
        if side == "b" and p.b:
            return p.b_excerpt.span.start
    for p in reversed(pairs[:i]):
        if side == "a" and p.a:
            return p.a_excerpt.span.end
        if side == "b" and p.b:
            return p.b_excerpt.span.end
    return default
