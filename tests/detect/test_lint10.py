"""Quiet cases read in the lint10 fresh set (lint10 round), each paired
with the real slip that must still be found.

The real lines are in ``tests/data/detect/lint10/cases.json`` (see the
README there for their sources and licences).
"""

from __future__ import annotations

import json

import pytest
from helpers import DATA

from verify.detect import (
    acronym_variant,
    boilerplate,
    doubled_word,
    lowercase_sentence,
    odd_apostrophe,
    orphan_punctuation,
)

CASES: dict[str, dict[str, str]] = json.loads(
    (DATA / "detect" / "lint10" / "cases.json").read_text(encoding="utf-8")
)


def _text(name: str) -> str:
    return CASES[name]["text"]


def _doubles(text: str) -> list[str]:
    return [dict(f.evidence)["text"] for f in doubled_word.detect(text)]


def test_end_end_inside_a_fence_the_text_keeps_is_code() -> None:
    """Julia closes two blocks with ``end end``; the fence says it is code."""
    assert _doubles(_text("julia_fenced_end_end")) == []


def test_a_slip_after_a_closed_fence_is_still_found() -> None:
    assert _doubles(_text("julia_fence_then_prose")) == ["An an"]


def test_an_unpaired_fence_does_not_silence_the_rest() -> None:
    """One stray fence: the text is not read as fenced at all."""
    text = "Run ```julia x here.\n\nThen the the value is 3."
    assert _doubles(text) == ["the the"]


@pytest.mark.parametrize("name", ["pprof_columns", "clinic_format_units"])
def test_a_word_then_the_same_word_with_a_symbol_is_two_tokens(name: str) -> None:
    """``flat flat%``, ``es es#``: a column and its percentage, two format units."""
    assert _doubles(_text(name)) == []


def test_a_word_then_the_same_word_with_a_full_stop_is_still_found() -> None:
    assert _doubles("It was done in in.") == ["in in"]


@pytest.mark.parametrize("name", ["devguide_tab_podman", "devguide_make"])
def test_a_label_then_its_command_with_options_is_code(name: str) -> None:
    assert _doubles(_text(name)) == []


def test_a_doubled_word_with_no_command_after_it_is_still_found() -> None:
    assert _doubles("To run the container, use the podman podman tool as shown.") == ["podman podman"]


@pytest.mark.parametrize("name", ["pep422_class", "pep572_if"])
def test_a_keyword_before_code_is_code(name: str) -> None:
    """``class class NewClass(namespace=...)``, ``if if match := pattern.match(line):``."""
    assert _doubles(_text(name)) == []


def test_the_the_beside_a_code_span_is_still_found() -> None:
    assert _doubles(_text("pep752_the_the")) == ["the the"]


def _marks(text: str) -> list[str]:
    return [dict(f.evidence)["word"] for f in odd_apostrophe.detect(text)]


@pytest.mark.parametrize("name", ["julia_zh_code_span", "pep502_template_literal"])
def test_a_backtick_after_chinese_or_in_a_code_line_opens_code(name: str) -> None:
    """Chinese writes no space before a code span; a JavaScript template
    literal on a line of code (``} tag`Hello ${ a + b}`;``)."""
    assert _marks(_text(name)) == []


def test_a_space_lost_before_a_code_span_in_english_is_still_found() -> None:
    """``compared with`Union{T,NA}```: a slip of the post."""
    assert _marks(_text("julia_missing_lost_space")) == ["with`Union"]


# Uses of ODE the list needs beside it (the post uses ODE 60 times).
_ODE_USES = (
    "An ordinary differential equation (ODE) describes the model. We train the ODE with the adjoint. "
    "The ODE solver is fast. Each ODE layer is a block. The ODE layer learns the flow. "
)


def _variants(text: str) -> list[str]:
    return [f.message for f in acronym_variant.detect(text)]


def test_a_list_of_acronyms_names_each_apart() -> None:
    """``ODEs, SDEs, DAEs, DDEs, PDEs``: a list of kinds of equation, not
    PDE garbled from ODE."""
    text = _ODE_USES + _text("julia_list_of_equations") + " Then the PDE layer is trained."
    assert _variants(text) == []


def test_a_garble_outside_a_list_is_still_found() -> None:
    assert _variants(_ODE_USES + "Then the PDE layer is trained.") == [
        "PDE is most likely a garbled ODE (substitution)"
    ]
    text = _ODE_USES + _text("julia_list_of_equations") + " Then the OED layer is trained."
    assert _variants(text) == ["OED is most likely a garbled ODE (transposition)"]


_PEP_USES = "The PEP grammar. Each PEP has a rule. The PEP is long. A PEP again.\n\n"


def test_a_metavariable_only_in_literals_is_code() -> None:
    """``SEP.RULE+`` is shorthand for ``RULE (SEP RULE)*``: pep-0622's grammar."""
    assert _variants(_PEP_USES + _text("pep622_metavariable")) == []


def test_the_same_form_in_prose_is_still_found() -> None:
    assert _variants(_PEP_USES + "- The SEP rule is shorthand for the rule.") == [
        "SEP is most likely a garbled PEP (substitution)"
    ]


def test_a_gnu_quote_is_no_literal() -> None:
    """```SEP'`` quotes in GNU style: a single backtick opens no code span here."""
    assert _variants(_PEP_USES + "- The `SEP' rule is shorthand for the rule.") == [
        "SEP is most likely a garbled PEP (substitution)"
    ]


def _lower_starts(text: str) -> list[str]:
    return [dict(f.evidence)["word"] for f in lowercase_sentence.detect(text)]


def test_code_after_its_slash_comment_is_no_sentence() -> None:
    """``// ... until the guard goes away. let guard = thread::scoped(...)``."""
    assert _lower_starts(_text("nomicon_comment_then_code")) == []


def test_a_lower_case_start_in_prose_is_still_found() -> None:
    assert _lower_starts(_text("julia_gsoc_lower_case")) == ["policy"]


def _orphans(text: str) -> list[str]:
    return [f.message for f in orphan_punctuation.detect(text)]


def test_a_slice_on_a_code_line_is_no_orphan_punctuation() -> None:
    """``x -> reshape(x,:, size(x, 4))``: Julia's colon, on a line with
    an arrow and an empty call."""
    assert _orphans(_text("julia_reshape_colon")) == []


def test_a_colon_before_a_comma_in_prose_is_still_found() -> None:
    assert _orphans(_text("julia_contributhon_colon_comma")) == ["punctuation ':,' with nothing before it"]


def _furniture(text: str) -> list[str]:
    return [f.message for f in boilerplate.detect(text)]


@pytest.mark.parametrize("name", ["pep012_comments_section", "pep532_copyright_url", "gutenberg_1232_header"])
def test_a_documents_own_sections_and_fields_are_no_boilerplate(name: str) -> None:
    """A ``Comments`` section about comments, a ``Copyright`` section whose
    notice ends with its licence's address, ``Last updated:`` among the
    fields of Project Gutenberg's header."""
    assert _furniture(_text(name)) == []


def test_a_pages_furniture_is_still_found() -> None:
    """``Posted on May 3`` and ``Comments`` on a page's edge, a byline in the
    middle that nothing takes up."""
    middle = "\n\n".join(["First part of the story."] * 4)
    text = f"Posted on May 3\n\n{middle}\n\nLast updated: May 4\n\nThe council met.\n\n{middle}\n\nComments"
    assert _furniture(text) == [
        "byline boilerplate left in the text: 'Posted on May 3'",
        "byline boilerplate left in the text: 'Last updated: May 4'",
        "comments boilerplate left in the text: 'Comments'",
    ]
