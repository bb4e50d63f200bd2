"""Paths shared by the tests (importable as ``helpers``: tests/ is on pythonpath)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCES = ROOT / "sources"


def seed(prefix: str) -> Path:
    """A seed document of the bundled sample corpus, by its number ('001')."""
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path
