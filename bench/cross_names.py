"""Do the names of an English verse meet the names of its translation by phonetic key?

A measurement of :func:`verify.compare.names.name_key` across languages, the
key on which ``compare`` pairs names across two languages
(:func:`verify.compare.diff.cross_names`). Per verse pair of a translation
(RusSynodal, FreJND, SpaRV) and an English Bible: **recall** is the share of
the English verse's names (capitalised words after a word, never seen in
lower case in the book, key of at least two letters) whose key is the key of
some capitalised word of the other verse; **false** is the share of names of
the same book that the English verse does *not* have (and whose key none of
its names has), three drawn per verse, whose key the other verse has all
the same. ``name_key`` is the key as written; ``resolved`` is the key a
comparison gives a word against the other text's names
(:func:`verify.compare.names.resolver`: a Russian word's key without its case
ending, or matched on its core, when the other text has that key). A name
swap is found when the new name's key is *not* in the other verse (false
low) and an unchanged name is quiet when it is (recall high).

    python bench/cross_names.py                                     # tuning books
    python bench/cross_names.py --corpus DIR --books Numbers John Hebrews   # held out
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare_alignment import CORPUS, Key, _read_csv, load

from verify.compare.names import name_key, resolver

OTHER = CORPUS / "other-languages"
_NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,})\b")
_CAPITAL = re.compile(r"\b([^\W\d_][^\W\d_'’-]*)")


def measure(
    other: dict[Key, str], en: dict[Key, str], books: list[str], resolved: bool
) -> tuple[int, int, int, int]:
    rng = random.Random(0)
    hit = total = false = tried = 0
    for book in books:
        keys = [k for k in other if k[0] == book and k in en and other[k] and en[k]]
        text = " ".join(en[k] for k in keys)
        english = frozenset(name_key(w) for w in _CAPITAL.findall(text) if w[:1].isupper())
        key = resolver(english) if resolved else name_key
        lower = set(re.findall(r"\b[a-z]+\b", text))
        names = {k: {w for w in _NAME.findall(en[k]) if w.lower() not in lower} for k in keys}
        pool = sorted({w for ws in names.values() for w in ws if len(name_key(w)) >= 2})
        for k in keys:
            cands = {key(w) for w in _CAPITAL.findall(other[k]) if w[:1].isupper()}
            own = {name_key(w) for w in names[k]}
            for w in names[k]:
                if len(name_key(w)) >= 2:
                    total += 1
                    hit += name_key(w) in cands
            others = [w for w in pool if name_key(w) not in own]
            for w in rng.sample(others, min(3, len(others))):
                tried += 1
                false += name_key(w) in cands
    return hit, total, false, tried


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--books", nargs="*", default=["Genesis", "Ruth", "Mark", "Acts"])
    parser.add_argument("--corpus", type=Path, help="a directory with the translations' and KJV/Darby CSVs")
    parser.add_argument("--pairs", nargs="*", default=["RusSynodal:KJV", "FreJND:Darby", "SpaRV:KJV"])
    args = parser.parse_args(argv)
    english = (
        {t: _read_csv(args.corpus / f"{t}.csv") for t in ("KJV", "Darby")} if args.corpus else load(CORPUS)
    )
    print("| pair | keys | recall | false |")
    print("|---|---|---|---|")
    for pair in args.pairs:
        ta, tb = pair.split(":")
        other = _read_csv((args.corpus or OTHER) / f"{ta}.csv")
        for resolved in (False, True):
            hit, total, false, tried = measure(other, english[tb], args.books, resolved)
            print(
                f"| {pair} | {'resolved' if resolved else 'name_key'} "
                f"| {hit}/{total} = {hit / max(total, 1):.3f} "
                f"| {false}/{tried} = {false / max(tried, 1):.3f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
