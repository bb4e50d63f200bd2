"""How the cost of ``verify.compare`` grows with document length.

Two long documents are made from the parallel-translations corpus: A joins
the KJV, ASV, Darby and YLT texts of the books, B the BBE, Webster, BSB and
Tyndale texts of the same books in the same order, so that A and B are
parallel throughout. The first N sentences of A are aligned against the matching share
of B for N = 1,000, 5,000 and 10,000 (and any --sizes), and the seconds are
printed: for the alignment alone, and for the whole comparison (alignment
and differences). Growth is about linear when seconds per 1,000 sentences
stay about flat.

    python bench/compare_scaling.py
    python bench/compare_scaling.py --sizes 1000 2000 4000 8000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_alignment import CORPUS, load, prose

from verify.compare import align as al
from verify.compare import compare_texts, segment

BOOKS = ("Genesis", "Ruth", "Mark", "Acts")
PAIRS = (("KJV", "BBE"), ("ASV", "Webster"), ("Darby", "BSB"), ("YLT", "Tyndale"))


def documents(corpus: Path) -> tuple[str, str]:
    data = load(corpus)
    parts_a, parts_b = [], []
    for ta, tb in PAIRS:
        for book in BOOKS:
            if any(k[0] == book for k in data[ta]) and any(k[0] == book for k in data[tb]):
                parts_a.append(prose(data[ta], book)[0])
                parts_b.append(prose(data[tb], book)[0])
    return "\n\n".join(parts_a), "\n\n".join(parts_b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the median is printed")
    args = parser.parse_args(argv)
    a, b = documents(args.corpus)
    sa, sb = segment(a), segment(b)
    print(f"corpus: {len(sa)} sentences in A, {len(sb)} in B")
    print(f"{'sentences A':>11} {'B':>6} {'align s':>8} {'s/1k':>6} {'compare s':>10} {'s/1k':>6}")
    for n in args.sizes:
        m = min(len(sb), round(n * len(sb) / len(sa)))
        n = min(n, len(sa))
        ta, tb = [s.text for s in sa[:n]], [s.text for s in sb[:m]]
        text_a, text_b = a[: sa[n - 1].span.end], b[: sb[m - 1].span.end]
        aligns, compares = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            al.align(ta, tb)
            aligns.append(time.perf_counter() - started)
            started = time.perf_counter()
            compare_texts(text_a, text_b)
            compares.append(time.perf_counter() - started)
        ta_s, tc_s = statistics.median(aligns), statistics.median(compares)
        print(
            f"{n:>11} {m:>6} {ta_s:>8.2f} {ta_s * 1000 / n:>6.2f} {tc_s:>10.2f} {tc_s * 1000 / n:>6.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
