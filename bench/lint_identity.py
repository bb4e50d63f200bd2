"""Same lint findings before and after a speed change, on real documents.

Usage::

    python bench/lint_identity.py --write /tmp/lint-before.jsonl      # on the old code
    python bench/lint_identity.py --compare /tmp/lint-before.jsonl    # on the new code
    python bench/lint_identity.py --compare BASE --tree /work/main    # another tree's code

Lints every real text the lint benches read and keeps, per text (or per
folder linted together), one JSON line: its set, its name and every finding
in full (code, severity, message, span, line, column, snippet, evidence,
path), as the record holds them. ``--compare`` lists every text whose
findings differ (the first finding that differs, both ways) and exits 1 if
one does, as ``bench/canon_identity.py`` does for canonical texts. A change
meant to make lint faster must show 0.

The texts, in a fixed order:

- ``bench``: every document of ``bench/_real_texts.py`` (six genres, the
  default steps of ``bench/lint_precision.py``), ingested and linted as
  ``lint_record`` does (with its layout);
- ``fresh``: every document of the fresh held-out sets ``/work/lint{4,5,7,8,9,10,11}-fresh``
  and ``/work/lint5-tune`` (``_real_texts.fresh_documents``), one by one,
  and each set linted as one folder (``lint_corpus``: names and acronyms
  compared across files);
- ``wikipedia``: the 200 articles of ``bench/lint_false_positives.py``, one
  by one and as one folder; ``ftfy``: its mojibake negative cases;
- ``garbles``: every ``--garble-step``-th text of ``bench/lint_garbles.py``
  (held-out real texts and abstracts), each kind of garble injected as that
  bench injects it (seed 11), linted;
- ``scaling``: the plain and paged texts of ``bench/lint_scaling.py`` at
  0.1 to 4 MB;
- ``sample``: the sample corpus ``sources/``, one by one and as one folder.

``--tree DIR`` imports ``verify`` (and the benches) from another checkout
(say main's) so the baseline can be written by the old code.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The fresh sets measured so far (a set being assembled is not read).
FRESH = [Path(f"/work/lint{n}-fresh") for n in (4, 5, 7, 8, 9, 10, 11)] + [Path("/work/lint5-tune")]
SIZES = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)

Row = dict[str, Any]


def _findings(found: Any) -> list[Any]:
    return [json.loads(json.dumps(dataclasses.asdict(f), default=repr)) for f in found]


def _ingest(name: str, data: bytes) -> Any:
    from verify.pipeline import process_bytes

    return process_bytes(data, name)


def _lint_one(label: str, name: str, data: bytes) -> Row:
    from verify.detect import lint_record

    record = lint_record(_ingest(name, data))
    return {"set": label, "name": name, "findings": _findings(record.findings)}


def _lint_folder(label: str, docs: list[tuple[str, bytes]]) -> Row:
    from verify.detect import layout_of, lint_corpus

    records = [_ingest(name, data) for name, data in docs]
    texts = {r.path: r.text for r in records if r.text is not None}
    layouts = {r.path: layout_of(r) for r in records}
    found = lint_corpus(texts, layouts=layouts)
    return _folder_row(label, found)


def _folder_row(label: str, found: dict[str, Any]) -> Row:
    every = [f for path in sorted(found) for f in found[path]]
    return {"set": label, "name": "(folder)", "findings": _findings(every)}


def _bench_rows() -> Iterator[Row]:
    from _real_texts import documents

    for doc in documents():
        yield _lint_one("bench", doc.name, doc.data)


def _fresh_rows() -> Iterator[Row]:
    from _real_texts import fresh_documents

    for folder in FRESH:
        docs = [(doc.name, doc.data) for doc in fresh_documents(folder)]
        for name, data in docs:
            yield _lint_one(f"fresh:{folder.name}", name, data)
        yield _lint_folder(f"fresh:{folder.name}", docs)


def _wikipedia_rows() -> Iterator[Row]:
    import lint_false_positives as fp

    from verify.detect import lint_corpus, lint_text

    wiki = fp.wikipedia(fp.DEFAULT)
    for path, text in wiki.items():
        yield {"set": "wikipedia", "name": path, "findings": _findings(lint_text(text, path=path))}
    yield _folder_row("wikipedia", lint_corpus(wiki))
    for path, text in fp.mojibake_negatives(fp.DEFAULT).items():
        yield {"set": "ftfy", "name": path, "findings": _findings(lint_text(text, path=path))}


def _garble_rows(step: int) -> Iterator[Row]:
    import lint_garbles as lg

    captured: list[Any] = []
    plain: Callable[..., Any] = lg.lint_text

    def recording(text: str, **kwargs: Any) -> Any:
        found = plain(text, **kwargs)
        captured.append(found)
        return found

    lg.lint_text = recording
    try:
        for name, text in lg.texts()[::step]:
            for kind in lg.KINDS:
                captured.clear()
                trial = lg.trial((name, text, kind, 11))
                garble = f"{trial.original}->{trial.garble}" if trial else "-"
                found = captured[0] if captured else []
                yield {"set": "garbles", "name": f"{name} {kind} {garble}", "findings": _findings(found)}
    finally:
        lg.lint_text = plain


def _scaling_rows() -> Iterator[Row]:
    import lint_scaling as ls

    text = ls.source_text(int(max(SIZES) * 1_000_000) + 1)
    for kind, body in (("plain", text), ("paged", ls.paged(text))):
        for size in SIZES:
            yield _lint_one("scaling", f"{kind}-{size}", ls.cut(body, size))


def _sample_rows() -> Iterator[Row]:
    folder = ROOT / "sources"  # the sample corpus is data: the same in every tree
    paths = [p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
    docs = [(p.name, p.read_bytes()) for p in paths]
    for name, data in docs:
        yield _lint_one("sample", name, data)
    yield _lint_folder("sample", docs)


def rows(garble_step: int, parts: tuple[str, ...]) -> Iterator[Row]:
    readers: dict[str, Callable[[], Iterator[Row]]] = {
        "bench": _bench_rows,
        "fresh": _fresh_rows,
        "wikipedia": _wikipedia_rows,
        "garbles": lambda: _garble_rows(garble_step),
        "scaling": _scaling_rows,
        "sample": _sample_rows,
    }
    for part in parts:
        yield from readers[part]()


def _key(row: Row) -> str:
    return f"{row['set']}\t{row['name']}"


def _first_difference(old: list[Any], new: list[Any]) -> str:
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            return f"finding {i}: {json.dumps(a)[:300]} -> {json.dumps(b)[:300]}"
    return f"{len(old)} findings -> {len(new)}"


def compare(before: dict[str, Row], after: dict[str, Row]) -> list[str]:
    """One line per text whose findings differ, or that one run lacks."""
    missing = {key: "the new run" if key not in before else "the baseline"
               for key in before.keys() ^ after.keys()}
    return [
        f"{key}: only in {missing[key]}" if key in missing
        else f"{key}: {_first_difference(before[key]['findings'], after[key]['findings'])}"
        for key in sorted(before.keys() | after.keys())
        if key in missing or before[key]["findings"] != after[key]["findings"]
    ]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="BASE", help="lint, and keep the findings in BASE")
    mode.add_argument("--compare", type=Path, metavar="BASE", help="lint, and compare with BASE")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="import verify and the benches from this checkout")
    parser.add_argument("--garble-step", type=int, default=6, help="every Nth text of the garble bench")
    parser.add_argument("--parts", default="bench,fresh,wikipedia,garbles,scaling,sample",
                        help="which sets, comma-separated")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    tree = args.tree.resolve()
    sys.path[:0] = [str(tree), str(tree / "bench")]
    began = time.perf_counter()
    found = list(rows(args.garble_step, tuple(args.parts.split(","))))
    import verify

    where = Path(verify.__file__).resolve().parent.parent
    total = sum(len(r["findings"]) for r in found)
    print(f"{len(found)} texts, {total} findings, linted in {time.perf_counter() - began:.0f} s "
          f"with the verify of {where}")
    if args.write:
        args.write.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in found), "utf-8")
        print(f"baseline written to {args.write}")
        return 0
    lines = args.compare.read_text("utf-8").splitlines()
    before = {_key(row): row for row in map(json.loads, lines)}
    after = {_key(r): r for r in found}
    differ = compare(before, after)
    print("\n".join(differ) if differ else "", end="\n" if differ else "")
    print(f"{len(before.keys() | after.keys())} texts compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
