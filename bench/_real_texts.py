"""Clean real documents of several genres, for the lint benchmarks.

Every document is read from this machine or from ``../shared/corpora``:

- ``legal``: ``/usr/share/common-licenses/*`` and ``/usr/share/doc/*/copyright``
  (licence texts and Debian copyright files);
- ``manpages``: ``/usr/share/man/man1/*.gz`` typeset by ``groff -man -Tutf8``
  (every ``--man-step``-th page, sorted by name);
- ``tech-html``: ``/usr/share/doc/**/*.html`` (Node.js API, valgrind,
  libxslt, libffi manuals) through the HTML ingester;
- ``specs``: the RFC and bash manual texts of
  ``shared/corpora/same-document-multiple-formats`` (RFC 7911 as published,
  with its form-fed pages, and as xml2rfc renders it; the bash manual);
- ``news``: the gold article bodies of the Article Extraction Benchmark
  (``shared/corpora/html-boilerplate/ground-truth.json``: news, blogs and a
  few government pages, MIT), as plain text;
- ``books``: Bible translations of ``shared/corpora/parallel-translations``
  (public domain), one document per book, every ``--book-step``-th book.

A document is **held out** when the first hex digit of the SHA-256 of its
name is 0-3 (a quarter of each genre): no detector was tuned on those, and
their figures are printed apart.

The **fresh** genres (:func:`fresh_documents`) are read from a folder given
on the command line, filled from public repositories (see
``docs/lint.md``, the lint4, lint5, lint7, lint8 and lint9 sets, for the sources, commits and licences); every
document of them is held out, and they are measured once, at the end of a
round of tuning:

- ``gutenberg-html``: Project Gutenberg books as their HTML editions
  (``*-h.htm``: novels, essays, a drill manual, an ethnology report, with
  their real footnotes), public domain;
- ``peps``: Python Enhancement Proposals as written (reStructuredText),
  every tenth PEP, public domain or CC0;
- ``docs-md``: project documentation as written (Markdown or
  reStructuredText, ``folder/docs-md/*``; lint9's set puts RFCs as published
  text there), read as plain text;
- ``blog-md``: blog posts as written (Markdown with a front matter,
  ``folder/blog-md/*``), read as plain text.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared/corpora"
GENRES = ("legal", "manpages", "tech-html", "specs", "news", "books")
# audit3's genres (poetry, Vim help and tutor, PDF manuals, a constitution...;
# see docs/lint.md, the lintprec round), each a folder of its own.
AUDIT_GENRES = ("poetry", "relnotes", "adoc", "git-html", "vim-help", "tutorials",
                "pdf-manuals", "subtitles", "gov")
FRESH_GENRES = ("gutenberg-html", "peps", "docs-md", "blog-md", "legal-md", *AUDIT_GENRES)


@dataclass(frozen=True)
class Document:
    genre: str
    name: str
    data: bytes

    @property
    def held_out(self) -> bool:
        if self.genre in FRESH_GENRES:
            return True
        return hashlib.sha256(self.name.encode()).hexdigest()[0] in "0123"


def documents(genres: tuple[str, ...] = GENRES, man_step: int = 60, book_step: int = 5,
              shared: Path = SHARED) -> Iterator[Document]:
    readers = {
        "legal": lambda: _legal(),
        "manpages": lambda: _manpages(man_step),
        "tech-html": lambda: _tech_html(),
        "specs": lambda: _specs(shared),
        "news": lambda: _news(shared),
        "books": lambda: _books(shared, book_step),
    }
    for genre in genres:
        yield from readers[genre]()


def fresh_documents(folder: Path) -> Iterator[Document]:
    """The fresh held-out genres, from ``folder/gutenberg-html/*.htm``,
    ``folder/peps/pep-*``, ``folder/docs-md/*``, ``folder/blog-md/*`` and
    ``folder/legal-md/*``, and audit3's genres from ``folder/GENRE/*``
    (:data:`AUDIT_GENRES`; a missing folder gives nothing)."""
    for path in sorted((folder / "gutenberg-html").glob("*.htm")):
        yield Document("gutenberg-html", f"gutenberg/{path.name}", path.read_bytes())
    for path in sorted((folder / "peps").glob("pep-*")):
        yield Document("peps", f"peps/{path.name}", path.read_bytes())
    for genre in ("docs-md", "blog-md", "legal-md", *AUDIT_GENRES):
        for path in sorted((folder / genre).glob("*")):
            if path.is_file():
                yield Document(genre, f"{genre}/{path.name}", path.read_bytes())


def _legal() -> Iterator[Document]:
    paths = sorted(Path("/usr/share/common-licenses").glob("*"))
    paths += sorted(Path("/usr/share/doc").glob("*/copyright"))
    for path in paths:
        if path.is_file() and not path.is_symlink():
            yield Document("legal", str(path), path.read_bytes())


def _manpages(step: int) -> Iterator[Document]:
    pages = sorted(Path("/usr/share/man/man1").glob("*.gz"))[::step]
    for path in pages:
        if path.is_symlink():
            continue
        try:
            source = gzip.decompress(path.read_bytes())
        except (OSError, EOFError):
            continue
        if source.startswith(b".so "):
            continue
        typeset = typeset_manpage(source)
        if typeset is not None:
            yield Document("manpages", str(path), typeset)


def typeset_manpage(source: bytes) -> bytes | None:
    """A man page's troff source typeset by groff as plain UTF-8 text (no
    overstrike, no colour), or None if groff fails or prints nothing."""
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-P-c", "-P-b", "-P-u", "-P-o"],
        input=source, capture_output=True, check=False,
        env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin"},
    )
    return done.stdout if done.returncode == 0 and done.stdout.strip() else None


def _tech_html() -> Iterator[Document]:
    for path in sorted(Path("/usr/share/doc").rglob("*.html")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size > 2000:
            yield Document("tech-html", str(path), path.read_bytes())


def _specs(shared: Path) -> Iterator[Document]:
    root = shared / "same-document-multiple-formats"
    for rel in ("xml2rfc-rfc7911/rfc7911.txt", "xml2rfc-rfc99999/rfc99999.text",
                "bash-docs/bash.0.txt", "bash-docs/builtins.0.txt", "bash-docs/article.txt"):
        path = root / rel
        if path.is_file():
            yield Document("specs", str(path), path.read_bytes())


def _news(shared: Path) -> Iterator[Document]:
    gold = json.loads((shared / "html-boilerplate/ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(gold):
        body = gold[key]["articleBody"]
        if len(body.split()) >= 50:
            yield Document("news", f"news/{key[:16]}.txt", body.encode("utf-8"))


def _books(shared: Path, step: int) -> Iterator[Document]:
    folder = shared / "parallel-translations/from-scrollmapper-formats"
    for path in sorted(folder.glob("*.csv")):
        books: dict[str, list[tuple[str, str, str]]] = {}
        with open(path, newline="", encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                books.setdefault(row["Book"], []).append((row["Chapter"], row["Verse"], row["Text"]))
        for name in sorted(books)[::step]:
            yield Document("books", f"{path.stem}/{name}", _book_text(name, books[name]))


def _book_text(name: str, verses: list[tuple[str, str, str]]) -> bytes:
    """A book as a reader sees it: a title, then one paragraph per chapter."""
    chapters: dict[str, list[str]] = {}
    for chapter, _verse, text in verses:
        chapters.setdefault(chapter, []).append(text.strip())
    parts = [name]
    for chapter in sorted(chapters, key=lambda c: int(c) if c.isdigit() else 0):
        parts.append(f"Chapter {chapter}")
        parts.append(" ".join(chapters[chapter]))
    return "\n\n".join(parts).encode("utf-8")
