"""A file swapped for a link between the walk and the read is never hashed
(item 8); names cannot forge report lines or drive the terminal (item 9)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import verify.build
import verify.check
import verify.pipeline
from verify.build import build_manifest
from verify.check import CheckReport, Moved, Problem, check_manifest
from verify.cli import main
from verify.corpus import CorpusFile, iter_walk, walk
from verify.escape import shown
from verify.manifest import read_manifest
from verify.report.check import check_text
from verify.safeio import open_beneath

SECRET = "the outside secret\n"


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Document a.\n")
    (root / "sub" / "b.txt").write_text("Document b.\n")
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET)
    return root, outside


def _swap_after_walk(monkeypatch: pytest.MonkeyPatch, module: Any, swap: Any) -> None:
    """The race, made certain: the walk runs, then the file is swapped, then it is read."""
    def walked(*args: Any, **kwargs: Any) -> list[CorpusFile]:
        found = walk(*args, **kwargs)
        swap()
        return found

    def streamed(*args: Any, **kwargs: Any) -> Iterator[CorpusFile]:  # the build's walk
        found = list(iter_walk(*args, **kwargs))
        swap()
        return iter(found)

    if hasattr(module, "iter_walk"):
        monkeypatch.setattr(module, "iter_walk", streamed)
    else:
        monkeypatch.setattr(module, "walk", walked)


def _to_link(path: Path, target: Path) -> Any:
    def swap() -> None:
        path.unlink()
        path.symlink_to(target)
    return swap


def _to_other_file(path: Path) -> Any:
    def swap() -> None:
        fresh = path.with_name("fresh.tmp")
        fresh.write_text(SECRET)  # a new inode (the old one is still in use): not the walked file
        os.replace(fresh, path)
    return swap


@pytest.mark.parametrize("name", ["a.txt", "sub/b.txt"])
def test_build_never_hashes_a_file_swapped_for_an_outside_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    root, outside = _corpus(tmp_path)
    _swap_after_walk(monkeypatch, verify.build, _to_link(root / name, outside))
    result = build_manifest(root, jobs=1, compare=False)
    entry = result.manifest.by_path()[name]
    secret_digest = verify.pipeline.process_file(outside).raw_sha256
    assert entry.raw_sha256 != secret_digest and entry.raw_sha256 is None
    assert entry.error_code == "manifest.unsafe_path"


def test_build_refuses_a_file_replaced_between_walk_and_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = _corpus(tmp_path)
    _swap_after_walk(monkeypatch, verify.build, _to_other_file(root / "a.txt"))
    entry = build_manifest(root, jobs=1, compare=False).manifest.by_path()["a.txt"]
    assert entry.raw_sha256 is None and entry.error is not None and "replaced" in entry.error


def test_check_never_hashes_a_file_swapped_for_an_outside_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, outside = _corpus(tmp_path)
    manifest = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(manifest), "-q", "-j", "1"]) == 0
    # The attacker also puts the outside file's digest in the manifest: a pass would be a lie.
    secret_digest = verify.pipeline.process_file(outside).raw_sha256
    assert secret_digest is not None
    lines = manifest.read_bytes().splitlines(keepends=True)
    manifest.write_bytes(b"".join(
        re.sub(rb'"raw_sha256": ?"[^"]*"', b'"raw_sha256":"' + secret_digest.encode() + b'"', line)
        if b'"path":"a.txt"' in line.replace(b" ", b"") else line for line in lines))
    _swap_after_walk(monkeypatch, verify.check, _to_link(root / "a.txt", outside))
    report = check_manifest(read_manifest(manifest), root, manifest_path=manifest, jobs=1)
    assert "a.txt" not in report.matched
    assert [p.path for p in report.errors] == ["a.txt"] and not report.passed


def test_links_inside_the_root_still_open(tmp_path: Path) -> None:
    root, _ = _corpus(tmp_path)
    (root / "link.txt").symlink_to("sub/b.txt")
    (item,) = [f for f in walk(root) if f.name == "link.txt"]
    fd = open_beneath(root, "link.txt", item.identity)
    try:
        assert os.read(fd, 100) == b"Document b.\n"
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- names

FORGED = "x\nOK: every file matches the manifest"


def test_shown_escapes_controls_bidi_surrogates_and_backslashes() -> None:
    assert shown("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert shown("\x1b[2J\x7f\x9b") == "\\x1b[2J\\x7f\\x9b"
    assert shown("abc\u202edcba\u2066") == "abc\\u202edcba\\u2066"
    assert shown("bad\udcff") == "bad\\udcff"
    assert shown("a\\nb") == "a\\\\nb"  # a literal backslash cannot fake an escape
    assert shown("a\\nb", backslash=False) == "a\\nb"
    assert shown("Größe 日本語 עברית 😀 a b") == "Größe 日本語 עברית 😀 a b"
    assert all(c.isprintable() for c in shown("".join(map(chr, range(0x2100)))))


def test_a_check_report_cannot_be_forged_by_a_name() -> None:
    report = CheckReport(missing=(FORGED,), new=("\x1b]0;pwned\x07",),
                         moved=(Moved("old\u202etxt.exe", "new\rOK", "sha256:0"),),
                         errors=(Problem("e\n", "cannot read"),))
    text = check_text(report, manifest="m\n.json", root="r\x1b")
    lines = text.splitlines()
    assert lines[-1] == "DRIFT: see above"
    assert not any(line.startswith("OK") for line in lines)
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    assert "x\\nOK: every file matches the manifest" in text


def test_build_and_lint_text_escape_names_json_keeps_them_exact(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    name = "evil\x1b[31m\u202e.txt"
    (root / name).write_bytes(b"")  # empty: kept hash-only, and build names it on its "hashed" line
    assert main(["build", str(root), "-m", str(tmp_path / "m.json"), "-q", "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "evil\\" in out
    assert main(["lint", str(root), "-j", "1"]) == 2
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "evil\\" in out
    assert main(["lint", str(root), "-j", "1", "--format", "json"]) == 2
    files = json.loads(capsys.readouterr().out)["files"]
    # JSON holds the name as the walk names it (since verify-manifest/2, odd bytes are
    # escaped in manifest names by verify.manifest.encode_name), unescaped by the renderer.
    assert any("evil" in f["path"] and "\u202e" in f["path"] and f["error"] for f in files)
