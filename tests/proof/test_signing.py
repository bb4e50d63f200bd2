"""Signed manifests: keygen, sign, check --trust, forged and foreign signatures, roll-back."""

from __future__ import annotations

import base64
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.cli import main
from verify.errors import ManifestError
from verify.manifest import loads
from verify.signing import (
    load_private_key,
    load_public_key,
    open_envelope,
    pae,
    sign_statement,
    statement_for,
    verify_signed_manifest,
)

from proof.proofkit import Corpus, hidden_edit, make_corpus


def test_keygen_writes_a_private_key_0600_and_a_public_key(corpus: Corpus) -> None:
    assert stat.S_IMODE(os.stat(corpus.key).st_mode) == 0o600
    assert corpus.pub.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    load_private_key(corpus.key), load_public_key(corpus.pub)
    before = corpus.key.read_bytes()
    assert main(["keygen", str(corpus.key)]) == 2  # never overwrites a key
    assert corpus.key.read_bytes() == before


def test_a_signed_manifest_is_trusted(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.sign() == 0
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub), "--format", "json") == 0
    trust = json.loads(capsys.readouterr().out)["trust"]
    assert trust["signed"]["sequence"] == 1 and trust["merkle_root"].startswith("sha256:")


def test_a_missing_signature_is_refused(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.check("--trust", str(corpus.pub)) == 2
    assert "not signed" in capsys.readouterr().err


def test_the_hidden_edit_is_caught_with_trust(corpus: Corpus,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.sign() == 0
    hidden_edit(corpus)
    assert corpus.check() == 0  # fooled without a signature
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub)) == 2
    err = capsys.readouterr().err
    assert "changed after signing" in err and "Merkle root" in err


def test_a_foreign_signature_is_refused(corpus: Corpus, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    assert main(["keygen", str(other)]) == 0
    assert main(["sign", str(corpus.manifest), "--key", str(other)]) == 0
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub)) == 2
    assert "foreign signature" in capsys.readouterr().err
    assert corpus.check("--trust", str(corpus.pub), "--trust", f"{other}.pub") == 0


def test_a_forged_signature_is_refused(corpus: Corpus, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The attacker edits, re-signs with their own key and puts the trusted key's id on it."""
    assert corpus.sign() == 0
    trusted_id = json.loads(corpus.sig.read_text())["signatures"][0]["keyid"]
    hidden_edit(corpus)
    assert main(["keygen", str(tmp_path / "mallory")]) == 0
    assert main(["sign", str(corpus.manifest), "--key", str(tmp_path / "mallory")]) == 0
    envelope = json.loads(corpus.sig.read_text())
    envelope["signatures"][0]["keyid"] = trusted_id
    corpus.sig.write_text(json.dumps(envelope))
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub)) == 2
    assert "invalid signature" in capsys.readouterr().err


def test_a_swapped_payload_is_refused(corpus: Corpus) -> None:
    """A genuine signature with another statement put in the envelope."""
    assert corpus.sign() == 0
    envelope = json.loads(corpus.sig.read_text())
    statement = json.loads(base64.b64decode(envelope["payload"]))
    statement["predicate"]["sequence"] = 99
    envelope["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    corpus.sig.write_text(json.dumps(envelope))
    assert corpus.check("--trust", str(corpus.pub)) == 2


def test_a_renamed_manifest_is_refused(corpus: Corpus) -> None:
    assert corpus.sign() == 0
    renamed = corpus.manifest.with_name("other.json")
    shutil.copy(corpus.manifest, renamed)
    shutil.copy(corpus.sig, f"{renamed}.sig")
    assert main(["check", "-m", str(renamed), "-q", "--trust", str(corpus.pub)]) == 2


def test_pae_is_the_dsse_encoding() -> None:
    assert pae("t", b"hello") == b"DSSEv1 1 t 5 hello"


# --------------------------------------------------------------------------- every byte

@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, object]:
    corpus = make_corpus(tmp_path_factory.mktemp("signed"))
    assert corpus.sign() == 0
    return corpus.manifest.read_bytes(), corpus.sig.read_bytes(), load_public_key(corpus.pub)


def _trusted(data: bytes, envelope: bytes, key: object) -> None:
    """What `check --trust` does before it looks at the corpus."""
    verify_signed_manifest(data, loads(data), "m.json", envelope, [key])  # type: ignore[list-item]


def test_the_unchanged_signed_manifest_verifies(signed: tuple[bytes, bytes, object]) -> None:
    _trusted(*signed)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_flipping_any_byte_of_a_signed_manifest_fails(signed: tuple[bytes, bytes, object],
                                                     data: st.DataObject) -> None:
    manifest, envelope, key = signed
    position = data.draw(st.integers(0, len(manifest) - 1), label="position")
    flip = data.draw(st.integers(1, 255), label="xor")
    tampered = bytearray(manifest)
    tampered[position] ^= flip
    with pytest.raises(ManifestError):
        _trusted(bytes(tampered), envelope, key)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_flipping_any_byte_of_the_signature_fails(signed: tuple[bytes, bytes, object],
                                                 data: st.DataObject) -> None:
    manifest, envelope, key = signed
    position = data.draw(st.integers(0, len(envelope) - 1), label="position")
    flip = data.draw(st.integers(1, 255), label="xor")
    tampered = bytearray(envelope)
    tampered[position] ^= flip
    try:
        _trusted(manifest, bytes(tampered), key)
    except ManifestError:
        return
    # The only harmless flips are in JSON whitespace outside the signed payload.
    assert json.loads(tampered) == json.loads(envelope)


def test_a_flipped_byte_fails_through_the_cli(corpus: Corpus) -> None:
    assert corpus.sign() == 0
    data = bytearray(corpus.manifest.read_bytes())
    data[len(data) // 2] ^= 0x01
    corpus.manifest.write_bytes(bytes(data))
    assert corpus.check("--trust", str(corpus.pub)) == 2


# --------------------------------------------------------------------------- roll-back

def _snapshot(corpus: Corpus) -> tuple[bytes, bytes]:
    return corpus.manifest.read_bytes(), corpus.sig.read_bytes()


def _restore(corpus: Corpus, saved: tuple[bytes, bytes]) -> None:
    corpus.manifest.write_bytes(saved[0])
    corpus.sig.write_bytes(saved[1])


def test_sequence_numbers_grow_and_never_go_back(corpus: Corpus, tmp_path: Path) -> None:
    key = load_public_key(corpus.pub)
    assert corpus.sign() == 0 and corpus.sign() == 0
    assert open_envelope(corpus.sig.read_bytes(), [key]).sequence == 2
    assert corpus.sign("--sequence", "2") == 2  # not above the current one
    assert corpus.sign("--sequence", "10") == 0
    assert open_envelope(corpus.sig.read_bytes(), [key]).sequence == 10


def test_a_replayed_older_signed_manifest_is_refused_through_the_log(
        corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = str(tmp_path / "fixity.log")
    assert corpus.sign() == 0
    old = _snapshot(corpus)
    assert corpus.check("--trust", str(corpus.pub), "--log", log) == 0
    (corpus.root / "b.txt").write_text("A legitimate revision.\n", "utf-8")
    corpus.build()
    assert corpus.sign() == 0  # sequence 2
    assert corpus.check("--trust", str(corpus.pub), "--log", log) == 0
    # The attacker puts back the old file, the old manifest and its genuine signature.
    (corpus.root / "b.txt").write_text("The second document says another thing.\n", "utf-8")
    _restore(corpus, old)
    assert corpus.check("--trust", str(corpus.pub)) == 0  # without memory it cannot tell
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub), "--log", log) == 2
    assert "roll-back" in capsys.readouterr().err
    assert main(["log", "verify", log]) == 0
    capsys.readouterr()
    assert main(["log", "show", log, "--format", "json"]) == 0
    outcomes = [e["eventOutcomeInformation"]["eventOutcome"] for e in json.loads(capsys.readouterr().out)]
    assert outcomes == ["pass", "pass", "refused"]


def test_two_manifests_with_one_sequence_number_are_refused(corpus: Corpus, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    log = str(tmp_path / "fixity.log")
    assert corpus.sign() == 0
    assert corpus.check("--trust", str(corpus.pub), "--log", log) == 0
    doc = corpus.doc()
    doc["works"] = {"w": {"members": []}}
    corpus.write_doc(doc)
    # A signer who reuses a sequence number (or a stolen key): same number, other bytes.
    data = corpus.manifest.read_bytes()
    envelope = sign_statement(statement_for(data, loads(data), "m.json", 1),
                              load_private_key(corpus.key))
    corpus.sig.write_text(json.dumps(envelope))
    capsys.readouterr()
    assert corpus.check("--trust", str(corpus.pub), "--log", log) == 2
    assert "sequence 1" in capsys.readouterr().err


def test_signature_without_trust_is_a_usage_error(corpus: Corpus) -> None:
    assert corpus.sign() == 0
    assert corpus.check("--signature", str(corpus.sig)) == 2


def test_the_new_commands_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("keygen", "sign", "prove", "log", "export"):
        assert command in out
