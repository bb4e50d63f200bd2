"""The committed manifest of the sample corpus still verifies (CI's own fixity check)."""

from __future__ import annotations

import pytest

from verify.cli import main

from helpers import ROOT


@pytest.mark.parametrize("deep", [False, True])
def test_committed_manifest_of_sources_verifies(deep: bool, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "-m", str(ROOT / "manifests" / "sources.json"), "-q"] + (["--deep"] if deep else [])
    code = main(argv)
    assert code == 0, capsys.readouterr().out


def test_the_committed_manifest_is_what_this_code_builds(tmp_path) -> None:
    from dataclasses import replace

    from verify.manifest import dumps, read_manifest

    target = tmp_path / "sources.json"
    assert main(["build", str(ROOT / "sources"), "-m", str(target), "-q"]) == 0
    rebuilt = replace(read_manifest(target), root="../sources")
    assert dumps(rebuilt) == (ROOT / "manifests" / "sources.json").read_bytes(), (
        "manifests/sources.json is stale: run `verify build sources -m manifests/sources.json`")
