"""`check` names the missing file that a new one likely renames when the bytes
differ (a re-save, an edit): the pair is named, both stay missing and new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import verify.check
from verify.build import build_manifest, write_build
from verify.check import CheckReport, Renamed, check_manifest
from verify.cli import main
from verify.manifest import open_manifest_light

from helpers import SOURCES

TXT = "000_b115bc2835af3bd6.txt"
OTHER = "002_e1609b8a501e843d.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and its manifest (with its record store), built once."""
    base = tmp_path_factory.mktemp("built")
    shutil.copytree(SOURCES, base / "corpus")
    target = base / "manifest.json"
    write_build(build_manifest(base / "corpus", manifest_path=target, jobs=1), target)
    return base


@pytest.fixture
def corpus(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(built, tmp_path / "c")
    return tmp_path / "c" / "corpus", tmp_path / "c" / "manifest.json"


def _check(corpus: tuple[Path, Path], jobs: int = 1, deep: bool = False) -> CheckReport:
    root, target = corpus
    with open_manifest_light(target) as (header, entries):
        return check_manifest(header, root, manifest_path=target, jobs=jobs, deep=deep, entries=entries)


def test_a_renamed_resaved_file_is_named_with_its_text_unchanged(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    data = (root / TXT).read_bytes()
    (root / TXT).unlink()
    (root / "renamed.txt").write_bytes(data.replace(b"\n", b"\r\n"))  # other bytes, same words
    report = _check(corpus)
    assert not report.passed  # a rename is still drift: missing and new
    assert report.missing == (TXT,) and report.new == ("renamed.txt",)
    assert report.renamed == (Renamed(TXT, "renamed.txt", True, report.renamed[0].paragraphs,
                                      report.renamed[0].paragraphs),)
    assert report.renamed[0].paragraphs > 5


def test_a_renamed_edited_file_says_how_much_is_unchanged(corpus: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root, target = corpus
    text = (root / TXT).read_text("utf-8")
    assert "in in this field" in text  # one word, in one paragraph
    (root / TXT).unlink()
    (root / "moved").mkdir()
    (root / "moved" / "edited.txt").write_text(text.replace("in in this field", "in this field"), "utf-8")
    (renamed,) = _check(corpus).renamed
    assert (renamed.old_path, renamed.new_path, renamed.same_text) == (TXT, "moved/edited.txt", False)
    assert renamed.shared == renamed.paragraphs - 1

    assert main(["check", "-m", str(target), "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"missing   {TXT} (likely renamed: see moved/edited.txt)" in out
    assert f"(likely the missing {TXT} renamed and edited: {renamed.shared} of its" in out
    assert main(["check", "-m", str(target), "--root", str(root), "--format", "json"]) == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["renamed"] == [{"old_path": TXT, "new_path": "moved/edited.txt", "same_text": False,
                                 "shared": renamed.shared, "paragraphs": renamed.paragraphs}]
    assert shown["summary"]["missing"] == 1 and shown["summary"]["new"] == 1


def test_another_document_is_not_taken_for_a_rename(corpus: tuple[Path, Path]) -> None:
    """A missing document and a new one that says something else (another seed,
    edited so that it is no copy) stay unpaired."""
    root, _ = corpus
    (root / TXT).unlink()
    (root / "other.txt").write_text((root / OTHER).read_text("utf-8") + "\nOne more line.\n", "utf-8")
    report = _check(corpus)
    assert report.missing == (TXT,) and report.new == ("other.txt",)
    assert report.renamed == ()


def test_each_file_is_paired_once_best_first(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    text = (root / TXT).read_text("utf-8")
    (root / TXT).unlink()
    (root / "a-edited.txt").write_text(text.replace("in in this field", "in this field"), "utf-8")
    (root / "b-resaved.txt").write_text(text.replace("\n", "\r\n"), "utf-8")
    report = _check(corpus)
    assert [(r.old_path, r.new_path, r.same_text) for r in report.renamed] == [(TXT, "b-resaved.txt", True)]
    assert report.new == ("a-edited.txt", "b-resaved.txt")


def test_the_split_check_names_the_same_renames(corpus: tuple[Path, Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = corpus
    text = (root / TXT).read_text("utf-8")
    (root / TXT).unlink()
    (root / "zz").mkdir()
    (root / "zz" / "edited.txt").write_text(text.replace("in in this field", "in this field"), "utf-8")
    serial = _check(corpus, jobs=1)
    monkeypatch.setattr(verify.check, "SPLIT_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPAN_BYTES", 1)
    split = _check(corpus, jobs=2)
    assert split == serial and len(split.renamed) == 1


def test_too_many_new_files_are_left_unpaired(corpus: tuple[Path, Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairing extracts the new files: beyond RENAME_MAX of them it is not tried."""
    root, _ = corpus
    data = (root / TXT).read_bytes()
    (root / TXT).unlink()
    (root / "renamed.txt").write_bytes(data + b"\n")
    monkeypatch.setattr(verify.check, "RENAME_MAX", 0)
    report = _check(corpus)
    assert report.missing == (TXT,) and report.new == ("renamed.txt",) and report.renamed == ()
    assert report.renames_unpaired == 1  # said, not silent (audit4)
