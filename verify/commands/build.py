"""``verify build ROOT [-m MANIFEST]``: ingest a corpus and write its manifest."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from verify.commands import (
    DEFAULT_MANIFEST,
    _seconds,
    add_extraction,
    add_format,
    add_jobs,
    dump_json,
    executor_from,
    options_from,
)
from verify.errors import ManifestError
from verify.escape import shown
from verify.lock import DEFAULT_LOCK_TIMEOUT, manifest_lock
from verify.safeio import refuse_special_target



def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "build", help="ingest every file under ROOT and write a manifest",
        description="Walk ROOT, ingest every file (hidden files, sources.toml and the manifest "
                    "excepted), read provenance from ROOT/sources.toml, and write a "
                    "deterministic manifest (JSON Lines) and its record store, atomically. A "
                    "rebuild reuses the records of files whose bytes, profile and extractor are "
                    "unchanged (--full: extract everything). A file no ingester reads is a "
                    "hash-only entry; a symlink is recorded as a link. A file that fails is "
                    "recorded with its error. Exit 0 when every file was ingested, 1 when some failed (the "
                    "manifest is written and says why), 2 on a usage or configuration error.")
    parser.add_argument("root", metavar="ROOT")
    parser.add_argument("-m", "--manifest", default=DEFAULT_MANIFEST, metavar="MANIFEST",
                        help="where to write the manifest (default: %(default)s)")
    add_format(parser)
    add_jobs(parser)
    add_extraction(parser)
    parser.add_argument("--hash-only", action="store_true",
                        help="record digests only, extract nothing (fixity of a large archive; "
                             "a later build without it extracts)")
    parser.add_argument("--full", action="store_true",
                        help="extract every file again (do not reuse the previous manifest's records)")
    parser.add_argument("--no-lint", action="store_true",
                        help="do not store the detectors' findings in the entries (faster)")
    parser.add_argument("--no-compare", action="store_true",
                        help="do not compare the versions of each work declared in sources.toml")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--lock-timeout", type=_seconds, default=DEFAULT_LOCK_TIMEOUT,
                        metavar="SECONDS", help="give up (exit 2) when another build of the same "
                        "manifest holds its lock this long (default: %(default)g)")
    parser.set_defaults(func=run)


#: Hash-only files named in the text summary (an archive may hold thousands of images).
_UNREAD_SHOWN = 20


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from verify.build import build_manifest, write_build
    from verify.errors import VerifyError

    if not Path(args.root).is_dir():
        raise VerifyError(f"{args.root!r} is not a folder")
    refuse_special_target(args.manifest, "manifest", ManifestError)
    _refuse_foreign(args.manifest)
    with manifest_lock(args.manifest, timeout=args.lock_timeout, on_wait=lambda holder: print(
            f"verify: waiting for another build of {shown(args.manifest)} (held by "
            f"{shown(holder)}; giving up after {args.lock_timeout:g} s)", file=sys.stderr)):
        refuse_special_target(args.manifest, "manifest", ManifestError)
        _refuse_foreign(args.manifest)
        with executor_from(args) as executor:
            options = options_from(args, lint=not args.no_lint and not args.hash_only)
            if args.hash_only:
                from dataclasses import replace

                options = replace(options, extract=False)
            result = build_manifest(args.root, manifest_path=args.manifest, options=options,
                                    jobs=args.jobs, executor=executor, progress=not args.quiet,
                                    compare=not args.no_compare, incremental=not args.full,
                                    spool=True)
        write_build(result, args.manifest)
    for warning in result.warnings:
        print(f"verify: warning: {shown(warning, backslash=False)}", file=sys.stderr)
    from verify.policy import recorded_root_problem

    recorded = result.manifest.root
    if recorded is not None and (problem := recorded_root_problem(recorded)):
        print(f"verify: warning: the recorded root {shown(recorded)} {problem}: `verify check` "
              "will follow it only when given --root (keep the manifest beside or above the "
              "corpus to avoid this)", file=sys.stderr)
    failed = result.failed
    if args.format == "json":
        dump_json({"manifest": args.manifest, "files": result.files,
                   "reused": result.reused,
                   "failed": [{"path": r.path, "error": r.error, "error_code": r.error_code}
                              for r in failed],
                   "warnings": list(result.warnings),
                   "hashed_only": result.hashed_only,
                   "unread": [{"path": path, "why": why} for path, why in result.unread],
                   "flagged": [{"path": path, "warning": warning} for path, warning in result.flagged]})
    else:
        total, hashed = result.files, result.hashed_only
        kept = f", {hashed} hashed only (no ingester reads their format)" if hashed else ""
        if args.hash_only:  # nothing was ingested: say what was done (audit4)
            print(f"wrote {shown(args.manifest)}: {total} files hashed (--hash-only: no text extracted), "
                  f"{len(failed)} failed")
        else:
            print(f"wrote {shown(args.manifest)}: {total} files, {total - len(failed) - hashed} ingested "
                  f"({result.reused} reused from the previous build){kept}, {len(failed)} failed")
        for record in failed:
            print(f"  failed  {shown(record.path)}: {shown(record.error or '')} [{record.error_code}]")
        for path, why in result.unread[:_UNREAD_SHOWN]:
            print(f"  hashed  {shown(path)}: {shown(why)}")
        if len(result.unread) > _UNREAD_SHOWN:
            more = len(result.unread) - _UNREAD_SHOWN
            print(f"  ... and {more} more hashed only (--format json lists all)")
        for path, warning in result.flagged:
            print(f"  warning {shown(path)}: {shown(warning)}")
    return 1 if failed else 0


def _refuse_foreign(manifest: str) -> None:
    """A build replaces the manifest and its record store: never a file that is
    neither (a document of the corpus given as ``-m`` by mistake)."""
    from pathlib import Path

    from verify.manifest import not_ours, records_name

    store = Path(manifest).parent / records_name(manifest)
    for path, what in ((Path(manifest), "manifest"), (store, "store")):
        if (problem := not_ours(path, what)) is not None:
            raise ManifestError(f"{shown(str(path))}: {problem}")
