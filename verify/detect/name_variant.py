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
from dataclasses import dataclass

from verify.detect._text import finding
from verify.detect.acronyms import STOPWORDS
from verify.detect.config import Corpus, LintConfig
from verify.detect.edits import edit_kind
from verify.model import Finding

CODES = ("name.variant",)

# A capital, then the look-behind (the character before the capital is no
# part of a word): the engine skips to the next capital at once instead of
# trying the look-behind at every offset. The same matches as
# ``(?<![\w’'-])[A-Z][a-z]{5,}(?![\w’'-])``.
NAME_RE = re.compile(r"[A-Z](?<![\w’'-][A-Z])[a-z]{5,}(?![\w’'-])")
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
    # What a use of a name adds (the words around it, the words next to it)
    # depends only on the 60 characters either side of it: the uses with the
    # same window (a licence's sentence written again) are read once, and
    # counted. A use whose next word runs past the window is read on its own.
    windows: dict[str, _Use] = {}
    backwards = text[::-1]
    for name, match in zip(names, matches, strict=True):
        start, end = match.span()
        window = text[start - 60 : end + 60] if start >= 60 else ""
        use = windows.get(window) if window else None
        if use is not None:
            use.count += 1
            continue
        after = _PARTNER_AFTER_RE.match(text, end)
        partners = {after.group(1)} if after else set()
        before = _partner_before(text, start)
        if before is not None:
            partners.add(before)
        use = _Use(name, _context_at(text, backwards, start, end, name), partners)
        if window and (after is None or after.end() < end + 60):
            windows[window] = use
        else:
            use.add_to(corpus)
    for use in windows.values():
        use.add_to(corpus)
    corpus.names.update(names)
    corpus.name_documents.update(set(names))
    corpus.lower_words.update(_LOWER_RE.findall(text))
    corpus.documents += 1


@dataclass
class _Use:
    """What the uses of a name with one window add to the corpus."""

    name: str
    context: set[str]
    partners: set[str]
    count: int = 1

    def add_to(self, corpus: Corpus) -> None:
        corpus.name_contexts.setdefault(self.name, set()).update(self.context)
        corpus.name_partners.setdefault(self.name, set()).update(self.partners)
        corpus.name_alone[self.name] += 0 if self.partners else self.count


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    if corpus is None:
        corpus = Corpus()
        add_to_corpus(corpus, text)
    here = Counter(m.group() for m in _name_matches(text))
    index = _index(corpus)
    meant = {name: _stands_for(name, corpus, here, index) for name in here}
    meant = {name: None if form and (_side_by_side(text, name, form) or _introduced(text, name)) else form
             for name, form in meant.items()}
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


#: How far apart (characters between them, in one sentence) two forms are
#: written side by side.
SIDE_BY_SIDE = 40


def _side_by_side(text: str, variant: str, form: str) -> bool:
    r"""Every use of ``variant`` stands in one sentence with a use of
    ``form``, at most SIDE_BY_SIDE characters apart: the writer set the two
    side by side, as two words (``lay any Imposts or Duties on Imports``,
    ``Duties and Imposts, laid by any State on Imports``: the US
    Constitution). A slip is made away from the right form (``The Shangai
    Cooperation Organisation``, a sentence of its own), or in another
    paragraph (a heading ``Ancilliary events`` over ``Ancillary events can
    be monitored``).

    >>> _side_by_side("any Imposts or Duties on Imports or Exports.", "Imports", "Imposts")
    True
    >>> _side_by_side("met in Shanghai. The Shangai Cooperation.", "Shangai", "Shanghai")
    False
    >>> _side_by_side("Ancilliary events\n\nAncillary events can be", "Ancilliary", "Ancillary")
    False
    """
    near = re.compile(rf"\b{re.escape(form)}\b[^.!?\n]{{0,{SIDE_BY_SIDE}}}\b{re.escape(variant)}\b"
                      rf"|\b{re.escape(variant)}\b[^.!?\n]{{0,{SIDE_BY_SIDE}}}\b{re.escape(form)}\b")
    uses = len(re.findall(rf"\b{re.escape(variant)}\b", text))
    return uses > 0 and len(near.findall(text)) >= uses


def _introduced(text: str, variant: str) -> bool:
    """Every use of ``variant`` is introduced as a name (``Joseph called
    Barsabas``, ``Judas surnamed Barsabas``, ``Iudas called also Barsabas``:
    Acts names a second man beside Barnabas): a writer who gives a name
    writes it on purpose. A slip stands where the name is used, not given
    (``The Shangai Cooperation Organisation``).

    >>> _introduced("Joseph called Barsabas. Judas (called Barsabas) and Barnabas.", "Barsabas")
    True
    >>> _introduced("met in Shanghai. The Shangai Cooperation.", "Shangai")
    False
    """
    uses = [m.start() for m in re.finditer(rf"\b{re.escape(variant)}\b", text)]
    return bool(uses) and all(_NAMING_RE.search(text, max(0, at - 30), at) for at in uses)


# The words that give a name, just before it: "called", "named", "surnamed".
_NAMING_RE = re.compile(r"\b(?:called|named|surnamed|nicknamed)\s+(?:also\s+)?\(?\Z")


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
    return _partners_at(text, match.start(), match.end())


def _partners_at(text: str, start: int, end: int) -> set[str]:
    """:func:`_partners` of the name at ``text[start:end]``."""
    after = _PARTNER_AFTER_RE.match(text, end)
    found = {after.group(1)} if after else set()
    before = _partner_before(text, start)
    if before is not None:
        found.add(before)
    return found


def _partner_before(text: str, start: int) -> str | None:
    """The capitalised word a space before the name at ``start``, whole and
    starting at most 40 characters back, found by one search of those
    characters (not walked back one character at a time)."""
    if start > 1 and text[start - 1] == " ":
        before = _PARTNER_BEFORE_RE.search(text, max(0, start - 40), start)
        if before:
            return before.group(1)
    return None


_PARTNER_AFTER_RE = re.compile(r" ([A-Z][\w’'-]*)(?![\w’'-])")
# The word before a name's space, whole (nothing of it before the search
# starts: the look-behind sees the text before ``pos``), starting with a capital.
_PARTNER_BEFORE_RE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*) \Z")


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
    if width != 2:
        left = _WORD_RE.findall(text[max(0, match.start() - 60) : match.start()])[-width:]
        right = _WORD_RE.findall(text[match.end() : match.end() + 60])[:width]
        return {w.lower() for w in left + right if w.lower() not in STOPWORDS} - {match.group().lower()}
    return _context_at(text, text[::-1], match.start(), match.end(), match.group())


def _context_at(text: str, backwards: str, start: int, end: int, name: str) -> set[str]:
    """:func:`_context` of the name ``name`` at ``text[start:end]``: the
    first two words of the 60 characters after it, and the last two of the
    60 before it, read as the first two of the same characters in
    ``backwards`` (the text written backwards, made once per text by the
    caller): one match each, no list of every word around."""
    right = _FIRST_WORDS_RE.match(text, end, end + 60)
    size = len(text)
    left = _FIRST_WORDS_RE.match(backwards, size - start, size - max(0, start - 60))
    words = {w.lower() for w in right.groups() if w}  # type: ignore[union-attr]
    words.update(w[::-1].lower() for w in left.groups() if w)  # type: ignore[union-attr]
    words -= STOPWORDS
    words.discard(name.lower())
    return words


#: The first two words (runs of letters) from where the match starts: it
#: always matches, with a group ``None`` for a word that is not there.
_FIRST_WORDS_RE = re.compile(r"[\W\d_]*(?:([^\W\d_]+)(?:[\W\d_]+([^\W\d_]+))?)?")


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
