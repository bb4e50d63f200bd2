"""Coverage: the share of a page's visible body text that reaches the canonical text.

Usage::

    python bench/coverage.py [--limit N] [--worst K] [--kind KIND ...]

For every page, the *visible words* are the words of the page's body text as
a browser shows it (no ``head``, scripts, styles, templates, nor elements
hidden by attribute or inline style), tokenised with ``\\w+`` after NFKC and
case folding; the *kept words* are the same tokens of the canonical text
(``verify ingest``: selection, then the canonical profile). Coverage is the
multiset share of visible tokens that are kept. A page whose coverage is low
must carry a ``canon.empty`` or ``canon.low-coverage`` warning in its record:
the script counts the *silent* losses (coverage under 0.5 and no warning).

The *body text* (the measure of issue 9's target, added in canon3) is
defined by markup alone, not by verify's selection: the visible text minus
what is inside ``nav``, ``header``, ``footer``, ``aside`` or an element with
role ``navigation``, ``banner`` or ``contentinfo``, minus the blocks (text
between two block-element boundaries) whose text is more than half link text
(menus, tables of contents, link rows). The old measure of all visible words
is still printed beside it.

The *body text without the site template* (added in the lead's round of
2026-12-01) also takes out the blocks that recur verbatim on at least half
of the pages of the page's folder (a folder of at least ``TEMPLATE_PAGES``
pages of the kind): text the site's template puts on every page (mdBook's
keyboard-help popup and theme menu, hidden by a style sheet, not by markup),
shown by the site's own pages and not by verify's selection. The worst pages
are listed by it; every other column is the measure it was.

Kinds (real pages on this machine or in ../shared/corpora):

- ``documentation``: /usr/share/doc/**/*.html (texinfo, gtk-doc, DocBook,
  Node API docs, Sphinx ...), all site chrome of those pages is navigation.
- ``news``: ../shared/corpora/html-boilerplate (181 news and blog pages);
  their chrome is large, so coverage of *visible* text is expected to be low
  there; the main-content F1 (bench/html_f1.py) is the measure of quality.
- ``plain-text``: /usr/share/common-licenses/* and /usr/share/doc/*/copyright
  (legal notices): plain text keeps every line but a proven header.
- ``held-out-docs``: documentation never looked at while tuning canon/2: the
  Rust toolchain's HTML docs in ~/.rustup (mdBook: the Rust Book, error codes;
  rustdoc: a sample of the std API pages), every 4th page in path order.
- ``books``: the plain-text renderings of ../shared/corpora/same-document-multiple-formats
  (bash manual and article) and the seeds (government statements).
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.ingest.html_content import (  # noqa: E402 - after the path set-up above
    UNSEEN_TAGS,
    Node,
    _is_hidden,
    decode_markup,
    parse_with_lxml,
)
from verify.pipeline import process_bytes  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


def visible_text(markup: bytes, links: bool = True) -> str:
    """The body text a browser shows: no head, scripts, styles, hidden
    elements; with ``links=False``, the reading text: no link text either
    (menus, tables of contents and link rows are navigation)."""
    text, _ = decode_markup(markup)
    root = parse_with_lxml(text)
    parts: list[str] = []
    stack: list[Node | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if _unseen(item):
            continue
        if not links and item.tag == "a":
            continue
        parts.append(" ")
        stack.extend(reversed(item.children))
    return "".join(parts)


def _unseen(node: Node) -> bool:
    return node.tag in UNSEEN_TAGS or node.tag in ("head", "noscript") or _is_hidden(node)


#: Elements and ARIA roles that HTML itself names as navigation and site chrome.
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo"})
#: HTML's phrasing (inline) elements: they never end a block of text.
_INLINE = ("a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label "
           "mark nobr q rp rt ruby s samp small span strike strong sub sup time tt u var wbr")
INLINE_TAGS = frozenset(_INLINE.split())
#: A block whose text is more than this share link text is a link row (a menu, a TOC).
LINK_ROW = 0.5


#: A folder needs this many pages of a kind before its recurring blocks count as template.
TEMPLATE_PAGES = 5


def template_blocks(bodies: dict[str, list[str]]) -> dict[str, set[str]]:
    """Per page name: the blocks of its body text that recur verbatim on at
    least half of the pages of its folder (the site's template)."""
    folders: dict[str, list[str]] = {}
    for name in bodies:
        folders.setdefault(str(Path(name).parent), []).append(name)
    out: dict[str, set[str]] = {}
    for names in folders.values():
        counts: Counter[str] = Counter()
        for name in names:
            counts.update(set(bodies[name]))
        common = ({b for b, n in counts.items() if 2 * n >= len(names)}
                  if len(names) >= TEMPLATE_PAGES else set())
        out.update((name, common) for name in names)
    return out


def body_text(markup: bytes) -> str:
    """The visible *body* text, defined by markup alone (not by verify's
    selection): the visible text (:func:`visible_text`) without what is
    inside ``nav``, ``header``, ``footer``, ``aside`` or an element whose
    role is ``navigation``, ``banner`` or ``contentinfo``, and without the
    blocks (text between two block-element boundaries) that are mostly
    link text."""
    text, _ = decode_markup(markup)
    blocks: list[str] = []
    run: list[tuple[str, bool]] = []
    stack: list[tuple[Node | str | None, bool]] = [(parse_with_lxml(text), False)]
    while stack:
        item, in_link = stack.pop()
        if isinstance(item, str):
            run.append((item, in_link))
        elif item is None:
            _close_block(run, blocks)
        elif not (_unseen(item) or item.tag in CHROME_TAGS or item.attrs.get("role") in CHROME_ROLES):
            block = item.tag not in INLINE_TAGS
            if block:
                _close_block(run, blocks)
                stack.append((None, False))
            linked = in_link or item.tag == "a"
            stack.extend((child, linked) for child in reversed(item.children))
    _close_block(run, blocks)
    return "\n".join(blocks)


def _close_block(run: list[tuple[str, bool]], out: list[str]) -> None:
    text = " ".join("".join(t for t, _ in run).split())
    linked = sum(len(" ".join(t.split())) for t, in_link in run if in_link)
    if text and linked <= LINK_ROW * len(text):
        out.append(text)
    run.clear()


def pages(kind: str) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, how to read visible text) for each page of a kind."""
    if kind == "documentation":
        for path in sorted(Path("/usr/share/doc").rglob("*.html")):
            if path.is_file():
                yield str(path), path.read_bytes(), "html"
    elif kind == "news":
        for path in sorted((SHARED / "html-boilerplate" / "html").glob("*.html.gz")):
            yield path.name, gzip.decompress(path.read_bytes()), "html"
    elif kind == "plain-text":
        paths = sorted(Path("/usr/share/common-licenses").iterdir()) + sorted(
            Path("/usr/share/doc").glob("*/copyright"))
        for path in paths:
            if path.is_file() and not path.is_symlink():
                yield str(path), path.read_bytes(), "text"
    elif kind == "held-out-docs":
        docs = sorted(Path.home().glob(".rustup/toolchains/stable-*/share/doc/rust/html"))
        if docs:
            root = docs[0]
            paths = (sorted((root / "book").glob("ch*.html"))
                     + sorted((root / "error_codes").glob("E0*.html"))
                     + sorted((root / "std").glob("*/struct.*.html")))
            for path in paths[::4]:
                yield str(path.relative_to(root)), path.read_bytes(), "html"
    elif kind == "books":
        group = SHARED / "same-document-multiple-formats"
        for path in sorted(group.rglob("*.txt")) + sorted(group.rglob("*.text")):
            yield str(path.relative_to(SHARED)), path.read_bytes(), "text"
        for path in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")):
            yield "seeds/" + path.name, path.read_bytes(), "text"


def _visible(data: bytes, how: str, links: bool = True) -> str:
    if how == "html":
        return visible_text(data, links)
    text = data.decode("utf-8", errors="replace")
    return re.sub(".\b", "", text)  # nroff overstrike shows one letter


def _share(seen: Counter[str], kept: Counter[str]) -> float:
    total = sum(seen.values())
    return sum(min(n, kept[t]) for t, n in seen.items()) / total if total else 1.0


def measure(name: str, data: bytes, how: str, template: set[str] | frozenset[str] = frozenset(),
            ) -> tuple[float, int, bool, str, float, float, float]:
    """(coverage, visible words, warned, first warning, coverage of the
    reading text, coverage of the body text, coverage of the body text
    without the site's ``template`` blocks) of one page."""
    seen = tokens(_visible(data, how))
    record = process_bytes(data, name)
    kept = tokens(record.text or "")
    total = sum(seen.values())
    share = _share(seen, kept)
    reading = _share(tokens(_visible(data, how, links=False)), kept)
    blocks = body_text(data).split("\n") if how == "html" else []
    body = _share(tokens("\n".join(blocks)), kept) if how == "html" else share
    own = _share(tokens("\n".join(b for b in blocks if b not in template)), kept) if how == "html" else share
    warns = [w for w in record.warnings if w.startswith("canon.")]
    if record.error:
        warns.append(f"error: {record.error_code}")
    return share, total, bool(warns), (warns[0][:60] if warns else ""), reading, body, own


def _p10(values: list[float]) -> float:
    values = sorted(values)
    return values[int(0.1 * (len(values) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", action="append",
                        choices=["documentation", "held-out-docs", "news", "plain-text", "books"])
    parser.add_argument("--limit", type=int, default=0, help="pages per kind (0: all)")
    parser.add_argument("--worst", type=int, default=8)
    args = parser.parse_args(argv)
    kinds = args.kind or ["documentation", "held-out-docs", "news", "plain-text", "books"]
    print("| kind | pages | all visible text: p10 | median | under 0.5 | silent losses (<0.5, no warning) "
          "| reading text (no link text): p10 | median | body text (no chrome, no link rows): p10 "
          "| median | body text without the site template: p10 | median |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    worst_all: list[tuple[str, tuple[float, int, bool, str, float, float, float], str]] = []
    for kind in kinds:
        results = []
        chosen = [page for i, page in enumerate(pages(kind)) if not args.limit or i < args.limit]
        template = template_blocks({name: body_text(data).split("\n")
                                    for name, data, how in chosen if how == "html"})
        for name, data, how in chosen:
            result = measure(name, data, how, template.get(name, frozenset()))
            if result[1] >= 20:  # pages with fewer visible words say nothing
                results.append((name, result))
        if not results:
            continue
        shares = [r[0] for _, r in results]
        low = [r for r in results if r[1][0] < 0.5]
        silent = [r for r in low if not r[1][2]]
        reading = [r[4] for _, r in results]
        body = [r[5] for _, r in results]
        own = [r[6] for _, r in results]
        print(f"| {kind} | {len(results)} | {_p10(shares):.3f} | {statistics.median(shares):.3f} | "
              f"{len(low)} | {len(silent)} | {_p10(reading):.3f} | {statistics.median(reading):.3f} | "
              f"{_p10(body):.3f} | {statistics.median(body):.3f} | {_p10(own):.3f} | "
              f"{statistics.median(own):.3f} |", flush=True)
        worst_all.extend((kind, r, name) for name, r in sorted(results, key=lambda x: x[1][6])[:args.worst])
    print("\nworst pages (by coverage of the body text without the site template):\n")
    print("| kind | page | without template | body text | all visible | reading text | visible words "
          "| warning |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, (share, total, _, warn, reading, body, own_share), name in worst_all:
        print(f"| {kind} | {name} | {own_share:.3f} | {body:.3f} | {share:.3f} | {reading:.3f} | {total} "
              f"| {warn or '-'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
