"""Where a text uses acronyms, in which company, and which it defines.

This module only gathers facts (:class:`AcronymStats`); the detectors in
``acronym_variant`` and ``acronym_definition`` judge them. What is *not* an
acronym use is decided here once: words inside shouted text (THE SOFTWARE IS
PROVIDED "AS IS"), roman numerals, and units.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from verify.detect._text import paragraphs_with
from verify.detect.definitions import Definition, find_definitions

_LETTERS_RE = re.compile(r"[^\W\d_]+")
# What every acronym holds: a paragraph without two capitals in a row has none.
_TWO_CAPITALS_RE = re.compile(r"[A-Z]{2}")
ACRONYM_RE = re.compile(r"(?<![\w&'’-])([A-Z]{2,8})(s?)(?![\w&]|-[A-Za-z])")
_CAPS_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")

# Words that only shouted text writes in capitals; a run of capitals holding
# one of them is prose in upper case, not a list of acronyms.
# fmt: off
_SHOUTED_FUNCTION_WORDS = frozenset(
    {
        "A", "AN", "AND", "ANY", "ARE", "AS", "AT", "BE", "BY", "FOR", "FROM", "IN", "IS", "IT",
        "NO", "NOT", "OF", "ON", "OR", "THE", "THIS", "TO", "WITH",
    }
)
# fmt: on

# fmt: off
UNITS = frozenset(
    {
        "KB", "MB", "GB", "TB", "PB", "EB", "KIB", "MIB", "GIB", "TIB", "HZ", "KHZ", "MHZ",
        "GHZ", "THZ", "KW", "MW", "GW", "TW", "KWH", "MWH", "GWH", "TWH", "MPH", "KPH", "RPM",
        "PPM", "PPB", "BPM", "DPI", "PPI", "FPS", "BPS", "KBPS", "MBPS", "GBPS", "BTU", "CFM",
        "PSI", "KVA", "MVA", "VAC", "VDC", "DB", "DBA", "DBM", "IU", "KCAL", "LBS",
    }
)
# fmt: on

# fmt: off
STOPWORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "all", "also", "an", "and", "any", "are", "as",
        "at", "be", "been", "before", "can", "could", "may", "might", "must", "shall", "should",
        "will", "would", "being", "between", "both", "but", "by", "did", "do", "does", "during",
        "each", "for", "from", "had", "has", "have", "having", "he", "her", "here", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "nor", "not", "now",
        "of", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she",
        "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "with",
        "you", "your",
    }
)
# fmt: on


def is_roman_numeral(token: str) -> bool:
    """True for a well-formed roman numeral (``XIV``, ``MMXX``).

    >>> is_roman_numeral("XIV"), is_roman_numeral("SCO")
    (True, False)
    """
    return bool(token) and _ROMAN_RE.fullmatch(token) is not None


@functools.lru_cache(maxsize=4096)
def shouted_ranges(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Ranges of ``paragraph`` written in capitals as prose.

    A run of three or more all-capital words, holding at least one function
    word (THE, OF, IS, ...), with nothing but spaces, digits and punctuation
    between them.
    """
    ranges: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for word in _CAPS_WORD_RE.finditer(paragraph):
        token = word.group()
        if token.isupper() and (len(token) > 1 or token in {"A", "I"}):
            if run and any(c.isalpha() for c in paragraph[run[-1].end() : word.start()]):
                run = []
            run.append(word)
            continue
        _close_run(run, ranges)
        run = []
    _close_run(run, ranges)
    return tuple(ranges)


def _close_run(run: list[re.Match[str]], ranges: list[tuple[int, int]]) -> None:
    if len(run) >= 3 and any(w.group().strip("’'S") in _SHOUTED_FUNCTION_WORDS for w in run):
        ranges.append((run[0].start(), run[-1].end()))


@dataclass(frozen=True)
class Occurrence:
    """One use of an acronym: the form, its span, and its neighbour words."""

    form: str
    start: int
    end: int
    context: frozenset[str]


def _stem(word: str) -> str:
    word = word.lower().strip("’'")
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _context(paragraph: str, start: int, end: int, width: int = 3) -> frozenset[str]:
    """Content words within ``width`` words either side, lower-cased and
    crudely singularised (``members`` -> ``member``)."""
    left = _LETTERS_RE.findall(paragraph[max(0, start - 80) : start])[-width:]
    right = _LETTERS_RE.findall(paragraph[end : end + 80])[:width]
    return frozenset(_stem(w) for w in left + right if w.lower() not in STOPWORDS and not w.isupper())


def occurrences(text: str) -> tuple[Occurrence, ...]:
    """Every use of an acronym in ``text``, plural ``s`` folded into the form.

    Four detectors ask for the same text's uses: they are found once (cached).
    """
    return _occurrences(text)


@functools.lru_cache(maxsize=8)
def _occurrences(text: str) -> tuple[Occurrence, ...]:
    return tuple(_find_occurrences(text))


def _find_occurrences(text: str) -> Iterator[Occurrence]:
    for para in paragraphs_with(text, _TWO_CAPITALS_RE):
        matches = list(ACRONYM_RE.finditer(para.text))
        shouted = shouted_ranges(para.text) if matches else ()
        for match in matches:
            form = match.group(1)
            if any(a <= match.start() < b for a, b in shouted):
                continue
            if is_roman_numeral(form) or form in UNITS:
                continue
            yield Occurrence(
                form,
                para.start + match.start(1),
                para.start + match.end(1),
                _context(para.text, match.start(), match.end()),
            )


def fold_plural(short: str) -> str:
    """``NGOs`` -> ``NGO``: the form a plural short form is counted under."""
    if len(short) > 2 and short.endswith("s") and short[:-1].isupper():
        return short[:-1]
    return short


def normalise_long_form(long: str) -> str:
    """Fold case, spacing, hyphens and British/American ``-ise``/``-ize`` so
    that two spellings of one expansion compare equal."""
    folded = re.sub(r"[\W_]+", " ", long.lower()).strip()
    return re.sub(r"is(ation|e|ed|es|ing)\b", r"iz\1", folded)


@dataclass
class AcronymStats:
    """Counts, contexts and definitions of the acronyms of one or more texts."""

    counts: Counter[str] = field(default_factory=Counter)
    contexts: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    definitions: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, text: str) -> AcronymStats:
        stats = cls()
        stats.add(occurrences(text), find_definitions(text))
        return stats

    def add(self, uses: Iterable[Occurrence], definitions: Iterable[Definition]) -> None:
        """Count the uses and definitions of one more text."""
        forms = set()
        for use in uses:
            forms.add(use.form)
            self.counts[use.form] += 1
            self.contexts[use.form] |= use.context
        self.documents.update(forms)
        for definition in definitions:
            self.definitions[fold_plural(definition.short)].add(normalise_long_form(definition.long))

    def merge(self, other: AcronymStats) -> None:
        self.counts.update(other.counts)
        self.documents.update(other.documents)
        for form, words in other.contexts.items():
            self.contexts[form] |= words
        for form, longs in other.definitions.items():
            self.definitions[form] |= longs

    def defined(self, form: str) -> bool:
        return bool(self.definitions.get(form))
