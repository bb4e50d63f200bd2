"""Faults: a fuzz round and the kill-and-rerun scenarios of issue 8, each run
as real ``verify`` processes, with tried/failed per scenario.

A case *fails* when it gives a traceback, hangs past the limit, exits with
the wrong code, loses or damages the manifest, leaves a process behind, or
prints a raw control character of a file name. Run::

    python bench/faults.py                 # everything (about 10 minutes on 2 cores)
    python bench/faults.py --fuzz 60 --rounds 2 --only fuzz-pdf,kill-9
    python bench/faults.py --format json

Sources of the fuzz round: the PDFs of tests/data/pdf and
/work/shared/corpora/pdf-text (held out: never used to tune anything), the
HTML pages of /work/shared/corpora/html-boilerplate/html, and plain text from
/usr/share/common-licenses and /work/shared/corpora/mojibake. Mutations:
bit flips, truncations, splices of two files, and (PDF) nested-Flate bombs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpora")
LIMIT = 300.0  # seconds before a case counts as hung


@dataclass
class Tally:
    name: str
    tried: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)

    def case(self, ok: bool, why: str = "") -> None:
        self.tried += 1
        if not ok:
            self.failed += 1
            if why and len(self.notes) < 5:
                self.notes.append(why[:200])


@dataclass
class Run:
    code: int | None  # None: hung, killed at the limit
    out: str
    err: str
    seconds: float


def verify(*args: str, timeout: float = LIMIT, cwd: Path | None = None) -> Run:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "verify", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=cwd, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return Run(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               time.monotonic() - started)


def healthy(run: Run, codes: tuple[int, ...]) -> tuple[bool, str]:
    if run.code is None:
        return False, f"hung past {LIMIT:g} s"
    if "Traceback" in run.err:
        return False, "traceback: " + run.err.strip().splitlines()[-1]
    if run.code not in codes:
        return False, f"exit {run.code}, expected {codes}: {run.err.strip()[:150]}"
    return True, ""


# --------------------------------------------------------------------------- sources

def make_flate_bomb(levels: int = 3, size: int = 5_300_000_000) -> bytes:
    """A one-page PDF whose content stream is ``size`` zero bytes compressed
    ``levels`` times with FlateDecode (tests/data/reliab/flate-bomb.pdf)."""
    block = b"\0" * (1 << 24)
    compressor = zlib.compressobj(9)
    parts, left = [], size
    while left > 0:
        parts.append(compressor.compress(block[:min(left, len(block))]))
        left -= len(block)
    data = b"".join(parts) + compressor.flush()
    for _ in range(levels - 1):
        data = zlib.compress(data, 9)
    filters = b"[" + b" ".join([b"/FlateDecode"] * levels) + b"]"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << >> >>",
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data
               + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def sources(genre: str) -> list[bytes]:
    paths: list[Path] = []
    if genre == "pdf":
        paths = sorted((HERE / "tests/data/pdf").glob("*.pdf")) + sorted(
            (SHARED / "pdf-text").rglob("*.pdf"))
    elif genre == "html":
        paths = sorted((SHARED / "html-boilerplate/html").glob("*"))[:80]
    else:
        paths = sorted(Path("/usr/share/common-licenses").glob("*"))[:20] + sorted(
            (SHARED / "mojibake").rglob("*.txt"))[:40]
    out = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if 0 < len(data) < 8 * 1024 * 1024:
            out.append(data)
    return out


def mutate(rng: random.Random, pool: list[bytes]) -> tuple[str, bytes]:
    data = bytearray(rng.choice(pool))
    kind = rng.choice(["flip", "flip", "truncate", "splice", "zap"])
    if kind == "flip":
        for _ in range(rng.randint(1, 32)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[:rng.randrange(1, len(data))]
    elif kind == "splice":
        other = rng.choice(pool)
        data = data[:rng.randrange(len(data))] + other[rng.randrange(len(other)):]
    else:  # a run of one random byte over a stretch
        start = rng.randrange(len(data))
        data[start:start + rng.randint(1, 4096)] = bytes([rng.randrange(256)]) * rng.randint(1, 4096)
    return kind, bytes(data)


# --------------------------------------------------------------------------- scenarios

def fuzz(genre: str, count: int, seed: int, work: Path) -> Tally:
    """``count`` mutated files in one corpus, built with -j 2: every file must get
    an entry and the build must exit 0 or 1 with a manifest."""
    tally = Tally(f"fuzz-{genre}")
    pool = sources(genre)
    if not pool:
        tally.notes.append("no sources found")
        return tally
    rng = random.Random(seed)
    root = work / f"fuzz-{genre}"
    root.mkdir()
    names = []
    for i in range(count):
        kind, data = mutate(rng, pool)
        name = f"{i:04d}-{kind}.{ 'pdf' if genre == 'pdf' else genre}"
        (root / name).write_bytes(data)
        names.append(name)
    manifest = work / f"fuzz-{genre}.json"
    run = verify("build", str(root), "-m", str(manifest), "-q", "-j", "2", "--no-compare",
                 "--timeout", "60", "--format", "json")
    ok, why = healthy(run, (0, 1))
    if not ok or not manifest.exists():
        for _ in names:
            tally.case(False, why or "no manifest")
        return tally
    entries = _entries(manifest)
    codes: dict[str, int] = {}
    for name in names:
        entry = entries.get(name)
        tally.case(entry is not None, f"{name}: no entry")
        if entry is not None and entry.error_code:
            codes[entry.error_code] = codes.get(entry.error_code, 0) + 1
    tally.notes.append("errors recorded: " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    return tally


def _entries(manifest: Path) -> dict[str, Any]:
    from verify.manifest import read_manifest

    return dict(read_manifest(manifest).by_path())


def _text_corpus(root: Path, files: int) -> None:
    root.mkdir(parents=True)
    for i in range(files):
        (root / f"f{i:05d}.txt").write_text(
            f"Document {i}. The member states agreed on item {i} of the treaty. " * 20 + "\n")


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children()
    except psutil.NoSuchProcess:
        return []


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    """The processes that still run (a zombie has already died)."""
    alive = []
    for proc in procs:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
        except psutil.NoSuchProcess:
            continue
    return alive


def kill_build(how: signal.Signals, rounds: int, seed: int, work: Path) -> Tally:
    """A build of 3,000 files killed at a random moment, then the next build:
    the old manifest must be intact, no worker left, the rerun must finish."""
    tally = Tally(f"kill-{'9' if how == signal.SIGKILL else 'TERM'} build, rerun")
    rng = random.Random(seed)
    root = work / f"kill-{how.name}"
    _text_corpus(root, 3000)
    manifest = work / f"kill-{how.name}.json"
    first = verify("build", str(root), "-m", str(manifest), "-q", "-j", "2", "--no-compare")
    old = manifest.read_bytes() if manifest.exists() else b""
    for _ in range(rounds):
        (root / f"new-{rng.random()}.txt").write_text("A new document.\n")
        proc = subprocess.Popen([sys.executable, "-m", "verify", "build", str(root), "-m",
                                 str(manifest), "-q", "-j", "2", "--no-compare"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 4.0))
        workers = _children(proc.pid)
        proc.send_signal(how)
        proc.wait(60)
        time.sleep(1.5)
        left = _alive(workers)
        intact = manifest.exists() and (manifest.read_bytes() == old or _valid(manifest))
        rerun = verify("build", str(root), "-m", str(manifest), "-q", "-j", "2", "--no-compare",
                       timeout=180)
        ok, why = healthy(rerun, (0,))
        if left:
            ok, why = False, f"{len(left)} worker processes outlived the killed build"
            for child in left:
                child.kill()
        if not intact:
            ok, why = False, "the manifest was lost or damaged"
        tally.case(ok and first.code == 0, why)
        old = manifest.read_bytes() if manifest.exists() else b""
    return tally


def _valid(manifest: Path) -> bool:
    run = verify("prove", "-m", str(manifest))
    return run.code == 0


def kill_worker(rounds: int, seed: int, work: Path) -> Tally:
    """One worker of a running build killed: the build finishes, every file has
    an entry, at most the killed worker's current file is ingest.crashed."""
    tally = Tally("worker killed mid-build")
    rng = random.Random(seed)
    root = work / "kill-worker"
    _text_corpus(root, 3000)
    for r in range(rounds):
        manifest = work / f"kill-worker-{r}.json"
        proc = subprocess.Popen([sys.executable, "-m", "verify", "build", str(root), "-m",
                                 str(manifest), "-q", "-j", "2", "--no-compare", "--format", "json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while not (workers := _children(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)  # the walk first, then the workers start
        time.sleep(rng.uniform(0.2, 2.0))
        workers = _children(proc.pid) or workers
        if workers:
            rng.choice(workers).kill()
        try:
            out, err = proc.communicate(timeout=LIMIT)
            run = Run(proc.returncode, out.decode(), err.decode(), 0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            run = Run(None, "", "", LIMIT)
        ok, why = healthy(run, (0, 1))
        if ok:
            entries = list(_entries(manifest).values())
            crashed = [e for e in entries if e.error_code == "ingest.crashed"]
            ok = len(entries) == 3000 and len(crashed) <= 1
            why = f"{len(entries)} entries, {len(crashed)} crashed"
        tally.case(ok and bool(workers), why if workers else "no worker found to kill")
    return tally


def crashing_pdf(work: Path) -> Tally:
    tally = Tally("crashing PDF (Flate bomb)")
    root = work / "bomb"
    _text_corpus(root, 20)
    (root / "bomb.pdf").write_bytes((HERE / "tests/data/reliab/flate-bomb.pdf").read_bytes())
    for jobs in ("1", "2"):
        for limit in ("1024", "4096"):
            manifest = work / f"bomb-{jobs}-{limit}.json"
            run = verify("build", str(root), "-m", str(manifest), "-q", "-j", jobs, "--no-compare",
                         "--memory-limit", limit)
            ok, why = healthy(run, (1,))
            if ok:
                entry = _entries(manifest)["bomb.pdf"]
                ok, why = entry.error_code == "ingest.crashed", f"bomb.pdf: {entry.error_code}"
            tally.case(ok, f"-j {jobs} --memory-limit {limit}: {why}")
        run = verify("ingest", str(root / "bomb.pdf"), "-j", jobs, "--memory-limit", "1024")
        tally.case(healthy(run, (2,))[0], f"ingest -j {jobs}: exit {run.code}")
    return tally


def special_files(work: Path) -> Tally:
    tally = Tally("special files (manifest, log, key, -m)")
    root = work / "special"
    _text_corpus(root, 3)
    manifest = work / "special.json"
    verify("build", str(root), "-m", str(manifest), "-q", "-j", "1")
    verify("keygen", str(work / "key"))
    fifo = work / "fifo"
    os.mkfifo(fifo)
    for target in (str(fifo), "/dev/zero", str(root), "/dev/null"):
        for args in (["check", "-m", target, "--root", str(root), "-q"], ["prove", "-m", target],
                     ["log", "verify", target], ["log", "show", target],
                     ["sign", str(manifest), "--key", target],
                     ["check", "-m", str(manifest), "-q", "--trust", target],
                     ["check", "-m", str(manifest), "-q", "--log", target],
                     ["export", "prov", "-m", target]):
            run = verify(*args, timeout=30)
            ok, why = healthy(run, (2,))
            tally.case(ok, f"{' '.join(args[:2])} {target}: {why}")
    link_target = work / "keep.txt"
    link_target.write_text("keep\n")
    for kind in ("symlink", "fifo", "folder"):
        target = work / f"out-{kind}.json"
        if kind == "symlink":
            target.symlink_to(link_target)
        elif kind == "fifo":
            os.mkfifo(target)
        else:
            target.mkdir()
        run = verify("build", str(root), "-m", str(target), "-q", "-j", "1", timeout=60)
        ok, why = healthy(run, (2,))
        untouched = {"symlink": target.is_symlink(), "fifo": target.is_fifo(),
                     "folder": target.is_dir()}[kind] and link_target.read_text() == "keep\n"
        tally.case(ok and untouched, f"build -m {kind}: {why or 'replaced'}")
    return tally


ODD = ["new\nline.txt", "carriage\rreturn.txt", "esc\x1b[31mred.txt", "bidi\u202etxt.exe",
       "OK: every file matches the manifest\n.txt", "-dash.txt", "sp ace.txt", "tab\t.txt",
       "zero\u200bwidth.txt", "dé composé.txt".replace("é", "e\u0301"), "日本語.txt", "\u00a0.txt"]


def odd_names(work: Path) -> Tally:
    """Build, edit, check: no traceback, no raw control character in text output."""
    tally = Tally("odd names (build, check, lint)")
    root = work / "odd"
    root.mkdir()
    for name in ODD:
        (root / name).write_text(f"About {name!r}.\n")
    (root.parent / "bad-utf8").mkdir()
    os.makedirs(os.fsencode(root) + b"/sub", exist_ok=True)
    with open(os.fsencode(root) + b"/sub/bad\xff\xfe.txt", "wb") as stream:
        stream.write(b"not UTF-8 name\n")
    manifest = work / "odd.json"
    runs = [verify("build", str(root), "-m", str(manifest), "-q", "-j", "2")]
    for name in ODD[:4]:
        (root / name).write_text("changed\n")
    runs.append(verify("check", "-m", str(manifest), "-q"))
    runs.append(verify("check", "-m", str(manifest), "-q", "--root", str(root)))
    runs.append(verify("lint", str(root), "-j", "2"))
    for run in runs:
        ok, why = healthy(run, (0, 1, 2))
        raw = [c for c in "\x1b\r\u202e\u200b" if c in run.out + run.err]
        forged = [line for line in run.out.splitlines() if line.startswith("OK: every file matches")
                  and run.code != 0]
        tally.case(ok and not raw and not forged,
                   why or (f"raw {raw!r} in output" if raw else f"forged line {forged!r}"))
    tally.notes.append(f"check exit codes: {[r.code for r in runs[1:3]]} (item 4: not this branch)")
    return tally


def hostile_manifests(work: Path) -> Tally:
    tally = Tally("hostile manifests and log lines")
    root, folder = work / "hostile-corpus", work / "hostile"
    _text_corpus(root, 3)
    manifest = folder / "good.json"
    verify("build", str(root), "-m", str(manifest), "-q", "-j", "1")
    verify("keygen", str(work / "key"))
    good = manifest.read_bytes()
    header, _, body = good.partition(b"\n")

    def sub(pattern: bytes, new: bytes, data: bytes = good) -> bytes:
        return re.sub(pattern, new, data, count=1)

    cases: dict[str, bytes] = {
        "5000-digit int": sub(rb'"size": ?\d+', b'"size":' + b"9" * 5000),
        "lone surrogate": sub(rb'"extractor": ?"[^"]*"', rb'"extractor":"\\ud800"'),
        "surrogate key": sub(rb'"works": ?\{\}', rb'"works":{"\\udfff":{}}'),
        "deep nesting": sub(rb'"works": ?\{\}', b'"works":' + b"[" * 50000 + b"]" * 50000),
        "duplicate key": sub(rb'"profile":', b'"profile":"x","profile":'),
        "NaN": sub(rb'"size": ?\d+', b'"size":NaN'),
        "float": sub(rb'"size": ?\d+', b'"size":1.5'),
        "root /etc": sub(rb'"root": ?"[^"]*"', b'"root":"/etc"'),
        "root ../../..": sub(rb'"root": ?"[^"]*"', b'"root":"../../.."'),
        "truncated": good[: len(good) // 2],
        "empty entries": header + b"\n",
        "not UTF-8": sub(rb'"profile":"', b'"profile":"\xff'),
        "empty file": b"",
    }
    assert body
    for number, (case, data) in enumerate(cases.items()):
        if data == good:
            tally.notes.append(f"{case}: the mutation did not apply")
            continue
        target = folder / f"m{number}.json"
        target.write_bytes(data)
        for args in (["check", "-m", str(target), "-q"], ["prove", "-m", str(target)],
                     ["sign", str(target), "--key", str(work / "key")],
                     ["export", "prov", "-m", str(target)]):
            run = verify(*args, timeout=60)
            # the recorded root and emptiness only matter to check
            refused_anyway = case.startswith(("root", "empty entries")) and args[0] != "check"
            expected = (0, 2) if refused_anyway else (2,)
            if case == "empty entries" and args[0] == "check":
                expected = (1, 2)  # fails closed: the corpus's files are new (drift), never a pass
            ok, why = healthy(run, expected)
            tally.case(ok, f"{case}, {args[0]}: {why}")
    log = folder / "fixity.log"
    verify("check", "-m", str(manifest), "-q", "--log", str(log))
    with log.open("ab") as stream:
        stream.write(b'{"index": ' + b"1" * 5000 + b"}\n")
    for args in (["log", "verify", str(log)], ["log", "show", str(log)]):
        tally.case(healthy(verify(*args), (1,))[0], f"{args[1]} of a broken log")
    run = verify("check", "-m", str(manifest), "-q", "--log", str(log))
    ok, why = healthy(run, (2,))
    tally.case(ok and "OK: every file matches" in run.out, why or "the check's report was not printed")
    return tally


SCENARIOS: dict[str, Callable[[argparse.Namespace, Path], Tally]] = {
    "fuzz-pdf": lambda a, w: fuzz("pdf", a.fuzz, a.seed, w),
    "fuzz-html": lambda a, w: fuzz("html", a.fuzz, a.seed + 1, w),
    "fuzz-text": lambda a, w: fuzz("text", a.fuzz, a.seed + 2, w),
    "kill-9": lambda a, w: kill_build(signal.SIGKILL, a.rounds, a.seed, w),
    "kill-term": lambda a, w: kill_build(signal.SIGTERM, a.rounds, a.seed, w),
    "kill-worker": lambda a, w: kill_worker(a.rounds, a.seed, w),
    "crashing-pdf": lambda a, w: crashing_pdf(w),
    "special-files": lambda a, w: special_files(w),
    "odd-names": lambda a, w: odd_names(w),
    "hostile-manifests": lambda a, w: hostile_manifests(w),
}


def run_all(args: argparse.Namespace) -> Iterator[Tally]:
    chosen = args.only.split(",") if args.only else list(SCENARIOS)
    for name in chosen:
        work = Path(tempfile.mkdtemp(prefix=f"faults-{name}-"))
        started = time.monotonic()
        try:
            tally = SCENARIOS[name](args, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        tally.notes.append(f"{time.monotonic() - started:.0f} s")
        yield tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=200, help="mutated files per genre")
    parser.add_argument("--rounds", type=int, default=5, help="kills per kill scenario")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--only", help="comma-separated scenario names: " + ", ".join(SCENARIOS))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    tallies = []
    if args.format == "text":
        print(f"{'scenario':42} {'tried':>6} {'failed':>6}  notes")
    for tally in run_all(args):
        tallies.append(tally)
        if args.format == "text":
            print(f"{tally.name:42} {tally.tried:>6} {tally.failed:>6}  {'; '.join(tally.notes)}",
                  flush=True)
    if args.format == "json":
        print(json.dumps([t.__dict__ for t in tallies], indent=2))
    return 1 if any(t.failed for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
