"""Can English names be found in Chinese text by sound? A measurement, not a feature.

Chinese writes a foreign name with characters chosen for their sound
(亚伯拉罕 "ya bo la han" for Abraham) and has no capitals, so the
comparison does not compare names against Chinese. This measures a candidate
rule before anything is built on it: the pinyin of every run of two to five
Han characters (``pypinyin``, which ships its dictionary; nothing is
downloaded) and the English name are both reduced to a skeleton of
consonant classes (labials, dentals, velars, sibilants, liquids, nasals;
vowels and glides dropped, doubles folded, an English "h" before no
vowel and a final "r" after a vowel silent, Mandarin's syllable-final "n" and
"ng" kept as nasals), with no table of names. A name "is found" in a Chinese
verse when a run has the same skeleton (one edit allowed from four classes).

Per verse pair of ChiUns and an English Bible: **recall** is the share of the
English verse's names (capitalised words after a word, never seen in lower
case in the book, skeleton of at least ``--min`` classes) found in the
Chinese verse; **false** is the share of names of the same book that the
English verse does *not* have (and no name of it shares their skeleton)
that are found in the Chinese verse all the same. A rule worth building on
needs a high recall and a false rate near zero.

    python bench/chinese_names.py                                   # tuning books
    python bench/chinese_names.py --corpus DIR --books Exodus Luke Romans   # held out
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_alignment import CORPUS, Key, _read_csv, load

from rapidfuzz.distance import Levenshtein

OTHER = CORPUS / "other-languages"
_CLASSES = [
    ("ph", "P"), ("th", "T"), ("sh", "S"), ("ch", "K"), ("zh", "S"), ("kh", "K"),
    ("b", "P"), ("p", "P"), ("f", "P"), ("v", "P"),
    ("d", "T"), ("t", "T"),
    ("g", "K"), ("k", "K"), ("c", "K"), ("q", "K"), ("h", "K"), ("x", "S"),
    ("j", "S"), ("s", "S"), ("z", "S"),
    ("l", "L"), ("r", "L"), ("m", "N"), ("n", "N"),
]  # fmt: skip
_NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,})\b")


def classes(letters: str) -> str:
    """The consonant classes of a romanised word, vowels and glides dropped, doubles folded."""
    out, i = [], 0
    w = re.sub(r"h(?![aeiouy])", "", letters.lower())  # a silent "h": "John", "Sarah"
    w = re.sub(r"(?<=[aeiou])r$", "", w)  # a final "r" after a vowel: "Peter"
    while i < len(w):
        for src, cls in _CLASSES:
            if w.startswith(src, i):
                if not out or out[-1] != cls:
                    out.append(cls)
                i += len(src)
                break
        else:
            i += 1
    return "".join(out)


def syllable(py: str) -> str:
    """One pinyin syllable's classes: its initial, and a final "n"/"ng" as a nasal."""
    initial = classes(re.sub(r"^(zh|ch|sh)", lambda m: {"zh": "j", "ch": "q", "sh": "x"}[m.group()], py)[:1])
    if py[:1] in "yw":
        initial = ""
    coda = "N" if py.endswith(("n", "ng")) and len(py) > 1 else ""
    return initial + coda


def runs(text: str) -> set[str]:
    from pypinyin import lazy_pinyin  # bench extra: pypinyin (MIT)

    out: set[str] = set()
    for block in re.findall(r"[\u4e00-\u9fff]+", text):
        sylls = [syllable(p) for p in lazy_pinyin(block)]
        for i in range(len(sylls)):
            for n in range(2, 6):
                if i + n <= len(sylls):
                    s = "".join(sylls[i : i + n])
                    out.add(re.sub(r"(.)\1+", r"\1", s))
    return out


def found(skel: str, cands: set[str]) -> bool:
    if skel in cands:
        return True
    return len(skel) >= 4 and any(Levenshtein.distance(skel, c, score_cutoff=1) <= 1 for c in cands)


def measure(
    zh: dict[Key, str], en: dict[Key, str], books: list[str], least: int
) -> tuple[int, int, int, int]:
    rng = random.Random(0)
    hit = total = false = tried = 0
    for book in books:
        keys = [k for k in zh if k[0] == book and k in en and zh[k] and en[k]]
        text = " ".join(en[k] for k in keys)
        lower = set(re.findall(r"\b[a-z]+\b", text))
        names = {k: {w for w in _NAME.findall(en[k]) if w.lower() not in lower} for k in keys}
        pool = sorted({w for ws in names.values() for w in ws if len(classes(w)) >= least})
        for k in keys:
            cands = runs(zh[k])
            own = {classes(w) for w in names[k]}
            for w in names[k]:
                if len(classes(w)) >= least:
                    total += 1
                    hit += found(classes(w), cands)
            others = [w for w in pool if classes(w) not in own]
            for w in rng.sample(others, min(3, len(others))):
                tried += 1
                false += found(classes(w), cands)
    return hit, total, false, tried


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--books", nargs="*", default=["Genesis", "Ruth", "Mark", "Acts"])
    parser.add_argument("--corpus", type=Path, help="a directory with ChiUns.csv and KJV.csv")
    parser.add_argument("--min", type=int, default=3, help="fewest consonant classes in a name")
    args = parser.parse_args(argv)
    zh = _read_csv((args.corpus or OTHER) / "ChiUns.csv")
    en = _read_csv(args.corpus / "KJV.csv") if args.corpus else load(CORPUS)["KJV"]
    print("| books | min classes | recall | false |")
    print("|---|---|---|---|")
    for least in sorted({args.min, args.min + 1}):
        hit, total, false, tried = measure(zh, en, args.books, least)
        print(
            f"| {' '.join(args.books)} | {least} | {hit}/{total} = {hit / max(total, 1):.3f} "
            f"| {false}/{tried} = {false / max(tried, 1):.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
