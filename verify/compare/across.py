"""What a translation says its own way, not a difference: cross-lingual habits.

Two texts in two languages are compared on numbers, dates, symbols, names
and passages (:func:`verify.compare._compare_across`). Some of these are
how one language says a thing the other says without a number, and are
dropped here, after the comparison, so that the alignment still sees them
(a "2" that the English verse also has is an anchor):

* Chinese writes a pair with 二 or 两 where English uses a plural or a
  pronoun (他们二人 "they", 两座坛 "the altars"), and 第二天 for "the
  morrow": a lone 二 / 两 / 第二 of the Chinese side that the other side
  lacks is not reported. Its value on the other side (English "two" where
  Chinese says 三) still is, so a changed "two" is found from that side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from verify.compare.model import Difference
from verify.compare.similarity import INNER_CAPITAL

#: A Chinese numeral that says "the two", "both" or "the next" as often as "two".
ZH_PAIR = frozenset({"二", "两", "第二"})


def idiomatic(found: list[Difference], langs: tuple[str, str]) -> list[Difference]:
    """The differences without those that are one language's habit (above)."""
    return [d for d in found if not _zh_pair(d, langs)]


def _zh_pair(d: Difference, langs: tuple[str, str]) -> bool:
    if d.kind != "number":
        return False
    if langs[0] == "zh" and d.detail.endswith(" only in A"):
        return d.a.text in ZH_PAIR
    if langs[1] == "zh" and d.detail.endswith(" only in B"):
        return d.b.text in ZH_PAIR
    return False


#: A name key of A is taken for a key of B when they are the odd names of the
#: same aligned pairs at least this often, with this Dice coefficient.
ALIAS_TOGETHER = 3
ALIAS_DICE = 0.6


def aliases(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> dict[str, str]:
    """The B name key that each A name key stands for, learnt from the aligned
    pairs (each as the name keys of its two sides): where a name of A and a
    name of B are both left over in the same pairs, time and again, they are
    one name written two ways ("Иудеи" / "Jews", "Dios" / "God", "Pedro" /
    "Peter"). A key of A that meets itself on the B side more than a quarter
    as often is left alone; each key of the alias is the other's best
    partner; and a pair seen fewer than ``ALIAS_TOGETHER`` times is never
    learnt: a name swapped in one place or two is not taken for a spelling."""
    odd_a: Counter[str] = Counter()
    odd_b: Counter[str] = Counter()
    all_a: set[str] = set()
    met: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for ka, kb in pairs:
        xa, xb = ka - kb, kb - ka
        odd_a.update(xa)
        odd_b.update(xb)
        all_a |= ka
        met.update(ka & kb)
        together.update((x, y) for x in xa for y in xb)
    best: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (x, y), c in together.items():
        dice = 2 * c / (odd_a[x] + odd_b[y])
        best_b[y] = max(best_b.get(y, (0.0, "")), (dice, x))
        faithful = c >= ALIAS_TOGETHER and dice >= ALIAS_DICE and 4 * met[x] <= odd_a[x]
        if faithful and (x not in best or (dice, y) > best[x]):
            best[x] = (dice, y)
    # each the other's best partner (competitive linking, Melamed 2000): "Гад"
    # beside "Reuben" in every list of tribes is not Reuben, "Рувим" is
    return {x: y for x, (_, y) in sorted(best.items()) if best_b[y][1] == x}


def aliased(key: Callable[[str], str], alias: dict[str, str]) -> Callable[[str], str]:
    """A key function that gives a name the key its alias has on the other side."""

    def keyed(word: str) -> str:
        k = key(word)
        return alias.get(k, k)

    return keyed


def names_of(text: str, common: frozenset[str], key: Callable[[str], str]) -> frozenset[str]:
    """The keys of the names of a text as the comparison sees them: words
    capitalised inside a sentence that the text never writes in lower case
    ("Ибо" opens sentences, and "ибо" is a word: it is no name)."""
    words = (m.group(1) for m in INNER_CAPITAL.finditer(text))
    keys = (key(w) for w in words if w[0].isupper() and w.lower() not in common)
    return frozenset(k for k in keys if len(k) >= 2)
