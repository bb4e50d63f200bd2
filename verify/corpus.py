"""Walking a corpus root: which files are sources, under which names.

Names are relative to the root, POSIX, Unicode NFC. Hidden files and
folders, ``sources.toml`` and the manifest itself are not sources. Nothing
outside the root is ever read: symlinked folders are not followed, and a
symlinked file that resolves outside the root is reported, not opened.
"""

from __future__ import annotations

import bisect
import fnmatch
import operator
import os
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from pathlib import Path

from verify.manifest import encode_name
from verify.provenance import FILENAME


class CorpusFile(NamedTuple):
    """One file of the walk. A named tuple, not a frozen dataclass: one is made
    per file, and a frozen dataclass took 1.7 us to make against 0.6 us (its
    __init__ sets each field through object.__setattr__): 50 ms of a plain
    check of 50,000 files. Immutable and typed all the same."""

    name: str  # the manifest name: relative, POSIX, NFC
    path: str  # where it is on disk
    problem: str | None = None  # why it must not be read, if so
    size: int = 0  # bytes, as the walk saw them
    link: str | None = None  # a symlink's target (the link is recorded, never followed)
    #: The inode the walk saw (from the directory entry, no stat): reading checks
    #: that it opened this file, not one swapped in since (verify/safeio.py).
    identity: int | None = None

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


def walk(root: Path, exclude: Iterable[str] = (), skip: Iterable[Path] = (),
         span: tuple[str | None, str | None] = (None, None)) -> list[CorpusFile]:
    """Every source file under ``root``, sorted by name.

    One ``scandir`` per folder and no ``stat`` per regular file (the kind comes
    from the directory entry): on 50,000 small files the walk was a third of
    a plain check. ``size`` is therefore 0 for regular files; readers fstat
    what they open.

    ``span`` ``(low, high)``: only the files whose manifest name is in
    ``[low, high)`` (None: unbounded), for a check split by name range over
    processes. A folder whose whole name range is outside is not scanned
    (decided from its plain name, see :func:`_outside`); twins share a name,
    so they always fall in the same span."""
    patterns = tuple(exclude)
    skipped = {_identity(p) for p in skip} - {None}
    skipped_inodes = {ident[1] for ident in skipped if ident is not None}
    low, high = span
    found: dict[str, CorpusFile] = {}
    for rel_folder, dirs, files in _scan(str(root), ".", span):
        for link in dirs:  # only symlinked folders come back: recorded, not followed
            entry = _entry(root, rel_folder, link.name, None, link=_target(link.path))
            if (low is None or low <= entry.name) and (high is None or entry.name < high):
                _add(found, entry)
        prefix = "" if rel_folder == "." else rel_folder + "/"
        for item in files:
            filename = item.name
            if filename.startswith(".") or (not prefix and filename == FILENAME):
                continue
            if _PLAIN_NAME.match(rel := prefix + filename) and os.sep == "/":
                # Most files: a plain name (its own manifest name), a regular file
                # by its directory entry. The same as below, without the calls.
                if (low is not None and rel < low) or (high is not None and rel >= high):
                    continue
                try:
                    regular = item.is_file(follow_symlinks=False)  # False for a symlink
                    inode = item.inode() if regular else None
                except OSError:
                    regular = False
                if regular and inode not in skipped_inodes:
                    if not patterns or not any(fnmatch.fnmatchcase(rel, p) for p in patterns):
                        # tuple.__new__: CorpusFile(...) without its Python-level __new__
                        made = _new(CorpusFile, (rel, item.path, None, 0, None, inode))
                        if rel in found:
                            _add(found, made)
                        else:
                            found[rel] = made
                    continue
            if (low is not None or high is not None) and not _in_span(rel_folder, filename, low, high):
                continue
            problem = _kind(root, item, skipped, skipped_inodes)
            if problem is _SKIP:
                continue
            target = _target(item.path) if problem in (ESCAPES, _LINK) else None
            entry = _entry(root, rel_folder, filename, None if problem == _LINK else problem, 0, target,
                           item.path, None if problem else _inode(item))
            if (not patterns or not any(fnmatch.fnmatchcase(entry.name, p) for p in patterns)) and (
                    (low is None or low <= entry.name) and (high is None or entry.name < high)):
                _add(found, entry)
    return [found[name] for name in sorted(found)]


#: A file of :func:`walk_plain`: the fields of a :class:`CorpusFile` in a plain tuple
#: (one is made per file: a tuple costs a quarter of a named tuple), no problem and
#: no link: ``(name, path, None, 0, None, inode)``.
FileRow = tuple[str, str, str | None, int, str | None, int | None]


def walk_plain(root: Path, skip: Iterable[Path] = (),
               span: tuple[str | None, str | None] = (None, None)) -> list[FileRow] | None:
    """:func:`walk` ``(root, (), skip, span)`` as :data:`FileRow` tuples, when every
    entry it meets is plain (see :func:`walk_columns`, which it is, as rows); None
    at the first entry that is not: then :func:`walk` tells what it is."""
    columns = walk_columns(root, skip, span)
    if columns is None:
        return None
    top = str(root)
    return [(name, os.path.join(top, name), None, 0, None, inode)
            for name, inode in zip(columns.names, columns.inodes, strict=True)]


class Columns(NamedTuple):
    """The files of :func:`walk_columns`, a list per field, in name order: the
    manifest name, the folder (relative, "" at the top), the file's name in it,
    the inode its directory entry gave."""

    names: list[str]
    folders: list[str]
    filenames: list[str]
    inodes: list[int]


def walk_columns(root: Path, skip: Iterable[Path] = (),
                 span: tuple[str | None, str | None] = (None, None)) -> Columns | None:
    """:func:`walk` ``(root, (), skip, span)`` as :class:`Columns`, when every entry
    it meets is plain: a folder, or a regular file (by its directory entry) whose
    name is its own manifest name (:data:`_PLAIN_NAME`) and that is not one to
    skip. None at the first entry that is not (a link, a FIFO, an odd name, a
    file that may be the manifest...): then :func:`walk` tells what it is.

    For a split check's processes (docs/scale.md): no dictionary of names (plain
    names are their own manifest names, so two files never share one: no twins),
    no tuple per file, and a folder's files judged a list at a time (its names
    in one match, its span by bisection: a folder's entries are sorted)."""
    if os.sep != "/":
        return None
    skipped_inodes = {ident[1] for ident in map(_identity, skip) if ident is not None}
    found = Columns([], [], [], [])
    for rel_folder, links, files in _scan(str(root), ".", span):
        if links:
            return None
        folder = "" if rel_folder == "." else rel_folder
        for part in range(0, len(files), _FILES_AT_ONCE):  # a folder with an odd name: declined soon
            if not _add_plain(found, folder, files[part:part + _FILES_AT_ONCE], span, skipped_inodes):
                return None
    if not all(map(operator.lt, found.names, found.names[1:])):  # a folder's name sorts around "/"
        order = sorted(range(len(found.names)), key=found.names.__getitem__)
        names, folders, filenames, inodes = found
        return Columns([names[i] for i in order], [folders[i] for i in order],
                       [filenames[i] for i in order], [inodes[i] for i in order])
    return found




#: The files of a folder judged at once by :func:`walk_columns`.
_FILES_AT_ONCE = 512


def _add_plain(found: Columns, folder: str, files: list[os.DirEntry[str]],
               span: tuple[str | None, str | None], skipped_inodes: set[int]) -> bool:
    """Add to ``found`` the files of ``files`` (regular files and others of one
    folder, sorted by name) that are in ``span``, or False when one is not plain
    (see :func:`walk_columns`): the names in one match, the span by bisection."""
    filenames = [f.name for f in files]
    joined = "\0".join(filenames)
    if joined.startswith(".") or "\0." in joined or (not folder and FILENAME in filenames):
        kept = [(n, f) for n, f in zip(filenames, files, strict=True)
                if not (n.startswith(".") or (not folder and n == FILENAME))]  # as walk
        filenames, files = [n for n, _ in kept], [f for _, f in kept]
        joined = "\0".join(filenames)
    if not filenames:
        return True
    if not _plain_names(folder, joined):
        return False
    prefix = folder + "/" if folder else ""
    # The span's files by bisection, on the names they have here (sorted as the entries).
    low, high = span
    first = 0 if low is None else bisect.bisect_left(filenames, low, key=prefix.__add__)
    end = len(filenames) if high is None else bisect.bisect_left(filenames, high, key=prefix.__add__)
    try:
        if [f for f in files[first:end] if not f.is_file(follow_symlinks=False)]:
            return False
        inodes = [f.inode() for f in files[first:end]]
    except OSError:
        return False
    if skipped_inodes and not skipped_inodes.isdisjoint(inodes):
        return False
    found.names.extend([prefix + n for n in filenames[first:end]] if prefix else filenames[first:end])
    found.folders.extend([folder] * len(inodes))
    found.filenames.extend(filenames[first:end])
    found.inodes.extend(inodes)
    return True


def _plain_names(folder: str, joined: str) -> bool:
    """Whether ``folder/name`` (``name`` at the top) is plain (:data:`_PLAIN_NAME`)
    for every name of ``joined`` (the names joined with NULs, which no name holds),
    in one match."""
    if folder and not _PLAIN_NAME.match(folder):
        return False
    pattern = _PLAIN_TAILS if folder else _PLAIN_NAMES
    return pattern.fullmatch(joined + "\0") is not None


def iter_walk(root: Path, exclude: Iterable[str] = (), skip: Iterable[Path] = ()) -> Iterator[CorpusFile]:
    """:func:`walk` as a stream: the same files in the same (name) order, holding
    the listings of the folders being walked and the files with odd names, not
    a :class:`CorpusFile` per file (a build's memory grew with the walk).

    Plain names (:data:`_PLAIN_NAME`, their own manifest names) come in name
    order straight from the folders: a folder's entries sorted by their name,
    a subfolder's with a "/" after it, give exactly the sorted order of the
    full names (all the names under a folder share the prefix "name/", which
    sorts where that key does). Any other name (escaped, NFC, a drive-like
    prefix) is found first by a walk that keeps only those (usually none), and
    merged in by name; two files with one name become twins, as in :func:`walk`
    (the twin keeps one of their disk paths; it is never read). A folder with an
    odd name holds only odd names, so the first walk has all of them."""
    import heapq  # here: a plain check does not need it

    if os.sep != "/":
        yield from walk(root, exclude, skip)
        return
    patterns = tuple(exclude)
    skipped = {_identity(p) for p in skip} - {None}
    skipped_inodes = {ident[1] for ident in skipped if ident is not None}
    odd = _odd_names(root, patterns, skipped, skipped_inodes)
    plain = _plain_stream(root, str(root), ".", patterns, skipped, skipped_inodes)
    previous: CorpusFile | None = None
    for item in heapq.merge(plain, odd, key=_NAME):
        if previous is not None and item.name <= previous.name:
            if item.name < previous.name:  # pragma: no cover - both inputs are sorted
                raise RuntimeError(f"the walk is out of name order at {item.name!r}")
            previous = CorpusFile(item.name, previous.path, TWINS)
            continue
        if previous is not None:
            yield previous
        previous = item
    if previous is not None:
        yield previous


_NAME = operator.attrgetter("name")
_new = tuple.__new__


def _odd_names(root: Path, patterns: tuple[str, ...], skipped: set[tuple[int, int] | None],
               skipped_inodes: set[int]) -> list[CorpusFile]:
    """The files of :func:`walk` whose names are not plain, sorted by name."""
    found: dict[str, CorpusFile] = {}
    for rel_folder, dirs, files in _scan(str(root), "."):
        prefix = "" if rel_folder == "." else rel_folder + "/"
        for link in dirs:
            if not _PLAIN_NAME.match(prefix + link.name):
                _add(found, _entry(root, rel_folder, link.name, None, link=_target(link.path)))
        for item in files:
            if item.name.startswith(".") or _PLAIN_NAME.match(prefix + item.name):
                continue
            entry = _general(root, rel_folder, item, patterns, skipped, skipped_inodes)
            if entry is not None:
                _add(found, entry)
    return [found[name] for name in sorted(found)]


def _plain_stream(root: Path, top: str, rel: str, patterns: tuple[str, ...],
                  skipped: set[tuple[int, int] | None], skipped_inodes: set[int],
                  ) -> Iterator[CorpusFile]:
    """The files of :func:`walk` with plain names under the folder ``top`` (``rel``
    from the root), in name order; folders with plain names are walked as their
    turn comes (see :func:`iter_walk`)."""
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
    except OSError:
        return  # as os.walk: an unreadable folder is skipped
    prefix = "" if rel == "." else rel + "/"
    keyed: list[tuple[str, int, os.DirEntry[str]]] = []
    for entry in entries:
        name = entry.name
        full = prefix + name
        if name.startswith(".") or not _PLAIN_NAME.match(full) or (not prefix and name == FILENAME):
            continue
        is_dir, is_link_to_dir = _dir_kind(entry)
        if is_dir:
            keyed.append((full + "/", _FOLDER, entry))
        else:
            keyed.append((full, _LINKED if is_link_to_dir else _OTHER, entry))
    del entries
    keyed.sort(key=_KEY)
    for key, kind, entry in keyed:
        if kind == _FOLDER:
            yield from _plain_stream(root, entry.path, key[:-1], patterns, skipped, skipped_inodes)
        elif kind == _LINKED:
            yield _entry(root, rel, entry.name, None, link=_target(entry.path))
        else:
            found = _general(root, rel, entry, patterns, skipped, skipped_inodes)
            if found is not None:
                yield found


def _dir_kind(entry: os.DirEntry[str]) -> tuple[bool, bool]:
    """(a folder, a link to a folder) for a directory entry, not following links
    for the first; (False, False) when the entry cannot be told (it vanished)."""
    try:
        is_dir = entry.is_dir(follow_symlinks=False)
        return is_dir, not is_dir and entry.is_symlink() and entry.is_dir()
    except OSError:
        return False, False


_FOLDER, _LINKED, _OTHER = 0, 1, 2
_KEY = operator.itemgetter(0)


def _general(root: Path, rel_folder: str, item: os.DirEntry[str], patterns: tuple[str, ...],
             skipped: set[tuple[int, int] | None], skipped_inodes: set[int]) -> CorpusFile | None:
    """What :func:`walk` makes of a (not hidden) directory entry that is not a
    folder, or None when it is skipped or excluded."""
    problem = _kind(root, item, skipped, skipped_inodes)
    if problem is _SKIP:
        return None
    target = _target(item.path) if problem in (ESCAPES, _LINK) else None
    entry = _entry(root, rel_folder, item.name, None if problem == _LINK else problem, 0, target,
                   item.path, None if problem else _inode(item))
    if patterns and any(fnmatch.fnmatchcase(entry.name, p) for p in patterns):
        return None
    return entry


def _in_span(rel_folder: str, filename: str, low: str | None, high: str | None) -> bool:
    """Whether a file may be in the span, before its name is made: a plain name is its
    own manifest name; any other is decided on the name it gets (so: yes here)."""
    rel = filename if rel_folder == "." else f"{rel_folder}/{filename}"
    if not _PLAIN_NAME.match(rel):
        return True
    return (low is None or low <= rel) and (high is None or rel < high)


def _outside(rel: str, low: str | None, high: str | None) -> bool:
    """Whether every name under the folder ``rel`` (relative, POSIX) is outside
    ``[low, high)``. Only for a plain folder name, which begins the manifest
    name of everything under it: ``rel + "/"`` then prefixes all of them
    (encode_name keeps an ASCII prefix, and no character composes in NFC with
    "/": a test tries them all). A folder with any other name is always scanned."""
    if not _PLAIN_NAME.match(rel):
        return False
    prefix = rel + "/"
    if high is not None and prefix >= high:
        return True  # every name under it is >= prefix >= high
    # every name under it is < low: the prefix is below low and low is not under it
    return low is not None and prefix < low and not low.startswith(prefix)


_Listing = tuple[str, list["os.DirEntry[str]"], list["os.DirEntry[str]"]]
_BY_NAME = operator.attrgetter("name")  # not a lambda: a call per file less


def _scan(top: str, rel: str = ".", span: tuple[str | None, str | None] = (None, None),
          ) -> Iterator[_Listing]:
    """Like ``os.walk(top, followlinks=False)`` without hidden folders, with the
    directory entries: (relative folder, symlinked folders, other entries);
    folders wholly outside ``span`` (see :func:`walk`) are not scanned."""
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=_BY_NAME)
    except OSError:
        return  # as os.walk: an unreadable folder is skipped
    folders: list[os.DirEntry[str]] = []
    links: list[os.DirEntry[str]] = []
    others: list[os.DirEntry[str]] = []
    add = others.append
    for entry in entries:
        try:  # most entries: a regular file by its directory entry, neither folder nor link
            if entry.is_file(follow_symlinks=False):
                add(entry)
                continue
        except OSError:
            pass  # as _dir_kind: told below
        is_dir, is_link_to_dir = _dir_kind(entry)
        if is_dir:
            if not entry.name.startswith("."):
                folders.append(entry)
        elif is_link_to_dir:
            if not entry.name.startswith("."):
                links.append(entry)
        else:
            others.append(entry)
    yield rel, links, others
    bounded = span != (None, None)
    for folder in folders:
        sub = folder.name if rel == "." else f"{rel}/{folder.name}"
        if not (bounded and _outside(sub, *span)):
            yield from _scan(folder.path, sub, span)


def _inode(item: os.DirEntry[str]) -> int | None:
    try:
        return item.inode()
    except OSError:
        return None


def _entry(root: Path, rel_folder: str, filename: str, problem: str | None, size: int = 0,
           link: str | None = None, full: str | None = None, identity: int | None = None) -> CorpusFile:
    rel = filename if rel_folder == "." else f"{rel_folder}/{filename}"
    rel = rel.replace(os.sep, "/")
    full = full or os.path.join(root, rel_folder, filename)
    # Any name the file system holds has a manifest name: odd bytes are escaped.
    # A plain ASCII name is its own manifest name (most names; the general path
    # was a tenth of a plain check's CPU on 50,000 files).
    name = rel if _PLAIN_NAME.match(rel) else encode_name(os.fsencode(rel))
    return CorpusFile(name, full, problem, size, link, identity)


#: Names that encode_name returns unchanged: printable ASCII, no backslash, no
#: "X:" drive prefix (the first character is not followed by a colon).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~/]*\Z")
#: Names that are plain at the top (:data:`_PLAIN_NAME`), and after a plain folder
#: name (any character it allows after the first), each followed by a NUL.
_PLAIN_NAMES = re.compile(r"(?:[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~/]*\x00)*")
_PLAIN_TAILS = re.compile(r"(?:[A-Za-z0-9_.\- +,=@~/]*\x00)*")


def _target(path: str) -> str | None:
    """A symlink's target as text (odd bytes escaped like names)."""
    try:
        return encode_name(os.fsencode(os.readlink(path)))
    except OSError:
        return None


def _add(found: dict[str, CorpusFile], item: CorpusFile) -> None:
    if item.name in found:
        twin = found[item.name]
        found[item.name] = CorpusFile(item.name, twin.path, TWINS)
    else:
        found[item.name] = item


#: The problem of two files that have one name.
TWINS = "two files have this name after Unicode NFC normalisation"
_SKIP = "skip"
_LINK = "link"


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _kind(root: Path, item: os.DirEntry[str], skipped: set[tuple[int, int] | None],
          skipped_inodes: set[int]) -> str | None:
    """Why a file must not be read (or _SKIP for the manifest itself, _LINK for a
    symlink that stays inside the root: recorded as a link). The kind comes
    from the directory entry; a stat is only taken for the files to skip (by
    inode first) and for entries whose type the directory does not give."""
    try:
        if item.is_symlink():
            return _LINK if inside(root, item.path) else ESCAPES
        if item.inode() in skipped_inodes:
            info = os.lstat(item.path)
            if (info.st_dev, info.st_ino) in skipped:
                return _SKIP
        if not item.is_file(follow_symlinks=False):
            return "not a regular file"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    return None
