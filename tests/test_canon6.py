"""canon/6: the cross-format candidates of docs/cross-format.md, each on the
document's own evidence (docs/normalization.md, "canon/6").

Each rule has a real-document test (fixtures in tests/data/canon10 and
tests/data/canon6, sources and licences in their READMEs), a test that fails
without the rule, and adversarial tests: what only looks like the pattern is
kept, and a real edit changes ``text_sha256`` or ``removed_sha256``.
"""

from __future__ import annotations

from pathlib import Path

from verify.model import Record
from verify.normalize import PROFILE, PROFILES, RETIRED, canonicalize_text
from verify.pipeline import process_bytes

DATA = Path(__file__).resolve().parent / "data"


def _record(text: str, name: str = "a.txt") -> Record:
    return process_bytes(text.encode("utf-8"), name)


def test_canon6_is_computed_and_canon5_is_retired() -> None:
    assert PROFILE.name == "canon/6" and set(PROFILES) == {"canon/6"}
    assert {"canon/1", "canon/2", "canon/3", "canon/4", "canon/5"} <= RETIRED


# --------------------------------------------------------------------------- (a) nroff's ESC 7/8/9


def test_nroff_motions_go_as_a_pair() -> None:
    assert canonicalize_text("a display\n\x1b9     # Macros that are convenient\x1b8") == (
        "a display # Macros that are convenient")
    assert canonicalize_text("x\x1b82\x1b9 and y") == "x2 and y"


def test_a_typed_digit_and_other_escapes_stay() -> None:
    # Only ESC and 7, 8 or 9 is one of nroff's motions; a 9 without the ESC is text.
    assert canonicalize_text("page 9 of the 789 pages") == "page 9 of the 789 pages"
    assert "6" in canonicalize_text("a\x1b6 b").split()  # another escape: the digit is kept


def test_an_edit_beside_a_motion_changes_the_digest() -> None:
    raw = (DATA / "canon10" / "bash-article-excerpt.txt").read_text("latin-1")
    assert "\x1b9     $ echo $((3 + 5 * 32))" in raw
    edited = raw.replace("\x1b9     $ echo $((3 + 5 * 32))", "\x1b9     $ echo $((3 + 5 * 33))")
    assert _record(raw).text_sha256 != _record(edited).text_sha256


def test_the_article_excerpt_keeps_no_motion_digit() -> None:
    raw = (DATA / "canon10" / "bash-article-excerpt.txt").read_bytes()
    assert b"\x1b9" in raw
    text = process_bytes(raw, "article.txt").text or ""
    assert "\x1b" not in text and " 9 " not in f" {' '.join(text.split())} "
