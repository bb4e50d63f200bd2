"""Where and how a profile change moved the canonical word streams, on real documents.

Usage::

    python bench/canon_changes.py --dump /tmp/old.jsonl --tree /work/wt-old   # the old code
    python bench/canon_changes.py --dump /tmp/new.jsonl                       # this checkout
    python bench/canon_changes.py --diff /tmp/old.jsonl /tmp/new.jsonl [--examples 5]

With ``--under DIR``, every file under DIR is dumped instead (documents of
one's own, say a held-out set). With ``--only FILE`` (the output of ``bench/canon_identity.py --compare``),
only the documents it names are dumped: the table then counts documents
changed among those, and the genre totals are those of the listed ones.

``--dump`` ingests the documents of ``bench/canon_identity.py`` (same list,
same order) and keeps each canonical text. ``--diff`` compares the word
streams (the canonical text split on whitespace) of two dumps and sorts every
changed place into a kind:

- ``split``: the same characters, parted otherwise at a punctuation mark
  (``the.NET`` -> ``the .NET``: the ``spacing`` step);
- ``separator``: the same characters, parted otherwise between two
  characters that are no marks (``Expressions5494`` -> ``Expressions 5494``:
  a control character read as a separator);
- ``hyphen``: the same letters with a hyphen more or fewer
  (``byterange`` -> ``byte-range``: a line-end hyphen decided otherwise);
- ``other``: anything else (read them).

It prints a table by genre (documents changed, places of each kind) and the
first examples of each kind, to be read one by one.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import canon_identity  # a sibling script

MARKS = set(",.;:!?)]}([{\"'")
KINDS = ("split", "separator", "hyphen", "other")


def genre(name: str) -> str:
    """The genre a document of the list is counted under."""
    if name.startswith("held-out/rust/"):
        return "held-out Rust docs (HTML)"
    if name.startswith("/usr/share/doc/") and name.endswith(".html"):
        return "documentation HTML"
    if name.startswith("/usr/share/man/"):
        return "man pages (troff source)"
    if name.startswith(("/usr/share/common-licenses/", "/usr/share/doc/")):
        return "licences, copyright files"
    if name.startswith("corpora/html-boilerplate/"):
        return "news and boilerplate pages"
    if name.startswith("corpora/same-document-multiple-formats/"):
        return "same-document groups (" + ("PDF" if name.endswith(".pdf") else "text, HTML") + ")"
    if name.startswith("corpora/pdf-text/"):
        return "corpora/pdf-text (PDFs, metadata)"
    return "other corpora (text, CSV, JSON)"


def dump(path: Path, tree: Path, man_step: int, only: Path | None, under: Path | None) -> int:
    sys.path.insert(0, str(tree.resolve()))
    from verify.pipeline import Options, process_bytes

    wanted = None if only is None else _listed(only)
    if under is None:
        listed = canon_identity.documents(man_step)
    else:
        listed = ((p.as_posix(), p) for p in sorted(under.rglob("*")) if p.is_file())
    with path.open("w", encoding="utf-8") as out:
        for name, source in listed:
            if wanted is not None and name not in wanted:
                continue
            record = process_bytes(canon_identity._read(source), name, Options(timeout=None))
            out.write(json.dumps({"path": name, "text": record.text}, ensure_ascii=True) + "\n")
    return 0


def _listed(path: Path) -> set[str]:
    """The documents named by ``canon_identity.py --compare``'s output (``name: ... differ``)."""
    lines = path.read_text("utf-8").splitlines()
    return {line.rsplit(": ", 1)[0] for line in lines if line.endswith(" differ") and ": " in line}


def kind(old: list[str], new: list[str]) -> str:
    """The kind of one changed place (``old`` words became ``new`` words)."""
    before, after = "".join(old), "".join(new)
    if before == after:
        return "split" if _parted_at_mark(old, new) else "separator"
    if before.replace("-", "") == after.replace("-", ""):
        return "hyphen"
    return "other"


def _parted_at_mark(old: list[str], new: list[str]) -> bool:
    """Does a word boundary present in one side only touch a punctuation mark?"""
    def cuts(words: list[str]) -> set[int]:
        places, at = set(), 0
        for word in words[:-1]:
            at += len(word)
            places.add(at)
        return places

    text = "".join(old)
    moved = cuts(old) ^ cuts(new)
    return any(text[c - 1] in MARKS or text[c] in MARKS for c in moved)


def changed_places(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The places where word lists ``a`` and ``b`` differ, as ``(i1, i2, j1, j2)``.

    Walks both lists together; at a difference it takes words from the side
    whose joined words are a prefix of the other's until both sides spell the
    same characters (a split or a join), the same characters but hyphens (a
    hyphen decided otherwise), or neither: then difflib over a window finds
    where they agree again. Linear in the usual case, where difflib over a
    whole long document was not."""
    found: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
            continue
        end = _resync(a, b, i, j, lambda w: w) or _resync(a, b, i, j, lambda w: w.replace("-", ""))
        if end is None:
            end = _window(a, b, i, j)
        found.append((i, end[0], j, end[1]))
        i, j = end
    if i < len(a) or j < len(b):
        found.append((i, len(a), j, len(b)))
    return found


def _resync(a: list[str], b: list[str], i: int, j: int, key: Callable[[str], str],
            most: int = 40) -> tuple[int, int] | None:
    left, right, ii, jj = key(a[i]), key(b[j]), i + 1, j + 1
    while left != right and ii - i + jj - j < most:
        if right.startswith(left) and ii < len(a):
            left, ii = left + key(a[ii]), ii + 1
        elif left.startswith(right) and jj < len(b):
            right, jj = right + key(b[jj]), jj + 1
        else:
            return None
    return (ii, jj) if left == right else None


def _window(a: list[str], b: list[str], i: int, j: int, size: int = 200) -> tuple[int, int]:
    matcher = difflib.SequenceMatcher(None, a[i:i + size], b[j:j + size], autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size and (block.a or block.b):
            return i + block.a, j + block.b
    return min(len(a), i + size), min(len(b), j + size)


def load(path: Path) -> dict[str, str | None]:
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines())
    return {row["path"]: row["text"] for row in rows}


def diff(old_path: Path, new_path: Path, examples: int) -> int:
    old, new = load(old_path), load(new_path)
    documents: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    places: defaultdict[str, Counter[str]] = defaultdict(Counter)
    shown: defaultdict[str, list[str]] = defaultdict(list)
    for name in sorted(old.keys() & new.keys()):
        documents[genre(name)] += 1
        a, b = (old[name] or "").split(), (new[name] or "").split()
        if a == b:
            continue
        changed[genre(name)] += 1
        for i1, i2, j1, j2 in changed_places(a, b):
            found = kind(a[i1:i2], b[j1:j2])
            places[genre(name)][found] += 1
            if len(shown[found]) < examples:
                context = " ".join(a[max(0, i1 - 3):i1])
                shown[found].append(f"{name}: ...{context} [{' '.join(a[i1:i2])}] -> "
                                    f"[{' '.join(b[j1:j2])}]")
    print("| genre | documents | word stream changed | " + " | ".join(KINDS) + " |")
    print("|---|---:|---:|" + "---:|" * len(KINDS))
    for name in sorted(documents):
        cells = " | ".join(str(places[name][k]) for k in KINDS)
        print(f"| {name} | {documents[name]} | {changed[name]} | {cells} |")
    total = sum(places.values(), Counter())
    print(f"| all | {sum(documents.values())} | {sum(changed.values())} | "
          + " | ".join(str(total[k]) for k in KINDS) + " |")
    for found in KINDS:
        if shown[found]:
            print(f"\n{found}:")
            for line in shown[found]:
                print("  " + line[:300])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dump", type=Path, help="write the canonical texts here (JSON lines)")
    group.add_argument("--diff", type=Path, nargs=2, metavar=("OLD", "NEW"), help="compare two dumps")
    parser.add_argument("--tree", type=Path, default=canon_identity.ROOT,
                        help="import verify from this checkout")
    parser.add_argument("--man-step", type=int, default=40)
    parser.add_argument("--only", type=Path,
                        help="dump only the documents that this canon_identity --compare output names")
    parser.add_argument("--under", type=Path, help="dump every file under this folder instead")
    parser.add_argument("--examples", type=int, default=8, help="examples shown per kind")
    args = parser.parse_args(argv)
    if args.dump:
        return dump(args.dump, args.tree, args.man_step, args.only, args.under)
    return diff(args.diff[0], args.diff[1], args.examples)


if __name__ == "__main__":
    sys.exit(main())
