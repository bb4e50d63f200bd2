"""Leader dots of a table of contents, seen alike in every rendering.

A table of contents draws a row of dots between an entry and its page
number: ``Introduction . . . . . 4`` (xml2rfc), ``Introduction ......4``
(nroff's RFC editor), ``Introduction.......... 4`` once the canonical
``spacing`` step has folded the spaced dots. The dots are a drawing, not
words; the page number is a word. Compared as they are, the glued form hides
the number (``....4`` is no number for :mod:`verify.compare.numbers`, whose
numbers may not follow a ``.``) and the dots end "sentences" for the
segmenter, so one rendering's page numbers were reported against the other's
section numbers (audit of 2026-11-30, RFC 7232 paged against unpaged).

:func:`blank_leaders` replaces each leader run by as many spaces (offsets do
not move, so every span still points into the canonical text): the page
number then reads as a number on both sides, and where the renderings give
different page numbers, or only one gives them, that is what is reported.

>>> blank_leaders("1. Introduction ....4 2. Validators . . . . 5")
'1. Introduction     4 2. Validators         5'
>>> blank_leaders("and so on.... The end")  # no number after the run: kept
'and so on.... The end'
>>> blank_leaders("values 1, 2, ... 10")  # an ellipsis of three dots: kept
'values 1, 2, ... 10'
"""

from __future__ import annotations

import re

#: Four dots or more, each optionally followed by one space, after a
#: non-space, before a number of one to four digits that ends an entry (a
#: space, a line break or the end follows it). Three dots are an ellipsis.
_LEADER = re.compile(r"(?<=\S)(?: ?\.){4,} *(?=\d{1,4}(?:\s|$))")
#: The number need not end the line: canonical texts unwrap the entries of
#: one table of contents onto one line (``... 4 1.1. Conformance ...``).


def blank_leaders(text: str) -> str:
    """``text`` with every table of contents leader run replaced by spaces."""
    if "...." not in text and ". . . ." not in text:
        return text
    return _LEADER.sub(lambda m: " " * len(m.group()), text)
