"""``verify check [-m MANIFEST] [--root ROOT]``: re-verify a corpus against its manifest."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from verify.check import check_manifest
from verify.commands import (
    add_format,
    add_jobs,
    add_memory_limit,
    dump_json,
    executor_from,
    memory_limit_from,
)
from verify.commands.build import DEFAULT_MANIFEST
from verify.commands.log import add_log_argument, record_check
from verify.commands.sign import add_trust_arguments, trust_lines
from verify.escape import shown
from verify.pipeline import Options
from verify.policy import TrustPolicy, corpus_root, verify_manifest_trust
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
    add_memory_limit(parser)
    add_trust_arguments(parser)
    parser.add_argument("--allow-empty", action="store_true",
                        help="accept a manifest that lists no file (refused by default: it "
                             "vouches for nothing)")
    add_log_argument(parser)
    parser.set_defaults(func=run)


def policy_from(args: argparse.Namespace) -> TrustPolicy:
    """The trust options of ``check``, parsed into the library's policy."""
    if args.signature is not None and not args.trust:
        raise VerifyError("--signature needs --trust (the key the signature must be by)")
    return TrustPolicy.from_files(expect_root=args.expect_root, trust=args.trust or (),
                                  signature=args.signature, log=args.log if args.trust else None,
                                  allow_empty=args.allow_empty)


def run(args: argparse.Namespace) -> int:
    facts: dict[str, Any] = {}
    try:
        policy = policy_from(args)
        data = read_manifest_bytes(args.manifest)
        manifest = loads(data, source=args.manifest)
        facts = verify_manifest_trust(policy, data, manifest, args.manifest).to_json()
    except ManifestError as exc:
        if args.log:
            _log(args, "refused", str(exc), facts)
        raise
    root = corpus_root(args.manifest, manifest.root, args.root)
    if not root.is_dir():
        raise VerifyError(f"the corpus root {str(root)!r} is not a folder")
    with executor_from(args) as executor:
        report = check_manifest(manifest, root, deep=args.deep, manifest_path=args.manifest,
                                jobs=args.jobs, executor=executor, progress=not args.quiet,
                                options=_options(args, manifest.profile))
    if args.format == "json":
        dump_json({**check_json(report, manifest=args.manifest, root=str(root)),
                   **({"trust": facts} if policy.demands else {})})
    else:
        sys.stdout.write((trust_lines(facts) if policy.demands else "")
                         + check_text(report, manifest=args.manifest, root=str(root)))
    sys.stdout.flush()
    if args.log and not _log(args, "pass" if report.passed else "fail",
                             ", ".join(f"{n} {k}" for k, n in report.counts().items() if n),
                             {**facts, "corpus_root": os.path.abspath(root),
                              "counts": report.counts()}):
        return 2
    if report.refused:
        return 2
    return 0 if report.passed else 1


def _options(args: argparse.Namespace, profile: str) -> Options:
    from verify.normalize import PROFILES

    return Options(profile=profile if profile in PROFILES else "canon/1",
                   memory_limit=memory_limit_from(args))


def _log(args: argparse.Namespace, outcome: str, message: str, facts: dict[str, Any]) -> bool:
    """Append the event; a log that cannot take it is reported, after the check's own report."""
    try:
        record_check(args, outcome, message, facts)
    except VerifyError as exc:
        print(f"verify: error: the check was not logged: {shown(str(exc), backslash=False)}",
              file=sys.stderr)
        return False
    return True
