"""An append-only, hash-chained JSON Lines log of fixity events (PREMIS-style).

One event per line::

    {"event": {...}, "format": "verify-log/1", "hash": "sha256:...", "index": 3, "prev": "sha256:..."}

``hash`` is ``SHA-256("verify-log/1\\n" || canonical JSON of the line without
"hash")``; ``prev`` is the hash of the line before (``null`` on the first
line) and ``index`` counts lines from 0. So an edited event breaks its own
hash, a deleted, inserted or reordered one breaks the chain of the next, and
the index says where. Cutting events off the *end* leaves a valid shorter
chain: keep the head hash (``verify log verify`` prints it) somewhere else
and pass it back with ``--expect-head`` to catch that too.

Event fields follow PREMIS 3 (eventIdentifier, eventType, eventDateTime,
eventDetailInformation, eventOutcomeInformation, linkingAgentIdentifier,
linkingObjectIdentifier); what only ``verify`` needs sits under ``verify``.
Timestamps belong here: the log records *when*, the manifest never does.
"""

from __future__ import annotations

import fcntl
import functools
import getpass
import hashlib
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from verify._version import __version__
from verify.errors import VerifyError
from verify.merkle import canonical_json, strict_loads
from verify.safeio import check_regular, open_regular

FORMAT = "verify-log/1"
MAX_LINE_BYTES = 1024 * 1024
#: A log larger than this is refused (about a million events).
MAX_LOG_BYTES = 4 * 1024 * 1024 * 1024
_KEYS = {"event", "format", "hash", "index", "prev"}


class LogError(VerifyError):
    """The log cannot be read, or cannot be appended to (its chain is broken)."""

    code = "log.invalid"


@dataclass(frozen=True)
class LogProblem:
    line: int  # 1-based
    code: str  # log.unparseable, log.edited, log.chain, log.index, log.truncated, log.head
    message: str


@dataclass(frozen=True)
class LogReport:
    events: tuple[dict[str, Any], ...]  # every line that parsed, in file order
    problems: tuple[LogProblem, ...]
    head: str | None  # the hash of the last line

    @property
    def passed(self) -> bool:
        return not self.problems


def line_hash(record: dict[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "hash"}
    return "sha256:" + hashlib.sha256(FORMAT.encode() + b"\n" + canonical_json(body)).hexdigest()


def verify_lines(lines: Iterable[bytes]) -> LogReport:
    """Check every line and the chain between them; report every break."""
    events: list[dict[str, Any]] = []
    problems: list[LogProblem] = []
    prev: str | None = None
    prev_index = -1
    for number, raw in enumerate(lines, 1):
        record, problem = _parse_line(raw, number)
        if record is None:
            problems.append(problem or LogProblem(number, "log.unparseable", "unreadable line"))
            prev, prev_index = None, prev_index + 1
            continue
        events.append(record)
        problems.extend(_chain_problems(record, number, prev, prev_index))
        prev, prev_index = record["hash"], record["index"]
    return LogReport(tuple(events), tuple(problems), prev)


def _parse_line(raw: bytes, number: int) -> tuple[dict[str, Any] | None, LogProblem | None]:
    if not raw.endswith(b"\n"):
        return None, LogProblem(number, "log.truncated", "the last line is incomplete "
                                "(an interrupted write, or the log was cut)")
    try:
        record = strict_loads(raw, f"line {number}", MAX_LINE_BYTES)
    except VerifyError as exc:
        return None, LogProblem(number, "log.unparseable", exc.message)
    if (not isinstance(record, dict) or set(record) != _KEYS or record["format"] != FORMAT
            or type(record["index"]) is not int or not isinstance(record["event"], dict)
            or not isinstance(record["hash"], str)):
        return None, LogProblem(number, "log.unparseable", f"line {number} is not a {FORMAT} event")
    return record, None


def _chain_problems(record: dict[str, Any], number: int, prev: str | None,
                    prev_index: int) -> list[LogProblem]:
    problems = []
    if line_hash(record) != record["hash"]:
        problems.append(LogProblem(number, "log.edited",
                                   f"event {record['index']} was edited after it was written"))
    if record["index"] != prev_index + 1:
        problems.append(LogProblem(number, "log.index",
                                   f"event {record['index']} follows event {prev_index}: "
                                   "events were deleted, inserted or reordered"))
    if record["prev"] != prev:
        problems.append(LogProblem(number, "log.chain",
                                   f"event {record['index']} does not chain to the line before it"))
    return problems


def read_log(path: str | os.PathLike[str], expect_head: str | None = None) -> LogReport:
    fd = open_regular(path, "log", limit=MAX_LOG_BYTES, error=functools.partial(LogError, path=str(path)))
    try:
        with os.fdopen(fd, "rb") as stream:
            report = verify_lines(_lines(stream))
    except OSError as exc:
        raise LogError(f"cannot read the log: {exc.strerror or exc}", path=str(path)) from exc
    if expect_head is not None and report.head != expect_head:
        head = LogProblem(len(report.events), "log.head",
                          f"the log ends at {report.head}, not at the expected head {expect_head}: "
                          "events were cut off the end, or added")
        report = LogReport(report.events, (*report.problems, head), report.head)
    return report


def _lines(stream: IO[bytes]) -> Iterable[bytes]:
    while line := stream.readline(MAX_LINE_BYTES + 1):
        yield line


def append_event(path: str | os.PathLike[str], event: dict[str, Any]) -> dict[str, Any]:
    """Append one event under an exclusive lock; refuse a log whose chain is broken."""
    error = functools.partial(LogError, path=str(path))
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except IsADirectoryError as exc:
        raise error("the log is a folder, not a regular file: refused") from exc
    except OSError as exc:
        raise LogError(f"cannot write the log: {exc.strerror or exc}", path=str(path)) from exc
    try:
        check_regular(fd, "log", limit=MAX_LOG_BYTES, error=error)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    try:
        with os.fdopen(fd, "a+b") as stream:
            return _append_locked(stream, event, str(path))
    except OSError as exc:
        raise LogError(f"cannot write the log: {exc.strerror or exc}", path=str(path)) from exc


def _append_locked(stream: IO[bytes], event: dict[str, Any], path: str) -> dict[str, Any]:
    fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # released when the file is closed
    stream.seek(0)
    report = verify_lines(_lines(stream))
    if not report.passed:
        raise LogError("refusing to append to a log whose chain is broken: "
                       f"{report.problems[0].message} (see `verify log verify`)", path=path)
    record: dict[str, Any] = {"format": FORMAT, "index": len(report.events),
                              "prev": report.head, "event": event}
    record["hash"] = line_hash(record)
    stream.write(canonical_json(record) + b"\n")  # "a+b": always at the end
    stream.flush()
    os.fsync(stream.fileno())
    return record


# --------------------------------------------------------------------------- events

def agent() -> str:
    """Who ran the check: ``user@host``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = f"uid {os.getuid()}"
    return f"{user}@{socket.gethostname()}"


def fixity_event(*, outcome: str, detail: str, message: str, manifest: str,
                 facts: dict[str, Any]) -> dict[str, Any]:
    """A PREMIS fixity-check event; ``outcome`` is pass, fail or refused."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {
        "eventIdentifier": {"eventIdentifierType": "UUID",
                            "eventIdentifierValue": str(uuid.uuid4())},
        "eventType": "fixity check",
        "eventDateTime": now,
        "eventDetailInformation": {"eventDetail": detail},
        "eventOutcomeInformation": {"eventOutcome": outcome,
                                    "eventOutcomeDetail": {"eventOutcomeDetailNote": message}},
        "linkingAgentIdentifier": [
            {"linkingAgentIdentifierType": "software", "linkingAgentIdentifierValue":
             f"verify {__version__}", "linkingAgentRole": "executing program"},
            {"linkingAgentIdentifierType": "user", "linkingAgentIdentifierValue": agent(),
             "linkingAgentRole": "implementer"}],
        "linkingObjectIdentifier": [
            {"linkingObjectIdentifierType": "local path", "linkingObjectIdentifierValue": manifest,
             "linkingObjectRole": "manifest"}],
        "verify": facts,
    }


def highest_signed(report: LogReport, key_id: str, name: str) -> tuple[int, str | None]:
    """The highest signature sequence number the log accepted for ``name`` under
    ``key_id``, and the manifest digest it had (0, None when none)."""
    best: tuple[int, str | None] = (0, None)
    for record in report.events:
        signed = record["event"].get("verify", {}).get("signed")
        if (isinstance(signed, dict) and signed.get("key_id") == key_id
                and signed.get("name") == name and isinstance(signed.get("sequence"), int)
                and signed["sequence"] >= best[0]):
            best = (signed["sequence"], signed.get("manifest_sha256"))
    return best
