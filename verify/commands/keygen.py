"""``verify keygen KEYFILE``: a new Ed25519 key pair for signing manifests."""

from __future__ import annotations

import argparse
from typing import Any

from verify.commands import add_format, dump_json
from verify.signing import generate_keypair


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "keygen", help="make an Ed25519 key pair for signing manifests",
        description="Write a new Ed25519 private key to KEYFILE (PKCS#8 PEM, mode 0600, never "
                    "overwritten) and its public key to KEYFILE.pub (give that to verifiers: "
                    "`verify check --trust KEYFILE.pub`). Offline. Exit 0, or 2 if a file exists "
                    "or cannot be written.")
    parser.add_argument("keyfile", metavar="KEYFILE")
    add_format(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kid = generate_keypair(args.keyfile)
    if args.format == "json":
        dump_json({"private_key": args.keyfile, "public_key": f"{args.keyfile}.pub", "key_id": kid})
    else:
        print(f"wrote {args.keyfile} (private, mode 0600) and {args.keyfile}.pub\nkey id {kid}")
    return 0
