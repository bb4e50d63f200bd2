"""``verify check [-m MANIFEST] [--root ROOT]``: re-verify a corpus against its manifest."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from verify.check import check_manifest
from verify.commands import add_format, add_jobs, dump_json, executor_from
from verify.commands.build import DEFAULT_MANIFEST
from verify.commands.log import add_log_argument, record_check
from verify.commands.sign import add_trust_arguments, trusted_facts, trust_lines
from verify.errors import ManifestError, VerifyError
from verify.manifest import loads, read_manifest_bytes
from verify.report.check import check_json, check_text


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help="re-verify a corpus against its manifest",
        description="Report every file as matched, modified, moved, missing or new. A plain check "
                    "hashes bytes and re-extracts only files whose bytes changed; --deep "
                    "re-extracts everything and reports extractor or profile drift. Exit 0 when "
                    "all match, 1 on any drift, 2 on a usage error, an unreadable or invalid "
                    "manifest, or an entry that resolves outside the root.")
    parser.add_argument("-m", "--manifest", default=DEFAULT_MANIFEST, metavar="MANIFEST",
                        help="the manifest to check against (default: %(default)s)")
    parser.add_argument("--root", metavar="ROOT",
                        help="the corpus root (default: the root recorded in the manifest, "
                             "relative to the manifest's folder)")
    parser.add_argument("--deep", action="store_true",
                        help="re-extract every file and report canonical-text drift")
    add_format(parser)
    add_jobs(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_trust_arguments(parser)
    add_log_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    facts: dict[str, Any] = {}
    try:
        data = read_manifest_bytes(args.manifest)
        manifest = loads(data, source=args.manifest)
        facts = trusted_facts(args, data, manifest)
    except ManifestError as exc:
        if args.log:
            record_check(args, "refused", str(exc), facts)
        raise
    root = _root(args, manifest.root)
    with executor_from(args) as executor:
        report = check_manifest(manifest, root, deep=args.deep, manifest_path=args.manifest,
                                jobs=args.jobs, executor=executor, progress=not args.quiet)
    if args.log:
        record_check(args, "pass" if report.passed else "fail",
                     ", ".join(f"{n} {k}" for k, n in report.counts().items() if n),
                     {**facts, "corpus_root": os.path.abspath(root), "counts": report.counts()})
    trusted = bool(args.trust or args.expect_root)
    if args.format == "json":
        dump_json({**check_json(report, manifest=args.manifest, root=str(root)),
                   **({"trust": facts} if trusted else {})})
    else:
        sys.stdout.write((trust_lines(facts) if trusted else "")
                         + check_text(report, manifest=args.manifest, root=str(root)))
    if report.refused:
        return 2
    return 0 if report.passed else 1


def _root(args: argparse.Namespace, recorded: str | None) -> Path:
    if args.root is not None:
        root = Path(args.root)
    elif recorded is not None:
        root = Path(os.path.normpath(Path(os.path.dirname(os.path.abspath(args.manifest))) / recorded))
    else:
        raise VerifyError("the manifest records no root: give --root")
    if not root.is_dir():
        raise VerifyError(f"the corpus root {str(root)!r} is not a folder")
    return root
