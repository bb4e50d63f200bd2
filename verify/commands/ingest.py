"""``verify ingest FILE...``: the canonical text, or one JSON record per file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from verify.escape import shown
from verify.commands import add_extraction, add_format, add_jobs, executor_from, options_from
from verify.model import Record, to_json
from verify.parallel import map_ordered
from verify.manifest import json_name
from verify.pipeline import Options, crashed_file, hard_timeout, process_file


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "ingest", help="extract and canonicalise files; print the text or JSON records",
        description="Extract each FILE (PDF, HTML or text, sniffed from the bytes), normalise it "
                    "with the canonical profile and print the canonical text, or with "
                    "--format json one JSON record per line. Exit 0 when every file was read, "
                    "2 when any could not be (its record says why).")
    parser.add_argument("files", nargs="+", metavar="FILE")
    add_format(parser)
    add_jobs(parser)
    add_extraction(parser)
    parser.set_defaults(func=run)


def _one(item: tuple[str, Options]) -> Record:
    return process_file(item[0], options=item[1])


def _crashed(item: tuple[str, Options], why: str) -> Record:
    return crashed_file(item[0], item[0], why)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    with executor_from(args) as executor:
        records = map_ordered(_one, [(f, options) for f in args.files], jobs=args.jobs,
                              executor=executor, on_crash=_crashed,
                              memory_limit=options.memory_limit, item_timeout=hard_timeout(options))
    for record in records:
        if args.format == "json":
            doc = record_json(record)
            doc["path"] = json_name(doc["path"])
            sys.stdout.write(json.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n")
        elif record.error is None:
            if len(records) > 1:
                sys.stdout.write(f"==> {shown(record.path)} <==\n")
            sys.stdout.write((record.text or "") + "\n")
        if record.error is not None:
            print(f"verify: {shown(record.path)}: {shown(record.error, backslash=False)} "
                  f"[{record.error_code}]", file=sys.stderr)
    return 2 if any(r.error for r in records) else 0


def record_json(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = to_json(record)
    data["metadata"] = dict(record.metadata)
    data["findings"] = [to_json(f) for f in record.findings]
    return data
