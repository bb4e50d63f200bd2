"""Findings per 10,000 words, per code, on clean real text.

Two sets of text that carry no extraction damage of the kinds we look for:

- the 200 Wikipedia articles of the AcX "Users Wikipedia" benchmark, each
  turned into canonical text by :func:`verify.pipeline.process_bytes` and
  linted one by one, then all together as one folder (cross-file mode);
- the 31 negative cases of ftfy's test suite (text that looks like mojibake
  but is not), linted one by one; and, for the other side, how many of
  ftfy's real mojibake cases ``damage.mojibake`` finds.

Every finding on this text is a false positive, except ``acronym.undefined``
(Wikipedia really does use acronyms it never expands: the benchmark's
annotators list 1,249 of them) and the odd real slip in an article, which the
listing printed with ``--show CODE`` lets a reader judge.

    python bench/lint_false_positives.py [--show CODE] [SHARED_CORPORA_DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from verify.detect import CODES, lint_corpus, lint_text
from verify.model import Finding
from verify.pipeline import process_bytes

DEFAULT = Path(__file__).resolve().parents[2] / "shared/corpora"


def wikipedia(root: Path) -> dict[str, str]:
    folder = root / "abbreviations/wikipedia-user-annotations/documents"
    texts = {}
    for path in sorted(folder.glob("*.txt")):
        record = process_bytes(path.read_bytes(), path.name)
        if record.text is None:
            raise SystemExit(f"{path.name}: {record.error}")
        texts[path.name] = record.text
    return texts


def mojibake_negatives(root: Path) -> dict[str, str]:
    cases = json.loads((root / "mojibake/test-cases/negative.json").read_text(encoding="utf-8"))
    return {f"negative-{i:02d}": case["original"] for i, case in enumerate(cases)}


def mojibake_recall(root: Path) -> None:
    """The other side of the negatives: how many of ftfy's real mojibake
    cases (those whose text ftfy's encoding fix changes) are found."""
    print("\ndamage.mojibake on ftfy's positive cases (original differs from its repair):")
    for name in ("in-the-wild", "synthetic", "language-names", "known-failures"):
        cases = json.loads((root / f"mojibake/test-cases/{name}.json").read_text(encoding="utf-8"))
        broken = [c for c in cases if c["original"] != c.get("fixed-encoding", c["fixed"])]
        found = sum(any(f.code == "damage.mojibake" for f in lint_text(c["original"])) for c in broken)
        print(f"  {name:<16} {found:>3} / {len(broken):<3} found")


def table(name: str, texts: dict[str, str], findings: list[Finding]) -> None:
    words = sum(len(t.split()) for t in texts.values())
    counts = Counter(f.code for f in findings)
    print(f"\n{name}: {len(texts)} texts, {words} words")
    print(f"  {'code':<28} {'findings':>8} {'per 10k words':>14}")
    for code in CODES:
        print(f"  {code:<28} {counts[code]:>8} {counts[code] * 10_000 / words:>14.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="append", default=[], metavar="CODE")
    args = parser.parse_args()

    started = time.perf_counter()
    wiki = wikipedia(args.root)
    single = [f for path, text in wiki.items() for f in lint_text(text, path=path)]
    folder = [f for found in lint_corpus(wiki).values() for f in found]
    negatives = mojibake_negatives(args.root)
    neg = [f for path, text in negatives.items() for f in lint_text(text, path=path)]

    table("Wikipedia, one file at a time", wiki, single)
    table("Wikipedia, linted as one folder", wiki, folder)
    table("ftfy negative cases", negatives, neg)
    mojibake_recall(args.root)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    for mode, found in (("file", single), ("folder", folder), ("ftfy", neg)):
        for finding in found:
            if finding.code in args.show:
                where = f"{finding.path}:{finding.line}:{finding.column}"
                print(f"[{mode}] {where}: {finding.code}: {finding.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
