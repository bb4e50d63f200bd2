"""Alignment quality of ``verify.compare`` on parallel Bible translations.

For each book, each translation's verses are joined into prose (verses
separated by a space, chapters by a blank line; no verse numbers). The two
texts are segmented and aligned by ``verify.compare`` exactly as two
documents would be. Each verse is then carried through the sentence
alignment: the part of a verse that falls in an aligned bead is mapped, by
its relative position in the bead, onto the other side, and linked to the
verse there that it overlaps most (in both directions). A link counts only
when it is exactly a gold link: same (book, chapter, verse) key, with the
JPS numbering of Genesis 31-32 mapped to the KJV one ("strict").

    python bench/compare_alignment.py                  # every pair
    python bench/compare_alignment.py --pairs KJV:BBE ASV:YLT
    python bench/compare_alignment.py --books Mark --json
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify.compare.align import align, idf, refine
from verify.compare.segment import segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "parallel-translations"
Key = tuple[str, int, int]


def load(corpus: Path) -> dict[str, dict[Key, str]]:
    """Every translation as {(book, chapter, verse): text}, JPS renumbered."""
    meta = json.loads((corpus / "translations.json").read_text(encoding="utf-8"))
    out: dict[str, dict[Key, str]] = {}
    for t in meta["translations"]:
        path = corpus / t["file"]
        verses = _read_txt(path) if path.suffix == ".txt" else _read_csv(path)
        out[t["id"]] = _kjv_numbering(verses) if t["id"] == "JPS" else verses
    return out


def _read_csv(path: Path) -> dict[Key, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["Book"], int(r["Chapter"]), int(r["Verse"])): r["Text"].strip() for r in csv.DictReader(f)}


def _read_txt(path: Path) -> dict[Key, str]:
    verses: dict[Key, str] = {}
    book = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            book = line[4:].strip()
        elif m := re.match(r"\[(\d+):(\d+)\]\s*(.*)", line):
            verses[(book, int(m.group(1)), int(m.group(2)))] = m.group(3).strip()
    return verses


def _kjv_numbering(verses: dict[Key, str]) -> dict[Key, str]:
    """JPS Gen 32:1 is KJV 31:55; JPS 32:N is KJV 32:N-1."""
    out: dict[Key, str] = {}
    for (book, ch, v), text in verses.items():
        if book == "Genesis" and ch == 32:
            out[("Genesis", 31, 55) if v == 1 else ("Genesis", 32, v - 1)] = text
        else:
            out[(book, ch, v)] = text
    return out


def prose(verses: dict[Key, str], book: str) -> tuple[str, list[tuple[Key, int, int]]]:
    """The book as prose, and each non-empty verse's character span in it."""
    parts: list[str] = []
    spans: list[tuple[Key, int, int]] = []
    pos, chapter = 0, None
    for key in sorted(k for k in verses if k[0] == book):
        text = " ".join(verses[key].split())
        if not text:
            continue
        sep = "" if chapter is None else (" " if key[1] == chapter else "\n\n")
        parts.append(sep + text)
        pos += len(sep)
        spans.append((key, pos, pos + len(text)))
        pos += len(text)
        chapter = key[1]
    return "".join(parts), spans


def links(
    text_a: str,
    spans_a: list[tuple[Key, int, int]],
    text_b: str,
    spans_b: list[tuple[Key, int, int]],
    clauses: bool = True,
    langs: tuple[str, str] = ("en", "en"),
) -> tuple[set[tuple[Key, Key]], float]:
    """Verse links predicted by the alignment, and the seconds the sentence alignment took.

    With ``clauses``, each aligned pair is aligned again clause by clause
    (:func:`verify.compare.align.refine`) before verses are projected.
    """
    sa, sb = segment(text_a, langs[0]), segment(text_b, langs[1])
    ta, tb = [s.text for s in sa], [s.text for s in sb]
    started = time.perf_counter()
    beads = align(ta, tb, langs=langs)
    seconds = time.perf_counter() - started
    weights = idf(ta, tb, langs)
    votes_ab: dict[Key, dict[Key, float]] = defaultdict(lambda: defaultdict(float))
    votes_ba: dict[Key, dict[Key, float]] = defaultdict(lambda: defaultdict(float))
    for bead in beads:
        if bead.a_start == bead.a_end or bead.b_start == bead.b_end:
            continue
        ra = (sa[bead.a_start].span.start, sa[bead.a_end - 1].span.end)
        rb = (sb[bead.b_start].span.start, sb[bead.b_end - 1].span.end)
        whole = [((0, ra[1] - ra[0]), (0, rb[1] - rb[0]))]
        # inside one verse on both sides a finer alignment cannot change a link
        boundary = len(_overlapping(spans_a, ra)) > 1 or len(_overlapping(spans_b, rb)) > 1
        pieces = (
            refine(text_a[ra[0] : ra[1]], text_b[rb[0] : rb[1]], weights, langs)
            if clauses and boundary
            else whole
        )
        for (a0, a1), (b0, b1) in pieces:
            pa, pb = (ra[0] + a0, ra[0] + a1), (rb[0] + b0, rb[0] + b1)
            _project(spans_a, pa, spans_b, pb, votes_ab)
            _project(spans_b, pb, spans_a, pa, votes_ba)
    out: set[tuple[Key, Key]] = set()
    for ka, votes in votes_ab.items():  # each verse links to the verse it overlaps most
        out.add((ka, max(votes, key=lambda k: votes[k])))
    for kb, votes in votes_ba.items():
        out.add((max(votes, key=lambda k: votes[k]), kb))
    return out, seconds


def _project(
    src: list[tuple[Key, int, int]],
    rs: tuple[int, int],
    dst: list[tuple[Key, int, int]],
    rd: tuple[int, int],
    votes: dict[Key, dict[Key, float]],
) -> None:
    """Map each source verse's part of ``rs`` onto ``rd`` by relative position; add overlaps."""
    scale = (rd[1] - rd[0]) / max(1, rs[1] - rs[0])
    inside = [(k, max(s, rd[0]), min(e, rd[1])) for k, s, e in _overlapping(dst, rd)]
    for key, s, e in _overlapping(src, rs):
        x0, x1 = max(s, rs[0]), min(e, rs[1])
        y0, y1 = rd[0] + (x0 - rs[0]) * scale, rd[0] + (x1 - rs[0]) * scale
        for other, d0, d1 in inside:
            overlap = min(y1, d1) - max(y0, d0)
            if overlap > 0:
                votes[key][other] += overlap


def _overlapping(spans: list[tuple[Key, int, int]], r: tuple[int, int]) -> list[tuple[Key, int, int]]:
    lo, hi = 0, len(spans)
    while lo < hi:  # first verse ending after r[0]
        mid = (lo + hi) // 2
        if spans[mid][2] <= r[0]:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo < len(spans) and spans[lo][1] < r[1]:
        out.append(spans[lo])
        lo += 1
    return out


def score_pair(
    data: dict[str, dict[Key, str]], ta: str, tb: str, books: list[str], clauses: bool = True
) -> dict[str, object]:
    tp = fp = fn = 0
    seconds = 0.0
    sentences = 0
    for book in books:
        if not any(k[0] == book for k in data[ta]) or not any(k[0] == book for k in data[tb]):
            continue
        text_a, spans_a = prose(data[ta], book)
        text_b, spans_b = prose(data[tb], book)
        gold = {(k, k) for k, _, _ in spans_a} & {(k, k) for k, _, _ in spans_b}
        predicted, took = links(text_a, spans_a, text_b, spans_b, clauses)
        seconds += took
        sentences += len(segment(text_a)) + len(segment(text_b))
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "pair": f"{ta}:{tb}",
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": tp + fn,
        "predicted": tp + fp,
        "sentences": sentences,
        "align_seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pairs", nargs="*", help="pairs as A:B (default: every pair)")
    parser.add_argument("--books", nargs="*", default=["Genesis", "Ruth", "Mark", "Acts"])
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    parser.add_argument(
        "--sentences-only",
        action="store_true",
        help="project verses through sentence pairs, without the clause refinement",
    )
    args = parser.parse_args(argv)
    data = load(args.corpus)
    pairs = (
        [tuple(p.split(":")) for p in args.pairs]
        if args.pairs
        else list(itertools.combinations(sorted(data), 2))
    )
    results = []
    for ta, tb in pairs:
        if not _shared_books(data, ta, tb, args.books):
            continue
        res = score_pair(data, ta, tb, args.books, not args.sentences_only)
        results.append(res)
        if args.json:
            print(json.dumps(res), flush=True)
        else:
            print(
                f"{res['pair']:<18} P {res['precision']:.4f}  R {res['recall']:.4f}  F1 {res['f1']:.4f}"
                f"  gold {res['gold']:>5}  {res['align_seconds']:>6.2f}s",
                flush=True,
            )
    _totals(results, args.json)
    return 0


def _shared_books(data: dict[str, dict[Key, str]], ta: str, tb: str, books: list[str]) -> list[str]:
    return [b for b in books if any(k[0] == b for k in data[ta]) and any(k[0] == b for k in data[tb])]


def _totals(results: list[dict[str, object]], as_json: bool) -> None:
    groups: dict[str, list[float]] = defaultdict(list)
    for r in results:
        groups["all"].append(float(r["f1"]))  # type: ignore[arg-type]
    for name, values in groups.items():
        values.sort()
        line = (
            {
                "summary": name,
                "pairs": len(values),
                "mean_f1": round(sum(values) / len(values), 4),
                "median_f1": values[len(values) // 2],
                "min_f1": values[0],
            }
            if values
            else {}
        )
        print(json.dumps(line) if as_json else f"{name}: {line}")


if __name__ == "__main__":
    raise SystemExit(main())
