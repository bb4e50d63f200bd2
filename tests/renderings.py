"""Render one text as plain text, HTML with site chrome, and PDF: the same words.

Used by tests/test_xformat.py and bench/xformat.py. A document is a title and
a list of paragraphs (each a list of *items*: a paragraph string, or one of
the markers :data:`RULE` and :data:`FOOTNOTE`). The renderings carry what real
renderings carry and the canonical profile must see through:

- **txt**: hard-wrapped at 66 columns, long words hyphenated at the line end
  (upper-case ones too: ``POSSI-/BILITY``), a rule line ``-----`` or
  ``*****``, footnotes at the end under a rule.
- **html**: a site around the document (header, navigation, a cookie banner,
  a related-stories box, a footer), the rule as ``<hr>`` and as a ``* * *``
  paragraph, the footnote mark in ``<sup>``.
- **pdf** (reportlab, invariant mode): pages of 48 lines, the title as a
  running header from page 2 on, ``Page N of M`` at the foot, the same
  hyphenation, rules drawn as text, each footnote at the foot of its page.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

RULE = "\x00rule"
WIDTH = 66
LINES_PER_PAGE = 48


@dataclass(frozen=True)
class Doc:
    title: str
    paragraphs: tuple[str, ...]
    #: ``(paragraph index, marker number, note text)``: the mark is glued to
    #: the last word of that paragraph.
    notes: tuple[tuple[int, int, str], ...] = field(default=())


def paragraphs_of(text: str) -> tuple[str, ...]:
    """Paragraphs of a hard-wrapped text: blank-line separated, lines joined."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(block.split())
        if joined:
            out.append(joined)
    return tuple(out)


def _hyphenated(words: Sequence[str], width: int) -> list[str]:
    """Wrap words at ``width``; a word of 8 or more letters that does not fit
    is broken after its first half, with a hyphen at the line end."""
    lines: list[str] = []
    line = ""
    for word in words:
        if not line:
            line = word
            continue
        if len(line) + 1 + len(word) <= width:
            line += " " + word
            continue
        room = width - len(line) - 2
        cut = len(word) // 2
        if word.isalpha() and len(word) >= 8 and room >= cut:
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _with_marks(doc: Doc) -> list[str]:
    paras = list(doc.paragraphs)
    for index, number, _ in doc.notes:
        paras[index] = paras[index] + str(number)
    return paras


def to_txt(doc: Doc) -> str:
    out = [doc.title, ""]
    for para in _with_marks(doc):
        if para == RULE:
            out += ["-" * 20, ""]
            continue
        out += [*_hyphenated(para.split(), WIDTH), ""]
    if doc.notes:
        out += ["*" * 10, ""]
        for _, number, note in doc.notes:
            out += [*_hyphenated(f"{number} {note}".split(), WIDTH), ""]
    return "\n".join(out)


def to_html(doc: Doc) -> str:
    body = [f"<h1>{html.escape(doc.title)}</h1>"]
    for para in _with_marks(doc):
        if para == RULE:
            body.append("<hr><p>* * *</p>")
            continue
        body.append(f"<p>{html.escape(para)}</p>")
    for index, number, _ in doc.notes:  # the mark as a superscript
        plain = html.escape(_with_marks(doc)[index])
        body = [b.replace(plain, plain[: -len(str(number))] + f"<sup>{number}</sup>") for b in body]
    notes = "".join(f"<p>{number} {html.escape(note)}</p>" for _, number, note in doc.notes)
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(1, 9))
    related = "".join(f'<li><a href="/r/{i}">Another story about topic {i}</a></li>' for i in range(1, 6))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(doc.title)} | Example Site</title><style>p{{margin:0}}</style></head><body>"
        "<header class='site-header'><a href='/'>Example Site</a><span>Your daily source</span></header>"
        f"<nav class='menu'><ul>{nav}</ul></nav>"
        "<div class='cookie-banner'>We use cookies to improve your experience. <a href='/c'>Accept</a></div>"
        f"<main><article>{''.join(body)}<section class='notes'>{notes}</section></article></main>"
        f"<aside class='related'><h2>Related stories</h2><ul>{related}</ul></aside>"
        "<footer><p>Copyright 2026 Example Site. All rights reserved.</p>"
        "<a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></footer>"
        "<script>var tracking = 'do not index me';</script></body></html>"
    )


def _pdf_pages(doc: Doc) -> list[tuple[list[str], list[str]]]:
    """Lines of each page and the footnotes at its foot."""
    pages: list[tuple[list[str], list[str]]] = [([doc.title, ""], [])]
    room = LINES_PER_PAGE
    for i, para in enumerate(_with_marks(doc)):
        lines = ["*" * 20] if para == RULE else _hyphenated(para.split(), WIDTH)
        notes = [f"{n} {t}" for idx, n, t in doc.notes if idx == i]
        note_lines = [ln for note in notes for ln in _hyphenated(note.split(), WIDTH + 10)]
        for line in lines:
            body, foot = pages[-1]
            if len(body) + len(foot) >= room:
                pages.append(([], []))
                body, foot = pages[-1]
            body.append(line)
        pages[-1][1].extend(note_lines)
        pages[-1][0].append("")
    return pages


def to_pdf(doc: Doc) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    pages = _pdf_pages(doc)
    _, height = A4
    for number, (body, foot) in enumerate(pages, start=1):
        canvas.setFont("Helvetica", 9)
        if number > 1:
            canvas.drawString(72, height - 40, doc.title)
        y = height - 72
        canvas.setFont("Helvetica", 10)
        for line in body:
            if line:
                canvas.drawString(72, y, line)
            y -= 13
        if foot:
            canvas.line(72, 96 + 11 * len(foot), 200, 96 + 11 * len(foot))
            canvas.setFont("Helvetica", 8)
            for k, line in enumerate(foot):
                canvas.drawString(72, 90 + 11 * (len(foot) - 1 - k), line)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(A4[0] / 2, 40, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
