"""`verify lint` in-process: formats, exit codes, configuration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import seed

from verify.cli import main
from verify.pipeline import process_file


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in ("000", "001", "002", "003", "004"):
        shutil.copy(seed(number), folder)
    return folder


def test_text_output_has_snippet_and_caret(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(seed("004"))
    assert main(["lint", path, "--select", "damage"]) == 1
    out = capsys.readouterr().out.splitlines()
    text = process_file(seed("004")).text or ""
    start = text.index("66thsession")
    line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
    assert out[0] == path
    assert out[1] == (
        f"  {line}:{column}: warning: damage.glued_token: '66thsession' looks like '66th session' "
        "with the space lost"
    )
    caret = out[3].index("^")
    assert out[2][caret : caret + 11] == "66thsession" and out[3].strip() == "^" * 11
    assert out[-1].startswith("1 finding(s) in 1 file(s)")


def test_json_output_of_a_folder(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(corpus), "--format", "json", "--select", "acronym.variant"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    assert report["summary"] == {"acronym.variant": 6}
    (page,) = [f for f in report["files"] if f["findings"]]
    assert page["path"].endswith("/003_471a1f005966c636.txt")
    first = page["findings"][0]
    assert first["evidence"]["stands_for"] == "SCO"
    assert first["snippet"][first["column"] - 1 :].startswith("CSR Member States")
    assert first["span"]["end"] - first["span"]["start"] == 3


def test_fail_on_error_passes_a_text_with_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(seed("004")), "--fail-on", "error"]) == 0
    assert "66thsession" in capsys.readouterr().out


def test_nothing_selected_at_or_above_fail_on_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(seed("004")), "--select", "acronym.undefined"]) == 0
    assert main(["lint", str(seed("004")), "--select", "acronym.undefined", "--fail-on", "note"]) == 1


def test_sarif_output_is_a_log(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(corpus), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"acronym.variant", "damage.glued_token"}


def test_missing_path_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "nope.txt")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_unknown_code_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(seed("004")), "--ignore", "damage.nonsense"]) == 2
    assert "unknown finding code" in capsys.readouterr().err


def test_unreadable_file_is_reported_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["lint", str(empty), str(seed("004"))]) == 2
    out = capsys.readouterr().out
    assert f"{empty}: error:" in out and "66thsession" in out


def test_configuration_from_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(seed("004"), tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.verify.lint]\nignore = ["damage.glued_token"]\n', encoding="utf-8"
    )
    (page,) = tmp_path.glob("004_*.txt")
    assert main(["lint", str(page), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "damage.glued_token" not in report["summary"]


def test_a_symlink_out_of_the_folder_is_refused_and_the_rest_linted(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret in in text", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    assert main(["lint", str(corpus), "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    errors = {f["path"].rsplit("/", 1)[-1]: f["error"] for f in report["files"] if f["error"]}
    assert list(errors) == ["link.txt"] and "outside the root" in errors["link.txt"]
    assert report["summary"]["acronym.variant"] == 6


def test_worker_processes_change_nothing(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(corpus), "--format", "json", "-j", "1"]) == 1
    one = capsys.readouterr().out
    assert main(["lint", str(corpus), "--format", "json", "-j", "2"]) == 1
    assert capsys.readouterr().out == one


def test_a_folder_is_walked_as_build_walks_it(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "sources.toml").write_text('exclude = ["003_*"]\n', encoding="utf-8")
    assert main(["lint", str(corpus), "--format", "json", "-j", "1"]) == 1
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert paths and not any("003_" in p for p in paths)
    assert not any(p.endswith("sources.toml") for p in paths)


def test_notes_alone_do_not_fail_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The WHO and the UN met in Geneva.\n", encoding="utf-8")
    assert main(["lint", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in report["files"][0]["findings"]} == {"note"}
    assert main(["lint", str(path), "--fail-on", "note"]) == 1
