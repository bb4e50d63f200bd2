"""Proper names and multi-word terms, and whether the other side has them.

A term is a run of capitalised words ("Regional Antiterrorist Structure",
"Universal Declaration of Human Rights"), allowing "of", "the" and the like
inside. The other side *covers* a word of a term when it has the same stem
in any case ("States" and "states"), a spelling variant of it ("Shangai" and
"Shanghai"), a longer or shorter form ("Moab" and "Moabite"), or the word is
an acronym whose expansion it has ("SCO" and "Shanghai Cooperation
Organization", either way round). :func:`verify.compare.diff.names` pairs the
terms that are not covered across the two sides of an aligned pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz, process

from verify.compare.tokens import STOPWORDS, stem

#: Words of names, hyphenated ones whole: "Beth-lehem", and KJV's "Beth\u2013lehem"
#: with an en dash (also U+2010 and U+2011, the Unicode hyphens).
NAME_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011\u2013'\u2019][^\W_]+)*")
CONNECTORS = frozenset({"of", "the", "for", "on", "de", "del", "la", "y", "et", "des", "du"})
FUZZY = 85.0
SPELT_ALIKE = 60.0


@dataclass(frozen=True)
class Term:
    """A name or term at ``[start, end)`` of a text, and its words."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]


def _bare(word: str) -> str:
    """The word without a possessive ending: "SCO's" is "SCO"."""
    return re.sub(r"['\u2019]s$", "", word)


def _is_cap(word: str) -> bool:
    return word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))


def terms(text: str, offset: int = 0, sentence_starts: frozenset[int] = frozenset()) -> list[Term]:
    """The capitalised terms of ``text`` (spans shifted by ``offset``).

    ``sentence_starts`` are offsets (relative to ``text``) where a sentence
    begins; a single capitalised word there is not taken for a name.

    >>> text = "The heads met the Executive Committee of the SCO Regional Antiterrorist Structure."
    >>> [t.text for t in terms(text, sentence_starts=frozenset({0}))]
    ['Executive Committee of the SCO Regional Antiterrorist Structure']
    """
    words = list(NAME_WORD.finditer(text))
    out: list[Term] = []
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []

    def flush() -> None:
        if run and not (
            len(run) == 1 and (run[0].start() in sentence_starts or run[0].group().lower() in STOPWORDS)
        ):
            first = 1 if run[0].group().lower() in STOPWORDS and len(run) > 1 else 0
            kept = run[first:]
            out.append(
                Term(
                    kept[0].start() + offset,
                    kept[-1].end() + offset,
                    text[kept[0].start() : kept[-1].end()],
                    tuple(_bare(m.group()) for m in kept if m.group().lower() not in CONNECTORS),
                )
            )
        run.clear()
        pending.clear()

    previous_end = 0
    for m in words:
        gap = text[previous_end : m.start()]
        previous_end = m.end()
        if run and gap.strip() not in ("", "-"):
            flush()
        word = m.group()
        if (_is_cap(word) and word.lower() not in CONNECTORS | {"a", "an"}) or (
            word.isupper() and len(word) > 1
        ):
            run.extend(pending)
            pending.clear()
            run.append(m)
        elif run and word.lower() in CONNECTORS and len(pending) < 2:
            pending.append(m)
        else:
            flush()
    flush()
    return out


@dataclass
class Vocabulary:
    """The words of one side of an aligned pair, ready for coverage tests."""

    stems: set[str]
    words: list[str]
    initials: list[str]
    acronyms: set[str]
    capitalised: list[str]

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        words = [m.group() for m in NAME_WORD.finditer(text)]
        stems: set[str] = set()
        plain: list[str] = []
        for w in words:
            parts = re.split(r"[-\u2010\u2011\u2013'\u2019]", w)
            stems.add(stem(re.sub(r"[-\u2010\u2011\u2013]", "", w)))
            stems.update(stem(p) for p in parts if p)
            plain.extend(p.lower() for p in parts if p)
        content = [w for w in plain if w not in STOPWORDS and w not in CONNECTORS]
        return cls(
            stems,
            plain,
            [w[0] for w in content],
            {b for b in map(_bare, words) if b.isupper() and 2 <= len(b) <= 8},
            # "And" opening a sentence is no name: it would pass for "Andrew" (same key start)
            [b for b in map(_bare, words) if len(b) >= 3 and b[0].isupper() and b.lower() not in STOPWORDS],
        )


def _acronym_expanded(acronym: str, vocab: Vocabulary) -> bool:
    letters = acronym.lower()
    joined = "".join(vocab.initials)
    return len(letters) >= 2 and letters in joined


def uncovered(term: Term, vocab: Vocabulary) -> list[str]:
    """The words of ``term`` that the other side does not have."""
    words = list(term.words)
    covered = [False] * len(words)
    for i, w in enumerate(words):
        if _covers(w, vocab):
            covered[i] = True
    for acronym in vocab.acronyms:  # "Shanghai Cooperation Organization" against "SCO"
        n = len(acronym)
        for i in range(len(words) - n + 1):
            if "".join(w[0] for w in words[i : i + n]).upper() == acronym:
                covered[i : i + n] = [True] * n
    return [w for w, c in zip(words, covered, strict=True) if not c]


def _covers(word: str, vocab: Vocabulary) -> bool:
    parts = [p for p in re.split(r"[-\u2010\u2011\u2013'\u2019]", word) if p]
    joined = stem(re.sub(r"[-\u2010\u2011\u2013]", "", word))
    if joined in vocab.stems or all(stem(p) in vocab.stems for p in parts):
        return True
    if word.isupper() and 2 <= len(word) <= 8 and _acronym_expanded(word, vocab):
        return True
    low = word.lower()
    if len(low) >= 4 and any(_prefix(w, low) or _prefix(low, w) for w in vocab.words):
        return True  # "Moab" and "Moabite", "Israel" and "Israelites"
    if len(word) >= 3 and word[0].isupper() and any(same_name(word, w) for w in vocab.capitalised):
        return True  # "Rebekah" and "Rebecca", "Elijah" and "Elias"
    if len(word) >= 3 and any(demonym(word, w) for w in vocab.capitalised):
        return True  # "Nazareth" and "Nazarene", "Tyre" and "Tyrians"
    if len(word) >= 5 and vocab.words:
        best = process.extractOne(word.lower(), vocab.words, scorer=fuzz.ratio, score_cutoff=FUZZY)
        return best is not None
    return False


_KEY_FOLDS = (
    ("ph", "p"),
    ("f", "p"),
    ("ck", "k"),
    ("ch", "k"),
    ("sh", "s"),
    ("th", "t"),
    ("x", "ks"),
    ("c", "k"),
    ("q", "k"),
    ("z", "s"),
    ("v", "b"),
    ("w", "u"),
    ("j", "i"),
    ("y", "i"),
    ("h", ""),
)


def name_key(word: str) -> str:
    """A loose phonetic key of a name, the same across spellings and scripts:
    the first letter and the consonants, doubles folded, a Greek final "s"
    dropped ("Rebekah" and "Rebecca", "Elijah" and "Elias", "Pharez" and
    "Perez", "Abraham" and "Авраам", "Noah" and "Ной" meet).

    >>> name_key("Rebekah") == name_key("Rebecca"), name_key("Abraham") == name_key("Авраам")
    (True, True)
    """
    w = "".join(c for c in anyascii(word).lower() if c.isalpha())
    for old, new in _KEY_FOLDS:
        w = w.replace(old, new)
    if not w:
        return ""
    out = [w[0]]
    for c in w[1:]:
        if c not in "aeiou" and c != out[-1]:
            out.append(c)
    key = "".join(out)
    return key[:-1] if len(key) > 2 and key.endswith("s") else key


#: Endings that make a people or an adjective of a place name, longest first.
GENTILIC = (
    "itesses",
    "itess",
    "ites",
    "ians",
    "eans",
    "enes",
    "ines",
    "ite",
    "ian",
    "ean",
    "ene",
    "ine",
    "ish",
    "ans",
    "ic",
    "an",
)


def demonym(x: str, y: str) -> bool:
    """Whether one word is the other's people or adjective: the longer is a
    root and a gentilic ending, and the shorter starts with that root
    ("Nazareth" / "Nazarene", "Galilee" / "Galileans", "Moab" /
    "Moabitesses", "Jew" / "Jewish"; two names of people, "Jehoiakim" /
    "Jehoiachin", are not).

    >>> demonym("Nazareth", "Nazarene"), demonym("Tyrians", "Tyre"), demonym("Jehoiakim", "Jehoiachin")
    (True, True, False)
    """
    short, long_ = sorted((x.lower(), y.lower()), key=len)
    for ending in GENTILIC:
        if long_.endswith(ending):
            root = long_[: -len(ending)]
            return len(root) >= (4 if len(ending) <= 2 else 3) and short.startswith(root)
    return False


def same_name(x: str, y: str) -> bool:
    """Whether two single names are spellings of one name (same key, or one
    key the start of the other: "Magdala" / "Magdalene", "Chaldees" / "Chaldeans")."""
    kx, ky = name_key(x), name_key(y)
    if not kx or not ky:
        return False
    short, long_ = sorted((kx, ky), key=len)
    return short == long_ or (len(short) >= 3 and long_.startswith(short))


def _prefix(short: str, long_: str) -> bool:
    return len(short) >= 4 and 2 * len(short) >= len(long_) and long_.startswith(short)


def counterparts(x: Term, y: Term) -> bool:
    """Whether two names that share no word may stand for each other in two
    versions: both of several words, or spelt alike ("Pharez", "Perez")."""
    if len(x.words) > 1 and len(y.words) > 1:
        return True
    if min(len(x.text), len(y.text)) < 3:
        return False  # "O" and "Oh"
    return fuzz.ratio(x.text.lower(), y.text.lower()) >= SPELT_ALIKE


def shared(x: Term, y: Term) -> int:
    """How many words two terms share (by stem)."""
    return len({stem(w) for w in x.words} & {stem(w) for w in y.words})


#: Russian case endings and possessive suffixes of names ("Авраама",
#: "Аароном", "Израилевы", "Иаковлевых"), longest first.
_RU_ENDING = re.compile(
    r"(?:(?:ов|ев|ёв)(?:ыми|ых|ым|ой|ом|ою|у|а|ы|о|е)?"
    r"|ами|ями|ою|ею|ом|ем|ём|ым|им|ых|их|ах|ях|ой|ей|ам|ям|у|ю|а|я|е|и|ы)$"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_AU = re.compile(r"([ае])в(?=[^аеёиоуыэюя]|$)")


def _variants(word: str, hebrew: bool = False) -> list[str]:
    """The keys a name may have, best first: as written, and for a Russian
    word also without its case ending (its stem at least three letters).
    With ``hebrew``, each also with the English way of writing two Hebrew
    letters (:func:`_english_hebrew`)."""
    forms = [word]
    if _CYRILLIC.search(word):
        low = word.lower()
        m = _RU_ENDING.search(low)
        stem = low[: m.start()] if m and m.start() >= 3 else low
        if stem != low:
            forms.append(stem)
        greek = _RU_AU.sub(r"\1", stem)  # "Савл" / "Saul": "в" after "а", "е" was a "u"
        if greek != stem:
            forms.append(greek)
        for suffix in (_RU_ADJECTIVE, _RU_POSSESSIVE):
            m = suffix.search(low)
            if m and m.start() >= 3:
                forms.append(low[: m.start()])
        forms += [f.replace("ф", "т") for f in forms if "ф" in f]  # theta: "Дафан" / "Dathan"
    keys = [name_key(f) for f in forms]
    if hebrew:
        keys += [name_key(_english_hebrew(f)) for f in forms]
    return list(dict.fromkeys(keys))


#: A Russian adjective made of a place or people ("Египетской", "Синайской",
#: "Моавитской", "Галилейского"): the name is what comes before.
_RU_ADJECTIVE = re.compile(r"(?:ит|ян)?[сц]к(?:ий|ая|ое|ой|ого|ому|ом|ую|ие|их|им|ими|ей|ия|ою|ия)$")
#: A Russian possessive in -ин ("Левиины", "Манассиин"): the name's.
_RU_POSSESSIVE = re.compile(r"ин(?:а|о|ы|ом|ой|ых|ым|ыми|у|е)?$")


_KH = re.compile(r"kh")
_TS = re.compile(r"t[sz]")


def _english_hebrew(word: str) -> str:
    """A name as the English Bibles write its Hebrew letters: het as "h" where
    Darby's French and the Synodal write "kh" / "х" ("Makhli", "Махли" /
    "Mahli"; "Zérakh" / "Zerah"), tsade as "z" for "ts" / "ц" ("Tsoan" /
    "Zoan", "Jitsehar" / "Izhar")."""
    return _TS.sub("z", _KH.sub("h", anyascii(word).lower()))


def _core(key: str) -> str:
    """A key without its first letter when that is a vowel or "k" (the
    Cyrillic "Х" of Hebrew names: "Хам" / "Ham", "Хет" / "Heth"; "И" / "Е"
    for "He-", "E-": "Ирод" / "Herod")."""
    return key[1:] if key[:1] in "aeiouk" else key


def resolver(other: frozenset[str], hebrew: bool = False) -> Callable[[str], str]:
    """A key function for one text's names against ``other``, the keys of the
    other text's (in another language): a word's key is the first of its
    variants (:func:`_variants`) that the other text has, else the first
    whose core (:func:`_core`, two letters at least, both keys shortened) is
    the core of exactly one key of the other text, else its own key. Only words in Cyrillic
    have variants ("Аароном" is "Aaron"'s `arn`, "Хама" is "Ham"'s `am`);
    any other word keeps :func:`name_key`, unless ``hebrew`` (the text is not
    English): then its Hebrew letters may be read as English writes them
    (:func:`_english_hebrew`: "Shukham" is "Shuham"'s `sm`).
    """
    cores: dict[str, set[str]] = {}
    for k in other:
        cores.setdefault(_core(k), set()).add(k)

    def key(word: str) -> str:
        keys = _variants(word, hebrew)
        if len(keys) == 1 and not _CYRILLIC.search(word):
            return keys[0]
        for k in keys:
            if k in other:
                return k
        for k in keys:
            found = {x for x in cores.get(_core(k), set()) if _core(x) != x}
            if _core(k) != k and len(_core(k)) >= 2 and len(found) == 1:
                return next(iter(found))
        return keys[0]

    return key
