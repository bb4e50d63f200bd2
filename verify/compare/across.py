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

from verify.compare.model import Difference

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
