"""Signed manifests: Ed25519 over an in-toto Statement in a DSSE envelope, offline.

``verify sign`` writes ``MANIFEST.sig``: a DSSE envelope (the signing format
of in-toto and sigstore) whose payload is an in-toto Statement v1 about the
manifest file. The statement says, under the signer's key:

- the SHA-256 of the manifest's exact bytes (any change, even whitespace, fails),
- its Merkle root and tree size (:mod:`verify.merkle`), so a single inclusion
  proof can be checked against a signed root without the manifest,
- a **sequence number** that grows with each signature of that manifest
  name. A verifier with memory (the audit log, :mod:`verify.auditlog`) refuses
  a lower number than one it accepted before: that is how a replayed older
  signed manifest (roll-back) is caught.

DSSE signs ``PAE(payloadType, payload)``, the exact bytes, so nothing has to
be canonicalised before a signature is checked. Every failure is an
:class:`UntrustedManifest`; the CLI maps it to exit 2 (the manifest must not
be used as a reference).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from verify.errors import ManifestError, VerifyError
from verify.manifest import Manifest
from verify.safeio import read_regular
from verify.merkle import LEAF_SCHEME, canonical_json, format_root, manifest_leaves, strict_loads, tree_root

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://verify.invalid/signed-manifest/v1"
MAX_ENVELOPE_BYTES = 1024 * 1024
MAX_KEY_BYTES = 64 * 1024


class UntrustedManifest(ManifestError):
    """A signature is missing, invalid or foreign, or the manifest changed since it was signed."""

    code = "manifest.untrusted"


class KeyFileError(VerifyError):
    """A key file is missing, unreadable, not Ed25519, or would be overwritten."""

    code = "signing.key"


# --------------------------------------------------------------------------- keys

def key_id(public: Ed25519PublicKey) -> str:
    """``sha256:<hex>`` of the raw 32-byte public key."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return f"sha256:{hashlib.sha256(raw).hexdigest()}"


def generate_keypair(path: str | os.PathLike[str]) -> str:
    """Write a new private key (PKCS#8 PEM, mode 0600) and ``PATH.pub``; return the key id.

    Never overwrites: an existing key is a KeyFileError.
    """
    private_path, public_path = Path(path), Path(f"{path}.pub")
    for target in (private_path, public_path):
        if target.exists():
            raise KeyFileError(f"{target} exists; refusing to overwrite a key")
    private_path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    pub = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    _write_new(private_path, pem, 0o600)
    _write_new(public_path, pub, 0o644)
    return key_id(key.public_key())


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise KeyFileError(f"cannot create {path}: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "wb") as stream:
        os.fchmod(stream.fileno(), mode)  # whatever the umask
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def load_private_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(_read_key(path), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"{path} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(path: str | os.PathLike[str]) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(_read_key(path))
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"{path} is not a PEM public key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{path} is not an Ed25519 public key")
    return key


def _read_key(path: str | os.PathLike[str]) -> bytes:
    return read_regular(path, f"key {path}", limit=MAX_KEY_BYTES, error=KeyFileError)


# --------------------------------------------------------------------------- statements

def statement_for(data: bytes, manifest: Manifest, name: str, sequence: int) -> dict[str, Any]:
    """The in-toto Statement that a signature of the manifest bytes ``data`` covers."""
    leaves = manifest_leaves(manifest)
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": name, "digest": {"sha256": hashlib.sha256(data).hexdigest()}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {"merkle_root": format_root(tree_root(leaves)), "tree_size": len(leaves),
                      "leaf_scheme": LEAF_SCHEME, "sequence": sequence,
                      "profile": manifest.profile},
    }


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE's pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def sign_statement(statement: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """A DSSE envelope holding ``statement``, signed by ``key``."""
    payload = canonical_json(statement)
    signature = key.sign(pae(PAYLOAD_TYPE, payload))
    return {"payloadType": PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode("ascii"),
            "signatures": [{"keyid": key_id(key.public_key()),
                            "sig": base64.b64encode(signature).decode("ascii")}]}


@dataclass(frozen=True)
class Signed:
    """A statement whose signature verified, and by which key."""

    statement: dict[str, Any]
    key_id: str

    @property
    def name(self) -> str:
        return str(self.statement["subject"][0]["name"])

    @property
    def sha256(self) -> str:
        return str(self.statement["subject"][0]["digest"]["sha256"])

    @property
    def sequence(self) -> int:
        return int(self.statement["predicate"]["sequence"])

    @property
    def root(self) -> str:
        return str(self.statement["predicate"]["merkle_root"])

    def to_json(self) -> dict[str, Any]:
        return {"key_id": self.key_id, "name": self.name, "manifest_sha256": f"sha256:{self.sha256}",
                "sequence": self.sequence, "merkle_root": self.root}


def open_envelope(data: bytes, trusted: list[Ed25519PublicKey]) -> Signed:
    """The statement of a DSSE envelope signed by one of the ``trusted`` keys."""
    try:
        envelope = strict_loads(data, "signature", MAX_ENVELOPE_BYTES)
    except VerifyError as exc:
        raise UntrustedManifest(exc.message) from exc
    payload, signatures = _envelope_parts(envelope)
    by_id = {key_id(k): k for k in trusted}
    seen = []
    for item in signatures:
        key = by_id.get(item["keyid"])
        seen.append(item["keyid"])
        if key is None:
            continue
        try:
            key.verify(base64.b64decode(item["sig"], validate=True), pae(PAYLOAD_TYPE, payload))
        except (InvalidSignature, binascii.Error) as exc:
            raise UntrustedManifest(f"invalid signature by the trusted key {item['keyid']}: "
                                    "the signed statement or the signature was altered") from exc
        return Signed(_statement(payload), item["keyid"])
    raise UntrustedManifest(f"foreign signature: signed by {', '.join(seen) or 'no key'}, "
                            f"not by a trusted key ({', '.join(sorted(by_id))})")


def _envelope_parts(envelope: Any) -> tuple[bytes, list[dict[str, str]]]:
    if not isinstance(envelope, dict) or envelope.get("payloadType") != PAYLOAD_TYPE:
        raise UntrustedManifest(f"not a DSSE envelope of type {PAYLOAD_TYPE}")
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or not signatures or not all(
            isinstance(s, dict) and isinstance(s.get("keyid"), str) and isinstance(s.get("sig"), str)
            for s in signatures):
        raise UntrustedManifest("the envelope carries no well-formed signature")
    try:
        payload = base64.b64decode(str(envelope.get("payload")), validate=True)
    except binascii.Error as exc:
        raise UntrustedManifest("the envelope payload is not base64") from exc
    return payload, signatures


def _statement(payload: bytes) -> dict[str, Any]:
    try:
        doc = strict_loads(payload, "signed statement", MAX_ENVELOPE_BYTES)
        predicate, subject = doc["predicate"], doc["subject"]
        ok = (doc["_type"] == STATEMENT_TYPE and doc["predicateType"] == PREDICATE_TYPE
              and isinstance(subject, list) and len(subject) == 1
              and isinstance(subject[0]["name"], str) and isinstance(subject[0]["digest"]["sha256"], str)
              and type(predicate["sequence"]) is int and predicate["sequence"] >= 1
              and isinstance(predicate["merkle_root"], str)
              and predicate["leaf_scheme"] == LEAF_SCHEME)
    except (VerifyError, KeyError, TypeError) as exc:
        raise UntrustedManifest(f"the signed statement is malformed: {exc}") from exc
    if not ok:
        raise UntrustedManifest("the signed statement is not a verify signed-manifest statement")
    checked: dict[str, Any] = doc
    return checked


# --------------------------------------------------------------------------- manifests

def read_signature(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes of a signature file (refused over the limit, or when not a regular
    file), None if there is none."""
    if not os.path.lexists(path):
        return None
    return read_regular(path, f"signature {path}", limit=MAX_ENVELOPE_BYTES,
                        error=UntrustedManifest)


def signature_path(manifest_path: str | os.PathLike[str]) -> Path:
    return Path(f"{manifest_path}.sig")


def verify_signed_manifest(data: bytes, manifest: Manifest, name: str, envelope: bytes | None,
                           trusted: list[Ed25519PublicKey]) -> Signed:
    """That ``data`` (parsed as ``manifest``, stored as ``name``) is exactly what a trusted key signed.

    Reports every mismatch at once in one UntrustedManifest.
    """
    if envelope is None:
        raise UntrustedManifest("the manifest is not signed (no signature file)")
    signed = open_envelope(envelope, trusted)
    leaves = manifest_leaves(manifest)
    problems = []
    if signed.sha256 != hashlib.sha256(data).hexdigest():
        problems.append("the manifest bytes changed after signing")
    if signed.root != format_root(tree_root(leaves)):
        problems.append(f"its Merkle root is {format_root(tree_root(leaves))}, "
                        f"the signed root is {signed.root}")
    if signed.statement["predicate"].get("tree_size") != len(leaves):
        problems.append("its entry count differs from the signed one")
    if signed.name != name:
        problems.append(f"the signature is for a manifest named {signed.name!r}, not {name!r}")
    if problems:
        raise UntrustedManifest("signature does not cover this manifest: " + "; ".join(problems))
    return signed


def previous_sequence(sig_path: Path, key: Ed25519PublicKey) -> int:
    """The sequence number of an existing signature by ``key`` at ``sig_path`` (0 if none)."""
    try:
        data = read_signature(sig_path)
        return 0 if data is None else open_envelope(data, [key]).sequence
    except UntrustedManifest:
        return 0
