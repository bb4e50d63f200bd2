"""canon10: what keeps the bash article's txt and pdf apart beyond their real words.

Found by ``bench/xformat.py --exact`` (docs/cross-format.md). Both are artefacts of
nroff's text output that canon/4 and canon/5 kept as words; canon/6 removes
them on the evidence named in each test (they were strict xfails until then).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verify.pipeline import process_bytes

DATA = Path(__file__).resolve().parent / "data" / "canon10"


@pytest.fixture(scope="module")
def article() -> tuple[str, str]:
    raw = (DATA / "bash-article-excerpt.txt").read_bytes()
    return raw.decode("latin-1"), process_bytes(raw, "bash-article-excerpt.txt").text or ""


def _nines(text: str) -> int:
    return len(re.findall(r"(?<!\S)9(?!\S)", text))


def test_nroff_half_line_motions_leave_no_digit(article: tuple[str, str]) -> None:
    """canon/6 drops nroff's ESC 7/8/9 as a pair (``steps.overstrike``); canon/5
    made the ESC a separator and kept the '9' as a word (22 times in article.txt)."""
    raw, canonical = article
    assert "\x1b9" in raw
    assert _nines(canonical) == _nines(re.sub("\x1b[789]", "", re.sub(".\b", "", raw)))


def test_nroff_page_furniture_of_unpaged_text_goes(article: tuple[str, str]) -> None:
    """canon/6 (``layout._page_break_footers``): the footer 'October 28, 1994'
    and the header '- N -' (N = 2, 3, 4 in order) stand together at each page
    break; canon/5's unpaged rule removed only a lone repeated line, so both stayed."""
    raw, canonical = article
    assert raw.count("October 28, 1994") == 3
    assert "October 28, 1994" not in canonical
    assert not re.search(r"(?<!\S)- [234] -(?!\S)", canonical)


def test_the_article_keeps_its_words(article: tuple[str, str]) -> None:
    """What the xfails would remove is all there is to remove: the sentence
    the first page break splits reads on, and every word of it is kept."""
    _, canonical = article
    words = " ".join(canonical.split())
    assert "for a family of open system standards based on UNIX" in words
    assert "Bash" in words and "POSIX" in words
