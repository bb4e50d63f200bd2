"""canon/3's rules (canon/4 keeps them; tests/test_canon4.py); canon/2 is retired as canon/1 was.

A manifest made with canon/2 (released) is still checked on its bytes; its
texts are not recomputed under canon/2 (this version no longer computes it),
and every verdict that needs them says so and says how to rebuild.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verify.normalize.lexicon
from verify.model import Record
from verify.normalize import canonicalize_text
from verify.normalize.layout import hyphen_decision
from verify.pipeline import Options, process_bytes
from verify.fingerprint import word_stream

CANON = Path(__file__).parent / "data" / "canon"
OPTIONS = Options(timeout=None)


def _record(data: bytes, name: str = "doc") -> Record:
    return process_bytes(data, name, OPTIONS)


# The retirement of canon/2 (and canon/3) is tested in tests/test_canon4.py.


# --------------------------------------------------------------------------- line-end hyphens

def _words(text: str) -> str:
    return word_stream(canonicalize_text(text))


def test_the_spelling_the_document_uses_nearer_and_more_wins() -> None:
    near = Counter({"readonly": 1 << 30, "read-only": 1 << 20})
    assert hyphen_decision("read", "only", near, Counter()) == "readonly"
    near = Counter({"lowercase": 3 << 20, "lower-case": 1 << 30})
    assert hyphen_decision("lower", "case", near, Counter()) == "lower-case"
    assert hyphen_decision("read", "only", Counter({"read-only": 5, "readonly": 5}), Counter()) == "read-only"


def test_without_the_documents_evidence_english_decides() -> None:
    none: Counter[str] = Counter()
    assert hyphen_decision("re", "setting", none, none) == "resetting"  # a word
    assert hyphen_decision("floating", "point", none, none) == "floating-point"  # two words, no word joined
    assert hyphen_decision("Asia", "Pacific", none, none) == "Asia-Pacific"
    assert hyphen_decision("POSSI", "BILITY", none, none) == "POSSIBILITY"
    assert hyphen_decision("qwx", "zvb", none, none) == "qwxzvb"  # no evidence at all: a syllable break


def test_the_word_list_is_pinned_exactly() -> None:
    """canon/3's output reads pyspellchecker's word list: a patch release must not move it."""
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8")
    assert re.search(r'"pyspellchecker==\d+\.\d+\.\d+"', pyproject)
    assert verify.normalize.lexicon.is_english_word("resetting")


_PROSE = (CANON / "Apache-2.0.txt").read_text("utf-8").split("\n\n")


def _break_at(paragraph: str, word_index: int, cut: int, width: int) -> str:
    """The paragraph hard-wrapped at ``width`` with word ``word_index`` broken
    after ``cut`` characters at a line end: a syllable break gets a hyphen, a
    compound breaks at its own hyphen (as a typesetter does both)."""
    words = paragraph.split()
    word = words[word_index]
    head = word[:cut] if word[cut - 1] == "-" else word[:cut] + "-"
    before = textwrap.fill(" ".join([*words[:word_index], head]), width)
    after = textwrap.fill(" ".join([word[cut:], *words[word_index + 1:]]), width)
    return before + "\n" + after


def _breakable(paragraph: str, counts: dict[str, int]) -> list[tuple[int, int]]:
    """(word, cut) pairs: an English word or one the text uses twice, cut
    anywhere; a compound the text uses twice, cut at its hyphen."""
    out = []
    for i, word in enumerate(paragraph.split()):
        if re.fullmatch(r"[a-z]{5,}", word) and (counts.get(word, 0) >= 2
                                                 or verify.normalize.lexicon.is_english_word(word)):
            out.extend((i, cut) for cut in range(2, len(word) - 1))
        elif re.fullmatch(r"[a-z]{2,}-[a-z]{2,}", word) and counts.get(word, 0) >= 2:
            out.append((i, word.index("-") + 1))
    return out


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_hyphen_decision_does_not_depend_on_where_a_rendering_broke_the_line(data: st.DataObject) -> None:
    """A word broken at any line end comes out as the renderings that print
    it whole spell it: one text, one word stream, whichever rendering
    hyphenated which occurrence (canon/2 kept ``here-by``, ``with-out``:
    two words of the document; canon/3 asks English first)."""
    paragraphs = [p for p in _PROSE if len(p.split()) > 30][:12]
    text = "\n\n".join(paragraphs)
    counts = dict(Counter(re.findall(r"[a-z]+(?:-[a-z]+)*", text)))
    p = data.draw(st.integers(0, len(paragraphs) - 1))
    choices = _breakable(paragraphs[p], counts)
    if not choices:
        return
    i, cut = data.draw(st.sampled_from(choices))
    width = data.draw(st.integers(40, 90))
    broken = [*paragraphs[:p], _break_at(paragraphs[p], i, cut, width), *paragraphs[p + 1:]]
    whole = [*paragraphs[:p], textwrap.fill(paragraphs[p], width), *paragraphs[p + 1:]]
    assert _words("\n\n".join(broken)) == _words("\n\n".join(whole))


# --------------------------------------------------------------------------- punctuation, bullets

def test_a_mark_after_a_sentence_end_is_a_token_on_any_line() -> None:
    """bash's ``decimal. ?`` and ``(. !n``: one word stream whether a
    rendering put a paragraph break between the marks or not."""
    for a, b in (("in decimal.", "? ($?) Expands"), ("the shopt builtin, (.", "!n Refer to")):
        assert _words(f"{a} {b}") == _words(f"{a}\n\n{b}")


def test_the_em_dash_and_the_copyright_sign_are_spelt_as_plain_text_spells_them() -> None:
    assert _words("level -- each option") == _words("level \u2014 each option") == "level -- each option"
    assert _words("Copyright (C) 1989") == _words("Copyright \u00a9 1989")
    assert _words("the ++ and -- operators; use --verbose") == "the ++ and -- operators; use --verbose"
    assert _words("1989\u20132025") == "1989-2025"


def test_nroff_bullets_are_drawn_bullets_and_a_word_o_is_a_word() -> None:
    nroff = "Restricted:\n       o      changing directories\n       o      setting PATH\n"
    pdf = "Restricted:\n\u2022 changing directories\n\u2022 setting PATH\n"
    assert _words(nroff) == _words(pdf) == "Restricted: changing directories setting PATH"
    spanish = "Puede pagar con tarjeta\no bien en efectivo, como prefiera,\no con un cheque del banco.\n"
    assert _words(spanish).split().count("o") == 2


# --------------------------------------------------------------------------- real renderings

# The builtins txt/pdf agreement (canon/4: gropdf's italic corrections) is in tests/test_canon4.py.


def _man2html() -> Record:
    return _record((CANON / "bash-man2html-excerpt.html").read_bytes(), "bash.html")


def test_man2html_chrome_is_removed_on_its_own_mark_and_digested() -> None:
    record = _man2html()
    assert record.text is not None
    assert record.text.startswith("NAME\n\nbash - GNU Bourne-Again SHell")
    assert "man2html" not in record.text and "BASH(1)" not in record.text
    assert "Index" not in record.text.split() and "2025 April 7" not in record.text
    for piece in ("BASH(1)", "GNU Bash 5.3", "Index", "SYNOPSIS", "RESTRICTED SHELL"):
        assert piece in record.removed
    assert any(p.startswith("This document was created by man2html") for p in record.removed)
    assert "COMMENTS" in record.text.split("\n\n")  # a heading, not a theme's "Comments" line
    assert "Open files inherited by the shell at invocation" in record.text
    assert "\n\n*\n\n" not in record.text and "*" in record.removed


def test_without_the_credit_the_man2html_tables_are_text() -> None:
    data = (CANON / "bash-man2html-excerpt.html").read_bytes()
    data = data.replace(b"created by man2html", b"created by hand")
    record = _record(data, "bash.html")
    assert record.text is not None and record.text.startswith("BASH(1)")


@pytest.mark.parametrize("old, new", [(b"2025 April 7", b"2025 April 8"), (b"GNU Bash 5.3", b"GNU Bash 5.4"),
                                      (b"bash-20250502", b"bash-20250503")])
def test_a_change_in_man2html_chrome_changes_the_removed_digest(old: bytes, new: bytes) -> None:
    data = (CANON / "bash-man2html-excerpt.html").read_bytes()
    base, changed = _record(data, "bash.html"), _record(data.replace(old, new), "bash.html")
    assert changed.text_sha256 == base.text_sha256
    assert changed.removed_sha256 != base.removed_sha256


# --------------------------------------------------------------------------- code blocks

_CODE_PAGE = """<html><head><title>t</title></head><body><main>
<p>Run the tool as shown below, then read its report carefully.</p>
<pre><code>$ verify build sources -m m.json
-----
- not a bullet
\u2022 nor this
    if (x) {
        y = 1;
    }
</code></pre>
<p>The report lists every file it read.</p>
</main></body></html>"""


def test_a_code_block_keeps_its_lines_and_no_layout_step_touches_them() -> None:
    record = _record(_CODE_PAGE.encode(), "page.html")
    assert record.text is not None
    code = [p for p in record.text.split("\n\n") if p.startswith("$ verify")]
    assert code == ["$ verify build sources -m m.json\n-----\n- not a bullet\n\u2022 nor this\n"
                    "    if (x) {\n        y = 1;\n    }"]  # canon/5: indentation kept
    assert "\ufdd0" not in record.text


def test_code_lines_replay_and_keep_the_word_stream_of_their_words() -> None:
    from verify.ingest.html import ingest_html
    from verify.normalize import canonicalize, replay

    extracted = ingest_html(_CODE_PAGE.encode())
    canonical = canonicalize(extracted)
    assert replay(extracted.pages, canonical.changes) == canonical.text
    # The word stream is the words in order: the line breaks of the code are
    # whitespace, but for an indented line's (canon/5: its indentation is kept).
    assert ("m.json ----- - not a bullet \u2022 nor this\n    if (x) {\n        y = 1;\n    } The"
            in word_stream(canonical.text))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_changing_a_word_of_a_code_block_changes_the_text_digest(data: st.DataObject) -> None:
    base = _record(_CODE_PAGE.encode(), "page.html")
    code = _CODE_PAGE[_CODE_PAGE.index("<pre>"):_CODE_PAGE.index("</pre>")]
    words = [m for m in re.finditer(r"[A-Za-z]+", code) if m.group() not in ("pre", "code")]
    m = data.draw(st.sampled_from(words))
    start = _CODE_PAGE.index("<pre>") + m.start()
    changed = _CODE_PAGE[:start] + m.group()[::-1] + "q" + _CODE_PAGE[start + len(m.group()):]
    assert _record(changed.encode(), "page.html").text_sha256 != base.text_sha256


def test_a_real_code_block_keeps_its_lines() -> None:
    """mdBook's example of Rust error E0499: one line of code per line."""
    record = _record((CANON / "rust-E0499.html").read_bytes(), "E0499.html")
    assert record.text is not None
    assert "fn main() {\nlet mut i = 0;\nlet mut x = &mut i;\nlet mut a = &mut i;\nx;\n" in record.text


def test_halves_from_two_languages_are_not_a_compound() -> None:
    """A German PDF's ``Fundamental-/gruppen``: ``fundamental`` is English,
    ``gruppen`` a word of the document; neither list holds both, so it is a
    syllable break (canon/2 joined it too)."""
    doc = Counter({"gruppen": 4, "die": 9})
    assert hyphen_decision("Fundamental", "gruppen", Counter(), doc) == "Fundamentalgruppen"


def test_a_number_in_code_is_never_a_footnote_marker() -> None:
    """A block starting with a number (an exit-code table: "3 Internal
    JavaScript Parse Error: ...") after a code line ending in that number
    (``SSL_OP_NO_SSLv3``... in code) is no footnote: canon/2 cut the digit
    from the code; the search must not go on to cut it from the prose
    before either."""
    page = ("<html><body><main><p>Use the SSLv3 flag only for tests of old peers please.</p>"
            "<pre>const v = 'SSL_OP_NO_SSLv3';</pre>"
            "<p>3 Internal JavaScript Parse Error: the source code failed to parse.</p>"
            "</main></body></html>")
    record = _record(page.encode(), "api.html")
    assert record.text is not None
    assert "SSLv3 flag" in record.text and "SSL_OP_NO_SSLv3" in record.text
    assert "[^3]" not in record.text


MARK = "\ufdd0"  # verify.model.CODE_LINE, spelt out: a document can hold it too


@pytest.mark.parametrize("name, template", [
    ("a.txt", "The member states agreed on\n{m}the treaty of friendship and\ncooperation in 2007.\n"),
    ("a.html", "<html><body><main><p>The member states agreed on the treaty of{m} friendship.</p>"
               "<pre>x = 1\n{m}y = 2</pre></main></body></html>"),
])
def test_a_documents_own_code_mark_is_text_kept_and_said(name: str, template: str) -> None:
    """U+FDD0 marks code lines inside verify; in a file it is the file's own
    character: kept (as U+FFFD), warned about, and never taken out unseen."""
    with_mark = process_bytes(template.format(m=MARK).encode(), name)
    without = process_bytes(template.format(m="").encode(), name)
    assert with_mark.error is None and without.error is None
    assert with_mark.text_sha256 != without.text_sha256
    assert any("U+FDD0" in w for w in with_mark.warnings)
    assert not any("U+FDD0" in w for w in without.warnings)
    assert canonicalize_text(f"a {MARK}b") == "a \ufffdb"
