"""Where a manifest's corpus is: the root it records, refused when it leaves its place.

Here and not in :mod:`verify.policy` (which re-exports both): a plain check
needs these, not the signing code that module imports (start-up time).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from verify.errors import UnsafePath, VerifyError


def corpus_root(manifest_path: str | os.PathLike[str], recorded: str | None,
                given: str | os.PathLike[str] | None = None) -> Path:
    """Where the corpus of a manifest is.

    A root ``given`` by the caller is taken as it is. A root ``recorded`` in
    the manifest is data from the manifest, so it is refused (UnsafePath)
    when it is absolute, or climbs out of the folder that holds the
    manifest's folder: ``../sources`` beside ``manifests/`` (what ``verify
    build`` writes for the usual layout) is accepted, ``/etc`` or
    ``../../etc`` is not.
    """
    if given is not None:
        return Path(given)
    if recorded is None:
        raise VerifyError("the manifest records no root: give --root")
    problem = recorded_root_problem(recorded)
    if problem:
        raise UnsafePath(f"the manifest's recorded root {recorded!r} {problem}: refused; "
                         "give the root explicitly (--root) if it is really meant",
                         path=str(manifest_path))
    base = Path(os.path.dirname(os.path.abspath(manifest_path)))
    return Path(os.path.normpath(base / recorded))


def recorded_root_problem(recorded: str) -> str | None:
    """Why a recorded root must not be followed, or None."""
    if not recorded or "\x00" in recorded:
        return "is empty or holds a NUL"
    if recorded.startswith(("/", "\\")) or (len(recorded) > 1 and recorded[1] == ":"):
        return "is absolute"
    parts: Sequence[str] = [p for p in recorded.replace("\\", "/").split("/") if p not in ("", ".")]
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 1
        if depth < -1:
            return "climbs out of the folder that holds the manifest's folder"
    return None
