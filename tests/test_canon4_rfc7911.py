"""canon/4 (canon8): RFC 7911's v3 text and v3 HTML, one XML by one writer, agree
after the front matter and the table of contents.

Three differences kept them apart (docs/normalization.md, canon/4: drawn
rules, slashes, dashes), each settled by one rule applied alike in every
format. What is left, the front matter's labels and the text's table of
contents, is real or the HTML selector's (see the docs); the tests compare
the documents from the first section's heading on.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from verify.normalize import canonicalize_text
from verify.normalize.layout import join_lines
from verify.normalize.steps import dash_bullets, rules
from verify.model import CODE_LINE
from verify.pipeline import Options, process_bytes

CANON = Path(__file__).parent / "data" / "canon"
OPTIONS = Options(timeout=None)


def _body(name: str) -> list[str]:
    """The canonical words of an RFC 7911 rendering from section 1's heading on."""
    text = process_bytes((CANON / name).read_bytes(), name, OPTIONS).text
    assert text is not None
    start = text.rindex("1. Introduction")  # the text's table of contents names it first
    return text[start:].split()


def test_rfc7911_text_and_html_agree_after_the_front_matter() -> None:
    text, html = _body("rfc7911.text"), _body("rfc7911.v3.html")
    assert len(text) > 1500
    assert text == html


def test_box_borders_go_in_both_formats_and_the_box_rows_stay() -> None:
    for name in ("rfc7911.text", "rfc7911.v3.html"):
        body = " ".join(_body(name))
        assert "+---" not in body
        assert "| Send/Receive (1 octet) |" in body


def test_a_slash_at_a_line_end_is_glued_only_with_proof() -> None:
    body = " ".join(_body("rfc7911.text"))
    assert "Send/ Receive" not in body
    assert body.count("Send/Receive") == 4
    # No proof (the pair is not written whole elsewhere): the space stays.
    assert canonicalize_text("read and/\nwrite the data\nnow") == "read and/ write the data now"
    assert join_lines(["and/", "or"], frozenset()) == "and/ or"


def test_drawn_dashes_are_bullets_typed_dashes_stay() -> None:
    text = process_bytes((CANON / "rfc7911.text").read_bytes(), "rfc7911.text", OPTIONS).text or ""
    assert "\n- This field" not in text and "\nThis field is the same" in text
    # A typed Markdown item (one space) and a dash in a justified line stay.
    assert canonicalize_text("- one\n\n- two") == "- one\n\n- two"
    typed = "a sentence\n-  with a dash\nthat goes on\n-  and on\nhere"
    assert dash_bullets(typed) == typed
    # One hanging item alone is no proof of a list.
    assert dash_bullets("   -  alone\n") == "   -  alone\n"


def test_a_rule_in_code_stays_unless_it_borders_a_box() -> None:
    code = "\n".join(CODE_LINE + line for line in ("# -----", "x = 1", "---", "id | name", "----+-----"))
    assert rules(code) == code
    box = "\n".join(CODE_LINE + line for line in ("+---+---+", "| a | b |", "+===+===+"))
    assert rules(box).split("\n") == ["", CODE_LINE + "| a | b |", ""]


def test_a_dash_term_of_a_definition_list_stays() -> None:
    """bash's parameter ``$-`` and ``set -`` (tagged paragraphs whose term is
    ``-``, among the other terms ``$``, ``!``, ``--``) are names, not bullets."""
    data = gzip.decompress((CANON / "bash.0.txt.gz").read_bytes())
    text = process_bytes(data, "bash.0.txt", OPTIONS).text or ""
    assert "\n- ($-) Expands to the current option flags" in text
    assert "\n- Signal the end of options" in text
