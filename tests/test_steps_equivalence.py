"""The faster forms of the character steps give what the plain forms gave.

Each step below was rewritten for speed (fewer passes, patterns that start
with a character class, substring tests before a pattern); canon/2's output
must not move. The plain forms are kept here as the reference and compared
on generated text made of the characters the steps care about.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import verify.normalize as normalize
from verify.model import CODE_LINE, Block
from verify.normalize import layout, steps

_RUNS = re.compile(r"[ ]{2,}")
_EDGE_SPACE = re.compile(r"^ | $", re.MULTILINE)
_RULE = re.compile(r"^[ ]*(?:[-_=*~.\u00b7\u2022#+][ ]*){3,}$", re.MULTILINE)
_RULE_HINT = re.compile(r"[-_=*~.\u00b7\u2022#+][ ]*[-_=*~.\u00b7\u2022#+][ ]*[-_=*~.\u00b7\u2022#+]")
_INLINE_RULE = re.compile(r"(?<!\S)([-_=*~#])\1{3,}(?!\S)")
# canon/4 (canon9): only before a mark that ends a token (what follows it
# to the next space is marks, closing brackets and quotes), only after a
# bracket that begins one, never before a mark that begins one (``.NET``).
# canon/5 (fold): never a code line's indentation (the run after its mark).
_TAIL = r",.;:!?)\]}\"'"
_BEFORE_CLOSER = re.compile(rf"(?<![ {CODE_LINE}])[ ]+(?=[,.;:)\]}}][{_TAIL}]*(?:[ \n]|\Z))"
                            rf"|(?<![ .,;:!?{CODE_LINE}])[ ]+(?=[!?][{_TAIL}]*(?:[ \n]|\Z))")
_AFTER_OPENER = re.compile(rf"(?<![^ \n{CODE_LINE}])([(\[{{\"']*[(\[{{])[ ]+"
                           rf"(?![ ]|[,.;:!?)\]}}][{_TAIL}]*[^{_TAIL} \n])")
_BULLET = re.compile(r"^[\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013] +(?=\S)",
                     re.MULTILINE)
_NROFF_BULLET = re.compile(r"^o +(?=\S)", re.MULTILINE)


def line_space(text: str) -> str:
    if "  " not in text and not _EDGE_SPACE.search(text):
        return text
    return "\n".join(_code_line_space(line) if line.startswith(CODE_LINE) else _RUNS.sub(" ", line.strip(" "))
                     for line in text.split("\n"))


def _code_line_space(line: str) -> str:
    """canon/5 (fold): a code line keeps its indentation after its mark."""
    indent = len(line) - 1 - len(line[1:].lstrip(" "))
    return CODE_LINE + " " * indent + _RUNS.sub(" ", line[1 + indent:].rstrip(" "))


def rules(text: str) -> str:
    if not _RULE_HINT.search(text):
        return text
    return _INLINE_RULE.sub("", _RULE.sub("", text))


def rule_paragraphs(text: str) -> str:
    return "\n\n".join(p for p in text.split("\n\n") if not _RULE.fullmatch(p))


def spacing(text: str) -> str:
    return _AFTER_OPENER.sub(r"\1", _BEFORE_CLOSER.sub("", text))


def bullets(text: str) -> str:
    text = _BULLET.sub("", text)
    if len(_NROFF_BULLET.findall(text)) >= 2:
        text = _NROFF_BULLET.sub("", text)
    return text


_TEXT = st.text(alphabet="ao -_=*~#.,;:!?()[]{}\n\t\u00a0\u2022\u2013\u00b7x", max_size=60)


@settings(max_examples=1500, deadline=None)
@given(_TEXT)
def test_fast_steps_equal_the_plain_ones(text: str) -> None:
    assert steps.line_space(text) == line_space(text)
    assert steps.rules(text) == rules(text)
    assert steps.rule_paragraphs(text) == rule_paragraphs(text)
    assert steps.spacing(text) == spacing(text)
    assert steps.bullets(text) == bullets(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["o item", "o", "  ", "----", "( x )", "a ,", "\u2022 b", "* * *", "\n",
                                 "\n\n", " ", "(", ")", "word", "====", "-", "o  next"]), max_size=25))
def test_fast_steps_equal_the_plain_ones_on_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert steps.line_space(text) == line_space(text)
    assert steps.rules(text) == rules(text)
    assert steps.rule_paragraphs(text) == rule_paragraphs(text)
    assert steps.spacing(text) == spacing(text)
    assert steps.bullets(text) == bullets(text)


def _zone_indices(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    depth = min(layout.ZONE, max(1, (len(filled) - 1) // 2))
    return sorted(set(filled[:depth] + filled[-depth:]))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "x", "Page 1", "  a  "]), max_size=30))
def test_zone_indices_equal_the_plain_ones(lines: list[str]) -> None:
    assert layout._zone_indices(lines) == _zone_indices(lines)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab 12#Page.-", max_size=14), st.text(alphabet="ab 12#Page.-", max_size=14))
def test_a_line_with_a_furniture_key_starts_with_the_key_before_its_first_number(line: str,
                                                                                 other: str) -> None:
    """What lets the title test skip the key of lines that cannot have it."""
    for key in (layout.furniture_key(other), layout.furniture_key(line)):
        if layout.furniture_key(line) == key and key != "#page-number":
            assert line.startswith(key.partition("#")[0])


_CLOSER_TEXT = st.text(alphabet=" ,.;:!?)]}a\n", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_CLOSER_TEXT)
def test_spaces_before_closers_are_dropped_as_the_pattern_drops_them(text: str) -> None:
    """The walk back from each closer is the profile's pattern, applied."""
    assert steps._drop_spaces_before_closers(text) == steps._BEFORE_CLOSER.sub("", text)


def word_places(text: str) -> dict[str, list[int]]:
    places: dict[str, list[int]] = {}
    for match in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text):
        places.setdefault(match.group().lower(), []).append(match.start())
    return places


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aAbB-_ 1\n\u03a3\u03c3\u0130\u00e9\u00c9\u00df\u2160'\u212a\u01c5\u00b2\u0663",
               max_size=50))
def test_word_places_equal_the_finditer_loop(text: str) -> None:
    """Same words, same offsets, same order of first use (the Counter of
    word parts built from it counts in that order)."""
    found = layout.word_places(text)
    assert found == word_places(text)
    assert list(found) == list(word_places(text))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aAzZbB-_ 1\n'\u2019\u2013\u00a0\u00a9\u0663\u0301\u24b6\u212a", max_size=50))
def test_word_places_of_ascii_letters_equal_the_finditer_loop(text: str) -> None:
    """The ASCII pattern's split: letters in ASCII only (the Kelvin sign's
    lower case is ``k``), other characters outside ASCII (a combining accent,
    a circled letter, which is no letter of the pattern)."""
    found = layout.word_places(text)
    assert found == word_places(text)
    assert list(found) == list(word_places(text))


def test_lower_casing_a_text_is_lower_casing_each_character_alone() -> None:
    """What lets word_places lower-case a text whole: but for ``Σ`` and
    ``İ``, ``str.lower`` maps every code point to one code point, a letter
    of the pattern (``[^\\W\\d_]``) exactly when the code point is one."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x110000):
        char = chr(code)
        if char in "\u03a3\u0130":
            continue
        lower = char.lower()
        assert len(lower) == 1, hex(code)
        assert bool(letter.fullmatch(char)) == bool(letter.fullmatch(lower)), hex(code)
    assert len("\u0130".lower()) == 2 and "\u03a3\u03a3".lower() == "\u03c3\u03c2"


def _a_line_starts_with_a_digit(page: str) -> bool:
    """What the footnote loop needs to act: a stripped line starting with \\d."""
    return any(re.match(r"\d", line.strip()) for line in page.split("\n"))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="1a \n\t\u3000\x1c\x85\u2028\u0663\u00b2x", max_size=30))
def test_the_footnote_gate_is_the_loops_own_condition(page: str) -> None:
    gate = bool(layout._DIGIT_FIRST.match(page) or layout._DIGIT_AFTER_BREAK.search(page))
    assert gate == _a_line_starts_with_a_digit(page)


def _run_reference(pages: tuple[str, ...]) -> tuple[str, list[object], list[str]]:
    """canon/3's driver before the settling cycle took over the trailing text
    steps: they ran once after unwrapping, then every text step in rounds."""
    from verify.model import CODE_LINE, Change
    from verify.normalize import PROFILE, _layout_step, _text_step

    def characters(pages: tuple[str, ...], run: tuple[normalize.Step, ...],
                   merged: dict[str, Change]) -> tuple[str, ...]:
        quiet = 0
        for position in range(normalize.MAX_ROUNDS * len(run)):
            if quiet == len(run):
                break
            step = run[position % len(run)]
            assert step.text is not None
            pages, change = _text_step(step.name, step.text, pages)
            if change is None:
                quiet += 1
                continue
            quiet = 0
            old = merged.get(step.name)
            merged[step.name] = change if old is None else Change(
                step.name, old.count + change.count, (old.examples + change.examples)[:3])
        return pages

    steps_ = PROFILE.steps
    leading = next(i for i, s in enumerate(steps_) if s.text is None)
    merged: dict[str, Change] = {}
    removed: list[str] = []
    pages = characters(pages, steps_[:leading], merged)
    for step in steps_[leading:]:
        if step.text is not None:
            pages, change = _text_step(step.name, step.text, pages)
        else:
            assert step.layout is not None
            pages, change = _layout_step(step.name, step.layout, pages, None, removed)
        if change is not None:
            merged[step.name] = change
    pages = characters(pages, tuple(s for s in steps_ if s.text is not None), merged)
    changes = [merged[s.name] for s in steps_ if s.name in merged]
    return "\n".join(pages).replace(CODE_LINE, "").strip(), changes, removed


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="a \n\r\x0b\x0c\x85\u2028\u2029\u00e9\u4e00", max_size=30))
def test_line_endings_gated_by_substrings_is_the_pattern(text: str) -> None:
    """The substring tests before the pattern let through every text it changes."""
    assert steps.line_endings(text) == re.sub(r"\r\n|\r|\u2028|\u2029|\x0b|\x85", "\n", text)


_PIECES = ["word", " ", "  ", "\n", "\n\n", "a ,", "( x )", "\u2022 item", "o  next", "o   list", "----",
           "* * *", "infor-\nmation", "Page 1", "\u00c2 0", "\u00c2", "0", "\u201cq\u201d", "\u00ad",
           "\t", "e\u0301", "1 Note text here.", "word1", "end.", " ?", ". !n", "\u00a0", "\ufb01"]


@settings(max_examples=700, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), min_size=1, max_size=3))
def test_the_settling_cycle_gives_what_the_old_driver_gave(pages: list[str]) -> None:
    """Same text, same record of changes, same removed material."""
    assert normalize._run(tuple(pages), normalize.PROFILE, None) == _run_reference(tuple(pages))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "x", "  y ", "\ufdd0code", "1. item"]), max_size=12))
def test_code_runs_without_a_mark_are_one_prose_run(lines: list[str]) -> None:
    """What lets unwrap skip _code_runs on text without a code-line mark."""
    lines = [line for line in map(str.strip, lines) if line]
    if not any(line.startswith(CODE_LINE) for line in lines):
        assert layout._code_runs(lines) == ([(False, lines)] if lines else [])


_SPACING_TEXT = st.text(alphabet=f"a5 .,;:!?()[]{{}}\"'\n{CODE_LINE}", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_SPACING_TEXT)
def test_spacing_is_its_patterns_with_quotes_and_code_marks(text: str) -> None:
    """canon9's token tests (marks that begin or end a token, brackets after
    quotes or at a code line's start) agree with the reference patterns, and
    spacing is idempotent."""
    once = steps.spacing(text)
    assert once == spacing(text)
    assert steps.spacing(once) == once


_SLASH_TEXT = st.text(alphabet="aZ9_/ \n-\u00e9\u00b2\u2160\u0663\u0130./", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_SLASH_TEXT)
def test_slashed_pairs_read_from_the_slash_are_the_patterns(text: str) -> None:
    """The pairs found from each slash are those the pattern, tried at every
    character, finds (``İ`` lower-cases to two characters, ``²`` and ``Ⅰ``
    are digits and numerals to ``[^\\W_]``, ``_`` is not)."""
    reference = frozenset(f"{m.group(1)}/{m.group(2)}".lower() for m in layout._SLASHED.finditer(text))
    assert layout._slashed_pairs(text) == reference


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="a (-)\r\n\t_.,\u00a0\u2009x1", max_size=40))
def test_inner_spaces_found_from_the_space_are_the_patterns(text: str) -> None:
    """gropdf's italic-correction candidates: the literal-led pattern finds
    the spaces the lookbehind-led one finds."""
    from verify.ingest import pdf

    assert pdf._inner_spaces(text) == [m.start() for m in pdf._INNER_SPACE.finditer(text)]



def _title_elsewhere(pages: tuple[str, ...], keys: frozenset[str], positions: list[Block]) -> bool:
    """verify.normalize.layout's title test, folding the white space of every line."""
    key = layout.furniture_key(layout._first_line(pages[0]))
    if key not in keys or key == "#page-number" or not positions:
        return False
    tops: dict[bool, list[int]] = {True: [], False: []}
    for block in positions:
        if block.bbox is None:
            continue
        if layout.furniture_key(" ".join(block.text.split())) == key:
            tops[block.page == 1].append(block.bbox[3])
    return bool(tops[True] and tops[False]) and all(
        abs(a - b) > layout.SAME_HEIGHT for a in tops[True] for b in tops[False])


_HEADER_LINE = st.sampled_from(["Report 2", "Report  3", " Report\t4 ", "Rep", "12 Report", "Page 3", "3",
                                "A  B 1", "A B 2", "AB 1", "x", "", "  ", "Re port 5"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_HEADER_LINE, st.integers(1, 3), st.sampled_from([700, 701, 650, 720]) | st.none()),
                max_size=10), _HEADER_LINE)
def test_the_title_test_skips_only_lines_that_cannot_have_the_key(
        blocks: list[tuple[str, int, int | None]], first: str) -> None:
    """The substring test before folding a line's white space drops no line
    whose folded form has the header's key (words split by runs of spaces
    and tabs, a key with no words before its first number, none at all)."""
    positions = [Block(text, page, None if top is None else (0, top - 10, 5, top))
                 for text, page, top in blocks]
    pages = (first + "\nbody", "x")
    key = layout.furniture_key(layout._first_line(pages[0]))
    keys = frozenset({key})
    assert layout._title_elsewhere(pages, keys, positions) == _title_elsewhere(pages, keys, positions)


_CANONICAL_TEXT = st.lists(st.sampled_from(["word", "end.", " ", "\n", "\n\n", "\n\n\n", "\t", "a b c d e f",
                                            "x. y", "\u00a0", "\u2003"]), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_CANONICAL_TEXT, st.lists(_CANONICAL_TEXT, max_size=3), st.lists(_CANONICAL_TEXT, max_size=2))
def test_digests_and_coverage_from_the_paragraph_streams_are_the_texts(
        text: str, pages: list[str], removed: list[str]) -> None:
    """The record's text digest and coverage warnings, read from the word
    streams of the paragraphs, are those of the whole text (words never
    span a paragraph break; white space other than spaces and line breaks
    too)."""
    from verify import fingerprint
    from verify.model import Canonical, Extracted
    from verify.pipeline import coverage_warnings

    streams = tuple(map(fingerprint.word_stream, Canonical(text, "canon/5").paragraphs))
    joined = fingerprint.stream_sha256(fingerprint.join_streams(streams), "canon/5")
    assert joined == fingerprint.text_sha256(text, "canon/5")
    assert fingerprint.streams_sha256(streams, "canon/5") == tuple(
        fingerprint.stream_sha256(stream, "canon/5") for stream in streams)
    assert fingerprint.streams_sha256(map(fingerprint.word_stream, pages), "canon/6") == tuple(
        fingerprint.text_sha256(page, "canon/6") for page in pages)
    extracted = Extracted("text", "x", tuple(pages), removed=tuple(removed))
    assert coverage_warnings(extracted, text, streams) == coverage_warnings(extracted, text)


def _whole_nfkc(text: str) -> str:
    """:func:`steps.nfkc` as it was: the whole text at once."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    if not steps.RAISED.search(text):
        return unicodedata.normalize("NFKC", text)
    return steps._nfkc_keeping_raised(text)


#: Letters, combining marks of several classes (acute, tilde, dot above, dot
#: below, the Greek dialytika tonos that decomposes), Hangul jamo that compose
#: across characters, compatibility forms, raised characters, line breaks.
_NFKC_TEXT = st.text(alphabet="ae \n\u0301\u0303\u0307\u0323\u0344\u1100\u1161\u11a8\uac00"
                              "\u00b2\u00b9\u2075\ufb01\u00a0\u212b\u1e0b\u0f73\u00c5", max_size=60)


@settings(max_examples=1500, deadline=None)
@given(_NFKC_TEXT, st.integers(1, 12))
def test_nfkc_piece_by_piece_equals_nfkc_of_the_whole(text: str, piece: int) -> None:
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "_NFKC_PIECE", piece)
        out = steps.nfkc(text)
    assert out == _whole_nfkc(text)
    if out == text and len(text) > piece:
        assert out is text  # unchanged pieces give the text itself


def test_a_line_break_is_a_boundary_of_nfkc_for_every_character() -> None:
    """Why NFKC may be taken line by line: no character composes with a line
    break on either side of it, nor reorders across it."""
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        if unicodedata.is_normalized("NFKC", c) and unicodedata.combining(c) == 0 and code < 0x300:
            continue  # Latin-1 and the like: stable starters
        normal = unicodedata.normalize("NFKC", c)
        assert unicodedata.normalize("NFKC", c + "\n") == normal + "\n", hex(code)
        assert unicodedata.normalize("NFKC", "\n" + c) == "\n" + normal, hex(code)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u20031a2\u0663\u00b2\u2081Nx.(", max_size=16),
       st.text(alphabet=" 1aNx.", max_size=14))
def test_a_line_the_footnote_patterns_match_starts_with_a_decimal_digit(line: str, following: str) -> None:
    """What lets separate_footnotes pass over a line whose first character
    but white space is no decimal digit (``\\d`` is ``str.isdecimal``)."""
    merged = f"{line.strip()} {following.strip()}"
    if (layout._RAISED_NUMBER.fullmatch(line.strip()) or layout._NOTE_LINE.match(line.strip())
            or layout._NOTE_LINE.match(merged)):
        assert layout._digit_first(line)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab \n\t\u00a0\u2028\u3000\x1f\x85\u200b\u00e9", max_size=30))
def test_a_folded_paragraph_is_its_words_joined_by_spaces(text: str) -> None:
    assert layout._folded(text) == " ".join(text.split())


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="1\u0663(a)Z.-*+ \u2022\u25cf\u00b2iv\t", max_size=8))
def test_a_list_item_starts_where_unwrap_looks_for_one(line: str) -> None:
    if layout._LIST_ITEM.match(line):
        assert layout._may_start_item(line)


def _line_changes_loop(name: str, pages: tuple[str, ...], out: tuple[str, ...]) -> object:
    """The record of a text step as the driver made it: a loop over the
    paired lines of each changed page."""
    from verify.model import Change

    examples: list[str] = []
    count = 0
    for before, after in zip(pages, out, strict=True):
        if before == after:
            continue
        for old, new in zip(before.split("\n"), after.split("\n"), strict=False):
            if old != new:
                count += 1
                if len(examples) < normalize._EXAMPLES:
                    examples.append(normalize._diff_example(old, new))
        count += abs(before.count("\n") - after.count("\n"))
    return Change(step=name, count=max(count, 1), examples=tuple(examples))


_PAGE = st.text(alphabet="ab \n", max_size=24)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_PAGE, _PAGE, st.booleans()), min_size=1, max_size=5))
def test_line_changes_counted_in_c_are_the_loops(pairs: list[tuple[str, str, bool]]) -> None:
    """Pages changed or not, lines added, dropped or changed anywhere, more
    than three differences across pages (the examples' cut)."""
    pages = tuple(before for before, _, _ in pairs)
    out = tuple(after if changed else before for before, after, changed in pairs)
    assert normalize._line_changes("step", pages, out) == _line_changes_loop("step", pages, out)
