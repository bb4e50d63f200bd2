"""Same canonical output before and after a speed change, on real documents.

Usage::

    python bench/canon_identity.py --write /tmp/before.jsonl      # on the old code
    python bench/canon_identity.py --compare /tmp/before.jsonl    # on the new code
    python bench/canon_identity.py --compare /tmp/before.jsonl --tree /work/main  # another tree's code

Ingests a fixed list of real documents of several genres with
:func:`verify.pipeline.process_bytes` (extraction plus canonical profile, one
process) and keeps, per document, one JSON line: the path, ``text_sha256``,
``removed_sha256``, the SHA-256 of the canonical text itself, the warnings,
the error code, the extractor id and a SHA-256 of the whole record's ``repr``
(paragraph digests, changes, removed lines, metadata). ``--compare`` lists
every document where any of them differs, field by field, and exits 1 if
one does. A change meant to alter no output (a faster parser, fewer passes
of the character steps) must show 0.

The documents (about 1,900; the same list on every run, in path order):

- every file of ../shared/corpora (PDF, HTML, text; ``.gz`` pages decompressed;
  the CSV, JSON and TSV metadata files are ingested too, as plain text);
- /usr/share/doc/**/*.html (texinfo, DocBook, gtk-doc, Sphinx, Node API pages);
- /usr/share/common-licenses/* and /usr/share/doc/*/copyright (legal notices);
- manual pages: the troff sources of /usr/share/man/man{1,5,7,8}, every
  ``--man-step``-th page in path order (default 40), decompressed;
- held out (never looked at while tuning the speed work): the Rust
  toolchain's HTML docs in ~/.rustup (every 8th page of the Book, the error
  codes and std's struct pages), where installed;
- ``--also PATH...``: any other files (a held-out set of PDFs), named ``also/PATH``.

``--tree DIR`` imports ``verify`` from another checkout (say main's) so the
baseline can be written by the old code without switching branches.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
FIELDS = ("text_sha256", "removed_sha256", "canonical_sha256", "warnings", "error_code", "extractor",
          "record_sha256")


def documents(man_step: int) -> Iterator[tuple[str, Path]]:
    """(name, path) of every document, in a fixed order."""
    for path in sorted(p for p in SHARED.rglob("*") if p.is_file()):
        yield "corpora/" + path.relative_to(SHARED).as_posix(), path
    for path in sorted(Path("/usr/share/doc").rglob("*.html")):
        if path.is_file():
            yield path.as_posix(), path
    licences = sorted(Path("/usr/share/common-licenses").iterdir()) + sorted(
        Path("/usr/share/doc").glob("*/copyright"))
    for path in licences:
        if path.is_file() and not path.is_symlink():
            yield path.as_posix(), path
    for section in ("man1", "man5", "man7", "man8"):
        pages = sorted(p for p in (Path("/usr/share/man") / section).glob("*") if p.is_file())
        for path in pages[::man_step]:
            yield path.as_posix(), path
    docs = sorted(Path.home().glob(".rustup/toolchains/stable-*/share/doc/rust/html"))
    if docs:
        root = docs[0]
        held = (sorted((root / "book").glob("ch*.html")) + sorted((root / "error_codes").glob("E0*.html"))
                + sorted((root / "std").glob("*/struct.*.html")))
        for path in held[::8]:
            yield "held-out/rust/" + path.relative_to(root).as_posix(), path


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return data
    return data


def _row(name: str, data: bytes) -> dict[str, object]:
    from verify.pipeline import Options, process_bytes

    record = process_bytes(data, name, Options(timeout=None))
    text = record.text if record.text is not None else ""
    return {
        "path": name,
        "text_sha256": record.text_sha256,
        "removed_sha256": record.removed_sha256,
        "canonical_sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "warnings": list(record.warnings),
        "error_code": record.error_code,
        "extractor": record.extractor,
        "record_sha256": hashlib.sha256(repr(record).encode("utf-8", "surrogatepass")).hexdigest(),
    }


def _rows(man_step: int, also: list[Path]) -> list[dict[str, object]]:
    listed = [*documents(man_step), *((f"also/{path.as_posix()}", path) for path in also)]
    return [_row(name, _read(path)) for name, path in listed]


def _compare(before: dict[str, dict[str, object]], after: dict[str, dict[str, object]]) -> list[str]:
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            lines.append(f"{name}: only in {'the new run' if old is None else 'the baseline'}")
            continue
        fields = [f for f in FIELDS if old.get(f) != new.get(f)]
        if fields:
            lines.append(f"{name}: {', '.join(fields)} differ")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the baseline here (JSON lines)")
    group.add_argument("--compare", type=Path, help="compare with this baseline")
    parser.add_argument("--tree", type=Path, default=ROOT, help="import verify from this checkout")
    parser.add_argument("--man-step", type=int, default=40)
    parser.add_argument("--also", type=Path, nargs="+", default=[], metavar="PATH",
                        help="ingest these files too (say a held-out set of PDFs)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    start = time.perf_counter()
    rows = _rows(args.man_step, args.also)
    seconds = time.perf_counter() - start
    import verify

    where = Path(verify.__file__).resolve().parent.parent
    print(f"{len(rows)} documents ingested in {seconds:.0f} s with the verify of {where}")
    if args.write:
        args.write.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), "utf-8")
        print(f"baseline written to {args.write}")
        return 0
    before = {}
    for line in args.compare.read_text("utf-8").splitlines():
        row = json.loads(line)
        before[row["path"]] = row
    differ = _compare(before, {str(r["path"]): r for r in rows})
    for line in differ:
        print(line)
    print(f"{len(before.keys() | {r['path'] for r in rows})} documents compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
