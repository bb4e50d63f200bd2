"""HTML written in UTF-16 or UTF-32 with no byte-order mark is HTML (told by
its first ``<``), decoded right: every encoding of a real page gives one
text digest (audit4: it was read as text, its canonical text the markup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.ingest.sniff import sniff
from verify.pipeline import process_bytes

PAGE = Path(__file__).parent / "data" / "html" / "wide" / "plane1-utf-16le.html"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-8"])
def test_every_encoding_of_the_page_is_one_html_text(codec: str) -> None:
    text = PAGE.read_bytes().decode("utf-16-le")
    data = text.encode(codec)  # "utf-16" writes a byte-order mark
    record = process_bytes(data, "page.html")
    assert record.format == "html" and sniff(data[:4096], "page") == "html"
    reference = process_bytes(text.encode("utf-8"), "page.html")
    assert record.text_sha256 == reference.text_sha256
    assert "<!DOCTYPE" not in (record.text or "")
    assert any(ord(char) > 0xFFFF for char in record.text or "")  # its plane-1 letters read right


def test_a_wide_plain_text_stays_text() -> None:
    data = "Plain words, no markup.\n".encode("utf-16-le")
    assert sniff(data) == "text"
