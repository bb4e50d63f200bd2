"""What a lint run is told: the configuration, and what the rest of the
corpus says (so that a detector looking at one text can compare it with its
neighbours without reading them itself)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.detect.acronyms import AcronymStats
from verify.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_KEYS = frozenset({"known-acronyms", "select", "ignore"})


@dataclass(frozen=True)
class LintConfig:
    """Which codes to report, and which acronyms need no definition.

    ``select`` and ``ignore`` hold codes or code prefixes: ``damage`` means
    every ``damage.*`` code. An empty ``select`` selects everything.
    """

    known_acronyms: frozenset[str] = frozenset()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        """True when ``code`` is selected and not ignored.

        >>> LintConfig(ignore=("damage",)).wants("damage.doubled_word")
        False
        """
        if self.select and not any(_covers(p, code) for p in self.select):
            return False
        return not any(_covers(p, code) for p in self.ignore)

    def merged(self, *, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> LintConfig:
        """This configuration with command-line choices laid over it."""
        chosen = tuple(select)
        return LintConfig(
            known_acronyms=self.known_acronyms,
            select=chosen or self.select,
            ignore=self.ignore + tuple(ignore),
        )


def _covers(prefix: str, code: str) -> bool:
    return code == prefix or code.startswith(prefix + ".")


def config_from_table(table: Mapping[str, Any], *, source: str = "[tool.verify.lint]") -> LintConfig:
    """Read a ``[tool.verify.lint]`` table; an unknown key or a wrong type is
    an error, never ignored."""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"unknown key(s) in {source}: {', '.join(unknown)}")
    lists = {key: _string_list(table.get(key, []), key, source) for key in _KEYS}
    return LintConfig(
        known_acronyms=frozenset(lists["known-acronyms"]),
        select=tuple(lists["select"]),
        ignore=tuple(lists["ignore"]),
    )


def _string_list(value: Any, key: str, source: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source} {key} must be a list of strings")
    return list(value)


def load_config(pyproject: Path) -> LintConfig:
    """The lint configuration of a ``pyproject.toml`` (defaults if it has no
    ``[tool.verify.lint]`` table)."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", path=str(pyproject)) from exc
    verify = data.get("tool", {}).get("verify", {})
    table = verify.get("lint", {}) if isinstance(verify, dict) else None
    if not isinstance(table, dict):
        raise ConfigError("[tool.verify.lint] must be a table", path=str(pyproject))
    return config_from_table(table)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Corpus:
    """What every text of a lint run says together: acronym uses and
    definitions, and how often each capitalised word occurs."""

    acronyms: AcronymStats = field(default_factory=AcronymStats)
    names: Counter[str] = field(default_factory=Counter)
    name_documents: Counter[str] = field(default_factory=Counter)
    name_contexts: dict[str, set[str]] = field(default_factory=dict)
    #: The capitalised words written next to each name (a first name's
    #: surname, a surname's first name), and how often it stands alone.
    name_partners: dict[str, set[str]] = field(default_factory=dict)
    name_alone: Counter[str] = field(default_factory=Counter)
    lower_words: set[str] = field(default_factory=set)
    documents: int = 0

    def central(self, documents: int) -> bool:
        """True when a form used in ``documents`` texts is common to the
        corpus (in half of its texts or more): only such a form may be what
        a form in another text garbles. In a folder of unrelated articles no
        form is; in a folder about one organisation its acronym is."""
        return 2 * documents >= self.documents
