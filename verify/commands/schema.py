"""``verify schema``: print the JSON Schema of manifests."""

from __future__ import annotations

import argparse
from typing import Any

from verify.commands import dump_json
from verify.manifest import schema


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "schema", help="print the JSON Schema that manifests follow",
        description="Print the published JSON Schema (draft-07) of verify-manifest/2: the "
                    "header line; each entry line is definitions/entry and each record-store "
                    "line definitions/record.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    dump_json(schema())
    return 0
