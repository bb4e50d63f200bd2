"""``damage.stray_number``: a list or page number left alone in the text:
``5.`` between two sentences, ``6.`` at the end of a paragraph, or a
paragraph that is only a number.

A number that opens a paragraph (``1. The parties agree``) is a list item,
and one that ends a sentence (``in 2015.``) is not alone. So is a number
that continues a numbered sequence in its paragraph: ``1. Redistributions
... disclaimer. 2. Redistributions ...`` is a licence's numbered clauses
unwrapped into one paragraph, not damage.

>>> detect("are met: 1. Keep the notice. 2. Keep the list. 3. No endorsement.")
[]

A number after a locator (``p. 237.``, ``Vol. II., p. 315.``, ``Sc. 4.``,
``No. 5.``, ``Op. 57.``) or after a chapter's Roman numeral (``Acts iv. 30.``,
``Ps. cxix. 117.``) is a citation, and one after a name's initials
(``Graun C.H. 83. Graun J.G. 82.``) a page of a book's index.

>>> detect("Swainson's Folk-Lore, p. 84. In Germany ravens are believed")
[]

>>> [dict(f.evidence)["number"] for f in detect("other fields. 5. CSU Member States")]
['5.']
"""

from __future__ import annotations

import re

from verify.detect._text import Paragraph, finding, paragraphs
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.stray_number",)

# Each pattern here starts with the digit (or the parenthesis) and then looks
# back for the space before it: the engine skips to the next digit at once
# instead of trying the look-behind at every offset. The same matches as
# ``(?<=\s)(\d{1,3}\.)`` and ``(?:^|(?<=\s))\(?(\d{1,3})[.)]``.
_NUMBER_RE = re.compile(r"(\d(?<=\s\d)\d{0,2}\.)(?=\s+[A-Z\"“]|\s*$)")
_ENDS_SENTENCE_RE = re.compile(r"[.!?][\"”’)]*\d{0,2}$")
# Abbreviated months: the number after one is a day ("on Oct. 31."), not a list's.
_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# Locators: the number after one is a page, volume, scene or chapter cited
# ("Tome I., p. 324.", "Act 3, Sc. 4.", "No. 5."), not a list's.
_LOCATORS = frozenset(
    {"p", "pp", "pag", "page", "vol", "vols", "tome", "t", "no", "nos", "fol", "ff", "sc",
     "ch", "chap", "cap", "art", "sec", "sect", "col", "l", "ll", "v", "vv", "ver", "ed", "edit",
     "bk", "pt", "fig", "pl", "n", "op"}
)
# A name's initials ("Graun C.H. 83.", "Bononcini B. 6.") or a title ("Bull
# Dr. 221."): in a book's index, the page numbers follow the name.
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+|Dr\.")
_ALONE_RE = re.compile(r"\s*\d{1,4}\.?\s*")
#: The last run of letters of a word ("VIII.--No." -> "No", "(p." -> "p").
_LAST_PART_RE = re.compile(r"[^\W\d_]*(?=\W*$)")
#: A well-formed Roman numeral (lower case as written, ``iv``, ``cxix``): the
#: chapter before a verse or page. "did" or "mid" are not numerals.
_ROMAN_RE = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_DIGIT_RE = re.compile(r"\d")


def _book_abbreviation(word: str) -> bool:
    """A source named after a quotation, as an attribution writes it before
    its verse or page (``"Put that on mine account."--Philem. 18.``): a
    dash, then a capitalised word abbreviated. A sentence that ends before a
    stray number ends with a word (``other fields. 5.``).

    >>> [_book_abbreviation(w) for w in ('account."--Philem.', "fields.", "--Philemon")]
    [True, False, False]
    """
    dash = max(word.rfind("--"), word.rfind("\u2014"), word.rfind("\u2013"))
    bare = word[dash:].lstrip("-\u2014\u2013").rstrip(".")
    return dash >= 0 and word.endswith(".") and bare.isalpha() and bare[0].isupper()


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    recent: list[set[int]] = []
    headings: set[tuple[str, int]] = set()
    paras = list(paragraphs(text))
    for i, para in enumerate(paras):
        if not _DIGIT_RE.search(para.text):
            recent.append(set())
            continue  # no number, no marker
        markers = _markers(para.text)
        heading = _heading_of(para.text)
        before_here = set().union(*recent[-RECENT:]) if recent else set()
        recent.append(set(markers))
        if _ALONE_RE.fullmatch(para.text):
            if _in_column(paras, i):
                continue
            findings.append(_finding(text, para.start, para.end, para.text.strip(), "alone"))
            continue
        for match in _NUMBER_RE.finditer(para.text):
            before = para.text[: match.start()].split()
            if not any(c.isalpha() for c in para.text[: match.start()]):
                continue  # nothing but punctuation before it: it opens the paragraph
            if para.text[match.end() :].strip() and _continues(match, markers, before_here):
                continue
            if _numbered_heading(before, match, headings):
                continue  # a numbered heading: "SECTION. 3. The Senate" after "SECTION. 2."
            if before and before[-1].lower().rstrip(".") in _MONTHS and before[-1].endswith("."):
                continue  # a day after an abbreviated month: "on Nov. 8." "Oct. 31."
            cited = _last_part(before[-1]) if before else ""
            if before and before[-1].endswith(".") and cited in _LOCATORS:
                continue  # a page or scene cited: "Tome I., p. 324." "Act 3, Sc. 4." "--No. 353."
            if before and before[-1].endswith(".") and _ROMAN_RE.fullmatch(cited) and cited:
                continue  # a chapter and verse: "Acts iv. 30." "Ps. cxix. 117." "Vol. VIII. 12."
            if before and _INITIALS_RE.fullmatch(before[-1]):
                continue  # an index entry: "Graun C.H. 83. Graun J.G. 82."
            if before and _book_abbreviation(before[-1]):
                continue  # a book and verse cited: '"Put that on mine account."--Philem. 18.'
            if before and _ENDS_SENTENCE_RE.search(before[-1]):
                where = "end" if not para.text[match.end() :].strip() else "between sentences"
                findings.append(
                    _finding(
                        text,
                        para.start + match.start(),
                        para.start + match.end(),
                        match.group(1),
                        where,
                    )
                )
        if heading is not None:
            headings.add(heading)
    return findings


_MARKER_RE = re.compile(r"(?:\((?<![^\s]\()(\d{1,3})|(\d(?<![^\s]\d)\d{0,2}))[.)](?=\s)")


def _numbered_heading(before: list[str], match: re.Match[str], headings: set[tuple[str, int]]) -> bool:
    """The number after the paragraph's first word continues the numbers
    that word opens other paragraphs with (``SECTION. 1.`` ... ``SECTION.
    2.`` ... ``SECTION. 3.``, far apart): a numbered heading, as the US
    Constitution writes its sections. A stray number after a one-word
    sentence (``Fields. 5. CSU``) continues nothing. ``headings`` holds the
    (word, number) pairs that open the paragraphs before.

    >>> m = re.search("([0-9]+[.])", "SECTION. 3. The")
    >>> _numbered_heading(["SECTION."], m, {("section", 2)}), _numbered_heading(["Fields."], m, set())
    (True, False)
    """
    if len(before) != 1:
        return False
    key = before[0].lower().rstrip(".")
    number = int(match.group(1).rstrip("."))
    return any((key, n) in headings for n in (number - 1, number - 2))


#: A paragraph that opens with a word and a number: ``SECTION. 3.``, ``Article 12.``.
_HEADING_RE = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,3})\.\s")


def _heading_of(para: str) -> tuple[str, int] | None:
    """The (word, number) a paragraph opens with, if it opens with both."""
    found = _HEADING_RE.match(para)
    return (found.group(1).lower(), int(found.group(2))) if found else None


def _markers(para: str) -> dict[int, int]:
    """The first offset of each list-like marker (``3.``, ``3)``, ``(3)``) of a paragraph."""
    found: dict[int, int] = {}
    for match in _MARKER_RE.finditer(para):
        found.setdefault(int(match.group(1) or match.group(2)), match.start())
    return found


def _last_part(word: str) -> str:
    """The last run of letters of ``word``, in lower case ("VIII.--No." -> "no")."""
    found = _LAST_PART_RE.search(word)
    return found.group().lower() if found else ""


def _in_column(paras: list[Paragraph], i: int) -> bool:
    """A number alone beside another number alone is a column of a table
    (``0``, ``1``, ``2`` in cells of their own), not a stray page number."""
    return any(
        0 <= j < len(paras) and _ALONE_RE.fullmatch(paras[j].text) is not None for j in (i - 1, i + 1)
    )


#: How many paragraphs back a list's previous number is looked for.
RECENT = 3


def _continues(match: re.Match[str], markers: dict[int, int], recent: set[int]) -> bool:
    """The number ``n.`` opens a list (``1.``) or follows the marker ``n-1``
    earlier in its paragraph or in the paragraphs just before. (A number
    that ends the paragraph opens no item: the caller reports it.)"""
    number = int(match.group(1).rstrip("."))
    if number == 1:
        return True
    for previous in (number - 1, number - 2):  # a clause may have been struck out
        earlier = markers.get(previous)
        if previous in recent or (earlier is not None and earlier < match.start()):
            return True
    return False


def _finding(text: str, start: int, end: int, number: str, where: str) -> Finding:
    return finding(
        text,
        "damage.stray_number",
        "warning",
        f"stray number {number!r} ({where})",
        start,
        end,
        {"number": number, "where": where},
    )
