"""Two different texts that canon/5 gave one digest (audit3), and what must
still fold."""

from __future__ import annotations

from pathlib import Path

from verify.pipeline import process_bytes

DATA = Path(__file__).parent / "data" / "audit3"


def _text(data: str) -> tuple[str, str]:
    record = process_bytes(data.encode("utf-8"), "t.txt")
    assert record.error is None and record.text is not None and record.text_sha256 is not None
    return record.text, record.text_sha256


def test_one_and_a_half_is_not_eleven_halves() -> None:
    # NFKC writes ½ as 1⁄2: canon/5 read "1½ cups" and "11⁄2 cups" alike.
    half, half_digest = _text("Add 1\u00bd cups of flour and \u00be cup of milk.\n")
    _, eleven_digest = _text("Add 11\u20442 cups of flour and 3\u20444 cup of milk.\n")
    assert "1\u00bd" in half and half_digest != eleven_digest
    # a ligature and a full-width digit still fold beside a fraction
    folded, _ = _text("\ufb01ne \uff12\u00bd\n")
    assert folded == "fine 2\u00bd"


def test_a_file_name_ending_in_digits_is_no_footnote_mark() -> None:
    text, digest = _text((DATA / "lvgrs10-excerpt.txt").read_text(encoding="utf-8"))
    assert "lvgrs10.zip" in text and "lvgrs10a.txt" in text and "[^10]" not in text
    assert text.index("Know you, solely to drop") < text.index("My comrade!")
    # the canonical text of canon/5 (names cut, stanza moved) is another text
    moved = text.replace("lvgrs10.zip", "lvgrs.zip")
    assert _text(moved)[1] != digest


def test_a_mark_glued_to_a_word_still_moves_its_note() -> None:
    text, _ = _text("The members of the organisation.7 They met in June.\n\n"
                    "7 The meeting was held in Astana in 2005, as the charter says.\n")
    assert "organisation. They met" in text
    assert text.rstrip().endswith("[^7] The meeting was held in Astana in 2005, as the charter says.")


def test_a_subtitle_files_first_cue_number_stays() -> None:
    # audit3: a lone "1" on the first line of an unpaged text was removed as
    # the page number of a one-page document; in a subtitle file a lone "2"
    # follows: it is the first of the cue numbers.
    srt = ("1\n00:00:06,500 --> 00:00:09,000\nAbout two months ago I found myself\n\n"
           "2\n00:00:11,000 --> 00:00:17,000\nAnd I was commenting on a video\n\n"
           "3\n00:00:18,000 --> 00:00:20,000\nabout a famous author.\n")
    text, digest = _text(srt)
    assert text.startswith("1\n")
    assert _text(srt.replace("1\n", "7\n", 1))[1] != digest
    # a one-page release still loses its page number 1
    assert _text("1\n\nPress release.\n\nThe minister spoke today about the budget.\n")[0].startswith("Press")
