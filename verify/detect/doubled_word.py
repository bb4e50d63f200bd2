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

from verify.detect._text import finding, in_code_line, in_code_span
from verify.detect.code import code_names
from verify.detect.acronyms import STOPWORDS
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.doubled_word",)

# One paragraph: a term and its description ("approve" over "Approve a
# pending request") are two paragraphs, not a doubled word.
_DOUBLE_RE = re.compile(
    r"(?<![\w./@-])([^\W\d_]+)[ \t]+(\1)(?![\w/@%#-]|\.\w)(?![ \t]+\1(?![\w-]))", re.IGNORECASE
)
# The second word is the name a grammar rule or an assignment defines
# (``received-by = ... / pseudonym pseudonym = token``: ABNF unwrapped into
# one paragraph), not a repeat of the first.
_DEFINED_RE = re.compile(r"[ \t]*:?=(?!=)")
_COORDINATED_RE = re.compile(r"(?<![\w-])([a-z]{3,})\s+and\s+(\1)(?![\w-])")

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
    for match in _DOUBLE_RE.finditer(text):
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
        findings.append(_finding(text, match, "X X", f"the word {second!r} is written twice"))
    for match in _coordinations(text):
        word = match.group(1).lower()
        if word in _INTENDED_COORDINATIONS or word.endswith("er") or _compound(text, match.end()):
            continue
        if word.endswith("s") and _OF_RE.match(text, match.end()):
            continue  # a quantity: "layers and layers of blacking", "numbers and numbers of"
        if _repetition(text, match, word):
            continue  # "coaxed and coaxed her", "fo' evah and evah!", "rising and rising on"
        findings.append(_finding(text, match, "X and X", f"{word!r} is coordinated with itself"))
    return findings


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
