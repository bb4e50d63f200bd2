"""``verify check [-m MANIFEST] [--root ROOT]``: re-verify a corpus against its manifest."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from verify.commands import (DEFAULT_MANIFEST, add_format, add_jobs, add_log_argument, add_memory_limit,
                             add_trust_arguments, dump_json, executor_from)
from verify.errors import ManifestError, VerifyError


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


def run(args: argparse.Namespace) -> int:
    # Imports here, not at the top: a plain check should start in milliseconds
    # (python -X importtime; docs/manifest.md).
    import gc

    from verify.check import check_manifest
    from verify.manifest import loads, open_manifest_light, read_manifest_bytes

    trusted = bool(args.trust or args.expect_root)
    facts: dict[str, Any] = {}
    if trusted or args.log or getattr(args, "signature", None):
        from verify.commands.log import record_check
        from verify.policy import verify_manifest_trust

        try:
            data = read_manifest_bytes(args.manifest)
            manifest = loads(data, source=args.manifest)
            facts = verify_manifest_trust(policy_from(args), data, manifest, args.manifest).to_json()
        except ManifestError as exc:
            if args.log:
                record_check(args, "refused", str(exc), facts)
            raise
        root = _root(args, manifest.root)
        with executor_from(args) as executor:
            report = check_manifest(manifest, root, deep=args.deep, manifest_path=args.manifest,
                                    jobs=args.jobs, executor=executor, progress=not args.quiet)
    else:
        # A check allocates an object per file and frees nothing cyclic: the
        # collector's passes over them cost a quarter of the walk (docs/manifest.md).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            with open_manifest_light(args.manifest) as (manifest, entries):
                root = _root(args, manifest.root)
                with executor_from(args) as executor:
                    report = check_manifest(manifest, root, deep=args.deep,
                                            manifest_path=args.manifest, jobs=args.jobs,
                                            executor=executor, progress=not args.quiet,
                                            entries=entries)
        finally:
            if was_enabled:
                gc.enable()
    return _render(args, report, root, facts, trusted)


def _render(args: argparse.Namespace, report: Any, root: Path, facts: dict[str, Any],
            trusted: bool) -> int:
    from verify.report.check import check_json, check_text

    if not any(report.counts().values()) and not args.allow_empty:
        from verify.policy import EmptyManifest

        raise EmptyManifest("the manifest lists no file: it vouches for nothing (refused)",
                            path=args.manifest)
    if args.format == "json":
        dump_json({**check_json(report, manifest=args.manifest, root=str(root)),
                   **({"trust": facts} if trusted else {})})
    else:
        head = ""
        if trusted:  # imported only then: the signing code costs a plain check's start-up
            from verify.commands.sign import trust_lines

            head = trust_lines(facts)
        sys.stdout.write(head + check_text(report, manifest=args.manifest, root=str(root)))
    sys.stdout.flush()
    if args.log and not _log(args, "pass" if report.passed else "fail",
                             ", ".join(f"{n} {k}" for k, n in report.counts().items() if n),
                             {**facts, "corpus_root": os.path.abspath(root),
                              "counts": report.counts()}):
        return 2
    if report.refused:
        return 2
    return 0 if report.passed else 1


def policy_from(args: argparse.Namespace) -> Any:
    """The trust options of ``check``, parsed into the library's TrustPolicy."""
    from verify.policy import TrustPolicy

    if args.signature is not None and not args.trust:
        raise VerifyError("--signature needs --trust (the key the signature must be by)")
    return TrustPolicy.from_files(expect_root=args.expect_root, trust=args.trust or (),
                                  signature=args.signature, log=args.log if args.trust else None,
                                  allow_empty=args.allow_empty)


def _log(args: argparse.Namespace, outcome: str, message: str, facts: dict[str, Any]) -> bool:
    """Append the event; a log that cannot take it is reported after the check's own report."""
    from verify.commands.log import record_check
    from verify.escape import shown

    try:
        record_check(args, outcome, message, facts)
    except VerifyError as exc:
        print(f"verify: error: the check was not logged: {shown(str(exc), backslash=False)}",
              file=sys.stderr)
        return False
    return True


def _root(args: argparse.Namespace, recorded: str | None) -> Path:
    from verify.roots import corpus_root

    root = corpus_root(args.manifest, recorded, args.root)
    if not root.is_dir():
        raise VerifyError(f"the corpus root {str(root)!r} is not a folder")
    return root
