"""A span checked as columns (docs/scale.md, "Ninth pass"): the manifest read a
block of lines at a time (``EntryStream.blocks``, ``_plain_block``), the walk as
columns (``walk_columns``) and a plain block hashed and compared at once
(``_Run.pair_columns``, ``_Run._hash_block``) give exactly what the line-by-line
reader (``EntryStream.read``, ``_PLAIN_TEXT`` the reference) and the pairing of
one process give: the same entries, the same error, the same report."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import verify.check
import verify.corpus
import verify.manifest
from verify.cli import main
from verify.corpus import walk, walk_columns
from verify.errors import ManifestError
from verify.manifest import _PLAIN_TEXT, _plain_block, open_manifest_light

from tests.test_check_fast import _check, _plain_tree, split  # noqa: F401  (split: the fixture)
from tests.test_check_lines import _damaged, _valid
from tests.test_walk_stream import random_tree

_V = '{"path":"a/b.txt","raw_sha256":"sha256:' + "0" * 64 + '","size":12}\n'


def _reference(text: str) -> list[tuple[str, int, str, str]] | None:
    """Each line of ``text`` matched by the reference pattern, or None."""
    lines = io.StringIO(text, newline="\n").readlines()  # only "\n" ends a line
    matches = [_PLAIN_TEXT.match(line) for line in lines]
    if not lines or None in matches:
        return None
    return [(m.group("path"), int(m.group("size")), m.group("raw"), line)  # type: ignore[union-attr]
            for m, line in zip(matches, lines, strict=True)]


@given(st.lists(st.one_of(_valid(), _damaged()), min_size=1, max_size=8))
@example([_V])
@example([_V, "x" + _V])
@example([_V + "junk\n"])
@example([_V[:-1]])
@example([_V.replace("b.txt", "b\u2028.txt")])
@example([_V, _V.replace('"size"', '"size"\n')])
@example([_V.replace("0" * 64, "A" * 64)])  # upper case: not a raw digest
@example([_V.replace("0" * 64, "0" * 63 + '"')])
@example([_V.replace("0" * 64, "0" * 63 + "\u00e9")])
@example([_V.replace("0" * 64, "0" * 63 + "\x00")])
@example([_V.replace("0" * 64, "0" * 63 + " ")])
@example([_V.replace("0" * 64, "0" * 65)])
@example([_V, _V.replace("0" * 64, "0" * 62 + "-1")])
def test_a_block_is_judged_as_each_of_its_lines(texts: list[str]) -> None:
    """Plain with the reference's path, digest and size for every line, or None."""
    text = "".join(texts)
    block = _plain_block(text.encode("utf-8"))
    expected = _reference(text)
    assert (None if block is None else block.lines()) == expected
    if block is not None:
        assert list(block.hexes) == [raw.removeprefix("sha256:") for _, _, raw, _ in expected or ()]
        assert block.digits == "".join(block.hexes)


def test_a_block_that_is_not_utf8_is_not_plain() -> None:
    assert _plain_block(_V.encode() + b'{"path":"\xff"}\n') is None
    assert _plain_block(_V.encode()) is not None


# ------------------------------------------------------------- blocks == read


_HEADER: bytes | None = None


def _header() -> bytes:
    global _HEADER
    if _HEADER is None:
        with tempfile.TemporaryDirectory() as base:
            root, manifest = Path(base) / "c", Path(base) / "m.json"
            root.mkdir()
            (root / "a.txt").write_text("a\n")
            assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
            _HEADER = manifest.read_bytes().splitlines(keepends=True)[0]
    return _HEADER


def _line(path: str, data: bytes) -> str:
    return json.dumps({"path": path, "raw_sha256": "sha256:" + hashlib.sha256(data).hexdigest(),
                       "size": len(data)}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False) + "\n"


_PATHS = st.lists(st.from_regex(r"[a-c][a-c./é-]{0,4}", fullmatch=True), min_size=1, max_size=40,
                  unique=True).map(sorted)


def _outcome(manifest: Path, parts: int, blocks: bool) -> tuple[str, list[object]]:
    seen: list[object] = []
    try:
        with open_manifest_light(manifest) as (_, entries):
            for span in [entries.whole] if parts == 1 else entries.spans(parts):
                if not blocks:
                    seen.extend(entries.read(span))
                    continue
                for block in entries.blocks(span):
                    seen.extend(block if isinstance(block, list) else block.lines())
    except ManifestError as exc:
        return f"{type(exc).__name__}: {exc}", []
    return "ok", seen


@settings(max_examples=150, deadline=None)
@given(paths=_PATHS, damage=st.sampled_from(["none", "swap", "duplicate", "damaged", "space",
                                              "truncate", "long"]),
       at=st.integers(0, 39), junk=_damaged(), parts=st.sampled_from([1, 2, 3, 5]),
       block=st.sampled_from([1, 90, 300, 1 << 18]))
def test_blocks_read_as_the_lines(paths: list[str], damage: str, at: int, junk: str, parts: int,
                                  block: int) -> None:
    """A manifest of plain and other lines, sorted or damaged, whole or in spans,
    read a block at a time of any size: the entries and the error of the lines."""
    body = [_line(p, p.encode()) for p in paths]
    at %= len(body)
    if damage == "swap" and len(body) > 1:
        body[at - 1], body[at] = body[at], body[at - 1]
    elif damage == "duplicate":
        body.insert(at, body[at])
    elif damage == "damaged":
        body[at] = junk
    elif damage == "space":  # not plain, valid all the same
        body[at] = " " + body[at]
    elif damage == "truncate":
        body[-1] = body[-1][:-1]
    elif damage == "long":
        body[at] = _line("a" * 400, b"long")  # a line longer than the block
    with tempfile.TemporaryDirectory() as base:
        manifest = Path(base) / "m.json"
        manifest.write_bytes(_header() + "".join(body).encode("utf-8"))
        saved = verify.manifest.BLOCK_BYTES
        verify.manifest.BLOCK_BYTES = block
        try:
            assert _outcome(manifest, parts, True) == _outcome(manifest, parts, False)
        finally:
            verify.manifest.BLOCK_BYTES = saved


def test_a_line_over_the_limit_in_a_block_is_refused_as_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A block longer than a line may be is read line by line: the limit's error."""
    body = [_line("a" * 300 + f"{i:03d}", b"x") for i in range(50)]  # longer than the header
    manifest = tmp_path / "m.json"
    manifest.write_bytes(_header() + "".join(body).encode())
    monkeypatch.setattr(verify.manifest, "MAX_LINE_BYTES", len(body[0]) + 10)
    assert _outcome(manifest, 1, True) == _outcome(manifest, 1, False) == ("ok", _outcome(
        manifest, 1, False)[1])
    monkeypatch.setattr(verify.manifest, "MAX_LINE_BYTES", len(body[0]) - 1)
    got = _outcome(manifest, 1, True)
    assert got == _outcome(manifest, 1, False) and "over the limit" in got[0]


# ----------------------------------------------------------------- walk_columns


def test_walk_columns_hold_each_file_in_its_folder(tmp_path: Path) -> None:
    """Names, folders and file names agree row by row, in the walk's order (a
    folder's name sorts around '/'), and the inodes are the walk's."""
    root = tmp_path / "c"
    random_tree(root, random.Random(5), letter_first=True)
    _plain_tree(tmp_path / "p")
    for top in (root, tmp_path / "p"):
        columns = walk_columns(top)
        assert columns is not None
        files = walk(top)
        assert columns.names == [f.name for f in files] and len(files) > 40
        assert columns.inodes == [f.identity for f in files]
        assert [f"{d}/{n}" if d else n for d, n in zip(columns.folders, columns.filenames,
                                                       strict=True)] == columns.names


@pytest.mark.parametrize("at_once", [1, 3, 512])
def test_walk_columns_judge_a_folder_a_part_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      at_once: int) -> None:
    """A folder judged in parts of any size: the walk's files in every span, and an
    odd name in any part (before the span, in it, after it) declines."""
    monkeypatch.setattr(verify.corpus, "_FILES_AT_ONCE", at_once)
    root = tmp_path / "c"
    random_tree(root, random.Random(3), letter_first=True)
    (root / "big").mkdir()
    for i in range(40):
        (root / "big" / f"f{i:02d}.txt").write_text(f"{i}\n")
    (root / "big" / ".hidden").write_text("h\n")
    names = [f.name for f in walk(root)]
    spans = [(None, None), ("big/f05", "big/f31"), ("big/f10.txt", None), (None, "big/f00.txt")]
    spans += [(names[i], names[i + 30]) for i in range(0, len(names) - 30, 23)]
    for span in spans:
        columns = walk_columns(root, (), span)
        assert columns is not None and columns.names == [f.name for f in walk(root, (), (), span)]
    for odd in ("big/A\u00e9.txt", "big/f20\u00e9.txt", "big/z\u00e9.txt"):
        (root / odd).write_text("odd\n")
        for span in spans[:4]:
            assert walk_columns(root, (), span) is None, (odd, span)
        (root / odd).unlink()


@pytest.mark.parametrize("name", ["\u00e9.txt", " lead.txt", "new\nline.txt", ".hidden", "sources.toml"])
def test_walk_columns_judge_a_folder_name_by_name(tmp_path: Path, name: str) -> None:
    """At the top and below it: declined (odd names), skipped (hidden, sources.toml
    at the top) or kept (a space first below the top), as the walk does."""
    for folder in ("", "sub"):
        root = tmp_path / f"c{folder}"
        (root / "sub").mkdir(parents=True)
        (root / "sub" / "plain.txt").write_text("p\n")
        (root / folder / name).write_text("x\n")
        columns = walk_columns(root)
        names = [f.name for f in walk(root)]
        odd = name in ("\u00e9.txt", "new\nline.txt") or (name == " lead.txt" and not folder)
        if odd:
            assert columns is None, (folder, name)
        else:
            assert columns is not None and columns.names == names, (folder, name)
        # the same name as a folder's, with a plain file in it
        (root / folder / name).unlink()
        (root / folder / name).mkdir()
        (root / folder / name / "x.txt").write_text("x\n")
        columns = walk_columns(root)
        names = [f.name for f in walk(root)]
        if odd:
            assert columns is None, (folder, name, "folder")
        else:
            assert columns is not None and columns.names == names, (folder, name, "folder")
            assert (name == ".hidden") != any(n.endswith(name + "/x.txt") for n in names)


# ------------------------------------------------- pair_columns == one process


def _tree(root: Path) -> None:
    for i in range(120):
        folder = root / f"d{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i:03d}.txt").write_text(f"Document {i}.\n" * (i % 7 + 1))


def _columns_report(root: Path, manifest: Path, parts: int) -> verify.check.CheckReport:
    """The check of one process, with every span paired by pair_columns."""
    with open_manifest_light(manifest) as (header, entries):
        run = verify.check._Run(header, root, False, manifest, None, None, False, None)
        for span in entries.spans(parts) if parts > 1 else [entries.whole]:
            part = verify.check._Run(header, root, False, manifest, 1, None, False, None)
            files = walk_columns(root, [manifest], (span.low, span.high))
            assert files is not None
            part.pair_columns(entries.blocks(span), files)
            part._flush(final=True)
            run.absorb(part.share())
        return run.finish()


@pytest.mark.parametrize("block", [100, 3000, 1 << 18])
@pytest.mark.parametrize("change", ["none", "content", "size", "missing", "new", "both", "space",
                                    "large", "replaced", "directory"])
def test_a_span_paired_as_columns_is_the_check_of_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, change: str) -> None:
    """Every verdict a plain file can get, inside a block, at its edges and between
    blocks, with blocks of a line or two up to the whole manifest."""
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _tree(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    lines = manifest.read_bytes().splitlines(keepends=True)
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    picked = names[::17]
    if change in ("content", "both"):
        for name in picked:  # same size, other bytes
            data = (root / name).read_bytes()
            (root / name).write_bytes(data[:-2] + b"X\n")
    if change == "size":  # the recorded digest, another size: the manifest was edited
        lines = [line.replace(b'"size":', b'"size":1', 1) if b'"d1/f004.txt"' in line else line
                 for line in lines]
    if change in ("missing", "both"):
        for name in names[5::23]:
            (root / name).unlink()
    if change in ("new", "both"):
        for name in names[3::19]:
            (root / (name + "-new.txt")).write_text("new\n")
        (root / "zz.txt").write_text("last\n")
        (root / "0.txt").write_text("first\n")
    if change == "space":  # lines that are not plain, valid all the same
        lines = [b" " + line if i % 9 == 0 and i else line for i, line in enumerate(lines)]
    if change == "large":  # read by the longer way, its digest in the columns all the same
        monkeypatch.setattr(verify.check, "SMALL_FILE", 60)
    if change == "replaced":  # another file with the recorded bytes, after the walk
        real = verify.check.walk_columns

        def walked(*args, **kwargs):  # type: ignore[no-untyped-def]
            columns = real(*args, **kwargs)
            for name in picked:
                fresh = tmp_path / "fresh"
                fresh.write_bytes((root / name).read_bytes())
                os.replace(fresh, root / name)
            return columns

        monkeypatch.setattr(verify.check, "walk_columns", walked)
    if change == "directory":  # a folder gone after the walk: each file cannot be read
        real_dir = verify.check.walk_columns

        def gone(*args, **kwargs):  # type: ignore[no-untyped-def]
            columns = real_dir(*args, **kwargs)
            if (root / "d1").exists():
                os.rename(root / "d1", tmp_path / "d1-away")
            return columns

        monkeypatch.setattr(verify.check, "walk_columns", gone)
    manifest.write_bytes(b"".join(lines))
    monkeypatch.setattr(verify.manifest, "BLOCK_BYTES", block)
    if change in ("replaced", "directory"):
        # the walk and the reading of one process: what it says after the same change
        with open_manifest_light(manifest) as (header, entries):
            files = verify.check.walk_columns(root, [manifest])
            assert files is not None
            run = verify.check._Run(header, root, False, manifest, 1, None, False, None)
            run.pair_columns(entries.blocks(entries.whole), files)
            report = run.finish()
        expected_bad = picked if change == "replaced" else [n for n in names if n.startswith("d1/")]
        assert sorted(p.path for p in report.errors) == sorted(expected_bad)
        assert not set(expected_bad) & set(report.matched) and len(report.matched) == len(
            names) - len(expected_bad)
        return
    serial = _check(root, manifest, jobs=1)
    for parts in (1, 3):
        assert _columns_report(root, manifest, parts) == serial, (parts, change)
    assert serial.passed == (change in ("none", "space", "large"))
    assert len(serial.matched) > 60 and serial.bytes_hashed > 0
    if change == "size":
        assert [p.path for p in serial.errors] == ["d1/f004.txt"]


@pytest.mark.usefixtures("split")
def test_a_split_check_pairs_columns_in_its_processes(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked processes of a split check, with blocks of a few lines: the
    report of one process."""
    monkeypatch.setattr(verify.manifest, "BLOCK_BYTES", 500)
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _tree(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    (root / "d0" / "f003.txt").write_text("changed\n")
    (root / "d2" / "f005.txt").unlink()
    (root / "d1" / "f004.txt-new").write_text("new\n")
    serial = _check(root, manifest, jobs=1)
    assert _check(root, manifest, jobs=2) == serial and len(serial.matched) == 118
    assert [m.path for m in serial.modified] == ["d0/f003.txt"]
