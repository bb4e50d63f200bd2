"""Precision and recall of abbreviation-definition extraction.

Runs :func:`verify.detect.definitions.find_definitions` on every passage of
the four BioC gold corpora (MEDSTRACT, Ab3P, BIOADI, SH) and scores the
``(document, short form, long form)`` triples against the gold pairs, as
Schwartz and Hearst and the BioC paper do (each distinct triple counts once
per document). Schwartz and Hearst report P 0.96 / R 0.82 on Medstract.

    python bench/lint_definitions.py [CORPORA_DIR]

CORPORA_DIR defaults to ``../shared/corpora/abbreviations/bioc-abbreviation-corpora``
beside the repository.
"""

from __future__ import annotations

import csv
import gzip
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from verify.detect.definitions import find_definitions

DEFAULT = Path(__file__).resolve().parents[2] / "shared/corpora/abbreviations/bioc-abbreviation-corpora"
CORPORA = ("MEDSTRACT", "Ab3P", "BIOADI", "SH")

Triple = tuple[str, str, str]


def _xml_file(folder: Path) -> Path:
    return next(p for p in sorted(folder.iterdir()) if p.name.endswith((".xml", ".xml.gz")))


def passages(folder: Path) -> list[tuple[str, str]]:
    """``(document id, passage text)`` for every passage of a corpus."""
    path = _xml_file(folder)
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    root = ET.fromstring(data)
    out = []
    for doc in root.iter("document"):
        doc_id = doc.findtext("id") or ""
        for passage in doc.iter("passage"):
            out.append((doc_id, passage.findtext("text") or ""))
    return out


def gold(folder: Path) -> set[Triple]:
    with (folder / "pairs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(r["doc_id"], r["short_form"], r["long_form"]) for r in rows}


def predicted(folder: Path) -> set[Triple]:
    return {(doc_id, d.short, d.long) for doc_id, text in passages(folder) for d in find_definitions(text)}


def score(folder: Path) -> tuple[int, int, int, float, float]:
    truth, found = gold(folder), predicted(folder)
    hits = len(truth & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    return len(truth), len(found), hits, precision, recall


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT
    print(f"{'corpus':<10} {'gold':>5} {'found':>5} {'hits':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name in CORPORA:
        n_gold, n_found, hits, p, r = score(root / name)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<10} {n_gold:>5} {n_found:>5} {hits:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
