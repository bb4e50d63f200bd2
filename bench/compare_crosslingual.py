"""Cross-lingual comparison: a translation in another language against English.

The verse-keyed Russian, French, Spanish and Chinese Bibles of
``../shared/corpora/parallel-translations/other-languages/`` (A) against an
English translation (B), each book joined into prose as in
``bench/compare_alignment.py``. Prints, per language pair, the strict
verse-link alignment F1 of the unmodified texts, the differences reported on
them per 100 aligned pairs (noise), and the recall of differences injected
into the English side as in ``bench/compare_injected.py``: a number that the
other side also has, changed (in words or digits); a date sentence added to
both sides, written the other language's way, B's a day, month or year off;
a name that both verses have swapped for another name of the book that the
other language's text also has; an English verse deleted (omission) or a
verse of another book inserted (addition).

Known traps: RusSynodal numbers some verses differently (the gold links
then disagree with the content). Chinese has no capitals: a name is in a
Chinese verse when the Chinese word that ``bench/chinese_lexicon_names.py``
learns for it (a first-pass alignment of the unmodified book, Dice 0.3) is
there, and only such names are swapped.

    python bench/compare_crosslingual.py                        # four pairs, all books
    python bench/compare_crosslingual.py --pairs RusSynodal:KJV --books Ruth --show-missed
    python bench/compare_crosslingual.py --corpus DIR --books Exodus Luke Romans   # xling's held out
    python bench/compare_crosslingual.py --corpus DIR --books Numbers John Hebrews  # xling2's held out
    python bench/compare_crosslingual.py --corpus DIR --books Joshua Matthew "I Corinthians"  # xling4's
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _injection import BOOKS, MONTH_NAMES, UNIT_WORDS, Tally
from _injection import plan as plan_injections
from compare_alignment import CORPUS, Key, _read_csv, links, load, prose
from chinese_lexicon_names import learnt_names
from compare_injected import book_names

from verify.compare import compare_texts
from verify.compare.names import name_key
from verify.compare.numbers import numbers
from verify.compare.numerals import MONTHS

OTHER = CORPUS / "other-languages"
LANG = {"RusSynodal": "ru", "FreJND": "fr", "SpaRV": "es", "ChiUns": "zh"}
PAIRS = [("RusSynodal", "KJV"), ("FreJND", "Darby"), ("SpaRV", "KJV"), ("ChiUns", "KJV")]
KINDS = ["number", "date", "name", "omission", "addition"]
_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\u300d\u300f]*$")
_NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,})\b")


def _whole(keys: list[Key], j: int, va: dict[Key, str], vb: dict[Key, str]) -> bool:
    """Whether verse ``j`` is whole sentences on both sides (Chinese has no capitals)."""
    key = keys[j]
    before = keys[j - 1] if j else None
    return all(
        (v[key][:1].isupper() or not v[key][:1].isascii())
        and (before is None or _END.search(v.get(before, ".")) is not None)
        for v in (va, vb)
    )


def foreign_date(lang: str, y: int, mo: int, d: int) -> str:
    if lang == "zh":
        return f"这是{y}年{mo}月{d}日记录的。"
    month = next(m for m, v in MONTHS[lang].items() if v == mo)
    return {
        "fr": f" Ceci fut écrit le {d} {month} {y}.",
        "es": f" Esto fue escrito el {d} de {month} de {y}.",
        "ru": f" Это было записано {d} {month} {y} года.",
    }[lang]


def _keys(a: str) -> set[str]:
    """The keys of the names a verse writes: its capitalised words'."""
    return {name_key(w) for w in re.findall(r"\w+", a) if w[:1].isupper()}


def _apply(kind, a, b, lang, names, foreign, rng, keys_of=_keys):
    if kind == "number":
        values_a = {m.value for m in numbers(a, lang) if not m.weak}
        cands = [m for m in numbers(b) if not m.weak and m.value in values_a and m.value.isdigit()]
        if not cands:
            return None
        m = rng.choice(cands)
        value = int(m.value)
        new_value = value + (100 if value >= 100 and value % 100 == 0 else 1 if value < 12 else 10)
        new = UNIT_WORDS[new_value] if new_value < len(UNIT_WORDS) and rng.random() < 0.5 else str(new_value)
        return b[: m.start] + new + b[m.end :], a, (m.start, m.start + len(new))
    if kind == "name":
        keys_a = keys_of(a)
        cands = [m for m in _NAME.finditer(b) if m.group(1) in names and name_key(m.group(1)) in keys_a]
        if not cands:
            return None
        m = rng.choice(cands)
        others = [n for n in names if name_key(n) not in keys_a and n not in b]
        if not others:
            return None
        new = rng.choice(others)
        return b[: m.start(1)] + new + b[m.end(1) :], a, (m.start(1), m.start(1) + len(new))
    if kind == "date":
        y, mo, d = rng.randrange(1900, 2030), rng.randrange(1, 13), rng.randrange(1, 28)
        change = rng.choice(["day", "month", "year"])
        y2, mo2, d2 = (
            (y, mo, d + 1)
            if change == "day"
            else (y, mo % 12 + 1, d)
            if change == "month"
            else (y + 1, mo, d)
        )
        prefix = " This was recorded on "
        b_date = rng.choice([f"{MONTH_NAMES[mo2 - 1]} {d2}, {y2}", f"{d2} {MONTH_NAMES[mo2 - 1]} {y2}"])
        return (
            b + prefix + b_date + ".",
            a + foreign_date(lang, y, mo, d),
            (len(b) + len(prefix), len(b) + len(prefix) + len(b_date)),
        )
    if not (_END.search(a) and _END.search(b)):
        return None
    if kind == "omission":
        return "", a, (0, len(a))
    extra = " " + rng.choice(foreign)
    return b + extra, a, (len(b) + 1, len(b) + len(extra))


def plan(va: dict[Key, str], vb: dict[Key, str], book: str, lang: str, every: int, seed: str):
    rng = random.Random(seed)
    keys_a_doc = set().union(*(_keys(t) for k, t in va.items() if k[0] == book))
    names = [n for n in book_names(vb, vb, book) if name_key(n) in keys_a_doc]
    keys_of = _keys
    if lang == "zh":  # no capitals: a name is in a verse when the word learnt for it is
        learnt = learnt_names(prose(va, book)[0], prose(vb, book)[0])
        names = [n for n in book_names(vb, vb, book) if n.lower() in learnt]
        words = {name_key(n): learnt[n.lower()] for n in names}

        def keys_of(a: str) -> set[str]:
            return {k for k, w in words.items() if w in a}

    foreign = [t for k, t in sorted(vb.items()) if k[0] != book and len(t) > 40 and _END.search(t)]
    return plan_injections(
        va,
        vb,
        book,
        KINDS,
        every,
        rng,
        lambda k, a, b: _apply(k, a, b, lang, names, foreign, rng, keys_of),
        _whole,
    )


def run_pair(va, vb, ta, tb, books, every, show):
    lang = LANG[ta]
    tally = Tally()
    for book in books:
        if not any(k[0] == book for k in va) or not any(k[0] == book for k in vb):
            continue
        text_a, spans_a = prose(va, book)
        text_b, spans_b = prose(vb, book)
        tally.plain(compare_texts(text_a, text_b, (lang, "en")))
        gold = {(k, k) for k, _, _ in spans_a} & {(k, k) for k, _, _ in spans_b}
        tally.links(links(text_a, spans_a, text_b, spans_b, True, (lang, "en"))[0], gold)
        new_a, new_b, injections = plan(va, vb, book, lang, every, f"{ta}:{tb}:{book}")
        ia, sa = prose(new_a, book)
        ib, sb = prose(new_b, book)
        tally.injected(
            injections, list(compare_texts(ia, ib, (lang, "en")).differences), sa, sb, 120 if show else 0
        )
    p, r = tally.precision_recall()
    return {
        **tally.result(f"{ta}:{tb}", KINDS),
        "alignment_f1": tally.f1() or 0.0,
        "alignment_p": round(p, 4),
        "alignment_r": round(r, 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", nargs="*", help="pairs as OTHER:ENGLISH (default: the four)")
    parser.add_argument("--books", nargs="*", default=BOOKS)
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a directory holding both languages' CSVs (held-out books: bench/sword_books.py)",
    )
    parser.add_argument("--every", type=int, default=12)
    parser.add_argument("--show-missed", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    english = (
        {t: _read_csv(args.corpus / f"{t}.csv") for t in ("KJV", "Darby")} if args.corpus else load(CORPUS)
    )
    pairs = [tuple(p.split(":")) for p in args.pairs] if args.pairs else PAIRS
    if not args.json:
        print(
            "| pair | align P | align R | align F1 | "
            + " | ".join(KINDS)
            + " | all | noise/100 | noise kinds |"
        )
        print("|---" * (len(KINDS) + 6) + "|")
    for ta, tb in pairs:
        va = _read_csv((args.corpus or OTHER) / f"{ta}.csv")
        res = run_pair(va, english[tb], ta, tb, args.books, args.every, args.show_missed)
        if args.json:
            print(json.dumps(res), flush=True)
            continue
        rec = res["recall"]
        cells = [f"{rec[k][0]}/{rec[k][1]}" if k in rec else "-" for k in KINDS]
        allg, alln = sum(v[0] for v in rec.values()), sum(v[1] for v in rec.values())
        kinds = ", ".join(f"{k} {v}" for k, v in res["noise_kinds"].items())
        kinds += f"; notes {res['notes']}" if res["notes"] else ""
        print(
            f"| {res['pair']} | {res['alignment_p']} | {res['alignment_r']} | {res['alignment_f1']} | "
            + " | ".join(cells)
            + f" | {allg}/{alln} | {res['noise_per_100']} | {kinds} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
