"""Whether a manifest is to be trusted: one library object, not CLI flags.

A :class:`TrustPolicy` says what a verifier demands of a manifest before it
checks a corpus against it (like sigstore's ``policy.Identity``):

* ``expect_root``: its Merkle root must be this one;
* ``trusted_keys``: a signature by one of these keys must cover its exact bytes;
* ``log``: with a signature, an audit log that refuses roll-back (a signed
  manifest older than one the log already accepted);
* ``allow_empty``: a manifest of no files vouches for nothing; refused unless
  this is set (fail closed).

:func:`verify_manifest_trust` applies a policy to a manifest's bytes and
raises :class:`~verify.signing.UntrustedManifest` (or another
:class:`~verify.errors.ManifestError`) when it fails; :func:`load_trusted`
reads, parses and vouches in one step; :func:`corpus_root` decides where the
corpus is, refusing a recorded root that points anywhere a manifest should
not send a verifier. ``verify check`` only parses its options into these.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from verify.errors import ManifestError, VerifyError
from verify.manifest import Manifest, loads, read_manifest_bytes
from verify.merkle import format_root, manifest_root, parse_root
from verify.roots import corpus_root as corpus_root  # moved (a plain check imports it, not this module)
from verify.roots import recorded_root_problem as recorded_root_problem
from verify.signing import (
    UntrustedManifest,
    load_public_key,
    read_signature,
    signature_path,
    verify_signed_manifest,
)


class EmptyManifest(ManifestError):
    """A manifest that lists no file: it vouches for nothing."""

    code = "manifest.empty"


@dataclass(frozen=True)
class TrustPolicy:
    """What a manifest must satisfy before a corpus is checked against it."""

    #: ``sha256:<hex>``: the Merkle root the manifest must have.
    expect_root: str | None = None
    #: A signature by any one of these keys must cover the manifest.
    trusted_keys: tuple[Ed25519PublicKey, ...] = ()
    #: Where the signature is (default: the manifest's path + ``.sig``).
    signature: Path | None = None
    #: An audit log guarding against roll-back of signed manifests.
    log: Path | None = None
    #: Accept a manifest that lists no file.
    allow_empty: bool = False

    def __post_init__(self) -> None:
        if self.expect_root is not None:
            object.__setattr__(self, "expect_root", format_root(parse_root(self.expect_root)))
        if self.signature is not None and not self.trusted_keys:
            raise VerifyError("a signature path needs trusted keys (the key it must be by)")

    @classmethod
    def from_files(cls, *, expect_root: str | None = None, trust: Iterable[str | os.PathLike[str]] = (),
                   signature: str | os.PathLike[str] | None = None,
                   log: str | os.PathLike[str] | None = None, allow_empty: bool = False) -> TrustPolicy:
        """A policy from key files and paths (what ``verify check`` is given)."""
        return cls(expect_root=expect_root, trusted_keys=tuple(load_public_key(p) for p in trust),
                   signature=Path(signature) if signature is not None else None,
                   log=Path(log) if log is not None else None, allow_empty=allow_empty)

    @property
    def demands(self) -> bool:
        """Whether it asks for more than a non-empty manifest."""
        return self.expect_root is not None or bool(self.trusted_keys)


@dataclass(frozen=True)
class Trusted:
    """What a manifest is, and who vouches for it."""

    manifest_sha256: str
    merkle_root: str
    #: The signature that covers it (``Signed.to_json()``), when keys were demanded.
    signed: dict[str, Any] | None = field(default=None)

    def to_json(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"manifest_sha256": self.manifest_sha256, "merkle_root": self.merkle_root}
        if self.signed is not None:
            facts["signed"] = self.signed
        return facts


def verify_manifest_trust(policy: TrustPolicy, data: bytes, manifest: Manifest,
                          manifest_path: str | os.PathLike[str]) -> Trusted:
    """Apply ``policy`` to a manifest (``data``, its exact bytes, parsed as
    ``manifest``, stored at ``manifest_path``). Raises when it fails."""
    if not manifest.entries and not policy.allow_empty:
        raise EmptyManifest("the manifest lists no file: it vouches for nothing (refused)",
                            path=str(manifest_path))
    root = format_root(manifest_root(manifest))
    trusted = Trusted(f"sha256:{hashlib.sha256(data).hexdigest()}", root)
    if policy.expect_root is not None and policy.expect_root != root:
        raise UntrustedManifest(f"the manifest's Merkle root is {root}, not the expected "
                                f"{policy.expect_root}")
    if not policy.trusted_keys:
        return trusted
    sig = policy.signature or signature_path(manifest_path)
    envelope = read_signature(sig)
    if envelope is None:
        raise UntrustedManifest(f"the manifest is not signed: no signature at {sig}")
    signed = verify_signed_manifest(data, manifest, Path(manifest_path).name, envelope,
                                    list(policy.trusted_keys)).to_json()
    if policy.log is not None:
        guard_rollback(policy.log, signed)
    return Trusted(trusted.manifest_sha256, root, signed)


def load_trusted(manifest_path: str | os.PathLike[str],
                 policy: TrustPolicy = TrustPolicy()) -> tuple[Manifest, Trusted]:
    """Read a manifest (a regular file, within the size limit), parse it strictly
    and apply ``policy``: the one call a library verifier needs before
    :func:`verify.check.check_manifest`."""
    data = read_manifest_bytes(manifest_path)
    manifest = loads(data, source=str(manifest_path))
    return manifest, verify_manifest_trust(policy, data, manifest, manifest_path)


def guard_rollback(log_path: str | os.PathLike[str], signed: dict[str, Any]) -> None:
    """Refuse a signed manifest older than one this log already accepted."""
    from verify.auditlog import LogError, highest_signed, read_log

    if not os.path.lexists(log_path):
        return
    report = read_log(log_path)
    if not report.passed:
        raise LogError(f"the audit log's chain is broken ({report.problems[0].message}): it cannot "
                       "vouch against roll-back; run `verify log verify`", path=str(log_path))
    seen, digest = highest_signed(report, signed["key_id"], signed["name"])
    if signed["sequence"] < seen:
        raise UntrustedManifest(f"roll-back: this manifest is signed with sequence "
                                f"{signed['sequence']}, but {log_path} already accepted sequence "
                                f"{seen} of {signed['name']!r}")
    if signed["sequence"] == seen and digest != signed["manifest_sha256"]:
        raise UntrustedManifest(f"two different manifests of {signed['name']!r} are signed with "
                                f"sequence {seen}: the log accepted the other one")


# --------------------------------------------------------------------------- the corpus root

