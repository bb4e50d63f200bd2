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

import re
from collections.abc import Iterator
from dataclasses import replace

from verify.detect._text import finding, is_abbreviation, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding, Severity

CODES = ("damage.lowercase_sentence",)

_BREAK_RE = re.compile(
    r"(?<![\w.])([^\W\d_][\w'’-]*)(\.)\s+([a-z]{2,})(?![\w'’-]*[A-Z])(?![\w]*[.(_\[:=/])"
)
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
    names = _parameters(text)
    for para in paragraphs(text):
        if _is_code(para.text):
            continue
        for match in _BREAK_RE.finditer(para.text):
            before = match.group(1)
            if len(before) < 2 or is_abbreviation(before + ".") or _ROMAN_RE.fullmatch(before):
                continue
            if match.group(3) in names:
                continue  # a parameter's name: "write(value, offset) ... offset. value must be"
            yield finding(
                text,
                "damage.lowercase_sentence",
                "warning",
                f"sentence starts in lower case after {before + match.group(2)!r}",
                para.start + match.start(3),
                para.start + match.end(3),
                {"after": before + match.group(2), "word": match.group(3)},
            )


def _parameters(text: str) -> set[str]:
    """Names the text gives as parameters of a call or a signature
    (``buf.write(value, offset)``, ``(xmlDocPtr doc)``): an API manual
    starts sentences with them in lower case.

    >>> sorted(_parameters("buf.write(value, offset) and parse(xmlDocPtr doc) (the one we use)"))
    ['doc', 'offset', 'value']
    """
    names = set()
    for match in _SIGNATURE_RE.finditer(text):
        for part in match.group(1).split(","):
            words = part.replace("*", " ").split()
            if 1 <= len(words) <= 2 and words[-1].isidentifier():
                names.add(words[-1])
    return names


# A call or a signature: a name glued to its parenthesised arguments.
_SIGNATURE_RE = re.compile(r"\w[ ]?\(([^()]{1,200})\)")


def _is_code(para: str) -> bool:
    """A paragraph dense in brackets, ``=``, ``a.b`` and ``a_b`` is code or
    an API description, where lower case after a full stop is a name."""
    return len(_CODE_RE.findall(para)) > CODE_DENSITY * max(1, len(para.split()))
