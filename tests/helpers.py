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


def read_doc(data: bytes) -> dict:  # type: ignore[type-arg]
    """A verify-manifest/2 file as one JSON value: its header with an ``entries`` list."""
    import json

    lines = data.splitlines()
    doc: dict = json.loads(lines[0])  # type: ignore[type-arg]
    doc["entries"] = [json.loads(line) for line in lines[1:]]
    return doc


def dump_doc(doc: dict) -> bytes:  # type: ignore[type-arg]
    """The inverse of :func:`read_doc`: canonical lines, as an attacker would write them."""
    import json

    def line(value: object) -> bytes:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"

    if not isinstance(doc.get("entries"), list):  # a hostile shape: keep it in the header
        return line(doc)
    header = {k: v for k, v in doc.items() if k != "entries"}
    return line(header) + b"".join(line(e) for e in doc["entries"])
