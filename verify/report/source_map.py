"""Where a span of canonical text stands in the source file.

Findings are spans of the canonical text; a reader (or GitHub code
scanning) wants the line and column in the *file*. Canonicalisation moves
text around (unwrapped lines, joined hyphenations, removed headers,
separated footnotes, folded quotes and spaces), but keeps the letters and
digits of what it keeps, in order. So both texts are reduced to their
*skeleton* (letters and digits only, NFKC and case folded, each with its
offset), and a span is found in the source skeleton by its own letters plus
up to :data:`CONTEXT` letters before it, at the same occurrence (the third
``SCO member`` of the canonical text is the third of the source). When
mojibake repair changed letters inside that window, the span's own letters
are tried alone; when even they cannot be found, there is no region (the
finding keeps its canonical position).

- plain text: the source is the decoded file;
- HTML: the source is the markup, its tags, comments, scripts and styles
  skipped and its character references read as the characters they stand
  for, so the region is the line and column of the text inside its element;
- PDF: the source is the text of each page as extracted, so the region
  names the page.

>>> canon = "The SCO member states met in 2006, and the CSO member states agreed."
>>> source = "The SCO member\\nstates met in 2006,\\nand the CSO mem-\\nber states agreed."
>>> SourceMap.of_text(canon, source).region(43, 46)
SourceRegion(start_line=3, start_column=9, end_line=3, end_column=12, page=None)
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Letters of context before a span that must match with it.
CONTEXT = 24

_HIDDEN_RE = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!\[CDATA\[.*?\]\]>|<[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_REFERENCE_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")


@dataclass(frozen=True)
class SourceRegion:
    """1-based lines and columns (Unicode code points) in the source file;
    ``end_column`` is one past the last character. ``page`` is the 1-based
    page for a PDF (its lines and columns are then in the page's text)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    page: int | None = None


@dataclass(frozen=True)
class Skeleton:
    """The letters and digits of a text, folded, with the offset of each."""

    keys: str
    offsets: tuple[int, ...]


def skeleton(pieces: Iterable[tuple[str, int, bool]]) -> Skeleton:
    """The skeleton of ``(text, offset, whole)`` pieces: a whole piece (a
    character reference) maps all its letters to its first offset.

    >>> skeleton([("Ab-c", 0, False), ("é", 10, True)])
    Skeleton(keys='abcé', offsets=(0, 1, 3, 10))
    """
    keys: list[str] = []
    offsets: list[int] = []
    for text, base, whole in pieces:
        if whole:
            for key in _fold(text):
                keys.append(key)
                offsets.append(base)
            continue
        if text.isascii():
            for match in re.finditer(r"[A-Za-z0-9]+", text):
                keys.append(match.group().lower())
                offsets.extend(range(base + match.start(), base + match.end()))
            continue
        for i, char in enumerate(text):
            for key in _fold(char):
                keys.append(key)
                offsets.append(base + i)
    return Skeleton("".join(keys), tuple(offsets))


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if c.isalnum())


class SourceMap:
    """Canonical spans to source regions, for one file."""

    def __init__(self, canonical: str, source: str, source_skeleton: Skeleton,
                 page_starts: Sequence[int] = ()) -> None:
        self._canonical = skeleton([(canonical, 0, False)])
        self._source = source_skeleton
        self._lines = [m.end() for m in re.finditer("\n", source)]
        self._page_starts = list(page_starts)
        self._text = source

    @classmethod
    def of_text(cls, canonical: str, source: str) -> SourceMap:
        return cls(canonical, source, skeleton([(source, 0, False)]))

    @classmethod
    def of_html(cls, canonical: str, markup: str) -> SourceMap:
        return cls(canonical, markup, skeleton(_visible(markup)))

    @classmethod
    def of_pages(cls, canonical: str, pages: Sequence[str]) -> SourceMap:
        """Pages joined by a form feed; a region gives its page, and lines
        and columns within that page's text."""
        starts, parts, at = [], [], 0
        for page in pages:
            starts.append(at)
            parts.append(page)
            at += len(page) + 1
        source = "\f".join(parts)
        return cls(canonical, source, skeleton([(source, 0, False)]), starts)

    def region(self, start: int, end: int) -> SourceRegion | None:
        """The source region of the canonical span ``[start, end)``, or
        ``None`` when its letters cannot be found in the source."""
        offsets = self._canonical.offsets
        first = bisect.bisect_left(offsets, start)
        last = bisect.bisect_left(offsets, end)
        if first == last:  # no letter in the span (punctuation): anchor on what precedes it
            return self._anchor(start, end, first)
        for context in (CONTEXT, 0):
            found = self._find(max(0, first - context), first, last)
            if found is not None:
                lead = offsets[first] - start
                trail = end - (offsets[last - 1] + 1)
                return self._region(max(0, found[0] - lead), found[1] + trail)
        return None

    def _anchor(self, start: int, end: int, first: int) -> SourceRegion | None:
        if first == 0:
            return None
        found = self._find(max(0, first - CONTEXT), first - 1, first)
        if found is None:
            return None
        gap = start - (self._canonical.offsets[first - 1] + 1)
        begin = found[1] + max(0, gap)
        return self._region(begin, begin + (end - start))

    def _find(self, context: int, first: int, last: int) -> tuple[int, int] | None:
        """Source offsets of the canonical letters ``first:last``, found with
        the letters ``context:first`` before them, at the same occurrence."""
        keys = self._canonical.keys
        key = keys[context:last]
        if not key:
            return None
        rank = _occurrences_before(keys, key, context)
        at = _nth(self._source.keys, key, rank)
        if at < 0:
            return None
        begin = at + (first - context)
        end = at + len(key) - 1
        return self._source.offsets[begin], self._source.offsets[end] + 1

    def _region(self, begin: int, end: int) -> SourceRegion:
        page = None
        base = 0
        if self._page_starts:
            index = bisect.bisect_right(self._page_starts, begin) - 1
            page, base = index + 1, self._page_starts[index]
        line, column = self._position(begin, base)
        end_line, end_column = self._position(max(begin, end), base)
        return SourceRegion(line, column, end_line, end_column, page)

    def _position(self, offset: int, base: int) -> tuple[int, int]:
        line_index = bisect.bisect_right(self._lines, offset)
        first_line = bisect.bisect_right(self._lines, base)
        line_start = self._lines[line_index - 1] if line_index else 0
        return line_index - first_line + 1, offset - max(line_start, base) + 1


def _occurrences_before(keys: str, key: str, limit: int) -> int:
    """How many times ``key`` starts before offset ``limit`` of ``keys``."""
    count, at = 0, keys.find(key)
    while 0 <= at < limit:
        count += 1
        at = keys.find(key, at + 1)
    return count


def _nth(keys: str, key: str, rank: int) -> int:
    """Where the ``rank``-th (0-based) occurrence of ``key`` starts; the last
    one when there are fewer; -1 when there is none."""
    at, found = keys.find(key), -1
    while at >= 0:
        found = at
        if rank == 0:
            return at
        rank -= 1
        at = keys.find(key, at + 1)
    return found


def _visible(markup: str) -> Iterable[tuple[str, int, bool]]:
    """The pieces of text between tags, with character references whole."""
    at = 0
    for hidden in _HIDDEN_RE.finditer(markup):
        yield from _references(markup[at : hidden.start()], at)
        at = hidden.end()
    yield from _references(markup[at:], at)


def _references(text: str, base: int) -> Iterable[tuple[str, int, bool]]:
    at = 0
    for ref in _REFERENCE_RE.finditer(text):
        yield text[at : ref.start()], base + at, False
        yield html.unescape(ref.group()), base + ref.start(), True
        at = ref.end()
    yield text[at:], base + at, False


def load_source_map(path: str, fmt: str, encoding: str | None, canonical: str,
                    pdf_backend: str = "pdfium") -> SourceMap | None:
    """The source map of one file on disk, read as its record says it was
    (``None`` for a format that has no source text to point into)."""
    from verify.ingest import ingest_bytes  # the report reads what ingest read

    with open(path, "rb") as stream:
        data = stream.read()
    if fmt == "pdf":
        extracted = ingest_bytes(data, pdf_backend=pdf_backend)  # type: ignore[arg-type]
        return SourceMap.of_pages(canonical, extracted.pages)
    if fmt not in ("text", "html"):
        return None
    source = data.decode(_codec(encoding), errors="replace")
    return SourceMap.of_html(canonical, source) if fmt == "html" else SourceMap.of_text(canonical, source)


def _codec(encoding: str | None) -> str:
    import codecs

    try:
        return codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return "utf-8"
