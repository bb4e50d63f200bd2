"""A deterministic, seeded benchmark corpus of PDFs, HTML pages and text files.

Used by ``bench/fixity.py``. The prose is drawn from the shared seeds
(``../shared/seeds/*.txt``) and the parallel-translations corpus
(``../shared/corpora/parallel-translations``): real sentences, shuffled into
paragraphs. Every file has its own random stream, seeded from the corpus seed
and the file's kind and number, so that files can be made in parallel and the
corpus is byte-identical from one run to the next (reportlab is run in its
``invariant`` mode: no timestamps, no random document ids).

Layout under the corpus root::

    pdf/<year>/report-NNNN.pdf          2-10 pages, running header, page numbers
    html/<section>/page-NNNN.html       nav, header, footer, aside, cookie banner
    text/<a>/<b>/.../note-NNNNN.txt     1-16 KiB by default, nested 1-4 folders deep
"""

from __future__ import annotations

import csv
import html
import json
import math
import os
import random
import re
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
#: Bump when the generator's output changes, so that cached corpora are remade.
GENERATOR_VERSION = 2
META = "corpus.json"


@dataclass(frozen=True)
class Spec:
    pdfs: int
    html: int
    texts: int
    seed: int = 20261122
    pdf_pages: tuple[int, int] = (2, 10)
    #: Text file sizes are drawn log-uniformly between these bounds (many small
    #: notes, a few long ones): 1-16 KiB averages about 5.4 KiB a file.
    text_bytes: tuple[int, int] = (1024, 16 * 1024)
    version: int = GENERATOR_VERSION


#: Sized so that the whole benchmark (every measurement 3 times) fits in about
#: 10 minutes on 2 shared cores; --pdfs/--html/--texts/--text-max-kib scale it up.
FULL = Spec(pdfs=200, html=200, texts=3000)
QUICK = Spec(pdfs=20, html=20, texts=300)


# --------------------------------------------------------------------------- prose

#: A sentence starts with a capital, a quote or a bracket; verse fragments that
#: start in lower case ("saying, ...") are left out: prose does not look like that.
_STARTS_WELL = re.compile(r"[A-Z\u201c\u2018\"'(]")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z\u201c\u2018(])")
_POOL: list[str] | None = None
_PDF_POOL: list[str] | None = None


def sentences() -> list[str]:
    """The sentence pool: every verse of the translations, every sentence of the seeds."""
    global _POOL
    if _POOL is None:
        pool: list[str] = []
        seeds = sorted((SHARED / "seeds").glob("*.txt"))
        for path in seeds:
            for para in path.read_text("utf-8").split("\n"):
                pool.extend(s.strip() for s in _SENTENCE_END.split(para)
                            if len(s.strip()) > 20 and _STARTS_WELL.match(s.strip()))
        for path in sorted((SHARED / "corpora" / "parallel-translations").glob("*/*.csv")):
            with open(path, newline="", encoding="utf-8") as stream:
                for row in csv.DictReader(stream):
                    text = (row.get("Text") or "").strip()
                    if len(text) > 20 and _STARTS_WELL.match(text):
                        pool.append(text)
        if len(pool) < 1000:
            raise RuntimeError(f"too few sentences under {SHARED} ({len(pool)})")
        _POOL = pool
    return _POOL


def pdf_sentences() -> list[str]:
    """The sentences the standard PDF fonts can draw (WinAnsi)."""
    global _PDF_POOL
    if _PDF_POOL is None:
        out = []
        for s in sentences():
            try:
                s.encode("cp1252")
            except UnicodeEncodeError:
                continue
            out.append(s)
        _PDF_POOL = out
    return _PDF_POOL


def paragraph(rng: random.Random, pool: Sequence[str], lo: int = 2, hi: int = 7) -> str:
    return " ".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def title(rng: random.Random, pool: Sequence[str]) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z']+", rng.choice(pool))
    words = words[: rng.randint(3, 7)] or ["Untitled"]
    return " ".join(w.capitalize() if len(w) > 3 else w for w in words)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (plain text files)."""
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for word in text.split():
        if line and length + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, length = [], 0
        length += len(word) + (1 if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _rng(spec: Spec, kind: str, number: int) -> random.Random:
    return random.Random(f"{spec.seed}:{kind}:{number}")


# --------------------------------------------------------------------------- makers

def make_text(spec: Spec, number: int) -> tuple[str, bytes]:
    rng = _rng(spec, "text", number)
    pool = sentences()
    depth = rng.randint(1, 4)
    folders = [f"{'abcdefghijkl'[rng.randrange(12)]}{rng.randrange(8)}" for _ in range(depth)]
    name = "text/" + "/".join(folders) + f"/note-{number:05d}.txt"
    lo, hi = spec.text_bytes
    target = round(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    width = rng.choice((0, 0, 66, 72, 78))  # 0: one paragraph per line, unwrapped
    parts: list[str] = [title(rng, pool), ""]
    size = len(parts[0]) + 1
    while size < target:
        para = paragraph(rng, pool)
        block = "\n".join(wrap(para, width)) if width else para
        parts.extend((block, ""))
        size += len(block.encode("utf-8")) + 2
    data = "\n".join(parts).encode("utf-8")
    if len(data) > target:  # cut at the last line break before the target size
        cut = data.rfind(b"\n", 0, target)
        data = data[: cut if cut > 0 else target]
    data = data.rstrip(b"\n") + b"\n"
    return name, data


_NAV = ("Home", "News", "Research", "Archive", "Publications", "Events", "About us", "Contact")
_SECTIONS = ("news", "research", "archive", "opinion", "reports", "blog")


def make_html(spec: Spec, number: int) -> tuple[str, bytes]:
    rng = _rng(spec, "html", number)
    pool = sentences()
    section = _SECTIONS[rng.randrange(len(_SECTIONS))]
    name = f"html/{section}/page-{number:04d}.html"
    site = rng.choice(("The Provenance Review", "Archive Quarterly", "Open Records Daily",
                       "The Document Desk"))
    headline = title(rng, pool)
    esc = html.escape
    body: list[str] = []
    for _ in range(rng.randint(1, 4)):
        body.append(f"<h2>{esc(title(rng, pool))}</h2>")
        body.extend(f"<p>{esc(paragraph(rng, pool))}</p>" for _ in range(rng.randint(2, 8)))
    related = "".join(f'<li><a href="/{section}/{rng.randrange(10**6)}">{esc(title(rng, pool))}</a></li>'
                      for _ in range(5))
    nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}/">{n}</a></li>' for n in _NAV)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(headline)} | {esc(site)}</title>
<link rel="stylesheet" href="/static/site.css">
<style>
  body {{ font-family: Georgia, serif; margin: 0; }}
  .cookie-banner {{ position: fixed; bottom: 0; width: 100%; background: #222; color: #fff; }}
  nav ul {{ list-style: none; display: flex; gap: 1em; }}
</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
gtag('js', new Date()); gtag('config', 'G-{rng.randrange(10**8):08d}');</script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to improve your experience and to analyse traffic. By continuing to browse
  you agree to our use of cookies. <a href="/privacy/">Privacy policy</a></p>
  <button type="button" class="accept">Accept all</button> <button type="button">Manage settings</button>
</div>
<header class="site-header">
  <a class="logo" href="/">{esc(site)}</a>
  <form class="search" action="/search"><input type="search" name="q" placeholder="Search"></form>
</header>
<nav class="main-nav" aria-label="Main"><ul>{nav}</ul></nav>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/{section}/">{section.title()}</a></div>
<main>
<article>
<h1>{esc(headline)}</h1>
<p class="byline">By {esc(title(rng, pool).split()[0])} {esc(title(rng, pool).split()[-1])} &middot;
{rng.randint(1, 28)} {rng.choice(("March", "June", "October"))} {rng.randint(2008, 2025)}</p>
{chr(10).join(body)}
</article>
</main>
<aside class="related"><h3>Related articles</h3><ul>{related}</ul></aside>
<div class="newsletter"><h3>Newsletter</h3><p>Sign up to receive our weekly digest.</p>
<form><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>
<footer class="site-footer">
  <ul><li><a href="/about/">About</a></li><li><a href="/privacy/">Privacy</a></li>
  <li><a href="/terms/">Terms of use</a></li><li><a href="/contact/">Contact</a></li></ul>
  <p>&copy; {rng.randint(2015, 2025)} {esc(site)}. All rights reserved.</p>
</footer>
<script src="/static/app.js" defer></script>
</body>
</html>
"""
    return name, page.encode("utf-8")


def make_pdf(spec: Spec, number: int) -> tuple[str, bytes, int]:
    """One PDF of a chosen number of pages, filled line by line with the canvas API."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    rng = _rng(spec, "pdf", number)
    pool = pdf_sentences()
    pages = rng.randint(*spec.pdf_pages)
    name = f"pdf/{rng.randint(2001, 2025)}/report-{number:04d}.pdf"
    doc_title = title(rng, pool)
    width, height = A4
    margin, font, size, leading = 72, "Times-Roman", 11, 14
    text_width = width - 2 * margin
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc_title)
    canvas.setAuthor("bench/fixity.py")
    pending: list[str] = []  # wrapped lines not yet drawn; "" marks a paragraph break
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, height - 40, doc_title)  # running header
        canvas.drawRightString(width - margin, 40, f"Page {page} of {pages}")  # page number
        y = height - margin
        if page == 1:
            canvas.setFont("Helvetica-Bold", 16)
            for line in simpleSplit(doc_title, "Helvetica-Bold", 16, text_width):
                canvas.drawString(margin, y, line)
                y -= 22
            y -= 10
        canvas.setFont(font, size)
        last = page == pages
        stop = margin + (rng.randint(0, 300) if last else 0)
        while y > stop:
            if not pending:
                pending = [*simpleSplit(paragraph(rng, pool), font, size, text_width), ""]
            line = pending.pop(0)
            if line:
                canvas.drawString(margin, y, line)
            y -= leading
        canvas.showPage()
    canvas.save()
    return name, buf.getvalue(), pages


def _make(job: tuple[str, Spec, int]) -> tuple[str, str, bytes, int]:
    kind, spec, number = job
    if kind == "pdf":
        name, data, pages = make_pdf(spec, number)
        return kind, name, data, pages
    name, data = (make_html if kind == "html" else make_text)(spec, number)
    return kind, name, data, 1


# --------------------------------------------------------------------------- the corpus

def generate(spec: Spec, root: Path, jobs: int | None = None) -> dict[str, Any]:
    """Write the corpus under ``root`` (which must not exist) and return its composition."""
    root.mkdir(parents=True)
    todo = ([("pdf", spec, i) for i in range(spec.pdfs)] + [("html", spec, i) for i in range(spec.html)]
            + [("text", spec, i) for i in range(spec.texts)])
    stats = {k: {"files": 0, "pages": 0, "bytes": 0} for k in ("pdf", "html", "text")}
    files: dict[str, str] = {}
    jobs = jobs or len(os.sched_getaffinity(0))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for kind, name, data, pages in pool.map(_make, todo, chunksize=16):
            if name in files:
                raise RuntimeError(f"two generated files are named {name}")
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            files[name] = kind
            stats[kind]["files"] += 1
            stats[kind]["pages"] += pages
            stats[kind]["bytes"] += len(data)
    return {"spec": asdict(spec), "composition": stats, "files": files}


def load_or_generate(spec: Spec, folder: Path, jobs: int | None = None) -> tuple[Path, dict[str, Any], bool]:
    """The corpus root under ``folder``, made if absent or stale. Returns (root, meta, reused)."""
    root, meta_path = folder / "corpus", folder / META
    if meta_path.exists() and root.is_dir():
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("spec") == json.loads(json.dumps(asdict(spec))) and _intact(root, meta):
            return root, meta, True
    if root.exists():
        shutil.rmtree(root)
    meta_path.unlink(missing_ok=True)
    meta = generate(spec, root, jobs)
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True), "utf-8")
    return root, meta, False


def _intact(root: Path, meta: dict[str, Any]) -> bool:
    """Same file names and total size as when made (a cheap check that nothing was touched)."""
    names = set()
    total = 0
    for folder, _dirs, files in os.walk(root):
        for f in files:
            full = os.path.join(folder, f)
            names.add(os.path.relpath(full, root).replace(os.sep, "/"))
            total += os.path.getsize(full)
    expected = sum(c["bytes"] for c in meta["composition"].values())
    return names == set(meta["files"]) and total == expected
