"""How much two groups of sentences say the same thing.

Each sentence becomes a sparse vector of its content-word stems and the
values of its numbers, weighted by inverse document frequency over both
texts, so that rare words (names, terms, numbers) count most: they are the
anchors that survive paraphrase. A group of consecutive sentences is the sum
of their vectors, so the similarity of a merged group comes from pairwise dot
products that are computed once.

The score of a bead mixes the cosine of the two groups with how well their
lengths agree, relative to the overall length ratio of the two texts (long
sentences translate into long sentences; Gale and Church's observation).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from anyascii import anyascii

from verify.compare.names import name_key
from verify.compare.numbers import number_values
from verify.compare.tokens import content_stems

Vector = dict[str, float]

LEXICAL_WEIGHT = 0.75
LENGTH_SIGMA = 0.55
LENGTH_SMOOTHING = 12.0


def features(text: str, lang: str = "en", cross: bool = False, cognates: bool = False) -> Counter[str]:
    """The features of one sentence: content stems, their consonant skeletons
    and number values. Across two languages (``cross``) only what survives
    translation: number values, the phonetic keys of capitalised words
    (names, transliterated) and question marks."""
    if cross:
        return cross_features(text, lang, cognates)
    stems = content_stems(text)
    feats: Counter[str] = Counter(stems)
    if SKELETONS:
        feats.update("~" + k for k in map(skeleton, stems) if len(k) >= 2)
    for value in number_values(text):
        feats["#" + value] += 1
    return feats


LATIN = frozenset({"en", "fr", "es"})


def cross_features(text: str, lang: str, cognates: bool = False) -> Counter[str]:
    feats: Counter[str] = Counter("#" + v for v in number_values(text, lang))
    if lang != "zh":
        for m in INNER_CAPITAL.finditer(text):
            key = name_key(m.group(1)) if m.group(1)[0].isupper() else ""
            if len(key) >= 2:
                feats["@" + key] += 1
    feats["?"] += text.count("?") + text.count("\uff1f")
    if cognates:  # "desierto" / "desert", "discípulos" / "disciples" (Simard et al., 1992)
        for word in _LONG_WORD.findall(anyascii(text).lower()):
            feats["^" + word[:COGNATE]] += 1
    return +feats


COGNATE = 4
_LONG_WORD = re.compile(rf"[a-z]{{{COGNATE + 2},}}")


INNER_CAPITAL = re.compile(r"(?:(?<=\w )|(?<=[,;:] ))([^\W\d_]{3,})")
SKELETONS = True
_SPELLING = str.maketrans("jyvw", "iiuu")


def skeleton(stem: str) -> str:
    """A stem's consonants in older or looser spelling: the first letter, then
    the consonants with doubles folded ("wyldernes" and "wildernes" meet, and
    "Iohn" meets "John").

    >>> skeleton("wyldern") == skeleton("wildern"), skeleton("iohn") == skeleton("john")
    (True, True)
    """
    s = stem.translate(_SPELLING)
    out = [s[0]]
    for c in s[1:]:
        if c not in "aeiou" and c != out[-1]:
            out.append(c)
    return "".join(out)


def vectors(
    a: Sequence[str],
    b: Sequence[str],
    idf: dict[str, float] | None = None,
    langs: tuple[str, str] = ("en", "en"),
) -> tuple[list[Vector], list[Vector], dict[str, float]]:
    """Tf-idf vectors of the sentences of both texts, and the idf used.

    The idf is computed over the sentences of both texts unless given (a
    finer alignment inside one pair reuses the idf of the whole texts).
    ``langs`` are the two texts' languages; when they differ, only the
    features that survive translation are used.
    """
    cross = langs[0] != langs[1]
    cognates = cross and langs[0] in LATIN and langs[1] in LATIN  # only where words can look alike
    fa = [features(t, langs[0], cross, cognates) for t in a]
    fb = [features(t, langs[1], cross, cognates) for t in b]
    return weigh(fa, fb, idf)


def weigh(
    fa: list[Counter[str]], fb: list[Counter[str]], idf: dict[str, float] | None = None
) -> tuple[list[Vector], list[Vector], dict[str, float]]:
    """The weighted vectors of two lists of sentence features (idf over both unless given)."""
    if idf is None:
        df: Counter[str] = Counter()
        for f in (*fa, *fb):
            df.update(f.keys())
        total = len(fa) + len(fb)
        idf = {k: math.log((total + 1) / (d + 0.5)) for k, d in df.items()}
    fallback = max(idf.values(), default=1.0)  # a feature unseen by a given idf is rare
    return [_weigh(f, idf, fallback) for f in fa], [_weigh(f, idf, fallback) for f in fb], idf


def _weigh(f: Counter[str], idf: dict[str, float], fallback: float) -> Vector:
    return {k: (1.0 + math.log(c)) * idf.get(k, fallback) for k, c in f.items()}


def dot(u: Vector, v: Vector) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(w * v[k] for k, w in u.items() if k in v)


def length_agreement(la: float, lb: float, ratio: float) -> float:
    """1.0 when ``lb == la * ratio``, falling off with the log of the mismatch."""
    x = math.log((lb + LENGTH_SMOOTHING) / ((la + LENGTH_SMOOTHING / ratio) * ratio))
    return math.exp(-(x * x) / (2 * LENGTH_SIGMA * LENGTH_SIGMA))


def bead_score(cosine: float, la: float, lb: float, ratio: float) -> float:
    """The similarity of two sentence groups, in [0, 1]."""
    return LEXICAL_WEIGHT * cosine + (1 - LEXICAL_WEIGHT) * length_agreement(la, lb, ratio)
