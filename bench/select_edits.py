"""One-word edits of an HTML page's text nodes that leave ``text_sha256`` unchanged.

Usage::

    python bench/select_edits.py [--tree DIR] PAGE.html ...

For each page, 40 text nodes (seeded, outside scripts and styles) each get
one word reversed (the audit of 2026-11-30's ``edits.py``); every edited page
goes through :func:`verify.pipeline.process_bytes`. Printed per page: the
edits, how many left ``text_sha256`` unchanged, how many of those changed
``removed_sha256`` (so ``check`` says "furniture changed"), and the first
such nodes. ``--tree`` imports ``verify`` from another checkout.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TEXT_NODE = re.compile(r">([^<>]*[A-Za-z]{3,}[^<>]*)<")
_WORD = re.compile(r"[A-Za-z]{3,}")
_OPEN_CODE = re.compile(r"<(script|style)[^>]*$")


def _edit(text: str) -> str:
    words = list(_WORD.finditer(text))
    m = words[len(words) // 2]
    return text[: m.start()] + m.group()[::-1] + "q" + text[m.end() :]


def survey(path: Path, count: int = 40) -> tuple[int, int, int, list[str]]:
    from verify.pipeline import process_bytes

    rng = random.Random(1)
    text = path.read_bytes().decode("utf-8", "replace")
    base = process_bytes(text.encode(), "page.html")
    nodes = [m for m in _TEXT_NODE.finditer(text)
             if not _OPEN_CODE.search(text[max(0, m.start() - 200) : m.start() + 1])]
    same = furniture = 0
    unchanged: list[str] = []
    for m in rng.sample(nodes, min(count, len(nodes))):
        edited = text[: m.start(1)] + _edit(m.group(1)) + text[m.end(1) :]
        record = process_bytes(edited.encode(), "page.html")
        if record.text_sha256 == base.text_sha256:
            same += 1
            furniture += record.removed_sha256 != base.removed_sha256
            unchanged.append(" ".join(m.group(1).split())[:40])
    return min(count, len(nodes)), same, furniture, unchanged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, nargs="+")
    parser.add_argument("--tree", type=Path, default=ROOT)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    print("| page | edits | text_sha256 unchanged | of which furniture changed | unchanged nodes |")
    print("|---|---|---|---|---|")
    for page in args.pages:
        edits, same, furniture, unchanged = survey(page)
        print(f"| {page.name} | {edits} | {same} | {furniture} | {'; '.join(unchanged[:6])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
