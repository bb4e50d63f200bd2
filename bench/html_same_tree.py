"""The HTML front-ends give one neutral tree: a check over every benchmark page.

Usage::

    python bench/html_same_tree.py [--limit N]

``parse_with_lxml`` parses into libxml2's own tree and builds the neutral
tree from it; ``_parse_with_lxml_events`` drives the builder from parser
events, one Python call per tag (the front-end before canon3). For every
page of ../shared/corpora/html-boilerplate, /usr/share/doc/**/*.html and the
held-out Rust docs (bench/coverage.py's kinds), both trees are compared node
by node (tag, kept attributes, text), and what ``extract_main`` selects
from each (title, paragraphs, removed blocks) is compared too. Prints the
number of pages compared and every page that differs; exit 1 if any does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from coverage import pages  # noqa: E402

from verify.ingest import html_content  # noqa: E402
from verify.ingest.html_content import Node, decode_markup  # noqa: E402


_OUTER = ("#document", "html")


def shape(root: Node) -> Iterator[object]:
    """The tree as a flat sequence: tags, attributes, texts, and closings.

    Whitespace-only text directly inside ``<html>`` or the document is left
    out: libxml2's tree drops the line breaks after ``</body>`` and
    ``</html>`` that its events report, and
    whitespace between two blocks is no text of either (``_blocks`` collapses
    it away)."""
    stack: list[Node | str | None] = [root]
    while stack:
        item = stack.pop()
        if item is None:
            yield "/"
        elif isinstance(item, str):
            yield item
        else:
            yield (item.tag, tuple(sorted(item.attrs.items())))
            stack.append(None)
            stack.extend(reversed([c for c in item.children
                                   if item.tag not in _OUTER or not isinstance(c, str) or c.strip()]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="pages per kind (0: all)")
    args = parser.parse_args(argv)
    compared, differ = 0, []
    for kind in ("news", "documentation", "held-out-docs"):
        for i, (name, data, _) in enumerate(pages(kind)):
            if args.limit and i >= args.limit:
                break
            text, _ = decode_markup(data)
            new = list(shape(html_content.parse_with_lxml(text)))
            old = list(shape(html_content._parse_with_lxml_events(text)))
            compared += 1
            if new == old:  # the trees agree; so must what is selected from them
                new = [html_content.extract_main(data, parse=html_content.parse_with_lxml)]
                old = [html_content.extract_main(data, parse=html_content._parse_with_lxml_events)]
            if new != old:
                differ.append(name)
                print(f"differs: {kind} {name}", flush=True)
    print(f"{compared} pages compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
