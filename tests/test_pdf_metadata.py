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
