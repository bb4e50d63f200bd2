"""Fixity benchmark: how fast ``verify build`` ingests and ``verify check`` re-verifies.

    python bench/fixity.py                 # full run (8-10 minutes on 2 shared cores)
    python bench/fixity.py --quick         # smoke run: 20 PDFs, 20 HTML pages, 300 text files
    python bench/fixity.py --keep DIR      # keep (and reuse) the generated corpus in DIR

What it does:

1. Generates a deterministic, seeded corpus (``bench/_corpus.py``): by default
   200 PDFs of 2-10 pages, 200 HTML pages with site chrome (nav, header,
   footer, aside, cookie banner) and 3,000 text files of 1-16 KiB in nested
   folders, all from real prose (../shared/seeds and the parallel-translations
   corpus). With ``--keep`` the corpus is cached and reused when unchanged.
   (The brief's example was 300/300/5,000 files of 1-64 KiB, 173 MB: with
   verify as it is, one build of that took 5 min 20 s here, so six builds do
   not fit in 10 minutes; scale up with ``--pdfs 300 --html 300 --texts 5000
   --text-max-kib 64``.)
2. Times ``verify build -q`` through the CLI, with the default jobs (one per
   CPU) and with ``-j 1``.
3. Times a plain ``verify check -q`` (hashing only: nothing changed) beside
   ``sha256sum -c`` of a checksum file of the same files, ``openssl dgst
   -sha256`` (through xargs) and Python (walk + stat + ``hashlib.file_digest``,
   one process and a two-process pool); then ``verify check --deep``.
4. Modifies five things on a copy of the corpus (a word in a text file, bytes
   appended to a PDF, a file moved, one deleted, one added), runs ``verify
   check --format json`` and asserts that exactly those five are reported.
5. Prints a table that can be pasted into a note, with the command that
   reproduces it.

Every measurement is repeated (``--repeat``, default 3) and the runs of one
group are interleaved, so that a burst of load from a neighbour hits all tools
alike; the median and the spread are printed. CLI figures include the
interpreter start and imports (printed separately as "verify --version").
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _corpus

VERIFY = [sys.executable, "-m", "verify"]
MB = 1_000_000


# --------------------------------------------------------------------------- timing

@dataclass
class Measure:
    label: str
    files: int
    nbytes: int
    pages: int | None = None
    note: str = ""
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def spread(self) -> str:
        if len(self.walls) < 2:
            return "n/a"
        lo, hi = min(self.walls), max(self.walls)
        return f"{lo:.2f}-{hi:.2f} (±{100 * (hi - lo) / 2 / self.median:.0f}%)"

    def rates(self) -> dict[str, float]:
        m = self.median
        out = {"files/s": self.files / m, "MB/s": self.nbytes / MB / m}
        if self.pages is not None:
            out["pages/s"] = self.pages / m
        return out


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _self_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run_cmd(cmd: Sequence[str], *, cwd: Path | None = None, ok: Sequence[int] = (0,),
            stdin_path: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Run a command, return (wall seconds, CPU seconds of it and its children, result)."""
    with open(stdin_path or os.devnull, "rb") as stdin:
        cpu0, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.run(list(cmd), cwd=cwd, stdin=stdin, capture_output=True)
        wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if proc.returncode not in ok:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-4000:])
        raise SystemExit(f"fixity: {shlex.join(cmd)} exited {proc.returncode} (expected {list(ok)})")
    return wall, cpu, proc


def timed(cmd: Sequence[str], **kwargs: Any) -> Callable[[], tuple[float, float]]:
    """A measurement: run ``cmd``, return (wall, CPU) seconds."""
    return lambda: run_cmd(cmd, **kwargs)[:2]


def record(measure: Measure, fn: Callable[[], tuple[float, float]]) -> None:
    wall, cpu = fn()
    measure.walls.append(wall)
    measure.cpus.append(cpu)


# --------------------------------------------------------------------------- Python reference

def _source_files(root: str) -> list[str]:
    out: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(folder, f) for f in sorted(files) if not f.startswith("."))
    return out


def _digest(path: str) -> tuple[int, str]:
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        return size, hashlib.file_digest(stream, "sha256").hexdigest()


def python_hash(root: Path, procs: int) -> tuple[float, float]:
    """Walk + stat + hashlib.file_digest, in this process or a fresh pool (pool start timed)."""
    cpu0, t0 = _self_cpu() + _children_cpu(), time.perf_counter()
    files = _source_files(str(root))
    if procs <= 1:
        results = [_digest(f) for f in files]
    else:
        with ProcessPoolExecutor(max_workers=procs) as pool:
            results = list(pool.map(_digest, files, chunksize=64))
    wall = time.perf_counter() - t0
    assert len(results) == len(files)
    return wall, _self_cpu() + _children_cpu() - cpu0


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def effective_cpus(n: int = 8_000_000) -> float:
    """How many CPUs this process can get now: one busy loop alone, then one per CPU at once.

    On a shared machine a neighbour may hold a CPU: then "default jobs" cannot beat "-j 1".
    """
    cpus = len(os.sched_getaffinity(0))
    t0 = time.perf_counter()
    _spin(n)
    alone = time.perf_counter() - t0
    with ProcessPoolExecutor(max_workers=cpus) as pool:
        list(pool.map(_spin, [1000] * cpus))  # start the workers before timing
        t0 = time.perf_counter()
        list(pool.map(_spin, [n] * cpus))
        together = time.perf_counter() - t0
    return cpus * alone / together


# --------------------------------------------------------------------------- mutations

@dataclass(frozen=True)
class Mutations:
    edited: str
    appended: str
    moved_from: str
    moved_to: str
    deleted: str
    added: str


def mutate(root: Path, files: dict[str, str]) -> Mutations:
    """Five changes, each a different kind of discrepancy; deterministic."""
    import re

    texts = sorted(n for n, k in files.items() if k == "text")
    pdfs = sorted(n for n, k in files.items() if k == "pdf")
    pages = sorted(n for n, k in files.items() if k == "html")
    edited = next(n for n in texts if (root / n).stat().st_size > 3000)
    deleted = texts[-1]
    # 1. one word changed in a text file (content change)
    text = (root / edited).read_text("utf-8")
    match = re.compile(r"\b[a-z]{5,}\b").search(text, len(text) // 2)
    assert match is not None
    replacement = "zymurgical" if match.group() != "zymurgical" else "xylophonic"
    (root / edited).write_text(text[: match.start()] + replacement + text[match.end():], "utf-8")
    # 2. bytes appended to a PDF after %%EOF (a formatting change: same text)
    with open(root / pdfs[0], "ab") as stream:
        stream.write(b"\n% appended by bench/fixity.py\n")
    # 3. a page moved to another folder (same bytes, new path)
    moved_to = "moved/" + pages[0].rsplit("/", 1)[-1]
    (root / moved_to).parent.mkdir(parents=True, exist_ok=True)
    os.replace(root / pages[0], root / moved_to)
    # 4. a file deleted; 5. a new file added (bytes unlike any other file)
    (root / deleted).unlink()
    added = "added/new-note.txt"
    (root / added).parent.mkdir(parents=True, exist_ok=True)
    (root / added).write_text("A note added after the manifest was built, by bench/fixity.py.\n", "utf-8")
    return Mutations(edited, pdfs[0], pages[0], moved_to, deleted, added)


def assert_report(report: dict[str, Any], mut: Mutations, total: int) -> list[str]:
    """The five discrepancies, exactly; returns notes on anything softer that looks odd."""
    modified = {m["path"]: m for m in report["modified"]}
    problems = []
    if set(modified) != {mut.edited, mut.appended}:
        problems.append(f"modified {sorted(modified)} != {sorted([mut.edited, mut.appended])}")
    moved = [(m["old_path"], m["new_path"]) for m in report["moved"]]
    if moved != [(mut.moved_from, mut.moved_to)]:
        problems.append(f"moved {moved} != {[(mut.moved_from, mut.moved_to)]}")
    if report["missing"] != [mut.deleted]:
        problems.append(f"missing {report['missing']} != {[mut.deleted]}")
    if report["new"] != [mut.added]:
        problems.append(f"new {report['new']} != {[mut.added]}")
    for key in ("drifted", "refused", "errors"):
        if report[key]:
            problems.append(f"{key}: {report[key]}")
    expected_matched = total - 4  # 2 modified, 1 moved, 1 missing (the new file was not in the manifest)
    if report["summary"]["matched"] != expected_matched or report["passed"]:
        problems.append(f"summary {report['summary']}, passed={report['passed']}; "
                        f"expected {expected_matched} matched")
    if problems:
        raise AssertionError("verify check did not report exactly the five changes:\n  "
                             + "\n  ".join(problems))
    notes = []
    if modified[mut.edited]["content_changed"] is not True:
        notes.append(f"the edited word in {mut.edited} was not reported as a content change: "
                     f"{modified[mut.edited]}")
    if modified[mut.appended]["content_changed"] is not False:
        notes.append(f"bytes appended after %%EOF to {mut.appended} were not reported as a "
                     f"formatting-only change: content_changed={modified[mut.appended]['content_changed']}"
                     f", note={modified[mut.appended].get('note')}")
    return notes


# --------------------------------------------------------------------------- output

def table(rows: list[Measure]) -> str:
    head = "| measurement | runs | median s | min-max s (±) | CPU s | files/s | MB/s | pages/s |"
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    for m in rows:
        r = m.rates()
        pages = f"{r['pages/s']:,.0f}" if "pages/s" in r else ""
        lines.append(f"| {m.label} | {len(m.walls)} | {m.median:.2f} | {m.spread} | "
                     f"{statistics.median(m.cpus):.1f} | {r['files/s']:,.0f} | {r['MB/s']:,.1f} | {pages} |")
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0))
    version = subprocess.run([*VERIFY, "--version"], capture_output=True, text=True).stdout.strip()
    version += f" ({source_state()})"
    sha = subprocess.run(["sha256sum", "--version"], capture_output=True, text=True).stdout.splitlines()
    ssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.split("(")[0]
    return (f"{cpus} CPU ({model}), Python {platform.python_version()}, {version}, "
            f"{sha[0] if sha else 'no sha256sum'}, {ssl.strip()}")


def source_state() -> str:
    """The commit of the verify tree, and whether verify/ has uncommitted changes (read-only git)."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # never write the index
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "verify"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"commit {head or '?'}" + (", verify/ has uncommitted changes" if dirty else "")


def say(*parts: object) -> None:
    print(*parts, flush=True)


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small corpus, for a smoke run")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the corpus, manifests and checksum file in DIR (the corpus is reused "
                             "when its spec is unchanged)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--pdfs", type=int, help="number of PDFs (default 200, quick 20)")
    parser.add_argument("--html", type=int, help="number of HTML pages (default 200, quick 20)")
    parser.add_argument("--texts", type=int, help="number of text files (default 3000, quick 300)")
    parser.add_argument("--text-max-kib", type=int, help="largest text file, KiB (default 16)")
    parser.add_argument("--seed", type=int, help="corpus seed")
    parser.add_argument("--no-deep", action="store_true", help="skip verify check --deep")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    spec = _corpus.QUICK if args.quick else _corpus.FULL
    overrides = {k: v for k, v in (("pdfs", args.pdfs), ("html", args.html), ("texts", args.texts),
                                   ("seed", args.seed)) if v is not None}
    if args.text_max_kib:
        overrides["text_bytes"] = (1024, args.text_max_kib * 1024)
    spec = dataclasses.replace(spec, **overrides)

    started = time.perf_counter()
    folder = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="verify-fixity-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, spec, folder, started)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, spec: _corpus.Spec, folder: Path, started: float) -> int:
    repeat = args.repeat
    state_at_start = source_state()
    say(f"fixity benchmark: {machine()}")
    cpus_at_start = effective_cpus()
    say(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"CPUs this process can get now: {cpus_at_start:.2f} of {len(os.sched_getaffinity(0))}")
    say("This machine is shared and noisy: runs are repeated and interleaved; read medians, and "
        "the spread, as orders of magnitude.\n")

    # 1. the corpus ------------------------------------------------------------------
    t0 = time.perf_counter()
    root, meta, reused = _corpus.load_or_generate(spec, folder)
    gen = time.perf_counter() - t0
    comp = meta["composition"]
    files = sum(c["files"] for c in comp.values())
    nbytes = sum(c["bytes"] for c in comp.values())
    pdf_pages = comp["pdf"]["pages"]
    pages = sum(c["pages"] for c in comp.values())
    how = "reused from --keep" if reused else f"generated in {gen:.1f} s"
    say(f"corpus: {root} ({how}; seed {spec.seed})")
    for kind, c in comp.items():
        extra = f", {c['pages']:,} pages" if kind == "pdf" else ""
        say(f"  {kind:5} {c['files']:6,} files{extra}, {c['bytes'] / MB:8.1f} MB")
    say(f"  total {files:6,} files, {nbytes / MB:8.1f} MB (MB = 10^6 bytes); {pages:,} 'pages' "
        f"= {pdf_pages:,} PDF pages + 1 per HTML page + 1 per text file")
    lo, hi = spec.text_bytes
    say(f"  text files: {lo // 1024}-{hi // 1024} KiB, log-uniform; PDFs: {spec.pdf_pages[0]}-"
        f"{spec.pdf_pages[1]} pages\n")

    manifest = folder / "manifest.json"
    manifest_j1 = folder / "manifest-j1.json"
    rows: list[Measure] = []

    # CLI start-up: included in every verify figure below
    startup = Measure("`verify --version` (interpreter start + imports)", 1, 0)
    for _ in range(repeat):
        record(startup, timed([*VERIFY, "--version"]))

    # 2. build -----------------------------------------------------------------------
    say("verify build (ingest: extract, normalise, fingerprint, write the manifest) ...")
    build_all = Measure("`verify build -q` (default jobs)", files, nbytes, pages)
    build_j1 = Measure("`verify build -q -j 1`", files, nbytes, pages)
    digests: set[str] = set()
    for i in range(repeat):
        for m, cmd, out in ((build_all, [], manifest), (build_j1, ["-j", "1"], manifest_j1)):
            record(m, timed([*VERIFY, "build", str(root), "-m", str(out), "-q", *cmd]))
            digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
            say(f"  run {i + 1} {m.label}: {m.walls[-1]:.2f} s")
    say(f"  manifests: {len(digests)} distinct across {2 * repeat} builds "
        f"({'byte-identical, as promised' if len(digests) == 1 else 'NOT byte-identical'}); "
        f"{manifest.stat().st_size / MB:.1f} MB\n")
    rows += [build_all, build_j1]

    # 3. hashing: verify check beside sha256sum -c, openssl, Python -------------------
    say("Page cache: the corpus was just written (and read by the builds), so it is in the page "
        "cache for every tool alike: these are CPU-bound figures, not disk figures.")
    names = sorted(meta["files"])
    listing = folder / "files.nul"
    listing.write_bytes(b"".join(n.encode("utf-8") + b"\0" for n in names))
    sums = folder / "SHA256SUMS"
    gen_sums = Measure("`sha256sum` (write the checksum file, via xargs)", files, nbytes)
    for _ in range(repeat):
        def make_sums() -> tuple[float, float]:
            wall, cpu, proc = run_cmd(["xargs", "-0", "sha256sum", "--"], cwd=root, stdin_path=listing)
            sums.write_bytes(proc.stdout)
            return wall, cpu
        record(gen_sums, make_sums)
    assert len(sums.read_bytes().splitlines()) == files

    check_all = Measure("`verify check -q` (default jobs)", files, nbytes)
    check_j1 = Measure("`verify check -q -j 1`", files, nbytes)
    sha_c = Measure("`sha256sum -c --quiet`", files, nbytes)
    openssl = Measure("`openssl dgst -sha256` (via xargs)", files, nbytes)
    py1 = Measure("Python walk+stat+file_digest, 1 process", files, nbytes, note="in-process")
    py2 = Measure("Python walk+stat+file_digest, 2-process pool", files, nbytes, note="in-process")
    group: list[tuple[Measure, Callable[[], tuple[float, float]]]] = [
        (check_all, timed([*VERIFY, "check", "-m", str(manifest), "-q"])),
        (check_j1, timed([*VERIFY, "check", "-m", str(manifest), "-q", "-j", "1"])),
        (sha_c, timed(["sha256sum", "-c", "--quiet", str(sums)], cwd=root)),
        (openssl, timed(["xargs", "-0", "openssl", "dgst", "-sha256"], cwd=root, stdin_path=listing)),
        (py1, lambda: python_hash(root, 1)),
        (py2, lambda: python_hash(root, 2)),
    ]
    shorts = ("check", "check -j1", "sha256sum -c", "openssl", "py 1p", "py 2p")
    say("hashing (plain verify check, sha256sum -c, openssl, Python), interleaved ...")
    for i in range(repeat):
        for m, fn in group:
            record(m, fn)
        say(f"  run {i + 1}: " + ", ".join(f"{short} {m.walls[-1]:.2f} s"
                                             for (m, _), short in zip(group, shorts, strict=True)))
    rows += [check_all, check_j1, sha_c, openssl, py1, py2, gen_sums]
    say("")

    if not args.no_deep:
        say("verify check --deep (re-extract everything) ...")
        deep = Measure("`verify check --deep -q` (default jobs)", files, nbytes, pages)
        for i in range(repeat):
            record(deep, timed([*VERIFY, "check", "-m", str(manifest), "--deep", "-q"]))
            say(f"  run {i + 1}: {deep.walls[-1]:.2f} s")
        rows.append(deep)
        say("")

    # 4. five changes ----------------------------------------------------------------
    say("five changes on a copy of the corpus (edit a word, append to a PDF, move, delete, add) ...")
    mutated = folder / "mutated"
    if mutated.exists():
        shutil.rmtree(mutated)
    shutil.copytree(root, mutated)
    mut = mutate(mutated, meta["files"])
    changed = Measure("`verify check --format json` after 5 changes", files, nbytes)
    notes: list[str] = []
    report: dict[str, Any] = {}
    for i in range(repeat):
        wall, cpu, proc = run_cmd([*VERIFY, "check", "-m", str(manifest), "--root", str(mutated),
                                   "--format", "json", "-q"], ok=(1,))
        changed.walls.append(wall)
        changed.cpus.append(cpu)
        report = json.loads(proc.stdout)
        notes = assert_report(report, mut, files)
        say(f"  run {i + 1}: {changed.walls[-1]:.2f} s; exactly the 5 changes reported, exit 1 "
            f"({report['summary']})")
    for m in report["modified"]:
        say(f"  modified {m['path']}: content_changed={m['content_changed']}, "
            f"paragraphs={ {k: v for k, v in m['paragraphs'].items() if v} }, note={m['note']}")
    for n in notes:
        say(f"  NOTE: {n}")
    rows.append(changed)
    shutil.rmtree(mutated)
    say("")

    # 5. the table ---------------------------------------------------------------------
    elapsed = time.perf_counter() - started
    command = "python bench/fixity.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
    say("=" * 100)
    say(f"Fixity benchmark, {time.strftime('%Y-%m-%d', time.gmtime())}: {machine()}.")
    say(f"Corpus (seed {spec.seed}): {comp['pdf']['files']:,} PDFs ({pdf_pages:,} pages), "
        f"{comp['html']['files']:,} HTML pages, {comp['text']['files']:,} text files "
        f"({lo // 1024}-{hi // 1024} KiB); {files:,} files, {nbytes / MB:.1f} MB. "
        f"'pages' = PDF pages + 1 per HTML page + 1 per text file ({pages:,}).")
    say(f"Medians of {repeat} interleaved runs; wall clock; CPU s = user+sys of the process and its "
        f"children (wall > CPU/jobs means waiting for a CPU). Files in the page cache for all tools. "
        f"verify figures are CLI runs and include start-up ({startup.median:.2f} s, "
        f"`verify --version`); the Python rows are in-process. Shared, noisy machine "
        f"(load average now {os.getloadavg()[0]:.2f}; CPUs a busy loop could get: {cpus_at_start:.2f} at "
        f"the start, {effective_cpus():.2f} at the end, of {len(os.sched_getaffinity(0))}).")
    say("")
    say(table(rows))
    say("")
    ratio = sha_c.median / check_all.median
    say(f"verify check (default jobs) vs sha256sum -c: {ratio:.2f}x the speed "
        f"({'faster' if ratio > 1 else 'slower'}); vs Python 1-process reference: "
        f"{py1.median / check_j1.median:.2f}x (-j 1); manifest {manifest.stat().st_size / MB:.1f} MB.")
    if source_state() != state_at_start:
        say(f"WARNING: the verify tree changed during the run ({state_at_start} at the start, "
            f"{source_state()} at the end): runs may have measured different code.")
    say(f"Reproduce: {command}")
    say(f"(whole run {elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
