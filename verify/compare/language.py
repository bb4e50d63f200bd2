"""Which language a text is in, as far as the comparison needs to know.

Script first (Han characters: Chinese; Cyrillic: Russian), then, for Latin
script, the most frequent function words of English, French and Spanish.
Anything else is treated as English (the comparison then keeps to numbers in
digits, dates, symbols and names).
"""

from __future__ import annotations

import re
from collections import Counter

LANGUAGES = ("en", "fr", "es", "ru", "zh")
SAMPLE = 20_000
_FUNCTION_WORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "that",
            "in",
            "he",
            "for",
            "is",
            "with",
            "his",
            "was",
            "it",
            "not",
            "unto",
            "be",
            "shall",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "de",
            "des",
            "du",
            "que",
            "il",
            "est",
            "dans",
            "pour",
            "qui",
            "une",
            "au",
            "sur",
            "ne",
        ]
    ),
    "es": frozenset(
        ["el", "la", "los", "las", "y", "de", "del", "que", "en", "por", "con", "para", "su", "se", "al"]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str:
    """ "en", "fr", "es", "ru" or "zh".

    >>> detect("Au commencement Dieu créa les cieux et la terre."), detect("起初，神创造天地。")
    ('fr', 'zh')
    """
    sample = text[:SAMPLE]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    cyrillic = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if han > max(cyrillic, latin) / 4 and han:
        return "zh"
    if cyrillic > latin:
        return "ru"
    words = Counter(w.lower() for w in _WORD.findall(sample))
    scores = {lang: sum(words[w] for w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    return max(("en", "fr", "es"), key=lambda lang: scores[lang])
