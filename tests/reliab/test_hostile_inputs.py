"""Hostile bytes and special files: a clear error and exit 2, never a traceback,
a hang or a replaced device (issue 8, items 6, 7 and 10)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from verify.cli import main
from verify.errors import ConfigError
from verify.pipeline import Options

from proof.proofkit import Corpus


def _commands(c: Corpus, m: str) -> dict[str, list[str]]:
    return {
        "check": ["check", "-m", m, "--root", str(c.root), "-q", "-j", "1"],
        "prove": ["prove", "-m", m],
        "sign": ["sign", m, "--key", str(c.key), "--signature", str(c.root.parent / "x.sig")],
        "export": ["export", "prov", "-m", m],
    }


HOSTILE: dict[str, Callable[[bytes], bytes]] = {
    "5000-digit integer": lambda data: re.sub(rb'"size": ?\d+', b'"size":' + b"9" * 5000, data, count=1),
    "lone surrogate": lambda data: re.sub(rb'"extractor": ?"[^"]*"', rb'"extractor":"\\ud800"', data,
                                          count=1),
    "lone surrogate key": lambda data: re.sub(rb'"works": ?\{\}', rb'"works":{"\\udfff":{}}', data,
                                              count=1),
}


def _write_hostile(c: Corpus, mutate: Callable[[bytes], bytes]) -> str:
    good = c.manifest.read_bytes()
    data = mutate(good)
    assert data != good, "the mutation did not apply"
    target = c.manifest.parent / "hostile.json"
    target.write_bytes(data)
    return str(target)


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["check", "prove", "sign", "export"])
def test_hostile_manifests_exit_2_without_a_traceback(corpus: Corpus, case: str, command: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    m = _write_hostile(corpus, HOSTILE[case])
    assert main(_commands(corpus, m)[command]) == 2
    err = capsys.readouterr().err
    assert "error" in err and ("digits" in err or "surrogate" in err)


@pytest.mark.parametrize("line", [b'{"index": ' + b"1" * 5000 + b"}\n", b'{"event": "\\ud800"}\n'])
def test_a_bad_log_line_is_reported_and_check_still_reports(corpus: Corpus, line: bytes,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    log = corpus.root.parent / "fixity.log"
    assert corpus.check("--log", str(log)) == 0
    with open(log, "ab") as stream:
        stream.write(line)
    capsys.readouterr()
    assert main(["log", "verify", str(log)]) == 1  # the chain is broken: said, not raised
    assert "unparseable" in capsys.readouterr().out
    assert main(["log", "show", str(log)]) == 1
    capsys.readouterr()
    assert corpus.check("--log", str(log)) == 2  # the check ran; the log could not take it
    out, err = capsys.readouterr()
    assert "OK: every file matches the manifest" in out
    assert "not logged" in err and "broken" in err


def test_a_deeply_nested_sources_toml_is_a_config_error(corpus: Corpus,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (corpus.root / "sources.toml").write_text("exclude = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert main(["build", str(corpus.root), "-m", str(corpus.manifest), "-q", "-j", "1"]) == 2
    assert main(["check", "-m", str(corpus.manifest), "-q", "-j", "1"]) == 2
    assert "nested too deeply" in capsys.readouterr().err


# --------------------------------------------------------------------------- special files

def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, timeout=60)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("args", [
    lambda c, s: ["check", "-m", s, "--root", str(c.root), "-q"],
    lambda c, s: ["prove", "-m", s],
    lambda c, s: ["log", "verify", s],
    lambda c, s: ["sign", str(c.manifest), "--key", s],
    lambda c, s: ["check", "-m", str(c.manifest), "-q", "--trust", s],
    lambda c, s: ["check", "-m", str(c.manifest), "-q", "--log", s],
], ids=["manifest", "prove", "log", "private-key", "public-key", "check-log"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_special_files_are_refused_without_blocking(corpus: Corpus, fifo: Path, special: str,
                                                   args: Callable[[Corpus, str], list[str]]) -> None:
    target = {"fifo": str(fifo), "/dev/zero": "/dev/zero", "folder": str(corpus.root)}[special]
    run = _run(*args(corpus, target))  # a hang fails by the timeout
    assert run.returncode == 2, run.stderr.decode()
    assert b"Traceback" not in run.stderr
    assert b"not a regular file" in run.stderr


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_build_never_replaces_what_is_not_a_regular_file(corpus: Corpus, tmp_path: Path,
                                                        kind: str) -> None:
    target = tmp_path / "target.json"
    if kind == "symlink":
        real = tmp_path / "elsewhere.txt"
        real.write_text("keep me\n")
        target.symlink_to(real)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    run = _run("build", str(corpus.root), "-m", str(target), "-q", "-j", "1")
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert b"not a regular file" in run.stderr
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "elsewhere.txt").read_text() == "keep me\n"
    elif kind == "fifo":
        assert target.is_fifo()
    else:
        assert target.is_dir()


# --------------------------------------------------------------------------- option checks

@pytest.mark.parametrize("root", ["/etc", "../../etc", "../../../.."])
def test_a_recorded_root_that_escapes_is_refused(corpus: Corpus, root: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    doc = corpus.doc()
    doc["root"] = root
    corpus.write_doc(doc)
    assert corpus.check() == 2
    assert "recorded root" in capsys.readouterr().err
    assert corpus.check("--root", str(corpus.root)) == 0  # given by the user: followed


def test_the_usual_layout_beside_the_manifests_folder_is_followed(corpus: Corpus) -> None:
    assert corpus.doc()["root"] == "../corpus"
    assert corpus.check() == 0


def test_an_empty_manifest_does_not_pass(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    empty = corpus.root.parent / "empty"
    empty.mkdir()
    manifest = corpus.root.parent / "empty.json"
    assert main(["build", str(empty), "-m", str(manifest), "-q"]) == 0
    assert main(["check", "-m", str(manifest), "-q"]) == 2
    assert "no file" in capsys.readouterr().err
    assert main(["check", "-m", str(manifest), "-q", "--allow-empty"]) == 0


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf"])
def test_a_time_limit_must_be_a_positive_number(tmp_path: Path, value: str) -> None:
    (tmp_path / "a.txt").write_text("text\n")
    assert main(["ingest", str(tmp_path / "a.txt"), "--timeout", value]) == 2
    assert main(["build", str(tmp_path), "-m", str(tmp_path / "m.json"), "--timeout", value]) == 2


def test_an_unknown_profile_is_a_usage_error_not_a_failure_per_file() -> None:
    with pytest.raises(ConfigError, match="unknown profile"):
        Options(profile="canon/99")
    with pytest.raises(ConfigError):
        Options(timeout=float("nan"))


@pytest.mark.parametrize("command", ["ingest", "lint"])
def test_ingest_and_lint_honour_the_dask_scheduler(tmp_path: Path, command: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text("text\n")
    (tmp_path / "scheduler.json").write_text("not a scheduler file\n")
    # Honoured means it is read, and a damaged one fails clearly (ignored, the run would pass).
    assert main([command, str(tmp_path / "a.txt"), "--dask-scheduler",
                 str(tmp_path / "scheduler.json")]) == 2
    assert "Dask scheduler" in capsys.readouterr().err
