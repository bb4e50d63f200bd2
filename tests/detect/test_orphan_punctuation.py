"""damage.orphan_punctuation."""

from __future__ import annotations

import pytest

from verify.detect import orphan_punctuation

from helpers import DATA


def test_comma_after_full_stop_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    (finding,) = orphan_punctuation.detect(text)
    assert finding.span.slice(text) == ".,"
    assert "next SCO summit., scheduled for 2015" in finding.snippet
    assert dict(finding.evidence) == {"marks": ".,"}


def test_raw_spacing_and_leading_comma() -> None:
    found = orphan_punctuation.detect("the next SCO summit. , scheduled\n\n, and then")
    assert [dict(f.evidence)["marks"] for f in found] == [".,", ","]


@pytest.mark.parametrize(
    "text",
    ["cats, dogs, etc., and birds", "Acme Inc., a maker", "the U.S., Canada", "Yahoo!, Inc."],
)
def test_abbreviations_take_commas(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "They begin with obj:, fun:, or src: respectively.",
        "It replaces &amp;, &lt;, &gt; with their characters.",
        "Load file:///etc/x. Only file:, is read.",
    ],
)
def test_a_mark_that_belongs_to_its_token_may_take_a_comma(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


@pytest.mark.parametrize("text", ["the members:, the others", "the members;, the others"])
def test_a_colon_or_semicolon_after_an_ordinary_word_is_still_orphaned(text: str) -> None:
    assert [f.code for f in orphan_punctuation.detect(text)] == ["damage.orphan_punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "separated by one of the operators;, &, &&, or ||, and optionally",
        "Copyright: == 255);: License: Apache-2.0",
        "said at a rally in Monroe, La., on Nov. 6",
        "Sen. Ben Sasse, R-Neb., called his death a crisis",
        "Copyright (C) 2002-2007 THUS plc., is licensed thusly:",
    ],
)
def test_symbols_code_and_short_abbreviations_are_not_orphans(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


@pytest.mark.parametrize(
    "text",
    ["at the summit in Rome., scheduled for May", "the members;, the others", "the talks,, and then"],
)
def test_a_mark_after_a_word_is_still_orphaned(text: str) -> None:
    assert [f.code for f in orphan_punctuation.detect(text)] == ["damage.orphan_punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "in the reign of the most puissant King Henry VIII., and under the long dynasty",
        "Demonology and Devil-Lore, Vol. I., p. 69., the following similar superstition",
        "the hunt secretaries following with over 50 per cent., while the hunt servants",
    ],
)
def test_older_books_put_a_comma_after_an_abbreviation(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "in the reign of the most puissant King Henry., and under the long dynasty",
        "Demonology and Devil-Lore, in the year 1969., the following similar superstition",
        "the hunt secretaries following with over 50 percent., while the hunt servants",
    ],
)
def test_a_comma_after_a_full_stop_is_still_orphaned(text: str) -> None:
    assert [f.code for f in orphan_punctuation.detect(text)] == ["damage.orphan_punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "the ship Boston, from Boston, Mass., went to Hull",
        "He was born at Andover, Mass., and was educated at West Point",
        "to shoot Elks, Deer, &c., to the end they may all eat",
    ],
)
def test_a_state_after_its_town_and_etc_take_a_comma(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "after the service they went to Mass., and then home",
        "the ship sailed from Boston., went to Hull",
        "to shoot Elks, Deer., to the end",
    ],
)
def test_a_comma_after_a_town_or_a_word_is_still_orphaned(text: str) -> None:
    assert [f.code for f in orphan_punctuation.detect(text)] == ["damage.orphan_punctuation"]


@pytest.mark.parametrize(
    "text",
    [
        "they have to type ``(inv(A) @ b[:, np.newaxis]).flatten()`` instead of ``inv(A) @ b``",
        "slice it as a[:, 0] to take the first column",
        "write ``key:, value`` in the file",
    ],
)
def test_a_slice_or_a_code_span_holds_no_orphan(text: str) -> None:
    assert orphan_punctuation.detect(text) == []


def test_a_doubled_mark_in_prose_beside_code_is_still_orphaned() -> None:
    text = "type ``a[:, 0]`` for the first column;, then the rest"
    assert [dict(f.evidence)["marks"] for f in orphan_punctuation.detect(text)] == [";,"]


def test_a_markdown_definition_list_holds_no_orphan_colon() -> None:
    """Homebrew's manual page writes its terms as a pandoc definition list
    (`**keg**`, a blank line, `: installation destination ...`): 918 false
    warnings on the lint11 fresh set. A colon that leads a paragraph after
    prose, or alone in a text, is still orphaned."""
    from verify.pipeline import process_bytes

    data = (DATA / "detect" / "lint11" / "brew_manpage_head.md").read_bytes()
    text = process_bytes(data, "Manpage.md").text or ""
    assert text.count("\n: ") >= 4
    assert orphan_punctuation.detect(text) == []
    slip = text.replace("with macOS. It can also", "with macOS\n\n: It can also")
    assert slip != text
    assert [dict(f.evidence)["marks"] for f in orphan_punctuation.detect(slip)] == [":"]
