"""``verify export bagit|prov|intoto``: a manifest in standard formats."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from verify.escape import shown
from verify.commands import add_format, dump_json
from verify.commands import DEFAULT_MANIFEST
from verify.errors import VerifyError
from verify.export import ExportDrift
from verify.manifest import Manifest, loads, read_manifest_bytes, write_atomic
from verify.signing import load_private_key, read_signature, sign_statement, signature_path


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export", help="export a manifest as a BagIt bag, W3C PROV-JSON or an in-toto statement",
        description="Each export is made and validated by a well-kept library (bagit, prov).")
    kinds = parser.add_subparsers(dest="export_kind", required=True, metavar="KIND")
    bag = kinds.add_parser(
        "bagit", help="copy the corpus into a BagIt bag (RFC 8493), validated by bagit",
        description="Copy every file the manifest records into OUT/data, checking each against "
                    "its raw digest, with the manifest (and MANIFEST.sig) as tag files under "
                    "OUT/verify; bagit writes SHA-256 manifests and validates the bag. Exit 0, 1 "
                    "when files no longer match the manifest (nothing is written), 2 on a usage "
                    "error or an invalid manifest.")
    bag.add_argument("out", metavar="OUT", help="the bag folder to create (must not exist)")
    _common(bag)
    bag.add_argument("--root", metavar="ROOT", help="the corpus root (default: the manifest's)")
    add_format(bag)
    bag.set_defaults(func=run_bagit)
    prov = kinds.add_parser(
        "prov", help="W3C PROV-JSON: sources, ingestion and normalisation, the toolkit as agent",
        description="Write the manifest's provenance as PROV-JSON (validated by reading it back "
                    "with the prov package).")
    _common(prov)
    prov.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    prov.set_defaults(func=run_prov)
    intoto = kinds.add_parser(
        "intoto", help="an in-toto Statement v1 with raw and canonical-text digests per file",
        description="Write an in-toto Statement v1 whose subjects are the corpus files, each with "
                    "its raw sha256 and its canonical-text digest; with --key, a signed DSSE "
                    "envelope holding it.")
    _common(intoto)
    intoto.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    intoto.add_argument("--key", metavar="KEYFILE", help="sign it (DSSE envelope, Ed25519)")
    intoto.set_defaults(func=run_intoto)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-m", "--manifest", default=DEFAULT_MANIFEST, metavar="MANIFEST",
                        help="the manifest (default: %(default)s)")


def _read(args: argparse.Namespace) -> tuple[bytes, Manifest]:
    if getattr(args, "output", None) is not None:
        from verify.manifest import records_name
        from verify.safeio import refuse_overwriting_input

        store = Path(args.manifest).parent / records_name(args.manifest)
        refuse_overwriting_input(args.output, [args.manifest, store], VerifyError)
    data = read_manifest_bytes(args.manifest)
    return data, loads(data, source=args.manifest)


def run_bagit(args: argparse.Namespace) -> int:
    from verify.export.bag import export_bag

    data, manifest = _read(args)
    if args.root is not None:
        root = Path(args.root)
    elif manifest.root is not None:
        root = Path(os.path.dirname(os.path.abspath(args.manifest))) / manifest.root
    else:
        raise VerifyError("the manifest records no root: give --root")
    if not root.is_dir():
        raise VerifyError(f"the corpus root {str(root)!r} is not a folder")
    try:
        result = export_bag(manifest, data, root, Path(args.out),
                            signature=read_signature(signature_path(args.manifest)))
    except ExportDrift as exc:
        if args.format == "json":
            dump_json({"bag": None, "passed": False, "drift": exc.problems})
        else:
            print("".join(f"  drift  {shown(problem, backslash=False)}\n" for problem in exc.problems)
                  + f"DRIFT: {exc.message}; no bag written")
        return 1
    if args.format == "json":
        dump_json({"bag": str(result.path), "passed": True, "files": result.files,
                   "skipped": list(result.skipped)})
    else:
        print(f"wrote bag {result.path}: {result.files} files, validated by bagit"
              + (f"; {len(result.skipped)} entries without bytes on record were left out"
                 if result.skipped else ""))
    return 0


def run_prov(args: argparse.Namespace) -> int:
    from verify.export.provjson import export_prov

    from verify.manifest import read_records

    _, manifest = _read(args)
    details = {} if manifest.records is None else read_records(
        Path(args.manifest).parent / manifest.records,
        [e.record_key for e in manifest.entries if e.record_key], manifest.records_sha256)
    _emit(args.output, export_prov(manifest, Path(args.manifest).name, details) + "\n")
    return 0


def run_intoto(args: argparse.Namespace) -> int:
    from verify.export.intoto import statement

    _, manifest = _read(args)
    doc: dict[str, Any] = statement(manifest, Path(args.manifest).name)
    if args.key is not None:
        doc = sign_statement(doc, load_private_key(args.key))
    if args.output is None:
        dump_json(doc)
    else:
        _emit(args.output, json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n")
    return 0


def _emit(output: str | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(Path(output), text.encode("utf-8"))
