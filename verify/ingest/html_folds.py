"""canon/5's HTML folds (the audit of 2026-11-30, defects 5 and 8): what a
reader sees, kept as the reader sees it.

- A raised or lowered number (``10<sup>2</sup>``, ``H<sub>2</sub>O``,
  ``x<sup>-1</sup>``) becomes the Unicode superscript or subscript
  characters (``10²``, ``H₂O``, ``x⁻¹``), which the ``nfkc`` step keeps
  (``verify.normalize.steps.RAISED``): glued on as plain digits it was
  another number (``102``). Only where Unicode has the exact characters:
  digits, ``+ - − = ( )``; letters (``1<sup>st</sup>``) stay as before.
- A code block (``pre``) keeps its lines' indentation: ``if a:\\n    b()``
  is another program than ``if a:\\nb()``. Tabs are expanded to the
  browser's tab stops (8 columns); the block's common indentation (how far
  the whole block is set in) is layout and goes.
- ``noframes`` holds markup that browsers parse as raw text and never show
  (every browser shows the frames): its text, with its tags read, is hidden
  furniture, recorded and digested in ``removed`` like any hidden element,
  never literal ``<p>`` in the canonical text.

(``<wbr>``, a line-break opportunity inside a word, joins: the selector no
longer reads it as a space; ``verify.ingest.html_content._blocks``.)
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verify.ingest.html_content import Node

_SIGNS = "+-\u2212=()"
SUPERSCRIPT = str.maketrans(
    "0123456789" + _SIGNS,
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207b\u207c\u207d\u207e")
SUBSCRIPT = str.maketrans(
    "0123456789" + _SIGNS,
    "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208b\u208c\u208d\u208e")
_SCRIPTS = {"sup": SUPERSCRIPT, "sub": SUBSCRIPT}
_RAISABLE = frozenset("0123456789" + _SIGNS)
#: Tab stops of a browser's ``pre`` (CSS ``tab-size``'s initial value).
TAB_SIZE = 8
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
                         "pre", "blockquote", "dd", "dt", "ul", "ol", "center", "hr"})


def fold_tree(order: list[Node]) -> None:
    """Apply the folds to a neutral tree, in place, given its nodes in
    document order, or only its ``sup``, ``sub`` and ``noframes`` nodes (the
    others are passed over), in document order (no node is added or
    removed: only texts and attributes change, so the order stays the
    tree's)."""
    for node in order:
        table = _SCRIPTS.get(node.tag)
        if table is not None:
            _raise(node, table)
        elif node.tag == "noframes":
            _hide_noframes(node)


def _texts(node: Node) -> list[tuple[list[Node | str], int]]:
    """Every text below ``node``: (the children list that holds it, its position)."""
    found: list[tuple[list[Node | str], int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        for i, child in enumerate(current.children):
            if isinstance(child, str):
                found.append((current.children, i))
            else:
                stack.append(child)
    return found


def _raise(node: Node, table: dict[int, int]) -> None:
    """``<sup>2</sup>`` -> ``²`` when every character the element shows has
    its raised (lowered) form."""
    texts = _texts(node)
    shown = "".join(str(holder[i]) for holder, i in texts)
    if not shown.strip() or not set("".join(shown.split())) <= _RAISABLE:
        return
    for holder, i in texts:
        holder[i] = str(holder[i]).translate(table)


def _hide_noframes(node: Node) -> None:
    """``noframes``'s raw markup read as HTML, and the element marked hidden."""
    node.attrs["hidden"] = "hidden"
    for i, child in enumerate(node.children):
        if isinstance(child, str) and "<" in child:
            node.children[i] = markup_text(child)


def markup_text(markup: str) -> str:
    """The text of an HTML fragment, a line break after each block.

    >>> markup_text("<p>Your browser does not support frames.</p><p>Go <a href=x>here</a>.</p>")
    'Your browser does not support frames.\\nGo here.'
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return markup
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().split("\n") if line.strip())


def code_text(joined: str) -> str:
    """A ``pre`` block's text: its lines, each with its indentation (tabs
    expanded) less the block's common indentation, inner runs of white space
    folded, blank lines dropped (a blank line ends a canonical paragraph).

    >>> code_text("\\tif a:\\n\\t    b()\\n\\n\\tc()  # done")
    'if a:\\n    b()\\nc() # done'
    """
    lines = []
    for line in joined.split("\n"):
        words = line.split()
        if words:
            expanded = line.expandtabs(TAB_SIZE)
            lines.append((len(expanded) - len(expanded.lstrip()), " ".join(words)))
    if not lines:
        return ""
    common = min(indent for indent, _ in lines)
    return "\n".join(" " * (indent - common) + text for indent, text in lines)


# --------------------------------------------------------------------------- unseen identifiers (defect 6)

#: A start tag of the elements whose attributes hold words a reader can call
#: up (an image's text alternative, shown when the image is not; an
#: abbreviation's expansion, shown on hover) or that identify the document
#: (its author and description in ``<meta>``).
#: The next thing the scan stops at: a comment, a script, style or template
#: (skipped to its end), or a start tag whose attributes may hold such words
#: (read up to 1,000 characters, so that a page of unclosed tags costs linear
#: time; a ``<`` or ``>`` inside a quoted value ends it).
#: (The lookahead names every first character an alternative can match, case
#: folded as the pattern folds it, ``İ ı ſ`` included: most ``<`` are passed
#: over by one class test instead of trying each alternative; a third faster.)
_NEXT = re.compile(r"<(?=[!sStTmMiIaA])"
                   r"(?:(!--)|(script|style|template)\b|(meta|img|abbr|acronym|area)\b([^<>]{0,1000})>)",
                   re.IGNORECASE)
#: The first characters of :data:`_NEXT`'s alternatives (its lookahead's class).
_NEXT_FIRSTS = "!stmia"
_ENDS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "template")}
_ATTR = re.compile(r"([^\s=/>\"']+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
#: The ``<meta name>`` values read: the author, the description, Dublin Core's.
_META_NAMES = frozenset({"author", "description", "dc.creator", "dc.title", "dc.description"})
#: At most this many pieces a page (a gallery of 10,000 images is not 10,000 pieces).
MAX_PIECES = 500


def unseen_identifiers(markup: str) -> tuple[str, ...]:
    """Words of the page that are in no text node: ``<meta name="author">``
    and ``description``, ``<img alt>``, ``<abbr title>``: each as a labelled
    piece (``meta author: Alice``), in document order. The HTML ingester puts
    them on record among the removed material, so that an edit of them is
    "furniture changed", never "formatting only" (the audit's defect 6).
    Read from the markup (comments, scripts and styles left out), not from
    the selector's tree, which keeps no such attribute.

    >>> unseen_identifiers('<meta name="Author" content="Alice B."><img src=x alt="A pike">'
    ...                    '<abbr title="HyperText  Markup Language">HTML</abbr><!-- <img alt="no"> -->')
    ('meta author: Alice B.', 'img alt: A pike', 'abbr title: HyperText Markup Language')
    """
    if "<" not in markup:
        return ()
    pieces: list[str] = []
    position = 0
    while len(pieces) < MAX_PIECES and (found := _NEXT.search(markup, position)):
        position = found.end()
        if found.group(1):  # a comment: skip to its end (or the page's)
            close = markup.find("-->", position)
            position = len(markup) if close < 0 else close + 3
        elif found.group(2):
            ended = _ENDS[found.group(2).lower()].search(markup, position)
            position = len(markup) if ended is None else ended.end()
        else:
            piece = _piece(found.group(3).lower(), found.group(4))
            if piece:
                pieces.append(piece)
    return tuple(pieces)


#: The attribute each tag is read for (a tag without it is passed over unparsed).
_WANTED = {"meta": "content", "img": "alt", "area": "alt", "abbr": "title", "acronym": "title"}


def _piece(name: str, attributes: str) -> str | None:
    """The labelled words of one start tag, if it has any."""
    if _WANTED[name] not in attributes.lower():
        return None
    # Each attribute's raw value (the last of a repeated name, as a dict
    # keeps it); only the one or two values read are unescaped.
    raw = {key.lower(): value for key, value in _ATTR.findall(attributes)}
    if name == "meta":
        label = _unescaped(raw, "name").lower()
        if label not in _META_NAMES:
            return None
        label, value = "meta " + label, _unescaped(raw, "content")
    elif name in ("img", "area"):
        label, value = name + " alt", _unescaped(raw, "alt")
    else:
        label, value = name + " title", _unescaped(raw, "title")
    value = " ".join(value.split())
    return f"{label}: {value}" if value else None


def unseen_piece(tag: str, attrs: Mapping[str, str]) -> str | None:
    """:func:`unseen_identifiers`'s piece of one start tag as the parser
    gives it (``tag`` lower-case, ``attrs`` its attributes with their
    references read), or None: what the HTML tree builder collects as it
    builds (html-content/6), so the markup need not be scanned again.

    >>> unseen_piece("meta", {"name": "Author", "content": "Alice  B."})
    'meta author: Alice B.'
    """
    wanted = _WANTED.get(tag)
    if wanted is None:
        return None
    value = attrs.get(wanted)
    if value is None:
        return None
    if tag == "meta":
        label = (attrs.get("name") or "").lower()
        if label not in _META_NAMES:
            return None
        label = "meta " + label
    elif tag in ("img", "area"):
        label = tag + " alt"
    else:
        label = tag + " title"
    value = " ".join(value.split())
    return f"{label}: {value}" if value else None


def _unescaped(raw: dict[str, str], key: str) -> str:
    """An attribute's value, its quotes taken off and its references read
    ("" when the tag has no such attribute)."""
    value = raw.get(key)
    return "" if value is None else html.unescape(value.strip("\"'"))
