"""Layout steps: decisions that need the whole document.

Running headers, footers and page numbers repeat across pages; a footnote
number glued to a word points at a note line further down; a word broken
at a line end is joined unless the document itself spells it with a hyphen.
Each step returns what it decided as ``params`` (plain strings), and accepts
``params`` back to apply exactly those decisions: that is how a record
replays without deciding again.

All steps work on ``pages``: a tuple with one string per page (one string for
formats without pages).
"""

from __future__ import annotations

import bisect
import itertools
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from verify.model import CODE_LINE, Block
from verify.normalize.lexicon import is_english_word

Pages = tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What a layout step did: the new pages and its decisions."""

    pages: Pages
    count: int
    params: tuple[str, ...]
    examples: tuple[str, ...]
    #: Every piece of text the step removed (furniture lines), in order:
    #: what ``removed_sha256`` is taken over.
    removed: tuple[str, ...] = ()


# --------------------------------------------------------------------------- furniture

#: How many non-blank lines at the top and at the bottom of a page may be furniture.
ZONE = 3
#: A furniture line is short.
MAX_FURNITURE_LEN = 120
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|pagina)?\s*[-\u2013(\[]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-\u2013)\]]?"
    r"(?:\s*(?:of|/|de|von)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:;\"')\]]$")


def furniture_key(line: str) -> str:
    """The shape of a furniture line: digits folded, so 'Page 3' and 'Page 4' match."""
    if _PAGE_NUMBER.match(line):
        return "#page-number"
    return _DIGITS.sub("#", line)


def remove_furniture(pages: Pages, params: Sequence[str] | None = None,
                     positions: Sequence[Block] = (), markup: bool = False) -> Outcome:
    """Remove running headers, footers and page numbers, on page evidence only.

    With several pages: a line in the top or bottom zone of a page whose
    shape repeats in that zone on at least half of the pages (and two), and
    whose numbers are either the same on every page or follow the page
    number; a line ending a sentence needs three pages. Page 1's first line
    stays where the line positions (``positions``, from the PDF) show it
    somewhere else than the running header that repeats it on the other
    pages: there it is the title (decision recorded as :data:`TITLE_KEPT`).
    A two-page document's header (the first line of page 1 repeated as the
    first line of page 2) goes from page 2 only: on page 1 it is the title.
    Without pages (a text capture of a paged document): a short line that
    repeats verbatim, stands alone between blank lines at every occurrence,
    and splits a sentence at one of them at least (what was a page break).
    Every other line of unpaged text is kept: repetition alone is no proof.
    canon/6: nroff's page breaks in unpaged text (:func:`_page_break_footers`):
    a footer that repeats verbatim and a page number after it whose numbers
    run in page order, together at every break.
    ``markup``: the text is the blocks of a markup document (HTML), one
    paragraph each: a blank line there is a block boundary, never a page
    break, so a repeated short block ("Added in: v16.5.0", "Returns:
    <number>" in an API page) is text, and only the lone page number and
    a man page's title lines can be proven furniture.
    """
    if params is None:
        params = (_paged_keys(pages) if len(pages) > 1
                  else _unpaged_lines(pages[0] if pages else "", repeats=not markup))
        if len(pages) > 1 and _title_elsewhere(pages, frozenset(params), positions):
            params = [*params, TITLE_KEPT]
    keys = frozenset(params)
    if not keys:
        return Outcome(pages, 0, (), ())
    removed: list[str] = []
    if len(pages) > 1:
        title = furniture_key(_first_line(pages[0])) if TITLE_KEPT in keys else None
        first = frozenset() if TWO_PAGE_HEADER in keys else keys - {title}
        out = tuple(_strip_zone(page, first if number == 0 else keys, removed)
                    for number, page in enumerate(pages))
    else:
        footers = frozenset(k[len(PAGE_BREAK):] for k in keys if k.startswith(PAGE_BREAK))
        plain = frozenset(k for k in keys if k != FIRST_PAGE_NUMBER and not k.startswith(PAGE_BREAK))
        out = tuple(_strip_lines(page, plain, removed, _page_break_lines(page, footers) if footers else ())
                    for page in pages)
        if FIRST_PAGE_NUMBER in keys:
            out = tuple(_strip_first_page_number(page, removed) for page in out)
    if any(page.strip() for page in pages) and not any(page.strip() for page in out):
        return Outcome(pages, 0, (), ())  # all the text repeats: it is the document, not furniture
    return Outcome(out, len(removed), tuple(sorted(keys)), _unique(removed, 20), tuple(removed))


#: The key of a lone page number 1 on the first or last line of a one-page document.
FIRST_PAGE_NUMBER = "#page-number-1"


def _counts_on(filled: list[str]) -> bool:
    """Does a lone ``2`` (shaped as a page number) stand on a line of its own
    inside the text? Then a lone ``1`` at its start is the first of a numbered
    sequence (subtitle cues, numbered sections), not the page number of a
    one-page document (canon/6, audit3: an SRT file's first cue number was
    removed as furniture)."""
    return any(_PAGE_NUMBER.match(line) and _numbers(line)[:1] == (2,) for line in filled[1:-1])


def _is_first_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line)) and _numbers(line)[:1] == (1,)


def _strip_first_page_number(page: str, removed: list[str]) -> str:
    """A one-page document shows no repetition, but a first or last line that
    is the page number 1 is still furniture (one-page letters, press releases)."""
    lines = page.split("\n")
    while True:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        ends = [i for i in (filled[:1] + filled[-1:]) if _is_first_page_number(lines[i].strip())]
        if not ends:
            return "\n".join(lines)
        removed.append(lines[ends[0]].strip())
        del lines[ends[0]]


#: Recorded when page 1's first line stays as the title (see :func:`_title_elsewhere`).
TITLE_KEPT = "#title-kept"
#: Points within which two lines are at the same height on their pages.
SAME_HEIGHT = 2


def _title_elsewhere(pages: Pages, keys: frozenset[str], positions: Sequence[Block]) -> bool:
    """Is page 1's first line, a running header of the other pages, set at
    another height on page 1 than the header is on the other pages? Then it
    is the title there (a title block, the header only repeating its words),
    not page furniture. Without positions (text with form feeds, pypdf) the
    first line is furniture like the rest."""
    key = furniture_key(_first_line(pages[0]))
    if key not in keys or key == "#page-number" or not positions:
        return False
    tops: dict[bool, list[int]] = {True: [], False: []}
    # Folding digits leaves what comes before the first digit as it was: a
    # line whose key is ``key`` starts with the part of ``key`` before its
    # first '#', and only such lines need the key worked out.
    head = key.partition("#")[0]
    # ... and holds the first word of that part (or its start) as it is:
    # a substring test, before the line's white space is folded.
    word = head.split(maxsplit=1)[0] if head.strip() else ""
    for block in positions:
        if block.bbox is None or word not in block.text:
            continue
        line = " ".join(block.text.split())
        if line.startswith(head) and furniture_key(line) == key:
            tops[block.page == 1].append(block.bbox[3])
    return bool(tops[True] and tops[False]) and all(
        abs(a - b) > SAME_HEIGHT for a in tops[True] for b in tops[False])


def _first_line(page: str) -> str:
    return next((line.strip() for line in page.split("\n") if line.strip()), "")


def _zone_indices(lines: list[str]) -> list[int]:
    """The top and bottom furniture zones of a page. On a short page the
    zones shrink so that a line in the middle of a page of three or more is
    never furniture (a page whose every line repeats on every page is content,
    not a header; removal that would empty the document is refused too)."""
    # From 2 * ZONE + 1 filled lines on the depth is ZONE: only the first and
    # last ZONE filled lines are needed, not a list of every filled line.
    filled = _filled(lines, range(len(lines)), 2 * ZONE + 1)
    if len(filled) > 2 * ZONE:
        return sorted(set(filled[:ZONE] + _filled(lines, range(len(lines) - 1, -1, -1), ZONE)))
    if not filled:
        return []
    depth = min(ZONE, max(1, (len(filled) - 1) // 2))
    return sorted(set(filled[:depth] + filled[-depth:]))


def _filled(lines: list[str], order: range, most: int) -> list[int]:
    """The indexes of the first ``most`` non-blank lines met in ``order``."""
    found: list[int] = []
    for i in order:
        if lines[i].strip():
            found.append(i)
            if len(found) == most:
                break
    return found


def _paged_keys(pages: Pages) -> list[str]:
    seen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for number, page in enumerate(pages, start=1):
        lines = page.split("\n")
        for key, line in {furniture_key(lines[i].strip()): lines[i].strip()
                          for i in _zone_indices(lines)}.items():
            if 0 < len(line) <= MAX_FURNITURE_LEN:
                seen[key].append((number, line))
    threshold = max(2, math.ceil(len(pages) / 2))
    keys = {key for key, hits in seen.items()
            if (len(hits) >= threshold or _one_side(hits, len(pages))) and _numbers_fit_pages(key, hits)
            and (len(hits) >= 3 or not _ends_sentence(key))}
    if len(pages) == 2 and not keys:
        keys |= _two_page_header(pages)
    return sorted(keys)


#: Pages of one side (odd or even) a running head of that side must stand on.
MIN_SIDE_PAGES = 3


def _one_side(hits: list[tuple[int, str]], pages: int) -> bool:
    """A recto or verso running head (canon/7, audit4: an ACM paper's even
    pages head with the authors, its odd pages with the title, each on
    under half of the pages): every hit on pages of one parity, on at least
    half of that side's pages and :data:`MIN_SIDE_PAGES` of them."""
    sides = {number % 2 for number, _ in hits}
    if len(sides) != 1 or len(hits) < MIN_SIDE_PAGES:
        return False
    side = sides.pop()
    side_pages = sum(1 for number in range(1, pages + 1) if number % 2 == side)
    return len({number for number, _ in hits}) * 2 >= side_pages


def _ends_sentence(key: str) -> bool:
    """A line ending a sentence ("License.") is a page's last line by chance
    more often than a footer: two pages are not proof enough for it."""
    return key != "#page-number" and key.rstrip()[-1:] in ".!?"


#: The key of a two-page document's running header, removed from page 2 only.
TWO_PAGE_HEADER = "#two-page-header"


def _two_page_header(pages: Pages) -> set[str]:
    """A two-page document's running header: the first line of page 2, the
    same as the first line of page 1 (the title, repeated from page 2 on)."""
    firsts = [next((ln.strip() for ln in page.split("\n") if ln.strip()), "") for page in pages]
    key = furniture_key(firsts[1])
    if firsts[1] and firsts[0] == firsts[1] and key != "#page-number" and not _ends_sentence(key):
        return {key, TWO_PAGE_HEADER}
    return set()


def _numbers_fit_pages(key: str, hits: list[tuple[int, str]]) -> bool:
    """True when every number in the line is constant, or follows the page
    number (a constant offset from it) while the rest stay constant."""
    if key == "#page-number" or "#" not in key:
        return True
    columns = list(zip(*(_numbers(line) for _, line in hits), strict=False))
    if any(len(_numbers(line)) != len(columns) for _, line in hits):
        return False
    moving = [i for i, col in enumerate(columns) if len(set(col)) > 1]
    if not moving:
        return True
    if len(moving) > 1:
        return False
    offsets = {value - page for (page, _), value in zip(hits, columns[moving[0]], strict=True)}
    return len(offsets) == 1


def _numbers(line: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _DIGITS.findall(line))


def _unpaged_lines(text: str, repeats: bool = True) -> list[str]:
    """Lines of unpaged text proven to be a page header of the capture
    (``repeats=False``: not by repetition, only by shape)."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    numbered = [FIRST_PAGE_NUMBER] if filled and any(
        _is_first_page_number(line) for line in (filled[0], filled[-1])) and not _counts_on(filled) else []
    numbered += _man_page_title_lines(filled)
    if not repeats:
        return numbered
    numbered += [PAGE_BREAK + footer for footer in _page_break_footers(lines)]
    counts = Counter(line for line in lines if 0 < len(line) <= MAX_FURNITURE_LEN)
    candidates = {line for line, n in counts.items() if n >= 2 and not _PAGE_NUMBER.match(line)}
    if not candidates:
        return numbered
    alone: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    previous = ""  # the last non-blank line before the current one
    following_of = _following_lines(lines)
    for i, line in enumerate(lines):
        if line in candidates:
            blank_before = i == 0 or not lines[i - 1]
            blank_after = i + 1 == len(lines) or not lines[i + 1]
            if blank_before and blank_after:
                alone[line] += 1
                following = following_of[i]
                if previous and following and _interrupted(previous, following):
                    splits[line] += 1
        if line:
            previous = line
    return numbered + sorted(line for line in candidates
                             if alone[line] == counts[line] and splits[line] >= 1)


def _following_lines(lines: list[str]) -> list[str]:
    """For each line, the first non-blank line after it ("" if none): one
    pass from the end (canon/6 sliced the rest of the text for each lone
    repeated line: 60,000 of them took 7 s).

    >>> _following_lines(["a", "", "", "b", ""])
    ['b', 'b', 'b', '', '']
    """
    out = [""] * len(lines)
    following = ""
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if lines[i]:
            following = lines[i]
    return out


#: The key of a page-break footer of unpaged text (:func:`_page_break_footers`),
#: the footer's text after it.
PAGE_BREAK = "#page-break:"


def _page_break_footers(lines: list[str]) -> list[str]:
    r"""The page-break footers of unpaged text (canon/6): nroff's ``ms``
    output (no form feeds) prints at every page break the page's footer
    and the next page's header, a page number, together between blank
    lines (``October 28, 1994`` over ``- 2 -``). A footer is proven when
    it repeats verbatim, every occurrence stands alone between blank lines
    and is followed, past blank lines only, by a page number standing
    alone, or ends the text (the last page's footer); the page numbers of
    at least two breaks run in page order (each one more than the one
    before, no page left out); and a sentence runs on across one break at
    least. ``lines``: the text's lines, stripped.

    >>> body = ["ends", "", "October 28, 1994", "", "- 2 -", "", "here and", "",
    ...         "October 28, 1994", "", "- 3 -", "", "there.", "", "October 28, 1994"]
    >>> _page_break_footers(body)
    ['October 28, 1994']
    >>> _page_break_footers([ln.replace("- 3 -", "- 4 -") for ln in body])
    []
    """
    places: defaultdict[str, list[int]] = defaultdict(list)  # one pass: linear in the text
    for i, line in enumerate(lines):
        if line and len(line) <= MAX_FURNITURE_LEN:
            places[line].append(i)
    found = []
    for footer, at in places.items():
        if len(at) < 2 or _PAGE_NUMBER.match(footer):
            continue
        breaks = _footer_breaks(lines, at)
        if breaks is None or len(breaks) < 2:
            continue
        numbers = [_numbers(lines[header])[0] for _, header in breaks]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            continue
        if any(_runs_on(lines, at, header) for at, header in breaks):
            found.append(footer)
    return sorted(found)


def _footer_breaks(lines: list[str], at: list[int]) -> list[tuple[int, int]] | None:
    """Where a footer (standing on the lines numbered ``at``, in order)
    stands over a page number at a break: (footer line, page number line)
    each time; None if one of its occurrences stands otherwise (not alone,
    not over a lone page number, not the text's end)."""
    breaks = []
    for i in at:
        if (i and lines[i - 1]) or (i + 1 < len(lines) and lines[i + 1]):
            return None
        header = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
        if header is None:
            continue  # the last page's footer
        alone = header + 1 == len(lines) or not lines[header + 1]
        if not (alone and _PAGE_NUMBER.match(lines[header]) and len(_numbers(lines[header])) == 1):
            return None
        breaks.append((i, header))
    return breaks


def _runs_on(lines: list[str], footer: int, header: int) -> bool:
    """Does a sentence run on across the break from line ``footer`` to
    ``header``: the text after the page number goes on in lower case from
    the last line before the footer that does not end a sentence, or from
    the last line of the block before that one (nroff sets a page's
    footnotes, under a rule that the ``rules`` step made a blank line,
    between its last line of text and its footer)?"""
    after = next((lines[j] for j in range(header + 1, len(lines)) if lines[j]), "")
    ends: list[str] = []  # the last lines of the two blocks before the footer
    j = footer - 1
    while j >= 0 and len(ends) < 2:
        if lines[j] and (j + 1 == footer or not lines[j + 1]):
            ends.append(lines[j])
        j -= 1
    return bool(after) and any(_interrupted(before, after) for before in ends)


def _page_break_lines(page: str, footers: frozenset[str]) -> frozenset[int]:
    """The lines of ``page`` that :func:`_page_break_footers` proved furniture:
    each footer, and the page number it stands over."""
    lines = [line.strip() for line in page.split("\n")]
    drop: set[int] = set()
    for footer in footers:
        at = [i for i, line in enumerate(lines) if line == footer]
        for _, header in _footer_breaks(lines, at) or ():
            drop.add(header)
        drop.update(at)
    return frozenset(drop)


#: A man page's header line: its title ``NAME(section)`` at both ends, the
#: manual's name between (nroff's ``.TH``, ``BASH(1)  General Commands Manual  BASH(1)``).
_MAN_HEADER = re.compile(r"^(?P<title>[\w.:+-]+\(\d\w{0,8}\))\s.*\S\s+(?P=title)$")


def _man_page_title_lines(filled: list[str]) -> list[str]:
    """The running header and footer of a man page formatted as one
    continuous page (``man`` / ``nroff`` output): the first line is the
    header, ``TITLE(n) ... TITLE(n)``, and the last line, the footer, ends
    with the same ``TITLE(n)``. nroff repeats them on every page of a paged
    rendering (the PDF, where they go as page furniture), and prints them
    once here; both must be there, the footer proving the header's shape.
    The footer of a one-page groff PDF ends with the page number 1 instead.

    >>> _man_page_title_lines(["LS(1)  User Commands  LS(1)", "NAME", "GNU coreutils 9.4  2024  LS(1)"])
    ['LS(1)  User Commands  LS(1)', 'GNU coreutils 9.4  2024  LS(1)']
    >>> _man_page_title_lines(["LS(1) is a command LS(1)", "NAME", "see the end"])
    []
    """
    if len(filled) < 3:
        return []
    header = _MAN_HEADER.match(filled[0])
    if header is None:
        return []
    footer = filled[-1]
    title = header.group("title")
    if footer == filled[0] or not re.search(rf"\S\s+(?:{re.escape(title)}|1)$", footer):
        return []
    return [filled[0], footer]


def _interrupted(before: str, after: str) -> bool:
    """A sentence runs on across the line between ``before`` and ``after``."""
    return not _TERMINAL.search(before) and after[:1].islower()


def _strip_zone(page: str, keys: frozenset[str] | set[str], removed: list[str]) -> str:
    lines = page.split("\n")
    drop = {i for i in _zone_indices(lines) if furniture_key(lines[i].strip()) in keys}
    removed.extend(lines[i].strip() for i in sorted(drop))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _strip_lines(page: str, keys: frozenset[str], removed: list[str], drop: Collection[int] = ()) -> str:
    """Remove furniture lines (those in ``keys``, and the lines numbered
    ``drop``); where one interrupted a sentence, rejoin the
    sentence across it (a space, or a line break after a hyphen so that
    dehyphenation can join the word)."""
    kept: list[str] = []
    before = ""  # the last non-blank line kept, stripped (kept in step, not searched for)
    rejoin = False
    for number, line in enumerate(page.split("\n")):
        text = line.strip()
        if text in keys or number in drop:
            removed.append(text)
            # ``before`` is stripped: ``$`` is its end, so its last character
            # decides (a search of the whole line was quadratic where every
            # break of a long text is rejoined into one line)
            rejoin = rejoin or (bool(before) and not _TERMINAL.search(before[-1:]))
            continue
        if rejoin and not text:
            continue
        if rejoin and text[:1].islower():
            while kept and not kept[-1].strip():
                kept.pop()
            if kept and not kept[-1].rstrip().endswith("-"):
                kept[-1] = kept[-1].rstrip() + " " + text
                before = kept[-1].strip()
                rejoin = False
                continue
        rejoin = False
        kept.append(line)
        if text:
            before = text
    return "\n".join(kept)


def _unique(items: Sequence[str], limit: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))[:limit]


# --------------------------------------------------------------------------- footnotes

_NOTE_LINE = re.compile(r"^(\d{1,3})[ ]+(?=[A-Z\"'(\[])(\S.{8,})$")
#: A footnote mark: digits glued to a word (or after its punctuation), then
#: the end of the line, a space, or closing punctuation and then one of those:
#: ``members.7 They``, ``CHINA1,``. ``lvgrs10.zip``, ``lvgrs10a.txt``,
#: ``ssse3-i386`` and ``hppa1.1/`` are names, not a word with a mark (canon/6,
#: audit3: a name's digits were cut and a stanza moved as "note" 10).
_GLUED = (r"(?:(?<=[^\W\d_]{{2}})|(?<=[^\W\d_][.,;:)\]\"'])){n}"
          r"(?=\s|$|[.,;:!?)\]\"'\u2019\u201d]+(?:\s|$))")


def separate_footnotes(pages: Pages, params: Sequence[str] | None = None) -> Outcome:
    """Move footnotes out of the body.

    A note is a line ``N Text...`` (N up to three digits, the text starting
    with a capital) with, earlier on the same page, a marker ``N`` glued to a
    word (``CHINA1``, ``members.7``). The marker is removed from the body; the
    note (with its continuation lines, up to the one ending a sentence) goes
    to the end of the document as a paragraph ``[^N] Text``.
    """
    wanted = None if params is None else frozenset(params)
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    for page in pages:
        evidence = _UnpagedNotes(page) if len(pages) == 1 else None
        body, page_notes = _page_footnotes(page, wanted, evidence)
        out.append(body)
        notes.extend(page_notes)
    if not notes:
        return Outcome(pages, 0, (), ())
    block = "\n\n".join(f"[^{n}] {text}" for n, text in notes)
    out[-1] = out[-1].rstrip("\n") + "\n\n" + block
    numbers = tuple(str(n) for n, _ in notes)
    return Outcome(tuple(out), len(notes), numbers, tuple(t[:80] for _, t in notes))


_RAISED_NUMBER = re.compile(r"\d{1,3}")
_SENTENCE_END = re.compile(r"[.!?]$")


#: A line whose first character but white space is a digit: at the page's
#: start, or after a line break (a pattern led by ``\n`` is scanned for; one
#: led by a multiline ``^`` is tried at every character). ``\s`` and
#: ``str.strip`` take the same white space.
_DIGIT_FIRST = re.compile(r"[^\S\n]*\d")
_DIGIT_AFTER_BREAK = re.compile(r"\n[^\S\n]*\d")


def _digit_first(line: str) -> bool:
    """Is the line's first character but white space a decimal digit? Every
    line that is a note line or a raised number, or starts one joined with
    the next line, is (``\\d`` is ``str.isdecimal``; tests/test_steps_equivalence.py):
    the patterns are not tried on the others."""
    return line.lstrip()[:1].isdecimal()


def _page_footnotes(page: str, wanted: frozenset[str] | None,
                    evidence: _UnpagedNotes | None = None) -> tuple[str, list[tuple[int, str]]]:
    if not _DIGIT_FIRST.match(page) and not _DIGIT_AFTER_BREAK.search(page):
        return page, []  # a note line and a raised number both start with a digit
    lines = page.split("\n")
    notes: list[tuple[int, str]] = []
    marks = _Marks()
    i = 0
    while i < len(lines):
        if not _digit_first(lines[i]):
            i += 1
            continue
        if (_RAISED_NUMBER.fullmatch(lines[i].strip()) and i + 1 < len(lines)
                and _NOTE_LINE.match(f"{lines[i].strip()} {lines[i + 1].strip()}")):
            lines[i:i + 2] = [f"{lines[i].strip()} {lines[i + 1].strip()}"]  # a raised number on its own line
        match = _NOTE_LINE.match(lines[i].strip())
        if match and (wanted is None or match.group(1) in wanted):
            number = match.group(1)
            marker = marks.last(lines, i, number)
            if marker is not None and (evidence is None or evidence.accepts(lines, i, marker, number)):
                end = _note_end(lines, i)
                row, start = marker
                lines[row] = lines[row][:start] + lines[row][start + len(number):]
                note = "\n".join(line.strip() for line in lines[i:end])[len(number):].strip()
                notes.append((int(number), note))
                del lines[i:end]
                continue
        i += 1
    return "\n".join(lines), notes


#: Superscript digits: a footnote's mark as a raised number (``word¹``, HTML's
#: ``word<sup>1</sup>``), which canon/5 keeps raised (``steps.RAISED``).
_RAISED_DIGIT = "[\u2070-\u2079\u00b9\u00b2\u00b3]"
_SUPERSCRIPT_DIGITS = str.maketrans(
    "0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _marker_pattern(number: str) -> re.Pattern[str]:
    """A footnote's mark ``number`` glued to a word, in plain or raised
    digits (canon/5: ``word¹`` is the mark of note 1 as ``word1`` is).

    >>> bool(_marker_pattern("12").search("the case\u00b9\u00b2 and"))
    True
    >>> bool(_marker_pattern("1").search("the case\u00b9\u00b2 and"))
    False
    """
    raised = number.translate(_SUPERSCRIPT_DIGITS)
    return re.compile(_GLUED.format(n=f"(?:{re.escape(number)}|{raised}(?!{_RAISED_DIGIT}))"))


#: Any footnote mark: :func:`_marker_pattern` of any number (its digits, up
#: to three, or their raised forms). A row that it does not match holds no
#: mark of any number (the regex tries every length, as the number's own
#: pattern is one of them; tests/test_canon7.py compares the two).
_ANY_MARK = re.compile(_GLUED.format(n=f"(?:\\d{{1,3}}|{_RAISED_DIGIT}{{1,3}})"))
_TO_PLAIN = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")


class _Marks:
    """Where :func:`_last_marker` looks: the rows before a note line that
    hold a mark, by its number, so that finding a note's mark costs the
    rows that hold that number, not the whole text before it (canon/6
    scanned back over every row for each note-like line: quadratic in a
    text of many numbered lines). Rows are read once, when a note line
    after them asks (the footnote loop changes no row before its own but
    for cutting a mark out of one, which the number's own pattern then
    checks): :meth:`last` gives what :func:`_last_marker` gives
    (tests/test_canon7.py)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = defaultdict(list)
        self.read = 0  # rows before this one are in ``rows``

    def last(self, lines: list[str], before: int, number: str) -> tuple[int, int] | None:
        """The mark of ``number`` nearest before row ``before``, or None
        where the nearest is in a code line."""
        for row in range(self.read, before):
            for key in sorted({m.group().translate(_TO_PLAIN) for m in _ANY_MARK.finditer(lines[row])}):
                self.rows[key].append(row)
        self.read = max(self.read, before)
        rows = self.rows.get(number.translate(_TO_PLAIN), [])
        if not rows:
            return None
        pattern = _marker_pattern(number)
        while rows and rows[-1] >= before:  # pragma: no cover - rows are read only up to a note line
            rows.pop()
        while rows:
            row = rows[-1]
            found = list(pattern.finditer(lines[row]))
            if not found:  # its mark was cut: it holds none of this number any more
                rows.pop()
                continue
            if lines[row].startswith(CODE_LINE):
                return None
            return row, found[-1].start()
        return None


def _last_marker(lines: list[str], before: int, number: str) -> tuple[int, int] | None:
    pattern = _marker_pattern(number)
    for row in range(before - 1, -1, -1):
        found = list(pattern.finditer(lines[row]))
        if found and lines[row].startswith(CODE_LINE):
            return None  # the nearest candidate is a number in code: code, not a marker
        if found:
            return row, found[-1].start()
    return None


class _UnpagedNotes:
    """The evidence a reader has that a glued number is a footnote's mark
    in unpaged text (one page: a text capture, an HTML page), where no page
    foot proves a note line (canon/7; canon/6 took any later line ``N Text``:
    nettle's manual lost the digit of ``PBKDF2`` and ``DES3`` to its
    numbered headings). A note is accepted only if

    - its line starts a block: the line before it is blank, or the end of
      the note accepted just before (notes set one after the other);
    - it stands where notes stand: within :data:`PAGE_REACH` lines of its
      mark (the foot of the mark's page in a capture), or in the block of
      notes that ends the text (nothing but notes and blank lines after it:
      an HTML page's or a text's notes at the end);
    - the notes run in order: each one after the first accepted is the
      number after the last or 1 again (notes numbered page by page);
    - the word the mark is glued to carries no digits anywhere else in the
      text (``PBKDF2-HMAC``, ``CFB8`` elsewhere: a name, not a mark).

    When one of these fails the digit stays where it is, and the note line
    too (fail safe)."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.last = 0  # the number of the note accepted last, 0 before the first
        self.end = -1  # the row after that note, once it was taken out
        self.tail: int | None = None  # rows at the text's end that are notes (or blank)

    def accepts(self, lines: list[str], row: int, marker: tuple[int, int], number: str) -> bool:
        if not (row == 0 or not lines[row - 1].strip() or row == self.end):
            return False
        if row - marker[0] > PAGE_REACH:
            if self.tail is None:
                self.tail = _notes_tail(lines)
            if len(lines) - row > self.tail:
                return False  # neither on its mark's page nor among the notes at the end
        value = int(number)
        if self.last and value != self.last + 1 and value != 1:
            return False
        if self._carries_digits(lines[marker[0]][:marker[1]]):
            return False
        self.last, self.end = value, row
        return True

    def _carries_digits(self, before: str) -> bool:
        """Does the word before the mark stand glued to digits more than once
        in the text (this mark is one)?"""
        word = _MARKED_WORD.search(before)
        if word is None:
            return True
        glued = re.compile(rf"(?<![^\W_]){re.escape(word.group())}[0-9\u2070-\u2079\u00b9\u00b2\u00b3]")
        return len(glued.findall(self.page, 0)) > 1


#: How many lines after its mark a note may stand without being among the
#: notes that end the text: a typewritten page (66 lines), so that the note
#: is at the foot of its mark's page at most.
PAGE_REACH = 66


def _notes_tail(lines: list[str]) -> int:
    """How many lines at the end of ``lines`` are notes (a line ``N Text``,
    or a raised number over its text, with its continuation lines as
    :func:`_note_end` reads them) and blank lines; one pass.

    >>> _notes_tail(["Text of it.", "", "1 A note of the text here.", "", "2 Another note of it here."])
    3
    >>> _notes_tail(["1 A note of the text here.", "Text after it, not a note."])
    0
    """
    start: int | None = None
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            i += 1
            continue
        raised = (_RAISED_NUMBER.fullmatch(text) is not None and i + 1 < len(lines)
                  and _NOTE_LINE.match(f"{text} {lines[i + 1].strip()}") is not None)
        if raised or _NOTE_LINE.match(text):
            start = i if start is None else start
            i = _note_end(lines, i + 1 if raised else i)
            continue
        start = None
        i += 1
    return 0 if start is None else len(lines) - start


#: The word a mark is glued to, with the punctuation between them (``members.``).
_MARKED_WORD = re.compile(r"[^\W\d_]+[.,;:)\]\"']?$")


def _note_end(lines: list[str], start: int) -> int:
    """Index after the last line of the note starting at ``start``."""
    end = start + 1
    while (end < len(lines) and lines[end].strip() and not _SENTENCE_END.search(lines[end - 1].strip())
           and not _NOTE_LINE.match(lines[end].strip())):
        end += 1
    return end


# --------------------------------------------------------------------------- pages

def join_pages(pages: Pages, params: Sequence[str] | None = None) -> Outcome:
    """Join pages into one text. A page whose last line does not end a
    sentence runs on into the next (one line break); otherwise the page break
    is a paragraph break."""
    if len(pages) <= 1:
        return Outcome(pages, 0, (), ())
    text = pages[0].rstrip("\n")
    runs_on = 0
    for page in pages[1:]:
        tail = text.rstrip().rsplit("\n", 1)[-1].strip()
        joint = "\n" if tail and not _TERMINAL.search(tail) else "\n\n"
        runs_on += joint == "\n"
        text += joint + page.strip("\n")
    return Outcome((text,), len(pages) - 1, (), (f"{runs_on} page breaks inside a paragraph",))


# --------------------------------------------------------------------------- hyphenation

_BREAK = re.compile(r"-\n[ ]*")
_SPACES = re.compile(r"[ ]*")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class _Break:
    """``left-\n  right``: a word broken at a line end, ``text[start:end]``."""

    start: int
    end: int
    left: str
    right: str


def _is_letter(ch: str) -> bool:
    """The regular expression class ``[^\\W\\d_]``: a letter, as ``\\w`` sees it."""
    return ch.isalnum() and not ch.isdecimal()


def _breaks(text: str) -> list[_Break]:
    """Every ``letters-\nletters`` in the text, in order, not overlapping.

    Found from the ``-\n`` outwards, so each letter is looked at a bounded
    number of times: linear in the text (a regular expression starting with
    ``[^\\W\\d_]+`` retried at every letter of a long run was quadratic)."""
    found: list[_Break] = []
    floor = 0  # where the previous break ended: breaks do not overlap
    for match in _BREAK.finditer(text):
        start = match.start()
        while start > floor and _is_letter(text[start - 1]):
            start -= 1
        end = match.end()
        while end < len(text) and _is_letter(text[end]):
            end += 1
        if start == match.start() or end == match.end():
            continue
        found.append(_Break(start, end, text[start:match.start()], text[match.end():end]))
        floor = end
    return found


def dehyphenate(pages: Pages, params: Sequence[str] | None = None) -> Outcome:
    """Join words hyphenated across a line end, keeping real compounds.

    The document is its own dictionary: ``infor-/mation`` becomes
    ``information`` and ``POSSI-/BILITY`` ``POSSIBILITY``; ``counter-/terrorism``
    stays ``counter-terrorism`` when the document writes it so elsewhere, or
    when both halves are words of the document and the joined form is not. A
    right half starting with a capital after a left half that is not all
    capitals (``Asia-/Pacific``) keeps its hyphen.
    """
    text = "\n".join(pages)
    breaks = _breaks(text)
    if not breaks:
        return Outcome(pages, 0, (), ())
    decided = list(params) if params is not None else _decide_hyphens(text, breaks)
    if len(decided) != len(breaks):
        raise ValueError("recorded hyphenation decisions do not match the text")
    pieces, last = [], 0
    for found, word in zip(breaks, decided, strict=True):
        pieces.append(text[last:found.start] + word)
        last = found.end
        # The word's tail moves up; the rest of its line stays a line of its own,
        # so that line lengths (which unwrap reads) are kept.
        rest = _SPACES.match(text, last).end()  # type: ignore[union-attr]  # always matches
        if rest > last and rest < len(text) and text[rest] != "\n":
            pieces.append("\n")
        last = rest
    pieces.append(text[last:])
    joined = sum("-" not in w for w in decided)
    return Outcome(("".join(pieces),), len(decided), tuple(decided),
                   (f"{joined} joined, {len(decided) - joined} kept as compounds", *decided[:5]))


def _decide_hyphens(text: str, breaks: list[_Break]) -> list[str]:
    pieces: list[str] = []
    last = 0
    for found in breaks:  # the broken words are not evidence; offsets stay
        pieces += (text[last:found.start], " " * (found.end - found.start))
        last = found.end
    pieces.append(text[last:])
    places = _with_inner_pairs(word_places("".join(pieces)))
    words = Counter(p for w in places for p in w.split("-"))
    return [hyphen_decision(found.left, found.right, _Nearest(places, found.start), words)
            for found in breaks]


def word_places(text: str) -> dict[str, list[int]]:
    """Every word of ``text`` (:data:`_WORD`, lower-cased), with the offsets
    where it starts, in order of first use.

    The words and the text between them come from one ``split`` by the
    pattern, and the offsets from the running sum of their lengths: the
    regex engine and ``accumulate`` do the per-word work that a ``finditer``
    loop (a match object, ``group``, ``start`` and ``lower`` a word) did in
    Python (tests/test_steps_equivalence.py keeps that loop as the reference).

    The text is lower-cased whole before the split, not word by word, where
    that is the same: ``str.lower`` maps every character alone to one
    character but ``Σ`` (its small form depends on the letters around it)
    and ``İ`` (two characters), and a character is a letter of the pattern
    exactly when its lower case is (both checked over every code point in
    tests/test_steps_equivalence.py). A lower-cased text with no letter
    outside ASCII is split by the ASCII form of the pattern, which is the
    same there and a third faster.

    >>> word_places("Read-only, read ONLY.")
    {'read-only': [0], 'read': [11], 'only': [16]}
    """
    if "\u03a3" in text or "\u0130" in text:
        pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        words: Iterable[str] = map(str.lower, pieces[1::2])
    else:
        text = text.lower()
        pieces = (_WORD_SPLIT if _LETTER_OUTSIDE_ASCII.search(text) else _ASCII_WORD_SPLIT).split(text)
        words = pieces[1::2]
    ends = itertools.accumulate(map(len, pieces))
    places: defaultdict[str, list[int]] = defaultdict(list)
    for word, start in zip(words, itertools.islice(ends, 0, None, 2), strict=False):
        places[word].append(start)
    return dict(places)


_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
#: :data:`_WORD_SPLIT` on a text whose letters are all ASCII: ``[^\W\d_]`` is
#: ``[A-Za-z]`` there.
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)")
#: A letter of :data:`_WORD` outside ASCII (found as a character outside
#: ASCII, then tested).
_LETTER_OUTSIDE_ASCII = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")


def _with_inner_pairs(places: dict[str, list[int]]) -> dict[str, list[int]]:
    """``places`` with every hyphenated pair written inside a longer compound
    counted as a use of the pair, where it stands: RFC 2616 writes
    ``byte-range-spec`` and ``byte-range-set``, evidence for the hyphen of
    ``byte-`` broken over ``range`` as much as a ``byte-range`` of its own.

    >>> _with_inner_pairs({"byte-range-spec": [10], "byte-range": [40]})["byte-range"]
    [10, 40]
    >>> _with_inner_pairs({"a-b-c": [0]})["b-c"]
    [2]
    """
    inner: defaultdict[str, list[int]] = defaultdict(list)
    for word, starts in places.items():
        if word.count("-") < 2:
            continue
        parts = word.split("-")
        offset = 0
        for left, right in itertools.pairwise(parts):
            inner[f"{left}-{right}"] += [start + offset for start in starts]
            offset += len(left) + 1
    if not inner:
        return places
    merged = dict(places)
    for pair, starts in inner.items():
        merged[pair] = sorted(merged.get(pair, []) + starts)
    return merged


class _Nearest(Counter[str]):
    """The document's other words seen from one break: every use of a
    spelling counts, halved each time its distance from the break doubles,
    so that of two spellings the document uses, the one used more and nearer
    wins (``lower-case`` in a section that writes it so, ``lowercase`` in the
    rest of bash's manual). Symmetric in the renderings: which other uses a
    rendering broke at line ends moves the weights only a little. Only the
    :data:`NEAREST` uses on each side count, so a word broken and written
    thousands of times costs no more per break (linear, bench/canon_scaling.py)."""

    def __init__(self, places: dict[str, list[int]], at: int) -> None:
        super().__init__()
        self._places, self._at = places, at

    def __missing__(self, word: str) -> int:
        found = self._places.get(word)
        if not found:
            return 0
        i = bisect.bisect_left(found, self._at)
        near = found[max(0, i - NEAREST):i + NEAREST]
        return sum(1 << 40 - min(abs(p - self._at).bit_length(), 39) for p in near)


#: How many uses of a spelling on each side of a break weigh in its decision.
NEAREST = 8


def hyphen_decision(left: str, right: str, vocabulary: Counter[str], words: Counter[str]) -> str:
    """The word that ``left-\nright`` stands for: ``left-right`` or ``leftright``.

    The decision must not depend on where a rendering broke its lines (a PDF
    breaks ``read-/only`` where the text rendering prints ``readonly`` whole),
    so it is taken from the document's words and, failing them, from English:

    1. the document writes the word elsewhere (``vocabulary``: its unbroken
       words, singular or plural; each use counts, nearer uses more): the
       spelling with the greater weight, the compound on a tie;
    2. else the joined word is an English word (``re-/setting``): joined;
    3. else a capital after a left half that is not all capitals
       (``Asia-/Pacific``), or both halves are words of the document, or both
       are English words (``floating-/point``; not one of each: German
       ``Fundamental-/gruppen`` is one word): the compound;
    4. else joined: most line-end hyphens are syllable breaks.

    >>> from collections import Counter
    >>> hyphen_decision("read", "only", Counter({"readonly": 5, "read-only": 2}), Counter())
    'readonly'
    >>> none = Counter()
    >>> hyphen_decision("re", "setting", none, none), hyphen_decision("zero", "padding", none, none)
    ('resetting', 'zero-padding')
    """
    compound, joined = f"{left}-{right}", left + right
    hyphenated, whole = _uses(compound.lower(), vocabulary), _uses(joined.lower(), vocabulary)
    if hyphenated or whole:
        return compound if hyphenated >= whole else joined
    if is_english_word(joined):
        return joined
    capital = right[0].isupper() and not (left.isupper() and right.isupper())
    halves = (all(h.lower() in words for h in (left, right))
              or all(is_english_word(h) for h in (left, right)))
    return compound if capital or halves else joined


def _uses(word: str, vocabulary: Counter[str]) -> int:
    """How often the document writes ``word``, in the singular or the plural."""
    uses = vocabulary[word] + vocabulary[word + "s"]
    return uses + vocabulary[word[:-1]] if word.endswith("s") else uses


# --------------------------------------------------------------------------- paragraphs

#: A block where at least one line in LONG_SHARE is longer than WRAP_WIDTH is
#: not hard-wrapped but one paragraph per line (a PDF backend may still join
#: two wrapped lines now and then, so one long line does not decide).
WRAP_WIDTH = 150
LONG_SHARE = 3


def unwrap(pages: Pages, params: Sequence[str] | None = None) -> Outcome:
    r"""Unwrap hard line breaks into paragraphs, one line each, separated by a
    blank line. A blank line ends a paragraph. In a block of mostly long
    lines (one paragraph per line, as in many text captures) each line is a
    paragraph; in a hard-wrapped block, line breaks become spaces, except
    after a short line that ends a sentence or precedes a line that starts
    like a new paragraph (PDF text has no blank lines between paragraphs).
    A list item (a line starting ``1.``, ``2)``, ``(a)``, ``-``, ``*``,
    ``•``) always starts a paragraph of its own.

    >>> unwrap(("Steps:\n1. open the\nfile\n2) close it\n- done",)).pages[0]
    'Steps:\n\n1. open the file\n\n2) close it\n\n- done'
    """
    text = "\n".join(pages)
    paragraphs: list[str] = []
    unwrapped = 0
    marked = CODE_LINE in text  # else every line is prose: one run a block
    join = functools.partial(join_lines, slashed=_slashed_pairs(text) if "/\n" in text else frozenset(),
                             hyphened=_digit_compounds(text) if _DIGIT_BREAK.search(text) else frozenset())
    for block in re.split(r"\n[ ]*\n", text):
        lines = [line for line in map(str.strip, block.split("\n")) if line]
        for code, run in _code_runs(lines) if marked else [(False, lines)] if lines else []:
            if code:  # a code block's lines are its content: one paragraph, lines kept
                paragraphs.append("\n".join(run))
                continue
            unwrapped += _unwrap_block(run, paragraphs, join)
    out = "\n\n".join(paragraphs)
    return Outcome((out,), unwrapped, (), (f"{len(paragraphs)} paragraphs",))


def _code_runs(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """Consecutive lines cut into runs of code lines (marked by the ingester,
    :data:`verify.model.CODE_LINE`) and runs of other lines."""
    runs: list[tuple[bool, list[str]]] = []
    for line in lines:
        code = line.startswith(CODE_LINE)
        if not runs or runs[-1][0] != code:
            runs.append((code, []))
        runs[-1][1].append(line)
    return runs


def _unwrap_block(lines: list[str], paragraphs: list[str], join: Callable[[list[str]], str]) -> int:
    """Unwrap one block of prose lines into ``paragraphs``; how many line
    breaks became spaces."""
    unwrapped = 0
    if sum(len(line) > WRAP_WIDTH for line in lines) * LONG_SHARE >= len(lines):
        paragraphs.extend(map(_folded, lines))
        return 0
    for item in _list_items(lines):
        for group in _wrapped_paragraphs(item):
            unwrapped += len(group) - 1
            paragraphs.append(_folded(join(group)))
    return unwrapped


def _folded(text: str) -> str:
    """``" ".join(text.split())``. A printable text with no two spaces in a
    row and none at its ends is that already (every white space character
    but the space is unprintable: tests/test_fingerprint.py), as most of
    a document's joined paragraphs are: one scan in C instead of a split."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


#: Two words joined by a slash (``Send/Receive``), read from the slash: the
#: left word (group 1) starts where no letter or digit precedes it.
_SLASHED = re.compile(r"(?<![^\W_])([^\W_]+)/(?=([^\W_]+))")
_SLASH_END = re.compile(r"(?<![^\W_])([^\W_]+)/$")
_WORD_START = re.compile(r"[^\W_]+")


#: A slash between two letters or digits: where ``_SLASHED`` matches, found
#: from the slash (a literal the regex engine scans for), where ``_SLASHED``,
#: led by a lookbehind, was tried at every character of the text.
_INNER_SLASH = re.compile(r"/(?<=[^\W_]/)(?=[^\W_])")


def _slashed_pairs(text: str) -> frozenset[str]:
    """Every ``word/word`` pair the text writes on one line, lower-cased:
    ``_SLASHED``'s pairs, read from each slash with a letter or digit on
    both sides (the whole run of them before it, the whole run after it;
    tests/test_steps_equivalence.py keeps the pattern as the reference)."""
    pairs = set()
    for slash in _INNER_SLASH.finditer(text):
        end = slash.start()
        start = end - 1
        while start and text[start - 1].isalnum():  # ``[^\W_]`` is ``str.isalnum``
            start -= 1
        right = _WORD_START.match(text, end + 1)
        assert right is not None  # the lookahead saw its first character
        pairs.add(f"{text[start:end]}/{right.group()}".lower())
    return frozenset(pairs)


#: A hyphen after a digit at a line end (``60-`` over ``second``), found from the break.
_DIGIT_BREAK = re.compile(r"-\n(?<=\d-\n)")
#: A hyphen between a digit and a letter or digit, found from the hyphen.
_DIGIT_HYPHEN = re.compile(r"-(?<=\d-)(?=[^\W_])")
_DIGIT_HYPHEN_END = re.compile(r"(?<![^\W_])([^\W_]*\d)-$")


def _digit_compounds(text: str) -> frozenset[str]:
    r"""Every ``word-word`` compound whose left word ends with a digit
    (``60-second``, ``Zip64-compatible``, ``x86-64``) that the text writes on
    one line, lower-cased (as :func:`_slashed_pairs` reads ``word/word``).

    >>> sorted(_digit_compounds("a 60-second limit, x86-64 and a 60-\nsecond"))
    ['60-second', 'x86-64']
    """
    pairs = set()
    for hyphen in _DIGIT_HYPHEN.finditer(text):
        end = hyphen.start()
        start = end - 1
        while start and text[start - 1].isalnum():
            start -= 1
        right = _WORD_START.match(text, end + 1)
        assert right is not None  # the lookahead saw its first character
        pairs.add(f"{text[start:end]}-{right.group()}".lower())
    return frozenset(pairs)


def join_lines(lines: list[str], slashed: frozenset[str] = frozenset(),
               hyphened: frozenset[str] = frozenset()) -> str:
    r"""Join a paragraph's lines with spaces, except after a slash that a
    writer broke the line at (xml2rfc's text output breaks ``Send/`` over
    ``Receive``, where its HTML and the PDF run ``Send/Receive`` on): the
    two words are glued when the document writes them so, slash and all,
    on one line elsewhere (``slashed``). Without that proof the break stays
    a space (``and/`` over ``or`` in a document that never writes
    ``and/or``; a URL's last ``/`` before the next sentence).

    >>> join_lines(["the Send/", "Receive field"], frozenset({"send/receive"}))
    'the Send/Receive field'
    >>> join_lines(["see https://example.org/", "Next"], frozenset({"send/receive"}))
    'see https://example.org/ Next'

    canon/6: a hyphen after a digit at a line end (``60-`` over ``second``),
    which :func:`dehyphenate` leaves alone (it joins letters), is glued the
    same way, hyphen kept, when the document writes the compound on one
    line elsewhere (``hyphened``); else the break stays a space (``60-
    second``: a range or a dash may end a line after a number).

    >>> join_lines(["the arbitrary 60-", "second limit"], hyphened=frozenset({"60-second"}))
    'the arbitrary 60-second limit'
    >>> join_lines(["from 1990-", "second"], hyphened=frozenset({"60-second"}))
    'from 1990- second'
    """
    if not slashed and not hyphened:
        return " ".join(lines)
    pieces = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        # The word before the slash lies within the previous line: what precedes
        # that line in the paragraph is a space or a slash, never a letter.
        glue = False
        if previous.endswith("/") and (left := _SLASH_END.search(previous)) and (
                right := _WORD_START.match(line)):
            glue = f"{left.group(1)}/{right.group()}".lower() in slashed
        elif previous.endswith("-") and hyphened and (left := _DIGIT_HYPHEN_END.search(previous)) and (
                right := _WORD_START.match(line)):
            glue = f"{left.group(1)}-{right.group()}".lower() in hyphened
        pieces += ("" if glue else " ", line)
    return "".join(pieces)


#: A line shorter than this share of the block's full line width ends a paragraph
#: when it ends a sentence or the next line starts like a new one.
SHORT_LINE = 0.75
_STARTS_NEW = re.compile(r"^[A-Z0-9(\[\"'\u2022*-]")


_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,5})\)|[a-z][.)]|"
                        r"[-*+\u2022\u25e6\u2023\u2043\u25aa\u25cf])(?:\s|$)")


def _list_items(lines: list[str]) -> list[list[str]]:
    """Cut a block before every line that starts like a list item."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if runs[-1] and _may_start_item(line) and _LIST_ITEM.match(line):
            runs.append([])
        runs[-1].append(line)
    return runs


#: The characters a list item can start with but a digit, and those that can follow a lone letter.
_ITEM_HEADS, _ITEM_LETTER_MARKS = "(-*+\u2022\u25e6\u2023\u2043\u25aa\u25cf", ".)"


def _may_start_item(line: str) -> bool:
    """Might ``line`` start like a list item (:data:`_LIST_ITEM`)? Every
    match starts with a decimal digit, ``(``, a bullet or dash, or a letter
    followed by ``.`` or ``)`` (tests/test_steps_equivalence.py): most lines
    of prose do not, and the pattern is not tried on them."""
    head = line[:1]
    return head.isdecimal() or head in _ITEM_HEADS or line[1:2] in _ITEM_LETTER_MARKS


def _wrapped_paragraphs(lines: list[str]) -> list[list[str]]:
    """Cut a hard-wrapped block with no blank lines (as PDF text comes) into
    paragraphs: in typeset text a paragraph's last line is short."""
    if len(lines) < 3:
        return [lines]
    width = sorted(map(len, lines))[int(0.9 * (len(lines) - 1))]
    short = SHORT_LINE * width  # a line shorter than this is short
    groups: list[list[str]] = [[]]
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        groups[-1].append(line)
        if following and len(line) < short and (_TERMINAL.search(line) or _STARTS_NEW.match(following)):
            groups.append([])
    return [g for g in groups if g]
