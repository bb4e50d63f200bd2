"""``verify compare`` in-process: formats, output file, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from verify.cli import main

SOURCES = Path(__file__).resolve().parents[2] / "sources"
A = str(SOURCES / "001_150b57b1f7e7ebd3.txt")
B = str(SOURCES / "002_e1609b8a501e843d.txt")


def test_json_report_of_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", A, B, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    kinds = [d["kind"] for d in report["differences"]]
    assert kinds == ["omission", "addition", "wording", "name", "addition"]
    for d in report["differences"]:
        assert set(d) == {"kind", "a", "b", "detail", "pair"}
        assert set(d["a"]) == set(d["b"]) == {"text", "span"}
    pair = report["pairs"][5]
    assert set(pair) == {"a", "b", "score"} and isinstance(pair["score"], int)
    assert pair["a"]["span"]["end"] > pair["a"]["span"]["start"]
    assert report["summary"]["differences"]["name"] == 1


def test_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", A, B]) == 1
    out = capsys.readouterr().out
    assert "Antiterrorist != Counter-Terrorism" in out
    assert "'security' of 'international information security' missing in B" in out


def test_same_text_in_two_formats_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(Path(A).read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8")
    assert main(["compare", A, str(copy)]) == 0
    assert "no substantive difference" in capsys.readouterr().out


def test_html_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["compare", A, B, "--format", "html", "-o", str(out)]) == 1
    said = capsys.readouterr().out
    assert str(out) in said and "difference" in said  # -o says where the report went
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert (
        '<mark class="k-name">Executive Committee of the SCO Regional Antiterrorist Structure</mark>' in page
    )
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", A, str(tmp_path / "absent.txt")]) == 2
    assert "absent.txt" in capsys.readouterr().err


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    assert main(["compare", A, B, "-o", str(tmp_path / "no" / "such" / "dir.txt")]) == 2


def test_output_over_an_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An audit wrote `compare A B -o A`: A was replaced by the report."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(A, a)
    shutil.copy(B, b)
    before = a.read_bytes()
    for output in (a, b):
        assert main(["compare", str(a), str(b), "--format", "json", "-o", str(output)]) == 2
        assert "refused" in capsys.readouterr().err
    assert a.read_bytes() == before


def test_bad_format_is_a_usage_error() -> None:
    assert main(["compare", A, B, "--format", "sarif"]) == 2


def test_pdf_and_text_renderings_of_one_translation_are_identical(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", A, A.replace(".txt", ".pdf")]) == 0
    assert "no substantive difference" in capsys.readouterr().out


def test_the_pdfs_differ_as_the_texts_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", A.replace(".txt", ".pdf"), B.replace(".txt", ".pdf"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in report["differences"]] == [
        "omission",
        "addition",
        "wording",
        "name",
        "addition",
    ]
