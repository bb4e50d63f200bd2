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
  (bench/html_f1.py). ``--html GLOB`` (repeatable) times other HTML pages
  instead, say a held-out set never used for tuning
  (``--html '/usr/share/doc/**/*.html'``; ``**`` reaches into folders).

One process, files read into memory first; ``--clock cpu`` times this
process's CPU time instead of the wall clock (the two extractors run in this
one process either way, so a loaded machine slows both, but unevenly). Each of ``--repeat`` rounds
(default 3) times verify and the reference back to back over the whole set,
so both see the same load on a shared machine; the medians of the times and
of the per-round ratios are reported.
``--profile`` prints where verify's time goes (cProfile, top 15).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.normalize import steps as _steps  # noqa: E402
from verify.pipeline import Options, process_bytes  # noqa: E402

from pdf_backends import pdfium_plain_text as _raw_pdfium  # noqa: E402 - bench/ is on the path

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


def _verify(data: bytes) -> None:
    process_bytes(data, "x", OPTIONS)


def _trafilatura(data: bytes) -> None:
    import trafilatura

    trafilatura.extract(data.decode("utf-8", errors="replace"))


#: What is timed: wall-clock time (default) or this process's CPU time
#: (``--clock cpu``: on a shared machine, the work of this process only).
_clock = time.perf_counter


def _time(fn: Callable[[bytes], None], items: list[bytes]) -> float:
    _clear_caches()  # each run starts cold, as a new process would
    start = _clock()
    for data in items:
        fn(data)
    return _clock() - start


def _clear_caches() -> None:
    """Empty the character steps' caches (ftfy's per line, its badness per window)."""
    for value in vars(_steps).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def _paired(ours: Callable[[bytes], None], theirs: Callable[[bytes], None], items: list[bytes],
            repeat: int) -> tuple[float, float, float]:
    """(median time of ours, median time of theirs, median of the ratios
    theirs/ours), the two timed back to back in each round so that both
    see the same load on a shared machine."""
    pairs = [(_time(ours, items), _time(theirs, items)) for _ in range(repeat)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(b / a for a, b in pairs))


def _pdf_row(pdfs: list[bytes], pages: int, repeat: int) -> None:
    ours, raw, ratio = _paired(_verify, _raw_pdfium, pdfs, repeat)
    print(f"| {len(pdfs)} PDFs, {pages} pages | {ours:.2f} s ({pages / ours:.0f} pages/s) | "
          f"raw pypdfium2 {raw:.2f} s ({pages / raw:.0f} pages/s) | {ratio:.2f}x | >= 0.5x |",
          flush=True)


def _old_repair_row(path: Path, pdfs: list[bytes], pages: int, repeat: int) -> None:
    """The PDF row again, this round with the TJ repair of ``path`` swapped in,
    each round timing new, old and raw back to back."""
    import importlib.util

    from verify.ingest import pdf as current

    spec = importlib.util.spec_from_file_location("old_pdf", path)
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    new_repair = current._drop_empty_tj_strings
    rounds = []
    for _ in range(repeat):
        current._drop_empty_tj_strings = old._drop_empty_tj_strings  # type: ignore[assignment]
        with_old = _time(_verify, pdfs)
        current._drop_empty_tj_strings = new_repair  # type: ignore[assignment]
        rounds.append((_time(_verify, pdfs), with_old, _time(_raw_pdfium, pdfs)))
    new, old_time, raw = (statistics.median(r[i] for r in rounds) for i in range(3))
    print(f"| same PDFs, new against old TJ repair ({path.name}) | {new:.2f} s, old {old_time:.2f} s | "
          f"raw pypdfium2 {raw:.2f} s | new {statistics.median(r[2] / r[0] for r in rounds):.2f}x, "
          f"old {statistics.median(r[2] / r[1] for r in rounds):.2f}x | >= 0.5x |", flush=True)


def _html_row(pages_html: list[bytes], megabytes: float, repeat: int) -> None:
    try:
        ours, other, ratio = _paired(_verify, _trafilatura, pages_html, repeat)
        cell = f"trafilatura {other:.2f} s ({len(pages_html) / other:.0f} pages/s)"
        ratio_cell = f"{ratio:.2f}x"
    except ImportError:
        ours = statistics.median(_time(_verify, pages_html) for _ in range(repeat))
        cell, ratio_cell = "trafilatura not installed", "-"
    print(f"| {len(pages_html)} HTML pages, {megabytes:.1f} MB | {ours:.2f} s "
          f"({len(pages_html) / ours:.0f} pages/s) | {cell} | {ratio_cell} | >= 3x |", flush=True)


def _html_pages(globs: list[str] | None) -> list[bytes]:
    """The boilerplate set, or the files of ``globs`` (in path order)."""
    if not globs:
        boilerplate = sorted((SHARED / "html-boilerplate" / "html").glob("*.gz"))
        return [gzip.decompress(p.read_bytes()) for p in boilerplate]
    import glob

    paths = sorted({path for pattern in globs for path in glob.glob(pattern, recursive=True)})
    return [Path(path).read_bytes() for path in paths if Path(path).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--only", choices=["pdf", "html"], help="time one set only")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall-clock time, or this process's CPU time (steadier on a shared machine)")
    parser.add_argument("--html", action="append", metavar="GLOB",
                        help="time these HTML pages instead of the boilerplate set (repeatable)")
    parser.add_argument("--old-repair", type=Path, metavar="PDF_PY",
                        help="also time the PDFs with the gropdf TJ repair of another version of "
                             "verify/ingest/pdf.py (git show main:verify/ingest/pdf.py > old.py)")
    args = parser.parse_args(argv)
    global _clock
    _clock = time.process_time if args.clock == "cpu" else time.perf_counter
    import pypdfium2 as pdfium

    pdfs = _readable_pdfs()
    pages = sum(len(pdfium.PdfDocument(d)) for d in pdfs)
    pages_html = _html_pages(args.html)
    megabytes = sum(map(len, pages_html)) / 1e6
    print("| set | verify | reference | verify / reference speed | target |")
    print("|---|---|---|---|---|")
    if args.only != "html":
        _pdf_row(pdfs, pages, args.repeat)
    if args.old_repair:
        _old_repair_row(args.old_repair, pdfs, pages, args.repeat)
    if args.only != "pdf":
        _html_row(pages_html, megabytes, args.repeat)
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
