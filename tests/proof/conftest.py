"""Fixtures of the provenance tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from proof.proofkit import Corpus, make_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path)
