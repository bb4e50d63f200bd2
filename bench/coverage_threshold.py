"""Distribution of the share that the low-coverage warning tests, per kind.

Usage::

    python bench/coverage_threshold.py [--tree DIR] [--page FILE ...]

The warning of :func:`verify.pipeline.coverage_warnings` compares the words
an HTML page keeps with the words it shows (kept plus removed). This prints,
for the documentation and news pages of bench/coverage.py and for any
``--page`` given, that share (kept words / (kept + removed words), from
:func:`verify.ingest.html.ingest_html`), its quantiles per kind, and how
many pages each candidate threshold would flag. ``--tree`` imports
``verify`` from another checkout (the code before a change).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _prose_words(pieces: list[str]) -> int:
    """Words of the pieces that read as sentences: 12 words or more, a full stop."""
    return sum(len(p.split()) for p in pieces if len(p.split()) >= 12 and "." in p)


def share(data: bytes, prose: bool = False) -> tuple[float, int]:
    """(kept words / shown words, shown words); with ``prose``, over the
    paragraphs that read as sentences only."""
    from verify.ingest.html import ingest_html

    extracted = ingest_html(data)
    title = [v for k, v in extracted.metadata if k == "head-title"]
    removed_pieces = list(extracted.removed[len(title):])  # the head title is shown in no page
    if prose:
        kept = _prose_words(extracted.pages[0].split("\n\n") if extracted.pages else [])
        removed = _prose_words(removed_pieces)
    else:
        kept = sum(len(p.split()) for p in extracted.pages)
        removed = sum(len(p.split()) for p in removed_pieces)
    total = kept + removed
    return (kept / total if total else 1.0), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--page", type=Path, action="append", default=[])
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.85,0.9")
    parser.add_argument("--prose", action="store_true", help="the share of sentence-like paragraphs")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(ROOT / "bench"))
    from coverage import pages  # bench/coverage.py: the same page lists

    thresholds = [float(t) for t in args.thresholds.split(",")]
    print("| kind | pages | p1 | p5 | p10 | median | " + " | ".join(f"< {t}" for t in thresholds) + " |")
    print("|---" * (6 + len(thresholds)) + "|")
    for kind in ("documentation", "news"):
        shares = [s for s, n in (share(data, args.prose) for _, data, _ in pages(kind)) if n >= 20]
        shares.sort()

        def q(p: float, values: list[float] = shares) -> float:
            return values[int(p * (len(values) - 1))]

        counts = " | ".join(str(sum(s < t for s in shares)) for t in thresholds)
        print(f"| {kind} | {len(shares)} | {q(0.01):.3f} | {q(0.05):.3f} | {q(0.1):.3f} | "
              f"{statistics.median(shares):.3f} | {counts} |", flush=True)
    for path in args.page:
        value, total = share(path.read_bytes(), args.prose)
        print(f"| {path.name} | 1 | {value:.3f} ({total} words) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
