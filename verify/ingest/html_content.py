"""Main-content extraction from HTML: keep the document, drop the site.

A web page carries the document (an article, a report) inside site
furniture: navigation, banners, cookie notices, sidebars, share widgets,
comment threads.  The canonical hash promises to identify *what a document
says* (DESIGN.md), so the furniture must go, and what went must be on
record for the auditor.  :func:`extract_main` returns both.

The module is split in three layers so a faster parser can serve later
without changing any output:

1. *Decoding* (:func:`decode_markup`): bytes to text, shared by every
   front-end, so the encoding never depends on the parser.
2. *Front-ends* (:func:`parse_with_bs4`, the reference, and
   :func:`parse_with_lxml`): parse the text and build a small neutral tree
   of :class:`Node` objects.  Scripts, styles, templates, comments and
   processing instructions never enter it; depth is capped at
   :data:`MAX_DEPTH`, deeper text being hoisted into the deepest kept node.
3. *Selection* (everything else): works on the neutral tree only.

No function here recurses over the document tree, so hostile nesting cannot
exhaust the stack, and no function does I/O.
"""

from __future__ import annotations

import codecs
import functools
import gc
import re
import warnings
from collections import defaultdict
from itertools import accumulate, compress
from operator import attrgetter, sub
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from verify.errors import CorruptDocument
from verify.ingest.html_folds import MAX_PIECES, code_text, fold_tree, unseen_piece
from verify.ingest.sniff import wide_markup

__all__ = [
    "MAX_DEPTH",
    "SELECTOR_VERSION",
    "MainContent",
    "Node",
    "Parse",
    "decode_markup",
    "extract_main",
    "extract_main_with_markup",
    "parse_with_bs4",
    "parse_with_lxml",
    "select_main",
]

SELECTOR_VERSION = "html-content/6"
"""Version of the selection rules.  Any change that alters the output for
some page is a new version (DESIGN.md: profiles are versioned); record it
beside the parser versions in every extraction record."""

MAX_DEPTH = 200
"""Deepest element level kept in the neutral tree.

libxml2's tree builder stops at 256 levels while its event interface does
not; capping below both keeps the two front-ends identical and keeps every
later walk cheap.  Text below the cap is kept, not lost."""

MAX_ATTR = 256
"""Attribute values are cut to this many characters: the selector only
looks for hints such as ``sidebar`` in them, and a hostile 10 MB class
attribute must not cost 10 MB of regex work."""


@dataclass(frozen=True)
class MainContent:
    """What a page says, what was taken out, and how the bytes were read."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...]
    encoding: str | None
    #: For each paragraph: is it a code block (``pre``), whose lines
    #: (joined by ``\n``) are its content?
    code: tuple[bool, ...] = ()
    #: The head's ``<title>``: shown in the browser's tab, not on the page.
    head_title: str | None = None
    #: The words of the page in no text node, as
    #: :func:`verify.ingest.html_folds.unseen_identifiers` finds them,
    #: collected by this module's front-ends as they build (html-content/6);
    #: None from any other front-end (the markup is then scanned). Not
    #: compared: a carrier, read into the record's removed pieces
    #: (``verify.ingest.html``); equality is of what the selector decides.
    unseen: tuple[str, ...] | None = field(default=None, compare=False)


@dataclass(eq=False, slots=True)
class Node:
    """One element of the neutral tree: all the selector ever sees.

    ``attrs`` holds only the attributes in :data:`KEPT_ATTRS`, lower-cased
    and whitespace-collapsed; ``children`` mixes nodes and text, adjacent
    texts merged.  Identity, not value, is what compares.
    """

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None
    index: int = 0

    def elements(self) -> Iterator[Node]:
        """The element children, in order."""
        return (c for c in self.children if isinstance(c, Node))


@dataclass(eq=False, slots=True)
class _Document(Node):
    """The root of a tree made by :class:`_TreeBuilder`, with its nodes in
    document order as they were made, itself first (``order[i].index == i``): the
    selection then need not walk the tree to number them. ``tags`` holds
    the same nodes by tag, each list in document order (:func:`_tag_lists`):
    a question about one kind of element (``pre``, ``a``, ``dt``) reads its
    few nodes, not the whole order."""

    order: list[Node] = field(default_factory=list)
    tags: defaultdict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    #: html-content/6: the words of the page in no text node
    #: (:func:`verify.ingest.html_folds.unseen_piece`), collected as built.
    unseen: list[str] = field(default_factory=list)


_new_node = object.__new__
Parse = Callable[[str], Node]
"""A front-end: decoded markup in, neutral tree out."""

KEPT_ATTRS = frozenset(
    {"id", "class", "role", "itemprop", "hidden", "aria-hidden", "style", "aria-label",
     "name", "content", "href"}
)
UNSEEN_TAGS = frozenset({"script", "style", "template"})
"""Never text of the document: dropped by the front-ends, not recorded."""


# --------------------------------------------------------------------------
# Layer 1: decoding
# --------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)""")
_WEB_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
"""Labels that browsers decode with a superset (WHATWG Encoding standard):
pages labelled Latin-1 use windows-1252 quotes, Shift_JIS pages use
Windows-31J characters, and so on."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_markup(markup: bytes | str) -> tuple[str, str | None]:
    """Turn bytes into text the way a browser would, parser-independently.

    A byte-order mark wins, then a declared charset (``<meta>`` or XML
    declaration in the first 4 KiB) if it decodes cleanly, then UTF-8, then
    windows-1252 with replacement (the web's default, which never fails).
    Latin-1 and ASCII labels mean windows-1252, as in the HTML standard.
    C0 control characters are removed: they are never text and libxml2
    rejects some of them.
    """
    text, encoding, _ = _decode(markup)
    return text, encoding


def _decode(markup: bytes | str) -> tuple[str, str | None, bool]:
    """:func:`decode_markup`, and whether its text is exactly
    ``markup.decode(encoding, "replace")`` (bytes with no byte-order mark
    and no control character taken out): the markup as
    :func:`verify.ingest.html_folds.unseen_identifiers` reads it, which then
    need not be decoded a second time."""
    if isinstance(markup, str):
        return _CONTROL.sub("", markup.removeprefix("\ufeff")), None, False
    for bom, name in _BOMS:
        if markup.startswith(bom):
            return _without_controls(markup[len(bom) :].decode(name, "replace"), markup, name), name, False
    wide = wide_markup(markup[:64])  # UTF-16/32 with no byte-order mark, told by its first "<"
    if wide is not None:
        return _without_controls(markup.decode(wide, "replace"), markup, wide), wide, False
    for name in _candidate_encodings(markup[:4096]):
        try:
            decoded = markup.decode(name)  # strict: as with "replace", since it succeeds
        except UnicodeDecodeError:
            continue
        text = _without_controls(decoded, markup, name)
        return text, name, text is decoded
    decoded = markup.decode("cp1252", "replace")
    text = _without_controls(decoded, markup, "cp1252")
    return text, "cp1252", text is decoded


_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0E, 0x20)) + b"\x7f"
"""The bytes of :data:`_CONTROL`'s characters in UTF-8 and windows-1252."""
_CONTROLS_FROM_BYTES_ONLY = frozenset({"utf-8", "cp1252"})
"""Codecs in which a control character can only come from its own byte
(UTF-8 multi-byte sequences use bytes >= 0x80 only; windows-1252 maps no
byte >= 0x80 to a C0 control or DEL)."""


def _without_controls(text: str, markup: bytes, codec: str) -> str:
    """``text`` (decoded from ``markup``) without control characters. The
    regex runs only when a control byte is there: deleting bytes in C is
    about five times faster than searching the text, and pages rarely have
    any."""
    if codec in _CONTROLS_FROM_BYTES_ONLY and len(markup.translate(None, _CONTROL_BYTES)) == len(markup):
        return text
    return _CONTROL.sub("", text)


def _candidate_encodings(head: bytes) -> list[str]:
    """Declared encoding (if Python knows it) followed by UTF-8."""
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    names = []
    if found:
        name = _codec_name(found.group(1).decode("ascii", "replace"))
        if name and not name.startswith("utf-16") and not name.startswith("utf-32"):
            names.append(name)
    if "utf-8" not in names:
        names.append("utf-8")
    return names


def _codec_name(label: str) -> str | None:
    """Python's canonical codec name for a charset label, or None."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WEB_SUPERSETS.get(name, name)


# --------------------------------------------------------------------------
# Layer 2: front-ends (parsed document -> neutral tree)
# --------------------------------------------------------------------------


def _clean_attr(value: str) -> str:
    """Attribute value as the selector sees it: cut, collapsed, lower-case."""
    return " ".join(value[: MAX_ATTR * 4].split())[:MAX_ATTR].lower()


class _TreeBuilder:
    """Builds the neutral tree from start/data/end events.

    Both front-ends feed it, which is what makes them agree: the depth cap,
    the unseen tags and the text merging live in one place. It is also
    lxml's parser target itself (``start(tag, attrib)``, ``end(tag)``,
    ``data``, ``close``): one Python call per parser event, no adapter.
    """

    def __init__(self) -> None:
        self.root = _Document("#document", {}, [])
        self.root.order.append(self.root)
        self.root.tags["#document"].append(self.root)
        self._tags = self.root.tags
        self._open: list[Node] = [self.root]
        #: Elements open in the source, kept or not (the old list of their names).
        self._depth = 0
        self._unseen = 0
        #: ``pre`` elements open and kept: white space inside them is kept.
        self._pre = 0
        #: ``a`` elements open and kept: inline elements inside them are
        #: built, as the pieces of a link's text count its characters
        #: (:func:`_collapsed_length`).
        self._links = 0
        #: Attribute values as :func:`_clean_attr` leaves them: class names repeat.
        self._cleaned: dict[str, str] = {}

    def start(self, tag: str, attrs: Mapping[str, str]) -> None:
        self._depth += 1
        if self._unseen or tag in UNSEEN_TAGS:
            self._unseen += 1
            return
        if tag in _UNSEEN_SOURCES and attrs and len(self.root.unseen) < MAX_PIECES:
            piece = unseen_piece(tag, attrs)
            if piece:
                self.root.unseen.append(piece)
        opened = self._open
        if len(opened) > MAX_DEPTH:
            return
        parent = opened[-1]
        if (tag in _PLAIN_INLINE and not self._links and (not attrs or _MARKING_ATTRS.isdisjoint(attrs))
                and parent.tag != "dt"):
            # html-content/6: a plain inline element is not built; its text
            # joins its parent's (it pushes the parent again, so its end
            # closes nothing and the depth is counted as in the source).
            opened.append(parent)
            return
        kept = {}
        if attrs:
            cleaned = self._cleaned
            for name, value in attrs.items():
                if name in KEPT_ATTRS:
                    clean = cleaned.get(value)
                    if clean is None:
                        clean = cleaned[value] = _clean_attr(value)
                    kept[name] = clean
        if tag in _METADATA_TAGS and not _kept_metadata(kept):
            opened.append(parent)  # html-content/6: invisible metadata, not built
            return
        order = self.root.order
        node = _new_node(Node)  # Node(tag, kept, [], parent, len(order)) without a Python call
        node.tag = tag
        node.attrs = kept
        node.children = []
        node.parent = parent
        node.index = len(order)
        order.append(node)
        self._tags[tag].append(node)
        parent.children.append(node)
        opened.append(node)
        if tag in _COUNTED_TAGS:
            if tag == "pre":
                self._pre += 1
            else:
                self._links += 1

    def end(self, tag: str | None = None) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._unseen:
            self._unseen -= 1
            return
        opened = self._open
        if len(opened) - 1 > self._depth:
            node = opened.pop()
            if opened[-1] is not node and node.tag in _COUNTED_TAGS:  # (not a plain element's end)
                if node.tag == "pre":
                    self._pre -= 1
                else:
                    self._links -= 1

    def data(self, text: str) -> None:
        if self._unseen or not text:
            return
        node = self._open[-1]
        children = node.children
        if children:
            last = children[-1]
            if last.__class__ is str:
                children[-1] = last + text
                return
            # html-content/6: white space after a block element, outside
            # ``pre``, can never show (the block cutting drops white space
            # that opens a run, and a block element's end closes the run).
            if (not self._pre and last.tag not in _INLINE_TAGS and last.tag != "head"  # type: ignore[union-attr]
                    and node.tag not in _INLINE_TAGS and text.isspace()):
                return
        elif not self._pre and node.tag not in _INLINE_TAGS and text.isspace():
            return  # ... nor can white space opening a block element
        children.append(text)

    def close(self) -> Node:
        """The tree; the builder lets go of it (lxml's parser, which holds
        the builder, sits in a reference cycle: it would keep the whole tree
        alive until the cycle collector ran)."""
        root = self.root
        self.root = _Document("#document", {}, [])
        self._tags = self.root.tags
        self._open = [self.root]
        self._pre = self._links = 0
        return root


_PLAIN_INLINE = frozenset({
    "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "time", "tt", "u", "var"})
"""Inline elements whose markup the selector never reads (html-content/6):
no link (``a``), form label, break or image, no ``sup``/``sub`` (canon/5's
folds). Unless they carry an attribute in :data:`_MARKING_ATTRS` or sit in
a ``dt`` (:func:`_bullet_terms` tells ``<dt><b>*</b>``, a name, from a
drawn bullet), they are not built: their text is their parent's, which is
what the block cutting and :func:`_text_of` made of it anyway."""
_MARKING_ATTRS = frozenset({"style", "hidden", "aria-hidden", "role", "itemprop"})
"""Attributes that can make an inline element furniture (hidden) or the
marked main content."""
_METADATA_TAGS = frozenset({"meta", "link"})
_UNSEEN_SOURCES = frozenset({"meta", "img", "area", "abbr", "acronym"})
"""The tags :func:`verify.ingest.html_folds.unseen_piece` reads."""
_COUNTED_TAGS = frozenset({"pre", "a"})
"""Tags whose open elements :class:`_TreeBuilder` counts."""


def _kept_metadata(attrs: Mapping[str, str]) -> bool:
    """Is this ``meta`` or ``link`` read by the selector: the generator's name
    (:func:`_generated_document`) or a marked main region? Any other is
    never shown and is not built (html-content/6: it no longer cuts a
    paragraph in two either)."""
    return attrs.get("name") == "generator" or (bool(attrs) and _is_marked_main_attrs(attrs))


def _is_marked_main_attrs(attrs: Mapping[str, str]) -> bool:
    return attrs.get("role") == "main" or attrs.get("itemprop") == "articlebody"


def parse_with_bs4(text: str) -> Node:
    """Reference front-end: BeautifulSoup with the lxml parser.

    The bs4 tree is walked iteratively and replayed as events into the
    shared builder, so its depth (bs4 keeps all 10,000 levels of a hostile
    page) never reaches Python's recursion limit.
    """
    from bs4 import BeautifulSoup, Tag
    from bs4.element import NavigableString, PreformattedString

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns about XML- or URL-like text
            soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # any parser failure means unparseable input
        raise CorruptDocument(f"HTML could not be parsed: {exc}") from exc
    builder = _TreeBuilder()
    stack: list[object] = list(reversed(list(soup.children)))
    end = object()
    while stack:
        item = stack.pop()
        if item is end:
            builder.end()
        elif isinstance(item, Tag):
            attrs = {k: _attr_text(v) for k, v in item.attrs.items()}
            builder.start(item.name, attrs)
            stack.append(end)
            stack.extend(reversed(item.contents))
        elif isinstance(item, NavigableString) and not isinstance(item, PreformattedString):
            builder.data(str(item))
    return builder.close()


def _attr_text(value: object) -> str:
    """bs4 splits multi-valued attributes (class) into lists; rejoin them."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value)


def parse_with_lxml(text: str) -> Node:
    """Faster front-end: lxml's HTML parser driving the builder directly.

    It uses libxml2's event interface (as bs4 does underneath) rather than
    ``lxml.html.fromstring``, whose tree stops at 256 levels and silently
    loses the text below (nothing in the error log; ``huge_tree=True`` only
    moves the cliff to 2,048 levels); skipping bs4's own tree saves most of
    the time. Building from libxml2's C tree instead, below the cliff, was
    tried: the walk over it into the neutral tree costs more than these
    events do (docs/scale.md, "HTML ingest speed").
    The text is fed whole, as bs4's HTML tree builder feeds it
    (``LXMLTreeBuilder.feed``; its 512-character pieces are the XML
    builder's), so libxml2's push parser sees the same input from both
    front-ends (html-content/4 fed 512-character pieces here).
    """
    from lxml import etree

    target = _TreeBuilder()
    parser = etree.HTMLParser(target=target, recover=True)
    try:
        parser.feed(text)
        root: Node = parser.close()
    except etree.LxmlError as exc:
        if not text.strip():
            return target.close()
        raise CorruptDocument(f"HTML could not be parsed: {exc}") from exc
    return root


# --------------------------------------------------------------------------
# Layer 3: selection on the neutral tree
# --------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A set from a space-separated list: keeps long tag tables readable."""
    return frozenset(text.split())


_INLINE_TAGS = _words(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i "
    "img ins kbd label mark nobr q rp rt ruby s samp small span strike "
    "strong sub sup time tt u var wbr"
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote", "dd"})
_FURNITURE_TAGS = _words(
    "nav aside footer noscript button select textarea dialog menu "
    "iframe object embed svg canvas video audio map input datalist "
    "option"
)
_FURNITURE_ROLES = _words(
    "navigation contentinfo complementary search menu menubar dialog "
    "alertdialog toolbar banner tablist alert"
)
_CHROME_HINT = re.compile(
    r"(?<![a-z])(?:nav|navbar|navigation|menu|menus|footer|sidebar|side-bar|"
    r"breadcrumbs?|cookies?|cookie-?banner|consent|gdpr|share|sharing|"
    r"sharebar|social|socials|related|recommended|recommendations|comments?|"
    r"disqus|promo|promos|advert|adverts|advertisement|ad|ads|adslot|"
    r"sponsored|sponsor|newsletter|subscribe|subscription|signup|popup|modal|"
    r"masthead|skip|skiplink|pagination|pager|widget|widgets|outbrain|"
    r"taboola|toolbar|byline|tags|tag-list|author-bio|most-popular|"
    r"trending|header|banner|login|search|print|rss|gallery|slideshow|"
    r"carousel|author|authors|meta|date|dateline|credit|credits)(?![a-z])"
)
_STRONG_HINT = re.compile(
    r"(?<![a-z])(?:cookies?|consent|gdpr|share|sharing|social|comments?|"
    r"disqus|breadcrumbs?|outbrain|taboola|newsletter|related|skip|"
    r"advertisement|ad|ads|sponsored|byline)(?![a-z])"
)
_CONTENT_HINT = re.compile(
    r"(?<![a-z])(?:article|articles|body|content|entry|main|post|story|text|"
    r"blog|hentry|prose|rich-?text|article-?body|post-?body|entry-?content)(?![a-z])"
)
_DATE_WORD = r"(?:on|at|by|:|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_THEME_LINE = re.compile(
    r"^(?:skip to (?:the )?(?:main )?(?:content|navigation)|"
    rf"(?:published|posted|updated|last updated|last modified)\s*{_DATE_WORD}|"
    r"posted in\b|share(?: this(?: article| story| post| page)?)?(?: on| via|:|$)|"
    r"advertisement$|read more$|continue reading|"
    r"related(?: articles| stories| posts)?:?$|tags?:|filed under\b|"
    r"sign up (?:for|to)\b|subscribe (?:to|now)\b|follow us\b|"
    r"(?:\d+ )?comments?$|leave a (?:comment|reply)|(?:image|photo) credit:)",
    re.IGNORECASE,
)
"""Fixed lines a site theme puts around every article.  Only short blocks
(under 80 characters) are tested, and each pattern needs its tell-tale
continuation, so "Share prices fell" or "Posted guards..." stay."""
_WS = re.compile(r"\s+")
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Format characters with no glyph: a block of only these is empty (editors
leave zero-width-space paragraphs as spacers)."""


def _collapse(text: str) -> str:
    """Whitespace runs to one space, stripped: layout is not content.

    ``str.split`` and the regex ``\\s`` know the same whitespace (every code
    point checked), so this is ``_WS.sub(" ", text).strip()``, faster."""
    return " ".join(text.split())


class _Block(NamedTuple):
    """A run of text between block boundaries, owned by its block element.

    Immutable, as a frozen dataclass would be, but a named tuple: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``
    and costs four times as much to make (:func:`_flush` makes one per
    block, 32,000 on the 181 benchmark pages), and its fields are read by
    C-level getters, so the link density is a field, worked out once."""

    text: str
    link_chars: int
    owner: Node
    #: A block of a ``pre`` element: its lines are kept (``text`` holds them).
    code: bool = False
    #: ``link_chars / len(text)`` (0.0 for no text).
    link_density: float = 0.0


_new_block = tuple.__new__
"""``_new_block(_Block, (text, link_chars, owner, code, link_density))``:
a :class:`_Block` without the Python call of its generated ``__new__``."""


def _index(root: Node) -> list[Node]:
    """Nodes in document (pre-)order; ``node.index`` is set to the position."""
    order: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        node.index = len(order)
        order.append(node)
        kids = [c for c in node.children if c.__class__ is not str]
        if kids:
            kids.reverse()
            stack += kids  # type: ignore[arg-type]  # only nodes are left in kids
    return order


def _tag_lists(order: list[Node]) -> defaultdict[str, list[Node]]:
    """The nodes of ``order`` by tag, each list in document order: what
    :class:`_TreeBuilder` keeps as it builds (``_Document.tags``), for a tree
    that did not come from it."""
    tags: defaultdict[str, list[Node]] = defaultdict(list)
    for node in order:
        tags[node.tag].append(node)
    return tags


_BY_INDEX = attrgetter("index")


def _in_order(tags: Mapping[str, list[Node]], *names: str) -> list[Node]:
    """The nodes of these tags (:func:`_tag_lists`), in document order."""
    found = [node for name in names for node in tags.get(name, ())]
    if len(names) > 1:
        found.sort(key=_BY_INDEX)
    return found


def _blocks(root: Node, order: list[Node], alone: list[bool], links: list[bool],
            pre: list[bool] | None = None) -> list[_Block]:
    """Cut the body's text into blocks: block elements split, inline never.

    A ``div`` with text directly inside gives that text its own block; the
    ``<head>`` gives none (its title is read separately). ``order`` is
    :func:`_index`'s: a node's index on the stack means leaving that node;
    ``alone`` is :func:`_inline_furniture_flags`'s, ``links`` :func:`_link_flags`'s,
    ``pre`` :func:`_pre_flags`'s (made here if not given)."""
    blocks: list[_Block] = []
    texts: list[str] = []  # the pending run of text
    linked: list[str] = []  # the pieces of it inside a link
    owners = [root]
    if pre is None:
        pre = _pre_flags(order)
    in_link = 0
    # The walk keeps, for each element it is inside, the iterator over its
    # parent's remaining children and what leaving it does: nothing
    # (_STAY), close a link (_LINK) or a block (_BLOCK). A text or a childless
    # element costs one step of a ``for`` loop, no stack push and pop.
    iterators: list[Iterator[Node | str]] = []
    leaving: list[int] = []
    children_of: Iterator[Node | str] = iter((root,))
    while True:
        for item in children_of:
            if item.__class__ is str:
                # Whitespace opening a run is dropped: every line of a block
                # is stripped, so it could never show (and a run of only that
                # would only be flushed to nothing).
                if texts or not item.isspace() or pre[owners[-1].index]:  # canon/5: a code line's indent
                    texts.append(item)
                    if in_link:
                        linked.append(item)
                continue
            node: Node = item  # type: ignore[assignment]
            tag = node.tag
            if tag == "head":
                continue
            children = node.children
            if tag in _INLINE_TAGS:
                # Leaving an inline element matters only if it is a link.
                if alone[node.index]:
                    _flush_alone(node, blocks)
                    continue
                if texts and tag in ("br", "img"):  # canon/5: <wbr> joins (a break inside a word)
                    texts.append(" ")
                if not children:
                    continue
                if links[node.index]:
                    in_link += 1
                    leaving.append(_LINK)
                else:
                    leaving.append(_STAY)
            else:
                if texts:
                    _flush(texts, linked, owners[-1], blocks, pre)
                if not children:
                    continue  # an empty block element: its end would flush nothing
                owners.append(node)
                leaving.append(_BLOCK)
            iterators.append(children_of)
            children_of = iter(children)
            break
        else:  # the children are done: leave their element
            if not iterators:
                break
            children_of = iterators.pop()
            action = leaving.pop()
            if action == _LINK:
                in_link -= 1
            elif action == _BLOCK:
                if texts:
                    _flush(texts, linked, owners[-1], blocks, pre)
                owners.pop()
    if texts:
        _flush(texts, linked, root, blocks, pre)
    return blocks


_STAY, _LINK, _BLOCK = 0, 1, 2


def _link_flags(order: list[Node], anchors: list[Node] | None = None) -> list[bool]:
    """For each node: is it a link (:func:`_is_link`)? ``anchors``: the
    ``a`` elements of ``order`` (``_tag_lists(order)["a"]``), if known: only
    they are asked."""
    if anchors is None:
        return [node.tag == "a" and _is_link(node) for node in order]
    flags = [False] * len(order)
    for node in anchors:
        flags[node.index] = True
    # ... but a heading's own anchor (_is_link, inlined: most links do not
    # start with "#")
    for node in anchors:
        href = node.attrs.get("href")
        if href and href[0] == "#" and not _is_link(node):
            flags[node.index] = False
    return flags


def _is_link(node: Node) -> bool:
    """A link, except a heading's own anchor: a heading wrapped in a link to
    itself (``<h2><a href="#name">``, as mdBook and many documentation tools
    make them) is the page's text, not a link row."""
    if node.tag != "a":
        return False
    own_anchor = len(node.attrs.get("href", "")) > 1 and node.attrs["href"].startswith("#")
    return not (own_anchor and node.parent is not None and node.parent.tag in _HEADINGS)


def _flush_alone(node: Node, out: list[_Block]) -> None:
    """An inline element that is furniture gets a block of its own, so it
    can be removed (and recorded) without cutting its paragraph in two."""
    text = _text_of(node)
    if text.strip(_INVISIBLE):
        out.append(_Block(text, 0, node, False, 0.0))


def _flush(texts: list[str], linked: list[str], owner: Node, out: list[_Block], pre: list[bool]) -> None:
    """Close the pending text run, if it has any text, as one block. In a
    ``pre`` element its lines stay lines (blank ones go: a blank line ends a
    paragraph of the canonical text)."""
    code = pre[owner.index]
    joined = "".join(texts)
    text = code_text(joined) if code else " ".join(joined.split())  # _collapse, inline; canon/5: code_text
    if text.strip(_INVISIBLE):
        links = min(_collapsed_length(linked), len(text)) if linked else 0
        out.append(_new_block(_Block, (text, links, owner, code, links / len(text))))
    texts.clear()
    linked.clear()


def _collapsed_length(pieces: list[str]) -> int:
    """``sum(len(_collapse(p)) for p in pieces)``, counted in C: a piece's
    collapsed form is its words joined by single spaces, so the sum is the
    length of all the words joined by single spaces, plus one, less one per
    piece that has a word (most runs of linked text are one piece)."""
    if len(pieces) == 1:
        return len(" ".join(pieces[0].split()))
    words = " ".join(pieces).split()  # (the space joining two pieces never joins two words)
    if not words:
        return 0
    worded = len(pieces) - sum(map(str.isspace, pieces)) - pieces.count("")
    return len(" ".join(words)) + 1 - worded


def _pre_flags(order: list[Node], pres: list[Node] | None = None, ends: list[int] | None = None
               ) -> list[bool]:
    """For each node: is it a ``pre`` element or inside one (below ``<html>``)?

    One top-down pass instead of a walk up the ancestors per text block.
    With the ``pre`` elements of ``order`` (``pres``, in document order) and
    :func:`_subtree_ends`'s ``ends``, the pass runs over their subtrees
    only: a node outside every ``pre`` subtree is not inside one."""
    flags = [False] * len(order)
    if pres is None or ends is None:
        _flag_pre(order, flags)
        return flags
    for pre in pres:
        if not flags[pre.index]:  # (a pre inside another's run was flagged with it)
            _flag_pre(order[pre.index : ends[pre.index]], flags)
    return flags


def _flag_pre(nodes: list[Node], flags: list[bool]) -> None:
    """:func:`_pre_flags`'s pass over ``nodes`` (a run of document order,
    whose first node's parent is already decided)."""
    for node in nodes:
        if node.tag in ("html", "#document"):
            continue
        parent = node.parent
        flags[node.index] = node.tag == "pre" or (parent is not None and flags[parent.index])


@dataclass(slots=True)
class _Stats:
    """Per-node totals over the blocks each node contains."""

    chars: list[int]
    link_chars: list[int]
    prose: list[int]
    paragraphs: list[int]
    commas: list[int]
    images: list[int]

    def link_density(self, node: Node) -> float:
        chars = self.chars[node.index]
        return self.link_chars[node.index] / chars if chars else 0.0


def _stats(order: list[Node], blocks: list[_Block]) -> _Stats:
    """Sum block figures into their owners, then owners into ancestors.

    Prose (long, link-poor blocks) is what an article is made of; comparing
    a node's prose with the page's tells a comment box from the article."""
    size = len(order)
    st = _Stats(*([0] * size for _ in range(6)))
    for block in blocks:
        i = block.owner.index
        st.chars[i] += len(block.text)
        st.link_chars[i] += block.link_chars
        st.commas[i] += block.text.count(",")
        if len(block.text) >= 60 and block.link_density < 0.3:
            st.prose[i] += len(block.text)
        if block.owner.tag == "p" or (len(block.text) >= 60 and block.link_density < 0.3):
            st.paragraphs[i] += 1
    chars, link_chars, prose = st.chars, st.link_chars, st.prose
    paragraphs, commas, images = st.paragraphs, st.commas, st.images
    for node in reversed(order):
        i = node.index
        if node.tag == "img":
            images[i] += 1
        parent = node.parent
        if parent is None:
            continue
        j = parent.index
        if chars[i]:  # no characters: no links, prose, paragraphs or commas either
            chars[j] += chars[i]
            link_chars[j] += link_chars[i]
            prose[j] += prose[i]
            paragraphs[j] += paragraphs[i]
            commas[j] += commas[i]
        if images[i]:
            images[j] += images[i]
    return st


def _prose(size: int, blocks: list[_Block], ends: list[int]) -> list[int]:
    """For each node, the prose of :class:`_Stats` alone (all the furniture
    search reads), as a difference of running sums over the subtree runs of
    document order (``ends`` is :func:`_subtree_ends`'s): C work, not a
    Python step per node."""
    prose = [0] * size
    for block in blocks:
        if len(block.text) >= 60 and block.link_density < 0.3:
            prose[block.owner.index] += len(block.text)
    return _subtree_sums(prose, ends)


def _subtree_sums(base: list[int] | list[bool], ends: list[int]) -> list[int]:
    """For each node, the sum of ``base`` over its subtree (positions ``i`` to
    ``ends[i]`` of document order, :func:`_subtree_ends`)."""
    running = list(accumulate(base, initial=0))
    return list(map(sub, map(running.__getitem__, ends), running))


def _hints(node: Node) -> str:
    """The class and id text that carries the author's naming hints."""
    if not node.attrs:
        return ""
    return f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}".strip()


@functools.lru_cache(maxsize=4096)
def _chrome_named(hints: str) -> bool:
    """Does a class-and-id text hold a chrome name (:data:`_CHROME_HINT`)?
    Cached: a page repeats its class names, and the pattern is long."""
    return _CHROME_HINT.search(hints) is not None


def _is_hidden(node: Node) -> bool:
    """Hidden by attribute or inline style: not shown, so not the text.

    ``hidden="until-found"`` is a collapsed section the reader can open, so
    it stays."""
    attrs = node.attrs
    if not attrs or ("style" not in attrs and "hidden" not in attrs and "aria-hidden" not in attrs):
        return False  # (most nodes: three membership tests, no method call)
    if attrs.get("hidden", "until-found") != "until-found" or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if not style:
        return False
    style = style.replace(" ", "")
    return "display:none" in style or "visibility:hidden" in style


def _is_marked_main(node: Node) -> bool:
    """Markup that names the document body outright."""
    if not node.attrs:
        return node.tag == "main"
    return (
        node.tag == "main"
        or node.attrs.get("role") == "main"
        or node.attrs.get("itemprop") == "articlebody"
    )


def _furniture(order: list[Node], prose: list[int], inline: list[bool], mains: list[Node],
               names: bool = True, ends: list[int] | None = None) -> set[int]:
    """Indexes of nodes that are site furniture by tag, role or name.

    A name hint alone never removes a node that holds most of the page's
    prose or the marked main content: ``<div class="content has-sidebar">``
    is the article, not a sidebar. ``names=False`` (pages of documentation
    generators) trusts markup only: there ``class="author"`` is the document's
    author list, not a byline widget. ``mains`` is :func:`_marked_mains`'s,
    ``prose`` :func:`_prose`'s, ``inline`` :func:`_inline_furniture_flags`'s.

    Each test is asked only of the nodes that can pass it: hiding needs a
    hiding attribute, the markup tests a furniture tag or a role, the name
    test a class or an id. With ``ends`` (:func:`_subtree_ends`'s), nothing
    inside a node found is looked at: it goes with that node (the set is
    read through :func:`_inside` only)."""
    total = max(prose[0], 1)
    protected = _protected(mains)
    found = set(compress(range(len(inline)), inline))  # inline furniture: only inline tags
    generated = not names
    skip = 0  # the end of the subtree of the last node found
    for node in order:
        if node.index < skip:
            continue
        attrs = node.attrs
        tag = node.tag
        if not attrs:
            if tag not in _FURNITURE_BY_TAG:
                continue  # nothing below can call it furniture without an attribute
        elif tag in _INLINE_TAGS:
            continue  # decided by ``inline`` (no inline tag is in _FURNITURE_BY_TAG)
        if tag in ("html", "body", "#document"):
            continue
        if attrs and not _HIDING_ATTRS.isdisjoint(attrs) and _is_hidden(node):
            pass
        elif node.index in protected:
            continue
        elif ((tag in _FURNITURE_BY_TAG or "role" in attrs)
              and (_furniture_by_markup(node, prose, total, generated) or _print_ears(node))):
            pass
        elif names and ("class" in attrs or "id" in attrs):
            # _furniture_by_name, inline: most class-and-id texts name no chrome
            kind = _chrome_kind_of(attrs.get("class", ""), attrs.get("id", ""))
            if not (kind and _named_furniture(kind, prose[node.index] / total)) or _titled_section(node):
                continue
        else:
            continue
        found.add(node.index)
        if ends is not None:
            skip = ends[node.index]
    return found


_SLUG_GAP = re.compile(r"[^\w]+")


def _titled_section(node: Node) -> bool:
    """A section whose ``id`` is its own heading's title made an anchor: what
    Docutils, Sphinx, Markdown renderers and Asciidoctor write (PEP 8's
    "Comments" is ``<section id="comments"><h2>Comments</h2>``, GitHub's
    ``id="user-content-comments"``, a repeated title ``comments-1``). Its id
    names its title, not a widget: a chrome word in it ("comments",
    "recommendations", "related work", "search") is no evidence (audit4,
    peps.python.org lost whole sections so). A comment thread's
    ``<div id="comments">`` headed "3 thoughts on ..." is not titled so."""
    identifier = node.attrs.get("id")
    # the first element that is not an empty anchor (Sphinx's ``<span id="label">``)
    heading = next((e for e in node.elements() if not (e.tag in _INLINE_TAGS and not e.children)), None)
    if not identifier or heading is None or heading.tag not in _HEADINGS:
        return False
    slug = _SLUG_GAP.sub("-", _text_of(heading).casefold()).strip("-_")
    if not slug:
        return False
    identifier = identifier.strip("-_")
    return (identifier == slug or identifier.endswith("-" + slug) or identifier.endswith("_" + slug)
            or (identifier.startswith(slug + "-") and identifier[len(slug) + 1:].isdigit()))


#: The attributes :func:`_is_hidden` reads: a node with none of them is shown.
_HIDING_ATTRS = frozenset({"hidden", "aria-hidden", "style"})


def _print_ears(node: Node) -> bool:
    """A table of only a ``thead`` and a ``tfoot``, no body rows: a running
    header and footer repeated on printed pages (xml2rfc's "ears"), page
    furniture, not text."""
    if node.tag != "table":
        return False
    parts = [child.tag for child in node.elements()]
    return bool(parts) and set(parts) <= {"thead", "tfoot"}


def _inline_furniture_flags(order: list[Node]) -> list[bool]:
    """For each node: is it an inline element that is furniture? (Decided
    once: the block cutting and the furniture search both ask.)"""
    # Without an attribute, only a label or a link can be. (Asking only the
    # labels, links and hiding inline elements of the tag lists was no
    # faster: the cost is reading the nodes, not the tests.)
    return [node.tag in _INLINE_TAGS and bool(node.attrs or node.tag in ("label", "a"))
            and _inline_furniture(node) for node in order]


def _inline_furniture(node: Node) -> bool:
    """Inline elements that are never text: hidden ones and form labels.

    Decided from the element alone, before any statistics, because it
    decides how blocks are cut."""
    return node.tag == "label" or _is_hidden(node) or _permalink(node)


_PERMALINK_CLASS = re.compile(
    r"(?<![a-z-])(?:headerlink|anchorjs-link|anchor-link|permalink|toplink)(?![a-z-])")
_PERMALINK_MARKS = frozenset({"\u00b6", "#", "\u00a7", "\U0001f517", "\u25b2", "\u2191"})


@functools.lru_cache(maxsize=4096)
def _permalink_named(names: str) -> bool:
    """Does a class text name a permalink (:data:`_PERMALINK_CLASS`)? Cached:
    a page's links repeat their classes."""
    return _PERMALINK_CLASS.search(names) is not None


def _permalink(node: Node) -> bool:
    """A heading's permalink mark (Sphinx's ``¶``, ``#`` in Node's docs) or a
    back-to-top arrow (``▲``): a link that is a control, not text."""
    if node.tag != "a":
        return False
    names = node.attrs.get("class")
    if names and _permalink_named(names):
        return True
    return (len(node.children) == 1 and isinstance(node.children[0], str)
            and node.children[0].strip() in _PERMALINK_MARKS)


#: Tags that :func:`_furniture_by_markup` or :func:`_print_ears` may call
#: furniture without looking at an attribute.
_FURNITURE_BY_TAG = _FURNITURE_TAGS | {"form", "header", "table"}


def _marked_mains(order: list[Node]) -> list[Node]:
    """The nodes :func:`_is_marked_main` names, in document order."""
    return [n for n in order if n.tag == "main" or (("role" in n.attrs or "itemprop" in n.attrs) and (
            n.attrs.get("role") == "main" or n.attrs.get("itemprop") == "articlebody"))]  # _is_marked_main


def _protected(mains: list[Node]) -> set[int]:
    """The marked main content and its ancestors: never furniture (unless
    hidden: schema.org copies of the article often sit in a hidden box)."""
    keep: set[int] = set()
    for node in mains:
        cur: Node | None = node
        while cur is not None and cur.index not in keep:
            keep.add(cur.index)
            cur = cur.parent
    return keep


def _furniture_by_markup(node: Node, prose: list[int], total: int, generated: bool = False) -> bool:
    """Semantic tags and ARIA roles that name site furniture.

    On a documentation generator's page (``generated``) there is no site:
    a ``<header>`` is the document's front matter (an RFC's authors and
    numbers) and an ``<aside>`` inside a section is the document's note;
    their link rows still go by the block filter."""
    if generated and (node.tag == "header" or (node.tag == "aside" and _in_sectioning(node))):
        return False
    if node.tag == "aside" and _footnotes(node):
        return False
    if node.tag in _FURNITURE_TAGS or node.attrs.get("role") in _FURNITURE_ROLES:
        return prose[node.index] < 0.6 * total
    if node.tag == "form":
        return prose[node.index] < 0.5 * total
    if node.tag == "header" and not _in_sectioning(node):
        return prose[node.index] < 0.6 * total
    return False


#: DPUB-ARIA roles of a document's notes (Docutils writes
#: ``<aside class="footnote brackets" role="doc-footnote">``).
_NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote", "doc-endnotes", "doc-footnotes"})


def _footnotes(node: Node) -> bool:
    """An ``<aside>`` that is, or holds, a note the markup calls the
    document's (a DPUB-ARIA note role): content, not a sidebar (PEP 8's
    footnotes were dropped as one, audit4)."""
    return node.attrs.get("role") in _NOTE_ROLES or any(
        e.attrs.get("role") in _NOTE_ROLES for e in node.elements())


def _in_sectioning(node: Node) -> bool:
    """Inside article, main or section: a ``<header>`` there heads the
    document (its headings are content), not the site."""
    return any(
        a.tag in ("article", "main", "section") or _is_marked_main(a)
        for a in _ancestors(node.parent, MAX_DEPTH)
    )


def _furniture_by_name(node: Node, prose: list[int], total: int) -> bool:
    """Class and id hints (``sidebar``, ``cookie-banner``...), guarded."""
    hints = _hints(node)
    return bool(hints) and _named_furniture(_chrome_kind(hints), prose[node.index] / total)


def _named_furniture(kind: int, share: float) -> bool:
    """:func:`_furniture_by_name` for a node whose hints are of ``kind``
    (:func:`_chrome_kind`) holding ``share`` of the page's prose."""
    if not kind:
        return False
    if kind & _STRONG:
        return share < 0.6
    return share < 0.4 and not kind & _CONTENT


_CHROME, _STRONG, _CONTENT = 1, 2, 4


@functools.lru_cache(maxsize=4096)
def _chrome_kind_of(names: str, identifier: str) -> int:
    """:func:`_chrome_kind` of the hints (:func:`_hints`) of a node whose
    ``class`` is ``names`` and ``id`` is ``identifier``, cached by the two:
    the furniture search asks it of every node with either, and most repeat
    their page's class names."""
    return _chrome_kind(f"{names} {identifier}".strip())


@functools.lru_cache(maxsize=4096)
def _chrome_kind(hints: str) -> int:
    """What a class-and-id text says of its node, for the name test: 0 if
    it holds no chrome name (:data:`_CHROME_HINT`), else ``_CHROME`` with
    ``_STRONG`` (:data:`_STRONG_HINT`) and ``_CONTENT``
    (:data:`_CONTENT_HINT`) when those match too. Cached, like
    :func:`_chrome_named`: the three patterns are long, and a chrome-named
    class repeats down a page."""
    if not _chrome_named(hints):
        return 0
    return (_CHROME | (_STRONG if _STRONG_HINT.search(hints) else 0)
            | (_CONTENT if _CONTENT_HINT.search(hints) else 0))


def _inside(ends: list[int], marked: set[int]) -> list[bool]:
    """For each node: is it, or an ancestor, in ``marked``?

    ``ends`` is :func:`_subtree_ends`'s: a node's subtree is the run of
    document order from it to its end, so each marked node flags its run in
    one slice (nodes already flagged are inside a run already set)."""
    flags = [False] * len(ends)
    for i in sorted(marked):
        if not flags[i]:
            flags[i : ends[i]] = [True] * (ends[i] - i)
    return flags


def _subtree_ends(order: list[Node]) -> list[int]:
    """For each node, the position after its last descendant in document
    order (``order`` is :func:`_index`'s: a subtree is a run of it). One
    pass for the four :func:`_inside` questions of a page."""
    ends = list(range(1, len(order) + 1))
    for node in reversed(order):
        parent = node.parent
        if parent is not None and ends[node.index] > ends[parent.index]:
            ends[parent.index] = ends[node.index]
    return ends


def _class_weight(node: Node) -> int:
    """Readability-style name weight: content names +25, chrome names -25."""
    hints = _hints(node)
    weight = 0
    if hints and _CONTENT_HINT.search(hints):
        weight += 25
    if hints and _chrome_named(hints) and not _titled_section(node):
        weight -= 25
    if _is_marked_main(node):
        weight += 30
    if node.tag == "article":
        weight += 10
    return weight


_TAG_BASE = {
    "div": 5,
    "section": 3,
    "article": 5,
    "main": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "th": -5,
}


def _candidate_scores(blocks: list[_Block], st: _Stats) -> dict[int, float]:
    """Score the containers of link-poor paragraphs (after Readability).

    Each paragraph gives its parent a point, a point per comma and up to
    three for length; ancestors get a diminishing share, so the element
    that holds the most prose, closely, wins."""
    raw: dict[int, float] = {}
    nodes: dict[int, Node] = {}
    for block in blocks:
        if len(block.text) < 25 or block.link_density > 0.5:
            continue
        owner = block.owner
        if owner.tag in _HEADINGS:
            continue
        start = owner.parent if owner.tag in _PARAGRAPH_TAGS else owner
        points = 1 + block.text.count(",") + min(len(block.text) // 100, 3)
        for level, node in enumerate(_ancestors(start, 5)):
            if node.index not in raw:
                weight = _class_weight(node) if st.prose[node.index] else 0
                raw[node.index] = _TAG_BASE.get(node.tag, 0) + weight
                nodes[node.index] = node
            raw[node.index] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
    return {i: s * (1 - st.link_density(nodes[i])) for i, s in raw.items()}


def _ancestors(node: Node | None, limit: int) -> Iterator[Node]:
    """The node and its ancestors below ``<html>``, at most ``limit``."""
    count = 0
    while node is not None and count < limit and node.tag not in ("html", "#document"):
        yield node
        node = node.parent
        count += 1


def _top_candidate(order: list[Node], scores: dict[int, float]) -> Node | None:
    """Best-scoring container, moved up to an ancestor that scores higher
    (an article cut into several scored parts) or wraps it alone."""
    if not scores:
        return None
    ranked = sorted(scores, key=lambda i: (-scores[i], i))
    best = ranked[0]
    top = _shared_ancestor(order, ranked[:5], scores) or order[best]
    if top is not order[best]:
        return top
    threshold = scores[best] / 3
    last = scores[best]
    parent = top.parent
    while parent is not None and parent.tag not in ("body", "html", "#document"):
        if parent.index in scores:
            if scores[parent.index] < threshold:
                break
            if scores[parent.index] > last:
                top = parent
                break
            last = scores[parent.index]
        parent = parent.parent
    while (
        top.parent is not None
        and top.parent.tag not in ("body", "html", "#document")
        and sum(1 for _ in top.parent.elements()) == 1
    ):
        top = top.parent
    return top


def _shared_ancestor(order: list[Node], ranked: list[int], scores: dict[int, float]) -> Node | None:
    """An ancestor holding three near-best candidates, if there is one.

    Articles cut into many boxes (one card per paragraph) make each box a
    strong candidate; the box holding several of them is the article."""
    best = scores[ranked[0]]
    rivals = [order[i] for i in ranked[1:] if scores[i] >= 0.75 * best]
    if len(rivals) < 3:
        return None
    lineages = [{n.index for n in _ancestors(r.parent, MAX_DEPTH)} for r in rivals]
    for node in _ancestors(order[ranked[0]].parent, MAX_DEPTH):
        if node.tag == "body":
            break
        if sum(node.index in lineage for lineage in lineages) >= 3:
            return node
    return None


def _selection(top: Node, scores: dict[int, float], st: _Stats, outline: bool = False) -> set[int]:
    """The top container plus siblings that look like more of the article."""
    parent = top.parent
    if parent is None:
        return {top.index}
    top_score = scores.get(top.index, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.attrs.get("class", "")
    chosen = {top.index}
    for sib in parent.elements():
        if sib is top:
            continue
        bonus = top_score * 0.2 if top_class and sib.attrs.get("class") == top_class else 0
        if (
            scores.get(sib.index, 0.0) + bonus >= threshold
            or (sib.tag == "p" and _prose_like(sib, st))
            or (st.prose[sib.index] >= SIBLING_PROSE * st.prose[top.index] and st.link_density(sib) < 0.25)
            or _outline_sibling(top, sib, st, outline)
        ):
            chosen.add(sib.index)
    return chosen


def _outline_top(top: Node) -> tuple[Node, bool]:
    """A chosen ``section`` inside other sections is part of a document
    outline: the content region is the outermost of them (an example of a
    technique page is not the page), whose sibling sections and headings
    :func:`_selection` then takes. Also says whether it was nested (the
    proof of an outline)."""
    nested = False
    while top.tag == "section" and top.parent is not None and top.parent.tag == "section":
        top, nested = top.parent, True
    return top, nested


def _marked_region(top: Node, mains: list[Node]) -> Node:
    """The content region is at least the marked main element (``<main>``,
    ``role="main"``) holding a chosen ``section``: the markup says where the
    document is, so its headings and parts beside the best-scored section
    are the document too (Node's API pages: the heading, stability note and
    example before the first ``section``). Link boxes and marked furniture
    inside still go. Only for a ``section`` (a part of a document): widening
    any box to ``<main>`` took news sites' teasers in (F1 0.951 -> 0.946)."""
    if top.tag != "section":
        return top
    inside = {n.index for n in mains}
    for node in _ancestors(top.parent, MAX_DEPTH):
        if node.index in inside:
            return node
    return top


def _outline_sibling(top: Node, sib: Node, st: _Stats, outline: bool) -> bool:
    """Beside a top ``section``: another section with prose and few links
    (a manual's next section); in a proven outline (``outline``: nested
    sections), any section with text that is not a link list, and headings
    (the document's title, a part's name). Page builders' sibling boxes
    (``<section class="block">`` for the date, the copyright) have no prose."""
    if top.tag != "section" or not st.chars[sib.index]:
        return False
    if sib.tag == "section" and st.link_density(sib) < 0.5:
        return outline or st.prose[sib.index] > 0
    return outline and sib.tag in _HEADINGS


#: A sibling of the top container holding this share of its prose, with few
#: links, is more of the document, not chrome; so is a sibling ``section``
#: of a top ``section`` with some prose (a manual's next section).
SIBLING_PROSE = 0.2


def _prose_like(node: Node, st: _Stats) -> bool:
    """A stray paragraph beside the article that reads like its text."""
    chars, density = st.chars[node.index], st.link_density(node)
    return (chars > 80 and density < 0.25) or (0 < chars <= 80 and density == 0)


_CLEANED_TAGS = frozenset({"div", "section", "ul", "ol", "table", "form", "dl", "figure", "header"})


def _pruned(order: list[Node], chosen: list[bool], roots: set[int], st: _Stats,
            region: tuple[list[bool], list[int]], text_tables: set[int]) -> set[int]:
    """Inside the article, containers that are not article text.

    Link lists (related stories), image galleries and form widgets inside
    the chosen element: many links, few paragraphs, little prose.  Inside a
    marked main region (``<main>``, ``role="main"``) a box needs several
    links to be a link list: a "Stability" note or a "Type: <Function>" line
    of an API page is text with one or two links in it."""
    marked, links = region
    found: set[int] = set()
    for node in order:
        i = node.index
        if not chosen[i] or i in roots or node.tag not in _CLEANED_TAGS:
            continue
        if st.commas[i] >= 10 or st.chars[i] == 0:
            continue
        if marked[i] and _class_weight(node) >= 0 and links[i] < MAIN_LINK_LIST:
            continue
        if _data_table(node, text_tables):
            continue
        if _link_box(node, st) or (node.tag != "figure" and _gallery(node, st)):
            found.add(i)
    return found


#: Inside a marked main region, a box with fewer links than this is not a
#: link list, whatever its link density.
MAIN_LINK_LIST = 3


def _link_counts(order: list[Node], links: list[bool], ends: list[int] | None = None) -> list[int]:
    """For each node, the number of links it contains (itself included)."""
    return _subtree_sums(links, _subtree_ends(order) if ends is None else ends)


def _link_box(node: Node, st: _Stats) -> bool:
    """Mostly links (related stories, tag clouds), or named as chrome.

    A list of links inside an article may be its references, so lists get
    the higher bar unless their name says they are chrome."""
    weight = _class_weight(node)
    density = st.link_density(node)
    is_list = node.tag in ("ul", "ol")
    return weight < 0 or (weight < 25 and density > 0.33 and not is_list) or density > 0.5


def _gallery(node: Node, st: _Stats) -> bool:
    """More pictures than paragraphs: a slideshow, its captions repeated."""
    images = st.images[node.index]
    return images > 2 and st.paragraphs[node.index] < images / 2 and st.prose[node.index] < 300


def _keep_block(block: _Block, text_tables: set[int] | frozenset[int] = frozenset()) -> bool:
    """Block-level filter for text inside the article: link rows and the
    theme's fixed lines ("Share this", "Published on...") are not text.

    A linked cell of a table row that also has text cells is data, not a
    link row (mdBook's ``<td><a><code>x86_64-unknown-redox</code></a></td>``
    beside the target's description): ``text_tables`` is :func:`_text_tables`'s."""
    if block.link_density > 0.5 and len(block.text) < 400 and not _linked_heading(block):
        return _table_of(block.owner) in text_tables
    return not (len(block.text) < 80 and _THEME_LINE.match(block.text))


def _linked_heading(block: _Block) -> bool:
    """canon/5 (the audit's defect 7): a heading of the content region that is
    a section of the document is its text even when it is a link, not a link
    row: the heading is a target (an ``id``: npm's ``<h4 id="npm-ci"><a
    href="../commands/npm-ci.html"><code>npm ci</code></a></h4>``), or its
    "link" is an anchor with no ``href`` (``<h2><a name="overview">``). A
    headline linking elsewhere with neither (a related story's
    ``<h3><a href="/news/...">``) is a link row, as before."""
    owner = block.owner
    if owner.tag not in _HEADINGS:
        return False
    return "id" in owner.attrs or not any(n.tag == "a" and n.attrs.get("href") for n in _descendants(owner))


def _table_of(cell: Node) -> int:
    """The index of the table of a cell (``td``, ``th``) of a row of at
    least two cells, or -1 for any other element."""
    row = cell.parent
    if cell.tag not in ("td", "th") or row is None or row.tag != "tr":
        return -1
    if sum(1 for c in row.elements() if c.tag in ("td", "th")) < 2:
        return -1
    table = row.parent
    if table is not None and table.tag in ("tbody", "thead", "tfoot"):
        table = table.parent
    return table.index if table is not None and table.tag == "table" else -1


def _text_tables(blocks: list[_Block]) -> set[int]:
    """Tables (indexes) with a row of two cells or more of which one holds
    text that is not a link: data tables, whose linked cells are their data
    (a table of links the page is about), not navigation."""
    return {_table_of(b.owner) for b in blocks if b.link_density <= 0.5 and b.owner.tag in _CELLS} - {-1}


_CELLS = frozenset({"td", "th"})
"""The only owners :func:`_table_of` places in a table."""


def _data_table(node: Node, text_tables: set[int]) -> bool:
    """A table with header cells and text rows: the document's data (a
    registry, a support matrix), never a link box however many links it has."""
    return node.index in text_tables and any(n.tag == "th" for n in _descendants(node))


def _body(order: list[Node]) -> Node:
    """Fallback selection when no paragraph scored: the whole body (short
    pages are all content once the furniture is gone)."""
    return next((n for n in order if n.tag == "body"), order[0])


def _title(order: list[Node], keep: list[bool], dropped: list[bool]) -> str | None:
    """First kept ``<h1>``, else first visible one, else ``<title>``
    (not an SVG icon's ``<title>``)."""
    firsts: dict[str, str] = {}
    for node in order:
        if node.tag not in ("h1", "title"):
            continue
        if node.tag == "title" and node.parent is not None and node.parent.tag == "svg":
            continue
        text = _text_of(node)
        if not text:
            continue
        if node.tag == "h1" and keep[node.index]:
            return text
        key = "title" if node.tag == "title" else "h1" if not dropped[node.index] else ""
        if key:
            firsts.setdefault(key, text)
    return firsts.get("h1") or firsts.get("title")


def _head_title(order: Iterable[Node]) -> str | None:
    """The text of the document's ``<title>`` (in the head, before the body):
    :attr:`MainContent.head_title`. (``order``: the nodes in document order,
    or some of them with every ``title`` before the body.)"""
    for node in order:
        if node.tag == "body":
            break
        if node.tag == "title" and node.parent is not None and node.parent.tag == "head":
            return _text_of(node) or None
    return None


def _text_of(node: Node) -> str:
    """All the text under a node, whitespace collapsed."""
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            if item.tag not in _INLINE_TAGS:
                # html-content/6: a block element's text is a word of its
                # own on both sides (the builder no longer keeps the white
                # space after one)
                parts.append(" ")
                stack.append(" ")
            elif item.tag in ("br", "img"):
                parts.append(" ")
            stack.extend(reversed(item.children))
    return _collapse("".join(parts))


def select_main(root: Node) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """Title, kept paragraphs and removed blocks of a neutral tree.

    Every visible text block of the body ends up in exactly one of the two
    tuples, so nothing leaves without a record.  (Sets ``Node.index`` on
    the tree it is given; it reads nothing else from outside the tree.)"""
    title, kept, removed, _, _ = _select(root)
    return title, kept, removed


def _select(root: Node, fresh: bool = False
            ) -> tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[bool, ...], str | None]:
    """:func:`select_main`, for each kept paragraph whether it is code, and
    the head's title.

    ``fresh``: ``root`` comes straight from a front-end, unchanged since; if
    it is a builder's :class:`_Document`, its order is used as it is."""
    if fresh and isinstance(root, _Document):
        order, tags = root.order, root.tags
    else:
        order = _index(root)
        tags = _tag_lists(order)
    inline = _inline_furniture_flags(order)
    mains = _marked_mains(order)
    ends = _subtree_ends(order)
    link_flags = _link_flags(order, tags.get("a", []))
    blocks = _blocks(root, order, inline, link_flags, _pre_flags(order, tags.get("pre", []), ends))
    prose = _prose(len(order), blocks, ends)
    man2html = _man2html_credit(blocks)
    before_body = _before_body(order, tags)
    generator = _generator(before_body(tags.get("meta", [])))
    generated = man2html or bool(_DOC_GENERATOR.search(generator))
    chrome = (_man2html_chrome(order) if man2html else set()) | _bullet_terms(tags.get("dt", []))
    if generator.startswith("asciidoc"):  # Asciidoctor or AsciiDoc (values are lower-cased)
        chrome |= _asciidoctor_footer(tags.get("div", []))
    dropped = _inside(ends, _furniture(order, prose, inline, mains, names=not generated, ends=ends) | chrome)
    clean = [b for b in blocks if not dropped[b.owner.index]]
    st = _stats(order, clean)
    scores = _candidate_scores(clean, st)
    top, outline = _outline_top(_top_candidate(order, scores) or _body(order))
    top = _marked_region(top, mains)
    links = _link_counts(order, link_flags, ends)
    marked = _inside(ends, {n.index for n in mains})
    roots = _selection(top, scores, st, outline)
    chosen = _inside(ends, roots)
    text_tables = _text_tables(blocks)
    pruned = _inside(ends, _pruned(order, chosen, roots, st, (marked, links), text_tables))
    keep = [c and not d and not p for c, d, p in zip(chosen, dropped, pruned, strict=True)]
    oks = [keep[block.owner.index] and _keep_block(block, text_tables) for block in blocks]
    if generated or not _selection_proven(blocks, oks, dropped):
        # The selection leaves most of the text that no markup calls chrome:
        # not proof enough (documentation, index pages). Keep all of it.
        keep = [not d for d in dropped]
        oks = [keep[block.owner.index] for block in blocks]
    if man2html:
        oks = [ok and not _man2html_furniture_block(block) for ok, block in zip(oks, blocks, strict=True)]
    kept: list[str] = []
    removed: list[str] = []
    code: list[bool] = []
    for block, ok in zip(blocks, oks, strict=True):
        (kept if ok else removed).append(block.text)
        if ok:
            code.append(block.code)
    title = _title(_in_order(tags, "h1", "title"), keep, dropped)
    return title, tuple(kept), tuple(removed), tuple(code), _head_title(before_body(tags.get("title", [])))


def _before_body(order: list[Node], tags: Mapping[str, list[Node]]) -> Callable[[list[Node]], Iterator[Node]]:
    """A filter of a tag list (:func:`_tag_lists`) to the nodes before the
    first ``<body>`` of ``order``: what :func:`_generated_document` and
    :func:`_head_title` read of the whole order, from a few nodes."""
    bodies = tags.get("body")
    limit = bodies[0].index if bodies else len(order)

    def before(nodes: list[Node]) -> Iterator[Node]:
        return (node for node in nodes if node.index < limit)

    return before


#: The selection must keep at least this share of the words outside marked
#: furniture, or the page is kept whole (minus its marked furniture).
MIN_SELECTED_SHARE = 0.3
#: Nor may it leave more link-poor prose outside than this share of what it keeps.
MAX_PROSE_LEFT = 1.0
#: ``<meta name="generator">`` values of documentation tools: their pages carry
#: no site around the document, only navigation, which their markup marks or
#: which is link rows; the whole page minus marked furniture is the document.
_DOC_GENERATOR = re.compile(r"makeinfo|texi2any|docbook|devhelp|docutils|sphinx|doxygen|gtk-doc|"
                            r"asciidoc|pandoc|mkdocs|javadoc|rustdoc|pod2html|man2html|groff|xml2rfc|"
                            r"rfcxml\.xslt|rfc2629\.xslt",
                            re.IGNORECASE)


def _generated_document(order: Iterable[Node]) -> bool:
    """Was the page made by a documentation generator (``<meta name=generator>``)?
    (``order``: the nodes in document order, or some of them with every
    ``meta`` before the body.)"""
    return bool(_DOC_GENERATOR.search(_generator(order)))


def _generator(order: Iterable[Node]) -> str:
    """The first ``<meta name=generator>``'s content before the body, or ""
    (``order`` as for :func:`_generated_document`)."""
    for node in order:
        if node.tag == "meta" and node.attrs.get("name") == "generator":
            return node.attrs.get("content", "")
        if node.tag == "body":
            break
    return ""


def _asciidoctor_footer(divs: list[Node]) -> set[int]:
    """html-content/6 (audit3: its ``Last updated`` line was kept as text):
    Asciidoctor's own footer, ``<div id="footer"><div id="footer-text">Version
    1.1.7<br>Last updated 2024-12-17 08:57:33 UTC</div></div>``, outside the
    document's ``<div id="content">``: the rendering's date and the
    revision, site chrome the generator writes on every page, not the
    document (a text or PDF rendering of the same source has no such line).
    Proof: the page's generator is Asciidoctor or AsciiDoc, whose html5 and
    xhtml11 backends write the same footer (asked only then), and the
    element is exactly that template's: a ``footer`` box holding only its
    ``footer-text`` box. ``divs``: the page's ``div`` nodes."""
    found = set()
    for node in divs:
        if node.attrs.get("id") != "footer":
            continue
        inner = list(node.elements())
        if len(inner) != 1 or inner[0].tag != "div" or inner[0].attrs.get("id") != "footer-text":
            continue
        if any(a.attrs.get("id") == "content" for a in _ancestors(node.parent, MAX_DEPTH)):
            continue
        found.add(node.index)
    return found


#: The credit line man2html writes at the end of every page it makes: the
#: generator's own mark, the proof that the chrome below is its chrome.
_MAN2HTML_CREDIT = "This document was created by man2html"


def _man2html_credit(blocks: list[_Block]) -> bool:
    """Was the page made by man2html? Its credit line is the last block (or
    near it); it writes no ``<meta name="generator">``."""
    return any(block.text.startswith(_MAN2HTML_CREDIT) for block in blocks[-3:])


def _man2html_chrome(order: list[Node]) -> set[int]:
    """man2html's own chrome around the manual page, the HTML counterpart of
    nroff's running header and footer that a text rendering prints once and
    a PDF on every page: the header and footer tables (one row of ``th``
    cells, ``BASH(1) | 2025 April 7 | BASH(1)``), and the index it appends
    (a heading "Index" after ``<a name="index">`` and a list of links into
    the page)."""
    return {node.index for node in order if _man2html_chrome_node(node)}


def _man2html_chrome_node(node: Node) -> bool:
    if node.tag == "table":
        return _header_cells_only(node)
    if node.tag == "dl":  # the index (its nested lists go with it)
        return node.parent is not None and node.parent.tag != "dd" and _in_page_links_only(node)
    return node.tag in _HEADINGS and _after_index_anchor(node)


#: Glyphs a generator draws as a list item's bullet.
_BULLET_GLYPHS = frozenset("*o\u2022\u00b7\u25e6\u25aa\u25cf\u2023")


def _bullet_terms(order: list[Node]) -> set[int]:
    r"""Definition terms that are only a drawn bullet (man2html's ``<dt>*<dd>``
    for nroff's ``.IP \(bu``): the bullet of a list item, which a PDF draws
    as ``•`` and canon drops there too. Proof of a list: two such terms at
    least, each a bare glyph (a term in markup, ``<dt><b>*</b>``, is a name:
    bash's special parameter ``*``)."""
    terms = {n.index for n in order if n.tag == "dt" and len(n.children) == 1
             and isinstance(n.children[0], str) and n.children[0].strip() in _BULLET_GLYPHS}
    return terms if len(terms) >= 2 else set()


def _header_cells_only(table: Node) -> bool:
    cells = [n for n in _descendants(table) if n.tag in ("td", "th")]
    return bool(cells) and all(c.tag == "th" for c in cells)


def _in_page_links_only(node: Node) -> bool:
    """Every text of the list is inside a link into the page (``href="#..."``)."""
    links = 0
    stack: list[Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                return False
            continue
        if item.tag == "a":
            if not item.attrs.get("href", "").startswith("#"):
                return False
            links += 1
            continue
        stack.extend(item.children)
    return links > 0


def _after_index_anchor(heading: Node) -> bool:
    parent = heading.parent
    if parent is None or _text_of(heading) != "Index":
        return False
    siblings = list(parent.elements())
    before = siblings[siblings.index(heading) - 1] if siblings.index(heading) > 0 else None
    return before is not None and before.tag == "a" and before.attrs.get("name") == "index"


def _descendants(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.elements())


def _man2html_furniture_block(block: _Block) -> bool:
    """man2html's credit line and its "Index" link at the top of the page."""
    whole_link = block.link_chars == len(block.text)
    return block.text.startswith(_MAN2HTML_CREDIT) or (block.text == "Index" and whole_link)


def _selection_proven(blocks: list[_Block], oks: list[bool], dropped: list[bool]) -> bool:
    """Is the content selection trustworthy? Text outside the selected region
    goes only when it is small next to what is kept, or is itself marked as
    chrome (navigation, footer, sidebar...), and the prose it leaves out
    (long, link-poor blocks: what articles are made of) is small too."""
    unmarked = kept = prose_left = 0
    for block, ok in zip(blocks, oks, strict=True):
        if dropped[block.owner.index]:
            continue
        words = len(block.text.split())
        unmarked += words
        if ok:
            kept += words
        elif len(block.text) >= 60 and block.link_density < 0.3:
            prose_left += words
    return kept >= MIN_SELECTED_SHARE * unmarked and prose_left <= MAX_PROSE_LEFT * kept


def extract_main(markup: bytes | str, *, parse: Parse = parse_with_bs4) -> MainContent:
    """Main content of an HTML page, with the removed furniture on record.

    ``parse`` chooses the front-end; every front-end must give the same
    neutral tree, hence the same result (the tests compare them).  Raises
    :class:`~verify.errors.CorruptDocument` only when the parser fails;
    a page with no content gives empty ``paragraphs``.
    """
    return extract_main_with_markup(markup, parse)[0]


def extract_main_with_markup(markup: bytes | str, parse: Parse) -> tuple[MainContent, str | None]:
    """:func:`extract_main`, and the decoded markup when it is exactly
    ``markup.decode(encoding, "replace")`` (:func:`_decode`), else None."""
    if not isinstance(markup, (bytes, str)):
        raise TypeError(f"markup must be bytes or str, not {type(markup).__name__}")
    text, encoding, exact = _decode(markup)
    # Only this module's front-ends are known to make a new tree per call:
    # a tree from any other parser is read as it is and left whole.
    own = parse is parse_with_lxml or parse is parse_with_bs4
    with _collector_paused():
        root = parse(text)
        unseen = tuple(root.unseen) if own and isinstance(root, _Document) else None
        # canon/5; the folds act on sup, sub and noframes only
        fold_tree(_in_order(root.tags, "sup", "sub", "noframes") if own and isinstance(root, _Document)
                  else _index(root))
        try:
            title, paragraphs, removed, code, head_title = _select(root, fresh=own)
        finally:
            if own:
                _dismantle(root)
            # Freed here, while the collector still sleeps: alive when it
            # wakes, the tree would be walked by its first collection.
            del root
    main = MainContent(title, paragraphs, removed, encoding, code, head_title, unseen)
    return main, text if exact else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a page's tree is built and read.

    The neutral tree is the only cyclic structure made here (parent links),
    alive until :func:`_dismantle` cuts it, after which reference counting
    frees it: the collector would find nothing, yet it walks the growing
    tree again and again as its generations fill (0.1 s of the 1.4 s of the
    181 benchmark pages). Other threads' cyclic garbage waits at most one
    page (bounded by the ingest deadline); the collector is restarted only
    if it was running, so a caller who turned it off keeps it off."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()


def _dismantle(root: Node) -> None:
    """Cut the tree's parent links once it has served: without the cycles
    they make, reference counting frees every node at once, and Python's
    cycle collector no longer walks thousands of dead nodes per page (a
    tenth of the HTML ingest time on the benchmark pages)."""
    order = root.order if isinstance(root, _Document) else _index(root)
    for node in order:
        node.parent = None
    order.clear()
    if isinstance(root, _Document):
        root.tags.clear()
