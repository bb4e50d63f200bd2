"""The command line, in process: output formats and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from verify.cli import main

from helpers import DATA, SOURCES, seed


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("ingest", "build", "check", "schema"):
        assert command in out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("verify ")


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-flag"]) == 2
    assert main([]) == 2


def test_ingest_text_prints_the_canonical_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(seed("004"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Press release on the SCO member states' initiative titled, 'The Code")


def test_ingest_json_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["ingest", "--format", "json", str(seed("002")), str(empty), "-j", "1"])
    assert code == 2  # one file could not be read; the other still has its record
    lines = capsys.readouterr().out.splitlines()
    good, bad = (json.loads(line) for line in lines)
    for key in ("path", "format", "size", "raw_sha256", "text_sha256", "profile", "extractor",
                "text", "changes", "error"):
        assert key in good
    assert good["error"] is None and good["profile"] == "canon/7"
    assert good["text_sha256"].startswith("sha256:")
    assert {c["step"] for c in good["changes"]} >= {"footnotes", "unwrap"}
    assert bad["error"] == "the file is empty (0 bytes)" and bad["text_sha256"] is None


def test_build_then_check_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    target = tmp_path / "manifests" / "corpus.json"
    assert main(["build", str(root), "-m", str(target), "-j", "1", "-q"]) == 0
    assert json.loads(target.read_bytes().splitlines()[0])["root"] == "../corpus"
    capsys.readouterr()
    assert main(["check", "-m", str(target), "-q"]) == 0  # root taken from the manifest
    assert "OK" in capsys.readouterr().out

    (root / "002_e1609b8a501e843d.txt").unlink()
    (root / "new.txt").write_text("New words.\n")
    assert main(["check", "-m", str(target), "--format", "json", "-q"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {k: report[k] for k in ("missing", "new", "moved")} == {
        "missing": ["002_e1609b8a501e843d.txt"], "new": ["new.txt"], "moved": []}
    assert report["passed"] is False


def test_build_exit_1_when_a_file_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "c").mkdir()
    shutil.copy(DATA / "pdf" / "r2-user-password.pdf", tmp_path / "c" / "locked.pdf")
    assert main(["build", str(tmp_path / "c"), "-m", str(tmp_path / "m.json"), "-q"]) == 1
    assert "encrypted" in capsys.readouterr().out
    assert (tmp_path / "m.json").exists()


def test_build_never_replaces_a_file_that_is_not_a_manifest(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An audit gave a corpus document as `-m`: the build replaced it with the
    manifest (and it left the corpus), exit 0. Now exit 2, and nothing written."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "README.md").write_text("Precious words nobody else holds.\n", "utf-8")
    (corpus / "b.txt").write_text("Another document.\n", "utf-8")
    for target in (corpus / "README.md", corpus / "b.txt"):
        before = target.read_bytes()
        assert main(["build", str(corpus), "-m", str(target), "-q"]) == 2
        assert "is not a verify manifest" in capsys.readouterr().err
        assert target.read_bytes() == before
    assert not (corpus / "README.records.jsonl").exists()
    # A file where the record store would go is kept too.
    (tmp_path / "m.records.jsonl").write_text("notes\n", "utf-8")
    assert main(["build", str(corpus), "-m", str(tmp_path / "m.json"), "-q"]) == 2
    assert "is not a verify record store" in capsys.readouterr().err
    # A manifest (and an empty file) is replaced as before.
    assert main(["build", str(corpus), "-m", str(tmp_path / "n.json"), "-q"]) == 0
    assert main(["build", str(corpus), "-m", str(tmp_path / "n.json"), "-q"]) == 0
    (tmp_path / "e.json").write_bytes(b"")
    assert main(["build", str(corpus), "-m", str(tmp_path / "e.json"), "-q"]) == 0


def test_build_names_the_files_it_kept_hash_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An audit's gzip data named .txt and a ZIP named .html were counted as
    "ingested", named nowhere; now the summary says they were only hashed, and why."""
    import gzip

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "compressed.txt").write_bytes(gzip.compress(b"Words nobody can read here.\n"))
    (corpus / "ok.txt").write_text("An ordinary sentence of plain text.\n", "utf-8")
    assert main(["build", str(corpus), "-m", str(tmp_path / "m.json"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "1 ingested" in out and "1 hashed only" in out
    assert "hashed  compressed.txt: the bytes are gzip-compressed data" in out
    assert main(["build", str(corpus), "-m", str(tmp_path / "m.json"), "-q", "--format", "json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["hashed_only"] == 1 and said["unread"] == []  # reused: counted, no reason kept


def test_json_of_a_file_whose_name_is_not_utf8_is_valid_utf8(
        tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    """An audit's `ingest --format json` and `lint --format json` wrote such a
    name's bytes raw: the output was not UTF-8. Now it is the manifest's escape."""
    import os

    odd = os.path.join(os.fsdecode(tmp_path), os.fsdecode(b"bad\xff\xfe.txt"))
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write("The CSO met. The SCO met. The SCO met again.\n")
    main(["ingest", "--format", "json", odd])
    record = json.loads(capfdbinary.readouterr().out.decode("utf-8"))
    assert record["path"].endswith("bad\\xff\\xfe.txt")
    main(["lint", "--format", "json", odd])
    report = json.loads(capfdbinary.readouterr().out.decode("utf-8"))
    assert [f["path"] for f in report["files"]] == [record["path"]]
    assert all(f["path"] in (None, record["path"]) for f in report["files"][0]["findings"])


def test_build_names_a_page_whose_canonical_text_is_empty(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A page cut inside its head (visible words, no content) is ingested, and the
    summary says so: its digest is every other empty document's (an audit found
    this only in `ingest --format json`)."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "cut.html").write_text(
        "<html><head><title>What is rustdoc? - The rustdoc book</title>"
        "<script>var x = 1;</script></head><body><nav><a href='/'>Home</a> "
        "<a href='/a'>Chapter one</a> <a href='/b'>Chapter two</a></nav>", "utf-8")
    (tmp_path / "c" / "ok.txt").write_text("An ordinary sentence of plain text.\n", "utf-8")
    assert main(["build", str(tmp_path / "c"), "-m", str(tmp_path / "m.json"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "warning cut.html: canon." in out and "ok.txt" not in out
    assert main(["build", str(tmp_path / "c"), "-m", str(tmp_path / "n.json"), "-q", "--format", "json"]) == 0
    flagged = json.loads(capsys.readouterr().out)["flagged"]
    assert [f["path"] for f in flagged] == ["cut.html"] and flagged[0]["warning"].startswith("canon.")


@pytest.mark.parametrize("content", [
    b"", b"{\"format\": \"verify-manifest/1\", \"entr", b"[]", b"\xff\xfe",
])
def test_check_with_an_invalid_manifest_is_exit_2(tmp_path: Path, content: bytes,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "m.json"
    target.write_bytes(content)
    assert main(["check", "-m", str(target), "--root", str(tmp_path)]) == 2
    assert "verify: error:" in capsys.readouterr().err


def test_check_refuses_path_traversal_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("words\n")
    target = tmp_path / "m.json"
    assert main(["build", str(root), "-m", str(target), "-q"]) == 0
    from helpers import dump_doc, read_doc

    doc = read_doc(target.read_bytes())
    doc["entries"][0]["path"] = "../m.json"
    target.write_bytes(dump_doc(doc))
    assert main(["check", "-m", str(target)]) == 2
    assert "climbs out of the root" in capsys.readouterr().err


def test_missing_manifest_and_missing_root_are_exit_2(tmp_path: Path) -> None:
    assert main(["check", "-m", str(tmp_path / "nope.json"), "--root", str(tmp_path)]) == 2
    assert main(["build", str(tmp_path / "nope"), "-m", str(tmp_path / "m.json")]) == 2


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"] == "http://json-schema.org/draft-07/schema#"
