#!/usr/bin/env python3
"""Render the seed texts in ``sources/`` back into the forms they came from.

The five seeds are plain-text captures of PDFs and web pages. This script
rebuilds plausible originals from them, so that the toolkit has real PDF and
HTML files whose canonical text should equal the seed's:

* ``001`` (a yearbook reprint) becomes a three-page PDF with a running header
  and page numbers, the page breaks falling mid-sentence where the capture
  shows the header interrupting a sentence, wrapped and justified lines and a
  few words hyphenated at line ends;
* ``002`` (a Conference on Disarmament document) becomes a three-page PDF
  that keeps the capture's own line breaks, with a superscript footnote
  marker, the footnote below a short rule at the foot of page 1, and the
  signature blocks;
* ``000`` and ``004`` (ministry pages) and ``003`` (a blog article) become
  HTML pages wrapped in site chrome: skip link, header, navigation,
  breadcrumbs, cookie banner, sidebar, footer, a script and a style sheet.

The words of each rendering are the seed's words. Everything added is layout
or site furniture, which canonicalisation is meant to remove; where a seed
carries furniture (a running header, a site name in the title line) the
rendering puts it where the original had it.

Output is deterministic: reportlab runs with ``invariant=1`` and fixed
metadata, and the HTML has no dates, so running the script twice gives
byte-identical files. Usage::

    python scripts/make_sources.py [--out sources] [--seeds sources]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

SOURCES = Path(__file__).resolve().parent.parent / "sources"

# The seeds are data: never edited, only read. A seed whose bytes differ
# from these digests is refused rather than rendered.
SEED_SHA256 = {
    "000_b115bc2835af3bd6.txt": "28a2f6093994c55ce61505ffae78628b36cf48fe15caf292a336758585fac662",
    "001_150b57b1f7e7ebd3.txt": "54809b63099682fd8667d339950788b71460148c7b4838265283718c218338a5",
    "002_e1609b8a501e843d.txt": "ab81740b52dfd8a35045745ad5d3ed571732afe427efe90da9e8dbe46fbf85e2",
    "003_471a1f005966c636.txt": "d0804f18e02dc85893ada50a890f289baa8d5192c47cea86e93301a6e1c9f3b0",
    "004_8725e6808ebab66c.txt": "9d5cacadc78eb14198a5f29baa2c60e1b991b55f9cd1abd99e4291ee6ffa665b",
}

CREATOR = "verify scripts/make_sources.py"


class SeedError(Exception):
    """A seed is missing, changed, or no longer has the shape we rely on."""


# --------------------------------------------------------------------------
# Typesetting: just enough to set justified, hyphenated lines on a canvas.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Font:
    name: str
    size: float

    def width(self, text: str) -> float:
        return float(stringWidth(text, self.name, self.size))


@dataclass(frozen=True)
class Line:
    """One typeset line: its text, where it starts, and whether to justify."""

    text: str
    indent: float = 0.0
    justify: bool = False


# Break points for a few long words, as a hyphenation dictionary gives them.
# The wrapper only ever breaks a word here, never at a hyphen the word
# already has ("non-interference" stays whole).
HYPHENATION = {
    "information": "in-for-ma-tion",
    "international": "in-ter-na-tion-al",
    "communication": "com-mu-ni-ca-tion",
    "organisations": "or-gan-i-sa-tions",
    "civilisations": "civ-i-li-sa-tions",
    "development": "de-vel-op-ment",
    "implementation": "im-ple-men-ta-tion",
}


def hyphenate(word: str, font: Font, room: float) -> tuple[str, str] | None:
    """Split ``word`` as ``("informa-", "tion")`` so the head fits ``room``.

    Only dictionary words are split, only at their break points, and both
    parts keep at least three letters. The longest head that fits wins.
    """
    core = word.rstrip(".,;:")
    pattern = HYPHENATION.get(core.lower())
    if pattern is None:
        return None
    cuts, at = [], 0
    for syllable in pattern.split("-")[:-1]:
        at += len(syllable)
        cuts.append(at)
    for cut in reversed(cuts):
        head, tail = word[:cut] + "-", word[cut:]
        if cut >= 3 and len(core) - cut >= 3 and font.width(head) <= room:
            return head, tail
    return None


def wrap(
    text: str, font: Font, width: float, indent: float = 0.0, hyphens: bool = True
) -> list[Line]:
    """Break a paragraph into lines of at most ``width`` points.

    Greedy, like most word processors: fill the line, and when the next word
    does not fit, try to hyphenate it before pushing it to the next line.
    Every line but the last is justified; the first is indented.
    """
    lines: list[Line] = []
    words: list[str] = []
    for word in text.split():
        room = width - (indent if not lines else 0.0)
        candidate = " ".join([*words, word])
        if not words or font.width(candidate) <= room:
            words.append(word)
            continue
        split = hyphenate(word, font, room - font.width(" ".join(words) + " ")) if hyphens else None
        if split is not None:
            words.append(split[0])
            word = split[1]
        lines.append(Line(" ".join(words), indent if not lines else 0.0, True))
        words = [word]
    lines.append(Line(" ".join(words), indent if not lines else 0.0, False))
    return lines


def draw_line(canvas: Canvas, line: Line, x: float, y: float, font: Font, width: float) -> None:
    """Draw ``line`` at ``(x, y)``, stretching its spaces when it justifies.

    The word spacing is set on every line: PDF keeps it in the graphics
    state, so a justified line would otherwise stretch the lines after it.
    """
    text = canvas.beginText(x + line.indent, y)
    text.setFont(font.name, font.size)
    spaces = line.text.count(" ")
    stretch = 0.0
    if line.justify and spaces:
        stretch = max(0.0, (width - line.indent - font.width(line.text)) / spaces)
    text.setWordSpace(stretch)
    text.textOut(line.text)
    canvas.drawText(text)


def draw_centred(canvas: Canvas, text: str, centre: float, y: float, font: Font) -> None:
    draw_line(canvas, Line(text), centre - font.width(text) / 2, y, font, 0.0)


def new_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str, seed: str) -> Canvas:
    """A canvas whose output depends on nothing but what is drawn on it."""
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1, lang="en")
    canvas.setTitle(title)
    canvas.setAuthor("verify sample corpus")
    canvas.setSubject(f"Rendering of {seed}, made to reproduce the layout of its original")
    canvas.setCreator(CREATOR)
    return canvas


def finish(canvas: Canvas, buffer: io.BytesIO) -> bytes:
    canvas.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------
# 001: yearbook pages of the Instituto de Relaciones Internacionales (IRI).
# --------------------------------------------------------------------------

IRI_HEADER = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"
IRI_PAGE = (482.0, 680.0)  # 17 x 24 cm, a usual yearbook format
IRI_MARGIN_X = 56.0
IRI_BODY_TOP = 620.0
IRI_BODY_BOTTOM = 64.0
IRI_BODY = Font("Times-Roman", 10.5)
IRI_LEADING = 13.0
IRI_PARAGRAPH_GAP = 3.0
IRI_INDENT = 14.0

# The yearbook's own headings on page 1: (font, space below in points).
IRI_HEADINGS = {
    "Departamento de Asia y Pacífico": (Font("Helvetica-Oblique", 9.0), 14.0),
    "The Shangai Cooperation Organisation": (Font("Times-Bold", 13.0), 8.0),
    "Statement of Heads of SCO Member States on International Information Security": (
        Font("Times-Bold", 11.0),
        4.0,
    ),
    "Shanghai, 15 June 2006": (Font("Times-Italic", 10.5), 12.0),
}


def iri_pages(seed: str) -> list[list[str]]:
    """The seed's paragraphs, page by page.

    The capture starts each page with the running header, so cutting at the
    header gives the pages; a page that starts or ends mid-sentence shows
    where the original's page breaks fell.
    """
    before, *pages = seed.split(IRI_HEADER)
    if before.strip() or len(pages) != 3:
        raise SeedError("001: expected the running header at the top of 3 pages")
    return [[p.strip() for p in page.strip().split("\n\n")] for page in pages]


def iri_header(canvas: Canvas) -> None:
    width, height = IRI_PAGE
    draw_centred(canvas, IRI_HEADER, width / 2, height - 38, Font("Times-Italic", 8.5))
    canvas.setLineWidth(0.4)
    canvas.line(IRI_MARGIN_X, height - 44, width - IRI_MARGIN_X, height - 44)


def iri_footer(canvas: Canvas, number: int) -> None:
    draw_centred(canvas, str(number), IRI_PAGE[0] / 2, 34, Font("Times-Roman", 9.0))


def iri_page(canvas: Canvas, paragraphs: list[str], number: int) -> None:
    """Set one yearbook page; its first paragraph may continue the last page's."""
    iri_header(canvas)
    measure = IRI_PAGE[0] - 2 * IRI_MARGIN_X
    y = IRI_BODY_TOP
    for index, paragraph in enumerate(paragraphs):
        if paragraph in IRI_HEADINGS:
            font, space = IRI_HEADINGS[paragraph]
            for line in wrap(paragraph, font, measure - 40, hyphens=False):
                draw_centred(canvas, line.text, IRI_PAGE[0] / 2, y, font)
                y -= font.size * 1.25
            y -= space
            continue
        continues = index == 0 and number > 1
        # A paragraph cut by the page break ends its page with a ragged line.
        lines = wrap(paragraph, IRI_BODY, measure, 0.0 if continues else IRI_INDENT)
        for line in lines:
            draw_line(canvas, line, IRI_MARGIN_X, y, IRI_BODY, measure)
            y -= IRI_LEADING
        y -= IRI_PARAGRAPH_GAP
    if y < IRI_BODY_BOTTOM:
        raise SeedError(f"001: page {number} overflows the type area")
    iri_footer(canvas, number)
    canvas.showPage()


def render_iri(seed: str, name: str) -> bytes:
    buffer = io.BytesIO()
    title = "Statement of Heads of SCO Member States on International Information Security"
    canvas = new_canvas(buffer, IRI_PAGE, title, name)
    for number, paragraphs in enumerate(iri_pages(seed), start=1):
        iri_page(canvas, paragraphs, number)
    return finish(canvas, buffer)


# --------------------------------------------------------------------------
# 002: a United Nations Conference on Disarmament document.
# --------------------------------------------------------------------------

UN_MARGIN_X = (A4[0] - 470.0) / 2
UN_MEASURE = 470.0
UN_TOP = A4[1] - 64.0
UN_BOTTOM = 64.0
UN_BODY = Font("Times-Roman", 12.0)
UN_BOLD = Font("Times-Bold", 12.0)
UN_NOTE = Font("Times-Roman", 10.0)
UN_LEADING = 14.0
UN_INDENT = 36.0
UN_SIGNED = "(Signed):"

# Where the capture's pages begin. Page 2 starts with the statement's title,
# after the footnote that closes page 1; page 3 starts at the one paragraph
# that the capture does not separate from the previous one by a blank line,
# the trace of the page break in the original. The capture's closing "-----"
# marks the end of the last page.
UN_PAGE_STARTS = (
    " Statement of the heads of the member States",
    "  The heads of State also emphasize",
)
UN_FOOTNOTE = "1  Originally issued as annex II"
UN_END = "----- "


@dataclass(frozen=True)
class UnPages:
    title: list[str]
    letter: list[str]
    footnote: list[str]
    statement: list[list[str]]


def un_pages(seed: str) -> UnPages:
    """Cut the capture at its page breaks; keep its line breaks as they are."""
    try:
        page2 = seed.index(UN_PAGE_STARTS[0])
        page3 = seed.index(UN_PAGE_STARTS[1])
        note = seed.index(UN_FOOTNOTE)
        end = seed.index(UN_END)
    except ValueError as exc:
        raise SeedError("002: a page break or the footnote is not where expected") from exc
    first = seed[:note].splitlines()
    blank = first.index("")
    return UnPages(
        title=first[:blank],
        letter=first[blank:],
        footnote=seed[note:page2].splitlines(),
        statement=[seed[page2:page3].splitlines(), seed[page3:end].splitlines()],
    )


def un_body(canvas: Canvas, lines: list[str], y: float, signature_x: float) -> float:
    """Set the capture's lines: paragraphs justified, signatures indented.

    A paragraph's first line is indented when the capture indents it; every
    line but a paragraph's last is justified, as in the original.
    """
    name_x = signature_x
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            y -= UN_LEADING
            continue
        if text.startswith(UN_SIGNED):
            name = text[len(UN_SIGNED) :].lstrip()
            name_x = signature_x + UN_BODY.width(text[: len(text) - len(name)])
            draw_line(canvas, Line(text), signature_x, y, UN_BODY, UN_MEASURE)
        elif raw.startswith("     "):
            draw_line(canvas, Line(text), name_x, y, UN_BODY, UN_MEASURE)
        else:
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            ends = (
                not following or following.startswith(UN_SIGNED) or lines[index + 1].startswith(" ")
            )
            indent = UN_INDENT if raw.startswith(" ") else 0.0
            draw_line(canvas, Line(text, indent, not ends), UN_MARGIN_X, y, UN_BODY, UN_MEASURE)
        y -= UN_LEADING
    if y < UN_BOTTOM:
        raise SeedError("002: a page overflows the type area")
    return y


def un_title(canvas: Canvas, lines: list[str], y: float) -> float:
    """The centred title block, its last line carrying the footnote marker."""
    centre = A4[0] / 2
    for raw in lines[:-1]:
        draw_centred(canvas, raw.strip(), centre, y, UN_BOLD)
        y -= UN_LEADING
    text = lines[-1].strip()
    if not text.endswith("CHINA1"):
        raise SeedError("002: the footnote marker is not after CHINA")
    text = text[:-1]
    marker = Font("Times-Bold", 8.0)
    x = centre - (UN_BOLD.width(text) + marker.width("1")) / 2
    label = canvas.beginText(x, y)
    label.setFont(UN_BOLD.name, UN_BOLD.size)
    label.setWordSpace(0)
    label.textOut(text)
    label.setFont(marker.name, marker.size)
    label.setRise(5)
    label.textOut("1")
    label.setRise(0)  # the rise, like the word spacing, outlives the text object
    canvas.drawText(label)
    return y - UN_LEADING


def un_footnote(canvas: Canvas, lines: list[str]) -> None:
    """The footnote at the foot of page 1, below a short rule."""
    lines = [line.strip() for line in lines if line.strip()]
    y = UN_BOTTOM + 12 * (len(lines) - 1)
    canvas.setLineWidth(0.5)
    canvas.line(UN_MARGIN_X, y + 14, UN_MARGIN_X + 144, y + 14)
    first = lines[0]
    if not first.startswith("1 "):
        raise SeedError("002: the footnote does not start with its number")
    note = canvas.beginText(UN_MARGIN_X, y)
    note.setFont("Times-Roman", 6.5)
    note.setWordSpace(0)
    note.setRise(3.5)
    note.textOut("1")
    note.setRise(0)
    note.setFont(UN_NOTE.name, UN_NOTE.size)
    note.textOut(" " + first[1:].strip())
    canvas.drawText(note)
    for line in lines[1:]:
        y -= 12
        draw_line(canvas, Line(line), UN_MARGIN_X, y, UN_NOTE, UN_MEASURE)


def render_un(seed: str, name: str) -> bytes:
    pages = un_pages(seed)
    buffer = io.BytesIO()
    title = "Letter dated 16 August 2006 from the Permanent Representative of China"
    canvas = new_canvas(buffer, A4, title + " to the Conference on Disarmament", name)
    y = un_title(canvas, pages.title, UN_TOP)
    un_body(canvas, pages.letter, y, UN_MARGIN_X + 200)
    un_footnote(canvas, pages.footnote)
    canvas.showPage()
    for lines in pages.statement:
        heading, rest = un_statement_heading(lines)
        y = UN_TOP
        for text in heading:
            if text:
                draw_centred(canvas, text, A4[0] / 2, y, UN_BOLD)
            y -= UN_LEADING
        un_body(canvas, rest, y, UN_MARGIN_X + 36)
        canvas.showPage()
    return finish(canvas, buffer)


def un_statement_heading(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split off the statement's centred heading (only page 2 has one)."""
    if not lines[0].startswith(UN_PAGE_STARTS[0]):
        return [], lines
    closing = next(i for i, line in enumerate(lines) if line.startswith("(Shanghai"))
    heading = [line.strip() for line in lines[:closing] if line.strip()]
    return [*heading, "", lines[closing].strip()], lines[closing + 1 :]


# --------------------------------------------------------------------------
# HTML pages. Links inside the chrome point at fragments: the chrome is
# invented, and no address in it should pass for a real one.
# --------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def paragraphs(text: str, separator: str = "\n\n") -> list[str]:
    return [p.strip() for p in text.split(separator) if p.strip()]


def menu(items: Sequence[str], indent: str = "      ") -> str:
    return "\n".join(f'{indent}<li><a href="#{slug(item)}">{esc(item)}</a></li>' for item in items)


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def body_html(texts: Sequence[str], indent: str = "        ", numeric: bool = False) -> str:
    rendered = (numeric_refs(esc(t)) if numeric else esc(t) for t in texts)
    return "\n".join(f"{indent}<p>{t}</p>" for t in rendered)


def numeric_refs(text: str) -> str:
    """Write non-ASCII characters as numeric references, as some CMSs do."""
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in text)


MINISTRY_STYLE = """\
    body { margin: 0; font: 15px/1.6 Arial, Helvetica, sans-serif; color: #222; }
    .skip-link { position: absolute; left: -999px; }
    .skip-link:focus { left: 8px; top: 8px; background: #fff; }
    .site-header { background: #8b0000; color: #fff; padding: 12px 24px; }
    .main-nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 18px; }
    .main-nav a, .site-brand a { color: #fff; text-decoration: none; }
    .breadcrumbs { padding: 8px 24px; font-size: 13px; }
    .layout { display: flex; gap: 32px; padding: 0 24px; }
    main { flex: 3; } aside { flex: 1; font-size: 13px; }
    .cookie-banner { position: fixed; bottom: 0; left: 0; right: 0; background: #333; color: #eee; padding: 12px; }
    footer { border-top: 1px solid #ccc; margin-top: 32px; padding: 16px 24px; font-size: 12px; }"""

COOKIE_SCRIPT = """\
    (function () {
      var banner = document.getElementById("cookie-banner");
      var button = document.getElementById("cookie-accept");
      if (window.localStorage && localStorage.getItem("cookies-accepted") === "1") {
        banner.style.display = "none";
      }
      button.addEventListener("click", function () {
        localStorage.setItem("cookies-accepted", "1");
        banner.style.display = "none";
      });
      var sizes = document.querySelectorAll("[data-font-size]");
      sizes.forEach(function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          document.querySelector("article").style.fontSize = link.dataset.fontSize;
        });
      });
    })();"""


@dataclass(frozen=True)
class Ministry:
    """The chrome of one ministry's site."""

    name: str
    nav: tuple[str, ...]
    breadcrumbs: tuple[str, ...]
    related: tuple[str, ...]
    languages: tuple[str, ...]
    footer: tuple[str, ...]


def ministry_page(site: Ministry, title: str, heading: str, body: str) -> str:
    """A ministry page: the document in ``<main><article>``, chrome around it."""
    crumbs = " &gt; ".join(f'<a href="#{slug(c)}">{esc(c)}</a>' for c in site.breadcrumbs)
    return f"""\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <style>
{MINISTRY_STYLE}
  </style>
</head>
<body>
  <a class="skip-link" href="#content">Skip to content</a>
  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie notice">
    <p>This website uses cookies to make your visit more convenient. By continuing to browse the site you agree to the use of cookies.</p>
    <button type="button" id="cookie-accept">Accept</button>
    <a href="#privacy-policy">Privacy policy</a>
  </div>
  <header class="site-header">
    <div class="site-brand"><a href="#home">{esc(site.name)}</a></div>
    <ul class="languages">
{menu(site.languages)}
    </ul>
    <form class="site-search" role="search">
      <label for="q">Search</label> <input id="q" type="search" name="q"> <button type="submit">Search</button>
    </form>
    <nav class="main-nav" aria-label="Main menu">
      <ul>
{menu(site.nav, "        ")}
      </ul>
    </nav>
  </header>
  <nav class="breadcrumbs" aria-label="Breadcrumbs">{crumbs}</nav>
  <div class="layout">
    <main id="content">
      <div class="tools">Font size: <a href="#" data-font-size="14px">A</a> <a href="#" data-font-size="16px">A</a> <a href="#" data-font-size="18px">A</a> | <a href="#print">Print</a></div>
      <article>
        <h1>{heading}</h1>
{body}
      </article>
    </main>
    <aside class="sidebar">
      <h2>Related links</h2>
      <ul>
{menu(site.related, "        ")}
      </ul>
    </aside>
  </div>
  <footer class="site-footer">
{chr(10).join(f"    <p>{esc(line)}</p>" for line in site.footer)}
  </footer>
  <script>
{COOKIE_SCRIPT}
  </script>
</body>
</html>
"""


CHINA_MFA = Ministry(
    name="Ministry of Foreign Affairs of the People’s Republic of China",
    nav=(
        "Home",
        "About Us",
        "Ministry News",
        "Press and Media Service",
        "Countries & Regions",
        "International Organizations",
        "Policies and Activities",
    ),
    breadcrumbs=("Home", "International Organizations", "Shanghai Cooperation Organization"),
    related=(
        "Shanghai Cooperation Organization",
        "Foreign Ministry Spokesperson’s Remarks",
        "Speeches and Statements",
        "Treaties and Agreements",
    ),
    languages=("中文", "English", "Français", "Русский", "Español", "العربية"),
    footer=(
        "Copyright © Ministry of Foreign Affairs of the People’s Republic of China. All rights reserved.",
        "Contact Us | Sitemap | Accessibility",
    ),
)

RUSSIA_MFA = Ministry(
    name="The Ministry of Foreign Affairs of the Russian Federation",
    nav=(
        "Home",
        "Ministry",
        "Foreign Policy",
        "Press Service",
        "Documents",
        "Consular Services",
        "Contacts",
    ),
    breadcrumbs=("Home", "Foreign Policy", "International Information Security"),
    related=(
        "International information security",
        "Shanghai Cooperation Organisation",
        "Statements and speeches",
        "Briefings by the Official Spokesperson",
    ),
    languages=("Русский", "English", "Français", "Deutsch", "Español", "中文"),
    footer=(
        "© The Ministry of Foreign Affairs of the Russian Federation",
        "Contacts | Site map | Accessibility | Terms of use",
    ),
)

CHINA_SITE_SUFFIX = " – " + CHINA_MFA.name


def render_china(seed: str, name: str) -> bytes:
    """000: the capture glued the site name to the title: split them again."""
    title, heading, *body = paragraphs(seed)
    if title != heading + CHINA_SITE_SUFFIX:
        raise SeedError("000: the first line is not '<heading> – <site name>'")
    page = ministry_page(CHINA_MFA, esc(title), esc(heading), body_html(body))
    return page.encode("utf-8")


def render_russia(seed: str, name: str) -> bytes:
    """004: one paragraph per line; quotes written as numeric references."""
    heading, *body = paragraphs(seed, "\n")
    title = numeric_refs(esc(f"{heading} - {RUSSIA_MFA.name}"))
    page = ministry_page(
        RUSSIA_MFA, title, numeric_refs(esc(heading)), body_html(body, numeric=True)
    )
    return page.encode("utf-8")


BLOG_STYLE = """\
    body { margin: 0; font: 17px/1.7 Georgia, serif; color: #1a1a1a; }
    .screen-reader-text { position: absolute; clip: rect(1px, 1px, 1px, 1px); }
    .site-header, .site-footer { padding: 16px 32px; background: #f4f4f4; }
    .main-navigation ul { list-style: none; display: flex; gap: 16px; padding: 0; }
    .site-content { display: grid; grid-template-columns: 3fr 1fr; gap: 40px; padding: 0 32px; }
    .entry-meta, .entry-footer { color: #767676; font-size: 14px; }
    .share-buttons a { display: inline-block; padding: 4px 10px; border: 1px solid #ddd; }"""

BLOG_SCRIPT = """\
    document.querySelector(".menu-toggle").addEventListener("click", function () {
      document.getElementById("site-navigation").classList.toggle("toggled");
    });
    document.querySelectorAll(".share-buttons a").forEach(function (link) {
      link.addEventListener("click", function () { window.open(link.href, "share", "width=600,height=400"); });
    });"""


def render_blog(seed: str, name: str) -> bytes:
    """003: a post on a WordPress-like theme, with the theme's boilerplate.

    The capture keeps the theme's "Skip to content" and a bare "Published on":
    the date itself did not survive, and none is invented here.
    """
    skip, heading, *body, published = paragraphs(seed)
    if (skip, published) != ("Skip to content", "Published on"):
        raise SeedError("003: expected the theme's 'Skip to content' and 'Published on'")
    page = f"""\
<!DOCTYPE html>
<html lang="en-US">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(heading)} &#8211; Policy Notes</title>
  <meta name="generator" content="WordPress">
  <style id="theme-inline-css">
{BLOG_STYLE}
  </style>
</head>
<body class="post-template-default single single-post single-format-standard">
<div id="page" class="site">
  <a class="skip-link screen-reader-text" href="#primary">{esc(skip)}</a>
  <header id="masthead" class="site-header">
    <div class="site-branding">
      <p class="site-title"><a href="#home" rel="home">Policy Notes</a></p>
      <p class="site-description">Commentary on security and international affairs</p>
    </div>
    <nav id="site-navigation" class="main-navigation" aria-label="Primary menu">
      <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
      <ul id="primary-menu" class="menu">
{menu(("Home", "Security", "Asia", "Europe", "About", "Contact"))}
      </ul>
    </nav>
  </header>
  <div id="content" class="site-content">
    <main id="primary" class="site-main">
      <article id="post-214" class="post type-post status-publish format-standard hentry category-security">
        <header class="entry-header">
          <h1 class="entry-title">{esc(heading)}</h1>
        </header>
        <div class="entry-content">
{body_html(body, "          ")}
        </div>
        <footer class="entry-footer">
          <span class="posted-on">{esc(published)} <time class="entry-date published"></time></span>
          <span class="cat-links">Posted in <a href="#security" rel="category tag">Security</a></span>
        </footer>
      </article>
      <div class="share-buttons">
        <h3>Share this:</h3>
        <a href="#share-facebook">Facebook</a> <a href="#share-twitter">Twitter</a>
        <a href="#share-linkedin">LinkedIn</a> <a href="#share-email">Email</a>
      </div>
      <nav class="navigation post-navigation" aria-label="Posts">
        <div class="nav-previous"><a href="#previous" rel="prev">Previous post</a></div>
        <div class="nav-next"><a href="#next" rel="next">Next post</a></div>
      </nav>
      <div id="comments" class="comments-area">
        <div id="respond" class="comment-respond">
          <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
          <form id="commentform" class="comment-form" method="post">
            <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
            <p class="comment-form-comment"><label for="comment">Comment *</label> <textarea id="comment" name="comment" rows="8" required></textarea></p>
            <p class="comment-form-author"><label for="author">Name *</label> <input id="author" name="author" type="text" required></p>
            <p class="comment-form-email"><label for="email">Email *</label> <input id="email" name="email" type="email" required></p>
            <p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url"></p>
            <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
          </form>
        </div>
      </div>
    </main>
    <aside id="secondary" class="widget-area">
      <section class="widget widget_search"><form role="search"><label>Search for: <input type="search" name="s"></label> <button type="submit">Search</button></form></section>
      <section class="widget widget_categories"><h2 class="widget-title">Categories</h2>
        <ul>
{menu(("Asia", "Europe", "Security"), "          ")}
        </ul>
      </section>
    </aside>
  </div>
  <footer id="colophon" class="site-footer">
    <div class="site-info">Proudly powered by WordPress | Theme: Notes by the Notes team.</div>
  </footer>
</div>
<script>
{BLOG_SCRIPT}
</script>
</body>
</html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------------------
# The table of renderings, and the command line.
# --------------------------------------------------------------------------

Renderer = Callable[[str, str], bytes]

RENDERINGS: dict[str, tuple[str, Renderer]] = {
    "000_b115bc2835af3bd6.txt": ("000_b115bc2835af3bd6.html", render_china),
    "001_150b57b1f7e7ebd3.txt": ("001_150b57b1f7e7ebd3.pdf", render_iri),
    "002_e1609b8a501e843d.txt": ("002_e1609b8a501e843d.pdf", render_un),
    "003_471a1f005966c636.txt": ("003_471a1f005966c636.html", render_blog),
    "004_8725e6808ebab66c.txt": ("004_8725e6808ebab66c.html", render_russia),
}


def read_seed(folder: Path, name: str) -> str:
    """The seed's text, after checking that its bytes are the known ones."""
    try:
        data = (folder / name).read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot read seed {name}: {exc}") from exc
    if hashlib.sha256(data).hexdigest() != SEED_SHA256[name]:
        raise SeedError(f"seed {name} differs from its known SHA-256; seeds are never edited")
    return data.decode("utf-8")


def render_all(seeds: Path, out: Path) -> list[Path]:
    """Render every seed in ``seeds`` into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for seed_name, (target, render) in RENDERINGS.items():
        path = out / target
        path.write_bytes(render(read_seed(seeds, seed_name), seed_name))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SOURCES, help="folder to write to")
    parser.add_argument("--seeds", type=Path, default=SOURCES, help="folder with the seeds")
    args = parser.parse_args(argv)
    try:
        written = render_all(args.seeds, args.out)
    except SeedError as exc:
        print(f"make_sources: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
