"""Walking a corpus root: which files are sources, under which names.

Names are relative to the root, POSIX, Unicode NFC. Hidden files and
folders, ``sources.toml`` and the manifest itself are not sources. Nothing
outside the root is ever read: symlinked folders are not followed, and a
symlinked file that resolves outside the root is reported, not opened.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from verify.provenance import FILENAME


@dataclass(frozen=True)
class CorpusFile:
    name: str  # the manifest name: relative, POSIX, NFC
    path: str  # where it is on disk
    problem: str | None = None  # why it must not be read, if so
    size: int = 0  # bytes, as the walk saw them
    #: (st_dev, st_ino) of what the walk saw: reading checks it opened this file.
    identity: tuple[int, int] | None = None

    @property
    def escapes(self) -> bool:
        """It resolves outside the root: refused, never read."""
        return self.problem == ESCAPES


#: The problem of a symlink that resolves outside the root.
ESCAPES = "a symlink that resolves outside the root"


def inside(root: Path, path: str) -> bool:
    """Whether ``path`` resolves (through any symlinks) to a place inside ``root``."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def walk(root: Path, exclude: Iterable[str] = (), skip: Iterable[Path] = ()) -> list[CorpusFile]:
    """Every source file under ``root``, sorted by name."""
    patterns = tuple(exclude)
    skipped = {_identity(p) for p in skip} - {None}
    found: dict[str, CorpusFile] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = os.path.relpath(folder, root)
        for link in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            dirs.remove(link)
            _add(found, _entry(root, rel_folder, link, "a symlinked folder is not followed"))
        for filename in sorted(files):
            if filename.startswith(".") or (rel_folder == "." and filename == FILENAME):
                continue
            full = os.path.join(folder, filename)
            problem, size, identity = _inspect(root, full, skipped)
            if problem is _SKIP:
                continue
            item = _entry(root, rel_folder, filename, problem, size, identity)
            if not any(fnmatch.fnmatchcase(item.name, p) for p in patterns):
                _add(found, item)
    return [found[name] for name in sorted(found)]


def _entry(root: Path, rel_folder: str, filename: str, problem: str | None, size: int = 0,
           identity: tuple[int, int] | None = None) -> CorpusFile:
    rel = filename if rel_folder == "." else f"{rel_folder}/{filename}"
    rel = rel.replace(os.sep, "/")
    full = os.path.join(root, rel_folder, filename)
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        problem = problem or "the file name is not valid UTF-8"
    return CorpusFile(unicodedata.normalize("NFC", rel), full, problem, size, identity)


def _add(found: dict[str, CorpusFile], item: CorpusFile) -> None:
    if item.name in found:
        twin = found[item.name]
        found[item.name] = CorpusFile(item.name, twin.path,
                                      "two files have this name after Unicode NFC normalisation")
    else:
        found[item.name] = item


_SKIP = "skip"


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _inspect(root: Path, full: str, skipped: set[tuple[int, int] | None],
             ) -> tuple[str | None, int, tuple[int, int] | None]:
    """Why a file must not be read (or _SKIP for the manifest itself), its size
    and identity.

    One lstat per file; the realpath of a file is only taken for a symlink.
    """
    try:
        info = os.lstat(full)
        if stat.S_ISLNK(info.st_mode):
            if not inside(root, full):
                return ESCAPES, 0, None
            info = os.stat(full)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}", 0, None
    if (info.st_dev, info.st_ino) in skipped:
        return _SKIP, 0, None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file", 0, None
    return None, info.st_size, (info.st_dev, info.st_ino)
