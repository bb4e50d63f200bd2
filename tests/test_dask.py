"""Scaling out changes the executor, not the pipeline: a real Dask cluster
(a scheduler and two worker processes on loopback, started here) builds the
same manifest, byte for byte, as the local process pool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.build import build_manifest
from verify.cli import main
from verify.manifest import dumps
from verify.parallel import dask_executor, map_ordered

from helpers import DATA, SOURCES


@pytest.fixture(scope="module")
def scheduler_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    common = ["--no-dashboard"]
    # One death is enough for the scheduler to give up on a task (default: 3), so
    # the crash test is quick; verify records the task's file as crashed either way.
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--scheduler-file", str(address_file), *common],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers = None
    try:
        _wait_for(address_file)
        workers = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(address_file),
             "--nworkers", "2", "--nthreads", "1", "--host", "127.0.0.1", *common],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        from distributed import Client

        with Client(scheduler_file=str(address_file), timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield str(address_file)
    finally:
        for process in (workers, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def _wait_for(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.stat().st_size):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the Dask scheduler wrote no {path.name}")
        time.sleep(0.2)


def test_a_dask_cluster_builds_the_same_manifest(scheduler_file: str, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    shutil.copy(DATA / "pdf" / "r2-user-password.pdf", root / "locked.pdf")  # a failure travels back too
    with dask_executor(scheduler_file) as executor:
        on_dask = build_manifest(root, executor=executor)
    local = build_manifest(root, jobs=1)
    assert dumps(on_dask.manifest) == dumps(local.manifest)
    assert dict(on_dask.details) == dict(local.details)  # the record store too
    assert [e.error_code for e in on_dask.failed] == ["ingest.encrypted"]


def test_build_and_check_through_the_cli_on_dask(scheduler_file: str, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    assert main(["build", str(SOURCES), "-m", str(target), "-q", "--dask-scheduler", scheduler_file]) == 0
    # The manifest sits in a temporary folder far from sources/: its recorded root is
    # one check follows only when given (verify/policy.py).
    root = ["--root", str(SOURCES)]
    assert main(["check", "-m", str(target), "-q", "--deep", *root, "--dask-scheduler", scheduler_file]) == 0
    assert main(["check", "-m", str(target), "-q", *root, "--dask-scheduler", scheduler_file]) == 0


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    from verify.errors import VerifyError

    with pytest.raises(VerifyError, match="cannot reach the Dask scheduler"), \
            dask_executor("tcp://127.0.0.1:9", timeout=2):
        pass



def test_a_worker_dying_on_one_file_costs_that_file_not_the_run(scheduler_file: str) -> None:
    """A Dask worker killed by one item (the scheduler's KilledWorker) becomes that
    item's crash record; the other items come back, in order."""
    # ``eval`` is importable on the workers; the middle item ends its worker
    # process the way a segfault in a C extension does.
    items = ["6 * 7", "__import__('os')._exit(70)", "2 + 3"]
    crashed: list[tuple[str, str]] = []

    def on_crash(item: str, why: str) -> object:
        crashed.append((item, why))
        return "crashed"

    with dask_executor(scheduler_file) as executor:
        out = map_ordered(eval, items, executor=executor, on_crash=on_crash)
    assert out == [42, "crashed", 5]
    assert crashed == [(items[1], "its worker process died (KilledWorker)")]
