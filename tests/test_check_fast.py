"""The shorter ways of a plain check (docs/scale.md, "Seventh pass") give what
the longer ones give: the order of a batch of plain manifest lines checked at
once (verify.manifest._Reader._check_run) refuses what the check of each line
refuses, with the same message at the same path; the walk's shortcut for
regular files (verify.corpus._scan) sorts entries as before."""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import verify.check
import verify.manifest
from verify.cli import main
from verify.corpus import _scan, walk, walk_plain
from verify.errors import ManifestError, VerifyError
from verify.manifest import BATCH, _Reader, _SpanReader, open_manifest_light

from tests.test_check_split import record_as
from tests.test_walk_stream import random_tree

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


# --------------------------------------------------------------------------- walk_plain


def _plain_tree(root: Path) -> None:
    """Plain names only, interleaving around '/' ('a-b/' < 'a.txt' < 'a/'), nested,
    with what the walk leaves out (hidden entries, sources.toml at the top)."""
    for i in range(40):
        folder = root / f"d{i % 4}" / ("deep" if i % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i:03d}.txt").write_text(f"Document {i}.\n" * (i + 1))
    for name in ("a", "a-b", "a b", "a+b", "a.b"):
        (root / name).mkdir()
        (root / name / "x.txt").write_text(name + "\n")
    (root / "a.txt").write_text("a.txt\n")
    (root / "d0" / " lead.txt").write_text("plain below the top\n")
    (root / "d0" / "sources.toml").write_text("a source below the top\n")
    (root / "sources.toml").write_text("")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("hidden\n")
    (root / "d1" / ".dot.txt").write_text("hidden\n")


def _rows(root: Path, skip: tuple[Path, ...] = (),
          span: tuple[str | None, str | None] = (None, None)) -> list[tuple[object, ...]]:
    return [tuple(f) for f in walk(root, (), skip, span)]


def test_walk_plain_is_the_walk_on_a_plain_tree(tmp_path: Path) -> None:
    root = tmp_path / "c"
    _plain_tree(root)
    outside = tmp_path / "m.json"
    outside.write_text("{}\n")
    names = [f.name for f in walk(root)]
    assert "d0/sources.toml" in names and "sources.toml" not in names and len(names) == 48
    bounds: list[tuple[str | None, str | None]] = [(None, None), ("a/", "b"), ("a-", None),
                                                   (None, "d2/deep"), ("zz", None)]
    for i in range(0, len(names), 5):
        for j in range(i, len(names), 7):
            bounds += [(names[i], names[j]), (None, names[j]), (names[i], None),
                       (names[i] + "\x00", names[j])]
    for span in bounds:
        assert walk_plain(root, (outside,), span) == _rows(root, (outside,), span), span


def test_walk_plain_is_the_walk_on_random_plain_trees(tmp_path: Path) -> None:
    """Names from the characters whose order around '/' matters; a letter first at the top."""
    root = tmp_path / "c"
    random_tree(root, random.Random(11), letter_first=True)
    names = [f.name for f in walk(root)]
    assert len(names) > 100
    for span in [(None, None)] + [(names[i], names[i + 40]) for i in range(0, len(names) - 40, 17)]:
        assert walk_plain(root, (), span) == _rows(root, (), span)


def _odd(root: Path, kind: str) -> Path | None:
    """Put one entry that is not a plain file in ``root``; the manifest for 'manifest'."""
    if kind == "link-file":
        (root / "d2" / "link.txt").symlink_to("f002.txt")
    elif kind == "link-folder":
        (root / "d2" / "link").symlink_to("../d1", target_is_directory=True)
    elif kind == "dangling":
        (root / "d2" / "dangling").symlink_to("nowhere")
    elif kind == "fifo":
        os.mkfifo(root / "d2" / "pipe.txt")
    elif kind == "bytes":
        with open(os.fsencode(root) + b"/d2/latin\xe9.txt", "wb") as stream:
            stream.write(b"latin-1\n")
    elif kind == "nfd":
        (root / "d2" / unicodedata.normalize("NFD", "caf\u00e9.txt")).write_text("nfd\n")
    elif kind == "kelvin":
        (root / "\u212a.txt").write_text("K in NFC\n")
    elif kind == "lead":
        (root / " lead.txt").write_text("not plain at the top\n")
    elif kind == "drive":
        (root / "C:x.txt").write_text("drive-like\n")
    elif kind == "manifest":
        (root / "d2" / "manifest.json").write_text("{}\n")
        return root / "d2" / "manifest.json"
    return None


_ODD = ["link-file", "link-folder", "dangling", "fifo", "bytes", "nfd", "kelvin", "lead", "drive",
        "manifest"]


@pytest.mark.parametrize("kind", _ODD)
def test_walk_plain_declines_what_is_not_a_plain_file(tmp_path: Path, kind: str) -> None:
    """Anything that is not a plain file where it scans: None (the walk then tells
    what it is); a span whose folders it does not scan is still walked plain."""
    root = tmp_path / "c"
    _plain_tree(root)
    skip = _odd(root, kind)
    skipped = () if skip is None else (skip,)
    assert walk_plain(root, skipped) is None
    assert walk_plain(root, skipped, ("d2/", "d3")) is None or kind in ("kelvin", "lead", "drive")
    assert walk_plain(root, skipped, ("d3/", None)) == _rows(root, skipped, ("d3/", None)) or (
        kind in ("kelvin", "lead", "drive"))  # at the top: every span scans the top


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each walk_columns of a split check (in the forked processes: through a pipe) gave columns."""
    read, write = os.pipe()
    real = verify.check.walk_columns

    def spied(*args, **kwargs):  # type: ignore[no-untyped-def]
        rows = real(*args, **kwargs)
        os.write(write, b"1" if rows is not None else b"0")
        return rows

    monkeypatch.setattr(verify.check, "walk_columns", spied)
    seen: list[bool] = []

    def collect() -> list[bool]:
        os.close(write)
        with os.fdopen(read, "rb") as stream:
            seen.extend(c == ord("1") for c in stream.read())
        return seen

    monkeypatch.setattr(verify.check, "_spy_collect", collect, raising=False)
    return seen


def _check(root: Path, manifest: Path, jobs: int) -> verify.check.CheckReport:
    with open_manifest_light(manifest) as (header, entries):
        return verify.check.check_manifest(header, root, manifest_path=manifest, jobs=jobs,
                                           entries=entries)


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify.check, "SPLIT_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPAN_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPANS_PER_WORKER", 6)


@pytest.mark.parametrize("odd", [None, "link-file", "fifo", "nfd"])
def test_a_split_check_of_a_plain_tree_gives_the_verdicts_of_one_process(
        tmp_path: Path, split: None, monkeypatch: pytest.MonkeyPatch, odd: str | None) -> None:
    """Every verdict at once (modified, missing, new, moved across folders, a file
    replaced by a link or a FIFO, an odd name new), span by span with the plain
    walk where it can, and the walk where it cannot."""
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _plain_tree(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    (root / "d1" / "f001.txt").write_text("changed\n")
    (root / "d2" / "f002.txt").unlink()
    (root / "d3" / "brand-new.txt").write_text("new\n")
    os.replace(root / "d0" / "f004.txt", root / "zz-moved.txt")
    os.replace(root / "a" / "x.txt", root / "d3" / "x-moved.txt")
    if odd is not None:
        _odd(root, odd)
    serial = _check(root, manifest, jobs=1)
    seen = _spy(monkeypatch)
    split_report = _check(root, manifest, jobs=2)
    verify.check._spy_collect()  # type: ignore[attr-defined]
    assert split_report == serial and not serial.passed
    assert len(seen) > 4 and any(seen) and (all(seen) or odd is not None) and (
        odd is None or not all(seen))
    assert [m.path for m in serial.modified] == ["d1/f001.txt"]
    assert serial.missing == ("d2/f002.txt",)
    assert {(m.old_path, m.new_path) for m in serial.moved} == {
        ("a/x.txt", "d3/x-moved.txt"), ("d0/f004.txt", "zz-moved.txt")}
    assert "d3/brand-new.txt" in serial.new


def test_files_replaced_after_the_plain_walk_are_refused(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain walk's inode is the file's identity, as the walk's: another file
    put in its place is never read as it, even with the digest the manifest records."""
    monkeypatch.setattr(verify.check, "SPLIT_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPAN_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPANS_PER_WORKER", 1)
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _plain_tree(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    names = sorted(f"d1/{p.name}" for p in (root / "d1").glob("f*.txt"))
    swapped = b"put in its place\n"
    record_as(manifest, names, swapped)
    real = verify.check.walk_columns

    def walked(*args, **kwargs):  # type: ignore[no-untyped-def]
        columns = real(*args, **kwargs)
        for name in columns.names if columns is not None else ():
            if name in names:
                fresh = tmp_path / name.replace("/", "-")
                fresh.write_bytes(swapped)
                os.replace(fresh, root / name)
        return columns

    monkeypatch.setattr(verify.check, "walk_columns", walked)
    report = _check(root, manifest, jobs=2)
    assert len(names) == 7 and not set(names) & set(report.matched) and not report.passed
    assert [(p.path, "replaced" in p.message) for p in report.errors] == [(n, True) for n in names]


def test_a_worker_that_dies_in_the_plain_walk_is_an_error(tmp_path: Path, split: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _plain_tree(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    real = verify.check.walk_columns

    def dying(root: Path, skip: list[Path], span: tuple[str | None, str | None]):  # type: ignore[no-untyped-def]
        if span[0] is not None:
            os._exit(3)
        return real(root, skip, span)

    monkeypatch.setattr(verify.check, "walk_columns", dying)
    with pytest.raises(VerifyError, match="died"):
        _check(root, manifest, jobs=2)
