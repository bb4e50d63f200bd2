"""The gropdf TJ repair reads plain files without pypdf, and gives what pypdf's reading gave.

``verify.ingest.pdf._direct_tj_repair`` parses the cross-reference table,
the page tree and the content streams of a file of gropdf's plain shape
itself; any other file raises and pypdf reads it (``_pypdf_tj_repair``, the
reference). The repaired bytes must be the same, byte for byte, on gropdf's
PDFs and on any damaged copy of one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.ingest import pdf

CANON = Path(__file__).parent / "data" / "canon"
GROPDF = sorted(CANON.glob("*.pdf"))  # bash, builtins, history(3), rbash: all gropdf's


def _trailer(data: bytes) -> re.Match[bytes]:
    trailer = pdf._TRAILER.search(data, max(0, len(data) - 4096))
    assert trailer is not None
    return trailer


def _reference(data: bytes) -> bytes | None:
    """``_drop_empty_tj_strings`` as it was: pypdf reads every file."""
    trailer = pdf._TRAILER.search(data, max(0, len(data) - 4096))
    try:
        if trailer is None or b"/Encrypt" in trailer.group(1) or b"/XRefStm" in trailer.group(1):
            raise pdf._NotSimple
        return pdf._pypdf_tj_repair(data, trailer)
    except pdf._NotSimple:
        return pdf._rewrite_tj_repair(data)
    except Exception:  # as the ingester: the original is read instead
        return None


@pytest.mark.parametrize("path", GROPDF, ids=lambda p: p.name)
def test_the_direct_reading_repairs_gropdfs_files_as_pypdf_did(path: Path) -> None:
    data = path.read_bytes()
    direct = pdf._direct_tj_repair(data, _trailer(data))
    assert direct is not None, "gropdf's files have empty TJ strings to drop"
    assert direct == pdf._pypdf_tj_repair(data, _trailer(data))


def test_a_file_with_an_update_is_left_to_pypdf() -> None:
    """A repaired file has a second cross-reference section (``/Prev``):
    the direct reading declines it, and the repair reads it with pypdf."""
    repaired = pdf._drop_empty_tj_strings((CANON / "rbash.pdf").read_bytes())
    assert repaired is not None
    with pytest.raises(pdf._NotDirect):
        pdf._direct_tj_repair(repaired, _trailer(repaired))
    assert pdf._drop_empty_tj_strings(repaired) == _reference(repaired)


_RBASH = (CANON / "rbash.pdf").read_bytes()
_PIECES = [b"0", b"9", b" ", b"\n", b"\r\n", b"R", b"]", b"[", b"<<", b">>", b"/Length 5", b"/Type /Pages",
           b"stream", b"endobj", b"(", b")", b"%", b"/Contents [4 0 R 4 0 R]", b"/Filter /ASCIIHexDecode",
           b"/Prev 1", b"xref", b"trailer", b"/DecodeParms << >>", b"4 0 R", b"()] TJ"]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(_RBASH) - 1), st.integers(0, 12), st.sampled_from(_PIECES))
def test_any_damaged_copy_is_repaired_as_pypdf_repaired_it(at: int, cut: int, piece: bytes) -> None:
    """Whatever a damaged file holds, the repair (direct, or pypdf where the
    direct reading declines) gives the reference's bytes or None as it did."""
    data = _RBASH[:at] + piece + _RBASH[at + cut:]
    assert pdf._drop_empty_tj_strings(data) == _reference(data)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([m.start() for m in re.finditer(rb"\d+ 0 obj|/Contents|/Length|/Kids|/Root|stream",
                                                       _RBASH)]),
       st.integers(0, 12), st.sampled_from(_PIECES))
def test_damage_at_the_structure_is_repaired_as_pypdf_repaired_it(at: int, cut: int, piece: bytes) -> None:
    data = _RBASH[:at] + piece + _RBASH[at + cut:]
    assert pdf._drop_empty_tj_strings(data) == _reference(data)


def _same_length(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with ``old`` written ``new``, padded with spaces: the offsets stay right."""
    assert old in data and len(new) <= len(old)
    return data.replace(old, new.ljust(len(old)), 1)


_GROUP = b"/Group << /CS /DeviceRGB\n/S /Transparency\n>>"


@pytest.mark.parametrize("old, new", [
    (b"/Contents [4 0 R  ]\n" + _GROUP, b"/Contents [4 0 R 4 0 R]"),  # two streams: pypdf's rewrite
    (b"/Contents [4 0 R  ]\n" + _GROUP, b"/Contents 4 0 R"),  # a reference, not an array
    (b"/Contents [4 0 R  ]\n" + _GROUP, b""),  # a page without contents
    (b"/Contents [4 0 R  ]\n" + _GROUP, b"/Contents [4 0 R]/Group<</S/Transparency>>"),
    (b"/Filter /FlateDecode\n", b"/Filter[/FlateDecode]"),
    (b"/Filter /FlateDecode", b"/Filter /Fl"),  # an abbreviation pypdf decodes
])
def test_reshaped_pages_are_repaired_as_pypdf_repaired_them(old: bytes, new: bytes) -> None:
    data = _same_length(_RBASH, old, new)
    assert pdf._drop_empty_tj_strings(data) == _reference(data)
