"""Two versions of one text: an operator taken out of a list and a word
changed in a short sentence are edits (audit4 defect 8: PEP 8's real commit
removing ``<>`` compared as "no substantive difference")."""

from __future__ import annotations

from pathlib import Path

from verify.compare import compare_texts
from verify.pipeline import process_bytes

PEP8 = Path(__file__).parent.parent / "data" / "compare" / "pep8"


def _text(path: Path) -> str:
    return process_bytes(path.read_bytes(), path.name).text or ""


def test_the_real_commit_that_removed_an_operator_is_reported() -> None:
    old, new = _text(PEP8 / "pep8_old.rst"), _text(PEP8 / "pep8_new.rst")
    found = compare_texts(old, new).differences
    assert [d.kind for d in found] == ["wording"]
    assert "<>" in found[0].a.text and "<>" not in found[0].b.text
    assert compare_texts(old, old).differences == ()  # the paired quiet case: nothing else moves


def test_a_word_dropped_from_a_short_sentence_is_an_edit() -> None:
    a = "Use a single space around comparisons.\n\nBooleans are and, or, not.\n"
    b = "Use a single space around comparisons.\n\nBooleans are and, or.\n"
    (found,) = compare_texts(a, b).differences
    assert found.a.text.endswith("not") and "not" not in found.b.text
