"""HTML blocks are not page captures, and one-link boxes in <main> are text (issue 9).

The unpaged furniture rule removes a short line that repeats, stands alone
between blank lines and splits a sentence: a page header in a text capture
of a paged document.  In the text of an HTML page every block stands alone
between blank lines and a heading without a full stop is followed by a
lower-case line, so the rule took "Added in: v16.5.0" and "Returns:" lines of
Node's API pages (coverage of body text 0.80 on webstreams.html).
"""

from __future__ import annotations

from verify.ingest.html import ingest_html
from verify.model import Extracted
from verify.normalize import canonicalize, replay

ADDED = "Added in: v16.5.0"

_SECTION = (
    "<section><h3>Class: {name}</h3><p>{added}</p>"
    "<p>{name} objects are created by the stream constructors of the module, "
    "and they keep their state until the stream is closed or errored.</p>"
    "<h4>{name}.locked</h4><p>{added}</p>"
    "<p>true while a reader is active on the stream, false otherwise, "
    "as the standard requires for every stream of this kind.</p></section>"
)


def _page() -> bytes:
    sections = "".join(_SECTION.format(name=name, added=ADDED)
                       for name in ("readableStream", "writableStream", "transformStream"))
    return (f"<html><head><title>Web Streams</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<main><h2>Web Streams API</h2>{sections}</main></body></html>").encode()


def test_repeated_short_blocks_of_an_html_page_are_kept() -> None:
    extracted = ingest_html(_page())
    assert extracted.pages[0].count(ADDED) == 6  # the selection kept them
    canonical = canonicalize(extracted)
    assert canonical.text.count(ADDED) == 6
    assert all(change.step != "furniture" for change in canonical.changes)
    assert replay(extracted.pages, canonical.changes) == canonical.text


def test_the_same_blocks_as_plain_text_are_still_a_page_header() -> None:
    # The rule itself is unchanged for text: the same paragraphs read as a
    # plain-text capture still lose the repeated line that splits a sentence.
    pages = ingest_html(_page()).pages
    canonical = canonicalize(Extracted(format="text", extractor="test", pages=pages))
    assert ADDED not in canonical.text
    furniture = next(change for change in canonical.changes if change.step == "furniture")
    assert ADDED in furniture.params
    assert replay(pages, canonical.changes) == canonical.text


_API_PAGE = (
    "<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav>"
    "<main><h2>File system</h2>"
    "<div class='api_stability'><a href='doc.html#stability'>Stability: 1</a> - Experimental.</div>"
    "<p>The file system module lets one work with files, directories, links and the like, "
    "in the way the operating system allows, with promises, callbacks or synchronous calls.</p>"
    "<ul><li>Type: <a href='#function'>&lt;Function&gt;</a></li></ul>"
    "<p>Each call reads or writes the file it is given, opening it first if needed, "
    "and closes it again, unless the caller keeps the descriptor for later calls.</p>"
    "<div class='related'>See: <a href='/x'>Streams</a> <a href='/y'>Buffers</a> "
    "<a href='/z'>Paths</a> <a href='/w'>URLs</a></div>"
    "</main></body></html>"
)


def test_one_link_boxes_inside_a_marked_main_region_are_text() -> None:
    # Node's "Stability" notes are link-dense (0.41, over the 0.33 of a link
    # box) but hold one link: inside <main> they are text, not link lists.
    from verify.ingest.html_content import extract_main

    main = extract_main(_API_PAGE.encode())
    text = "\n".join(main.paragraphs)
    assert "Stability: 1 - Experimental." in text
    # A box of several links inside the same region is still a link list.
    assert "Streams" not in text
    assert any("Streams" in piece for piece in main.removed)
