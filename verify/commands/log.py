"""``verify log verify|show LOGFILE``: the audit log of fixity checks (and ``check --log``)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from verify.escape import shown
from verify.auditlog import append_event, fixity_event, read_log
from verify.commands import add_format, dump_json


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "log", help="verify or show an audit log of fixity checks",
        description="The audit log is an append-only, hash-chained JSON Lines file of PREMIS "
                    "fixity events, written by `verify check --log LOGFILE`.")
    actions = parser.add_subparsers(dest="log_action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "verify", help="check the hash chain of a log",
        description="Report every edited, deleted, inserted, reordered or unreadable event. Exit "
                    "0 when the chain is intact, 1 when it is broken, 2 when the log cannot be "
                    "read. Keep the printed head hash elsewhere and pass it back with "
                    "--expect-head to catch events cut off the end.")
    check.add_argument("logfile", metavar="LOGFILE")
    check.add_argument("--expect-head", metavar="HASH", help="the hash the log must end with")
    add_format(check)
    check.set_defaults(func=run_verify)
    show = actions.add_parser(
        "show", help="print the events of a log",
        description="Print every event (when, outcome, who, which manifest). Exit 0, or 1 when "
                    "the chain is broken (the events are printed all the same), 2 when the log "
                    "cannot be read.")
    show.add_argument("logfile", metavar="LOGFILE")
    add_format(show)
    show.set_defaults(func=run_show)


def run_verify(args: argparse.Namespace) -> int:
    report = read_log(args.logfile, expect_head=args.expect_head)
    if args.format == "json":
        dump_json({"log": args.logfile, "passed": report.passed, "events": len(report.events),
                   "head": report.head,
                   "problems": [{"line": p.line, "code": p.code, "message": p.message}
                                for p in report.problems]})
    else:
        print(f"{shown(args.logfile)}: {len(report.events)} events, head {shown(str(report.head))}")
        for p in report.problems:
            print(f"  line {p.line}: {shown(p.message, backslash=False)} [{p.code}]")
        print("OK: the chain is intact" if report.passed else "TAMPERED: see above")
    return 0 if report.passed else 1


def run_show(args: argparse.Namespace) -> int:
    report = read_log(args.logfile)
    if args.format == "json":
        dump_json([record["event"] for record in report.events])
    else:
        sys.stdout.write("".join(_event_line(record) for record in report.events))
    if not report.passed:
        print(f"verify: the chain of {args.logfile} is broken: run `verify log verify`",
              file=sys.stderr)
    return 0 if report.passed else 1


def _event_line(record: dict[str, Any]) -> str:
    event = record["event"]
    outcome = event.get("eventOutcomeInformation", {})
    agents = [a.get("linkingAgentIdentifierValue") for a in event.get("linkingAgentIdentifier", [])]
    objects = [o.get("linkingObjectIdentifierValue") for o in event.get("linkingObjectIdentifier", [])]
    note = outcome.get("eventOutcomeDetail", {}).get("eventOutcomeDetailNote", "")
    return shown(f"#{record['index']} {event.get('eventDateTime')} {event.get('eventType')} "
                 f"{outcome.get('eventOutcome')} by {', '.join(map(str, agents))} "
                 f"on {', '.join(map(str, objects))}: {note}") + "\n"


# --------------------------------------------------------------------------- used by `check`


def guard_rollback(log_path: str, signed: dict[str, Any]) -> None:
    """Refuse a signed manifest older than one this log already accepted
    (:func:`verify.policy.guard_rollback`)."""
    from verify.policy import guard_rollback as guard

    guard(log_path, signed)


def record_check(args: argparse.Namespace, outcome: str, message: str,
                 facts: dict[str, Any]) -> None:
    detail = "verify check" + (" --deep" if getattr(args, "deep", False) else "") + (
        " --trust" if getattr(args, "trust", None) else "") + (
        " --expect-root" if getattr(args, "expect_root", None) else "")
    append_event(args.log, fixity_event(outcome=outcome, detail=detail, message=message,
                                        manifest=os.path.abspath(args.manifest), facts=facts))
