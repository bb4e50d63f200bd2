"""A pool of worker processes in which one item can die without taking the run.

``concurrent.futures.ProcessPoolExecutor`` turns one dead worker (PDFium
aborting on a decompression bomb, the kernel's OOM killer, a ``kill``) into
``BrokenProcessPool`` for every pending item, and its workers outlive a parent
killed with SIGKILL. Here:

* each worker is told by the kernel to die with its parent
  (``PR_SET_PDEATHSIG`` on Linux) and also watches its parent's pid;
* each worker's address space is limited (``RLIMIT_AS``), so a bomb makes
  malloc fail in the worker rather than exhausting the machine;
* a worker receives a small chunk of items and answers item by item, so when
  it dies the parent knows exactly which item it was on: that item gets
  ``on_crash(item, why)``, the rest of the chunk goes back to the queue (the
  survivors are retried), and a fresh worker takes its place;
* an item running past ``item_timeout`` seconds has its worker killed (a
  hard limit for code stuck in C, beyond the per-file SIGALRM limit).

Results come back in input order; exceptions raised by ``fn`` are re-raised
in the parent, as ``map`` would.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from verify.errors import VerifyError
import contextlib

T = TypeVar("T")
R = TypeVar("R")

#: Items sent to a worker at once (it answers one by one).
CHUNK = 8
_PR_SET_PDEATHSIG = 1


class WorkerDied(VerifyError):
    """A worker process died and the caller gave no way to record it per item."""

    code = "worker.died"


def run_isolated(fn: Callable[[T], R], items: Sequence[T], *, jobs: int,
                 on_crash: Callable[[T, str], R] | None = None, memory_limit: int | None = None,
                 item_timeout: float | None = None,
                 advance: Callable[[int], Any] | None = None) -> list[R]:
    """``[fn(x) for x in items]`` in ``jobs`` worker processes (see the module)."""
    pool = _Pool(fn, items, jobs, on_crash, memory_limit, item_timeout, advance)
    try:
        return pool.run()
    finally:
        pool.stop()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    chunk: deque[int] = field(default_factory=deque)  # indices sent, not yet answered
    started: float = 0.0  # when its current item started


class _Pool(Generic[T, R]):
    def __init__(self, fn: Callable[[T], R], items: Sequence[T], jobs: int,
                 on_crash: Callable[[T, str], R] | None, memory_limit: int | None,
                 item_timeout: float | None, advance: Callable[[int], Any] | None) -> None:
        self.fn, self.items, self.jobs = fn, items, jobs
        self.on_crash, self.memory_limit, self.item_timeout = on_crash, memory_limit, item_timeout
        self.advance = advance
        self.results: list[Any] = [_MISSING] * len(items)
        self.left = len(items)
        self.queue: deque[int] = deque(range(len(items)))
        self.workers: list[_Worker] = []
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.chunk = max(1, min(CHUNK, len(items) // (4 * jobs) or 1))

    def run(self) -> list[R]:
        while self.left:
            self._feed()
            waitables: list[Any] = [w.conn for w in self.workers] + [w.process.sentinel
                                                                      for w in self.workers]
            for ready in wait(waitables, timeout=self._next_deadline()):
                worker = self._owner(ready)
                if worker is not None:
                    self._service(worker)
            self._expire()
        return list(self.results)

    # ------------------------------------------------------------------ feeding

    def _feed(self) -> None:
        for worker in [w for w in self.workers if not w.chunk]:
            if not self.queue:
                self._retire(worker)
        while len(self.workers) < self.jobs and len(self.queue) > sum(
                len(w.chunk) == 0 for w in self.workers) * self.chunk:
            self.workers.append(self._spawn())
        for worker in self.workers:
            if not worker.chunk and self.queue:
                indices = [self.queue.popleft() for _ in range(min(self.chunk, len(self.queue)))]
                worker.chunk.extend(indices)
                worker.started = time.monotonic()
                with contextlib.suppress(OSError, EOFError):  # it died: its sentinel says so
                    worker.conn.send([(i, self.items[i]) for i in indices])

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_serve, daemon=True,
                                       args=(child_end, self.fn, self.memory_limit, os.getpid()))
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.conn.close()
        worker.process.join(5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self.workers.remove(worker)

    # ------------------------------------------------------------------ answers

    def _owner(self, ready: Any) -> _Worker | None:
        for worker in self.workers:
            if ready is worker.conn or ready == worker.process.sentinel:
                return worker
        return None

    def _service(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                index, ok, value = worker.conn.recv()
                self._answer(worker, index, ok, value)
        except (EOFError, OSError):
            pass
        if not worker.process.is_alive() or worker.conn.closed:
            self._died(worker, _why(worker.process.exitcode, self.memory_limit))

    def _answer(self, worker: _Worker, index: int, ok: bool, value: Any) -> None:
        if worker.chunk and worker.chunk[0] == index:
            worker.chunk.popleft()
        if not ok:
            raise value
        self._set(index, value)
        worker.started = time.monotonic()

    def _set(self, index: int, value: Any) -> None:
        if self.results[index] is _MISSING:
            self.left -= 1
            if self.advance is not None:
                self.advance(1)
        self.results[index] = value

    def _died(self, worker: _Worker, why: str) -> None:
        worker.process.join(1)
        worker.conn.close()
        self.workers.remove(worker)
        if not worker.chunk:
            return
        culprit = worker.chunk.popleft()
        self.queue.extendleft(reversed(worker.chunk))  # the survivors of the chunk: retried
        if self.on_crash is None:
            raise WorkerDied(f"a worker process died on item {culprit + 1}: {why}")
        self._set(culprit, self.on_crash(self.items[culprit], why))

    # ------------------------------------------------------------------ time limit

    def _next_deadline(self) -> float | None:
        if self.item_timeout is None:
            return None
        busy = [w.started for w in self.workers if w.chunk]
        if not busy:
            return None
        return max(0.0, min(busy) + self.item_timeout - time.monotonic()) + 0.05

    def _expire(self) -> None:
        if self.item_timeout is None:
            return
        now = time.monotonic()
        for worker in [w for w in self.workers if w.chunk and now - w.started > self.item_timeout]:
            worker.process.kill()
            worker.process.join()
            self._died(worker, f"extraction ran past the hard limit of {self.item_timeout:g} s; "
                               "its worker process was killed")

    def stop(self) -> None:
        """Stop every worker (on success, an error, Ctrl-C or SIGTERM)."""
        for worker in list(self.workers):
            if worker.chunk:
                worker.process.kill()
            self._retire(worker)


class _Missing:
    pass


_MISSING = _Missing()


def _why(exitcode: int | None, memory_limit: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"killed by {name}"
    else:
        how = f"exit status {exitcode}"
    limit = (f"; the worker's memory limit is {memory_limit // (1024 * 1024)} MiB"
             if memory_limit else "")
    return f"the worker process extracting this file died ({how}){limit}"


# --------------------------------------------------------------------------- worker side

def _serve(conn: Connection, fn: Callable[[Any], Any], memory_limit: int | None,
           parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit_memory(memory_limit)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, item in chunk:
            try:
                answer = (index, True, fn(item))
            except Exception as exc:  # re-raised in the parent, as map() would
                answer = (index, False, exc)
            try:
                conn.send(answer)
            except (BrokenPipeError, OSError):
                return
            except Exception as exc:  # an unpicklable result or exception
                conn.send((index, False, VerifyError(f"cannot return a result: {exc}")))


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent dies (Linux); elsewhere, and
    for the race before this call, a watchdog thread checks the parent's pid."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="verify-parent-watchdog").start()


def limit_memory(limit: int | None) -> None:
    """Limit this process's address space to ``limit`` bytes (never raise the hard limit)."""
    if limit is None:
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass
