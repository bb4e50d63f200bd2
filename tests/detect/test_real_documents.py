"""Clean real documents (tests/data/detect/real, see its README) on which
the detectors that misread them in issue 11 must stay quiet, and the
context that lets them speak where the damage is real."""

from __future__ import annotations


import pytest
from helpers import DATA

from verify.detect import Layout, layout_of, lint_record, lint_text
from verify.model import Change, Record
from verify.pipeline import process_bytes

REAL = DATA / "detect" / "real"


def record_of(name: str) -> Record:
    path = REAL / name
    record = process_bytes(path.read_bytes(), name)
    assert record.text is not None, record.error
    return record


def warnings(record: Record) -> list[tuple[str, str]]:
    linted = lint_record(record)
    return [(f.code, f.span.slice(record.text or "")) for f in linted.findings if f.severity != "note"]


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.txt")))
def test_clean_real_documents_carry_no_warning(name: str) -> None:
    assert warnings(record_of(name)) == []


def test_a_plain_text_has_no_pages() -> None:
    record = record_of("dbus-copyright.txt")
    assert layout_of(record) == Layout(format="text", paged=False)
    paged = Record(path="a.pdf", format="pdf", size=1, raw_sha256=None)
    assert layout_of(paged).paged is True
    fed = Record(path="a.txt", format="text", size=1, raw_sha256=None, changes=(Change("join_pages", 1),))
    assert layout_of(fed).paged is True


HEADER = "Annual Report of the Harbour Board 2012"
REPEATED = f"{HEADER}\n\nThe text\n\n{HEADER}\n\nmore."


def test_a_repeated_line_is_a_running_header_only_with_pages() -> None:
    assert [f.code for f in lint_text(REPEATED, layout=Layout("text", paged=False))] == []
    found = lint_text(REPEATED, layout=Layout("pdf", paged=True))
    assert [f.code for f in found] == ["damage.running_header"]


def test_the_bsd_clauses_in_one_paragraph_are_a_list() -> None:
    text = " ".join((REAL / "BSD.txt").read_text(encoding="utf-8").split())
    assert "2. Redistributions" in text  # one paragraph, as canon/1 unwraps it
    assert [f for f in lint_text(text) if f.code == "damage.stray_number"] == []


def test_a_web_page_footer_is_still_boilerplate() -> None:
    text = "A story about the harbour.\n\nIt rained all day.\n\nCopyright 2020 The Daily Paper"
    assert [f.code for f in lint_text(text)] == ["damage.boilerplate"]


@pytest.mark.parametrize(
    "text",
    [
        "see pathconf.3 for the limits",
        "Files: man2/acct.2 man2/alarm.2 man3/puts.3 Copyright: 2004 Someone",
        "Files: po/am.po po/bn.po po/ca.po",
        "(3) David M. Gay at AT&T",
        "expr1 < expr2 is true when expr1 is less than expr2.",
        "new net.Socket() and net.Socket again",
    ],
)
def test_names_and_paths_are_not_damage(text: str) -> None:
    assert [f.code for f in lint_text(text) if f.severity != "note"] == []


def test_lower_case_starts_in_a_manual_are_style_notes() -> None:
    text = (
        "The list is run. list must end with a newline. The name is set. name is a word. "
        "The command runs. command may be simple. The value is read. value is a string."
    )
    found = [f for f in lint_text(text) if f.code == "damage.lowercase_sentence"]
    assert len(found) == 4 and {f.severity for f in found} == {"note"}


def test_a_number_alone_is_a_page_number_only_with_pages() -> None:
    text = "The text goes on.\n\n12\n\nAnd on."
    assert [f.code for f in lint_text(text, layout=Layout("pdf", paged=True))] == ["damage.stray_number"]
    assert lint_text(text, layout=Layout("html", paged=False)) == []


def test_a_namespace_of_code_before_a_class_is_a_name() -> None:
    api = "Call dns.lookup() first. Class: dns.Resolver"
    prose = "Call dns.lookup() first. It grew over its lifetime.The economy grew."
    assert [f.code for f in lint_text(api) if f.code == "damage.glued_token"] == []
    assert [f.code for f in lint_text(prose) if f.code == "damage.glued_token"] == ["damage.glued_token"]


def test_an_object_of_code_may_start_a_sentence_in_lower_case() -> None:
    code = "Use stdout.write() to print.\n\n"
    api = code + "The console takes two streams. stdout is a writable stream for the output."
    prose = code + "The console takes two streams. information is a writable stream for the output."
    assert [f for f in lint_text(api) if f.code == "damage.lowercase_sentence"] == []
    found = [f for f in lint_text(prose) if f.code == "damage.lowercase_sentence"]
    assert [dict(f.evidence)["word"] for f in found] == ["information"]
