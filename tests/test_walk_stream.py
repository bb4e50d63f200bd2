"""The streamed walk (``iter_walk``, what a build uses) gives what ``walk`` gives,
in the same order, on trees whose names interleave across folders, need escapes
or NFC, are twins, links, FIFOs, hidden, excluded or skipped."""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

from verify.corpus import TWINS, CorpusFile, iter_walk, walk

from tests.test_check_split import _change, _corpus


def _same(root: Path, exclude: tuple[str, ...] = (), skip: tuple[Path, ...] = ()) -> list[CorpusFile]:
    whole = walk(root, exclude, skip)
    streamed = list(iter_walk(root, exclude, skip))
    # a twin keeps one of the disk paths (never read); everything else is identical
    assert [f._replace(path="") if f.problem == TWINS else f for f in streamed] == [
        f._replace(path="") if f.problem == TWINS else f for f in whole]
    assert [f.name for f in streamed] == sorted(f.name for f in streamed)
    return streamed


def test_the_stream_is_the_walk_on_odd_trees(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    _corpus(root)
    _change(root)  # NFC twins among them
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("hidden\n")
    (root / ".dot.txt").write_text("hidden\n")
    (root / "sources.toml").write_text("")
    (root / "d0" / "sources.toml").write_text("a source below the top\n")
    (root / "K.txt").write_text("K\n")
    (root / "\u212a.txt").write_text("Kelvin: K in NFC, a twin of K.txt\n")
    (root / "C:x.txt").write_text("a drive-like name, escaped\n")
    (root / " lead.txt").write_text("not plain at the top\n")
    (root / "d0" / " lead.txt").write_text("plain below it\n")
    (root / "caf\u00e9").mkdir()
    (root / "caf\u00e9" / "one.txt").write_text("1\n")
    (root / unicodedata.normalize("NFD", "caf\u00e9")).mkdir()
    (root / unicodedata.normalize("NFD", "caf\u00e9") / "one.txt").write_text("twin\n")
    (root / unicodedata.normalize("NFD", "caf\u00e9") / "two.txt").write_text("2\n")
    for name in ("a+b", "a,b", "a=b", "a~b", "a@b", "a_b", "a b", "a.b", "a-b.txt", "a0"):
        (root / name).mkdir(exist_ok=True)
        (root / name / "f.txt").write_text(name + "\n")
        (root / (name + ".txt")).write_text(name + "\n")
    os.mkfifo(root / "d1" / "pipe.txt")
    (root / "d2" / "dangling").symlink_to("nowhere")
    found = _same(root)
    names = [f.name for f in found]
    assert "K.txt" in names and [f.problem for f in found if f.name == "K.txt"] == [TWINS]
    assert [f.problem for f in found if f.name == "caf\u00e9/one.txt"] == [TWINS]
    assert "caf\u00e9/two.txt" in names and "d0/sources.toml" in names and "sources.toml" not in names
    assert not any(n.startswith(".") or "/." in n for n in names)
    _same(root, exclude=("d1/*", "*.txt~", "a?b/*"))
    manifest = root / "d3" / "manifest.json"
    manifest.write_text("{}\n")
    assert "d3/manifest.json" not in [f.name for f in _same(root, skip=(manifest,))]


def test_the_stream_is_the_walk_on_random_plain_trees(tmp_path: Path) -> None:
    """Names from the characters whose order around '/' matters (' ', '+', ',', '-', '.')."""
    root = tmp_path / "corpus"
    random_tree(root, random.Random(7))
    assert len(_same(root)) > 100


def random_tree(root: Path, rng: random.Random, letter_first: bool = False) -> None:
    """300 files named from the characters whose order around '/' matters (an "x"
    before a leading dot; before every name at the top with ``letter_first``)."""
    root.mkdir()
    chars = "ab-. +,_0~"
    for _ in range(300):
        depth = rng.randint(0, 3)
        parts = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 3))) for _ in range(depth + 1)]
        parts = [("x" + p) if p.startswith(".") or (letter_first and i == 0) else p
                 for i, p in enumerate(parts)]
        folder = root.joinpath(*parts[:-1])
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / parts[-1]).write_text("x\n")
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue  # a file where a folder is wanted, or the other way round


def test_the_stream_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first file comes before the last folder is listed (plain names)."""
    for i in range(5):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "f.txt").write_text("x\n")
    listed: list[str] = []
    real = os.scandir

    def counting(path):  # type: ignore[no-untyped-def]
        listed.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    stream = iter_walk(tmp_path)
    first = next(stream)
    assert first.name == "d0/f.txt"
    plain_listings = listed[6:]  # after the first walk for odd names (all 6 folders)
    assert "d4" not in plain_listings
    assert [f.name for f in stream] == [f"d{i}/f.txt" for i in range(1, 5)]
