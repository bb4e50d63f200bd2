"""Words, stems and the small vocabularies the comparison needs.

Everything here is a pure function of its input. The stemmer is a light
suffix stripper, not a linguist: it only has to make "organisation",
"organizations" and "organised" meet, so that two translations which
paraphrase each other still share most of their content words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "thus",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "unto",
        "thee",
        "thou",
        "thy",
        "thine",
        "ye",
        "hath",
        "doth",
        "shalt",
        "wilt",
        "art",
        "hast",
        "also",
        "yet",
        "let",
        "us",
        "may",
        "might",
        "must",
        "one",
        "ones",
        "per",
        "via",
        "well",
        "even",
        "whether",
        "within",
        "without",
    ]
)

NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "cannot", "neither", "nothing", "none", "nobody", "nowhere"}
)

# Spelling variants folded before stemming (British and American forms).
_VARIANTS = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"yse$"), "yze"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"our$"), "or"),
)

_SUFFIXES = (
    "izations",
    "ization",
    "ational",
    "fulness",
    "iveness",
    "ousness",
    "ements",
    "ement",
    "ments",
    "ment",
    "ities",
    "ation",
    "ations",
    "ingly",
    "ities",
    "ness",
    "ings",
    "isms",
    "ism",
    "ists",
    "ist",
    "ing",
    "ity",
    "ies",
    "ied",
    "ive",
    "ize",
    "izes",
    "ized",
    "al",
    "ed",
    "er",
    "ers",
    "es",
    "ly",
    "s",
)
_SUFFIXES_BY_LENGTH = tuple(sorted(set(_SUFFIXES), key=len, reverse=True))


@dataclass(frozen=True)
class Token:
    """One word of a text: where it is, what it says, and its stem."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """The words of ``text``, with spans shifted by ``offset``.

    >>> [t.text for t in tokens("the People's Republic, 60th")]
    ['the', "People's", 'Republic', '60th']
    """
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in WORD.finditer(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem, enough to make spelling and inflection variants meet.

    >>> stem("Organisations") == stem("organization")
    True
    >>> stem("experts") == stem("expert")
    True
    """
    w = word.lower().replace("\u2019", "'")
    w = w.removesuffix("'s")
    w = w.replace("'", "")
    for pattern, replacement in _VARIANTS:
        w = pattern.sub(replacement, w)
    if len(w) <= 3 or w.isdigit():
        return w
    w = _strip_suffix(w)
    w = _strip_suffix(w, plural=False)  # "answered" -> "answer" -> "answ", like "answer"
    return w.rstrip("e") if len(w) > 4 else w


def _strip_suffix(w: str, plural: bool = True) -> str:
    for suffix in _SUFFIXES_BY_LENGTH:
        if not plural and suffix in ("s", "es"):
            continue
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "running" -> "run"
            return w
    return w


@lru_cache(maxsize=65536)
def is_content(word: str) -> bool:
    """Whether a word carries content (not a function word, not a number)."""
    w = word.lower()
    return w not in STOPWORDS and not w.isdigit() and len(w) > 1


def content_stems(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order."""
    return [stem(m.group()) for m in WORD.finditer(text) if is_content(m.group())]
