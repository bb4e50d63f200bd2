"""A PDF's title, author, subject and keywords are digested with the removed
material: an edit of them is "furniture changed", never formatting; a re-save
that keeps them (a new producer, new dates) stays a formatting change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf

from verify.build import build_manifest
from verify.check import check_manifest
from verify.ingest.pdf import ingest_pdf

from helpers import DATA


def _resave(source: Path, target: Path, **info: str) -> None:
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.add_metadata({"/Producer": "a re-save", **{f"/{k}": v for k, v in info.items()}})
    with open(target, "wb") as stream:
        writer.write(stream)


def test_both_backends_put_the_shown_fields_on_record() -> None:
    data = (DATA / "pdf" / "unencrypted.pdf").read_bytes()  # Author: cheng
    assert ingest_pdf(data, "pdfium").removed == ("Author: cheng",)
    assert ingest_pdf(data, "pypdf").removed == ("Author: cheng",)
    assert ingest_pdf((DATA / "pdf" / "simple1.pdf").read_bytes()).removed == ()


def test_an_edited_title_is_furniture_changed_a_resave_is_formatting(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(DATA / "pdf" / "habibi.pdf", root / "titled.pdf")  # Title: habibi
    shutil.copy(DATA / "pdf" / "habibi.pdf", root / "resaved.pdf")
    manifest = build_manifest(root, jobs=1).manifest
    _resave(DATA / "pdf" / "habibi.pdf", root / "titled.pdf", Title="habibi, revised")
    _resave(DATA / "pdf" / "habibi.pdf", root / "resaved.pdf")
    modified = {m.path: m for m in check_manifest(manifest, root, jobs=1).modified}
    assert modified["titled.pdf"].content_changed is False and modified["titled.pdf"].furniture_changed
    assert "Title: habibi, revised" in modified["titled.pdf"].removed_now
    assert modified["resaved.pdf"].content_changed is False
    assert not modified["resaved.pdf"].furniture_changed  # the producer is no shown field


def _filled(name: str) -> bytes:
    """The real pdfLaTeX form with its text field filled as a user would."""
    import io

    writer = pypdf.PdfWriter(clone_from=str(DATA / "pdf" / "pdflatex-forms.pdf"))
    writer.update_page_form_field_values(writer.pages[0], {"Name": name}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_form_fields_value_is_on_record_and_an_edit_of_it_shows(tmp_path: Path) -> None:
    """audit4: two permits, granted to one applicant and refused to another,
    had one digest, and check called the change formatting."""
    alice = ingest_pdf(_filled("Alice Martin"))
    assert "form field Name, page 1: Alice Martin" in alice.removed
    root = tmp_path / "c"
    root.mkdir()
    (root / "form.pdf").write_bytes(_filled("Alice Martin"))
    manifest = build_manifest(root, jobs=1).manifest
    (root / "form.pdf").write_bytes(_filled("Mallory Smith"))
    (modified,) = check_manifest(manifest, root, jobs=1).modified
    assert modified.content_changed is False and modified.furniture_changed
    assert "form field Name, page 1: Mallory Smith" in modified.removed_now


def test_an_annotations_text_is_on_record(tmp_path: Path) -> None:
    from pypdf.annotations import FreeText

    writer = pypdf.PdfWriter(clone_from=str(DATA / "pdf" / "crazyones.pdf"))
    writer.add_annotation(0, FreeText(text="Approved by the board", rect=(50, 550, 200, 650)))
    with open(tmp_path / "noted.pdf", "wb") as stream:
        writer.write(stream)
    noted = ingest_pdf((tmp_path / "noted.pdf").read_bytes())
    assert "annotation, page 1: Approved by the board" in noted.removed
    assert noted.pages == ingest_pdf((DATA / "pdf" / "crazyones.pdf").read_bytes()).pages
