"""Which on-disk format for the fixity part of a manifest? Measured, not guessed.

    python bench/manifest_formats.py               # N = 200,000 entries
    python bench/manifest_formats.py --n 50000

For N synthetic entries of the real shape (random digests, paths like
``d0012/f0012345.txt``, the extractor and profile strings of a real build),
each candidate is written and then read back in full with every field
checked, each in its own process (peak RSS from GNU time):

- ``json-doc``: one JSON document holding all entries (what verify-manifest/1
  was, without its detailed records), parsed strictly (verify.strictjson);
- ``jsonl``: verify-manifest/2: a header line and one canonical line per
  entry, streamed through :func:`verify.manifest.open_manifest`;
- ``sqlite``: one table (path primary key, one column per field), read with
  ``SELECT ... ORDER BY path``;

and two writes of the same entries are compared byte for byte (a manifest is
committed, signed and compared by digest: its bytes must be reproducible).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from verify.manifest import Entry, Manifest, open_manifest, write_manifest

EXTRACTOR = "verify-text/1 (charset-normalizer 3.5.3)"


def entries(n: int) -> list[Entry]:
    rng = random.Random(n)

    def digest() -> str:
        return "sha256:" + hashlib.sha256(rng.randbytes(8)).hexdigest()

    return [Entry(path=f"d{i // 1000:04d}/f{i:07d}.txt", size=rng.randint(900, 6000),
                  raw_sha256=digest(), format="text", text_sha256=digest(), profile="canon/1",
                  extractor=EXTRACTOR) for i in range(n)]


def write(kind: str, items: list[Entry], path: Path) -> None:
    if kind == "jsonl":
        write_manifest(Manifest(entries=tuple(items)), path)
    elif kind == "json-doc":
        doc = {"format": "x", "entries": [e.to_json() for e in items]}
        path.write_bytes(json.dumps(doc, sort_keys=True, indent=2).encode() + b"\n")
    else:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entries (path TEXT PRIMARY KEY, size INTEGER, raw TEXT, "
                       "format TEXT, text TEXT, profile TEXT, extractor TEXT)")
            db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?)",
                           [(e.path, e.size, e.raw_sha256, e.format, e.text_sha256, e.profile,
                             e.extractor) for e in items])
        db.close()


def read(kind: str, path: Path) -> int:
    count = 0
    if kind == "jsonl":
        with open_manifest(path) as (_, stream):
            for _ in stream:
                count += 1
    elif kind == "json-doc":
        from verify import strictjson

        doc = strictjson.loads(path.read_bytes(), "m", limit=1 << 34, floats=False, max_depth=32)
        for item in doc["entries"]:
            Entry.from_json(item)
            count += 1
    else:
        db = sqlite3.connect(path)
        for row in db.execute("SELECT path, size, raw, format, text, profile, extractor "
                              "FROM entries ORDER BY path"):
            # The same checks as the other readers (types, digests, paths).
            Entry.from_json({"path": row[0], "size": row[1], "raw_sha256": row[2], "format": row[3],
                             "text_sha256": row[4], "profile": row[5], "extractor": row[6]})
            count += 1
        db.close()
    return count


def one(kind: str, action: str, n: int, path: Path) -> None:
    start = time.perf_counter()
    if action == "write":
        write(kind, entries(n), path)
    else:
        assert read(kind, path) == n
    print(json.dumps({"seconds": time.perf_counter() - start}))


def measure(kind: str, action: str, n: int, path: Path) -> tuple[float, int]:
    """Seconds (measured inside the child) and peak RSS in MiB (GNU time)."""
    with tempfile.NamedTemporaryFile("r") as peak:
        out = subprocess.run([shutil.which("time") or "/usr/bin/time", "-f", "%M", "-o", peak.name,
                              sys.executable, __file__, "--one", kind, action, str(n), str(path)],
                             capture_output=True, check=True).stdout
        rss = int(peak.read().split()[-1]) // 1024
    return json.loads(out)["seconds"], rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--one", nargs=4, metavar=("KIND", "ACTION", "N", "PATH"))
    args = parser.parse_args()
    if args.one:
        one(args.one[0], args.one[1], int(args.one[2]), Path(args.one[3]))
        return 0
    base = Path(tempfile.mkdtemp(prefix="verify-formats-"))
    print(f"# python bench/manifest_formats.py --n {args.n}; load {os.getloadavg()[0]:.2f}")
    print("| format | size MB | write s (peak MiB) | read + check all s (peak MiB) | two writes identical |")
    print("|---|---|---|---|---|")
    for kind in ("json-doc", "jsonl", "sqlite"):
        first, second = base / f"{kind}.1", base / f"{kind}.2"
        w = measure(kind, "write", args.n, first)
        measure(kind, "write", args.n, second)
        r = measure(kind, "read", args.n, first)
        same = first.read_bytes() == second.read_bytes()
        print(f"| {kind} | {first.stat().st_size / 1e6:.1f} | {w[0]:.2f} ({w[1]}) | {r[0]:.2f} ({r[1]}) "
              f"| {'yes' if same else 'no'} |", flush=True)
    for item in base.iterdir():
        item.unlink()
    base.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
