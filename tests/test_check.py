"""Fixity: every scenario of `check`, all reported at once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from verify.build import build_manifest, write_build
from verify.check import check_manifest
from verify.cli import main
from verify.manifest import open_manifest, read_manifest
from verify.pipeline import Options

from helpers import DATA, SOURCES, dump_doc, read_doc


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample corpus and its freshly built manifest."""
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    shutil.copy(DATA / "pdf" / "pdflatex-4-pages.pdf", root / "latex.pdf")
    target = tmp_path / "manifest.json"
    write_build(build_manifest(root, manifest_path=target, jobs=1), target)
    return root, target


def _check(corpus: tuple[Path, Path], deep: bool = False):
    root, target = corpus
    return check_manifest(read_manifest(target), root, deep=deep, manifest_path=target, jobs=1)


def test_untouched_corpus_matches(corpus: tuple[Path, Path]) -> None:
    report = _check(corpus)
    assert report.passed
    assert len(report.matched) == len(read_manifest(corpus[1]).entries)


def test_every_discrepancy_is_reported_at_once(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    seed0 = root / "000_b115bc2835af3bd6.txt"
    seed0.write_text(seed0.read_text("utf-8").replace("in in this field", "in this field"), "utf-8")
    seed4 = root / "004_8725e6808ebab66c.txt"
    seed4.write_bytes(seed4.read_bytes().replace(b"\n", b"\r\n"))  # formatting only
    (root / "moved").mkdir()
    (root / "latex.pdf").rename(root / "moved" / "latex.pdf")
    (root / "003_471a1f005966c636.html").unlink()
    (root / "extra.txt").write_text("A new capture.\n")

    report = _check(corpus)
    assert not report.passed
    modified = {m.path: m for m in report.modified}
    assert set(modified) == {"000_b115bc2835af3bd6.txt", "004_8725e6808ebab66c.txt"}
    assert modified["000_b115bc2835af3bd6.txt"].content_changed is True
    assert modified["000_b115bc2835af3bd6.txt"].paragraphs == {"changed": [6], "added": [], "removed": []}
    assert modified["004_8725e6808ebab66c.txt"].content_changed is False
    assert [(m.old_path, m.new_path) for m in report.moved] == [("latex.pdf", "moved/latex.pdf")]
    assert report.missing == ("003_471a1f005966c636.html",)
    assert report.new == ("extra.txt",)
    assert "001_150b57b1f7e7ebd3.txt" in report.matched


def test_a_truncated_file_is_modified_and_its_error_told(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    pdf = root / "latex.pdf"
    pdf.write_bytes(pdf.read_bytes()[:2000])
    (m,) = _check(corpus).modified
    assert m.path == "latex.pdf"
    assert m.content_changed is None  # a truncated PDF cannot be read, so no verdict on content
    assert m.note is not None and m.note.startswith("cannot extract now: PDFium cannot open it")
    assert m.old_text is not None and m.new_text is None


def test_deep_check_reports_extractor_drift(corpus: tuple[Path, Path]) -> None:
    _, target = corpus
    doc = read_doc(target.read_bytes())
    for entry in doc["entries"]:
        if entry["path"] == "latex.pdf":  # as if an older extractor had produced other text
            entry["text_sha256"] = "sha256:" + "0" * 64
            entry["extractor"] = "pypdfium2 4.0.0"
    target.write_bytes(dump_doc(doc))
    assert _check(corpus).passed  # a plain check reads bytes only
    (drift,) = _check(corpus, deep=True).drifted
    assert drift.path == "latex.pdf" and drift.old_extractor == "pypdfium2 4.0.0"
    assert drift.new_extractor is not None and drift.new_extractor.startswith("verify-pdf/2 pypdfium2 5")


def test_deep_check_names_an_edited_text_digest_for_what_it_is(corpus: tuple[Path, Path]) -> None:
    """Same bytes, same extractor and profile, another text digest on record: an
    audit's hand-edited manifest read as if the tool had drifted."""
    _, target = corpus
    doc = read_doc(target.read_bytes())
    for entry in doc["entries"]:
        if entry["path"] == "latex.pdf":
            entry["text_sha256"] = "sha256:" + "0" * 64
    target.write_bytes(dump_doc(doc))
    (drift,) = _check(corpus, deep=True).drifted
    assert drift.old_extractor == drift.new_extractor
    assert drift.note is not None and "manifest's text digest was edited" in drift.note


def test_deep_check_of_an_untouched_corpus_passes(corpus: tuple[Path, Path]) -> None:
    assert _check(corpus, deep=True).passed


def test_backend_drift_between_pypdf_and_pdfium_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(DATA / "pdf" / "zen_of_python_corrupted.pdf", root / "zen.pdf")
    manifest = build_manifest(root, options=Options(pdf_backend="pypdf"), jobs=1).manifest
    report = check_manifest(manifest, root, deep=True, jobs=1)
    (drift,) = report.drifted
    assert drift.old_extractor.startswith("verify-pdf/2 pypdf ")
    assert drift.new_extractor.startswith("verify-pdf/2 pypdfium2")


def test_a_file_swapped_for_a_link_out_of_the_root_is_modified_not_read(
        corpus: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = corpus
    secret = tmp_path / "secret.txt"
    secret.write_text("outside\n")
    target = root / "001_150b57b1f7e7ebd3.txt"
    target.unlink()
    os.symlink(secret, target)
    report = _check(corpus)
    (m,) = report.modified
    assert m.path == "001_150b57b1f7e7ebd3.txt" and m.new_raw is None  # never read
    assert "was a file, now a link" in str(m.note)
    assert [p.path for p in report.outside] == ["001_150b57b1f7e7ebd3.txt"]
    assert report.refused == ()


def test_a_recorded_link_out_of_the_root_is_reported_every_time_but_passes(tmp_path: Path) -> None:
    """Issue 8 item 11: not the exit-2 'manifest tampered' refusal a cron job would mail."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Some words.\n")
    os.symlink("/etc/hostname", root / "host")
    target = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(target), "-q"]) == 0
    for _ in range(2):
        assert main(["check", "-m", str(target), "-q"]) == 0
    report = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1)
    assert report.passed and [p.path for p in report.outside] == ["host"]
    os.unlink(root / "host")
    os.symlink("/etc/passwd", root / "host")
    (m,) = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1).modified
    assert "was a link to '/etc/hostname', now a link to '/etc/passwd'" in str(m.note)


def test_odd_names_build_check_sign_and_prove_alike(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 8 item 4: a newline, a carriage return, invalid UTF-8, a backslash."""
    root = tmp_path / "c"
    root.mkdir()
    names = [b"line\nbreak.txt", b"carriage\rreturn.txt", b"latin1-\xe9t\xe9.txt", b"back\\slash.txt"]
    for i, name in enumerate(names):
        (root / os.fsdecode(name)).write_text(f"File number {i} has words.\n")
    target = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(target), "-q"]) == 0
    assert main(["check", "-m", str(target), "-q"]) == 0
    assert main(["keygen", str(tmp_path / "k")]) == 0
    assert main(["sign", str(target), "--key", str(tmp_path / "k")]) == 0
    assert main(["check", "-m", str(target), "-q", "--trust", str(tmp_path / "k.pub")]) == 0
    capsys.readouterr()
    assert main(["prove", os.fsdecode(root / os.fsdecode(names[2])), "-m", str(target)]) == 0
    assert "latin1-\\\\xe9t\\\\xe9.txt" in capsys.readouterr().out
    (root / os.fsdecode(names[0])).write_text("Changed.\n")
    report = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1)
    assert [m.path for m in report.modified] == ["line\\nbreak.txt"]


def test_provenance_drift_is_reported(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    toml = root / "sources.toml"
    toml.write_text(toml.read_text("utf-8").replace('work = "sco-2006-statement"',
                                                    'work = "sco-2020-declaration"', 1), "utf-8")
    report = _check(corpus)
    assert not report.passed and report.modified == ()
    (problem,) = report.provenance
    assert "work" in problem.message


def test_furniture_changed_is_its_own_verdict(tmp_path: Path) -> None:
    """Same canonical text, but the removed site chrome changed: never 'formatting only'."""
    root = tmp_path / "c"
    root.mkdir()
    page = (b"<!doctype html><html><head><title>T</title></head><body><nav><a href=/>Home</a></nav>"
            b"<main><h1>The article</h1><p>" + b"The body of the article, with enough words. " * 6
            + b"</p></main><footer>Copyright 2020 Example Ministry.</footer></body></html>")
    (root / "a.html").write_bytes(page)
    target = tmp_path / "m.json"
    write_build(build_manifest(root, manifest_path=target, jobs=1), target)
    (root / "a.html").write_bytes(page.replace(b"2020", b"2021"))
    (m,) = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1).modified
    assert m.furniture_changed and m.content_changed is False
    assert m.removed_before == ("Copyright 2020 Example Ministry.",)
    assert m.removed_now == ("Copyright 2021 Example Ministry.",)
    (root / "a.html").write_bytes(page.replace(b"<p>", b"<p>\n"))  # formatting only
    (m,) = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1).modified
    assert not m.furniture_changed and m.content_changed is False


def test_a_streamed_check_equals_a_whole_one(corpus: tuple[Path, Path]) -> None:
    root, target = corpus
    (root / "000_b115bc2835af3bd6.txt").write_text("Replaced.\n")
    (root / "new.txt").write_text("New.\n")
    whole = _check(corpus)
    with open_manifest(target) as (header, entries):
        streamed = check_manifest(header, root, manifest_path=target, jobs=1, entries=entries)
    assert streamed == whole


def test_large_corpora_hash_in_forked_workers_with_the_same_verdicts(tmp_path: Path,
                                                                     monkeypatch) -> None:
    import verify.check

    root = tmp_path / "c"
    for i in range(40):
        (root / f"d{i % 3}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 3}" / f"f{i}.txt").write_text(f"File {i}.\n" * (i + 1))
    target = tmp_path / "m.json"
    write_build(build_manifest(root, manifest_path=target, jobs=1, options=Options(lint=False)), target)
    (root / "d1" / "f4.txt").write_text("changed\n")
    (root / "d2" / "f5.txt").unlink()
    serial = check_manifest(read_manifest(target), root, manifest_path=target, jobs=1)
    monkeypatch.setattr(verify.check, "POOL_FILES", 1)
    monkeypatch.setattr(verify.check, "CHUNK", 7)
    pooled = check_manifest(read_manifest(target), root, manifest_path=target, jobs=2)
    assert pooled == serial and [m.path for m in pooled.modified] == ["d1/f4.txt"]
    assert pooled.missing == ("d2/f5.txt",)
    paths = sorted(str(p) for p in root.rglob("*.txt"))
    items = [(os.path.relpath(p, root), None) for p in paths]
    assert verify.check.hash_many(str(root), items, jobs=2) == verify.check.hash_paths(paths)


def test_a_name_with_a_newline_is_shown_once_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The report shows the manifest's own escape (``\\n``), not an escape of
    it (``\\\\n``), and never the raw control characters (issue 8 item 9)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    odd = corpus / "a\nOK: every file matches\x1b[2J.txt"
    odd.write_text("one\n")
    assert main(["build", str(corpus), "-m", str(tmp_path / "m.json"), "-q"]) == 0
    odd.write_text("two\n")
    capsys.readouterr()
    assert main(["check", "-m", str(tmp_path / "m.json"), "-q"]) == 1
    out = capsys.readouterr().out
    assert "  modified  a\\nOK: every file matches\\x1b[2J.txt: content changed" in out
    assert "\x1b" not in out and "\\\\n" not in out


@pytest.mark.parametrize(("stat_size", "real_size"), [(10, 5000), (0, 1), (5000, 5000), (0, 0)])
def test_a_small_file_is_hashed_whole_whatever_its_stat_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              stat_size: int, real_size: int) -> None:
    """A small file is read with its size plus one byte; a file that grew since
    its fstat (here: an fstat that says less) is streamed from the start, whole."""
    import hashlib

    import verify.check

    data = bytes(range(256)) * (real_size // 256) + b"x" * (real_size % 256)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((*info[:6], stat_size, *info[7:10]))

    monkeypatch.setattr(verify.check.os, "fstat", fstat)
    assert verify.check.hash_quietly(str(path)) == (real_size, "sha256:" + hashlib.sha256(data).hexdigest())


def _swapped_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str, jobs: int) -> object:
    """Build, then check with the swap made between the walk and the read."""
    import verify.check
    from verify.corpus import walk

    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Document a.\n")
    (root / "sub" / "b.txt").write_text("Document b.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text("Document b.\n")  # the same bytes: a pass would be a lie
    manifest = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(manifest), "-q", "-j", "1"]) == 0

    def walked(*args: object, **kwargs: object) -> object:
        found = walk(*args, **kwargs)  # type: ignore[arg-type]
        if swap == "folder":  # sub/ becomes a link to an outside folder holding the same bytes
            shutil.rmtree(root / "sub")
            (root / "sub").symlink_to(outside)
        else:  # a.txt becomes another file with the same bytes (a new inode)
            fresh = root / "fresh.tmp"
            fresh.write_text("Document a.\n")
            os.replace(fresh, root / "a.txt")
        return found

    monkeypatch.setattr(verify.check, "walk", walked)
    monkeypatch.setattr(verify.check, "POOL_FILES", 1)
    return check_manifest(read_manifest(manifest), root, manifest_path=manifest, jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("swap", "name", "why"), [("folder", "sub/b.txt", "symlink"),
                                                   ("file", "a.txt", "replaced")])
def test_check_never_hashes_what_was_swapped_in_after_the_walk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str, name: str, why: str, jobs: int) -> None:
    report = _swapped_check(tmp_path, monkeypatch, swap, jobs)
    assert name not in report.matched and not report.passed  # type: ignore[attr-defined]
    assert [(p.path, why in p.message) for p in report.errors] == [(name, True)]  # type: ignore[attr-defined]


def test_reuse_hashing_opens_beneath_the_root_and_checks_the_inode(tmp_path: Path) -> None:
    """The incremental build's reuse test hashes as check does (issue 8 item 8):
    a folder that became a link, or another file at the walked name, is not hashed."""
    import verify.check

    root, outside = tmp_path / "c", tmp_path / "outside"
    (root / "d").mkdir(parents=True)
    outside.mkdir()
    (root / "d" / "f.txt").write_text("same bytes\n")
    (outside / "f.txt").write_text("same bytes\n")
    inode = os.stat(root / "d" / "f.txt").st_ino
    ((size, digest),) = verify.check.hash_many(str(root), [("d/f.txt", inode)], jobs=1)
    assert size == 11 and digest.startswith("sha256:")
    (wrong,) = verify.check.hash_many(str(root), [("d/f.txt", inode + 1)], jobs=1)
    assert isinstance(wrong, str)
    shutil.rmtree(root / "d")
    (root / "d").symlink_to(outside, target_is_directory=True)
    (linked,) = verify.check.hash_many(str(root), [("d/f.txt", None)], jobs=1)
    assert isinstance(linked, str)


def test_a_deep_check_refuses_a_tampered_record_store(corpus: tuple[Path, Path]) -> None:
    """A deep check vouches for the whole manifest, so it reads the whole record
    store and checks its digest even when no file changed; a plain check reads
    the store only for changed files (docs/manifest.md), so it still passes."""
    _, target = corpus
    store = target.parent / str(read_manifest(target).records)
    store.write_bytes(store.read_bytes().replace(b'"encoding":"utf-8"', b'"encoding":"latin-1"', 1))
    assert _check(corpus).passed
    report = _check(corpus, deep=True)
    assert not report.passed
    assert [e.path for e in report.errors] == [str(store)]
    assert "record store" in report.errors[0].message


def test_two_swapped_files_each_name_the_other(corpus: tuple[Path, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Two files whose contents were swapped are both modified, and each says whose
    recorded bytes it now holds (an audit saw only two "content changed")."""
    root, target = corpus
    a, b = root / "000_b115bc2835af3bd6.txt", root / "003_471a1f005966c636.txt"
    first, second = a.read_bytes(), b.read_bytes()
    a.write_bytes(second)
    b.write_bytes(first)
    report = _check(corpus)
    swapped = {m.path: m.bytes_of for m in report.modified}
    assert swapped == {a.name: b.name, b.name: a.name}
    assert main(["check", "-m", str(target), "-j", "1"]) == 1
    assert f"it now holds the bytes recorded for {b.name}" in capsys.readouterr().out


def test_an_edited_file_names_no_other(corpus: tuple[Path, Path]) -> None:
    root, _ = corpus
    seed0 = root / "000_b115bc2835af3bd6.txt"
    seed0.write_text(seed0.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert [m.bytes_of for m in _check(corpus).modified] == [None]


def test_a_copy_over_an_unchanged_file_and_a_copy_beside_it_are_named(
        corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """An audit copied one file over another that stayed unchanged (no "now holds
    the bytes recorded for"), and made a byte copy of a recorded file (just "new")."""
    root, target = corpus
    a, b = root / "000_b115bc2835af3bd6.txt", root / "003_471a1f005966c636.txt"
    shutil.copy(a, b)
    shutil.copy(a, root / "copy-of-000.txt")
    report = _check(corpus)
    assert [(m.path, m.bytes_of) for m in report.modified] == [(b.name, a.name)]
    assert report.new == ("copy-of-000.txt",) and report.copies == (("copy-of-000.txt", a.name),)
    assert main(["check", "-m", str(target), "-j", "1"]) == 1  # the streamed manifest: read again
    out = capsys.readouterr().out
    assert f"it now holds the bytes recorded for {a.name}" in out
    assert f"new       copy-of-000.txt (a copy of the recorded {a.name})" in out


def test_a_recorded_size_that_is_not_the_files_is_an_error_not_a_match(corpus: tuple[Path, Path]) -> None:
    """An audit added one to an entry's size in the manifest: the plain check
    said "matched" (only the digest was compared)."""
    _, target = corpus
    doc = read_doc(target.read_bytes())
    for entry in doc["entries"]:
        if entry["path"] == "latex.pdf":
            entry["size"] += 1
    target.write_bytes(dump_doc(doc))
    for deep in (False, True):
        report = _check(corpus, deep=deep)
        assert not report.passed and "latex.pdf" not in report.matched
        assert [p.path for p in report.errors] == ["latex.pdf"]
        assert "manifest is inconsistent" in report.errors[0].message



def test_a_recorded_size_that_is_not_the_files_fails_the_streamed_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same through the command's streamed plain lines (their own loop)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"f{i}.txt").write_text(f"text {i} here\n", "utf-8")
    target = tmp_path / "m.json"
    assert main(["build", str(corpus), "-m", str(target), "-q"]) == 0
    target.write_bytes(target.read_bytes().replace(b'"size":12,', b'"size":13,', 1))
    assert main(["check", "-m", str(target), "-j", "1", "-q"]) == 1
    out = capsys.readouterr().out
    assert "error     f0.txt: the manifest records 13 bytes" in out and "2 matched" in out
