"""Which HTML pages a new selector version changes, and how, block by block.

Usage::

    python bench/html_changes.py --tree MAIN-CHECKOUT [--held-out GLOB ...] [--format text|json]

Runs :func:`verify.pipeline.process_bytes` over every HTML page of
bench/canon_identity.py's list (``../shared/corpora`` HTML, the HTML of
/usr/share/doc, the held-out Rust pages) plus ``--held-out`` pages, once with
this checkout's ``verify`` and once with ``--tree``'s (in a child process),
and reports:

- pages whose records are the same *but for the extractor id* (the
  selector's version): the whole record compared with ``extractor`` set
  aside;
- for every other page, what changed: the kept paragraphs (the
  selector's own output, ``extract_main``, lxml front-end) and the
  record's removed pieces (head title, furniture, unseen words) each side
  has and the other lacks, and whether the text digest, the removed digest
  and the warnings moved.

A new selector version must list every page it changes, with what changed,
so each change can be read (docs/scale.md, "fourth HTML pass").
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from canon_identity import _read, documents  # noqa: E402 - bench/ is on the path


def _pages(held_out: list[str]) -> list[tuple[str, Path]]:
    found = [(name, path) for name, path in documents(40)
             if path.name.endswith((".html", ".htm", ".html.gz", ".xhtml"))]
    for pattern in held_out:
        found += [(f"held-out/{p}", Path(p)) for p in sorted(glob.glob(pattern, recursive=True))]
    return found


def _facts(pages: list[tuple[str, Path]]) -> dict[str, dict[str, object]]:
    """Per page: the record (``extractor`` set aside) digested, its digests
    and warnings, and the selector's kept and removed blocks."""
    from dataclasses import replace

    from verify.ingest.html_content import extract_main, parse_with_lxml
    from verify.pipeline import Options, process_bytes

    out: dict[str, dict[str, object]] = {}
    for name, path in pages:
        data = _read(path)
        record = process_bytes(data, name, Options(timeout=None))
        if record.format != "html":
            continue
        plain = replace(record, extractor="")
        main = extract_main(data, parse=parse_with_lxml)
        out[name] = {
            "record": hashlib.sha256(repr(plain).encode("utf-8", "surrogatepass")).hexdigest(),
            "text_sha256": record.text_sha256, "removed_sha256": record.removed_sha256,
            "warnings": list(record.warnings), "title": main.title,
            "kept": list(main.paragraphs), "removed": list(record.removed),
        }
    return out


def _child(tree: Path, pages: list[tuple[str, Path]]) -> dict[str, dict[str, object]]:
    """:func:`_facts` with the ``verify`` of another checkout."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
            "import html_changes as h, pathlib;"
            "pages = [(n, pathlib.Path(p)) for n, p in json.load(sys.stdin)];"
            "json.dump(h._facts(pages), sys.stdout)")
    done = subprocess.run([sys.executable, "-c", code, str(tree.resolve()), str(ROOT / "bench")],
                          input=json.dumps([(n, str(p)) for n, p in pages]), capture_output=True,
                          text=True, check=True)
    result: dict[str, dict[str, object]] = json.loads(done.stdout)
    return result


def _only(a: list[str], b: list[str]) -> list[str]:
    """Items of ``a`` not in ``b`` (as multisets), in ``a``'s order."""
    left: dict[str, int] = {}
    for item in b:
        left[item] = left.get(item, 0) + 1
    out = []
    for item in a:
        if left.get(item):
            left[item] -= 1
        else:
            out.append(item)
    return out


def _changes(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    kept_b, kept_a = before["kept"], after["kept"]
    rem_b, rem_a = before["removed"], after["removed"]
    assert isinstance(kept_b, list) and isinstance(kept_a, list)
    assert isinstance(rem_b, list) and isinstance(rem_a, list)
    return {
        "digests": [k for k in ("text_sha256", "removed_sha256", "warnings", "title")
                    if before[k] != after[k]],
        "kept_lost": _only(kept_b, kept_a), "kept_new": _only(kept_a, kept_b),
        "removed_lost": _only(rem_b, rem_a), "removed_new": _only(rem_a, rem_b),
        "title": [before["title"], after["title"]],
    }


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, required=True, help="the checkout of the old selector")
    parser.add_argument("--held-out", action="append", default=[], metavar="GLOB")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    pages = _pages(args.held_out)
    before = _child(args.tree, pages)
    sys.path.insert(0, str(ROOT))
    after = _facts(pages)
    same = [n for n in after if n in before and before[n]["record"] == after[n]["record"]]
    changed = {n: _changes(before[n], after[n]) for n in after if n in before and n not in same}
    if args.format == "json":
        print(json.dumps({"pages": len(after), "same_but_extractor": len(same), "changed": changed},
                         indent=1, sort_keys=True))
        return 0
    print(f"{len(after)} HTML pages; {len(same)} the same record but for the extractor id; "
          f"{len(changed)} changed")
    for name, change in changed.items():
        print(f"\n## {name}\nmoved: {', '.join(change['digests']) or 'record only'}")  # type: ignore[arg-type]
        title = change["title"]
        assert isinstance(title, list)
        if title[0] != title[1]:
            print(f"title: {title[0]!r} -> {title[1]!r}")
        for key, sign in (("kept_lost", "- kept"), ("kept_new", "+ kept"),
                          ("removed_lost", "- removed"), ("removed_new", "+ removed")):
            items = change[key]
            assert isinstance(items, list)
            for item in items[:12]:
                print(f"{sign}: {_clip(item)}")
            if len(items) > 12:
                print(f"{sign}: ... {len(items) - 12} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
