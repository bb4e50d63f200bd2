"""A plain check split by name range over forked processes (verify.check._split)
gives the verdicts of the check in one process, and refuses what it refuses."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import unicodedata
from pathlib import Path

import pytest

import verify.check
from verify.check import CheckReport, check_manifest
from verify.cli import main
from verify.errors import ManifestError
from verify.manifest import open_manifest_light


def _corpus(root: Path) -> None:
    """Names that interleave across folders ('a.txt' < 'a/...'; 'a-b/' < 'a.txt'),
    odd bytes, a newline, NFD, a combining mark after a folder, links in and out."""
    for i in range(60):
        folder = root / f"d{i % 7}" / ("deep" if i % 5 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i:03d}.txt").write_text(f"Document {i}.\n" * (i + 1))
    (root / "a").mkdir()
    (root / "a" / "x.txt").write_text("a/x\n")
    (root / "a-b").mkdir()
    (root / "a-b" / "y.txt").write_text("a-b/y\n")
    (root / "a.txt").write_text("a.txt\n")
    (root / "b c").mkdir()
    (root / "b c" / "z.txt").write_text("b c/z\n")
    odd = os.fsencode(root) + b"/d1/latin\xe9-\xff.txt"
    with open(odd, "wb") as stream:
        stream.write(b"latin-1 name\n")
    (root / "d2" / "new\nline.txt").write_text("newline\n")
    (root / "d3" / unicodedata.normalize("NFD", "café.txt")).write_text("nfd\n")
    (root / "\u00e9t\u00e9").mkdir()
    (root / "\u00e9t\u00e9" / "\u0301accent.txt").write_text("combining first\n")
    (root / "d4" / "inside-link").symlink_to("../a.txt")
    (root / "d5" / "outside-link").symlink_to("/etc/hostname")
    (root / "linked-folder").symlink_to("a", target_is_directory=True)
    (root / "zz-last.txt").write_text("last\n")


def _change(root: Path) -> None:
    """Every verdict at once: modified, missing, new, moved across folders, a link changed."""
    (root / "d1" / "f001.txt").write_text("changed\n")
    (root / "d2" / "f002.txt").unlink()
    (root / "d6" / "brand-new.txt").write_text("new\n")
    os.replace(root / "d0" / "f007.txt", root / "zz-moved.txt")  # f007 is in d0
    os.replace(root / "a" / "x.txt", root / "d3" / "x-moved.txt")
    (root / "d4" / "inside-link").unlink()
    (root / "d4" / "inside-link").symlink_to("../zz-last.txt")
    (root / "d6" / "twin-\u00e9.txt").write_text("nfc\n")
    (root / "d6" / unicodedata.normalize("NFD", "twin-\u00e9.txt")).write_text("nfd twin\n")


def _check(root: Path, manifest: Path, jobs: int) -> CheckReport:
    with open_manifest_light(manifest) as (header, entries):
        return check_manifest(header, root, manifest_path=manifest, jobs=jobs, entries=entries)


def _count_spans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many name ranges each split check was cut into (one number per check)."""
    spans: list[int] = []
    real_fork_map = verify.check.fork_map

    def counted(fn, items, workers):  # type: ignore[no-untyped-def]
        spans.append(len(items))
        return real_fork_map(fn, items, workers)

    monkeypatch.setattr(verify.check, "fork_map", counted)
    return spans


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split however small: many spans of a few lines each."""
    monkeypatch.setattr(verify.check, "SPLIT_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPAN_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPANS_PER_WORKER", 40)


@pytest.mark.parametrize("changed", [False, True])
def test_a_split_check_gives_the_verdicts_of_one_process(tmp_path: Path, split: None,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         changed: bool) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    if changed:
        _change(root)
    serial = _check(root, manifest, jobs=1)
    spans = _count_spans(monkeypatch)
    split_report = _check(root, manifest, jobs=2)
    assert spans and spans[0] > 10  # it was split, into many ranges
    assert split_report == serial
    assert serial.passed is not changed
    if changed:
        assert [m.path for m in serial.modified] == ["d1/f001.txt", "d4/inside-link"]
        assert serial.missing == ("d2/f002.txt",)
        assert {(m.old_path, m.new_path) for m in serial.moved} == {
            ("a/x.txt", "d3/x-moved.txt"), ("d0/f007.txt", "zz-moved.txt")}
        assert serial.new == ("d6/brand-new.txt",)
        assert [p.path for p in serial.errors] == ["d6/twin-\u00e9.txt"]  # twins: never read
    assert [p.path for p in serial.outside] == ["d5/outside-link"]


def _lines(manifest: Path) -> list[bytes]:
    return manifest.read_bytes().splitlines(keepends=True)


def record_as(manifest: Path, names: list[str], data: bytes) -> None:
    """Make the manifest record ``data`` (digest and size) for each of ``names``."""
    lines = _lines(manifest)
    for i, line in enumerate(lines[1:], 1):
        entry = json.loads(line)
        if entry["path"] in names:
            entry.update(raw_sha256="sha256:" + hashlib.sha256(data).hexdigest(), size=len(data))
            lines[i] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    manifest.write_bytes(b"".join(lines))


@pytest.mark.parametrize("damage", ["swap", "duplicate", "truncate", "garbage", "unsafe"])
def test_a_split_check_refuses_a_damaged_manifest(tmp_path: Path, split: None, damage: str) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    lines = _lines(manifest)
    head, body = lines[0], lines[1:]
    middle = len(body) // 2
    if damage == "swap":  # far apart: each half in order on its own
        body[3], body[-3] = body[-3], body[3]
    elif damage == "duplicate":
        body.insert(middle, body[middle])
    elif damage == "truncate":
        body[-1] = body[-1][:-1]
    elif damage == "garbage":
        body[middle] = b'{"path":"x"\n'
    else:
        body[middle] = body[middle].replace(b'"path":"', b'"path":"../', 1)
    manifest.write_bytes(head + b"".join(body))
    with pytest.raises(ManifestError):
        _check(root, manifest, jobs=1)
    with pytest.raises(ManifestError):
        _check(root, manifest, jobs=2)


def test_spans_cover_every_line_once_in_order(tmp_path: Path) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    with open_manifest_light(manifest) as (_, entries):
        whole = [e if isinstance(e, tuple) else e.path for e in entries]
        for parts in (1, 2, 3, 7, 50, 500):
            spans = entries.spans(parts)
            assert 1 <= len(spans) <= parts
            assert spans[0].low is None and spans[-1].high is None and spans[-1].end is None
            assert all(a.end == b.start and a.high == b.low for a, b in itertools.pairwise(spans))
            joined = [e if isinstance(e, tuple) else e.path for s in spans for e in entries.read(s)]
            assert joined == whole


def test_a_worker_that_dies_is_an_error_not_a_pass(tmp_path: Path, split: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    real_walk = verify.check.walk

    def dying(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("span", args[3] if len(args) > 3 else (None, None))[0] is not None:
            os._exit(3)  # in a forked child: as a crash would
        return real_walk(*args, **kwargs)

    monkeypatch.setattr(verify.check, "walk", dying)
    with pytest.raises(verify.check.VerifyError, match="died"):
        _check(root, manifest, jobs=2)


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_replaced_between_walk_and_read_are_refused(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         jobs: int) -> None:
    """The walk's inode is a file's identity: another file put in its place after
    the walk is never read as it, split or not, first of its folder or not, even
    with the digest (and size) the manifest records, so that a pass would be a lie."""
    monkeypatch.setattr(verify.check, "SPLIT_BYTES", 1)  # two spans: several files of d1 in one
    monkeypatch.setattr(verify.check, "SPAN_BYTES", 1)
    monkeypatch.setattr(verify.check, "SPANS_PER_WORKER", 1)
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    names = sorted(f"d1/{p.name}" for p in (root / "d1").glob("f*.txt"))
    swapped = b"put in its place\n"
    record_as(manifest, names, swapped)
    real_walk = verify.check.walk

    def walked(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real_walk(*args, **kwargs)
        for item in found:  # in the process that reads them
            if item.name in names:
                # A new inode (the old one is still in use), one temporary file per
                # name: the processes of a split check may swap at the same time.
                fresh = tmp_path / item.name.replace("/", "-")
                fresh.write_bytes(swapped)
                os.replace(fresh, root / item.name)
        return found

    monkeypatch.setattr(verify.check, "walk", walked)
    spans = _count_spans(monkeypatch)
    report = _check(root, manifest, jobs=jobs)
    assert len(names) == 7 and len(spans) == (jobs > 1) and (jobs == 1 or spans[0] > 1)
    assert not set(names) & set(report.matched) and not report.passed
    assert [(p.path, "replaced" in p.message) for p in report.errors] == [(n, True) for n in names]


def test_a_span_refuses_a_path_outside_its_bounds(tmp_path: Path) -> None:
    """What makes parts in order a whole in order: a path at or above the next
    part's first path, or a first path that is not the one the cut was made at."""
    from dataclasses import replace

    from verify.errors import UnsafePath

    root, manifest = tmp_path / "c", tmp_path / "m.json"
    _corpus(root)
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    with open_manifest_light(manifest) as (_, entries):
        first, second = entries.spans(2)
        paths = [e[0] if isinstance(e, tuple) else e.path for e in entries.read(first)]
        assert len(list(entries.read(replace(first, high=paths[-1] + "\x00")))) == len(paths)
        with pytest.raises(UnsafePath, match="out of order"):
            list(entries.read(replace(first, high=paths[-1])))
        with pytest.raises(ManifestError, match="changed while it was read"):
            list(entries.read(replace(second, low=second.low + "x")))


def test_a_plain_folder_name_prefixes_every_name_under_it() -> None:
    """Why a folder can be skipped from its name alone (verify.corpus._outside):
    no character composes with "/" in NFC, so the manifest name of anything
    under a plain folder begins with the folder's name and "/"."""
    import sys

    from verify.manifest import encode_name

    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert unicodedata.normalize("NFC", "a/" + char).startswith("a/"), hex(code)
        if unicodedata.combining(char):
            assert encode_name(b"d0/" + char.encode() + b"\xff").startswith("d0/"), hex(code)


def test_a_short_manifest_of_large_files_is_split_a_file_or_so_a_span(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, manifest = tmp_path / "c", tmp_path / "m.json"
    root.mkdir()
    for i in range(6):
        (root / f"big{i}.bin").write_bytes(bytes([i]) * (50_000 + i))
    assert main(["build", str(root), "-m", str(manifest), "-q", "--hash-only", "-j", "1"]) == 0
    (root / "big3.bin").write_bytes(b"changed")
    serial = _check(root, manifest, jobs=1)
    spans = _count_spans(monkeypatch)
    assert _check(root, manifest, jobs=2) == serial and spans == []  # 300 KB: not worth a fork
    monkeypatch.setattr(verify.check, "POOL_BYTES", 100_000)
    assert _check(root, manifest, jobs=2) == serial and spans == [6]
    assert [m.path for m in serial.modified] == ["big3.bin"]
    assert serial.bytes_hashed == 5 * 50_000 + 12 + len(b"changed")


def test_results_are_taken_whole_however_the_pipe_cuts_them() -> None:
    """A child's results come as a length and a pickle each; the parent takes each one
    when it is whole, from reads cut anywhere, and never one that was cut short."""
    import pickle

    def message(index: int, value: object) -> bytes:
        payload = pickle.dumps((index, True, value))
        return len(payload).to_bytes(verify.check._LENGTH, "little") + payload

    stream = message(0, "a\nb") + message(1, ["x" * 300, 7])
    for cut in range(len(stream) + 1):
        for second in (cut, (cut + len(stream)) // 2):
            buffer: bytearray = bytearray()
            results: dict[int, tuple[bool, object]] = {}
            for piece in (stream[:cut], stream[cut:second], stream[second:]):
                verify.check._take(buffer, piece, results)
            assert results == {0: (True, "a\nb"), 1: (True, ["x" * 300, 7])} and not buffer
    buffer, results = bytearray(), {}
    verify.check._take(buffer, stream[:-1], results)  # the child died writing its second result
    assert list(results) == [0] and buffer
