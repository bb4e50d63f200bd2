"""Score HTML main-content extractors on the html-boilerplate corpus.

Usage::

    python bench/html_f1.py [--corpus DIR] [--limit N] [--only NAME ...]

Reads ``../shared/corpora/html-boilerplate`` (181 news and blog pages with
hand-labelled article bodies) and prints, for each extractor, precision,
recall and F1 of token 4-gram shingles against the gold bodies, and pages
per second.  The scoring follows the corpus README (the benchmark's own
method, described there in words); this is an independent implementation.

Extractors: ``verify-bs4`` and ``verify-lxml`` (this package's
:func:`verify.ingest.html_content.extract_main` with each front-end),
``trafilatura`` (only if importable; it is a yardstick, never a dependency)
and the stored reference outputs of the corpus (``ref-trafilatura-2.0``,
``ref-html-text``), which check that this scorer agrees with the published
figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.ingest.html_content import (  # noqa: E402 - after the path set-up above
    Parse,
    extract_main,
    parse_with_bs4,
    parse_with_lxml,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "html-boilerplate"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class Page:
    """One corpus page: its id, raw bytes and gold article body."""

    page_id: str
    html: bytes
    gold: str


@dataclass(frozen=True)
class Score:
    """Aggregate result of one extractor over the corpus."""

    name: str
    precision: float
    recall: float
    f1: float
    exact: float
    pages_per_s: float | None
    pages: int


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Bag of token 4-grams; no case folding, as in the benchmark."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(gold: str, pred: str) -> tuple[int, int, int]:
    """True-positive, false-positive and false-negative shingle counts."""
    true, got = shingles(gold), shingles(pred)
    tp = sum(min(n, got[k]) for k, n in true.items())
    fp = sum(max(0, n - true[k]) for k, n in got.items())
    fn = sum(max(0, n - got[k]) for k, n in true.items())
    return tp, fp, fn


def page_scores(tp: int, fp: int, fn: int) -> tuple[float | None, float | None]:
    """Per-page precision and recall; None where the denominator is zero."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def _mean(values: Iterable[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else 0.0


def score(name: str, pages: Sequence[Page], preds: dict[str, str], seconds: float | None) -> Score:
    """Average per-page precision and recall; F1 of the two averages."""
    precisions, recalls, exact = [], [], 0
    for page in pages:
        pred = preds.get(page.page_id, "")
        p, r = page_scores(*page_counts(page.gold, pred))
        precisions.append(p)
        recalls.append(r)
        exact += _TOKEN.findall(page.gold) == _TOKEN.findall(pred)
    precision, recall = _mean(precisions), _mean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speed = len(pages) / seconds if seconds else None
    return Score(name, precision, recall, f1, exact / len(pages), speed, len(pages))


def load_pages(corpus: Path, limit: int | None) -> list[Page]:
    """Read every page and its gold body, sorted by id for a stable order."""
    gold = json.loads((corpus / "ground-truth.json").read_text("utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    return [
        Page(i, gzip.open(corpus / "html" / f"{i}.html.gz").read(), gold[i]["articleBody"])
        for i in ids
    ]


def run(extract: Callable[[bytes], str], pages: Sequence[Page]) -> tuple[dict[str, str], float]:
    """Run one extractor over all pages; return its outputs and the wall time."""
    out: dict[str, str] = {}
    start = time.perf_counter()
    for page in pages:
        out[page.page_id] = extract(page.html)
    return out, time.perf_counter() - start


def _ours(parse: Parse) -> Callable[[bytes], str]:
    def extract(html: bytes) -> str:
        return "\n\n".join(extract_main(html, parse=parse).paragraphs)

    return extract


def _trafilatura() -> Callable[[bytes], str] | None:
    try:
        import trafilatura
    except ImportError as exc:  # also raised when lxml_html_clean is missing
        print(f"trafilatura skipped: {exc}", file=sys.stderr)
        return None

    def extract(html: bytes) -> str:
        text = trafilatura.extract(html.decode("utf-8"), include_comments=False)
        return text or ""

    return extract


def extractors() -> dict[str, Callable[[bytes], str]]:
    """The live extractors, in the order they are printed."""
    found: dict[str, Callable[[bytes], str]] = {
        "verify-bs4": _ours(parse_with_bs4),
        "verify-lxml": _ours(parse_with_lxml),
    }
    traf = _trafilatura()
    if traf is not None:
        found["trafilatura"] = traf
    return found


def stored_outputs(corpus: Path) -> dict[str, dict[str, str]]:
    """The reference outputs shipped with the corpus, to check the scorer."""
    names = {"ref-trafilatura-2.0": "trafilatura.json", "ref-html-text": "html-text.json"}
    found = {}
    for name, file in names.items():
        path = corpus / "baseline-output" / file
        if path.exists():
            data = json.loads(path.read_text("utf-8"))["output"]
            found[name] = {k: v.get("articleBody") or "" for k, v in data.items()}
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", nargs="*", default=None, help="extractor names")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args(argv)
    pages = load_pages(args.corpus, args.limit)
    results: list[Score] = []
    for name, extract in extractors().items():
        if args.only and name not in args.only:
            continue
        preds, seconds = run(extract, pages)
        results.append(score(name, pages, preds, seconds))
        if args.worst:
            _print_worst(pages, preds, args.worst)
    if not args.only:
        for name, preds in stored_outputs(args.corpus).items():
            results.append(score(name, pages, preds, None))
    _print_table(results)
    return 0


def _print_worst(pages: Sequence[Page], preds: dict[str, str], n: int) -> None:
    rows = []
    for page in pages:
        p, r = page_scores(*page_counts(page.gold, preds[page.page_id]))
        rows.append(((p or 0) + (r or 0), page.page_id, p, r))
    for _, pid, p, r in sorted(rows)[:n]:
        print(f"  {pid[:16]} p={p} r={r}")


def _print_table(results: Sequence[Score]) -> None:
    print(f"{'extractor':<22}{'F1':>7}{'prec':>7}{'recall':>8}{'exact':>7}{'pages/s':>9}")
    for s in results:
        speed = f"{s.pages_per_s:9.1f}" if s.pages_per_s else f"{'-':>9}"
        print(f"{s.name:<22}{s.f1:7.3f}{s.precision:7.3f}{s.recall:8.3f}{s.exact:7.3f}{speed}")
    print(f"({results[0].pages if results else 0} pages)")


if __name__ == "__main__":
    raise SystemExit(main())
