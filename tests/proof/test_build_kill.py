"""A killed build leaves the previous manifest byte-identical; two builds never interleave."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from verify.cli import main
from verify.manifest import manifest_lock

WORDS = ["alpha", "beta", "gamma", "delta", "treaty", "member", "states", "security", "information"]


def _corpus(root: Path, files: int) -> None:
    root.mkdir()
    for i in range(files):
        words = " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(200))
        (root / f"f{i:04d}.txt").write_text(f"Document {i}. {words}.\n")


def _old_manifest(tmp_path: Path) -> tuple[Path, Path, bytes]:
    root = tmp_path / "corpus"
    _corpus(root, 3)
    manifest = tmp_path / "out" / "m.json"
    assert main(["build", str(root), "-m", str(manifest), "-q", "-j", "1"]) == 0
    return root, manifest, manifest.read_bytes()


def _build(root: Path, manifest: Path, prelude: str = "") -> subprocess.Popen[bytes]:
    code = (f"{prelude}\nimport sys\nfrom verify.cli import main\n"
            f"sys.exit(main(['build', {str(root)!r}, '-m', {str(manifest)!r}, '-q', '-j', '1']))")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _leftovers(manifest: Path) -> list[str]:
    from verify.manifest import records_name

    return sorted(p.name for p in manifest.parent.iterdir()
                  if p.name not in (manifest.name, records_name(manifest)))


def test_a_build_killed_mid_ingest_leaves_the_old_manifest(tmp_path: Path) -> None:
    root, manifest, old = _old_manifest(tmp_path)
    for i in range(3, 500):  # grow the corpus so that the next build takes a while
        (root / f"f{i:04d}.txt").write_text(f"Document {i}. " + " ".join(WORDS * 25) + "\n")
    lock = manifest.parent / f".{manifest.name}.lock"
    lock.unlink()
    proc = _build(root, manifest)
    deadline = time.monotonic() + 30
    while not lock.exists() and time.monotonic() < deadline:  # the build has started
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL, "the build finished before it could be killed"
    assert manifest.read_bytes() == old
    assert all(name.startswith(".") for name in _leftovers(manifest))  # hidden: never sources


def test_a_build_killed_mid_write_leaves_the_old_manifest(tmp_path: Path) -> None:
    root, manifest, old = _old_manifest(tmp_path)
    (root / "new.txt").write_text("A new document.\n")
    # Die the moment the new manifest is fully written and synced, just before the rename.
    prelude = ("import os, signal\n"
               "os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)")
    proc = _build(root, manifest, prelude)
    assert proc.wait(60) == -signal.SIGKILL
    assert manifest.read_bytes() == old
    leftovers = _leftovers(manifest)
    assert any(name.endswith(".tmp") for name in leftovers)
    assert all(name.startswith(".") for name in leftovers)  # hidden: never read as sources
    assert main(["check", "-m", str(manifest), "-q", "-j", "1"]) == 1  # old manifest: new.txt is new
    # The next build, holding the lock, clears what the killed one left.
    assert main(["build", str(root), "-m", str(manifest), "-q", "-j", "1"]) == 0
    assert not [n for n in _leftovers(manifest) if n.endswith(".tmp")]
    assert manifest.read_bytes() != old


def test_two_builds_never_interleave(tmp_path: Path) -> None:
    root, manifest, old = _old_manifest(tmp_path)
    (root / "new.txt").write_text("A new document.\n")
    with manifest_lock(manifest):  # another build holds the manifest
        proc = _build(root, manifest)
        assert proc.stderr is not None
        line = proc.stderr.readline()  # it waits, and says so
        assert b"waiting for another build" in line
        time.sleep(0.2)
        assert proc.poll() is None and manifest.read_bytes() == old
    assert proc.wait(60) == 0
    assert manifest.read_bytes() != old


def test_the_lock_is_a_hidden_file_beside_the_manifest(tmp_path: Path) -> None:
    _, manifest, _ = _old_manifest(tmp_path)
    assert (manifest.parent / ".m.json.lock").exists()
