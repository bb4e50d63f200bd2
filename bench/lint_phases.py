"""CPU time of each part of lint on one scaling text: the corpus steps and
every detector, timed on its own.

    python bench/lint_phases.py [--kind paged|plain] [--size 2] [--rounds 3]

The text is ``bench/lint_scaling.py``'s (the copyright files of
``/usr/share/doc`` run together, with a form feed every 60 lines when
paged), cut to ``--size`` MB and ingested once. Each round empties every
``functools.lru_cache`` (the detectors keep what they read from a text in
them), then times, with the process's CPU clock: the paragraphs, the
corpus steps (acronym uses, definitions, names), then each detector in
the order ``lint_text`` runs them. The best of ``--rounds`` is printed per
part, largest first.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lint_scaling

from verify.detect import DETECTORS, name_variant
from verify.detect._text import paragraphs
from verify.detect.acronyms import occurrences
from verify.detect.config import Corpus, LintConfig
from verify.detect.definitions import find_definitions
from verify.pipeline import process_bytes


def _empty_caches() -> None:
    for thing in gc.get_objects():
        if isinstance(thing, functools._lru_cache_wrapper):
            thing.cache_clear()


def one_round(text: str) -> dict[str, float]:
    """CPU seconds of each part, caches empty at the start."""
    _empty_caches()
    corpus = Corpus()
    found: dict[str, object] = {}
    steps: list[tuple[str, Callable[[], object]]] = [
        ("paragraphs", lambda: list(paragraphs(text))),
        ("corpus: acronym uses", lambda: found.setdefault("uses", occurrences(text))),
        ("corpus: definitions", lambda: found.setdefault("definitions", find_definitions(text))),
        ("corpus: names", lambda: name_variant.add_to_corpus(corpus, text)),
    ]
    times = {}
    for label, step in steps:
        start = time.process_time()
        step()
        times[label] = time.process_time() - start
    corpus.acronyms.add(found["uses"], found["definitions"])  # type: ignore[arg-type]
    for name, detector in DETECTORS.items():
        start = time.process_time()
        detector.detect(text, LintConfig(), corpus)
        times[name] = time.process_time() - start
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=("paged", "plain"), default="paged")
    parser.add_argument("--size", type=float, default=2.0, help="megabytes")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    body = lint_scaling.source_text(int(args.size * 1_000_000) + 1)
    if args.kind == "paged":
        body = lint_scaling.paged(body)
    record = process_bytes(lint_scaling.cut(body, args.size), "bench.txt")
    text = record.text or ""
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for label, seconds in one_round(text).items():
            best[label] = min(best.get(label, seconds), seconds)
    print(f"| part ({args.kind}, {len(text.encode()) / 1e6:.2f} MB) | CPU s |")
    print("|---|---:|")
    for label, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"| {label} | {seconds:.3f} |")
    print(f"| all parts | {sum(best.values()):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
