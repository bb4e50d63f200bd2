"""The committed manifest of the sample corpus still verifies (CI's own fixity check)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from verify.cli import main

from helpers import ROOT


@pytest.mark.parametrize("deep", [False, True])
def test_committed_manifest_of_sources_verifies(deep: bool, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "-m", str(ROOT / "manifests" / "sources.json"), "-q"] + (["--deep"] if deep else [])
    code = main(argv)
    assert code == 0, capsys.readouterr().out


def _differences(old: Any, new: Any, where: str = "") -> list[str]:
    """Every path at which two JSON values differ, with both values (short)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            if key not in new:
                out.append(f"{where}/{key}: only in the committed manifest")
            elif key not in old:
                out.append(f"{where}/{key}: only in the rebuilt manifest")
            else:
                out += _differences(old[key], new[key], f"{where}/{key}")
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        pairs = enumerate(zip(old, new, strict=True))
        return [d for i, (a, b) in pairs for d in _differences(a, b, f"{where}[{i}]")]
    if old != new:
        return [f"{where}: committed {json.dumps(old)[:120]} != rebuilt {json.dumps(new)[:120]}"]
    return []


def test_differences_names_each_changed_field() -> None:
    old = {"entries": [{"path": "a", "extractor": "x (lib 1.0.1)"}], "format": "f"}
    new = {"entries": [{"path": "a", "extractor": "x (lib 1.0.2)"}], "format": "f", "extra": 1}
    assert _differences(old, new) == [
        '/entries[0]/extractor: committed "x (lib 1.0.1)" != rebuilt "x (lib 1.0.2)"',
        "/extra: only in the rebuilt manifest",
    ]


def test_the_committed_manifest_is_what_this_code_builds(tmp_path) -> None:
    from dataclasses import replace

    from verify.manifest import dumps, read_manifest

    target = tmp_path / "sources.json"
    assert main(["build", str(ROOT / "sources"), "-m", str(target), "-q"]) == 0
    from helpers import read_doc

    from verify.manifest import read_records

    rebuilt_manifest = read_manifest(target)
    rebuilt = dumps(replace(rebuilt_manifest, root="../sources"))
    committed = (ROOT / "manifests" / "sources.json").read_bytes()
    store = (ROOT / "manifests" / "sources.records.jsonl").read_bytes()
    assert (tmp_path / "sources.records.jsonl").read_bytes() == store, "the record store differs"
    assert read_records(ROOT / "manifests" / "sources.records.jsonl",
                        expect_sha256=rebuilt_manifest.records_sha256)
    if rebuilt != committed:
        diffs = _differences(read_doc(committed), read_doc(rebuilt))
        pytest.fail(
            "manifests/sources.json is not what this code and these dependencies build "
            "(install with scripts/install-test-deps, which pins requirements/constraints.txt; "
            "if the change is intended, run `verify build sources -m manifests/sources.json`):\n  "
            + "\n  ".join(diffs[:20] or ["same JSON values, different bytes"])
        )
