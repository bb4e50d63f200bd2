"""Word pairs learnt from a first alignment of two texts in two languages.

Across languages the first alignment rests on lengths, numbers and names.
Its confident 1-1 pairs (lengths that agree) are a small parallel corpus:
a word of A that occurs in the same pairs as a word of B, and rarely
without it, is taken for its translation (the Dice coefficient of their
pair counts; Moore 2002 trains a translation model on a first, length-based
alignment in the same way). The second alignment adds, to each sentence,
the B words that its A words translate, so that sentences with no number
and no name can still be matched. Chinese words are the character pairs
(no spaces to find words by).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from verify.compare.tokens import content_stems

#: Pairs whose lengths agree at least this well train the lexicon.
TRAIN_AGREEMENT = 0.8
#: A word pair must occur together this many times, with this Dice coefficient.
MIN_TOGETHER = 3
MIN_DICE = 0.3
#: Chinese single characters are words too (眼 "eye", 心 "heart", 火 "fire").
ZH_CHARACTERS = True
#: Inflected languages: a word is its first letters (Russian cases, "глаза" /
#: "глазами"), as a light stemmer would have it.
PREFIX: dict[str, int] = {"ru": 5}
_WORD = re.compile(r"[^\W\d_]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def words(text: str, lang: str) -> set[str]:
    """The words of a sentence as the lexicon sees them (stems for English)."""
    if lang == "en":
        return set(content_stems(text))
    if lang == "zh":
        runs = _HAN.findall(text)
        pairs = {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
        return pairs | {c for run in runs for c in run} if ZH_CHARACTERS else pairs
    if lang in PREFIX:
        return {w.lower()[: PREFIX[lang]] for w in _WORD.findall(text)}
    return {w.lower() for w in _WORD.findall(text)}


def learn(pairs: Sequence[tuple[set[str], set[str]]]) -> dict[str, str]:
    """For each A word, the B word it occurs with most faithfully."""
    ca: Counter[str] = Counter()
    cb: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for wa, wb in pairs:
        ca.update(wa)
        cb.update(wb)
    frequent_a = {w for w, c in ca.items() if c >= MIN_TOGETHER}
    frequent_b = {w for w, c in cb.items() if c >= MIN_TOGETHER}
    for wa, wb in pairs:
        fa, fb = wa & frequent_a, wb & frequent_b
        together.update((x, y) for x in fa for y in fb)
    best: dict[str, tuple[float, str]] = {}
    for (x, y), c in together.items():
        if c < MIN_TOGETHER:
            continue
        dice = 2 * c / (ca[x] + cb[y])
        if dice >= MIN_DICE and (x not in best or (dice, y) > best[x]):
            best[x] = (dice, y)
    return {x: y for x, (_, y) in sorted(best.items())}


def translated(wa: set[str], lexicon: dict[str, str]) -> Counter[str]:
    """The features an A sentence gets from the lexicon: the B words its words translate."""
    return Counter("=" + lexicon[w] for w in wa if w in lexicon)


def own(wb: set[str], targets: set[str]) -> Counter[str]:
    """The features a B sentence gets: those of its words some A word translates to."""
    return Counter("=" + w for w in wb if w in targets)
