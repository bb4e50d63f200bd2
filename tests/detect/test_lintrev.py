"""Reversals and reorderings of an acronym (lintrev round), each read from
real text with the garble put where the bench puts it (the form's last
use), and paired with a real pair of names that must stay quiet.

The real texts are in ``tests/data/detect/lintrev/cases.json`` (see the
README there for their sources and licences).
"""

from __future__ import annotations

import json
import re

from helpers import DATA

from verify.detect import acronym_variant

CASES: dict[str, dict[str, str]] = json.loads(
    (DATA / "detect" / "lintrev" / "cases.json").read_text(encoding="utf-8")
)


def _text(name: str) -> str:
    return CASES[name]["text"]


def _garbled(name: str, form: str, garble: str) -> str:
    """The case's text with the last use of ``form`` written ``garble``."""
    text = _text(name)
    last = [m for m in re.finditer(rf"(?<![\w-]){form}(?![\w])", text)][-1]
    return text[: last.start()] + garble + text[last.end() :]


def _variants(text: str) -> dict[str, str]:
    found = acronym_variant.detect(text)
    return {str(dict(f.evidence)["variant"]): str(dict(f.evidence)["stands_for"]) for f in found}


def test_a_reordering_is_weighed_against_the_form_it_reorders() -> None:
    """PDA is ADP reversed; the group's centre is ATP (more used), one
    letter and a reordering from PDA. Read against ATP it was a weak edit and
    went unreported; read against ADP it is a lone reversal."""
    assert _variants(_garbled("recA_atp_adp", "ADP", "PDA")) == {"PDA": "ADP"}


def test_two_names_one_letter_apart_stay_quiet() -> None:
    """The abstract as written: ATP and ADP are two names."""
    assert _variants(_text("recA_atp_adp")) == {}


def test_an_english_word_in_capitals_where_the_acronym_stands_is_found() -> None:
    """``AND binding proteins`` beside ``DNA binding``: the word the
    reversal makes is a word of the text (``and``), but it stands among
    the acronym's neighbours."""
    assert _variants(_garbled("rip60_dna", "DNA", "AND")) == {"AND": "DNA"}
    assert _variants(_text("rip60_dna")) == {}


def test_a_name_of_code_in_both_cases_stays_quiet() -> None:
    """Valgrind's NEWS writes ``asm`` and ``ASM`` (one name, two cases)
    beside MSA (MIPS SIMD architecture), which shares a neighbouring word
    (``support``) with it: ``asm`` is no English word, so ASM is a name."""
    assert "ASM" not in _variants(_text("valgrind_asm_msa"))


def test_a_defined_acronym_that_is_a_word_is_still_an_acronym() -> None:
    """FRET (defined: fluorescence resonance energy transfer) reversed is
    TERF: two English words of four letters, but FRET is an acronym."""
    assert _variants(_garbled("npc_fret", "FRET", "TERF")) == {"TERF": "FRET"}
    assert _variants(_text("npc_fret")) == {}


def test_two_words_in_capitals_that_nothing_defines_stay_quiet() -> None:
    """Node's ``require()`` pseudo-code writes STOP, its HTTP example
    POST: two words in capitals, one reordering apart."""
    assert _variants(_text("node_modules_stop_post")) == {}


def test_letters_a_to_f_are_no_hexadecimal_number_in_a_text_without_one() -> None:
    """DEAD (the DEAD/H box) reversed is DAED: both are spelt with A to F,
    but the abstract writes no hexadecimal number (``U+FFFD`` beside
    ``FFFF`` stays quiet: ``test_acronym_variant``)."""
    assert _variants(_garbled("smarcad1_dead", "DEAD", "DAED")) == {"DAED": "DEAD"}
    assert _variants(_text("smarcad1_dead")) == {}
