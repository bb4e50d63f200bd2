"""Print the HTML selector's decision for every text block of a page.

Usage::

    python bench/select_explain.py PAGE.html [--removed-only]

Each block is printed with why it is kept or removed: ``furniture`` (inside
an element that markup or a chrome name calls furniture: the element is
named), ``outside`` (outside the chosen content region), ``pruned`` (a link
box or gallery inside it), ``link-block`` (the block filter: a link row or a
theme line), ``kept``; and whether the whole-page fallback applied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.ingest import html_content as hc  # noqa: E402 - after the path set-up above


def _name(node: hc.Node) -> str:
    hints = hc._hints(node)
    return f"<{node.tag}{' ' + hints if hints else ''}>"


def explain(markup: bytes) -> list[tuple[str, str, str]]:
    text, _ = hc.decode_markup(markup)
    root = hc.parse_with_lxml(text)
    order = hc._index(root)
    inline = hc._inline_furniture_flags(order)
    mains = hc._marked_mains(order)
    ends = hc._subtree_ends(order)
    link_flags = hc._link_flags(order)
    blocks = hc._blocks(root, order, inline, link_flags)
    full = hc._prose(len(order), blocks, ends)
    generated = hc._generated_document(order)
    furniture = hc._furniture(order, full, inline, mains, names=not generated)
    dropped = hc._inside(ends, furniture)
    clean = [b for b in blocks if not dropped[b.owner.index]]
    st = hc._stats(order, clean)
    scores = hc._candidate_scores(clean, st)
    top, outline = hc._outline_top(hc._top_candidate(order, scores) or hc._body(order))
    top = hc._marked_region(top, mains)
    roots = hc._selection(top, scores, st, outline)
    chosen = hc._inside(ends, roots)
    links = hc._link_counts(order, link_flags)
    marked = hc._inside(ends, {n.index for n in mains})
    tables = hc._text_tables(blocks)
    pruned_set = hc._pruned(order, chosen, roots, st, (marked, links), tables)
    pruned = hc._inside(ends, pruned_set)
    _, kept, _, _, _ = hc._select(hc.parse_with_lxml(text))
    kept_set = set(kept)
    print(f"generated={generated} top={_name(top)}#{top.index} "
          f"roots={[_name(order[i]) for i in sorted(roots)]}")
    rows = []
    for block in blocks:
        i = block.owner.index
        if dropped[i]:
            cause = next((order[a.index] for a in hc._ancestors(block.owner, hc.MAX_DEPTH)
                          if a.index in furniture), block.owner)
            why = f"furniture {_name(cause)}"
        elif not chosen[i]:
            why = "outside"
        elif pruned[i]:
            cause = next((a for a in hc._ancestors(block.owner, hc.MAX_DEPTH) if a.index in pruned_set),
                         block.owner)
            why = f"pruned {_name(cause)}"
        elif not hc._keep_block(block, tables):
            why = f"link-block ({block.link_density:.2f})"
        else:
            why = "selected"
        rows.append(("KEPT" if block.text in kept_set else "REMOVED", why, block.text))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--removed-only", action="store_true")
    args = parser.parse_args()
    for verdict, why, text in explain(args.page.read_bytes()):
        if args.removed_only and verdict == "KEPT":
            continue
        print(f"{verdict:7} {why:40} {text[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
