"""Real processes: a killed build must not block the next one; a dying worker
costs one file, not the run (issue 8, items 2 and 3)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from verify.manifest import read_manifest
from verify.workers import WorkerDied, run_isolated

from helpers import DATA

BOMB = DATA / "reliab" / "flate-bomb.pdf"


def _verify(*args: str) -> list[str]:
    return [sys.executable, "-m", "verify", *args]


def _corpus(root: Path, files: int) -> None:
    root.mkdir()
    for i in range(files):
        (root / f"f{i:04d}.txt").write_text(f"Document {i}: the member states agreed on item {i}. " * 40
                                            + "\n")


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children()
    except psutil.NoSuchProcess:
        return []


def _holders(path: Path) -> list[int]:
    """Processes with ``path`` open."""
    found = []
    for proc in psutil.process_iter():
        try:
            if any(f.path == str(path) for f in proc.open_files()):
                found.append(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_does_not_block_the_next_one(tmp_path: Path, how: signal.Signals) -> None:
    root, manifest = tmp_path / "corpus", tmp_path / "m.json"
    _corpus(root, 2000)
    lock = tmp_path / ".m.json.lock"
    proc = subprocess.Popen(_verify("build", str(root), "-m", str(manifest), "-q", "-j", "2",
                                    "--no-compare"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the build holds its lock and its workers have started
    time.sleep(0.2)  # they are busy
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(how)
    proc.wait(30)
    deadline = time.monotonic() + 10
    while _holders(lock) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _holders(lock), "worker processes outlived the killed build, holding its lock"
    again = subprocess.run(_verify("build", str(root), "-m", str(manifest), "-q", "-j", "2",
                                   "--no-lint", "--no-compare"),
                           capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    assert len(read_manifest(manifest).entries) == 2000


def test_a_waiting_build_names_the_holder_and_gives_up(tmp_path: Path) -> None:
    root, manifest = tmp_path / "corpus", tmp_path / "m.json"
    _corpus(root, 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom verify.lock import manifest_lock\n"
         f"with manifest_lock({str(manifest)!r}):\n    print('held', flush=True)\n    time.sleep(60)"],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        started = time.monotonic()
        waiting = subprocess.run(_verify("build", str(root), "-m", str(manifest), "-q",
                                         "--lock-timeout", "1"), capture_output=True, timeout=60)
        assert waiting.returncode == 2
        assert time.monotonic() - started < 30
        assert f"pid {holder.pid}" in waiting.stderr.decode()
        assert not manifest.exists()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_pdf_that_kills_its_worker_is_a_recorded_error(tmp_path: Path, jobs: str) -> None:
    root, manifest = tmp_path / "corpus", tmp_path / "m.json"
    _corpus(root, 12)
    (root / "bomb.pdf").write_bytes(BOMB.read_bytes())
    run = subprocess.run(_verify("build", str(root), "-m", str(manifest), "-q", "-j", jobs,
                                 "--memory-limit", "512", "--no-compare"),
                         capture_output=True, timeout=300)
    assert run.returncode == 1, run.stderr.decode()  # some failed; the manifest is written
    assert b"Traceback" not in run.stderr
    entries = read_manifest(manifest).by_path()
    bomb = entries["bomb.pdf"]
    assert bomb.error_code == "ingest.crashed"
    assert bomb.error is not None and ("SIGABRT" in bomb.error or "SIGKILL" in bomb.error)
    # Read by the parent, not the crashed worker: the format, and the bytes' digest,
    # so that a later plain check verifies the file instead of reporting it for ever.
    assert bomb.format == "pdf" and bomb.size == BOMB.stat().st_size
    assert bomb.raw_sha256 == "sha256:" + hashlib.sha256(BOMB.read_bytes()).hexdigest()
    assert all(e.error is None for name, e in entries.items() if name != "bomb.pdf")
    assert len(entries) == 13
    check = subprocess.run(_verify("check", "-m", str(manifest), "-q"), capture_output=True, timeout=120)
    assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()


def test_ingest_of_the_bomb_alone_exits_2_not_sigabrt(tmp_path: Path) -> None:
    run = subprocess.run(_verify("ingest", str(BOMB), "-j", "1", "--memory-limit", "512",
                                 "--format", "json"),
                         capture_output=True, timeout=300)
    assert run.returncode == 2
    assert b"ingest.crashed" in run.stderr
    # As in a build, the parent reads what it can without the code that crashed.
    record = json.loads(run.stdout)
    assert record["error_code"] == "ingest.crashed" and record["format"] == "pdf"
    assert record["size"] == BOMB.stat().st_size
    assert record["raw_sha256"] == "sha256:" + hashlib.sha256(BOMB.read_bytes()).hexdigest()


def _die_on_three(x: int) -> int:
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * 10


def test_a_killed_worker_costs_one_item_and_the_survivors_are_retried() -> None:
    items = list(range(40))
    for jobs in (1, 3):
        out = run_isolated(_die_on_three, items, jobs=jobs, on_crash=lambda x, why: -x)
        assert out == [-3 if x == 3 else x * 10 for x in items]


def test_without_a_crash_handler_a_dead_worker_is_an_error() -> None:
    with pytest.raises(WorkerDied):
        run_isolated(_die_on_three, list(range(8)), jobs=2)


def _sleep_on_two(x: int) -> int:
    if x == 2:
        time.sleep(60)
    return x


def test_a_worker_stuck_past_the_hard_limit_is_killed() -> None:
    started = time.monotonic()
    out = run_isolated(_sleep_on_two, [1, 2, 3], jobs=1, item_timeout=1.0,
                       on_crash=lambda x, why: -1 if "hard limit" in why else -2)
    assert out == [1, -1, 3]
    assert time.monotonic() - started < 30


def _raise(x: int) -> int:
    raise ValueError(f"bad {x}")


def test_an_exception_in_a_worker_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="bad"):
        run_isolated(_raise, [1, 2], jobs=2, on_crash=lambda x, why: 0)
