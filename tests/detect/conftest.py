"""Fixtures for the detector tests: the seeds' canonical texts, made once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import SOURCES

from verify.detect import lint_corpus
from verify.model import Finding
from verify.pipeline import process_file


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """Canonical text of every seed (``sources/*.txt``), by number ('003')."""
    texts = {}
    for path in sorted(SOURCES.glob("[0-9][0-9][0-9]_*.txt")):
        record = process_file(path, path.name)
        assert record.text is not None, record.error
        texts[path.name[:3]] = record.text
    return texts


@pytest.fixture(scope="session")
def canonical() -> Callable[[str], str]:
    """Canonical text of any file under ``sources/`` by name."""
    cache: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in cache:
            record = process_file(SOURCES / name, name)
            assert record.text is not None, record.error
            cache[name] = record.text
        return cache[name]

    return get


@pytest.fixture(scope="session")
def seeds_folder(seeds: dict[str, str]) -> dict[str, list[Finding]]:
    """The seeds linted as one folder (cross-file comparison), by number."""
    return lint_corpus(seeds)
