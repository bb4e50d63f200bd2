"""Find where a text defines an abbreviation: ``long form (SF)`` and
``SF (long form)``.

This is the algorithm of Schwartz and Hearst, "A simple algorithm for
identifying abbreviation definitions in biomedical text" (PSB 2003),
written from its description:

1. every parenthesis in a sentence gives a candidate pair: if its content is
   one or two words, the content is the short form and the words before it
   the long form; otherwise the word before the parenthesis is the short form
   and the content the long form;
2. a short form has 2 to 10 characters, at most two words, at least one
   letter, and starts with a letter or digit;
3. the long form is at most ``min(len(SF) + 5, 2 * len(SF))`` words;
4. the short form's letters and digits are matched right to left, in order,
   inside the long form; its first character must match at the start of a
   word; the long form starts at that word.

Three additions, each measured in ``bench/lint_definitions.py``: a long form
whose words' initials spell the short form is preferred to the character
match (:func:`initials_long_form`); a short form
must hold a capital letter or a digit (this drops "(see below)" and
"(i.e. the ...)"; on Medstract it trades 3 points of recall for 3 of
precision), and the legal form
``Long Form (hereinafter "SF")`` is read as a definition.

>>> [(d.short, d.long) for d in find_definitions(
...     "The Shanghai Cooperation Organisation (SCO) met in Shanghai.")]
[('SCO', 'Shanghai Cooperation Organisation')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from verify.model import Span

_PAREN_RE = re.compile(r"[(\[]([^()\[\]\n]{1,200})[)\]]")
_HEREINAFTER_RE = re.compile(
    r"^\s*hereinafter(?:\s+(?:referred\s+to\s+as|called|the))?\s*[\"“'‘]([^\"”'’]{2,10})[\"”'’]",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?;]\s|[\n]")
_TOKEN_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Definition:
    """One abbreviation definition: its two forms and where they stand."""

    short: str
    long: str
    short_span: Span
    long_span: Span


def find_definitions(text: str) -> list[Definition]:
    """Return the abbreviation definitions of ``text`` in text order."""
    return list(_definitions(text))


@functools.lru_cache(maxsize=4)
def _definitions(text: str) -> tuple[Definition, ...]:
    """The definitions of ``text``, found once for the corpus and the three
    detectors that read them (a definition is frozen, the tuple shared)."""
    found = [d for m in _PAREN_RE.finditer(text) for d in _candidates(text, m)]
    return tuple(sorted(found, key=lambda d: (d.short_span.start, d.long_span.start)))


def _candidates(text: str, match: re.Match[str]) -> Iterator[Definition]:
    inner = match.group(1)
    inner_start = match.start(1)
    legal = _HEREINAFTER_RE.match(inner)
    if legal:
        short_start = inner_start + legal.start(1)
        yield from _long_before(text, legal.group(1), short_start, match.start())
        return
    short, offset = _cut_short(inner)
    if short is not None and _is_short_form(short):
        yield from _long_before(text, short, inner_start + offset, match.start())
    elif len(inner.split()) > 2:
        yield from _short_before(text, match)


def _cut_short(inner: str) -> tuple[str | None, int]:
    """The short-form part of a parenthesis: before ``;`` or ``,``."""
    lead = len(inner) - len(inner.lstrip())
    part = re.split(r"[;,]\s", inner.strip(), maxsplit=1)[0].strip()
    if len(part.split()) > 2:
        return None, lead
    return part, lead


def _is_short_form(candidate: str) -> bool:
    """A short form holds a capital or a digit (``SCO``, ``mRNA``, ``p53``);
    a word of three lower-case letters or more with a digit and no capital
    (``value2``) or a form with ``=`` (``gt=0``, an argument of a call) is code.

    >>> _is_short_form("SCO"), _is_short_form("p53"), _is_short_form("value2"), _is_short_form("gt=0")
    (True, True, False, False)
    """
    if not 2 <= len(candidate) <= 10 or len(candidate.split()) > 2 or "=" in candidate:
        return False
    if not candidate[0].isalnum() or not any(c.isalpha() for c in candidate):
        return False
    if any(c.isupper() for c in candidate):
        return True
    return any(c.isdigit() for c in candidate) and sum(c.islower() for c in candidate) < 3


def _long_before(text: str, short: str, short_start: int, paren: int) -> Iterator[Definition]:
    """The long form for ``short`` among the words just before ``paren``."""
    window_start = _sentence_start(text, paren)
    tokens = list(_TOKEN_RE.finditer(text, window_start, paren))
    limit = min(len(short) + 5, 2 * len(short))
    tokens = tokens[-limit:]
    if not tokens:
        return
    first = tokens[0].start()
    long_text = text[first : tokens[-1].end()]
    begin = initials_long_form(short, long_text)
    if begin is None:
        begin = best_long_form(short, long_text)
    if begin is None:
        return
    start = first + begin
    end = tokens[-1].end()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")]":
        end -= 1
    long = text[start:end]
    if _acceptable(short, long):
        yield Definition(short, long, Span(short_start, short_start + len(short)), Span(start, end))


def _short_before(text: str, match: re.Match[str]) -> Iterator[Definition]:
    """``SF (long form)``: the short form is the word before the bracket."""
    window = max(0, match.start() - 64)
    before = text[window : match.start()].rstrip()
    word = re.search(r"(\S+)$", before)
    if word is None:
        return
    short = word.group(1).strip("\"'“”‘’,;:")
    if not _is_short_form(short) or not any(c.isupper() for c in short):
        return
    inner = match.group(1)
    begin = best_long_form(short, inner)
    if begin is None or begin != _first_word_offset(inner):
        return
    long = inner.strip()
    start = match.start(1) + inner.index(long)
    if _acceptable(short, long):
        short_start = window + word.start(1) + word.group(1).index(short)
        yield Definition(
            short, long, Span(short_start, short_start + len(short)), Span(start, start + len(long))
        )


def _first_word_offset(inner: str) -> int:
    return len(inner) - len(inner.lstrip())


def _sentence_start(text: str, end: int) -> int:
    start = max(0, end - 400)
    last = start
    for brk in _SENTENCE_BREAK_RE.finditer(text, start, end):
        last = brk.end()
    return last


def best_long_form(short: str, long: str) -> int | None:
    """Offset in ``long`` where the long form of ``short`` begins, or None.

    Characters of the short form are matched right to left; the first one
    must begin a word of the long form.

    >>> best_long_form("HMM", "using a hidden Markov model")
    8
    >>> best_long_form("SCO", "the member states") is None
    True
    """
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long.rfind(" ", 0, i + 1) + 1


_MINOR_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"})


def initials_long_form(short: str, long: str) -> int | None:
    """Offset in ``long`` where a long form begins whose words' initials
    spell ``short`` (minor words such as *of* and *and* may be skipped), or
    None. This is tried before the character match, which would take
    "Information Security" for IIS in "International Information Security".

    >>> long = "the Code of Conduct for International Information Security"
    >>> long[initials_long_form("IIS", long) :]
    'International Information Security'
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not all(c.isalpha() for c in letters):
        return None
    words = list(re.finditer(r"[^\s-]+", long))
    i = len(letters) - 1
    for word in reversed(words):
        initial = word.group()[0].lower()
        if i >= 0 and initial == letters[i]:
            i -= 1
            if i < 0:
                return long.rfind(" ", 0, word.start()) + 1  # whole "pre-T cell"
        elif word.group().lower() not in _MINOR_WORDS:
            return None
    return None


def _acceptable(short: str, long: str) -> bool:
    if len(long) <= len(short) or not long[0].isalnum():
        return False
    return short.lower() not in (w.lower() for w in re.findall(r"\w+", long))
