"""An English word list, shared by the normaliser and the detectors.

pyspellchecker ships it (words seen in OpenSubtitles and Wikipedia, with
their frequency; no download at run time). canon/3's line-end hyphenation
reads it where the document's own words say nothing, so its version is
part of the canonical output and is pinned exactly (pyproject.toml).
"""

from __future__ import annotations

import functools

__all__ = ["is_english_word"]


def is_english_word(word: str) -> bool:
    """``word`` (in any case) is in pyspellchecker's English word list.

    >>> is_english_word("modem"), is_english_word("govemment"), is_english_word("Resetting")
    (True, False, True)
    """
    return word.lower() in _lexicon()


@functools.lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """The word list, loaded once and only when asked (about 0.5 s)."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)
