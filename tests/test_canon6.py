"""canon/6: the cross-format candidates of docs/cross-format.md, each on the
document's own evidence (docs/normalization.md, "canon/6").

Each rule has a real-document test (fixtures in tests/data/canon10 and
tests/data/canon6, sources and licences in their READMEs), a test that fails
without the rule, and adversarial tests: what only looks like the pattern is
kept, and a real edit changes ``text_sha256`` or ``removed_sha256``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.model import Record
from verify.normalize import PROFILES, RETIRED, canonicalize_text
from verify.pipeline import process_bytes

DATA = Path(__file__).resolve().parent / "data"


def _record(text: str, name: str = "a.txt") -> Record:
    return process_bytes(text.encode("utf-8"), name)


def test_canon5_and_canon6_are_retired() -> None:
    assert "canon/6" not in PROFILES and "canon/6" in RETIRED  # canon/7 retired it (test_canon7.py)
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


# --------------------------------------------------------------------------- (b) unpaged page breaks

FOOTER = "October 28, 1994"


def _excerpt() -> str:
    return (DATA / "canon10" / "bash-article-excerpt.txt").read_text("latin-1")


def _stream(record: Record) -> str:
    return f" {' '.join((record.text or '').split())} "


def test_the_page_breaks_go_and_are_on_record() -> None:
    record = _record(_excerpt())
    assert FOOTER not in (record.text or "") and " - 3 - " not in _stream(record)
    furniture = next(c for c in record.changes if c.step == "furniture")
    assert "#page-break:" + FOOTER in furniture.params
    assert record.removed_sha256 is not None


def test_an_edit_to_the_footers_changes_the_removed_digest() -> None:
    raw = _excerpt()
    edited = raw.replace(FOOTER, "October 29, 1994")
    before, after = _record(raw), _record(edited)
    assert before.text_sha256 == after.text_sha256
    assert before.removed_sha256 != after.removed_sha256


def test_an_edit_to_one_footer_is_kept_as_text() -> None:
    raw = _excerpt()
    first = raw.index(FOOTER)
    second = raw.index(FOOTER, first + 1)
    edited = raw[:second] + "October 29, 1994" + raw[second + len(FOOTER):]
    record = _record(edited)
    assert "October 29, 1994" in (record.text or "")
    assert record.text_sha256 != _record(raw).text_sha256


def test_page_numbers_out_of_order_are_no_proof() -> None:
    raw = _excerpt()
    assert "- 3 -" in raw
    record = _record(raw.replace("- 3 -", "- 5 -"))
    assert FOOTER in (record.text or "") and " - 5 - " in _stream(record)


def test_a_page_number_line_in_prose_is_kept() -> None:
    raw = _excerpt()
    anchor = "     Bash is concerned"
    assert anchor in raw
    record = _record(raw.replace(anchor, "                           - 3 -\n\n" + anchor, 1))
    assert FOOTER not in (record.text or "")
    assert _stream(record).count(" - 3 - ") == 1


def test_breaks_between_paragraphs_only_are_no_proof() -> None:
    page = "A paragraph of text that ends here.\n\n"
    text = "".join(f"{page}\n\n{FOOTER}\n\n\n\n- {n} -\n\n\n" for n in (2, 3, 4)) + page
    assert FOOTER in canonicalize_text(text)


def test_breaks_inside_sentences_go() -> None:
    page = "A paragraph of text that goes on\n\n"
    text = "".join(f"{page}\n\n{FOOTER}\n\n\n\n- {n} -\n\n\n" for n in (2, 3, 4)) + "into the next page."
    words = " ".join(canonicalize_text(text).split())
    assert words == " ".join(["A paragraph of text that goes on"] * 3) + " into the next page."


def test_a_footer_that_also_stands_in_prose_is_no_proof() -> None:
    page = "A paragraph of text that goes on\n\n"
    text = "".join(f"{page}\n\n{FOOTER}\n\n\n\n- {n} -\n\n\n" for n in (2, 3, 4))
    text += f"until\n{FOOTER}\nthe end."
    assert canonicalize_text(text).count(FOOTER) == 4


def test_the_excerpt_replays_and_is_idempotent() -> None:
    from verify.ingest.text import ingest_text
    from verify.normalize import canonicalize, replay

    extracted = ingest_text((DATA / "canon10" / "bash-article-excerpt.txt").read_bytes())
    canonical = canonicalize(extracted)
    assert replay(extracted.pages, canonical.changes) == canonical.text
    assert canonicalize_text(canonical.text) == canonical.text


# --------------------------------------------------------------------------- (d) digit hyphens


def _unzip() -> str:
    return (DATA / "canon6" / "unzip-history-excerpt.txt").read_text("utf-8")


def test_a_digit_compound_the_document_writes_is_joined() -> None:
    raw = _unzip()
    assert "the Zip64-\n    compatible end-of-central-dir" in raw and "current Zip64-compatible" in raw
    words = " ".join((_record(raw).text or "").split())
    assert "within the Zip64-compatible end-of-central-dir records" in words


def test_without_the_documents_proof_the_break_stays_a_space() -> None:
    raw = _unzip()
    assert "Zip64-\n    enabled" in raw and "Zip64-enabled" not in raw
    assert "of Zip64- enabled UnZip" in " ".join((_record(raw).text or "").split())


def test_the_join_makes_the_broken_and_the_whole_line_one_text() -> None:
    raw = _unzip()
    whole = raw.replace("the Zip64-\n    compatible end", "the Zip64-compatible\n    end")
    assert whole != raw and _record(raw).text_sha256 == _record(whole).text_sha256


def test_other_words_at_a_digit_break_are_no_compound() -> None:
    text = "A 60-second limit.\n\nFrom 1990-\nsecond and the arbitrary 60-\nsecondary rule."
    words = " ".join(canonicalize_text(text).split())
    assert "From 1990- second and the arbitrary 60- secondary rule." in words
    # A range or a dash at a line end after a number is not glued without proof.
    assert canonicalize_text("pages 10-\n20 of the book") == "pages 10- 20 of the book"


def test_an_edit_to_the_proof_changes_the_digest() -> None:
    raw = _unzip()
    edited = raw.replace("current Zip64-compatible", "current Zip64-capable")
    assert _record(raw).text_sha256 != _record(edited).text_sha256
    assert "the Zip64- compatible end" in " ".join((_record(edited).text or "").split())


# --------------------------------------------------------------------------- (c) leader dots


def _toc(name: str) -> str:
    return (DATA / "canon10" / name).read_text("utf-8")


def test_two_renderings_of_a_table_of_contents_differ_only_in_page_numbers() -> None:
    import difflib

    paged = (_record(_toc("rfc7232-toc-paged.txt")).text or "").split()
    unpaged = (_record(_toc("rfc7232-toc-unpaged.txt")).text or "").split()
    changed = [(paged[a0:a1], unpaged[b0:b1]) for op, a0, a1, b0, b1
               in difflib.SequenceMatcher(a=paged, b=unpaged, autojunk=False).get_opcodes() if op != "equal"]
    assert changed  # the AUTH48 text's pages fall otherwise: some page numbers differ
    assert all(len(a) == len(b) == 1 and a[0].isdigit() and b[0].isdigit() for a, b in changed), changed


def test_a_leader_goes_in_every_spelling() -> None:
    for line in ("1. Introduction ....4", "1.  Introduction . . . . . .  4", "1. Introduction.......... 4"):
        assert canonicalize_text(line) == "1. Introduction 4", line


def test_an_edit_to_a_page_number_or_a_title_changes_the_digest() -> None:
    raw = _toc("rfc7232-toc-paged.txt")
    assert "Introduction ....................................................4" in raw
    for old, new in (("Introduction ....", "Introductions ...."), ("....4\n", "....5\n")):
        assert _record(raw).text_sha256 != _record(raw.replace(old, new, 1)).text_sha256, new


def test_dots_that_are_no_leader_stay() -> None:
    for text in ("and so on... 4", "Wait.... and see page 4 now", "see 1.2.3.4.5", "x ....4 y"):
        assert canonicalize_text(text) == text, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([".", " ", "a", "4", "12", "iv", "\n", "x.", "....", " . ."]), max_size=30))
def test_leaders_found_from_the_hints_are_the_patterns_on_each_line(pieces: list[str]) -> None:
    from verify.normalize import steps

    text = "".join(pieces)
    expected = "\n".join(steps._LEADER.sub(" ", line) for line in text.split("\n"))
    assert steps.leaders(text) == expected


def test_a_leader_that_unwrapping_sets_before_its_number_goes_too() -> None:
    # The settling cycle runs rules after unwrap (verify.normalize.settled's
    # certificate for rules says no where four dots are left).
    text = canonicalize_text("1. Introduction ....\n4")
    assert text == "1. Introduction 4" and canonicalize_text(text) == text
