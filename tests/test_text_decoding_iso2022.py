"""7-bit ISO 2022 text (Japanese e-mail's ISO-2022-JP, ISO-2022-KR) decodes
to its UTF-8 sibling's text instead of being refused as binary for its
escape bytes (audit4); a text with other escapes is judged as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.errors import UnsupportedFormat
from verify.ingest.text import decode_text
from verify.pipeline import process_bytes

DATA = Path(__file__).parent / "data" / "encodings"


@pytest.mark.parametrize("name", ["iso2022_jp", "iso2022_kr"])
def test_iso2022_text_is_its_utf8_siblings_text(name: str) -> None:
    legacy = process_bytes((DATA / f"{name}.txt").read_bytes(), f"{name}.txt")
    gold = process_bytes((DATA / f"{name}-utf8.txt").read_bytes(), f"{name}-utf8.txt")
    assert legacy.error is None and legacy.encoding == name
    assert legacy.text_sha256 == gold.text_sha256
    assert any("ISO 2022" in w for w in legacy.warnings)  # detected, not declared: said


def test_terminal_colour_escapes_are_no_iso2022() -> None:
    """ANSI colour codes are escapes but no character-set designation: the
    control-character test decides, as before (many of them: binary)."""
    data = b"".join(b"\x1b[31mred\x1b[0m " for _ in range(200))
    with pytest.raises(UnsupportedFormat):
        decode_text(data)
