"""Exports, validated by the libraries that define them: bagit, prov; and in-toto's shape."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import bagit
import pytest
from prov.model import ProvDocument

from verify.cli import main
from verify.manifest import read_manifest, records_name
from verify.signing import load_public_key, open_envelope

from proof.proofkit import TEXTS, Corpus


def test_bagit_export_passes_bagits_validator(corpus: Corpus, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.sign() == 0
    out = tmp_path / "bag"
    assert main(["export", "bagit", str(out), "-m", str(corpus.manifest)]) == 0
    bag = bagit.Bag(str(out))
    bag.validate()  # raises on any problem
    assert bag.is_valid()
    manifest = read_manifest(corpus.manifest)
    assert {name: f"sha256:{d['sha256']}" for name, d in bag.payload_entries().items()} == {
        f"data/{e.path}": e.raw_sha256 for e in manifest.entries}
    assert (out / "verify" / "manifest.json").read_bytes() == corpus.manifest.read_bytes()
    assert (out / "verify" / "manifest.json.sig").read_bytes() == corpus.sig.read_bytes()
    assert bag.info["External-Identifier"].startswith("sha256:")
    tags = (out / "tagmanifest-sha256.txt").read_text()
    assert "verify/manifest.json" in tags
    # and bagit's validation means something: a changed payload file fails it
    (out / "data" / "a.txt").write_text("tampered\n")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()


def test_bagit_export_of_a_drifted_corpus_writes_nothing(corpus: Corpus, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (corpus.root / "b.txt").write_text("drifted\n")
    out = tmp_path / "bag"
    assert main(["export", "bagit", str(out), "-m", str(corpus.manifest)]) == 1
    assert "b.txt" in capsys.readouterr().out
    assert not out.exists() and not list(tmp_path.glob(".bag.*"))


def test_bagit_export_refuses_an_existing_folder(corpus: Corpus, tmp_path: Path) -> None:
    assert main(["export", "bagit", str(tmp_path), "-m", str(corpus.manifest)]) == 2


def test_an_export_over_its_manifest_or_store_is_refused(corpus: Corpus) -> None:
    before = corpus.manifest.read_bytes()
    store = corpus.manifest.parent / records_name(corpus.manifest)
    for kind in ("prov", "intoto"):
        for output in (corpus.manifest, store):
            assert main(["export", kind, "-m", str(corpus.manifest), "-o", str(output)]) == 2
    assert corpus.manifest.read_bytes() == before


def test_prov_export_is_prov_json_that_prov_reads_back(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "prov.json"
    assert main(["export", "prov", "-m", str(corpus.manifest), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    document = ProvDocument.deserialize(content=text, format="json")
    assert ProvDocument.deserialize(content=document.serialize(format="json"), format="json") == document
    doc = json.loads(text)
    entities = doc["entity"]
    sources = [k for k, v in entities.items() if v["prov:type"] == "verify:Source"]
    assert len(sources) == len(TEXTS)
    assert sum(v["prov:type"] == "verify:CanonicalText" for v in entities.values()) == len(TEXTS)
    kinds = [a["prov:type"] for a in doc["activity"].values()]
    assert kinds.count("verify:Ingestion") == kinds.count("verify:Normalisation") == len(TEXTS)
    (agent,) = [a for a in doc["agent"].values() if a["prov:type"] == "prov:SoftwareAgent"]
    assert agent["prov:label"].startswith("verify ")
    assert len(doc["wasAssociatedWith"]) == 2 * len(TEXTS)
    assert len(doc["wasDerivedFrom"]) == len(TEXTS)
    raw = {v["verify:raw_sha256"] for k, v in entities.items() if k in sources}
    assert raw == {e.raw_sha256 for e in read_manifest(corpus.manifest).entries}


def test_intoto_statement_carries_raw_and_canonical_digests(
        corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["export", "intoto", "-m", str(corpus.manifest)]) == 0
    statement = json.loads(capsys.readouterr().out)
    _check_statement(statement, corpus)


def test_intoto_statement_signed_in_a_dsse_envelope(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "statement.dsse.json"
    assert main(["export", "intoto", "-m", str(corpus.manifest), "--key", str(corpus.key),
                 "-o", str(out)]) == 0
    envelope = open_envelope_any(out.read_bytes(), corpus)
    _check_statement(envelope, corpus)


def open_envelope_any(data: bytes, corpus: Corpus) -> dict:  # type: ignore[type-arg]
    """Check the DSSE signature by hand (open_envelope insists on the manifest predicate)."""
    import base64

    from verify.signing import PAYLOAD_TYPE, pae

    envelope = json.loads(data)
    assert envelope["payloadType"] == PAYLOAD_TYPE
    payload = base64.b64decode(envelope["payload"])
    load_public_key(corpus.pub).verify(base64.b64decode(envelope["signatures"][0]["sig"]),
                                       pae(PAYLOAD_TYPE, payload))
    loaded: dict = json.loads(payload)  # type: ignore[type-arg]
    return loaded


def _check_statement(statement: dict, corpus: Corpus) -> None:  # type: ignore[type-arg]
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    assert statement["predicateType"].startswith("https://")
    assert isinstance(statement["predicate"], dict)
    by_name = {s["name"]: s["digest"] for s in statement["subject"]}
    assert set(by_name) == set(TEXTS)
    for entry in read_manifest(corpus.manifest).entries:
        digest = by_name[entry.path]
        assert digest["sha256"] == hashlib.sha256((corpus.root / entry.path).read_bytes()).hexdigest()
        assert digest["verifyCanon7Sha256"] == entry.text_sha256.removeprefix("sha256:")
        assert all(len(v) == 64 and int(v, 16) >= 0 for v in digest.values())


def test_open_envelope_refuses_a_statement_that_is_not_a_manifest_signature(
        corpus: Corpus, tmp_path: Path) -> None:
    from verify.signing import UntrustedManifest

    out = tmp_path / "statement.dsse.json"
    assert main(["export", "intoto", "-m", str(corpus.manifest), "--key", str(corpus.key),
                 "-o", str(out)]) == 0
    with pytest.raises(UntrustedManifest):  # an export can never pass for a manifest signature
        open_envelope(out.read_bytes(), [load_public_key(corpus.pub)])


def test_bagit_export_reports_drift_as_json(corpus: Corpus, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (corpus.root / "a.txt").unlink()
    capsys.readouterr()
    assert main(["export", "bagit", str(tmp_path / "bag"), "-m", str(corpus.manifest),
                 "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False and "a.txt" in report["drift"][0]
