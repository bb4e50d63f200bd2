"""The ``verify`` command: parse, call one function, render, exit code.

Exit codes, everywhere: 0 all good; 1 findings, drift or differences;
2 usage error, unreadable input or invalid manifest.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence
from typing import Any

from verify.escape import shown
from verify._version import __version__
from verify.errors import VerifyError

#: One module per subcommand, each with ``add_parser(subparsers)``.
COMMANDS = ("ingest", "build", "check", "lint", "compare", "schema", "keygen", "sign", "prove", "log",
            "export")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``only`` one (what ``main`` uses when
    argv names it: a plain ``check`` then imports no extraction code)."""
    parser = argparse.ArgumentParser(
        prog="verify",
        description="Provenance-tracking document verification: canonical text and digests of "
                    "PDF, HTML and text files, manifests, and fixity checks.",
        epilog="Exit codes: 0 all good; 1 findings, drift or differences; "
               "2 usage error, unreadable input or invalid manifest.",
    )
    parser.add_argument("--version", action="version", version=f"verify {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"verify.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 0 for --help/--version, 2 for usage errors
        return int(exc.code) if isinstance(exc.code, int) else 2
    previous = _terminate_on_sigterm()
    try:
        code: int = args.func(args)
    except Terminated:
        print("verify: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except VerifyError as exc:
        print(f"verify: error: {shown(str(exc), backslash=False)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("verify: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `verify ingest ... | head`
        sys.stderr.close()
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return code


class Terminated(BaseException):
    """SIGTERM arrived: unwind (stopping worker processes, releasing the lock), then exit."""


def _terminate_on_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` in the main thread, so that ``finally``
    blocks run: the worker pool is stopped and nothing is left behind. Outside the
    main thread (signal.signal raises ValueError there) nothing is changed; asked
    that way, not through ``threading`` (a plain check's start-up)."""
    def handler(signum: int, frame: object) -> None:
        raise Terminated

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
