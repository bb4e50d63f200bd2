"""``damage.doubled_word``: a word written twice (``in in this field``) or
coordinated with itself (``concepts and concepts``, in lower case: ``Home
and Home Office`` is a name).

Parts of paths (``po/ po/``, ``src/foo.c foo.c``), runs of three or more
(``l l l`` of a table, ``ha ha ha``), single letters and doubles that
English makes on purpose stay quiet: ``had had``, ``that
that``, ``gave her her book``, names such as ``Duran Duran``, ``more and
more``, ``again and again``, ``better and better``, ``two and two``, a
quantity (``layers and layers of``), and code (````git help help````, ``class class ClassA<T>``, a table's
``Overflow overflow``).

A word coordinated with itself on purpose is a repetition that says "again
and again": a verb (``coaxed and coaxed``), a set phrase (``such and such``),
a repetition that closes its phrase (``fo' evah and evah!``); 24 such warnings
read in three sets of real texts held no slip.

>>> [dict(f.evidence)["pattern"] for f in detect("cooperation in in this field")]
['X X']
>>> detect("more and more states, again and again")
[]
>>> detect("Files: po/am.po po/bn.po")
[]
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace

from verify.detect._text import finding, in_code_line, in_code_span, paragraphs
from verify.detect.code import code_names
from verify.detect.acronyms import STOPWORDS
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.doubled_word", "damage.repeated_word")

# One paragraph: a term and its description ("approve" over "Approve a
# pending request") are two paragraphs, not a doubled word.
_DOUBLE_RE = re.compile(
    r"(?<![\w./@-])([^\W\d_]+)[ \t]+(\1)(?![\w/@%#-]|\.\w)(?![ \t]+\1(?![\w-]))", re.IGNORECASE
)
# The second word is the name a grammar rule or an assignment defines
# (``received-by = ... / pseudonym pseudonym = token``: ABNF unwrapped into
# one paragraph), not a repeat of the first.
_DEFINED_RE = re.compile(r"[ \t]*:?=(?!=)")
# A possessive after its word is another form (``war and war's expression``).
_COORDINATED_RE = re.compile(r"(?<![\w-])([a-z]{3,})\s+and\s+(\1)(?![\w'’-])")

# "long long" is also C's type (``unsigned long long``).
# "gave her her book": an object, then a possessive.
_INTENDED_DOUBLES = frozenset({"had", "that", "is", "bye", "no", "ha", "very", "long", "her"})
# fmt: off
_INTENDED_COORDINATIONS = frozenset(
    {
        "again", "back", "by", "day", "days", "forth", "hour", "hours", "month", "months",
        "more", "less", "miles", "on", "over", "round", "through", "time", "times", "week",
        "weeks", "year", "years", "out", "up", "down", "side", "can", "could", "did", "does",
        "may", "might", "must", "shall", "should", "was", "were", "will", "would",
        # pairs and sums ("two and two", "one and one make two"), "worse and
        # worse", "thus and thus"
        "one", "two", "three", "four", "worse", "thus", "so",
    }
)
# fmt: on


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    doubles = list(_DOUBLE_RE.finditer(text))
    written = _places(text, doubles)
    for match in doubles:
        first, second = match.group(1), match.group(2)
        if first.lower() in _INTENDED_DOUBLES or (first[0].isupper() and second[0].isupper()):
            continue
        if len(first) == 1 or _in_run(text, match) or not _same_case(first, second):
            continue
        if first[0].islower() and second[0].isupper() and len(first) > 3:
            continue  # a term, then its description: "alias Alias names." (an option list)
        if first.lower() in _arguments(text) or first in code_names(text):
            continue  # a term, then the argument it names: "-C command command is executed"
        if in_code_span(text, match.start()) or in_code_line(text, match.start()):
            continue  # code: "run ``git help help``", an unfenced block "{for for := ..."
        if _DEFINED_RE.match(text, match.end()):
            continue  # a rule, then the next one defined: "/ pseudonym pseudonym = token"
        if first[0].isupper() and not _sentence_start(text, match.start()):
            continue  # a name, then a word or an address: "Edge Network network", "Jahn jahn dôt"
        if first.lower() not in STOPWORDS and _code_after(text, match.end()):
            continue  # a keyword, then a name: "class class ClassA<T>", "test test src/lib.rs"
        if _term_row(text, match, first, second):
            continue  # a table's term, then its value: "Overflow overflow depends on"
        if written[first.lower()] > 1 and first.lower() not in STOPWORDS:
            continue  # the text's own figure, written twice: "piece piece or piece piece piece"
        found = _finding(text, match, "X X", f"the word {second!r} is written twice")
        findings.append(_styled(text, match, first.lower(), found))
    coordinations = _coordinations(text)
    coordinated = _places(text, coordinations)
    for match in coordinations:
        word = match.group(1).lower()
        if word in _INTENDED_COORDINATIONS or word.endswith("er") or _compound(text, match.end()):
            continue
        if word.endswith("s") and _OF_RE.match(text, match.end()):
            continue  # a quantity: "layers and layers of blacking", "numbers and numbers of"
        if _repetition(text, match, word):
            continue  # "coaxed and coaxed her", "fo' evah and evah!", "rising and rising on"
        if word in STOPWORDS or coordinated[word] > 1 or _coordination_run(text, match, word):
            continue  # "with you and you shall", "sail and sail and sail!", written twice
        found = _finding(text, match, "X and X", f"{word!r} is coordinated with itself")
        findings.append(_styled(text, match, word, found))
    return findings


def _places(text: str, matches: list[re.Match[str]]) -> Counter[str]:
    """In how many different places each doubled word stands: the word
    before the double and the word after it differ (``8. ccc ccc c`` and
    ``3. ccc ccc ccc``; ``piece piece or`` and ``piece piece etc.``). A
    paragraph copied whole (a post that lists one item twice, with its
    ``new edition edition 2024``) is one place: one slip copied.

    >>> text = "a piece piece or b piece piece etc. new edition edition 2024, new edition edition 2024"
    >>> places = _places(text, list(_DOUBLE_RE.finditer(text)))
    >>> places["piece"], places["edition"]
    (2, 1)
    """
    seen: dict[str, set[tuple[str, str]]] = {}
    for match in matches:
        before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        after = _WORD_AFTER_RE.match(text, match.end())
        place = (before.group(1) if before else "", after.group(1) if after else "")
        seen.setdefault(match.group(1).lower(), set()).add(place)
    return Counter({word: len(places) for word, places in seen.items()})


_WORD_BEFORE_RE = re.compile(r"(\w*)\W*\Z")
_WORD_AFTER_RE = re.compile(r"\W*(\w*)")


def _coordination_run(text: str, match: re.Match[str], word: str) -> bool:
    """``X and X`` goes on or comes after one more ``and X``: ``shape and
    shape and shape``, ``Urge and urge and urge``. Three in a row is a
    figure of speech, as ``ha ha ha`` is; a slip doubles a word once.

    >>> m = re.search("sail and sail", "To sail and sail and sail!")
    >>> _coordination_run("To sail and sail and sail!", m, "sail")
    True
    """
    after = text[match.end() : match.end() + len(word) + 6].lower()
    before = text[max(0, match.start() - len(word) - 6) : match.start()].lower()
    return (re.match(rf"\s+and\s+{re.escape(word)}\b", after) is not None
            or re.search(rf"\b{re.escape(word)}\s+and\s+$", before) is not None)


def _styled(text: str, match: re.Match[str], word: str, found: Finding) -> Finding:
    """The finding as a note where the text's form says the repetition may be
    meant: a paragraph with no sentence in it (a table's rows run together,
    ``'showmode' on on command characters 'showcmd' on off``), or a poem's
    content word (``the tolling tolling bells``, verse: see :func:`is_verse`).
    A function word written twice (``in in``) stays a warning in verse."""
    if _in_table(text, match.start(), word):
        style = "table"
    elif word not in STOPWORDS and _verse_line(text, match.start()) and is_verse(text):
        style = "verse"
    else:
        return found
    evidence = dict(found.evidence, style=style)
    return replace(found, code="damage.repeated_word", severity="note",
                   message=f"{found.message} ({style}: on purpose?)",
                   evidence=tuple(sorted(evidence.items())))


#: A sentence's end: a full stop, a question or an exclamation mark after a
#: word (``8.`` of a numbered row is no sentence end).
_SENTENCE_END_RE = re.compile(r"[^\W\d_][)\]\"'”’]*[.!?](?:\s|$)")
#: A paragraph of this many words without a sentence is a table or a list.
TABLE_WORDS = 12


def _in_table(text: str, at: int, word: str) -> bool:
    """The paragraph around ``at`` has TABLE_WORDS words or more, no
    sentence end, and ``word`` in it once more at least, away from its
    double: a table's rows run together into one paragraph, where a
    column's values recur, and a second word doubled in it (Vim help's
    ``status message option default ~ current mode 'showmode' on on command
    characters 'showcmd' on off cursor position 'ruler' off off``). Prose
    has sentences; a slip (``a non-owning thread thread attempts``, ``shown
    in Example 2. in In EMML 1.0``) doubles one word.

    >>> row = "mode 'showmode' on on command characters 'showcmd' on off cursor position 'ruler' off off"
    >>> slip = "the first time a non-owning thread thread attempts to get it"
    >>> _in_table(row, 16, "on"), _in_table(slip, 30, "thread")
    (True, False)
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    para = text[start : end if end >= 0 else len(text)]
    if len(para.split()) < TABLE_WORDS or _SENTENCE_END_RE.search(para) is not None:
        return False
    if len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", para, re.IGNORECASE)) <= 2:
        return False
    return len({m.group(1).lower() for m in _DOUBLE_RE.finditer(para)}) >= 2


def _verse_line(text: str, at: int) -> bool:
    """The paragraph around ``at`` starts with a capital, as a line of
    verse does; a book of verse ends with prose (``ways including including
    checks``, a line of Project Gutenberg's licence) that does not."""
    start = text.rfind("\n", 0, at) + 1
    first = _FIRST_LETTER_RE.search(text, start, at + 1)
    return first is not None and first.group().isupper()


_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")


#: A text whose paragraphs end with a comma this often (and this many times)
#: is verse: its lines go on into the next line or stanza.
VERSE_SHARE, VERSE_MIN = 0.2, 20


@functools.lru_cache(maxsize=4)
def is_verse(text: str) -> bool:
    r"""Verse: a fifth of the paragraphs or more (and twenty) end with a
    comma, as a poem's lines and stanzas do (*Leaves of Grass*: 44%; prose,
    manuals and posts read in the lint sets: 13% at most, in a post of
    1,500 words). Poems repeat words on purpose (``O farther farther
    sail!``, ``the tolling tolling bells``).

    >>> is_verse("Over the hill,\n\nThe grass is green.\n\n" * 20)
    True
    >>> is_verse("A sentence.\n\n" * 40)
    False
    """
    ends = [p.text.rstrip()[-1:] for p in paragraphs(text)]
    commas = ends.count(",")
    return commas >= VERSE_MIN and commas >= VERSE_SHARE * len(ends)


# Repetition on purpose: a verb repeated (``coaxed and coaxed``, ``rising and
# rising``), a phrase that ends with the repeated word (``evah and evah!``,
# ``ages and ages.``; a comma may go on with more: ``layers and layers,
# sticky``) or goes on with its object (``coaxed and coaxed her``),
# and set phrases (``such and such a field``, ``by little and little``,
# ``between man and man``, ``around and around``).
_SET_PHRASES = frozenset({"such", "little", "man", "around", "ages", "and"})
_PHRASE_END_RE = re.compile(r"\s*(?:[!.?\"”’)]|$)|[ \t]+(?:her|him|them|it|me|us|you)\b")


def _repetition(text: str, match: re.Match[str], word: str) -> bool:
    r"""``X and X`` repeats on purpose, as English does to say "again and
    again": a verb (``banged and banged``), a set phrase, or a repetition
    that closes its phrase. ``concepts and concepts in the field`` goes on
    as if the two were different things: a slip.

    >>> m = re.search(r"(\w+) and (\w+)", "fo' evah and evah!")
    >>> _repetition("fo' evah and evah!", m, "evah")
    True
    >>> m = re.search(r"(\w+) and (\w+)", "important concepts and concepts in the field")
    >>> _repetition("important concepts and concepts in the field", m, "concepts")
    False
    """
    if word in _SET_PHRASES or word.endswith(("ed", "ing")):
        return True
    return _PHRASE_END_RE.match(text, match.end()) is not None


# What follows a word in code: a type's or a call's bracket, a field's colon
# (``quantity quantity: int``), a next token with a path or a scope in it, a
# call with its arguments (``class class NewClass(namespace=...)``), or a
# command's options or settings on the rest of its line (``docker docker run
# -it --rm``, ``make make SPHINXOPTS=...``).
_CODE_AFTER_RE = re.compile(
    r"[<(:]|[^\S\n]+[^\s]*(?:[<>{}]|::|/|\(\)|\w\(\w+=)"
    r"|[^\n]{0,40}?(?:[ \t]--?[a-z][\w-]*[ \t=]|(?<![\w-])[A-Z][A-Z_]+=)"
)


def _code_after(text: str, end: int) -> bool:
    """The doubled word goes on as code: a keyword, then a name (``class
    class ClassA<T>``, ``template template<T>``), a test's report (``test
    test src/lib.rs``), a grammar rule (``implist implist:``).

    >>> _code_after("class class ClassA<T> {}", 11), _code_after("thread thread attempts", 13)
    (True, False)
    >>> _code_after("Docker docker run -it --rm", 13), _code_after("make make SPHINXOPTS=x", 9)
    (True, True)
    """
    return _CODE_AFTER_RE.match(text, end) is not None


def _term_row(text: str, match: re.Match[str], first: str, second: str) -> bool:
    r"""A table row: a term opens the paragraph, then the same word in lower
    case as its value (``Overflow overflow depends on the rounding``). ``The
    the`` is a function word written twice.

    >>> import re
    >>> m = re.search(r"(\w+) (\w+)", "Subnormal subnormal unchanged")
    >>> _term_row("Subnormal subnormal unchanged", m, "Subnormal", "subnormal")
    True
    """
    opens = match.start() == 0 or text[match.start() - 1] == "\n"
    return opens and first[0].isupper() and second[0].islower() and first.lower() not in STOPWORDS


def _coordinations(text: str) -> list[re.Match[str]]:
    """The matches of ``_COORDINATED_RE``, read only at each ``and``: the
    word before it is matched from its start (a scan of the whole text
    tried every word as a start).

    >>> [m.group() for m in _coordinations("cats and cats and cats, dogs and cats")]
    ['cats and cats']
    """
    found: list[re.Match[str]] = []
    for conjunction in _AND_RE.finditer(text):
        start = conjunction.start()
        while start > 0 and "a" <= text[start - 1] <= "z":
            start -= 1
        if start == conjunction.start() or (found and start < found[-1].end()):
            continue
        match = _COORDINATED_RE.match(text, start)
        if match:
            found.append(match)
    return found


_AND_RE = re.compile(r"\s+and\s")
_OF_RE = re.compile(r"[ \t]+of\b")


def _compound(text: str, end: int) -> bool:
    """The second X of ``X and X`` goes on into a compound, where it
    qualifies the noun after it: ``attribute and attribute groups``, ``make
    and make install``, ``delete and delete[]``. ``concepts and concepts in
    the field`` goes on with a function word: one word coordinated with
    itself.

    >>> _compound("attribute and attribute groups", 23), _compound("concepts and concepts in", 21)
    (True, False)
    """
    after = _NEXT_WORD_RE.match(text, end)
    if after is None:
        return False
    return after.group(1) is not None or after.group(2) not in STOPWORDS


_NEXT_WORD_RE = re.compile(r"(\[\])|[ \t]+([a-z]+)\b")


def _same_case(first: str, second: str) -> bool:
    """``in in``, ``In in``: one word twice; ``at AT&T``, ``AND and OR``: two words.

    >>> _same_case("in", "in"), _same_case("In", "in"), _same_case("AND", "and")
    (True, True, False)
    """
    if first[1:] != second[1:]:
        return False
    return first[1:].islower() or first.isupper() or len(first) == 1  # not "lB lB" (a table spec)


@functools.lru_cache(maxsize=4)
def _arguments(text: str) -> frozenset[str]:
    """Words the text writes as the argument of an option (``-C command``,
    ``--file=name``) or as a placeholder (``[name]``, ``<file>``,
    ``[.symbol.]``): a manual's metavariables, which its prose puts after
    their own name once typesetting is lost ("the shell function function").

    >>> sorted(_arguments("-C command | --file=name | load [.symbol.]"))
    ['command', 'name', 'symbol']
    """
    return frozenset(m.group(1).lower() for m in _ARGUMENT_RE.finditer(text))


_ARGUMENT_RE = re.compile(r"(?:(?<![\w-])--?[A-Za-z][\w-]*[ =]|[\[<{]\.?)([a-z][a-z_-]*)(?![\w(])")


def _sentence_start(text: str, start: int) -> bool:
    """``start`` opens a paragraph or follows the end of a sentence: where
    ``In in`` is one word twice. A capital anywhere else starts a name.

    >>> _sentence_start("Done. In in", 6), _sentence_start("Edge Network network", 5)
    (True, False)
    """
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before[-1] in "\n.!?:\"“("


def _in_run(text: str, match: re.Match[str]) -> bool:
    """The double continues a run (``l l l``): the word also stands just before it."""
    word = match.group(1)
    before = text[max(0, match.start() - len(word) - 1) : match.start()]
    return before.rstrip().lower().endswith(word.lower())


def _finding(text: str, match: re.Match[str], pattern: str, message: str) -> Finding:
    return finding(
        text,
        "damage.doubled_word",
        "warning",
        message,
        match.start(),
        match.end(),
        {"word": match.group(2), "pattern": pattern, "text": match.group()},
    )
