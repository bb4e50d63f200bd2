"""The settling cycle's certificates (verify.normalize.settled) change no output.

A leading text step whose certificate holds is not run again after the
layout steps; the driver must give the same text, record of changes and
removed material as the driver that runs every step there. Checked on
generated documents made of the pieces the proofs are about (joins across
spaces and line breaks, hyphens at line ends over Hangul jamo and combining
marks, footnote markers before a combining mark, zero-width joiners at a
line's end, bullets before rule characters, code lines), and the facts the
``nfkc`` proof rests on are checked for every character. A layout step that
broke one of the facts, or a step wrongly taken for idempotent (the driver
does not run such a step again to see it change nothing), is caught by the
same comparison.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verify.normalize as normalize
from verify.model import CODE_LINE
from verify.normalize import layout, settled


def _both(pages: tuple[str, ...]) -> tuple[object, object]:
    """The driver's output with the certificates, and without them."""
    fast = normalize._run(pages, normalize.PROFILE, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settled, "certificates", lambda profile, steps: {})
        patch.setattr(settled, "idempotent", lambda profile, steps: frozenset())
        full = normalize._run(pages, normalize.PROFILE, None)
    return fast, full


_PIECES = ["word", "Word", " ", "  ", "\n", "\n\n", "a ,", "( x )", "\u2022 item", "\u00b7 * * *",
           "\u25cf * * *", "* *\n*",
           "o   list", "-  dash", "----", "word ----", "infor-\nmation", "\uac00-\n\u11a8", "e-\n\u0301x",
           "Page 1", "\u00c2\n0", "\u00c2", "0", "\u201cq\u201d", "\u00ad", "\t", "e\u0301", "\u0301",
           "1 Note text here.", "word1", "word1\u0301", "end.", " ?", "\u00a0", "\ufb01", "x\u00b2",
           "\u0627\u200d\n", "\u200d", "a\u200c b", "Send/\nReceive", "Send/Receive", CODE_LINE + "  code  ",
           "\u2014", "\u2265", "\r\n", "\x0b", "\ufffd"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join), min_size=1, max_size=3))
def test_the_certificates_change_nothing(pages: list[str]) -> None:
    fast, full = _both(tuple(pages))
    assert fast == full


def test_the_certificates_are_asked_on_real_text() -> None:
    """On a text like a PDF's (two pages, a running header, a hyphen at a line
    end, a quote), the leading steps but mojibake are skipped after the layout
    steps: the certificates are in use, not only defined."""
    asked: list[str] = []
    wrapped = {name: _recording(name, check, asked) for name, check in settled.CERTIFICATES.items()}
    pages = ("Title\nThe infor-\nmation \u201csociety\u201d is\nhere.\n1", "Title\nMore text, and\nmore.\n2")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settled, "CERTIFICATES", wrapped)
        text = normalize._run(pages, normalize.PROFILE, None)[0]
    assert text == "The information \"society\" is here.\n\nMore text, and more."
    assert sorted(asked) == sorted(settled.CERTIFICATES)


def _recording(name: str, check: settled.Certificate, asked: list[str]) -> settled.Certificate:
    def wrapper(pages: tuple[str, ...], changes: object) -> bool:
        held = check(pages, changes)  # type: ignore[arg-type]
        if held:
            asked.append(name)
        return held
    return wrapper


def test_a_layout_step_that_writes_a_character_of_a_leading_step_is_caught() -> None:
    """A stand-in unwrap that writes a curly quote breaks a fact the proofs
    rest on (the layout steps write none of punctuation's characters): the
    comparison above sees the difference, so it can fail."""
    def unwrap(pages: tuple[str, ...], params: object = None) -> layout.Outcome:
        outcome = layout.unwrap(pages, params)  # type: ignore[arg-type]
        quoted = (outcome.pages[0] + " \u2019",)
        return layout.Outcome(quoted, outcome.count, outcome.params, outcome.examples)

    steps = tuple(normalize.Step(s.name, layout=unwrap) if s.name == "unwrap" else s
                  for s in normalize.PROFILE.steps)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normalize, "PROFILE", normalize.Profile("canon/7", steps))
        fast, full = _both(("a text",))
    assert fast != full


def test_a_certificate_that_overlooks_a_case_is_caught() -> None:
    """Dehyphenation puts the rest of a line after the joined word on a line
    of its own; in a block of long lines (a paragraph each) a zero-width
    joiner there starts a paragraph, and ``invisible`` removes it. A
    certificate that did not look for joiners would keep it, and the
    comparison sees that."""
    pages = ("x" * 160 + " infor-\nmation \u200d\u0627 " + "y" * 160,)
    assert "\u200d" not in _caught(pages, "invisible", settled.written_nowhere)


def test_a_step_taken_for_idempotent_that_is_not_is_caught() -> None:
    """bullets takes one bullet off a line's start a run (GeoTopo's figure
    labels ``\u00b7 \u00b7 \u03b3``): marked idempotent, its second run
    would be skipped, and the comparison sees it."""
    pages = ("\u00b7 \u00b7 \u03b3 label",)
    assert _both(pages)[0] == _both(pages)[1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settled, "IDEMPOTENT", settled.IDEMPOTENT | {"bullets"})
        fast, full = _both(pages)
    assert fast != full


def test_a_rule_line_that_bullets_makes_is_dropped_by_rules() -> None:
    """``\u25cf * * *`` is a paragraph until bullets takes its bullet off; then
    it is a rule line, which rules drops: the certificate tries the lines
    that start like one when bullets changed something; one that trusted
    rule_paragraphs alone would keep the rule."""
    pages = ("Some words of text.\n\n\u25cf * * *\n\nEnd of it.",)
    assert "*" not in _caught(pages, "rules", settled.no_code_lines)


def _caught(pages: tuple[str, ...], step: str, certificate: settled.Certificate) -> str:
    """The canonical text of ``pages``, the same with and without the
    certificates; with ``certificate`` in place of ``step``'s, another."""
    fast, full = _both(pages)
    assert fast == full
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(settled.CERTIFICATES, step, certificate)
        broken, reference = _both(pages)
    assert broken != reference
    return str(fast[0])


def test_no_certificates_for_another_profile() -> None:
    assert settled.certificates("canon/5", [s.name for s in normalize.PROFILE.steps]) == {}
    assert settled.certificates("canon/7", ["line_endings", "unwrap"]) == {}
    assert settled.certificates("canon/7", [s.name for s in normalize.PROFILE.steps]) == settled.CERTIFICATES
    assert settled.idempotent("canon/5", [s.name for s in normalize.PROFILE.steps]) == frozenset()


#: The characters at the joins the layout and trailing steps make (nfkc's proof).
_JOINTS = " \n-/([{,.;:)]}!?"


def test_the_joints_compose_with_nothing() -> None:
    """Each joint character is its own normal form, a starter, and in no
    canonical composition pair, first or second: NFKC of a text is then
    NFKC of the pieces on either side of it, joined by it."""
    pairs = []
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                pairs.append(tuple(chr(int(p, 16)) for p in parts))
    assert len(pairs) > 900  # the table was read
    for joint in _JOINTS:
        assert unicodedata.normalize("NFKC", joint) == joint
        assert unicodedata.combining(joint) == 0
        assert not any(joint in pair for pair in pairs), repr(joint)


def test_letters_are_starters() -> None:
    """A dehyphenated word's halves meet letter to letter (``[^\\W\\d_]``):
    both starters, so no reordering across the join, only a composition,
    which nfkc's certificate rules out by testing the joined word."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if layout._is_letter(c):
            assert unicodedata.combining(c) == 0, hex(code)
