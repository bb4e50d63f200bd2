"""A batch of manifest lines judged plain in one call (verify.manifest._plain_rows,
docs/scale.md "Eighth pass") gives exactly what the per-line pattern
(``_PLAIN_TEXT``, the reference) gives: every line plain, with the same path,
raw digest and size, or None when any line is refused by it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verify.errors import ManifestError
from verify.manifest import (BATCH, _PLAIN_TEXT, _plain_rows, _pread_lines, _SpanReader,
                             open_manifest_light)

from tests.test_check_fast import plain_manifest  # noqa: F401  (the fixture)

_HEX = "0123456789abcdef"
_SEGMENT = st.from_regex(r"[A-Za-z0-9_\-][A-Za-z0-9_.\- +,=@~]{0,6}", fullmatch=True)
_DIGEST = st.text(_HEX, min_size=64, max_size=64).map(lambda h: "sha256:" + h)


@st.composite
def _valid(draw: st.DrawFn) -> str:
    """A line of the reference's shape, every optional field present or not."""
    fields = []
    if draw(st.booleans()):
        fields.append('"extractor":"' + draw(st.sampled_from(["text/1", "pdfium/4.1", "a b"])) + '"')
    if draw(st.booleans()):
        fields.append('"format":"' + draw(st.sampled_from(["pdf", "html", "text"])) + '"')
    fields.append('"path":"' + "/".join(draw(st.lists(_SEGMENT, min_size=1, max_size=3))) + '"')
    if draw(st.booleans()):
        fields.append(f'"profile":"canon/{draw(st.integers(0, 99))}"')
    fields.append(f'"raw_sha256":"{draw(_DIGEST)}"')
    if draw(st.booleans()):
        fields.append(f'"removed_sha256":"{draw(_DIGEST)}"')
    fields.append(f'"size":{draw(st.integers(0, 10**18 - 1))}')
    if draw(st.booleans()):
        fields.append(f'"text_sha256":"{draw(_DIGEST)}"')
    return "{" + ",".join(fields) + "}\n"


_JUNK = st.text(alphabet='{}":,/\\ .x0aZ\n\x00\x7f\u00e9', min_size=1, max_size=3)


@st.composite
def _damaged(draw: st.DrawFn) -> str:
    """A valid line with characters inserted, deleted or replaced anywhere
    (before its start, inside it, at its end, after its newline)."""
    line = draw(_valid())
    at = draw(st.integers(0, len(line)))
    how = draw(st.sampled_from(["insert", "delete", "replace"]))
    junk = draw(_JUNK)
    if how == "insert":
        return line[:at] + junk + line[at:]
    if how == "delete":
        return line[:at] + line[at + len(junk):]
    return line[:at] + junk + line[at + len(junk):]


def _reference(texts: list[str]) -> list[tuple[str, str, str]] | None:
    matches = [_PLAIN_TEXT.match(text) for text in texts]
    if None in matches:
        return None
    return [m.group("path", "raw", "size") for m in matches]  # type: ignore[union-attr]


_V = '{"path":"a/b.txt","raw_sha256":"sha256:' + "0" * 64 + '","size":12}\n'


@given(st.lists(st.one_of(_valid(), _damaged()), min_size=1, max_size=8))
@example([_V])
@example([_V, "x" + _V])  # a match after junk at a line's start: not plain
@example([_V + _V, "junk\n"])  # two lines in one (the readers never give it): refused
@example([_V, _V[:-1]])  # no final newline
@example([_V, _V + "0"])  # a line and the tail of another in one text (found by hypothesis)
@example([_V[:-1], "\n" + _V])  # lines cut elsewhere than at their newlines
@example([_V.replace("12}", "12} ")])
@example([_V.replace('"size"', '"size"\n')])
def test_a_batch_is_judged_as_each_of_its_lines(texts: list[str]) -> None:
    assert _plain_rows(texts) == _reference(texts)


@given(st.lists(_valid(), min_size=1, max_size=8))
def test_valid_lines_are_plain_with_their_fields(texts: list[str]) -> None:
    rows = _plain_rows(texts)
    assert rows is not None and rows == _reference(texts)


@pytest.mark.parametrize("at", [0, 7, BATCH - 1, BATCH + 3])
@pytest.mark.parametrize("damage", ["space", "prefix", "digest", "size", "path"])
def test_a_damaged_line_among_plain_ones_is_refused_as_alone(
        plain_manifest: tuple[Path, list[bytes]], tmp_path: Path,  # noqa: F811
        at: int, damage: str) -> None:
    """One line changed in a manifest of plain lines: read with the batch
    shortcut and with the line-by-line reader, the same verdict and message."""
    _, lines = plain_manifest
    body = list(lines[1:])
    line = body[at]
    body[at] = {"space": b" " + line, "prefix": b"x" + line,
                "digest": line.replace(b'sha256:', b'sha256:0', 1),
                "size": line.replace(b'"size":', b'"size":0'),
                "path": line.replace(b'"path":"', b'"path":"./')}[damage]
    damaged = tmp_path / "m.json"
    damaged.write_bytes(lines[0] + b"".join(body))

    def read(light: bool) -> str:
        try:
            with open_manifest_light(damaged) as (_, entries):
                span = entries.whole
                for _ in (entries.read(span) if light else _SpanReader(
                        _pread_lines(entries.fd, span.start, span.end, entries.source), entries.source,
                        span.low, span.high)):
                    pass
        except ManifestError as exc:
            return f"{type(exc).__name__}: {exc}"
        return "ok"

    # A space before the line: not plain, valid JSON all the same (the general path).
    assert read(True) == read(False) != ("" if damage == "space" else "ok")
