"""The audit log: hash-chained PREMIS fixity events; deletions, swaps and edits are found."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from verify.auditlog import append_event, fixity_event, line_hash, read_log
from verify.cli import main

from proof.proofkit import Corpus


def _log(tmp_path: Path, events: int = 4) -> Path:
    path = tmp_path / "fixity.log"
    for i in range(events):
        append_event(path, fixity_event(outcome="pass", detail="test", message=f"event {i}",
                                        manifest="m.json", facts={"n": i}))
    return path


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _codes(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> set[str]:
    capsys.readouterr()
    assert main(["log", "verify", str(path), "--format", "json", *extra]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    return {p["code"] for p in report["problems"]}


def test_check_appends_premis_fixity_events(corpus: Corpus, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "logs" / "fixity.log"
    assert corpus.check("--log", str(log)) == 0
    (corpus.root / "a.txt").write_text("Changed.\n")
    assert corpus.check("--log", str(log)) == 1
    capsys.readouterr()
    assert main(["log", "show", str(log), "--format", "json"]) == 0
    first, second = json.loads(capsys.readouterr().out)
    for event in (first, second):
        assert event["eventType"] == "fixity check"
        assert event["eventDateTime"].endswith("Z")
        assert event["linkingAgentIdentifier"][0]["linkingAgentIdentifierValue"].startswith("verify ")
        assert event["verify"]["merkle_root"].startswith("sha256:")
    assert first["eventOutcomeInformation"]["eventOutcome"] == "pass"
    assert second["eventOutcomeInformation"]["eventOutcome"] == "fail"
    assert second["verify"]["counts"]["modified"] == 1
    assert main(["log", "show", str(log)]) == 0
    assert "fixity check fail" in capsys.readouterr().out


def test_an_intact_log_verifies_and_prints_its_head(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    assert main(["log", "verify", str(path)]) == 0
    out = capsys.readouterr().out
    head = json.loads(_lines(path)[-1])["hash"]
    assert "OK" in out and head in out
    assert main(["log", "verify", str(path), "--expect-head", head]) == 0


def test_a_deleted_event_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    lines = _lines(path)
    path.write_bytes(b"".join(lines[:1] + lines[2:]))
    assert _codes(path, capsys) >= {"log.index", "log.chain"}


def test_a_deleted_first_event_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    path.write_bytes(b"".join(_lines(path)[1:]))
    assert _codes(path, capsys) >= {"log.index", "log.chain"}


def test_swapped_events_are_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    lines = _lines(path)
    lines[1], lines[2] = lines[2], lines[1]
    path.write_bytes(b"".join(lines))
    assert _codes(path, capsys) >= {"log.index", "log.chain"}


def test_an_edited_event_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    lines = _lines(path)
    record = json.loads(lines[1])
    record["event"]["eventOutcomeInformation"]["eventOutcome"] = "fail"
    lines[1] = (json.dumps(record) + "\n").encode()
    path.write_bytes(b"".join(lines))
    assert _codes(path, capsys) == {"log.edited"}


def test_an_edited_event_with_a_fresh_hash_breaks_the_chain(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    lines = _lines(path)
    record = json.loads(lines[1])
    record["event"]["eventDateTime"] = "1999-01-01T00:00:00Z"
    record["hash"] = line_hash(record)
    lines[1] = (json.dumps(record) + "\n").encode()
    path.write_bytes(b"".join(lines))
    assert _codes(path, capsys) == {"log.chain"}


def test_events_cut_off_the_end_are_found_with_the_head(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    head = json.loads(_lines(path)[-1])["hash"]
    path.write_bytes(b"".join(_lines(path)[:-1]))
    assert main(["log", "verify", str(path)]) == 0  # a shorter chain is still a chain
    assert _codes(path, capsys, "--expect-head", head) == {"log.head"}


@pytest.mark.parametrize("garbage", [b"not json\n", b'{"a": 1, "a": 2}\n', b"[NaN]\n", b"{}\n",
                                     b'{"format": "verify-log/1"'])
def test_garbage_lines_are_found(garbage: bytes, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path, 2)
    path.write_bytes(path.read_bytes() + garbage)
    codes = _codes(path, capsys)
    assert codes & {"log.unparseable", "log.truncated"}
    assert main(["log", "show", str(path)]) == 1  # shown, but flagged


def test_check_refuses_to_append_to_a_broken_log(corpus: Corpus, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = _log(tmp_path)
    lines = _lines(path)
    path.write_bytes(b"".join(lines[:1] + lines[2:]))
    capsys.readouterr()
    assert corpus.check("--log", str(path)) == 2
    assert "chain is broken" in capsys.readouterr().err
    assert _lines(path) == lines[:1] + lines[2:]  # nothing appended


def test_an_unreadable_log_is_exit_2(tmp_path: Path) -> None:
    assert main(["log", "verify", str(tmp_path / "missing.log")]) == 2
    assert main(["log", "show", str(tmp_path)]) == 2


def test_concurrent_appends_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "fixity.log"

    def writer(n: int) -> None:
        for i in range(10):
            append_event(path, fixity_event(outcome="pass", detail="t", message=f"{n}.{i}",
                                            manifest="m", facts={}))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = read_log(path)
    assert report.passed and len(report.events) == 40
