"""End-to-end ingest speed beside the raw extractors, in the same run.

Usage::

    python bench/ingest_speed.py [--repeat N] [--profile]

- **PDF**: every readable PDF of ../shared/corpora/pdf-text and
  ../shared/corpora/same-document-multiple-formats (the bash manual, 96 pages),
  *verify* = :func:`verify.pipeline.process_bytes` (PDFium text with line
  positions, paragraph marks, canonicalisation, digests), against *raw
  pypdfium2* = ``get_textpage().get_text_range()`` of every page, nothing
  else. Target (issue 10): verify at least 0.5x the raw speed.
- **HTML**: the 181 pages of ../shared/corpora/html-boilerplate, *verify* =
  ``process_bytes`` (decoding, parse, main-content selection,
  canonicalisation, digests) against ``trafilatura.extract`` (if installed).
  Target: verify at least 3x trafilatura, at main-content F1 >= 0.95
  (bench/html_f1.py).

One process, files read into memory first; the best of ``--repeat`` runs
(default 3) of each whole set is reported, as pages (or MB) per second.
``--profile`` prints where verify's time goes (cProfile, top 15).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.normalize.steps import _fix_line  # noqa: E402
from verify.pipeline import Options, process_bytes  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
OPTIONS = Options(timeout=None)


def _readable_pdfs() -> list[bytes]:
    import pypdfium2 as pdfium

    out = []
    paths = sorted((SHARED / "pdf-text").rglob("*.pdf")) + sorted(
        (SHARED / "same-document-multiple-formats").rglob("*.pdf"))
    for path in paths:
        data = path.read_bytes()
        try:
            pdfium.PdfDocument(data).close()
        except pdfium.PdfiumError:
            continue  # encrypted or broken: not a speed figure
        out.append(data)
    return out


def _raw_pdfium(data: bytes) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()


def _verify(data: bytes) -> None:
    process_bytes(data, "x", OPTIONS)


def _trafilatura(data: bytes) -> None:
    import trafilatura

    trafilatura.extract(data.decode("utf-8", errors="replace"))


def _best(fn: Callable[[bytes], None], items: list[bytes], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        _fix_line.cache_clear()  # each run starts cold, as a new process would
        start = time.perf_counter()
        for data in items:
            fn(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    import pypdfium2 as pdfium

    pdfs = _readable_pdfs()
    pages = sum(len(pdfium.PdfDocument(d)) for d in pdfs)
    boilerplate = sorted((SHARED / "html-boilerplate" / "html").glob("*.gz"))
    pages_html = [gzip.decompress(p.read_bytes()) for p in boilerplate]
    megabytes = sum(map(len, pages_html)) / 1e6
    print("| set | verify | reference | verify / reference speed | target |")
    print("|---|---|---|---|---|")
    ours = _best(_verify, pdfs, args.repeat)
    raw = _best(_raw_pdfium, pdfs, args.repeat)
    print(f"| {len(pdfs)} PDFs, {pages} pages | {ours:.2f} s ({pages / ours:.0f} pages/s) | "
          f"raw pypdfium2 {raw:.2f} s ({pages / raw:.0f} pages/s) | {raw / ours:.2f}x | >= 0.5x |",
          flush=True)
    ours = _best(_verify, pages_html, args.repeat)
    try:
        other = _best(_trafilatura, pages_html, 1)
        cell = f"trafilatura {other:.2f} s ({len(pages_html) / other:.0f} pages/s)"
        ratio = f"{other / ours:.2f}x"
    except ImportError:
        cell, ratio = "trafilatura not installed", "-"
    print(f"| {len(pages_html)} HTML pages, {megabytes:.1f} MB | {ours:.2f} s "
          f"({len(pages_html) / ours:.0f} pages/s) | {cell} | {ratio} | >= 3x |", flush=True)
    if args.profile:
        for name, items in (("PDF", pdfs), ("HTML", pages_html)):
            profiler = cProfile.Profile()
            profiler.enable()
            for data in items:
                _verify(data)
            profiler.disable()
            print(f"\n{name}: where verify's time goes")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
