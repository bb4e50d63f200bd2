"""Fixity: every scenario of `check`, all reported at once."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from verify.build import build_manifest
from verify.check import check_manifest
from verify.manifest import read_manifest, write_manifest
from verify.pipeline import Options

from helpers import DATA, SOURCES


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample corpus and its freshly built manifest."""
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    shutil.copy(DATA / "pdf" / "pdflatex-4-pages.pdf", root / "latex.pdf")
    target = tmp_path / "manifest.json"
    write_manifest(build_manifest(root, manifest_path=target, jobs=1).manifest, target)
    return root, target


def _check(corpus: tuple[Path, Path], deep: bool = False):
    root, target = corpus
    return check_manifest(read_manifest(target), root, deep=deep, manifest_path=target, jobs=1)


def test_untouched_corpus_matches(corpus: tuple[Path, Path]) -> None:
    report = _check(corpus)
    assert report.passed
    assert len(report.matched) == len(read_manifest(corpus[1]).entries)


def test_every_discrepancy_is_reported_at_once(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    seed0 = root / "000_b115bc2835af3bd6.txt"
    seed0.write_text(seed0.read_text("utf-8").replace("in in this field", "in this field"), "utf-8")
    seed4 = root / "004_8725e6808ebab66c.txt"
    seed4.write_bytes(seed4.read_bytes().replace(b"\n", b"\r\n"))  # formatting only
    (root / "moved").mkdir()
    (root / "latex.pdf").rename(root / "moved" / "latex.pdf")
    (root / "003_471a1f005966c636.html").unlink()
    (root / "extra.txt").write_text("A new capture.\n")

    report = _check(corpus)
    assert not report.passed
    modified = {m.path: m for m in report.modified}
    assert set(modified) == {"000_b115bc2835af3bd6.txt", "004_8725e6808ebab66c.txt"}
    assert modified["000_b115bc2835af3bd6.txt"].content_changed is True
    assert modified["000_b115bc2835af3bd6.txt"].paragraphs == {"changed": [6], "added": [], "removed": []}
    assert modified["004_8725e6808ebab66c.txt"].content_changed is False
    assert [(m.old_path, m.new_path) for m in report.moved] == [("latex.pdf", "moved/latex.pdf")]
    assert report.missing == ("003_471a1f005966c636.html",)
    assert report.new == ("extra.txt",)
    assert "001_150b57b1f7e7ebd3.txt" in report.matched


def test_a_truncated_file_is_modified_and_its_error_told(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    pdf = root / "latex.pdf"
    pdf.write_bytes(pdf.read_bytes()[:2000])
    (m,) = _check(corpus).modified
    assert m.path == "latex.pdf"
    assert m.content_changed is None  # a truncated PDF cannot be read, so no verdict on content
    assert m.note is not None and m.note.startswith("cannot extract now: PDFium cannot open it")
    assert m.old_text is not None and m.new_text is None


def test_deep_check_reports_extractor_drift(corpus: tuple[Path, Path]) -> None:
    _, target = corpus
    doc = json.loads(target.read_text("utf-8"))
    for entry in doc["entries"]:
        if entry["path"] == "latex.pdf":  # as if an older extractor had produced other text
            entry["text_sha256"] = "sha256:" + "0" * 64
            entry["extractor"] = "pypdfium2 4.0.0"
    target.write_text(json.dumps(doc), "utf-8")
    assert _check(corpus).passed  # a plain check reads bytes only
    (drift,) = _check(corpus, deep=True).drifted
    assert drift.path == "latex.pdf" and drift.old_extractor == "pypdfium2 4.0.0"
    assert drift.new_extractor is not None and drift.new_extractor.startswith("verify-pdf/1 pypdfium2 5")


def test_deep_check_of_an_untouched_corpus_passes(corpus: tuple[Path, Path]) -> None:
    assert _check(corpus, deep=True).passed


def test_backend_drift_between_pypdf_and_pdfium_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(DATA / "pdf" / "zen_of_python_corrupted.pdf", root / "zen.pdf")
    manifest = build_manifest(root, options=Options(pdf_backend="pypdf"), jobs=1).manifest
    report = check_manifest(manifest, root, deep=True, jobs=1)
    (drift,) = report.drifted
    assert drift.old_extractor.startswith("verify-pdf/1 pypdf ")
    assert drift.new_extractor.startswith("verify-pdf/1 pypdfium2")


def test_a_symlink_out_of_the_root_is_refused_not_read(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = corpus
    secret = tmp_path / "secret.txt"
    secret.write_text("outside\n")
    target = root / "001_150b57b1f7e7ebd3.txt"
    target.unlink()
    os.symlink(secret, target)
    report = _check(corpus)
    assert [p.path for p in report.refused] == ["001_150b57b1f7e7ebd3.txt"]
    assert "outside the root" in report.refused[0].message
