"""``damage.lowercase_sentence``: a sentence that starts in lower case after
a full stop in mid-paragraph (``technologies. information and``), the sign
of a sentence cut in the wrong place or a line joined to the wrong one.

A full stop after an abbreviation (``e.g.``, ``etc.``, ``U.S.``, ``Fig.``)
or a roman numeral (``iv.``) does not end a sentence, and a word such as
``iPhone`` may start one. What starts in lower case after a full stop in
technical and legal text is often not a sentence at all: a lettered list
item (``License. b. Adapter's``), a bullet (``o``), a name from code
(``process.nextTick()``, ``digest.update``, ``cif``); an exclamation or a
question is followed in lower case in old books (``Lo! the``). Only an
ordinary word after a full stop, in a paragraph that is not code, is
reported; and where a text does it often (three times or more, and more
than twice per 10,000 words: a manual whose sentences start with command
names), it is the text's style, and the findings are notes.

>>> [dict(f.evidence)["word"] for f in detect("use of technologies. information and")]
['information']
>>> detect("cats, dogs, etc. and birds")
[]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from verify.detect._text import finding, is_abbreviation, paragraphs_with
from verify.detect.acronyms import STOPWORDS
from verify.detect.code import code_names
from verify.detect.config import Corpus, LintConfig
from verify.normalize.lexicon import is_english_word
from verify.model import Finding, Severity

CODES = ("damage.lowercase_sentence",)

_BREAK_RE = re.compile(
    r"(?<![\w.])([^\W\d_][\w'’-]*)(\.)\s+([a-z]{2,})(?![\w'’-]*[A-Z])(?![\w]*[.(_\[:=/])"
)
# What every break holds: a full stop, a space and two lower-case letters.
_STOP_BEFORE_LOWER_RE = re.compile(r"\.[^\S\n]+[a-z]{2}")
_CODE_RE = re.compile(r"[{}();=<>\[\]]|\w\.\w|\w_\w|::|->")
#: Code marks per word above which a paragraph is code, not prose.
CODE_DENSITY = 0.1
_ROMAN_RE = re.compile(r"[ivxlc]+", re.IGNORECASE)


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    found = list(_breaks(text))
    words = max(1, len(text.split()))
    style = len(found) >= STYLE_COUNT and 10_000 * len(found) > STYLE_RATE * words
    severity: Severity = "note" if style else "warning"
    return [replace(f, severity=severity) for f in found]


#: A text with this many lower-case starts, and more than STYLE_RATE per
#: 10,000 words, writes that way on purpose.
STYLE_COUNT, STYLE_RATE = 3, 2


def _breaks(text: str) -> Iterator[Finding]:
    for para in paragraphs_with(text, _STOP_BEFORE_LOWER_RE):
        matches = list(_BREAK_RE.finditer(para.text))
        if not matches or _is_code(para.text) or _is_foreign(para.text):
            continue
        for match in matches:
            before = match.group(1)
            if len(before) < 2 or is_abbreviation(before + ".") or _ROMAN_RE.fullmatch(before):
                continue
            if _is_short_abbreviation(before):
                continue  # "4 mos. and 12 ds.", "Wh. he", "the 1st Coll. of 1742"
            if _after_comment(para.text, match.start()):
                continue  # code after its comment: "# A binary tree class. class Tree:"
            if match.group(3) in code_names(text) or match.group(3) in _commands(text):
                continue  # a parameter's name: "write(value, offset) ... offset. value must be"
            if _is_lower_case_name(text, para.text, match.start(3)):
                continue  # a program or a library: "libffi will handle promotion"
            if _term_then_sentence(para.text, match.end(3)):
                continue  # a term, then its definition: "from a file. screen The whole area"
            yield finding(
                text,
                "damage.lowercase_sentence",
                "warning",
                f"sentence starts in lower case after {before + match.group(2)!r}",
                para.start + match.start(3),
                para.start + match.end(3),
                {"after": before + match.group(2), "word": match.group(3)},
            )




def _is_lower_case_name(text: str, para: str, start: int) -> bool:
    """The word at ``start`` is a name written in lower case: not an English
    word (pyspellchecker's list), and never capitalised in the text
    (``libffi``, ``vgdb``, ``my6sense``), or an address (``moritz@g10code``).
    ``information`` is an English word: a sentence cut in the wrong place.

    >>> _is_lower_case_name("x", "as built. libffi will", 10), _is_lower_case_name("x", "as. information", 4)
    (True, False)
    """
    token = _TOKEN_RE.match(para, start)
    word = token.group() if token else ""
    if para[start + len(word) : start + len(word) + 1] == "@":
        return True
    if is_english_word(word):
        return False
    return re.search(rf"\b{re.escape(word[:1].upper() + word[1:])}\b", text) is None


_TOKEN_RE = re.compile(r"[\w'’-]+")


def _term_then_sentence(para: str, end: int) -> bool:
    """The lower-case word ending at ``end`` is followed by a sentence that
    opens with a capitalised function word: a term, then its definition, of
    a definition list run together (Vim's ``buffer Contains lines ... read
    from a file. screen The whole area that Vim uses``). A sentence cut in
    the wrong place goes on in lower case (``technologies. information and
    communication``).

    >>> _term_then_sentence("a file. screen The area", 14), _term_then_sentence("x. information and", 14)
    (True, False)
    """
    after = _CAPITALISED_RE.match(para, end)
    return after is not None and after.group(1).lower() in STOPWORDS


_CAPITALISED_RE = re.compile(r" ([A-Z][a-z]*)\b")

# A word that opens a code span of Markdown or reStructuredText: ``pip
# install``, `cargo publish`, ```git checkout```.
_SPAN_START_RE = re.compile(r"(?<!`)`{1,2}([a-z][\w-]*)(?=[ `])")


@functools.lru_cache(maxsize=4)
def _commands(text: str) -> frozenset[str]:
    """Words the text writes at the start of a code span (a command such as
    ``pip``, ``cargo``, ``git``), less English function words (``if x:``
    is code too, but ``if`` in prose is a sentence cut in two): a program's
    name, which may start a sentence in lower case (``pip, however,``).

    >>> sorted(_commands("run ``pip install x`` or `cargo` or ``if x:``"))
    ['cargo', 'pip']
    """
    return frozenset(m.group(1) for m in _SPAN_START_RE.finditer(text)) - STOPWORDS


def _after_comment(para: str, start: int) -> bool:
    """The full stop at ``start`` closes a comment of code: its line opens
    with ``# `` or holds a ``// `` comment before it, and the code goes on
    after it, in lower case.

    >>> _after_comment("# A binary tree class. class Tree:", 17), _after_comment("the # sign. the", 10)
    (True, False)
    >>> _after_comment("x += 1; // Move the value away. let y = x;", 31)
    True
    >>> _after_comment("See https://example.com/a. the", 26)
    False
    """
    line = para.rfind("\n", 0, start) + 1
    return para.startswith("# ", line) or _SLASH_COMMENT_RE.match(para, line, start) is not None


# A C-family comment on the full stop's line (``// This means we cannot
# access data until the guard goes away. let guard = ...``): the comment
# closes, the code goes on.
_SLASH_COMMENT_RE = re.compile(r"(?:[^\n]*[\s{;])?//[ \t][^\n]*$")


def _is_short_abbreviation(word: str) -> bool:
    """A word of five letters or fewer that is not English (pyspellchecker's
    list) and not an acronym in capitals: an abbreviation its text makes up
    (``mos.``, ``Coll.``, ``Apol.``, ``adj.``), whose full stop ends no
    sentence. ``USA.`` and ``WHO.`` are acronyms, which do end sentences.

    >>> _is_short_abbreviation("Coll"), _is_short_abbreviation("USA"), _is_short_abbreviation("field")
    (True, False, False)
    """
    if len(word) > 5 or (word.isupper() and len(word) >= 3) or not word.isalpha():
        return False
    return not is_english_word(word)


#: English words frequent in any English prose and rare in other languages
#: (``in``, ``a``, ``per`` and ``con`` left out: Italian and Latin use them).
_ENGLISH = frozenset(
    {
        "the", "and", "of", "to", "is", "that", "for", "with", "this", "be", "are", "by", "or",
        "not", "it", "as", "on", "from", "at", "which", "an", "was", "have", "has", "will", "shall",
        "any", "you", "your", "may", "these", "those", "such",
    }
)
_WORD_RE = re.compile(r"[^\W\d_]+")
#: A paragraph of at least FOREIGN_MIN_WORDS words with fewer English
#: function words than this share is in another language (Italian, German),
#: whose sentences may start in lower case (``è inteso``) and whose nouns
#: are capitalised: the detector does not read it.
FOREIGN_SHARE, FOREIGN_MIN_WORDS = 0.04, 12


def _is_foreign(para: str) -> bool:
    """Mostly not English: few of the commonest English words.

    >>> _is_foreign("Al fine di evitare dubbi, è inteso che il Licenziante rinuncia al diritto esclusivo.")
    True
    >>> _is_foreign("To avoid doubt, the Licensor waives the exclusive right to collect such royalties.")
    False
    """
    words = [w.lower() for w in _WORD_RE.findall(para)]
    if len(words) < FOREIGN_MIN_WORDS:
        return False
    return sum(w in _ENGLISH for w in words) < FOREIGN_SHARE * len(words)


def _is_code(para: str) -> bool:
    """A paragraph dense in brackets, ``=``, ``a.b`` and ``a_b`` is code or
    an API description, where lower case after a full stop is a name."""
    return len(_CODE_RE.findall(para)) > CODE_DENSITY * max(1, len(para.split()))
