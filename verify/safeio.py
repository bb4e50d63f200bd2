"""Opening files that could be hostile: never block, never follow a link out.

Two jobs, one module:

* :func:`read_regular` reads a manifest, a log, a key or a signature: anything
  that is not a regular file (a FIFO would block forever, ``/dev/zero`` never
  ends, a folder raises) is refused *before* a byte is read, and the read is
  bounded by a size limit. The file is opened with ``O_NONBLOCK`` (opening a
  FIFO does not wait for a writer), then ``fstat`` decides.
* :func:`open_beneath` opens a corpus file by its name relative to the root
  without following any symlink, one path component at a time from the root's
  directory descriptor, and checks that what was opened is what the walk saw
  (``st_dev``, ``st_ino``). A file swapped for a link to an outside file
  between the walk and the read is an error, never hashed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable

from verify.errors import UnreadableFile, UnsafePath, VerifyError

#: Which file the walk saw: its inode (st_ino), or (st_dev, st_ino).
Identity = int | tuple[int, int]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def open_regular(path: str | os.PathLike[str], what: str, *, limit: int,
                 error: Callable[[str], VerifyError]) -> int:
    """A read-only descriptor of ``path``, refused unless it is a regular file
    of at most ``limit`` bytes. The caller closes it."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror or exc}") from exc
    try:
        check_regular(fd, what, limit=limit, error=error)
        _blocking(fd)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(fd: int, what: str, *, limit: int | None,
                  error: Callable[[str], VerifyError]) -> os.stat_result:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise error(f"the {what} is not a regular file ({kind(info.st_mode)}): refused")
    if limit is not None and info.st_size > limit:
        raise error(f"the {what} is {info.st_size} bytes, over the size limit ({limit} bytes)")
    return info


def read_regular(path: str | os.PathLike[str], what: str, *, limit: int,
                 error: Callable[[str], VerifyError]) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (read bounded:
    a file that grows while read is refused too)."""
    fd = open_regular(path, what, limit=limit, error=error)
    try:
        chunks = []
        total = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total) or 1):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise error(f"the {what} grew over the size limit ({limit} bytes) while read")
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symlink")):
        if test(mode):
            return name
    return "not a regular file"


def refuse_special_target(path: str | os.PathLike[str], what: str,
                          error: Callable[[str], VerifyError]) -> None:
    """Refuse to *replace* ``path`` unless it is absent or a regular file (not a
    symlink, FIFO, device or folder): ``build -m /dev/full`` must not turn a
    device into a file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise error(f"cannot inspect the {what}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise error(f"the {what} is {kind(info.st_mode)}, not a regular file: refused "
                    "(it would be replaced)")


def refuse_overwriting_input(output: str | os.PathLike[str], inputs: list[str | os.PathLike[str]],
                             error: Callable[[str], VerifyError]) -> None:
    """Refuse to write a report or export over one of the files it is made
    from (``compare A B -o A``): the input would be lost."""
    for source in inputs:
        try:
            same = os.path.samefile(output, source)
        except OSError:  # either is absent or unreadable: nothing to lose here
            continue
        if same:
            raise error(f"the output {os.fspath(output)!r} is the input {os.fspath(source)!r}: "
                        "refused (it would be overwritten)")


def _blocking(fd: int) -> None:
    if _NONBLOCK:
        os.set_blocking(fd, True)


# --------------------------------------------------------------------------- corpus files

def open_beneath(root: str | os.PathLike[str], name: str, identity: Identity | None = None) -> int:
    """A read-only descriptor of the corpus file ``name`` (relative, POSIX) under
    ``root``, opened without following a symlink at any component.

    A name that the walk saw as a symlink resolving inside the root is opened
    at its resolved place, again without following links. When ``identity``
    is given, the opened file must be that file. Raises UnsafePath (a link on
    the way, or another file) or UnreadableFile (missing, unreadable, special).
    """
    real_root = os.path.realpath(root)
    parts = name.split("/")
    try:
        return _open_checked(real_root, parts, identity)
    except _IsLink:
        pass
    # The walk accepted a symlink resolving inside the root: open its target
    # (as resolved now) beneath the root, and let the identity decide.
    target = os.path.realpath(os.path.join(real_root, *parts))
    rel = os.path.relpath(target, real_root)
    if rel == os.curdir or rel.split(os.sep)[0] == os.pardir or os.path.isabs(rel):
        raise UnsafePath("a symlink that resolves outside the root: refused, never read")
    try:
        return _open_checked(real_root, rel.split(os.sep), identity)
    except _IsLink:
        raise UnsafePath("a path component changed into a symlink while read: refused") from None


class _IsLink(Exception):
    pass


def _open_checked(real_root: str, parts: list[str], identity: Identity | None) -> int:
    fd = _open_parts(real_root, parts)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file ({kind(info.st_mode)})")
        seen = info.st_ino if isinstance(identity, int) else (info.st_dev, info.st_ino)
        if identity is not None and seen != identity:
            raise UnsafePath("the file was replaced between the walk and the read "
                             "(another file, or a link to one): refused")
        _blocking(fd)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_parts(real_root: str, parts: list[str]) -> int:
    if any(p in ("", ".", "..") for p in parts):
        raise UnsafePath("a path with an empty, '.' or '..' component: refused")
    try:
        dir_fd = os.open(real_root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except OSError as exc:
        raise UnreadableFile(f"cannot open the root: {exc.strerror or exc}") from exc
    try:
        for part in parts[:-1]:
            nxt = _open_component(part, dir_fd, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
            os.close(dir_fd)
            dir_fd = nxt
        return _open_component(parts[-1], dir_fd, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    finally:
        os.close(dir_fd)


def _open_component(part: str, dir_fd: int, flags: int) -> int:
    try:
        return os.open(part, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(part, dir_fd):
            raise _IsLink from None
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc


def _is_link(part: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(part, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False
