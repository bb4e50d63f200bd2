"""Findings per 10,000 words on clean real documents of six genres.

The documents (see ``bench/_real_texts.py``: licences and copyright files,
man pages, HTML manuals, RFCs and the bash manual, news articles, Bible
books) carry no extraction damage of the kinds ``verify lint`` looks for, so
every ``warning`` or ``error`` on them is a false alarm (or the odd real slip
of the original, which ``--show CODE`` lets a reader judge). The slips found
and checked by hand are listed in ``bench/lint_true_findings.tsv`` with the
reason for each; they are counted apart and left out of the tables, so that
the tables give false warnings per 10,000 words. Each document
is ingested and canonicalised as ``verify lint`` does (so a text without
pages is known to have none), then linted on its own.

A quarter of each genre is held out (see :attr:`Document.held_out`); the
tables print the tuning part and the held-out part apart.

    python bench/lint_precision.py [--jobs N] [--show CODE] [--man-step N] [--book-step N]
    python bench/lint_precision.py --fresh DIR   # only the fresh held-out genres

``--fresh DIR`` lints only the fresh genres read from ``DIR`` (see
``_real_texts.fresh_documents``), all of them held out.

Target (issue 11): warnings and errors <= 1 per 10,000 words.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_texts import FRESH_GENRES, GENRES, Document, documents, fresh_documents

from verify.detect import lint_record
from verify.pipeline import process_bytes


TRUE_FINDINGS = Path(__file__).resolve().parent / "lint_true_findings.tsv"


def true_findings(path: Path = TRUE_FINDINGS) -> list[tuple[str, str, str, str]]:
    """The hand-audited slips of the originals: (name glob, code, message,
    a part of the snippet or ""). A fifth column, when a row has one, is a
    string the finding's snippet must hold: it tells one slip apart where
    the message alone would cover others (``punctuation '.,'``)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            glob, code, message, _reason, *snippet = line.split("\t")
            rows.append((glob, code, message, snippet[0] if snippet else ""))
    return rows


def is_true(name: str, code: str, message: str, audited: list[tuple[str, str, str, str]],
            snippet: str = "") -> bool:
    return any(
        c == code and m == message and part in snippet and fnmatch.fnmatch(name, g)
        for g, c, m, part in audited
    )


@dataclass(frozen=True)
class Outcome:
    genre: str
    name: str
    held_out: bool
    words: int
    findings: tuple[tuple[str, str, str, str], ...]  # code, severity, message, snippet
    error: str | None


def lint_one(doc: Document) -> Outcome:
    record = process_bytes(doc.data, doc.name)
    if record.text is None:
        return Outcome(doc.genre, doc.name, doc.held_out, 0, (), record.error)
    record = lint_record(record)
    found = tuple((f.code, f.severity, f.message, f.snippet[:160]) for f in record.findings)
    return Outcome(doc.genre, doc.name, doc.held_out, len(record.text.split()), found, None)


def per_10k(count: int, words: int) -> str:
    return f"{10_000 * count / words:.2f}" if words else "-"


def split_true(outcomes: list[Outcome]) -> tuple[list[Outcome], Counter[bool]]:
    """The outcomes without the audited true findings, and how many of
    those there were in each part (held out: True)."""
    audited = true_findings()
    kept, true = [], Counter[bool]()
    for o in outcomes:
        found = tuple(f for f in o.findings if not is_true(o.name, f[0], f[2], audited, f[3]))
        true[o.held_out] += len(o.findings) - len(found)
        kept.append(Outcome(o.genre, o.name, o.held_out, o.words, found, o.error))
    return kept, true


def report(outcomes: list[Outcome], show: str | None) -> None:
    shown = outcomes
    outcomes, true = split_true(outcomes)
    print(f"true findings (slips of the originals, {TRUE_FINDINGS.name}, left out of the tables): "
          f"tuning {true[False]}, held-out {true[True]}")
    for part, held in (("tuning part", False), ("HELD-OUT part", True)):
        chosen = [o for o in outcomes if o.held_out is held]
        if not chosen:
            continue
        words = sum(o.words for o in chosen)
        print(f"\n## {part}: {len(chosen)} documents, {words:,} words")
        _genre_table(chosen)
        _code_table(chosen, words)
    if show:
        print(f"\n## findings {show}")
        audited = true_findings()
        for o in shown:
            for code, severity, message, snippet in o.findings:
                if code == show or severity == show:
                    true = " TRUE" if is_true(o.name, code, message, audited, snippet) else ""
                    where = f"{o.genre}{' held-out' if o.held_out else ''}{true}"
                    print(f"  [{where}] {o.name}: {message}\n      | {snippet}")


def _genre_table(chosen: list[Outcome]) -> None:
    print("\n| genre | docs | words | warnings+errors /10k | notes /10k |")
    print("|---|---:|---:|---:|---:|")
    by_genre: dict[str, list[Outcome]] = defaultdict(list)
    for o in chosen:
        by_genre[o.genre].append(o)
    total_w = total_bad = total_notes = 0
    for genre in GENRES + FRESH_GENRES:
        group = by_genre.get(genre, [])
        if not group:
            continue
        words = sum(o.words for o in group)
        bad = sum(1 for o in group for f in o.findings if f[1] != "note")
        notes = sum(1 for o in group for f in o.findings if f[1] == "note")
        total_w, total_bad, total_notes = total_w + words, total_bad + bad, total_notes + notes
        print(f"| {genre} | {len(group)} | {words:,} | {per_10k(bad, words)} | {per_10k(notes, words)} |")
    print(f"| **all** | {len(chosen)} | {total_w:,} | **{per_10k(total_bad, total_w)}** | "
          f"{per_10k(total_notes, total_w)} |")


def _code_table(chosen: list[Outcome], words: int) -> None:
    counts: Counter[tuple[str, str, str]] = Counter()
    for o in chosen:
        for code, severity, _m, _s in o.findings:
            counts[(code, severity, o.genre)] += 1
    codes = sorted({(c, s) for c, s, _g in counts})
    if not codes:
        print("\n(no findings)")
        return
    genres = [g for g in GENRES + FRESH_GENRES if any(o.genre == g for o in chosen)]
    gwords = {g: sum(o.words for o in chosen if o.genre == g) for g in genres}
    print("\n| code | severity | all /10k | " + " | ".join(genres) + " |")
    print("|---|---|---:|" + "---:|" * len(genres))
    for code, severity in codes:
        total = sum(counts[(code, severity, g)] for g in genres)
        cells = " | ".join(per_10k(counts[(code, severity, g)], gwords[g]) for g in genres)
        print(f"| {code} | {severity} | {per_10k(total, words)} | {cells} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", help="list the findings of this code (or severity)")
    parser.add_argument("--man-step", type=int, default=60)
    parser.add_argument("--book-step", type=int, default=5)
    parser.add_argument("--genres", default=",".join(GENRES))
    parser.add_argument("--fresh", type=Path, help="lint only the fresh held-out genres of this folder")
    args = parser.parse_args()
    if args.fresh:
        docs = list(fresh_documents(args.fresh))
    else:
        docs = list(documents(tuple(args.genres.split(",")), args.man_step, args.book_step))
    with ProcessPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(lint_one, docs, chunksize=4))
    failed = [o for o in outcomes if o.error]
    for o in failed:
        print(f"not ingested: {o.name}: {o.error}")
    report([o for o in outcomes if not o.error], args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
