"""A manifest built with --hash-only records no canonical text: build says it
hashed (not "ingested") and a deep check says which files it could verify by
their bytes only, never calling them drifted (audit4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from verify.cli import main

from helpers import SOURCES


def test_a_deep_check_of_a_hash_only_manifest_names_what_it_could_not_verify(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    root.mkdir()
    for path in sorted(SOURCES.glob("*.txt")):
        shutil.copy(path, root / path.name)
    manifest = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(manifest), "--hash-only"]) == 0
    out = capsys.readouterr().out
    assert "5 files hashed (--hash-only: no text extracted)" in out and "ingested" not in out

    assert main(["check", "-m", str(manifest), "--root", str(root), "--deep", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["drifted"] == 0 and report["passed"]
    assert report["textless"] == sorted(p.name for p in root.iterdir())

    first = sorted(root.iterdir())[0]
    first.write_text(first.read_text("utf-8") + "One more sentence.\\n", "utf-8")
    assert main(["check", "-m", str(manifest), "--root", str(root), "--deep"]) == 1  # bytes still checked
    out = capsys.readouterr().out
    assert f"modified  {first.name}" in out and "4 matched files have no canonical text on record" in out
