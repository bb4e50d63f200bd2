"""Build: walking a root, provenance, failed files on record, names."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from verify.build import build_manifest
from verify.errors import ConfigError

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
        "good.txt": None, "empty.txt": "ingest.empty", "image.txt": None,
        "locked.pdf": "ingest.encrypted", "broken.pdf": "ingest.corrupt", "nobody.html": None,
        "escape.txt": None,
    }
    assert all(e.error for e in result.manifest.entries if e.error_code)
    entries = result.manifest.by_path()
    # Issue 8 item 11: a file no ingester reads is a hash-only entry, not a failure;
    # a symlink is recorded as a link with its target, never followed.
    assert entries["image.txt"].format == "unknown" and entries["image.txt"].text_sha256 is None
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
