"""What a text writes as code: the names of its API (objects, functions,
parameters), which a manual uses as words in its prose.

Nothing here decides what is wrong; detectors ask it whether a word is a
name of code (``damage.lowercase_sentence``, ``damage.doubled_word``).
"""

from __future__ import annotations

import functools
import re

from verify.detect.acronyms import STOPWORDS


@functools.lru_cache(maxsize=4)
def code_names(text: str) -> frozenset[str]:
    """Names the text gives as parameters of a call or a signature
    (``buf.write(value, offset)``, ``(xmlDocPtr doc)``), or writes as
    objects of code (``stdout.write``, ``callback(err)``, ``options
    <Object>``): an API manual starts sentences with them in lower case,
    and writes them after their own name (``the relative path from from to
    to``).

    >>> sorted(code_names("buf.write(value, offset) and parse(xmlDocPtr doc) (the one we use)"))
    ['buf', 'doc', 'offset', 'parse', 'value']
    >>> sorted(code_names("stdout.write() and options <Object> and callback(err), e.g. this"))
    ['callback', 'err', 'options', 'stdout']

    A function word is a name only as the parameter of a call written as
    code (``path.relative(from, to)``), not in a parenthesis of prose
    (``one (or the)``) nor glued to a file name (``the.valgrindrc``).

    >>> sorted(code_names("path.relative(from, to) and the.valgrindrc, one (or the)"))
    ['from', 'path', 'to']
    """
    names = {m.group(1) for m in _OBJECT_RE.finditer(text)} - STOPWORDS
    for match in _SIGNATURE_RE.finditer(text):
        glued = text[match.start() - 1] != " "
        for part in match.group(1).split(","):
            words = part.replace("*", " ").split()
            if 1 <= len(words) <= 2 and _is_parameter(words[-1], glued):
                names.add(words[-1])
    return frozenset(names)


def _is_parameter(word: str, glued: bool) -> bool:
    return word.isidentifier() and (glued or word not in STOPWORDS)


# A word of code: an object before its member (``stdout.write``), a
# function before its arguments (``callback(``), an argument before its
# type (``options <Object>``).
_OBJECT_RE = re.compile(r"(?<![\w.])([a-z][a-z_]+)(?:\.[a-z_]\w*|\(|\s<[A-Z]\w*>)")
# A call or a signature: a name glued to its parenthesised arguments, or a
# space apart. The match starts at the parenthesis and looks back for the
# name (the engine skips from one parenthesis to the next instead of trying
# every letter): the same arguments as ``\w[ ]?\(([^()]{1,200})\)``.
_SIGNATURE_RE = re.compile(r"\((?:(?<=\w\()|(?<=\w \())([^()]{1,200})\)")
