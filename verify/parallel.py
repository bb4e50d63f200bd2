"""Where work is spread: in this process, a process pool, or any executor.

The per-file stages are pure functions of picklable arguments returning
picklable records, so scaling out changes the executor, not the pipeline: a
``dask.distributed.Client(...).get_executor()`` (or any
``concurrent.futures.Executor``) can be passed in place of the local pool.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any, TypeVar

from verify.errors import VerifyError

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def map_ordered(fn: Callable[[T], R], items: Sequence[T], *, jobs: int | None = None,
                executor: Executor | None = None, progress: str | None = None,
                on_crash: Callable[[T, str], R] | None = None, memory_limit: int | None = None,
                item_timeout: float | None = None) -> list[R]:
    """``[fn(x) for x in items]``, in order, spread over ``jobs`` processes.

    ``progress`` is a label: when given and stderr is a terminal, a tqdm bar
    shows the work as it is done.

    With ``on_crash``, every item runs in a worker process (with ``jobs=1``
    too: a crash inside a C library cannot be caught in-process), each worker
    limited to ``memory_limit`` bytes of address space; an item whose worker
    dies, or runs past ``item_timeout`` seconds and is killed, gets
    ``on_crash(item, why)`` and the other items go on (:mod:`verify.workers`).
    Without it, a worker's death is a :class:`~verify.workers.WorkerDied` error.
    """
    jobs = default_jobs() if jobs is None else jobs
    if executor is not None and on_crash is not None:
        return list(_progress(_survive(executor, fn, items, on_crash), len(items), progress))
    if executor is not None:
        chunk = max(1, min(64, len(items) // (4 * max(jobs, 1)) or 1))
        return list(_progress(executor.map(fn, items, chunksize=chunk), len(items), progress))
    if not items:
        return []
    if on_crash is None and (jobs <= 1 or len(items) < 2):
        return list(_progress(map(fn, items), len(items), progress))
    from verify.workers import run_isolated

    bar = _bar(len(items), progress)
    try:
        return run_isolated(fn, items, jobs=max(1, min(jobs, len(items))), on_crash=on_crash,
                            memory_limit=memory_limit, item_timeout=item_timeout,
                            advance=bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()


def _survive(executor: Executor, fn: Callable[[T], R], items: Sequence[T],
             on_crash: Callable[[T, str], R]) -> Iterator[R]:
    """``fn`` over ``items`` on any executor, in order, where an item whose
    worker process died becomes ``on_crash(item, why)`` and the other items go on.

    A worker's death also fails the items that were waiting on it (a Dask
    ``KilledWorker`` names every task the scheduler gave up on, innocent ones
    included), so a lost item is tried once more on its own: only an item
    that kills its worker again is recorded as crashed. An exception raised by
    ``fn`` itself is re-raised."""
    futures = [executor.submit(fn, item) for item in items]
    try:
        for item, future in zip(items, futures, strict=True):
            try:
                yield future.result()
            except Exception as exc:
                if not _worker_lost(exc):
                    raise
                yield _alone(executor, fn, item, on_crash)
    finally:
        for future in futures:
            future.cancel()


def _alone(executor: Executor, fn: Callable[[T], R], item: T,
           on_crash: Callable[[T, str], R]) -> R:
    try:
        return executor.submit(fn, item).result()
    except Exception as exc:
        if not _worker_lost(exc):
            raise
        return on_crash(item, f"its worker process died ({type(exc).__name__})")


def _worker_lost(exc: BaseException) -> bool:
    from concurrent.futures import BrokenExecutor

    return isinstance(exc, BrokenExecutor) or type(exc).__name__ == "KilledWorker"


def _progress(results: Iterator[R], total: int, label: str | None) -> Iterator[R]:
    if label is None or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=total, desc=label, unit="file", file=sys.stderr, leave=False))


def _bar(total: int, label: str | None) -> Any:
    if label is None or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="file", file=sys.stderr, leave=False)


@contextmanager
def dask_executor(address: str, timeout: float = 10.0) -> Iterator[Executor]:
    """An executor on a running Dask cluster (``tcp://host:8786``, or a
    scheduler file written by ``dask scheduler --scheduler-file``).

    The workers need ``verify`` installed; ``pip install 'verify[dask]'``.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise VerifyError("Dask is not installed: pip install 'verify[dask]'") from exc
    kwargs = {"scheduler_file": address} if os.path.isfile(address) else {"address": address}
    try:
        client = Client(timeout=timeout, **kwargs)  # type: ignore[no-untyped-call]
    except Exception as exc:  # OSError, TimeoutError; a damaged scheduler file: anything
        raise VerifyError(f"cannot reach the Dask scheduler at {address}: "
                          f"{exc or type(exc).__name__}") from exc
    try:
        # pure=False: a resubmitted item is a new task, not the failed one again
        yield client.get_executor(pure=False)  # type: ignore[no-untyped-call]
    finally:
        client.close()  # type: ignore[no-untyped-call]
