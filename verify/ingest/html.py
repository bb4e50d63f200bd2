"""HTML: the page's main content, as paragraphs, with the site furniture on record.

The content selection (:mod:`verify.ingest.html_content`) works on a neutral
tree that either front-end builds: beautifulsoup4 (the reference) or lxml
directly, about three times faster. The two give identical output on the
181 pages of the boilerplate benchmark, every test fixture and every hostile
input (tests/test_html_content.py), so lxml is the default; the extractor
string names the front-end and the selector version.
"""

from __future__ import annotations

from typing import Literal

from verify.ingest.html_folds import unseen_identifiers
from verify.ingest.html_content import (SELECTOR_VERSION, extract_main_with_markup, parse_with_bs4,
                                       parse_with_lxml)
from verify.model import CODE_LINE, MARK_IN_TEXT, UNSEEN_PIECES, Extracted, without_marks

HtmlParser = Literal["lxml", "bs4"]
#: Metadata key of the head's ``<title>``, which is also the first removed
#: piece: shown in no page, it is not counted as visible text.
HEAD_TITLE = "head-title"


def ingest_html(data: bytes, parser: HtmlParser = "lxml") -> Extracted:
    main, markup = extract_main_with_markup(data, parse_with_lxml if parser == "lxml" else parse_with_bs4)
    metadata: tuple[tuple[str, str], ...] = (("title", main.title),) if main.title else ()
    if main.head_title:
        metadata += ((HEAD_TITLE, main.head_title),)
    unseen = main.unseen
    if unseen is None:  # (a front-end that does not collect them)
        unseen = unseen_identifiers(_decoded(data, main.encoding) if markup is None else markup)
    if unseen:
        metadata += ((UNSEEN_PIECES, str(len(unseen))),)
    own_marks = any(CODE_LINE in p for p in main.paragraphs)
    paragraphs = [without_marks(p) for p in main.paragraphs] if own_marks else main.paragraphs
    return Extracted(
        format="html",
        extractor=f"verify-html/1 {SELECTOR_VERSION} ({_front_end(parser)})",
        pages=("\n\n".join(_marked(p) if code else p
                            for p, code in zip(paragraphs, main.code, strict=True)),),
        encoding=main.encoding,
        metadata=metadata,
        # The head's <title> is not canonical text (a browser shows it in its
        # tab, and the text and PDF renderings of the document have no such
        # line), but an edit of it must not pass as formatting: it is digested
        # first among the removed material (issue 9).
        # canon/5: an image's alt text, an abbreviation's title, the <meta>
        # author and description are in no text node: on record, last, so
        # an edit of them is "furniture changed" (verify.ingest.html_folds).
        removed=((main.head_title,) if main.head_title else ()) + main.removed + unseen,
        warnings=(MARK_IN_TEXT,) if own_marks else (),
    )


def _decoded(data: bytes, encoding: str | None) -> str:
    """The markup as the selector read it (its encoding; UTF-8 if it named none)."""
    try:
        return data.decode(encoding or "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _marked(code_block: str) -> str:
    """Each line of a code block starts with the mark that the layout steps
    read: its line structure is content (:data:`verify.model.CODE_LINE`)."""
    return "\n".join(CODE_LINE + line for line in code_block.split("\n"))


def _front_end(parser: HtmlParser) -> str:
    import lxml.etree

    lxml_version = ".".join(str(n) for n in lxml.etree.LXML_VERSION[:3])
    if parser == "lxml":
        return f"lxml {lxml_version}"
    import bs4

    return f"beautifulsoup4 {bs4.__version__}, lxml {lxml_version}"
