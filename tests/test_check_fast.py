"""The shorter ways of a plain check (docs/scale.md, "Seventh pass") give what
the longer ones give: the order of a batch of plain manifest lines checked at
once (verify.manifest._Reader._check_run) refuses what the check of each line
refuses, with the same message at the same path; the walk's shortcut for
regular files (verify.corpus._scan) sorts entries as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import verify.manifest
from verify.cli import main
from verify.corpus import _scan, walk
from verify.errors import ManifestError
from verify.manifest import BATCH, _Reader, _SpanReader, open_manifest_light

_NAMES = st.text(alphabet="ab/", max_size=3)


def _reader(previous: str | None, low: str | None, high: str | None, span: bool) -> _Reader:
    if span:
        reader: _Reader = _SpanReader(iter(()), "m.json", low, high)
    else:
        reader = _Reader.__new__(_Reader)
        reader.source = "m.json"
    reader.previous = previous
    return reader


def _outcome(reader: _Reader, names: list[str], run: bool) -> tuple[str, str | None]:
    try:
        if run:
            reader._check_run(names)
        else:
            for name in names:
                reader._check_order(name)
    except ManifestError as exc:
        return f"{type(exc).__name__}: {exc}", reader.previous
    return "accepted", reader.previous


@given(names=st.one_of(st.lists(_NAMES, max_size=8), st.lists(_NAMES, max_size=8).map(sorted),
                       st.lists(_NAMES, unique=True, max_size=8).map(sorted)),
       previous=st.none() | _NAMES, low=st.none() | _NAMES, high=st.none() | _NAMES,
       span=st.booleans())
@example(names=["a", "b"], previous=None, low=None, high="b", span=True)
@example(names=["a", "b"], previous="a", low=None, high=None, span=False)
@example(names=["b", "c"], previous=None, low="a", high=None, span=True)
def test_a_run_is_checked_as_each_of_its_names(names: list[str], previous: str | None,
                                               low: str | None, high: str | None,
                                               span: bool) -> None:
    """Out of order, twice, first path not the span's low, at or above its high:
    the same error at the same name, or accepted with the same last name."""
    expected = _outcome(_reader(previous, low, high, span), names, run=False)
    got = _outcome(_reader(previous, low, high, span), names, run=True)
    assert got[0] == expected[0]
    if expected[0] == "accepted":
        assert got[1] == expected[1]


@pytest.fixture(scope="module")
def plain_manifest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    """A hash-only manifest whose every line is plain, over more than two batches."""
    base = tmp_path_factory.mktemp("plain")
    root, manifest = base / "c", base / "m.json"
    for folder in range(3):
        (root / f"d{folder}").mkdir(parents=True)
        for i in range(BATCH // 2 + 7):
            (root / f"d{folder}" / f"f{i:04d}.txt").write_text(f"{folder} {i}\n")
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    lines = manifest.read_bytes().splitlines(keepends=True)
    assert all(verify.manifest._PLAIN_LINE.match(line) for line in lines[1:])
    return manifest, lines


def _damaged(lines: list[bytes], damage: str, at: int) -> list[bytes]:
    head, body = lines[0], list(lines[1:])
    if damage == "duplicate":
        body.insert(at, body[at])
    elif damage == "swap":
        body[at], body[at + 1] = body[at + 1], body[at]
    elif damage == "far":
        body[at], body[-2] = body[-2], body[at]
    return [head, *body]


def _read_all(manifest: Path, parts: int) -> str:
    """Every entry read, whole (parts 1) or span by span: "ok" or the error."""
    try:
        with open_manifest_light(manifest) as (_, entries):
            spans = [entries.whole] if parts == 1 else entries.spans(parts)
            for span in spans:
                for _ in entries.read(span):
                    pass
    except ManifestError as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def _one_by_one(self: _Reader, names: list[str]) -> None:
    for name in names:
        self._check_order(name)


@pytest.mark.parametrize("damage", ["none", "duplicate", "swap", "far"])
@pytest.mark.parametrize("at", [0, 5, BATCH - 1, BATCH, BATCH + 200])
def test_plain_lines_are_refused_as_line_by_line(plain_manifest: tuple[Path, list[bytes]],
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 damage: str, at: int) -> None:
    """A manifest of plain lines only (the batches the shortcut takes), damaged
    inside a batch, at its edges and across spans: read whole and in spans, the
    verdict and message are those of the check of each line."""
    _, lines = plain_manifest
    damaged = tmp_path / "m.json"
    damaged.write_bytes(b"".join(_damaged(lines, damage, at)))
    got = [_read_all(damaged, parts) for parts in (1, 2, 5)]
    monkeypatch.setattr(_Reader, "_check_run", _one_by_one)
    expected = [_read_all(damaged, parts) for parts in (1, 2, 5)]
    assert got == expected
    assert (got == ["ok"] * 3) is (damage == "none")


def test_a_span_of_plain_lines_refuses_the_first_path_at_its_upper_bound(
        plain_manifest: tuple[Path, list[bytes]]) -> None:
    """Lines in order that reach the span's upper bound inside a batch, at its end
    or in a later batch: refused at the first path that does."""
    from dataclasses import replace

    from verify.errors import UnsafePath

    manifest, _ = plain_manifest
    with open_manifest_light(manifest) as (_, entries):
        paths = [e[0] for e in entries.read(entries.whole)]  # type: ignore[index]
        assert len(list(entries.read(replace(entries.whole, high=paths[-1] + "\x00")))) == len(paths)
        for k in (0, 1, BATCH - 2, BATCH - 1, BATCH, BATCH + 5, len(paths) - 1):
            with pytest.raises(UnsafePath, match=f"path '{paths[k]}' is out of order"):
                list(entries.read(replace(entries.whole, high=paths[k])))


def test_plain_lines_read_whole_and_in_spans_are_the_same(
        plain_manifest: tuple[Path, list[bytes]]) -> None:
    manifest, lines = plain_manifest
    with open_manifest_light(manifest) as (_, entries):
        whole = list(entries.read(entries.whole))
        for parts in (2, 3, 7):
            assert [e for s in entries.spans(parts) for e in entries.read(s)] == whole
    assert [e[3].encode() for e in whole] == lines[1:]  # type: ignore[index]


def test_the_scan_sorts_every_kind_of_entry_as_before(tmp_path: Path) -> None:
    """Regular files go straight to the others; folders, links to folders, FIFOs,
    dangling links and hidden entries where they went."""
    root = tmp_path / "c"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden-dir").mkdir()
    (root / "file.txt").write_text("x\n")
    (root / ".hidden.txt").write_text("x\n")
    (root / "sub" / "inner.txt").write_text("x\n")
    (root / "to-sub").symlink_to("sub", target_is_directory=True)
    (root / ".to-sub").symlink_to("sub", target_is_directory=True)
    (root / "to-file").symlink_to("file.txt")
    (root / "dangling").symlink_to("nowhere")
    os.mkfifo(root / "fifo")
    listings = {rel: ([e.name for e in links], [e.name for e in others])
                for rel, links, others in _scan(str(root))}
    assert listings == {
        ".": (["to-sub"], [".hidden.txt", "dangling", "fifo", "file.txt", "to-file"]),
        "sub": ([], ["inner.txt"]),
    }
    names = {f.name: (f.problem, f.link) for f in walk(root)}
    assert names["file.txt"] == (None, None) and names["sub/inner.txt"] == (None, None)
    assert names["fifo"][0] == "not a regular file"
    assert names["to-sub"][1] == "sub" and names["to-file"][1] == "file.txt"
