"""One module per ``verify`` subcommand: ``add_parser(subparsers)`` registers it
and sets ``func``, a ``run(args) -> int`` that returns the exit code."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

#: The manifest a command reads or writes when -m is not given (here, not in
#: verify.commands.build: a plain check does not import the build's lock code).
DEFAULT_MANIFEST = "manifest.json"


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    choices = choices or ("text", "json")
    parser.add_argument("--format", choices=choices, default=choices[0],
                        help=f"output for people ({choices[0]}) or machines (default: %(default)s)")


def add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                        help="worker processes (default: one per CPU)")
    parser.add_argument("--dask-scheduler", metavar="ADDRESS",
                        help="run the per-file work on a Dask cluster: a scheduler address "
                             "(tcp://host:8786) or scheduler file (needs verify[dask])")


# The options of `check` that belong to `log` and `sign`, here so that a plain check
# parses its arguments without importing the signing and audit-log code
# (cryptography: a fifth of a check's start-up).

def add_trust_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--expect-root", metavar="HEX",
                        help="refuse the manifest (exit 2) unless its Merkle root is this "
                             "(sha256:<hex> or <hex>; see `verify prove`)")
    parser.add_argument("--trust", action="append", metavar="KEYFILE.pub",
                        help="refuse the manifest (exit 2) unless a signature by this key covers "
                             "it exactly (repeatable: any one of the keys)")
    parser.add_argument("--signature", metavar="SIG",
                        help="the signature to check with --trust (default: MANIFEST.sig)")


def add_log_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--log", metavar="LOGFILE",
                        help="append a PREMIS fixity event to this hash-chained log; with --trust, "
                             "refuse a signature older than one the log accepted (roll-back)")


def executor_from(args: argparse.Namespace) -> Any:
    """A context manager giving the executor asked for (None: the local pool)."""
    from contextlib import nullcontext

    if not args.dask_scheduler:  # verify.parallel imports concurrent.futures: start-up time
        return nullcontext(None)
    from verify.parallel import dask_executor

    return dask_executor(args.dask_scheduler)


def add_extraction(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf-backend", choices=("pdfium", "pypdf"), default="pdfium",
                        help="PDF text backend (default: %(default)s; pypdf is the reference)")
    parser.add_argument("--html-parser", choices=("lxml", "bs4"), default="lxml",
                        help="HTML front-end (default: %(default)s; beautifulsoup4 is the reference "
                             "and gives the same text)")
    parser.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                        help="stop extracting a file after this long and record why (default: 300)")
    parser.add_argument("--max-size", type=_positive, default=None, metavar="BYTES",
                        help="do not extract files larger than this (they are still hashed)")
    add_memory_limit(parser)


def add_memory_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--memory-limit", type=_memory, default=None, metavar="MIB",
                        help="address space of each worker process, in MiB (default: 4096; 0: no "
                             "limit); a file that needs more is recorded as ingest.crashed")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _seconds(value: str) -> float:
    """A positive, finite number of seconds (not -1, 0, nan or inf)."""
    import math

    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {value!r}")
    return number


def _memory(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be a number of MiB (0: no limit)")
    return number


def dump_json(data: Any) -> None:
    """JSON for machines: sorted keys, UTF-8, one document per call."""
    sys.stdout.write(json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n")


def options_from(args: argparse.Namespace, *, lint: bool = False) -> Any:
    from verify.pipeline import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Options

    return Options(pdf_backend=args.pdf_backend, html_parser=args.html_parser,
                   max_bytes=args.max_size or DEFAULT_MAX_BYTES, lint=lint,
                   timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT,
                   memory_limit=memory_limit_from(args))


def memory_limit_from(args: argparse.Namespace) -> int | None:
    from verify.pipeline import DEFAULT_MEMORY_LIMIT

    mib = getattr(args, "memory_limit", None)
    if mib is None:
        return DEFAULT_MEMORY_LIMIT
    return None if mib == 0 else mib * 1024 * 1024
