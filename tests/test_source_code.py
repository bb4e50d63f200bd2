"""canon/7: source code and configuration keep their lines, indentation and
tabs (verify/ingest/code.py): a change of what a program does is never a
formatting change (audit4, on CPython's textwrap.py); prose is read as before."""

from __future__ import annotations

from pathlib import Path

from verify.ingest.code import declared
from verify.pipeline import process_bytes

TEXTWRAP = Path(__file__).parent / "data" / "code" / "textwrap.py.txt"  # .txt: no linter reads it
LINE = b"            width = self.width - len(indent)\n"


def test_a_statement_moved_into_a_block_changes_the_digest() -> None:
    data = TEXTWRAP.read_bytes()
    assert data.count(LINE) == 1
    moved = data.replace(LINE, b"    " + LINE)  # into the else: block above it (valid Python)
    before, after = process_bytes(data, "textwrap.py"), process_bytes(moved, "textwrap.py")
    assert before.text_sha256 != after.text_sha256
    assert dict(before.metadata)["source-code"] == ".py"
    assert "\n            width = self.width - len(indent)\n" in (before.text or "")  # lines kept


def test_yaml_nesting_and_a_makefile_tab_are_content() -> None:
    top, nested = b"server:\n  port: 80\nlog: debug\n", b"server:\n  port: 80\n  log: debug\n"
    assert process_bytes(top, "a.yaml").text_sha256 != process_bytes(nested, "a.yaml").text_sha256
    tab, spaces = b"all:\n\tcc -o x x.c\n", b"all:\n        cc -o x x.c\n"  # make refuses the second
    assert process_bytes(tab, "Makefile").text_sha256 != process_bytes(spaces, "Makefile").text_sha256


def test_prose_is_read_as_before() -> None:
    """The paired case: the same two lines in a .txt are prose, unwrapped."""
    prose = b"This sentence is wrapped\nover two lines.\n"
    record = process_bytes(prose, "notes.txt")
    assert record.text == "This sentence is wrapped over two lines."
    assert "source-code" not in dict(record.metadata)
    assert declared("README.md") is None and declared("doc/index.rst") is None
