"""The build lock: two builds of one manifest never interleave, and a lock dies
with its owner.

The lock is a POSIX record lock (``fcntl.lockf``) on ``.MANIFEST.lock``
beside the manifest. Unlike ``flock``, a record lock belongs to the process
that took it: the worker processes a build forks do not hold it, so when the
build is killed (SIGKILL, SIGTERM, a crash) the kernel releases it at once,
whatever its workers do. The descriptor is close-on-exec. The holder writes
its pid, host and command into the file, so a build that has to wait says
who it waits for, and gives up after a timeout (a :class:`LockTimeout`,
exit 2) instead of waiting forever.
"""

from __future__ import annotations

import errno
import fcntl
import glob
import os
import sys
import _thread
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from verify.errors import ManifestError

#: Seconds a build waits for another build of the same manifest.
DEFAULT_LOCK_TIMEOUT = 600.0
_POLL = 0.1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class LockTimeout(ManifestError):
    """Another process held the manifest's lock for longer than we would wait."""

    code = "manifest.locked"


def lock_path(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.parent / f".{path.name}.lock"


@contextmanager
def manifest_lock(path: str | os.PathLike[str], on_wait: Callable[[str], None] | None = None,
                  timeout: float | None = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the manifest's lock. ``on_wait(holder)`` is called once when another
    process holds it (``holder`` describes that process); after ``timeout``
    seconds (None: no limit) a :class:`LockTimeout` is raised. Stale
    ``.MANIFEST.*.tmp`` files of a killed build are removed once the lock is
    held (no one else is writing)."""
    path = Path(path)
    fd = _open(path)
    try:
        _acquire(fd, path, on_wait, timeout)
    except BaseException:
        os.close(fd)
        raise
    try:
        _describe_self(fd)
        from verify.manifest import records_name

        for pattern in (f".{glob.escape(path.name)}.*.tmp",
                        f".{glob.escape(records_name(path))}.*.tmp"):
            for stale in path.parent.glob(pattern):
                with suppress(OSError):
                    stale.unlink()
        try:
            yield
        finally:
            with suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        _release(fd)  # closing releases the lock


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | _NOFOLLOW, 0o666)
    except OSError as exc:
        raise ManifestError(f"cannot lock the manifest: {exc.strerror or exc}", path=str(path)) from exc
    if not _regular(fd):
        os.close(fd)
        raise ManifestError("cannot lock the manifest: its lock file is not a regular file",
                            path=str(path))
    return fd


def _regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)


#: Identities of the lock files this process holds: a record lock does not
#: exclude its own process, so two threads (or a nested call) are kept apart here.
_HELD: set[tuple[int, int]] = set()
_HELD_GUARD = _thread.allocate_lock()  # _thread, not threading: a plain check imports this module


def _acquire(fd: int, path: Path, on_wait: Callable[[str], None] | None,
             timeout: float | None) -> None:
    if _try_lock(fd):
        return
    if on_wait is not None:
        on_wait(holder(fd))
    deadline = None if timeout is None else time.monotonic() + timeout
    while not _try_lock(fd):
        if deadline is not None and time.monotonic() >= deadline:
            raise LockTimeout(f"gave up after {timeout:g} s waiting for the lock held by "
                              f"{holder(fd)} (remove nothing: the lock is released when that "
                              "process ends)", path=str(path))
        time.sleep(_POLL)


def _try_lock(fd: int) -> bool:
    info = os.fstat(fd)
    identity = (info.st_dev, info.st_ino)
    with _HELD_GUARD:
        if identity in _HELD:
            return False
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise ManifestError(f"cannot lock the manifest: {exc.strerror or exc}") from exc
        _HELD.add(identity)
    return True


def _release(fd: int) -> None:
    info = os.fstat(fd)
    with _HELD_GUARD:
        _HELD.discard((info.st_dev, info.st_ino))
        os.close(fd)


def holder(fd: int) -> str:
    """Who holds the lock, as the holder described itself."""
    with suppress(OSError):
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        if text:
            return text
    return "another process"


def _describe_self(fd: int) -> None:
    command = " ".join(sys.argv)[:300]
    # os.uname, not socket.gethostname: the same name, without importing socket
    text = f"pid {os.getpid()} on {os.uname().nodename} ({command})\n"
    with suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8", "replace"), 0)
