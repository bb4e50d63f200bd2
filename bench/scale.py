"""Scale benchmark: build and plain check of N small files, beside sha256sum -c and hashdeep.

    python bench/scale.py                          # N = 2,000, 10,000, 50,000 (a few minutes)
    python bench/scale.py --sizes 10000,50000,100000,200000 --build-max 50000 --keep DIR
    python bench/scale.py --sizes 1000000 --build-max 0 --keep DIR   # up to a million files
    python bench/scale.py --keep DIR --reuse       # check again against the manifests in DIR
    python bench/scale.py --keep DIR --reuse --before ../main   # and time another checkout's check

For each N it generates N small text files (150-900 words of the GPL-3 text,
/usr/share/common-licenses/GPL-3, shuffled windows; 1,000 files a folder;
seeded, so reruns are identical), then times, each as a separate process
with its peak memory (GNU time's maximum resident set size, the largest of
the process and its workers):

- ``verify build ROOT -m M -q --no-lint --no-compare`` (full extraction),
- ``verify build`` again with nothing changed (incremental: hashes and reuses),
- ``verify check -m M -q`` (plain: hashing only), ``--repeat`` times, median,
- ``sha256sum -c --quiet`` of a checksum file of the same files, and
  ``hashdeep -r -a -k`` (audit mode) when installed, in the same rounds.

The ``verify`` package timed (and the ``--before`` one) is byte-compiled first
(``compileall``), as an installed package is: with PYTHONDONTWRITEBYTECODE set
and no ``__pycache__``, every run would compile the sources again, about
0.03 s of CPU at start-up that no installed ``verify`` pays (``--source-only``:
time it that way all the same).

Above ``--build-max`` files a full build would take too long on a shared
machine; the manifest is then built with ``--hash-only`` (every file hashed,
none extracted), and the build column gives that build's time instead. The check it then
times reads the same kind of lines, hashes the same bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS_FILE = Path("/usr/share/common-licenses/GPL-3")


def generate(root: Path, n: int, words_range: tuple[int, int] = (150, 900)) -> None:
    label = str(n) if words_range == (150, 900) else f"{n} {words_range}"
    marker = root / ".generated"
    if marker.exists() and marker.read_text() == label:
        return
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(n)
    words = WORDS_FILE.read_text().split()
    for i in range(n):
        folder = root / f"d{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        k = rng.randint(*words_range)
        if k < len(words):
            start = rng.randrange(len(words) - k)
            text = " ".join(words[start:start + k])
        else:  # longer than the text: it again, from a random place
            start = rng.randrange(len(words))
            text = " ".join(words[(start + j) % len(words)] for j in range(k))
        (folder / f"f{i:07d}.txt").write_text(text + "\n")
    marker.write_text(label)


TIME = shutil.which("time") or "/usr/bin/time"


def run(argv: list[str], cwd: Path | None = None) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS (MiB), exit code and CPU seconds (user + system) of
    one child process (and its workers: the largest peak of them, the sum of CPU).
    Both come from GNU time, which starts the command from its own small image:
    the rusage of a child forked from this (larger) Python process would count
    pages of the fork. On a shared machine the CPU time is the steadier figure."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        code = subprocess.call([TIME, "-f", "%M %U %S", "-o", peak.name, *argv], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        text = peak.read().strip().splitlines()
    fields = text[-1].split() if text else []
    if len(fields) != 3 or not fields[0].isdigit():
        return seconds, -1, code, -1.0
    return seconds, int(fields[0]) // 1024, code, float(fields[1]) + float(fields[2])


def checksum_file(root: Path, target: Path) -> None:
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    with open(target, "w") as out:
        for start in range(0, len(names), 5000):
            out.write(subprocess.run(["sha256sum", *names[start:start + 5000]], cwd=root,
                                     capture_output=True, text=True, check=True).stdout)


def hashdeep_file(root: Path, target: Path) -> None:
    target.write_text(subprocess.run(["hashdeep", "-c", "sha256", "-r", "-l", "."], cwd=root,
                                     capture_output=True, text=True, check=True).stdout)


def compile_package(before: Path | None) -> None:
    """Byte-compile the verify package this Python imports (and ``before``'s), as an
    install does: what a user runs (the timing is then not of the compiler)."""
    import compileall

    import verify

    for folder in [Path(verify.__file__).parent] + ([before / "verify"] if before else []):
        compileall.compile_dir(str(folder), quiet=1)


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--words", default="150,900",
                        help="words per file, MIN,MAX (700,11000: files of 4-64 KiB)")
    parser.add_argument("--build-max", type=int, default=200_000,
                        help="above this N, the manifest is built hash-only (no extraction)")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: check against the manifests already there (no build)")
    parser.add_argument("--before", type=Path, default=None,
                        help="a checkout of another version: its `verify check` is timed too, "
                             "interleaved in the same rounds, on the same manifests")
    parser.add_argument("--source-only", action="store_true",
                        help="do not byte-compile the verify package(s) first")
    args = parser.parse_args()
    verify = [sys.executable, "-m", "verify"]
    if not args.source_only:
        compile_package(args.before)
    base = (args.keep or Path(tempfile.mkdtemp(prefix="verify-scale-"))).resolve()
    base.mkdir(parents=True, exist_ok=True)
    has_hashdeep = shutil.which("hashdeep") is not None
    print(f"# bench/scale.py --sizes {args.sizes} --repeat {args.repeat}; {os.cpu_count()} CPUs; "
          f"load {os.getloadavg()[0]:.2f}; "
          f"{'sources compiled at each run' if args.source_only else 'byte-compiled first'}")
    print("| N | MB | build s (peak MiB) | rebuild unchanged s (peak) | manifest + store MB "
          "| check wall / CPU s (peak MiB) | sha256sum -c wall / CPU s (peak) "
          "| hashdeep -a wall / CPU s (peak) | load |"
          + (" check before wall / CPU s (peak) |" if args.before else ""))
    print("|---|---|---|---|---|---|---|---|---|" + ("---|" if args.before else ""))
    for n in [int(x) for x in args.sizes.split(",")]:
        low, high = (int(x) for x in args.words.split(","))
        root = base / (f"c{n}" if (low, high) == (150, 900) else f"c{n}-w{low}-{high}")
        generate(root, n, (low, high))
        manifest = base / f"m{root.name[1:]}" / "manifest.json"
        manifest.parent.mkdir(exist_ok=True)
        reuse = args.reuse and manifest.exists()
        if not reuse:
            for stale in manifest.parent.glob("manifest*"):
                stale.unlink()
        size_mb = sum(p.stat().st_size for p in root.rglob("*.txt")) / 1e6
        if reuse:
            build_cell = "(kept)"
        elif n <= args.build_max:
            build = run([*verify, "build", str(root), "-m", str(manifest), "-q", "--no-lint",
                         "--no-compare"])
            build_cell = f"{build[0]:.1f} ({build[1]})"
        else:
            hashed = run([*verify, "build", str(root), "-m", str(manifest), "-q", "--hash-only",
                          "--no-compare"])
            build_cell = f"--hash-only {hashed[0]:.1f} ({hashed[1]})"
        rebuild = run([*verify, "build", str(root), "-m", str(manifest), "-q", "--no-lint",
                       "--no-compare"]) if n <= args.build_max and not reuse else None
        stored = sum(p.stat().st_size for p in manifest.parent.glob("manifest*")) / 1e6
        if not (reuse and (manifest.parent / "sums").exists()):
            checksum_file(root, manifest.parent / "sums")
        if has_hashdeep and not (reuse and (manifest.parent / "known").exists()):
            hashdeep_file(root, manifest.parent / "known")
        checks, sums, deeps, befores = [], [], [], []
        for _ in range(args.repeat):
            checks.append(run([*verify, "check", "-m", str(manifest), "-q"]))
            if args.before:  # python -m verify run from there imports that checkout's verify
                befores.append(run([*verify, "check", "-m", str(manifest), "-q"], cwd=args.before))
            sums.append(run(["sha256sum", "-c", "--quiet", str(manifest.parent / "sums")], cwd=root))
            if has_hashdeep:
                deeps.append(run(["hashdeep", "-r", "-l", "-a", "-k", str(manifest.parent / "known"), "."],
                                 cwd=root))
        assert all(c[2] == 0 for c in checks), f"check failed: {checks}"

        def cell(rows: list[tuple[float, int, int, float]]) -> str:
            if not rows:
                return "-"
            return (f"{median([r[0] for r in rows]):.2f} / {median([r[3] for r in rows]):.2f} "
                    f"({max(r[1] for r in rows)})")

        print(f"| {n:,} | {size_mb:.0f} | {build_cell} | "
              f"{'-' if rebuild is None else f'{rebuild[0]:.1f} ({rebuild[1]})'} | {stored:.1f} | "
              f"{cell(checks)} | {cell(sums)} | {cell(deeps)} | {os.getloadavg()[0]:.1f} |"
              + (f" {cell(befores)} |" if args.before else ""), flush=True)
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
