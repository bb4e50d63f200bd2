"""Old against new: every benchmark document's record, byte for byte.

Usage::

    python bench/same_records.py --write before.json   # on the old code (e.g. main)
    python bench/same_records.py --compare before.json # on the new code

For a change meant to alter no output (a faster parser, a cheaper repair):
ingests every readable PDF of bench/ingest_speed.py, the 181 pages of
../shared/corpora/html-boilerplate and bench/coverage.py's documentation,
plain-text and books kinds, and keeps a SHA-256 of each full record
(canonical text, digests, paragraphs, removed lines, changes, warnings,
extractor id: the record's ``repr``). ``--compare`` lists every document
whose record differs and exits 1 if any does. Run the old code with this
file copied beside it, or with ``PYTHONPATH`` at the old tree.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from coverage import SHARED, pages  # noqa: E402
from ingest_speed import OPTIONS, _readable_pdfs  # noqa: E402

from verify.pipeline import process_bytes  # noqa: E402


def documents() -> Iterator[tuple[str, bytes]]:
    for i, data in enumerate(_readable_pdfs()):
        yield f"pdf#{i}", data
    for path in sorted((SHARED / "html-boilerplate" / "html").glob("*.gz")):
        yield path.name, gzip.decompress(path.read_bytes())
    for kind in ("documentation", "plain-text", "books"):
        for name, data, _ in pages(kind):
            yield name, data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    digests = {name: hashlib.sha256(repr(process_bytes(data, "x", OPTIONS)).encode()).hexdigest()
               for name, data in documents()}
    if args.write:
        args.write.write_text(json.dumps(digests, indent=0, sort_keys=True), "utf-8")
        print(f"{len(digests)} records written")
        return 0
    before = json.loads(args.compare.read_text("utf-8"))
    differ = sorted(n for n in digests.keys() | before.keys() if digests.get(n) != before.get(n))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(digests)} records compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
