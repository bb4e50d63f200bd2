"""A table of contents' leader dots: the page numbers compared, not the drawing.

Real case (audit of 2026-11-30, item 14): RFC 7232 as published
(``Introduction ......4``) against its AUTH48 text (``Introduction . . . .  4``),
whose pages fall otherwise. ``compare`` reported "4 only in B" for every entry
(the glued number was no number) and "sentences" of dots; the real difference
is the page numbers that changed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from verify.compare import compare_texts
from verify.compare.leaders import blank_leaders
from verify.pipeline import process_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "canon10"
_ENTRY_PAGE = re.compile(r"(?:\. ?){2,} *(\d+) *$", re.MULTILINE)


def _canonical(name: str) -> str:
    return process_bytes((DATA / name).read_bytes(), name).text or ""


def _pages(name: str) -> list[str]:
    return _ENTRY_PAGE.findall((DATA / name).read_text("utf-8"))


@pytest.fixture(scope="module")
def tocs() -> tuple[str, str]:
    return _canonical("rfc7232-toc-paged.txt"), _canonical("rfc7232-toc-unpaged.txt")


def test_only_the_page_numbers_that_changed_are_reported(tocs: tuple[str, str]) -> None:
    paged, unpaged = _pages("rfc7232-toc-paged.txt"), _pages("rfc7232-toc-unpaged.txt")
    assert len(paged) == len(unpaged) == 36
    found = compare_texts(*tocs).differences
    assert found, "the page numbers that differ must be reported"
    assert {d.kind for d in found} == {"number"}  # no dot "sentences", no wording of dots
    assert not [d for d in found if "only in" in d.detail]  # both sides give every page number
    for d in found:
        assert d.a.text in paged and d.b.text in unpaged and d.a.text != d.b.text
    # by value, at least every page number A has more often than B is reported
    assert len(found) >= sum((Counter(paged) - Counter(unpaged)).values())


def test_the_same_pages_with_glued_or_spaced_leaders_compare_identical() -> None:
    # The text as written: canon/6 takes a leader out of the canonical text
    # (steps.leaders), and compare still reads one in any text it is given.
    paged = (DATA / "rfc7232-toc-paged.txt").read_text("utf-8")
    spaced = re.sub(r" ?\.{4,}", lambda m: " " + " ".join("." * (len(m.group().strip()) // 2)) + " ", paged)
    assert spaced != paged
    assert compare_texts(paged, spaced).identical


def test_offsets_do_not_move_and_the_texts_are_returned_as_given(tocs: tuple[str, str]) -> None:
    paged = tocs[0]
    assert len(blank_leaders(paged)) == len(paged)
    result = compare_texts(*tocs)
    assert (result.a_text, result.b_text) == tocs
    for d in result.differences:
        assert result.a_text[d.a.span.start : d.a.span.end].split() == d.a.text.split()


@pytest.mark.parametrize("text", [
    "values 1, 2, ... 10",           # an ellipsis of three dots
    "and so on.... The end",         # no number after the dots
    "version 1.2.3.4.5 was out",     # dots between digits
    "see page ....42a",              # no number alone
])
def test_what_is_no_leader_is_left_alone(text: str) -> None:
    assert blank_leaders(text) == text
