"""Lint time against ingest time, 0.1 to 4 MB of real text.

The text is the copyright files of ``/usr/share/doc`` run together (real
prose with the lines that repeat in such files: copyright lines, licence
names, the text of the BSD and MIT licences again and again), cut to each
size. It is linted twice: as a plain text (no pages: the running-header
detector is skipped, as ``verify lint`` does) and with a form feed every
60 lines (pages: every detector runs, the header candidates included, which
is where lint used to be quadratic). Ingest is ``process_bytes`` without
lint; lint is ``lint_record`` on its record.

    python bench/lint_scaling.py [--sizes 0.1,0.25,0.5,1,2,4] [--repeat 1] [--clock wall|cpu]

``--clock cpu`` times with the process's CPU time instead of the wall
clock: on a machine shared with other work, lint and ingest are then
compared on what they cost, not on what the others left them.

Target (issue 11): lint of a 2 MB text within 2x its ingest time, and time
per MB flat from 0.1 to 4 MB.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from verify.detect import lint_record
from verify.pipeline import process_bytes


def source_text(limit: int) -> str:
    parts, size = [], 0
    for path in sorted(Path("/usr/share/doc").glob("*/copyright")):
        if path.is_symlink():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        size += len(text.encode())
        if size > limit:
            break
    return "\n".join(parts)


def paged(text: str, lines_per_page: int = 60) -> str:
    lines = text.split("\n")
    pages = ["\n".join(lines[i : i + lines_per_page]) for i in range(0, len(lines), lines_per_page)]
    return "\f".join(pages)


def cut(text: str, megabytes: float) -> bytes:
    data = text.encode("utf-8")[: int(megabytes * 1_000_000)]
    return data.decode("utf-8", errors="ignore").encode("utf-8")


def measure(data: bytes, repeat: int,
            clock: Callable[[], float] = time.perf_counter) -> tuple[float, float, int]:
    ingest = lint = float("inf")
    findings = 0
    for _ in range(repeat):
        start = clock()
        record = process_bytes(data, "bench.txt")
        middle = clock()
        linted = lint_record(record)
        end = clock()
        ingest, lint = min(ingest, middle - start), min(lint, end - middle)
        findings = len(linted.findings)
    return ingest, lint, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.1,0.25,0.5,1,2,4")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall clock (default) or the process's CPU time")
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    sizes = [float(s) for s in args.sizes.split(",")]
    text = source_text(int(max(sizes) * 1_000_000) + 1)
    print("| text | MB | ingest s | lint s | lint / ingest | lint s per MB | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, body in (("plain", text), ("paged", paged(text))):
        for size in sizes:
            data = cut(body, size)
            ingest, lint, findings = measure(data, args.repeat, clock)
            mb = len(data) / 1_000_000
            print(f"| {kind} | {mb:.2f} | {ingest:.2f} | {lint:.2f} | {lint / ingest:.2f} | "
                  f"{lint / mb:.2f} | {findings} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
