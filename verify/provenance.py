"""Provenance metadata from ``ROOT/sources.toml``.

The file is optional. It says where each file came from and which files are
translations, editions or renderings of one work::

    exclude = ["README.md"]          # globs (relative POSIX paths) not to ingest

    [works.sco-2006-statement]
    title = "Statement of the heads of SCO member states ..."

    [files."001_150b57b1f7e7ebd3.txt"]
    title = "..."
    publisher = "..."
    origin = "PDF: IRI Anuario 2007"
    retrieved = 2026-11-22
    language = "en"
    work = "sco-2006-statement"
    role = "translation"

Unknown keys are errors (fail closed: a misspelt ``titel`` is not silently
dropped).
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.errors import ConfigError
from verify.safeio import read_regular

FILENAME = "sources.toml"
#: A sources.toml larger than this is refused unread.
MAX_BYTES = 64 * 1024 * 1024
FILE_KEYS = frozenset({"title", "publisher", "author", "origin", "url", "retrieved", "language",
                       "work", "role", "rendered_from", "licence", "notes"})
WORK_KEYS = frozenset({"title"})
ROLES = frozenset({"original", "translation", "rendering", "edition", "version"})


@dataclass(frozen=True)
class Provenance:
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    works: dict[str, dict[str, str]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()


def load_provenance(root: Path) -> Provenance:
    """Read ``root/sources.toml``; an absent file is empty provenance."""
    path = root / FILENAME
    if not os.path.lexists(path):
        return Provenance()
    data = read_regular(path, FILENAME, limit=MAX_BYTES,
                        error=functools.partial(ConfigError, path=str(path)))
    # Imported here: most corpora have no sources.toml, and a plain check starts faster.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {FILENAME}: {exc}", path=str(path)) from exc
    except RecursionError as exc:
        raise ConfigError(f"cannot read {FILENAME}: nested too deeply", path=str(path)) from exc
    return parse_provenance(doc, str(path))


def parse_provenance(doc: dict[str, Any], source: str = FILENAME) -> Provenance:
    unknown = set(doc) - {"files", "works", "exclude"}
    if unknown:
        raise ConfigError(f"unknown top-level keys {sorted(unknown)}", path=source)
    exclude = doc.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise ConfigError("'exclude' must be a list of glob strings", path=source)
    works = {name: _table(f"works.{name}", table, WORK_KEYS, source)
             for name, table in _tables(doc.get("works", {}), "works", source).items()}
    files = {name: _table(f"files.{name}", table, FILE_KEYS, source)
             for name, table in _tables(doc.get("files", {}), "files", source).items()}
    for name, meta in files.items():
        if "role" in meta and meta["role"] not in ROLES:
            raise ConfigError(f"files.{name}.role must be one of {sorted(ROLES)}", path=source)
        if "work" in meta and meta["work"] not in works:
            works[meta["work"]] = {}
    return Provenance(files=files, works=works, exclude=tuple(exclude))


def _tables(value: Any, name: str, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{name}' must be a table", path=source)
    return value


def _table(name: str, table: Any, allowed: frozenset[str], source: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"[{name}] must be a table", path=source)
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(f"[{name}] has unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}",
                          path=source)
    import datetime as dt  # here: most corpora have no sources.toml (a plain check's start-up)

    out = {}
    for key, value in table.items():
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        if not isinstance(value, str):
            raise ConfigError(f"[{name}].{key} must be a string or a date", path=source)
        out[key] = value
    return out
