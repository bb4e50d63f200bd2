"""``verify sign MANIFEST --key KEYFILE``: sign a manifest (and the trust options of ``check``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from verify.commands import add_format, dump_json
from verify.errors import VerifyError
from verify.manifest import loads, manifest_lock, read_manifest_bytes, write_atomic
from verify.merkle import format_root, manifest_root
from verify.signing import (
    load_private_key,
    previous_sequence,
    sign_statement,
    signature_path,
    statement_for,
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


def trust_lines(facts: dict[str, Any]) -> str:
    signed = facts.get("signed")
    line = f"manifest root {facts['merkle_root']}"
    if signed:
        line += (f"\nsigned by trusted key {signed['key_id']}, sequence {signed['sequence']}: "
                 "the manifest is exactly what was signed")
    return line + "\n"
