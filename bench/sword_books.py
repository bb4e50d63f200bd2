"""Write verse-keyed CSVs of more Bible books from the CrossWire SWORD modules.

The held-out books of ``bench/compare_crosslingual.py`` (Exodus, Luke,
Romans): ``../shared/corpora/parallel-translations/`` keeps only Genesis,
Ruth, Mark and Acts, all of which the cross-lingual rules were tuned or
measured on before. This reads the same modules (scrollmapper/bible_databases
at commit a228a19a29099a41c196c2a310cd93e50a390e30, ``sources/<lang>/...zip``;
all Public Domain but the KJV module's markup, see the corpus README) the
way that README describes: ``<note>`` elements removed (one space put back
where one stood between two words), block tags made a space, other tags
removed with their text kept, whitespace collapsed. ``--check`` rebuilds the
four shared books and compares them with the shared CSVs.

Needs ``pysword`` (in the ``bench`` extra, pinned in requirements/constraints.txt; not a
dependency of verify) and the modules' zip files in one directory::

    git -C MIRROR show HEAD:sources/ru/RusSynodal/RusSynodal.zip > sword/RusSynodal.zip  # etc.
    python bench/sword_books.py sword/ out/ --books Exodus Luke Romans
    python bench/sword_books.py sword/ /tmp/check --check
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

MODULES = ["RusSynodal", "FreJND", "SpaRV", "ChiUns", "KJV", "Darby"]
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "parallel-translations"
_NOTE = re.compile(r"<note\b[^>]*>.*?</note>", re.S)
_BLOCK = re.compile(r"</?(?:l|lg|lb|div|milestone|chapter|title)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


def clean(raw: str) -> str:
    text = _NOTE.sub("\x00", raw)
    text = _BLOCK.sub(" ", text)
    text = _TAG.sub("", text).replace("\u3000", "")
    text = re.sub(r"(?<=\S)\x00+(?=\S)", " ", text).replace("\x00", "")
    return " ".join(text.split())


def verses(zip_path: Path, books: list[str]) -> list[tuple[str, int, int, str]]:
    from pysword.modules import SwordModules  # bench-only

    modules = SwordModules(str(zip_path))
    found = modules.parse_modules()
    bible = modules.get_bible_from_module(next(iter(found)))
    out = []
    for testament in bible.get_structure().get_books().values():
        for book in testament:
            if book.name not in books:
                continue
            for ch, n in enumerate(book.chapter_lengths, 1):
                for v in range(1, n + 1):
                    raw = bible.get(books=[book.name], chapters=[ch], verses=[v], clean=False)
                    out.append((book.name, ch, v, clean(raw)))
    return out


def write(rows: list[tuple[str, int, int, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Book", "Chapter", "Verse", "Text"])
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modules", type=Path, help="directory of the modules' zip files")
    parser.add_argument("out", type=Path)
    parser.add_argument("--books", nargs="*", default=["Exodus", "Luke", "Romans"])
    parser.add_argument("--check", action="store_true", help="rebuild the shared four books and compare")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    books = ["Genesis", "Ruth", "Mark", "Acts"] if args.check else args.books
    status = 0
    for name in MODULES:
        rows = verses(args.modules / f"{name}.zip", books)
        target = args.out / f"{name}.csv"
        write(rows, target)
        if args.check:
            shared = (
                SHARED
                / ("from-sword-modules" if name in ("KJV", "Darby") else "other-languages")
                / f"{name}.csv"
            )
            with shared.open(encoding="utf-8") as f:
                want = {(r[0], r[1], r[2]): r[3] for r in list(csv.reader(f))[1:]}
            got = {(b, str(c), str(v)): t for b, c, v, t in rows}
            diff = [k for k in want if want[k] != got.get(k)]
            print(f"{name}: {len(got)} verses, {len(diff)} differ from the shared CSV", *diff[:3])
            status |= bool(diff) or len(got) != len(want)
        else:
            print(f"{name}: {len(rows)} verses -> {target}")
    return status


if __name__ == "__main__":
    sys.exit(main())
