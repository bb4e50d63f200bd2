"""``name.variant``: a proper name spelt two ways ("Shangai" beside
"Shanghai", "Baschkortostan" beside "Bashkortostan").

A capitalised word V is reported as a misspelling of D when D is used more
often (at least twice, in this text or across the corpus), V is one letter
substituted, inserted, dropped or swapped from D, both have six letters or
more and start alike, neither is ever written in lower case (so it is a name,
not an English word at the start of a sentence), and V is not D with an
ending added (Russia, Russian) or changed (Marina, Marine) or a British
spelling of it (Organisation, Organization). When a folder is linted, D may come from another text only if
it is common to the folder (used in half of its texts or more).

Two similar names are often two people (Mathias Koch and Matthias Clasen
in a list of authors; Barsabas and Barnabas in Acts), so the context must
say they are one: D is used at least twice as often as V, and the words
around V (two either side, surnames included) share a word with the words
around D. Two names each always written with a first name or a surname,
and never with the same one (Marcin Kalicinski, Martin Gansser), are two
people. A spelling that one text uses three times or more is its author's
(Johnston beside Johnson, the French Guernesey in quotations beside
Guernsey): a slip is seldom made the same way three times.

>>> text = ("The Shanghai Cooperation Organisation met in Shanghai, 2006. "
...         "The Shangai Cooperation Organisation.")
>>> [(dict(f.evidence)["variant"], dict(f.evidence)["stands_for"]) for f in detect(text)]
[('Shangai', 'Shanghai')]
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from verify.detect._text import finding
from verify.detect.acronyms import STOPWORDS
from verify.detect.config import Corpus, LintConfig
from verify.detect.edits import edit_kind
from verify.model import Finding

CODES = ("name.variant",)

NAME_RE = re.compile(r"(?<![\w’'-])[A-Z][a-z]{5,}(?![\w’'-])")
_LOWER_RE = re.compile(r"(?<![\w./-])[a-z]{3,}(?![\w/:@-]|\.\w)")
_SPELLINGS = (("s", "z"), ("c", "s"), ("ae", "e"), ("oe", "e"))
_NAME_EDITS = frozenset({"substitution", "insertion", "deletion", "transposition"})
_WORD_RE = re.compile(r"[^\W\d_]+")
#: D must be used this many times as often as V.
RARER = 2
#: A spelling one text uses more often than this is the author's own (a
#: second family, a French form in French quotations), not a slip.
MAX_SLIPS = 2


def add_to_corpus(corpus: Corpus, text: str) -> None:
    """Count the capitalised and the lower-case words of ``text``."""
    matches = _name_matches(text)
    names = [m.group() for m in matches]
    for match in matches:
        corpus.name_contexts.setdefault(match.group(), set()).update(_context(text, match))
        partners = _partners(text, match)
        corpus.name_partners.setdefault(match.group(), set()).update(partners)
        corpus.name_alone[match.group()] += not partners
    corpus.names.update(names)
    corpus.name_documents.update(set(names))
    corpus.lower_words.update(_LOWER_RE.findall(text))
    corpus.documents += 1


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    if corpus is None:
        corpus = Corpus()
        add_to_corpus(corpus, text)
    here = Counter(m.group() for m in _name_matches(text))
    index = _index(corpus)
    meant = {name: _stands_for(name, corpus, here, index) for name in here}
    findings = []
    for match in _name_matches(text):
        variant = match.group()
        form = meant[variant]
        if form is None:
            continue
        edit = edit_kind(variant, form)
        findings.append(
            finding(
                text,
                "name.variant",
                "warning",
                f"{variant} is most likely a misspelling of {form} ({edit})",
                match.start(),
                match.end(),
                {
                    "variant": variant,
                    "stands_for": form,
                    "edit": edit,
                    "variant_count": here[variant],
                    "form_count": corpus.names[form],
                },
            )
        )
    return findings


@functools.lru_cache(maxsize=4)
def _name_matches(text: str) -> tuple[re.Match[str], ...]:
    """The uses of capitalised words of ``text``, found once for the corpus
    and the detector."""
    return tuple(NAME_RE.finditer(text))


def _partners(text: str, match: re.Match[str]) -> set[str]:
    """The capitalised words written next to a name, a space apart: its
    surname or its first name (``Marcin Kalicinski``, ``Mat Marcus``).

    >>> text = "2001 Mat Marcus, Ufa, Russia"
    >>> sorted(_partners(text, NAME_RE.search(text)))
    ['Mat']
    """
    found = {after.group(1)} if (after := _PARTNER_AFTER_RE.match(text, match.end())) else set()
    start = match.start() - 1
    if start > 0 and text[start] == " ":
        first = start
        while first > 0 and _is_word_char(text[first - 1]):
            first -= 1
        if first < start and first >= match.start() - 40 and "A" <= text[first] <= "Z":
            found.add(text[first:start])
    return found


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_’'-"


_PARTNER_AFTER_RE = re.compile(r" ([A-Z][\w’'-]*)(?![\w’'-])")


def _two_people(corpus: Corpus, variant: str, form: str) -> bool:
    """Both names are always written with a first name or a surname, and
    never with the same one: two people (Marcin Kalicinski and Martin
    Gansser, Michal Cihar and Michael Vhrel), not one name spelt two ways."""
    if corpus.name_alone[variant] or corpus.name_alone[form]:
        return False
    partners = corpus.name_partners.get(variant, set())
    return bool(partners) and not partners & corpus.name_partners.get(form, set())


def _context(text: str, match: re.Match[str], width: int = 2) -> set[str]:
    """Words within ``width`` words either side of a name, lower-cased."""
    left = _WORD_RE.findall(text[max(0, match.start() - 60) : match.start()])[-width:]
    right = _WORD_RE.findall(text[match.end() : match.end() + 60])[:width]
    return {w.lower() for w in left + right if w.lower() not in STOPWORDS} - {match.group().lower()}


#: A context word shared by more names than this (or than this share of all
#: names) says nothing about one name ("Copyright" before every author of a
#: copyright file).
DISTINCTIVE, DISTINCTIVE_SHARE = 3, 0.1


def _distinctive(corpus: Corpus, variant: str, form: str) -> bool:
    """The words around ``variant`` and ``form`` share one that few other
    names have around them: the context says they are one name."""
    shared = corpus.name_contexts.get(variant, set()) & corpus.name_contexts.get(form, set())
    if not shared:
        return False
    spread = _context_spread(corpus)
    limit = max(DISTINCTIVE, DISTINCTIVE_SHARE * len(corpus.name_contexts))
    return any(spread[word] <= limit for word in shared)


def _context_spread(corpus: Corpus) -> Counter[str]:
    """How many names each context word stands beside."""
    key = id(corpus.name_contexts), len(corpus.name_contexts), corpus.documents
    cached = _SPREAD.get(key)
    if cached is None:
        cached = Counter(w for words in corpus.name_contexts.values() for w in words)
        _SPREAD.clear()
        _SPREAD[key] = cached
    return cached


_SPREAD: dict[tuple[int, int, int], Counter[str]] = {}


def _index(corpus: Corpus) -> dict[tuple[str, int], list[str]]:
    """Names used twice or more, by first letter and length (a variant is
    one letter longer or shorter than its name at most)."""
    index: dict[tuple[str, int], list[str]] = {}
    for form in sorted(corpus.names):
        if corpus.names[form] >= 2:
            index.setdefault((form[0], len(form)), []).append(form)
    return index


def _stands_for(
    variant: str, corpus: Corpus, here: Counter[str], index: dict[tuple[str, int], list[str]]
) -> str | None:
    if variant.lower() in corpus.lower_words or here[variant] > MAX_SLIPS:
        return None
    best: tuple[int, str] | None = None
    near = [f for n in (-1, 0, 1) for f in index.get((variant[0], len(variant) + n), ())]
    for form in near:
        count = corpus.names[form]
        if count < RARER * corpus.names[variant]:
            continue
        if not _distinctive(corpus, variant, form) or _two_people(corpus, variant, form):
            continue
        if edit_kind(variant, form) not in _NAME_EDITS or _same_name(variant, form):
            continue
        if form.lower() in corpus.lower_words:
            continue
        if not here[form] and not corpus.central(corpus.name_documents[form]):
            continue
        if best is None or (count, form) > best:
            best = (count, form)
    return best[1] if best else None


def _same_name(variant: str, form: str) -> bool:
    """An ending added (Russia, Russian) or a spelling convention
    (Organisation, Organization) is the same name, not a misspelling."""
    if variant.startswith(form) or form.startswith(variant):
        return True
    if len(variant) == len(form) and variant[:-1] == form[:-1]:
        return True  # Marina and Marine, Caroline and Carolina: two names
    if {variant[-3:], form[-3:]} == {"man", "men"} and variant[:-3] == form[:-3]:
        return True  # a noun and its plural, capitalised as older English did: Gentleman, Gentlemen
    return any(variant.replace(one, other) == form.replace(one, other) for one, other in _SPELLINGS)
