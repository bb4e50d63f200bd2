"""Tests for the HTML main-content extractor (verify.ingest.html_content).

Real pages (tests/data/html/*.html.gz, see the README there) check that the
article stays and the site goes; a hand-made page full of site chrome is
checked exactly; hostile inputs must neither crash nor hang; and the two
front-ends must agree on everything.
"""

from __future__ import annotations

import gzip
import json
import re
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verify.errors import CorruptDocument
from verify.ingest.html_content import (
    MainContent,
    Node,
    Parse,
    decode_markup,
    extract_main,
    parse_with_bs4,
    parse_with_lxml,
)
from verify.ingest.html_content import _index

DATA = Path(__file__).parent / "data" / "html"
REPO = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((DATA / "real_pages.json").read_text("utf-8"))
FRONT_ENDS: list[Parse] = [parse_with_bs4, parse_with_lxml]


def _page(name: str) -> bytes:
    path = DATA / name
    return gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()


# --------------------------------------------------------------------------
# Real pages
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_keeps_body_and_records_furniture(name: str) -> None:
    result = extract_main(_page(name))
    case = EXPECTED[name]
    body = "\n".join(result.paragraphs)
    assert result.title == case["title"]
    assert result.encoding == "utf-8"
    for sentence in case["kept"]:
        assert sentence in body
    for chrome in case["removed"]:
        assert chrome in result.removed
        assert not any(chrome in p for p in result.paragraphs)


# --------------------------------------------------------------------------
# Hand-made page with every kind of site chrome
# --------------------------------------------------------------------------

SITE_CHROME_BODY = (
    "Field notes from the river survey",
    (
        "The survey team walked the whole length of the lower river in four days, "
        "counting birds, measuring the water and noting every bridge."
    ),
    (
        "Water levels were higher than in any previous spring, and the banks had "
        "moved by several metres near the old mill."
    ),
    "What we found",
    "Kingfishers nested at three new sites along the eastern bank.",
    "Two culverts were blocked and have been reported to the council.",
    "Rivers are the arteries of the land, said the oldest member of the team.",
)
SITE_CHROME_REMOVED = (
    "Skip to content",
    "We use cookies to improve your experience.",
    "Accept all cookies",
    "Example Site",
    "Home",
    "About us",
    "Home › Blog › Field notes",
    "Published on 3 March 2024 by A. Writer",
    "Hidden promotional text that no reader sees.",
    "Share on Facebook Share on X",
    "2 comments",
    "Great write-up, thanks for sharing all of this with us!",
    "Related posts",
    "Birds of the upper valley in winter",
    "Your email address",
    "Subscribe",
    "© 2024 Example Site. All rights reserved.",
    "Privacy policy",
    "Please enable JavaScript to see the comments.",
)


@pytest.mark.parametrize("parse", FRONT_ENDS)
def test_site_chrome_main_text_is_exact(parse: Parse) -> None:
    result = extract_main(_page("site_chrome.html"), parse=parse)
    assert result.paragraphs == SITE_CHROME_BODY
    assert result.title == "Field notes from the river survey"
    assert result.encoding == "utf-8"


def test_site_chrome_removed_blocks_are_on_record() -> None:
    result = extract_main(_page("site_chrome.html"))
    for chrome in SITE_CHROME_REMOVED:
        assert chrome in result.removed


def test_code_and_templates_are_neither_kept_nor_recorded() -> None:
    result = extract_main(_page("site_chrome.html"))
    everything = " ".join(result.paragraphs + result.removed)
    for invisible in ("SCRIPT TEXT", "STYLE TEXT", "Template text", "font-family"):
        assert invisible not in everything


# --------------------------------------------------------------------------
# Block structure
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "paragraphs"),
    [
        ("<p>one <b>two</b> <a href=x>three</a> f<i>ou</i>r</p>", ("one two three four",)),
        ("<p>line one<br>line two<br/>\n  line three</p>", ("line one line two line three",)),
        ("<div>lead text<p>inner</p>tail text</div>", ("lead text", "inner", "tail text")),
        ("<ul><li>first</li><li>second</li></ul>", ("first", "second")),
        ("<table><tr><th>head</th><td>cell</td></tr></table>", ("head", "cell")),
        ("<dl><dt>term</dt><dd>definition</dd></dl>", ("term", "definition")),
        ("<figure><img src=x><figcaption>caption</figcaption></figure>", ("caption",)),
        ("<h1>Title</h1><h2>Section</h2><p>text</p>", ("Title", "Section", "text")),
        # canon/3: a code block keeps its lines; canon/5: their indentation past the common one
        ("<pre>  spaced\n\n   out  </pre>", ("spaced\n out",)),
    ],
)
def test_blocks_split_and_inline_does_not(markup: str, paragraphs: tuple[str, ...]) -> None:
    assert extract_main(markup).paragraphs == paragraphs


def test_headings_inside_the_article_are_kept() -> None:
    prose = "A sentence long enough to count as prose, with a comma or two, here. " * 3
    markup = (
        f"<nav><a href=/>Home</a></nav><article><h1>Report</h1><p>{prose}</p>"
        f"<h2>Method</h2><p>{prose}</p></article><footer>Footer line</footer>"
    )
    result = extract_main(markup)
    assert result.paragraphs == ("Report", prose.strip(), "Method", prose.strip())
    assert result.removed == ("Home", "Footer line")


def test_hidden_boxes_are_removed_but_until_found_sections_stay() -> None:
    markup = (
        "<p>shown</p><div hidden>attr</div><div style='display: none'>style</div>"
        "<span aria-hidden=true>aria</span><div hidden=until-found>findable</div>"
    )
    result = extract_main(markup)
    assert result.paragraphs == ("shown", "findable")
    assert result.removed == ("attr", "style", "aria")


def test_title_falls_back_to_title_element() -> None:
    result = extract_main("<title> Page  title </title><p>Body text</p>")
    assert result.title == "Page title"
    assert extract_main("<p>no title at all</p>").title is None
    assert extract_main("<svg><title>icon</title></svg><p>text</p>").title is None


# --------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "encoding", "text"),
    [
        ("<p>café</p>".encode(), "utf-8", "café"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "utf-8", "café"),
        ("<p>café</p>".encode("utf-16"), "utf-16-le", "café"),
        (b"<meta charset=iso-8859-1><p>caf\xe9</p>", "cp1252", "café"),
        (b"<meta charset='utf-8'><p>caf\xe9 \x93quoted\x94</p>", "cp1252", "café “quoted”"),
        (b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", "koi8-r", "Привет"),
        (b"<meta charset=no-such-codec><p>plain</p>", "utf-8", "plain"),
    ],
)
def test_bytes_are_decoded_and_encoding_reported(markup: bytes, encoding: str, text: str) -> None:
    result = extract_main(markup)
    assert result.encoding == encoding
    assert result.paragraphs == (text,)


def test_str_input_reports_no_encoding() -> None:
    assert extract_main("\ufeff<p>x</p>") == MainContent(None, ("x",), (), None, (False,))


def test_decode_removes_control_characters() -> None:
    assert decode_markup(b"a\x00b\x07c\td") == ("abc\td", "utf-8")


# --------------------------------------------------------------------------
# Hostile input: no crash, no hang, no recursion error
# --------------------------------------------------------------------------

HOSTILE: dict[str, bytes | str] = {
    "empty_bytes": b"",
    "empty_str": "",
    "whitespace": " \n\t ",
    "no_body": "<html><head><title>T</title></head></html>",
    "comment_only": "<!-- nothing -->",
    "frameset": "<frameset><frame src=a></frameset>",
    "nul_bytes": b"\x00" * 1000,
    "xml_declaration": "<?xml version='1.0' encoding='utf-8'?><p>xml text</p>",
    "deep_divs": "<body>" + "<div>" * 10_000 + "deep text" + "</div>" * 10_000,
    "deep_unclosed": "<p>start" + "<span><div>" * 10_000,
    "deep_inline": "<p>" + "<b>" * 10_000 + "bold" + "</b>" * 10_000,
    "deep_tables": "<table><tr><td>" * 3_000 + "cell",
    # Around the depth cap, where the builder starts hoisting text (tails included).
    "nested_below_the_cap": "<div>" * 197 + "a<i>b<!-- c -->d</i>e" + "</div>f" * 197,
    "nested_past_the_cap": "<div>" * 199 + "a<i>b<span>c</span>d</i>e" + "</div>f" * 199,
    "huge_attribute": "<p class='" + "x" * 11_000_000 + "'>after the attribute</p>",
    "many_attributes": "<p " + " ".join(f"a{i}=1" for i in range(50_000)) + ">attrs</p>",
    "binary_garbage": random.Random(0).randbytes(200_000),
    "unclosed_everything": "<div><p><ul><li><table><tr><td><a href='x",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_survived_alike_by_both_front_ends(name: str) -> None:
    results = []
    for parse in FRONT_ENDS:
        start = time.perf_counter()
        results.append(extract_main(HOSTILE[name], parse=parse))
        assert time.perf_counter() - start < 3
    assert results[0] == results[1]
    paragraphs = results[0].paragraphs
    assert all(isinstance(p, str) and p == " ".join(p.split()) for p in paragraphs)


@pytest.mark.parametrize(
    ("name", "paragraphs"),
    [
        ("empty_bytes", ()),
        ("empty_str", ()),
        ("whitespace", ()),
        ("no_body", ()),
        ("comment_only", ()),
        ("nul_bytes", ()),
        ("xml_declaration", ("xml text",)),
        ("deep_divs", ("deep text",)),
        ("deep_inline", ("bold",)),
        ("huge_attribute", ("after the attribute",)),
        ("many_attributes", ("attrs",)),
    ],
)
def test_hostile_input_gives_what_is_there(name: str, paragraphs: tuple[str, ...]) -> None:
    assert extract_main(HOSTILE[name]).paragraphs == paragraphs


def test_no_body_still_has_a_title() -> None:
    assert extract_main(HOSTILE["no_body"]).title == "T"


def test_parser_failure_is_a_corrupt_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import bs4

    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("parser blew up")

    monkeypatch.setattr(bs4, "BeautifulSoup", explode)
    with pytest.raises(CorruptDocument) as caught:
        extract_main(b"<p>x</p>")
    assert isinstance(caught.value.__cause__, ValueError)
    assert caught.value.code == "ingest.corrupt"


def test_wrong_input_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        extract_main(123)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Front-ends agree; output is deterministic
# --------------------------------------------------------------------------

ALL_FIXTURES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".gz", ".html")))


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_front_ends_agree_on_fixtures(name: str) -> None:
    markup = _page(name)
    assert extract_main(markup, parse=parse_with_bs4) == extract_main(markup, parse=parse_with_lxml)


def test_same_input_same_output() -> None:
    markup = _page("thehill_inline_popup_links.html.gz")
    assert extract_main(markup) == extract_main(markup)


_RUN_IN_CHILD = """
import gzip, sys
from verify.ingest.html_content import extract_main
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    data = gzip.decompress(data) if path.endswith('.gz') else data
    print(repr(extract_main(data)))
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    paths = [str(DATA / "site_chrome.html"), str(DATA / "comwrap_german_blog.html.gz")]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _RUN_IN_CHILD, *paths],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]
    assert outputs[0] == outputs[1]
    assert "Field notes from the river survey" in outputs[0]


def test_collapse_knows_the_whitespace_of_the_regex_it_replaced() -> None:
    """``_collapse`` splits on ``str.isspace``; the selection was made with ``\\s+``."""
    from verify.ingest.html_content import _collapse

    every = "".join(chr(i) + "x" for i in range(0x110000))
    assert _collapse(every) == re.sub(r"\s+", " ", every).strip()


# --------------------------------------------------------------------------
# Speed paths (issue 10): each must give what the plain path gives
# --------------------------------------------------------------------------


def test_control_bytes_are_exactly_the_control_characters() -> None:
    from verify.ingest.html_content import _CONTROL, _CONTROL_BYTES, _CONTROLS_FROM_BYTES_ONLY

    every_control = [c for c in map(chr, range(0x110000)) if _CONTROL.match(c)]
    assert "".join(map(chr, _CONTROL_BYTES)) == "".join(every_control)
    for codec in _CONTROLS_FROM_BYTES_ONLY:
        for byte in range(256):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            assert (_CONTROL.match(char) is not None) == (byte in _CONTROL_BYTES), (codec, byte)


@pytest.mark.parametrize("markup", [
    b"<p>a\x01b</p>", b"<p>\xe9t\xe9\x7f\x1b</p>", "<p>s\x02</p>".encode("utf-16"),  # control bytes
    b"<p>plain \xe2\x80\x94 text\x0c</p>", b"<p>caf\xe9</p>",  # none (a form feed is not one)
])
def test_decoding_removes_control_characters_whichever_path(markup: bytes) -> None:
    from verify.ingest.html_content import _CONTROL

    text, codec = decode_markup(markup)
    assert codec is not None and not _CONTROL.search(text)
    plain = markup.decode(codec, "replace").removeprefix("\ufeff")
    assert text == _CONTROL.sub("", plain)
    assert (text == plain) == (not _CONTROL.search(plain))


@pytest.mark.parametrize("parse", FRONT_ENDS)
@pytest.mark.parametrize("name", [*sorted(EXPECTED)[:3], "nested_past_the_cap"])
def test_builder_order_is_the_document_order(parse: Parse, name: str) -> None:
    from verify.ingest.html_content import _Document, _index

    markup = HOSTILE[name] if name in HOSTILE else _page(name)
    root = parse(decode_markup(markup)[0])
    assert isinstance(root, _Document)
    made = list(root.order)
    assert len(made) > 150
    assert [n.index for n in made] == list(range(len(made)))
    assert _index(root) == made  # the walk that the selection no longer needs


@pytest.mark.parametrize("running", [True, False])
def test_the_cycle_collector_is_left_as_it_was_found(running: bool) -> None:
    import gc

    def failing(text: str) -> Node:
        raise CorruptDocument("no")

    was = gc.isenabled()
    try:
        (gc.enable if running else gc.disable)()
        extract_main(_page(sorted(EXPECTED)[0]), parse=parse_with_lxml)
        assert gc.isenabled() is running
        with pytest.raises(CorruptDocument):
            extract_main("<p>x</p>", parse=failing)
        assert gc.isenabled() is running
    finally:
        (gc.enable if was else gc.disable)()


def test_the_tree_is_taken_apart_after_use(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from verify.ingest import html_content

    trees: list[Node] = []
    dismantle = html_content._dismantle

    def keeping(root: Node) -> None:
        trees.append(root)
        dismantle(root)

    monkeypatch.setattr(html_content, "_dismantle", keeping)
    result = extract_main(_page(sorted(EXPECTED)[0]), parse=parse_with_lxml)
    assert result.paragraphs and len(trees) == 1
    nodes = _index(trees[0])
    assert len(nodes) > 150 and all(node.parent is None for node in nodes)
    assert trees[0].order == []  # type: ignore[attr-defined]  # the root's list of itself, emptied
    assert not any(isinstance(r, Node) for n in nodes[:40] for r in gc.get_referrers(n))  # no way up


def test_a_tree_from_another_parser_is_left_whole() -> None:
    kept: list[Node] = []

    def other(text: str) -> Node:
        kept.append(parse_with_lxml(text))
        return kept[-1]

    page = _page(sorted(EXPECTED)[0])
    assert extract_main(page, parse=other) == extract_main(page, parse=parse_with_lxml)
    again = extract_main(page, parse=lambda text: kept[0])  # the same tree read twice
    assert again == extract_main(page, parse=parse_with_lxml)
    assert all(n.parent is not None for n in _index(kept[0])[1:])


@pytest.mark.parametrize("depth", [255, 257, 300, 2_049])
def test_text_below_libxml2s_tree_limits_is_kept(depth: int) -> None:
    """libxml2's own tree stops at 256 levels (2,048 with ``huge_tree``) and
    drops the rest without an error; the front-ends must not."""
    page = "<body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth + "<p>after the depths</p>"
    for parse in FRONT_ENDS:
        result = extract_main(page, parse=parse)
        assert "deep text" in " ".join(result.paragraphs)
        assert "after the depths" in " ".join(result.paragraphs)


@pytest.mark.parametrize("parse", FRONT_ENDS)
def test_the_tree_is_freed_when_extraction_returns(parse: Parse) -> None:
    """Nothing keeps the page's tree alive afterwards: lxml's parser keeps
    its target (the builder) after parsing, and the builder lets go of the
    tree when closed (at most its fresh empty root is left)."""
    import gc

    page = _page(sorted(EXPECTED)[0])
    gc.collect()
    before = sum(isinstance(o, Node) for o in gc.get_objects())
    was = gc.isenabled()
    gc.disable()
    try:
        assert extract_main(page, parse=parse).paragraphs
        after = sum(isinstance(o, Node) for o in gc.get_objects())
    finally:
        if was:
            gc.enable()
    assert after - before <= 1


def test_subtree_runs_flag_what_the_ancestor_walk_flags() -> None:
    from verify.ingest.html_content import _inside, _subtree_ends

    root = parse_with_lxml(decode_markup(_page(sorted(EXPECTED)[1]))[0])
    order = _index(root)
    ends = _subtree_ends(order)
    rng = random.Random(7)
    for size in (0, 1, 5, 50, len(order) // 2):
        marked = set(rng.sample(range(len(order)), size))
        walked = [False] * len(order)
        for node in order:  # the plain definition: marked, or under a marked ancestor
            parent = node.parent
            walked[node.index] = node.index in marked or (parent is not None and walked[parent.index])
        assert _inside(ends, marked) == walked


# --------------------------------------------------------------------------
# Fast forms against their plain definitions (issue 10, branch htmlspeed2)
# --------------------------------------------------------------------------


def _walked_sums(order: list[Node], base: list[int]) -> list[int]:
    """The plain definition of a subtree sum: each node adds into its parent,
    last node first."""
    sums = list(base)
    for node in reversed(order):
        if node.parent is not None:
            sums[node.parent.index] += sums[node.index]
    return sums


@pytest.mark.parametrize("name", sorted(EXPECTED)[:4])
def test_prose_and_link_counts_are_the_subtree_sums(name: str) -> None:
    from verify.ingest.html_content import (
        _blocks,
        _inline_furniture_flags,
        _link_counts,
        _link_flags,
        _prose,
        _stats,
        _subtree_ends,
    )

    root = parse_with_lxml(decode_markup(_page(name))[0])
    order = _index(root)
    ends = _subtree_ends(order)
    links = _link_flags(order)
    blocks = _blocks(root, order, _inline_furniture_flags(order), links)
    assert any(_stats(order, blocks).prose)  # a page with prose: the sums are tested
    assert _prose(len(order), blocks, ends) == _stats(order, blocks).prose
    assert _link_counts(order, links, ends) == _walked_sums(order, [int(f) for f in links])
    assert sum(links) > 1


_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2000\u2028\u3000"


def test_collapsed_length_is_the_length_of_the_collapsed_pieces() -> None:
    from verify.ingest.html_content import _collapse, _collapsed_length

    rng = random.Random(10)
    alphabet = _SPACES + "ab\u00e9\u200b"
    for _ in range(2000):
        pieces = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
                  for _ in range(rng.randrange(1, 5))]
        assert _collapsed_length(pieces) == sum(len(_collapse(p)) for p in pieces)


def test_blocks_carry_their_link_density() -> None:
    from verify.ingest.html_content import _blocks, _inline_furniture_flags, _link_flags

    root = parse_with_lxml(decode_markup(
        b"<p>plain text here</p><p>see <a href='/x'>a  link</a> and  more</p><p><a href='/y'>all</a></p>")[0])
    order = _index(root)
    blocks = _blocks(root, order, _inline_furniture_flags(order), _link_flags(order))
    assert [(b.text, b.link_chars) for b in blocks] == [
        ("plain text here", 0), ("see a link and more", 6), ("all", 3)]
    assert [b.link_density for b in blocks] == [0.0, 6 / 19, 1.0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_furniture_search_passing_over_found_subtrees_drops_the_same(name: str) -> None:
    from verify.ingest.html_content import (
        _blocks,
        _furniture,
        _generated_document,
        _inline_furniture_flags,
        _inside,
        _link_flags,
        _marked_mains,
        _prose,
        _subtree_ends,
    )

    root = parse_with_lxml(decode_markup(_page(name))[0])
    order = _index(root)
    ends = _subtree_ends(order)
    inline = _inline_furniture_flags(order)
    blocks = _blocks(root, order, inline, _link_flags(order))
    prose, mains = _prose(len(order), blocks, ends), _marked_mains(order)
    names = not _generated_document(order)
    every = _furniture(order, prose, inline, mains, names=names)
    outermost = _furniture(order, prose, inline, mains, names=names, ends=ends)
    assert outermost <= every
    assert _inside(ends, outermost) == _inside(ends, every)
