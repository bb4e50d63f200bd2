"""Fixity on large files: `verify check` beside `sha256sum -c` on the same bytes.

bench/fixity.py measures thousands of small files, where fixed costs (start-up,
reading an 11 MB manifest) dominate. Here a few large files make hashing the
work, which is what a plain check promises to run at.

    python bench/fixity_large.py                  # 100 files of 10 MiB (1 GiB)
    python bench/fixity_large.py --files 20 --mib 50

The files are random bytes: they are hashed, not extracted (built with
--hash-only). Beside sha256sum, the limit: hashlib.file_digest over every
file in one Python process (a check on 2 CPUs should beat it).
Files are in the page cache for every tool alike. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


_FILE_DIGEST = ("import hashlib, os\n"
                "for name in sorted(os.listdir('.')):\n"
                "    with open(name, 'rb') as f: hashlib.file_digest(f, 'sha256')\n")


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the process and its workers): on a shared
    machine the wall time is noisy, the CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[:300]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--mib", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    verify = [sys.executable, "-m", "verify"]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        corpus.mkdir()
        for i in range(args.files):
            (corpus / f"f{i:04d}.bin").write_bytes(os.urandom(args.mib * 1024 * 1024))
        total_mb = args.files * args.mib * 1024 * 1024 / 1e6
        subprocess.run([*verify, "build", "corpus", "-m", "m.json", "-q", "--hash-only",
                        "--no-compare"], cwd=base, stdout=subprocess.DEVNULL, check=False)
        sums = subprocess.run(["sha256sum", *sorted(p.name for p in corpus.iterdir())], cwd=corpus,
                              capture_output=True, check=True).stdout
        (base / "SUMS").write_bytes(sums)
        runs: dict[str, list[tuple[float, float]]] = {}
        commands = {
            "verify check (default jobs)": ([*verify, "check", "-m", "m.json", "-q"], base),
            "verify check -j 1": ([*verify, "check", "-m", "m.json", "-q", "-j", "1"], base),
            "sha256sum -c": (["sha256sum", "-c", "--quiet", "../SUMS"], corpus),
            # The limit a check should reach: hashlib.file_digest over every file, one process.
            "python hashlib.file_digest, 1 process": ([sys.executable, "-c", _FILE_DIGEST], corpus),
        }
        for _ in range(args.repeat):  # interleaved, so noise hits every tool alike
            for name, (argv, cwd) in commands.items():
                runs.setdefault(name, []).append(timed(argv, cwd))
    print(f"{args.files} files of {args.mib} MiB ({total_mb:,.0f} MB), in the page cache; "
          f"medians of {args.repeat} interleaved runs; {os.cpu_count()} CPUs, shared machine")
    limit = runs["python hashlib.file_digest, 1 process"]
    limit_wall = statistics.median(w for w, _ in limit)
    limit_cpu = statistics.median(c for _, c in limit)
    print("| tool | median wall s | min-max s | MB/s | median CPU s | wall / file_digest "
          "| CPU / file_digest |\n|---|---|---|---|---|---|---|")
    for name, pairs in runs.items():
        walls = [w for w, _ in pairs]
        wall, cpu = statistics.median(walls), statistics.median(c for _, c in pairs)
        print(f"| {name} | {wall:.2f} | {min(walls):.2f}-{max(walls):.2f} | {total_mb / wall:,.0f} | "
              f"{cpu:.2f} | {wall / limit_wall:.2f} | {cpu / limit_cpu:.2f} |")


if __name__ == "__main__":
    main()
