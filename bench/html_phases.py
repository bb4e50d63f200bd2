"""Where HTML ingest spends its time, phase by phase, in CPU seconds.

Usage::

    python bench/html_phases.py [--repeat N] [--tree DIR]

On the 181 pages of ../shared/corpora/html-boilerplate (the set of
bench/ingest_speed.py), one process, each phase timed over all pages with
this process's CPU clock, median of ``--repeat`` rounds (default 3):

- *decode*: :func:`decode_markup` (bytes to text, control characters out);
- *parse floor*: libxml2's HTML parser driving a parser target that does
  nothing: what parsing costs before any Python object is made;
- *parse and build*: the lxml front-end, :func:`parse_with_lxml` (the
  neutral tree); *build* is it minus the floor;
- *fold*: canon/5's folds of the tree (``fold_tree``: superscripts,
  ``noframes``), as ``extract_main`` asks them;
- *select*: the content selection on the tree just built (page by page, as
  ``extract_main`` runs them, so the cycle collector sees what it sees
  there);
- *unseen*: canon/5's scan of the markup for words in no text node
  (``unseen_identifiers``: alt texts, ``<meta>`` author and description);
  0 from html-content/6 on, whose tree builder collects them (in *build*);
- *canonicalise*: :func:`verify.normalize.canonicalize` on already extracted
  pages;
- *whole*: :func:`verify.pipeline.process_bytes` (all of it, digests and
  record included); *rest* is whole minus the phases above.

``--tree DIR`` imports ``verify`` from another checkout (main's, for the
figures before a change). ``--html GLOB`` (repeatable) times other pages
instead (a held-out set; ``**`` reaches into folders).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import inspect
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "html-boilerplate" / "html"


class _Nothing:
    """A parser target that keeps nothing: libxml2's own cost, plus lxml's
    dispatch of each event to Python."""

    def start(self, tag: str, attrs: object) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None


def _parse_floor(text: str) -> None:
    from lxml import etree

    parser = etree.HTMLParser(target=_Nothing(), recover=True)
    for start in range(0, len(text), 512):
        parser.feed(text[start : start + 512])
    parser.close()


def _cpu(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=ROOT, help="import verify from this checkout")
    parser.add_argument("--html", action="append", metavar="GLOB",
                        help="time these HTML pages instead of the boilerplate set (repeatable)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    from verify.ingest import html_content as hc
    from verify.ingest import html_folds as hf
    from verify.ingest.html import ingest_html
    from verify.normalize import canonicalize
    from verify.pipeline import Options, process_bytes

    if args.html:
        import glob

        paths = sorted({p for pattern in args.html for p in glob.glob(pattern, recursive=True)})
        pages = [Path(p).read_bytes() for p in paths if Path(p).is_file()]
    else:
        pages = [gzip.decompress(p.read_bytes()) for p in sorted(CORPUS.glob("*.gz"))]
    texts = [hc.decode_markup(p)[0] for p in pages]
    fresh = "fresh" in inspect.signature(hc._select).parameters
    extracted = [ingest_html(p) for p in pages]
    options = Options(timeout=None)

    def folded(tree: object) -> list[object]:
        """What this checkout's extract_main gives ``fold_tree``: the tag
        lists' sup, sub and noframes nodes where the builder keeps them."""
        if hasattr(tree, "tags") and hasattr(hc, "_in_order"):
            return hc._in_order(tree.tags, "sup", "sub", "noframes")  # type: ignore[no-any-return]
        return tree.order  # type: ignore[attr-defined,no-any-return]

    def parse_and_select() -> tuple[float, float, float]:
        """Per page, as extract_main does it (with its collector pause and
        tree dismantling where the code has them): parse, fold, select, drop."""
        paused = getattr(hc, "_collector_paused", contextlib.nullcontext)
        dismantle = getattr(hc, "_dismantle", lambda root: None)
        fold = getattr(hf, "fold_tree", None)
        parsing = folding = selecting = 0.0
        for text in texts:
            with paused():
                start = time.process_time()
                tree = hc.parse_with_lxml(text)
                middle = time.process_time()
                if fold is not None:
                    fold(folded(tree))
                folded_at = time.process_time()
                hc._select(tree, fresh=True) if fresh else hc._select(tree)
                selecting += time.process_time() - folded_at
                folding += folded_at - middle
                parsing += middle - start
                dismantle(tree)
                del tree  # inside the pause, as extract_main does
        return parsing, folding, selecting

    unseen = getattr(hf, "unseen_identifiers", lambda markup: ())
    if hasattr(hc, "_UNSEEN_SOURCES"):  # html-content/6: collected by the builder, in *build*
        unseen = lambda markup: ()  # noqa: E731
    triples = [parse_and_select() for _ in range(args.repeat)]
    rows = {
        "decode": _cpu(lambda: [hc.decode_markup(p) for p in pages], args.repeat),
        "parse floor": _cpu(lambda: [_parse_floor(t) for t in texts], args.repeat),
        "parse and build": statistics.median(p for p, _, _ in triples),
        "fold": statistics.median(f for _, f, _ in triples),
        "select": statistics.median(s for _, _, s in triples),
        "unseen": _cpu(lambda: [unseen(t) for t in texts], args.repeat),
        "canonicalise": _cpu(lambda: [canonicalize(e) for e in extracted], args.repeat),
        "whole": _cpu(lambda: [process_bytes(p, "x", options) for p in pages], args.repeat),
    }
    rows["build"] = rows["parse and build"] - rows["parse floor"]
    phases = ("decode", "parse and build", "fold", "select", "unseen", "canonicalise")
    rows["rest"] = rows["whole"] - sum(rows[k] for k in phases)
    import verify

    print(f"{len(pages)} pages, verify of {Path(verify.__file__).resolve().parent.parent}, "
          f"CPU seconds, median of {args.repeat}")
    print("| phase | seconds |\n|---|---|")
    for name in ("decode", "parse floor", "build", "parse and build", "fold", "select", "unseen",
                 "canonicalise", "rest", "whole"):
        print(f"| {name} | {rows[name]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
