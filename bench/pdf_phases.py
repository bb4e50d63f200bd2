"""Where PDF ingest spends its CPU: extraction parts and each canonical step.

Usage::

    python bench/pdf_phases.py [--repeat N] [--tree DIR]

The PDFs of bench/ingest_speed.py (every readable PDF of
../shared/corpora/pdf-text and the bash manual). After one warm-up pass (the
word list, pypdf's import), each round times, in this process's CPU time
(``time.process_time``), raw pypdfium2 text (``get_text_range`` of every
page), then :func:`verify.pipeline.process_bytes` on every PDF with timers
around the parts of extraction and around each step of the profile. Prints
the medians over the rounds (default 3): seconds, share of verify's total,
and how many times each step ran (a text step runs once per page per round
of the fixed point). ``--tree DIR`` imports ``verify`` from another checkout
(say main's), to put the two side by side; ``--pdf PATH...`` times other
PDFs (a held-out set).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Extraction parts timed, as attributes of verify.ingest.pdf (those present).
_PDF_PARTS = ("_pdfium_page", "_page_text", "_line_blocks", "_mark_paragraphs", "_drop_empty_tj_strings",
              "_prefer_pypdf_for_rtl")


def _timed(fn: Callable[..., Any], name: str, seconds: dict[str, float],
           calls: dict[str, int]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] += time.process_time() - start
            calls[name] += 1
    return wrapper


def _instrument(seconds: dict[str, float], calls: dict[str, int]) -> None:
    """Timers around the extraction parts and every step of the profile."""
    from dataclasses import replace

    import verify.normalize as normalize
    from verify.ingest import pdf

    for part in _PDF_PARTS:
        if hasattr(pdf, part):
            setattr(pdf, part, _timed(getattr(pdf, part), "extract: " + part, seconds, calls))
    profile = normalize.PROFILE
    wrapped = tuple(replace(step, **{kind: _timed(fn, "step: " + step.name, seconds, calls)
                                     for kind in ("text", "layout")
                                     if (fn := getattr(step, kind)) is not None})
                    for step in profile.steps)
    timed = replace(profile, steps=wrapped)
    normalize.PROFILES[profile.name] = timed
    import verify.pipeline as pipeline

    pipeline.canonicalize = _timed(pipeline.canonicalize, "canonicalize (all)", seconds, calls)
    pipeline.ingest_bytes = _timed(pipeline.ingest_bytes, "extract (all)", seconds, calls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=ROOT, help="import verify from this checkout")
    parser.add_argument("--pdf", type=Path, nargs="+", metavar="PATH",
                        help="time these PDFs instead (say a held-out set: /usr/share/doc/*/*.pdf)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(ROOT / "bench"))
    from verify.pipeline import Options, process_bytes  # the tree's, before ingest_speed adds ROOT

    from ingest_speed import _clear_caches, _readable_pdfs
    from pdf_backends import pdfium_plain_text

    pdfs = [path.read_bytes() for path in args.pdf] if args.pdf else _readable_pdfs()
    options = Options(timeout=None)
    for data in pdfs:  # warm-up: the word list, pypdf's import
        process_bytes(data, "x", options)
    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    _instrument(seconds, calls)
    import verify.pipeline as pipeline

    rounds: list[dict[str, float]] = []
    for _ in range(args.repeat):
        seconds.clear()
        calls.clear()
        _clear_caches()
        start = time.process_time()
        for data in pdfs:
            pdfium_plain_text(data)
        raw = time.process_time() - start
        start = time.process_time()
        for data in pdfs:
            pipeline.process_bytes(data, "x", options)
        total = time.process_time() - start
        rounds.append({"raw pypdfium2": raw, "verify (all)": total, **seconds})
    names = [n for n in rounds[-1] if n not in ("raw pypdfium2", "verify (all)")]
    total = statistics.median(r["verify (all)"] for r in rounds)
    raw = statistics.median(r["raw pypdfium2"] for r in rounds)
    import verify

    print(f"{len(pdfs)} PDFs, verify of {Path(verify.__file__).resolve().parent.parent}, "
          f"CPU s, median of {args.repeat}")
    print("| phase | CPU s | share of verify | calls a round |")
    print("|---|---|---|---|")
    print(f"| raw pypdfium2 | {raw:.3f} | - | - |")
    print(f"| verify (all) | {total:.3f} | 100% | - |")
    for name in sorted(names, key=lambda n: (not n.startswith("extract"), n.startswith("step"), n)):
        value = statistics.median(r.get(name, 0.0) for r in rounds)
        print(f"| {name} | {value:.3f} | {100 * value / total:.0f}% | {calls[name]} |")
    print(f"\nraw / verify: {statistics.median(r['raw pypdfium2'] / r['verify (all)'] for r in rounds):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
