"""Build: walking a root, provenance, failed files on record, names."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from verify.build import build_manifest
from verify.errors import ConfigError
from verify.pipeline import Options

from helpers import DATA, SOURCES


def test_sample_corpus_builds_with_provenance_and_works() -> None:
    result = build_manifest(SOURCES, jobs=1)
    entries = result.manifest.by_path()
    assert not result.failed
    assert {e.format for e in entries.values()} == {"text", "pdf", "html"}
    seed = entries["001_150b57b1f7e7ebd3.txt"]
    assert seed.provenance_dict()["work"] == "sco-2006-statement"
    assert "README.md" not in entries and "sources.toml" not in entries
    members = result.manifest.works["sco-2006-statement"]["members"]
    assert "001_150b57b1f7e7ebd3.txt" in members and "002_e1609b8a501e843d.txt" in members


def test_bad_files_are_entries_with_errors_and_do_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good words here.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "locked.pdf").write_bytes((DATA / "pdf" / "r2-user-password.pdf").read_bytes())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00junk" * 100)
    (tmp_path / "nobody.html").write_bytes(b"<html><head><title>x</title></head></html>")
    os.symlink("/etc/hostname", tmp_path / "escape.txt")
    result = build_manifest(tmp_path, jobs=2)
    codes = {e.path: e.error_code for e in result.manifest.entries}
    assert codes == {
        "good.txt": None, "empty.txt": None, "image.txt": None,
        "locked.pdf": "ingest.encrypted", "broken.pdf": "ingest.corrupt", "nobody.html": None,
        "escape.txt": None,
    }
    assert all(e.error for e in result.manifest.entries if e.error_code)
    entries = result.manifest.by_path()
    # Issue 8 item 11: a file no ingester reads is a hash-only entry, not a failure;
    # a symlink is recorded as a link with its target, never followed.
    assert entries["image.txt"].format == "unknown" and entries["image.txt"].text_sha256 is None
    # audit4: an empty file is kept hash-only too, not a failure, and the build says why.
    assert entries["empty.txt"].format == "unknown" and entries["empty.txt"].raw_sha256 is not None
    assert ("empty.txt", "the file is empty (0 bytes)") in result.unread
    assert entries["image.txt"].raw_sha256 is not None
    assert (entries["escape.txt"].kind, entries["escape.txt"].target) == ("link", "/etc/hostname")
    assert result.manifest.by_path()["locked.pdf"].raw_sha256.startswith("sha256:")


def test_huge_files_are_hashed_but_not_extracted(tmp_path: Path) -> None:
    from verify.pipeline import Options

    (tmp_path / "big.txt").write_bytes(b"word " * 5000)
    result = build_manifest(tmp_path, options=Options(max_bytes=1000), jobs=1)
    (entry,) = result.manifest.entries
    assert entry.error_code == "ingest.too_large"
    assert entry.raw_sha256.startswith("sha256:") and entry.size == 25000


def test_names_are_relative_posix_nfc_and_hidden_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / unicodedata.normalize("NFD", "café.txt")).write_text("Un café.\n")
    (tmp_path / ".hidden.txt").write_text("secret\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x\n")
    names = [e.path for e in build_manifest(tmp_path, jobs=1).manifest.entries]
    assert names == ["sub/café.txt"]
    assert unicodedata.is_normalized("NFC", names[0])


def test_unknown_provenance_keys_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x y z\n")
    (tmp_path / "sources.toml").write_text('[files."a.txt"]\ntitel = "typo"\n')
    with pytest.raises(ConfigError, match="titel"):
        build_manifest(tmp_path, jobs=1)


def test_provenance_for_absent_files_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x y z\n")
    (tmp_path / "sources.toml").write_text('[files."gone.txt"]\ntitle = "Gone"\n')
    assert any("gone.txt" in w for w in build_manifest(tmp_path, jobs=1).warnings)


def test_special_and_dangling_files_are_recorded_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good words here.\n")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    entries = build_manifest(tmp_path, jobs=1).manifest.by_path()
    assert entries["good.txt"].error is None
    assert entries["pipe.txt"].error_code == "ingest.unreadable"
    assert "not a regular file" in entries["pipe.txt"].error
    assert entries["dangling.txt"].kind == "link" and entries["dangling.txt"].error is None


def test_ingest_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    from verify.pipeline import process_file

    os.mkfifo(tmp_path / "pipe.txt")
    record = process_file(tmp_path / "pipe.txt")
    assert record.error_code == "ingest.unreadable"


def test_a_file_over_the_time_limit_is_a_recorded_error_in_every_worker(tmp_path: Path) -> None:
    from verify.pipeline import Options

    slow = ("infor-\nmation " * 20 + "Ã© text\n\n") * 400  # about 0.1 s of canonicalisation, not 1 ms
    (tmp_path / "slow.txt").write_text(slow, "utf-8")
    (tmp_path / "small.txt").write_text("A few words.\n", "utf-8")
    for jobs in (1, 2):  # in this process, and in pool workers
        entries = build_manifest(tmp_path, options=Options(timeout=0.001, lint=False), jobs=jobs,
                                 compare=False).manifest.by_path()
        assert entries["slow.txt"].error_code == "ingest.timeout"
        assert "longer than 0.001 s" in entries["slow.txt"].error
        assert entries["slow.txt"].raw_sha256.startswith("sha256:")  # still under fixity
    # The default limit (300 s) leaves ordinary files alone, and no alarm is left armed.
    assert build_manifest(tmp_path, options=Options(lint=False), jobs=1, compare=False).manifest.by_path()[
        "slow.txt"].error is None
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _corpus_of(tmp_path: Path, n: int) -> Path:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(n):
        (root / f"f{i}.txt").write_text(f"Document number {i} says something.\n" * 3)
    (root / "img.bin").write_bytes(bytes(range(256)) * 4)
    return root


def test_a_rebuild_extracts_only_what_changed(tmp_path: Path) -> None:
    from dataclasses import replace

    from verify.build import write_build
    from verify.manifest import dumps, read_manifest

    from helpers import dump_doc, read_doc

    root, target = _corpus_of(tmp_path, 5), tmp_path / "m.json"
    first = build_manifest(root, manifest_path=target, jobs=1)
    write_build(first, target)
    assert first.reused == 0 and len(first.records) == 6
    (root / "f1.txt").write_text("Changed words.\n")
    second = build_manifest(root, manifest_path=target, jobs=1)
    assert [r.path for r in second.records] == ["f1.txt"] and second.reused == 5
    full = build_manifest(root, manifest_path=target, jobs=1, incremental=False)
    assert dumps(second.manifest) == dumps(full.manifest)  # reuse changes nothing
    assert dict(second.details) == dict(full.details)
    write_build(second, target)
    # Another extractor or profile on record: extracted again.
    doc = read_doc(target.read_bytes())
    doc["entries"][2]["extractor"] = "verify-text/0 (an older one)"
    target.write_bytes(dump_doc(doc))
    third = build_manifest(root, manifest_path=target, jobs=1)
    assert [r.path for r in third.records] == ["f2.txt"]
    # Lint on record but not asked for now (or the reverse): extracted again.
    assert build_manifest(root, manifest_path=target, jobs=1,
                          options=replace(Options(), lint=False)).reused == 1  # only the hash-only file
    assert read_manifest(target).entries[0].path == "f0.txt"


def test_a_rebuild_reuses_a_latin1_text_and_a_repaired_gropdf_pdf(tmp_path: Path) -> None:
    # An audit saw every non-UTF-8 text (its extractor id names the charset
    # detector) extracted again on every rebuild; gropdf's PDFs (ids marked
    # " +TJ-repair +italic-corrections") were the same.
    import shutil

    from verify.build import write_build

    root, target = tmp_path / "corpus", tmp_path / "m.json"
    root.mkdir()
    (root / "latin1.txt").write_bytes("Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade, d\u00e9j\u00e0 vu.\n"
                                      .encode("latin-1") * 3)
    shutil.copy(DATA / "canon" / "builtins.pdf", root / "builtins.pdf")
    first = build_manifest(root, manifest_path=target, jobs=1)
    write_build(first, target)
    ids = {e.path: e.extractor or "" for e in first.manifest.entries}
    assert "(chardet " in ids["latin1.txt"] and ids["builtins.pdf"].endswith("+italic-corrections")
    assert build_manifest(root, manifest_path=target, jobs=1).reused == 2
    # An older charset detector on record is not this one: extracted again.
    target.write_bytes(target.read_bytes().replace(b"(chardet ", b"(chardet 0.0.1-"))
    assert build_manifest(root, manifest_path=target, jobs=1).reused == 1


def test_a_rebuild_does_not_trust_a_record_store_that_changed(tmp_path: Path) -> None:
    from verify.build import write_build

    root, target = _corpus_of(tmp_path, 3), tmp_path / "m.json"
    write_build(build_manifest(root, manifest_path=target, jobs=1), target)
    store = tmp_path / "m.records.jsonl"
    store.write_bytes(store.read_bytes().replace(b'"encoding":"ascii"', b'"encoding":"latin-1"', 1)
                      .replace(b'"encoding":"utf-8"', b'"encoding":"latin-1"', 1))
    assert build_manifest(root, manifest_path=target, jobs=1).reused == 0  # a full build
