"""``verify sign MANIFEST --key KEYFILE``: sign a manifest (and the trust options of ``check``)."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from verify.commands import add_format, dump_json
from verify.errors import VerifyError
from verify.manifest import Manifest, loads, manifest_lock, read_manifest_bytes, write_atomic
from verify.merkle import format_root, manifest_root, parse_root
from verify.signing import (
    UntrustedManifest,
    load_private_key,
    load_public_key,
    previous_sequence,
    read_signature,
    sign_statement,
    signature_path,
    statement_for,
    verify_signed_manifest,
)


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sign", help="sign a manifest with an Ed25519 key",
        description="Write MANIFEST.sig: a DSSE envelope holding an in-toto Statement that names "
                    "the SHA-256 of the manifest's bytes, its Merkle root and a sequence number "
                    "one above the previous signature's (verifiers with an audit log refuse a "
                    "lower one: roll-back). Exit 0, or 2 on an invalid manifest or key.")
    parser.add_argument("manifest", metavar="MANIFEST")
    parser.add_argument("--key", required=True, metavar="KEYFILE", help="the private key")
    parser.add_argument("--signature", metavar="SIG", help="where to write (default: MANIFEST.sig)")
    parser.add_argument("--sequence", type=int, metavar="N",
                        help="the sequence number (default: the current signature's plus one)")
    add_format(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    key = load_private_key(args.key)
    target = Path(args.signature) if args.signature else signature_path(args.manifest)
    with manifest_lock(args.manifest):
        data = read_manifest_bytes(args.manifest)
        manifest = loads(data, source=args.manifest)
        previous = previous_sequence(target, key.public_key())
        sequence = previous + 1 if args.sequence is None else args.sequence
        if sequence <= previous or sequence < 1:
            raise VerifyError(f"sequence {sequence} is not above {previous}, the sequence of the "
                              f"signature in {target}: verifiers would take it for a roll-back")
        envelope = sign_statement(statement_for(data, manifest, Path(args.manifest).name, sequence),
                                  key)
        write_atomic(target, (json.dumps(envelope, indent=2, sort_keys=True) + "\n").encode())
    root = format_root(manifest_root(manifest))
    if args.format == "json":
        dump_json({"signature": str(target), "sequence": sequence, "merkle_root": root,
                   "key_id": envelope["signatures"][0]["keyid"]})
    else:
        print(f"wrote {target}: sequence {sequence}, root {root}, "
              f"key {envelope['signatures'][0]['keyid']}")
    return 0


# --------------------------------------------------------------------------- used by `check`


def trusted_facts(args: argparse.Namespace, data: bytes, manifest: Manifest) -> dict[str, Any]:
    """What the manifest is and who vouches for it; an UntrustedManifest if it fails
    --expect-root, --trust or (with --log) the roll-back guard."""
    root = format_root(manifest_root(manifest))
    facts: dict[str, Any] = {"manifest_sha256": f"sha256:{hashlib.sha256(data).hexdigest()}",
                             "merkle_root": root}
    if args.expect_root is not None and format_root(parse_root(args.expect_root)) != root:
        raise UntrustedManifest(f"the manifest's Merkle root is {root}, not the expected "
                                f"{format_root(parse_root(args.expect_root))}")
    if args.signature is not None and not args.trust:
        raise VerifyError("--signature needs --trust (the key the signature must be by)")
    if args.trust:
        keys = [load_public_key(path) for path in args.trust]
        sig = Path(args.signature) if args.signature else signature_path(args.manifest)
        envelope = read_signature(sig)
        if envelope is None:
            raise UntrustedManifest(f"the manifest is not signed: no signature at {sig}")
        signed = verify_signed_manifest(data, manifest, Path(args.manifest).name, envelope, keys)
        facts["signed"] = signed.to_json()
        if getattr(args, "log", None):
            from verify.commands.log import guard_rollback

            guard_rollback(args.log, facts["signed"])
    return facts


def trust_lines(facts: dict[str, Any]) -> str:
    signed = facts.get("signed")
    line = f"manifest root {facts['merkle_root']}"
    if signed:
        line += (f"\nsigned by trusted key {signed['key_id']}, sequence {signed['sequence']}: "
                 "the manifest is exactly what was signed")
    return line + "\n"
