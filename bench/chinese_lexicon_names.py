"""Can English names be found in Chinese text through the learnt lexicon? A measurement.

The xling round measured names by sound (``bench/chinese_names.py``: recall
0.60 at 21 % false). This measures the other way the issue suggests: a name
is the Chinese word that aligns consistently with a capitalised English
word. As ``compare`` would, each book is aligned once on lengths and numbers
(the first pass, no gold links), and from its confident 1-1 pairs the
lexicon (:func:`verify.compare.lexicon.learn`, English words as the side
that is looked up, Chinese characters and character pairs as the other) gives
each English name its Chinese word. Per verse pair (gold verse links):
**recall** is the share of the English verse's names (as in
``chinese_names.py``) that have a learnt word and whose word the Chinese verse
has; **covered** is the share of names that have a learnt word at all;
**false** is the share of three other names of the book (with a learnt word,
none shared with the verse's names) whose word the Chinese verse has all the
same.

    python bench/chinese_lexicon_names.py --corpus DIR --books Luke Exodus
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare_alignment import Key, _read_csv, prose

from verify.compare import align as al
from verify.compare import lexicon, segment
from verify.compare.similarity import vectors

_NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,})\b")


def learnt_names(zh_text: str, en_text: str) -> dict[str, str]:
    sa = [s.text for s in segment(zh_text, "zh")]
    sb = [s.text for s in segment(en_text, "en")]
    va, vb, _ = vectors(sa, sb, None, ("zh", "en"))
    path, scorer = al._path(sa, sb, va, vb, ("zh", "en"))
    train = [
        (
            {w.lower() for w in _NAME.findall(sb[b0])} | lexicon.words(sb[b0], "en"),
            lexicon.words(sa[a0], "zh"),
        )
        for a0, a1, b0, b1 in path
        if a1 - a0 == 1 and b1 - b0 == 1 and scorer.agreement(a0, a1, b0, b1) >= lexicon.TRAIN_AGREEMENT
    ]
    return lexicon.learn(train)


def measure(zh: dict[Key, str], en: dict[Key, str], books: list[str]) -> tuple[int, int, int, int, int]:
    rng = random.Random(0)
    hit = total = have = false = tried = 0
    for book in books:
        keys = [k for k in zh if k[0] == book and k in en and zh[k] and en[k]]
        learnt = learnt_names(prose(zh, book)[0], prose(en, book)[0])
        text = " ".join(en[k] for k in keys)
        lower = set(re.findall(r"\b[a-z]+\b", text))
        names = {k: {w for w in _NAME.findall(en[k]) if w.lower() not in lower} for k in keys}
        pool = sorted({w for ws in names.values() for w in ws if w.lower() in learnt})
        for k in keys:
            own = {learnt.get(w.lower()) for w in names[k]}
            for w in names[k]:
                total += 1
                if w.lower() in learnt:
                    have += 1
                    hit += learnt[w.lower()] in zh[k]
            others = [w for w in pool if learnt[w.lower()] not in own]
            for w in rng.sample(others, min(3, len(others))):
                tried += 1
                false += learnt[w.lower()] in zh[k]
    return hit, have, total, false, tried


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--books", nargs="*", default=["Luke", "Exodus"])
    parser.add_argument("--corpus", type=Path, required=True, help="a directory with ChiUns.csv and KJV.csv")
    args = parser.parse_args(argv)
    zh, en = _read_csv(args.corpus / "ChiUns.csv"), _read_csv(args.corpus / "KJV.csv")
    hit, have, total, false, tried = measure(zh, en, args.books)
    print("| books | recall | covered | false |")
    print("|---|---|---|---|")
    print(
        f"| {' '.join(args.books)} | {hit}/{total} = {hit / max(total, 1):.3f} "
        f"| {have}/{total} = {have / max(total, 1):.3f} | {false}/{tried} = {false / max(tried, 1):.3f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
