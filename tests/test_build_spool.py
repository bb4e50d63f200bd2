"""A build that streams its entries to a spool file beside the manifest
(verify.build.build_manifest(spool=True), what `verify build` does) writes the
bytes of the build that holds them, and leaves no spool behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import verify.build
from verify.build import build_manifest, write_build
from verify.pipeline import Options

from helpers import SOURCES


def _corpus(root: Path) -> None:
    shutil.copytree(SOURCES, root)
    (root / "zz").mkdir()
    for i in range(30):
        (root / "zz" / f"n{i:02d}.txt").write_text(f"Note {i}.\n" * (i + 1))
    (root / "zz" / "image.bin").write_bytes(bytes(range(256)) * 8)


def _spooled(tmp_path: Path) -> list[Path]:
    return sorted(tmp_path.rglob("*.entries.tmp"))


@pytest.mark.parametrize("part", [7, 8192])
def test_a_spooled_build_writes_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               part: int) -> None:
    monkeypatch.setattr(verify.build, "BUILD_PART", part)
    root = tmp_path / "c"
    _corpus(root)
    held, streamed = tmp_path / "a" / "m.json", tmp_path / "b" / "m.json"
    options = Options(lint=False)
    whole = build_manifest(root, manifest_path=held, jobs=1, options=options)
    write_build(whole, held)
    spooled = build_manifest(root, manifest_path=streamed, jobs=1, options=options, spool=True)
    assert spooled.spool is not None and spooled.spool.parent == streamed.parent
    assert spooled.manifest.entries == () and spooled.files == len(whole.manifest.entries) > 30
    assert spooled.failed == whole.failed
    write_build(spooled, streamed)
    assert streamed.read_bytes() == held.read_bytes()
    store = "m.records.jsonl"
    assert (streamed.parent / store).read_bytes() == (held.parent / store).read_bytes()
    assert _spooled(tmp_path) == []
    # and a rebuild that reuses the records (all but members of works), spooled, gives them again
    again = build_manifest(root, manifest_path=streamed, jobs=1, options=options, spool=True)
    assert again.reused >= 31
    write_build(again, streamed)
    assert streamed.read_bytes() == held.read_bytes() and _spooled(tmp_path) == []


def test_a_build_that_fails_leaves_no_spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "c"
    _corpus(root)
    calls = 0
    real = verify.build._build_part

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(verify.build, "BUILD_PART", 5)
    monkeypatch.setattr(verify.build, "_build_part", failing)
    with pytest.raises(KeyboardInterrupt):
        build_manifest(root, manifest_path=tmp_path / "m.json", jobs=1, options=Options(lint=False),
                       spool=True)
    assert calls == 2 and _spooled(tmp_path) == [] and not (tmp_path / "m.json").exists()
