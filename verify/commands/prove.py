"""``verify prove [PATH] [-m MANIFEST]`` and ``verify prove --verify PROOF``: inclusion proofs."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from verify.escape import shown
from verify.commands import add_format, dump_json
from verify.commands import DEFAULT_MANIFEST
from verify.errors import UnsafePath, VerifyError
from verify.manifest import Manifest, check_relative_path, encode_name, read_manifest
from verify.merkle import (
    InclusionProof,
    ProofError,
    format_root,
    manifest_leaves,
    parse_root,
    proof_from_json,
    prove,
    strict_loads,
    tree_root,
)
from verify.signing import UntrustedManifest, load_public_key, open_envelope, read_signature

MAX_PROOF_BYTES = 16 * 1024 * 1024


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "prove", help="print a manifest's Merkle root, or an inclusion proof for one file",
        description="Without PATH: print the manifest's Merkle root (for `verify check "
                    "--expect-root`). With PATH (an entry name, or a file under the corpus root): "
                    "print a JSON proof that its entry is in the manifest with that root. With "
                    "--verify PROOF: check a proof alone, without the manifest; add --expect-root "
                    "or --trust/--signature to tie its root to one you trust, and --file to check "
                    "a file's bytes against the proven entry. Exit 0 when everything holds, 1 when "
                    "a proof, root, signature or file does not, 2 on unreadable or malformed input.")
    parser.add_argument("path", nargs="?", metavar="PATH")
    parser.add_argument("-m", "--manifest", default=DEFAULT_MANIFEST, metavar="MANIFEST",
                        help="the manifest (default: %(default)s)")
    parser.add_argument("--root", metavar="ROOT", help="the corpus root, to name PATH by a file")
    parser.add_argument("--verify", metavar="PROOF", help="verify this proof file instead")
    parser.add_argument("--expect-root", metavar="HEX", help="with --verify: the root to expect")
    parser.add_argument("--trust", action="append", metavar="KEYFILE.pub",
                        help="with --verify: the root must be the one signed in --signature")
    parser.add_argument("--signature", metavar="SIG", help="with --trust: a MANIFEST.sig")
    parser.add_argument("--file", metavar="FILE",
                        help="with --verify: this file's bytes must be the proven entry's")
    add_format(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return _verify(args)
    manifest = read_manifest(args.manifest)
    if args.path is None:
        leaves = manifest_leaves(manifest)
        if args.format == "json":
            dump_json({"root": format_root(tree_root(leaves)), "tree_size": len(leaves)})
        else:
            print(format_root(tree_root(leaves)))
        return 0
    dump_json(prove(manifest, _entry_name(args, manifest)).to_json())
    return 0


def _entry_name(args: argparse.Namespace, manifest: Manifest) -> str:
    names = {entry.path for entry in manifest.entries}
    if args.path in names or not os.path.exists(args.path):
        return str(args.path)
    if args.root is not None:
        root = args.root
    elif manifest.root is not None:
        root = os.path.join(os.path.dirname(os.path.abspath(args.manifest)), manifest.root)
    else:
        return str(args.path)
    rel = os.path.relpath(os.path.abspath(args.path), os.path.abspath(root))
    return encode_name(os.fsencode(Path(rel).as_posix()))


def _verify(args: argparse.Namespace) -> int:
    try:
        with open(args.verify, "rb") as stream:
            data = stream.read(MAX_PROOF_BYTES + 1)
    except OSError as exc:
        raise VerifyError(f"cannot read the proof: {exc.strerror or exc}", path=args.verify) from exc
    proof = proof_from_json(strict_loads(data, "proof", MAX_PROOF_BYTES))
    try:
        check_relative_path(proof.entry["path"])
    except UnsafePath as exc:
        raise ProofError(exc.message, path=args.verify) from exc
    failures = _failures(args, proof)
    entry = proof.entry
    if args.format == "json":
        dump_json({"proof": args.verify, "path": entry["path"], "raw_sha256": entry.get("raw_sha256"),
                   "root": format_root(proof.root), "passed": not failures, "failures": failures})
    else:
        print(f"{shown(entry['path'])}: leaf {proof.index} of {proof.size}, root {format_root(proof.root)}")
        for failure in failures:
            print(f"  FAILED  {shown(failure, backslash=False)}")
        print("OK: the entry is in the manifest with this root" if not failures
              else "FAILED: see above")
    return 1 if failures else 0


def _failures(args: argparse.Namespace, proof: InclusionProof) -> list[str]:
    failures = []
    if not proof.passed:
        failures.append("the audit path does not lead from this entry to the root")
    if args.expect_root is not None and parse_root(args.expect_root) != proof.root:
        failures.append(f"the root is not the expected {format_root(parse_root(args.expect_root))}")
    if args.trust:
        failures.extend(_signature_failures(args, proof))
    if args.file is not None:
        failures.extend(_file_failures(args.file, proof.entry))
    return failures


def _signature_failures(args: argparse.Namespace, proof: InclusionProof) -> list[str]:
    if args.signature is None:
        raise VerifyError("--trust needs --signature (the manifest's .sig file)")
    keys = [load_public_key(path) for path in args.trust]
    envelope = read_signature(args.signature)
    if envelope is None:
        return [f"no signature at {args.signature}"]
    try:
        signed = open_envelope(envelope, keys)
    except UntrustedManifest as exc:
        return [exc.message]
    if signed.root != format_root(proof.root) or \
            signed.statement["predicate"].get("tree_size") != proof.size:
        return [f"the signed root is {signed.root}, not this proof's"]
    print(f"root signed by trusted key {signed.key_id}, sequence {signed.sequence}",
          file=sys.stderr)
    return []


def _file_failures(path: str, entry: dict[str, Any]) -> list[str]:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise VerifyError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if f"sha256:{digest.hexdigest()}" != entry.get("raw_sha256"):
        return [f"{path} is not the proven file: its bytes have sha256:{digest.hexdigest()}"]
    return []
