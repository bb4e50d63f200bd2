"""The windowed badness test gives ftfy's verdict on every line.

:func:`verify.normalize.steps.is_bad` searches ftfy's badness pattern only
around non-ASCII characters. That is exact when every match of the pattern
holds a non-ASCII character, reaches at most ``BADNESS_REACH`` characters
from it, and the pattern looks at nothing outside what it consumes (no
anchors but ``^``, no lookaround, no word boundaries). These tests derive
those facts from the pinned ftfy's pattern itself, then compare the two
tests on generated lines.
"""

from __future__ import annotations

import re

import ftfy.badness
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.normalize import steps

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

_PATTERN = sre_parse.parse(ftfy.badness.BADNESS_RE.pattern, re.VERBOSE)


def _branches() -> list[object]:
    ((op, (_, branches)),) = _PATTERN.data
    assert op == sre_parse.BRANCH
    return list(branches)


def _only_non_ascii(item: tuple[object, object]) -> bool:
    op, arg = item
    if op == sre_parse.LITERAL:
        return int(arg) > 0x7F  # type: ignore[call-overload]
    if op != sre_parse.IN:
        return False
    for kind, value in arg:  # type: ignore[attr-defined]
        if kind == sre_parse.LITERAL and value <= 0x7F:
            return False
        if kind == sre_parse.RANGE and value[0] <= 0x7F:
            return False
        if kind not in (sre_parse.LITERAL, sre_parse.RANGE):
            return False
    return True


def _ops(tree: object) -> set[object]:
    found = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)) or hasattr(node, "data"):
            items = node.data if hasattr(node, "data") else node
            for item in items:
                if isinstance(item, tuple) and len(item) == 2 and hasattr(item[0], "name"):
                    found.add(item[0])
                stack.append(item)
    return found


def test_every_match_holds_a_non_ascii_character_within_reach() -> None:
    branches = _branches()
    assert len(branches) > 30
    for branch in branches:
        assert any(_only_non_ascii(item) for item in branch.data), branch  # type: ignore[attr-defined]
        assert branch.getwidth()[1] <= steps.BADNESS_REACH + 1  # type: ignore[attr-defined]


def _characters(item: tuple[object, object]) -> list[str]:
    op, arg = item
    if op == sre_parse.LITERAL:
        return [chr(arg)]  # type: ignore[call-overload]
    out = []
    for kind, value in arg:  # type: ignore[attr-defined]
        low, high = (value, value) if kind == sre_parse.LITERAL else value
        out += [chr(c) for c in range(low, high + 1)]
    return out


def test_a_match_holds_a_lone_character_or_two_non_ascii_ones() -> None:
    """What lets is_bad search only around seeds (``_BAD_SEED``):
    a branch with one position that takes only non-ASCII characters takes
    only characters of ``_LONE_BAD`` there; every other branch has two such
    positions (each one character, in reach of each other by the width)."""
    lone = re.compile(f"[{steps._LONE_BAD}]")
    singles = 0
    for branch in _branches():
        only = [item for item in branch.data if _only_non_ascii(item)]  # type: ignore[attr-defined]
        if len(only) >= 2:
            continue
        singles += 1
        assert all(lone.fullmatch(c) for c in _characters(only[0])), branch
    assert singles >= 4


def test_the_pattern_looks_at_nothing_it_does_not_consume() -> None:
    ops = {op.name for op in _ops(_PATTERN)}  # type: ignore[attr-defined]
    assert not ops & {"ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS", "ATOMIC_GROUP",
                      "POSSESSIVE_REPEAT"}
    assert "AT" in ops  # the one '^', which a search from a later position does not match
    assert ftfy.badness.BADNESS_RE.flags & re.MULTILINE == 0


_ALPHABET = "aAzZ .,?!0\t" + "ÂÃÎÐØÙàâ€œŠš¢£Ÿž\xa0\xad®©°·»–—´×²³éèüÉ’“”‘™√±≈‚ÄВГРСЂўΒΓΞΟβ΄¦¨œ\x80\x9d"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_windowed_badness_is_ftfys(line: str) -> None:
    assert steps.is_bad(line) == ftfy.badness.is_bad(line)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=6), st.integers(0, 60), st.integers(0, 60))
def test_windowed_badness_far_inside_ascii(core: str, before: int, after: int) -> None:
    line = "x" * before + core + " word" * after
    assert steps.is_bad(line) == ftfy.badness.is_bad(line)


def test_real_mojibake_lines() -> None:
    bad = ["The People\u00e2\u20ac\u2122s Republic", "caf\u00c3\u00a9 au lait", "\u00c3 la carte",
           "ending with \u00e2\u20ac\u0153quote\u00e2\u20ac\x9d in the middle of a long line " * 3]
    good = ["It\u2019s fine", "caf\u00e9", "\u201cquoted\u201d \u2013 dash", "na\u00efve " * 40]
    assert all(steps.is_bad(s) and ftfy.badness.is_bad(s) for s in bad)
    assert not any(steps.is_bad(s) or ftfy.badness.is_bad(s) for s in good)


def _mojibake_line_by_line(text: str) -> str:
    """canon/3's mojibake step before the page gate: every line through the gate."""
    if text.isascii() and "\x1b" not in text:
        return text
    return "\n".join(steps._fix_line(line) for line in text.split("\n"))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET + "\n\x1b\ufffd\u00e2\u00c2 ", max_size=60))
def test_the_page_gate_of_mojibake_changes_nothing(text: str) -> None:
    assert steps.mojibake(text) == _mojibake_line_by_line(text)


def test_every_trigger_match_holds_a_trigger_character() -> None:
    """What the page gate of :func:`steps.mojibake` rests on."""
    tree = sre_parse.parse(steps._FTFY_TRIGGER.pattern)
    ((op, (_, branches)),) = tree.data
    assert op == sre_parse.BRANCH
    for branch in branches:
        first = branch.data[0]
        assert all(c == "\x1b" or steps._TRIGGER_CHARACTER.fullmatch(c) for c in _characters(first))
    assert steps._TRIGGER_CHARACTER.fullmatch("\u00c2") and steps._TRIGGER_CHARACTER.fullmatch("\u00c3")


_SEED = re.compile(rf"[{steps._LONE_BAD}]|"
                   rf"[^\x00-\x7f](?=[\x00-\x7f]{{0,{steps.BADNESS_REACH - 1}}}[^\x00-\x7f])")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET + "\n", max_size=40))
def test_seeds_are_found_as_the_plain_pattern_finds_them(line: str) -> None:
    """``_BAD_SEED`` is written to start with a class the engine scans for."""
    assert [m.start() for m in steps._BAD_SEED.finditer(line)] == [m.start() for m in _SEED.finditer(line)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=12), st.integers(6, 30))
def test_windowed_badness_on_long_windows(core: str, times: int) -> None:
    """Dense non-ASCII text makes windows longer than the cached ones."""
    line = core * times
    assert steps.is_bad(line) == ftfy.badness.is_bad(line)


def test_every_match_holds_a_key_character() -> None:
    """What lets is_bad answer False for a line without a ``_BADNESS_KEY``
    character: every alternative of the pattern has a position (one
    character, not repeated) that takes only characters of the key."""
    for branch in _branches():
        assert any(_only_non_ascii(item) and all(steps._BADNESS_KEY.fullmatch(c) for c in _characters(item))
                   for item in branch.data), branch  # type: ignore[attr-defined]


_CJK = "\u306e\u3059\u30a2\u3002\u3001\u6f22\u2208\u2192\u2200\u00e4\u00c3\u00a9\u20ac\u2122\u00e2 a."


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_CJK, max_size=40))
def test_windowed_badness_is_ftfys_on_kana_and_symbols(line: str) -> None:
    """Japanese, arrows and set symbols beside key characters and mojibake."""
    assert steps.is_bad(line) == ftfy.badness.is_bad(line)


def _key_seeds(line: str) -> list[int]:
    """``_KEY_SEED``'s rule, a character at a time."""
    reach, lone = steps.BADNESS_REACH, re.compile(f"[{steps._LONE_BAD}]")
    return [i for i, char in enumerate(line)
            if steps._BADNESS_KEY.fullmatch(char) and (
                lone.fullmatch(char)
                or not (line[max(0, i - reach):i] + line[i + 1:i + reach + 1]).isascii())
            ]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_CJK + "\n\x80\u0152\u00c2xyz", max_size=40))
def test_key_seeds_are_found_as_their_rule_says(line: str) -> None:
    """The pattern (key character first, then its kind) finds the seeds
    the rule names: lone bad ones, and key characters with a non-ASCII
    neighbour at most BADNESS_REACH away on either side, line breaks too."""
    assert [m.start() for m in steps._KEY_SEED.finditer(line)] == _key_seeds(line)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(_CJK + "\x80\u0152\u00c2"), st.sampled_from(_CJK + "\x80\u0152\u00c2"),
       st.integers(0, 8), st.integers(0, 3), st.integers(0, 3))
def test_key_seeds_at_every_distance(first: str, second: str, gap: int, before: int, after: int) -> None:
    """Two non-ASCII characters 1 to 9 apart, in ASCII: the reach on each side, exactly."""
    line = "x" * before + first + "y\n"[gap % 2] * gap + second + "z" * after
    assert [m.start() for m in steps._KEY_SEED.finditer(line)] == _key_seeds(line)
    assert steps.is_bad(line) == ftfy.badness.is_bad(line)
