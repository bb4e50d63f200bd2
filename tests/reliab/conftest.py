"""Fixtures of the reliability tests: the small signed-corpus kit of tests/proof."""

from __future__ import annotations

from pathlib import Path

import pytest

from proof.proofkit import Corpus, make_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path)
