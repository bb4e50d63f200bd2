"""Hostile manifests (and signatures and proofs): exit 2 with a message, never a traceback,
never a pass, whichever command reads them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import verify.manifest
from verify.cli import main

from proof.proofkit import Corpus

Doc = dict[str, Any]


def _entry(doc: Doc) -> Doc:
    entry: Doc = doc["entries"][0]
    return entry


def _twins(doc: Doc) -> None:
    nfc = dict(_entry(doc), path="caf\u00e9.txt")
    nfd = dict(_entry(doc), path="cafe\u0301.txt")
    doc["entries"] = [nfc, nfd]


EDITS: dict[str, Callable[[Doc], Any]] = {
    "unknown top-level field": lambda d: d.update(signed_by="me"),
    "unknown entry field": lambda d: _entry(d).update(trusted=True),
    "wrong type: size is a string": lambda d: _entry(d).update(size="12"),
    "wrong type: entries is an object": lambda d: d.update(entries={}),
    "wrong type: path is a number": lambda d: _entry(d).update(path=7),
    "other digest algorithm": lambda d: _entry(d).update(raw_sha256="md5:" + "0" * 32),
    "negative size": lambda d: _entry(d).update(size=-1),
    "path with NUL": lambda d: _entry(d).update(path="a\x00.txt"),
    "path with newline": lambda d: _entry(d).update(path="a\n.txt"),
    "path with carriage return": lambda d: _entry(d).update(path="a\r.txt"),
    "absolute path": lambda d: _entry(d).update(path="/etc/passwd"),
    "path climbing out": lambda d: _entry(d).update(path="../outside.txt"),
    "backslash path": lambda d: _entry(d).update(path="sub\\c.txt"),
    "NFD path": lambda d: _entry(d).update(path="cafe\u0301.txt"),
    "NFC/NFD twins": _twins,
    "duplicate path": lambda d: d.update(entries=[_entry(d), _entry(d)]),
    "other format": lambda d: d.update(format="verify-manifest/3"),
}

RAW: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"  \n",
    "not UTF-8": b"\xff\xfe{}",
    "truncated": b'{"format": "verify-manifest/1", "entr',
    "an array": b"[]",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "nested under the limit of the parser": b'{"format": "verify-manifest/1", "works": {}, '
                                            b'"generator": "g", "profile": "canon/1", "entries": '
                                            + b"[" * 40 + b"]" * 40 + b"}",
}


def _mutated(corpus: Corpus, edit: Callable[[Doc], Any]) -> bytes:
    doc = corpus.doc()
    edit(doc)
    from helpers import dump_doc

    return dump_doc(doc)


def _hostile_cases(corpus: Corpus) -> dict[str, bytes]:
    good = corpus.manifest.read_text("utf-8")
    cases = {name: _mutated(corpus, edit) for name, edit in EDITS.items()}
    cases.update(RAW)
    cases["duplicate key"] = good.replace('"format":', '"format": "verify-manifest/1", "format":',
                                          1).encode()
    cases["NaN"] = good.replace('"size":', '"size":NaN,"x":', 1).encode()
    cases["Infinity"] = good.replace('"size":', '"size":Infinity,"x":', 1).encode()
    cases["float"] = _mutated(corpus, lambda d: _entry(d).update(size=1.5))
    return cases


COMMANDS = {
    "check": lambda m, c: ["check", "-m", m, "--root", str(c.root), "-q"],
    "check --trust": lambda m, c: ["check", "-m", m, "--root", str(c.root), "-q",
                                   "--trust", str(c.pub)],
    "sign": lambda m, c: ["sign", m, "--key", str(c.key)],
    "prove": lambda m, c: ["prove", "a.txt", "-m", m],
    "export intoto": lambda m, c: ["export", "intoto", "-m", m],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_hostile_manifest_is_exit_2_with_a_message(
        command: str, corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failures = []
    for name, content in _hostile_cases(corpus).items():
        target = tmp_path / "hostile.json"
        target.write_bytes(content)
        capsys.readouterr()
        code = main(COMMANDS[command](str(target), corpus))
        err = capsys.readouterr().err
        if code != 2 or "verify: error:" not in err or "Traceback" in err:
            failures.append(f"{name}: exit {code}, stderr {err[:200]!r}")
    assert not failures, "\n".join(failures)


def test_twins_are_named_as_twins(corpus: Corpus, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "twins.json"
    doc = corpus.doc()
    nfc = dict(_entry(doc), path="caf\u00e9.txt")
    doc["entries"] = [nfc, dict(nfc, path="cafe\u0301.txt")]
    from helpers import dump_doc

    target.write_bytes(dump_doc(doc))
    assert main(["check", "-m", str(target), "--root", str(corpus.root)]) == 2
    # Every path must be NFC, so two entries can never be twins: the NFD one is refused.
    assert "not in Unicode NFC" in capsys.readouterr().err


def test_a_manifest_over_the_size_limit_is_refused_before_parsing(
        corpus: Corpus, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(verify.manifest, "MAX_MANIFEST_BYTES", 100)
    for argv in (["check", "-m", str(corpus.manifest), "-q"],
                 ["sign", str(corpus.manifest), "--key", str(corpus.key)],
                 ["export", "prov", "-m", str(corpus.manifest)]):
        capsys.readouterr()
        assert main(argv) == 2
        assert "size limit" in capsys.readouterr().err


@pytest.mark.parametrize("content", [
    b"", b"{", b"[" * 100_000, b'{"payloadType": "x", "payloadType": "y"}',
    b'{"payloadType": "application/vnd.in-toto+json", "payload": "!!!", "signatures": []}',
    b'{"payloadType": "application/vnd.in-toto+json", "payload": "e30=", '
    b'"signatures": [{"keyid": "k", "sig": "AA=="}]}',
    b" " * (2 * 1024 * 1024),
])
def test_a_hostile_signature_file_is_refused(content: bytes, corpus: Corpus,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    corpus.sig.write_bytes(content)
    assert corpus.check("--trust", str(corpus.pub)) == 2
    err = capsys.readouterr().err
    assert "verify: error:" in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"not a key", b"-----BEGIN PUBLIC KEY-----\nAAAA\n"])
def test_a_hostile_key_file_is_exit_2(content: bytes, corpus: Corpus, tmp_path: Path) -> None:
    assert corpus.sign() == 0
    bad = tmp_path / "bad.pub"
    bad.write_bytes(content)
    assert corpus.check("--trust", str(bad)) == 2
    assert main(["sign", str(corpus.manifest), "--key", str(bad)]) == 2
