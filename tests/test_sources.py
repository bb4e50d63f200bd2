"""The sample corpus in sources/: seeds untouched, renderings reproducible.

The seeds are data that the toolkit must keep stable, so their digests are
written out here, once, by hand. The renderings are made by
scripts/make_sources.py; the committed files must be exactly what the script
makes, and must carry the seed's words plus nothing but layout and chrome.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import bs4
import pypdf

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SCRIPT = ROOT / "scripts" / "make_sources.py"

SEED_SHA256 = {
    "000_b115bc2835af3bd6.txt": "28a2f6093994c55ce61505ffae78628b36cf48fe15caf292a336758585fac662",
    "001_150b57b1f7e7ebd3.txt": "54809b63099682fd8667d339950788b71460148c7b4838265283718c218338a5",
    "002_e1609b8a501e843d.txt": "ab81740b52dfd8a35045745ad5d3ed571732afe427efe90da9e8dbe46fbf85e2",
    "003_471a1f005966c636.txt": "d0804f18e02dc85893ada50a890f289baa8d5192c47cea86e93301a6e1c9f3b0",
    "004_8725e6808ebab66c.txt": "9d5cacadc78eb14198a5f29baa2c60e1b991b55f9cd1abd99e4291ee6ffa665b",
}
RENDERINGS = {
    "000_b115bc2835af3bd6.html": "000_b115bc2835af3bd6.txt",
    "001_150b57b1f7e7ebd3.pdf": "001_150b57b1f7e7ebd3.txt",
    "002_e1609b8a501e843d.pdf": "002_e1609b8a501e843d.txt",
    "003_471a1f005966c636.html": "003_471a1f005966c636.txt",
    "004_8725e6808ebab66c.html": "004_8725e6808ebab66c.txt",
}
# The committed PDFs were laid out by this reportlab; another version may
# place glyphs differently, and then the PDFs are regenerated, not patched.
RENDERED_WITH_REPORTLAB = "5.1.0"
METADATA = {"README.md", "sources.toml"}

IRI_HEADER = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"


def seed(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def pdf_pages(name: str) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(SOURCES / name).pages]


def soup(name: str) -> bs4.BeautifulSoup:
    return bs4.BeautifulSoup((SOURCES / name).read_bytes(), "html.parser")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("reportlab")  # the script needs it; it is in the test extra
    out = tmp_path_factory.mktemp("sources")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )
    return out


# --- seeds --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_is_byte_identical(name: str) -> None:
    digest = hashlib.sha256((SOURCES / name).read_bytes()).hexdigest()
    assert digest == SEED_SHA256[name], f"{name} changed: seeds are never edited"


def test_script_refuses_a_changed_seed(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in SEED_SHA256:
        (seeds / name).write_bytes((SOURCES / name).read_bytes())
    with (seeds / "004_8725e6808ebab66c.txt").open("ab") as handle:
        handle.write(b" ")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--seeds", str(seeds), "--out", str(tmp_path / "out")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "004_8725e6808ebab66c.txt" in result.stderr


# --- determinism ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_script_reproduces_committed_rendering(name: str, regenerated: Path) -> None:
    version = pytest.importorskip("reportlab").Version
    if name.endswith(".pdf") and version != RENDERED_WITH_REPORTLAB:
        pytest.skip(f"PDFs were rendered with reportlab {RENDERED_WITH_REPORTLAB}")
    assert (regenerated / name).read_bytes() == (SOURCES / name).read_bytes()


def test_script_writes_nothing_else(regenerated: Path) -> None:
    assert sorted(p.name for p in regenerated.iterdir()) == sorted(RENDERINGS)


# --- provenance -------------------------------------------------------------------


def test_every_file_has_provenance() -> None:
    catalogue = tomllib.loads((SOURCES / "sources.toml").read_text(encoding="utf-8"))
    files = {p.name for p in SOURCES.iterdir() if p.is_file()} - METADATA
    assert set(catalogue["files"]) == files
    for name, entry in catalogue["files"].items():
        assert {"title", "publisher", "origin", "retrieved", "language"} <= set(entry), name
        assert isinstance(entry["retrieved"], datetime.date), name
        if "work" in entry:
            assert entry["work"] in catalogue["works"], name
        assert entry.get("role", "original") in {"original", "translation", "rendering", "edition"}


def test_renderings_point_at_their_seed() -> None:
    files = tomllib.loads((SOURCES / "sources.toml").read_text(encoding="utf-8"))["files"]
    rendered = {n: e["rendered_from"] for n, e in files.items() if "rendered_from" in e}
    assert rendered == RENDERINGS
    for name, source in rendered.items():
        assert files[name]["role"] == "rendering"
        assert files[name]["work"] == files[source]["work"]


def test_both_translations_share_one_work() -> None:
    files = tomllib.loads((SOURCES / "sources.toml").read_text(encoding="utf-8"))["files"]
    one, two = files["001_150b57b1f7e7ebd3.txt"], files["002_e1609b8a501e843d.txt"]
    assert one["work"] == two["work"] == "sco-2006-statement"
    assert one["role"] == two["role"] == "translation"


# --- PDFs -----------------------------------------------------------------------------


def test_iri_pdf_has_running_header_and_page_number_on_every_page() -> None:
    pages = pdf_pages("001_150b57b1f7e7ebd3.pdf")
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert lines.count(IRI_HEADER) == 1
        assert str(number) in (line.strip() for line in lines)


def test_iri_pdf_breaks_pages_mid_sentence_where_the_seed_does() -> None:
    first, second, third = (body_lines(text) for text in pdf_pages("001_150b57b1f7e7ebd3.pdf"))
    assert first[-1].endswith("maintenance of")
    assert second[0].startswith("international security, which")
    assert second[-1].endswith("wish to work in")
    assert third[0].startswith("concert to take up")


def test_iri_pdf_hyphenates_some_words_at_line_ends() -> None:
    text = "\n".join(pdf_pages("001_150b57b1f7e7ebd3.pdf"))
    assert "communica-\ntion" in text
    assert len(re.findall(r"[a-z]-\n[a-z]", text, flags=re.IGNORECASE)) >= 3


def test_un_pdf_has_the_footnote_on_page_one_only() -> None:
    pages = pdf_pages("002_e1609b8a501e843d.pdf")
    assert len(pages) == 3
    assert "IN SHANGHAI, CHINA" in pages[0]
    assert "Originally issued as annex II to a General Assembly document" in pages[0]
    assert "A/60/973" in pages[0]
    assert not any("A/60/973" in page for page in pages[1:])
    assert pages[1].lstrip().startswith("Statement of the heads of the member States")


def test_un_pdf_keeps_the_signature_blocks() -> None:
    pages = pdf_pages("002_e1609b8a501e843d.pdf")
    assert "(Signed): Cheng Jingye" in pages[0]
    assert pages[2].count("(Signed):") == 6
    assert "Islam Karimov" in pages[2]


@pytest.mark.parametrize(
    ("name", "furniture"),
    [("001_150b57b1f7e7ebd3.pdf", {IRI_HEADER}), ("002_e1609b8a501e843d.pdf", {"-----"})],
)
def test_pdf_words_are_the_seed_words(name: str, furniture: set[str]) -> None:
    """Remove the layout by hand: the words left are exactly the seed's."""
    text = "\n".join("\n".join(body_lines(page)) for page in pdf_pages(name))
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
    seed_lines = seed(RENDERINGS[name]).splitlines()
    expected = " ".join(line for line in seed_lines if line.strip() not in furniture)
    assert text.split() == expected.split()


def body_lines(page: str) -> list[str]:
    """A page's lines without the IRI running header and the page number."""
    return [
        line
        for line in page.splitlines()
        if line.strip() and line != IRI_HEADER and not line.strip().isdigit()
    ]


# --- HTML ---------------------------------------------------------------------------------

CHROME = ["Skip to content", "Privacy policy", "Related links", "Home"]


@pytest.mark.parametrize("name", ["000_b115bc2835af3bd6.html", "004_8725e6808ebab66c.html"])
def test_ministry_pages_have_site_chrome(name: str) -> None:
    page = soup(name)
    for selector in [
        "a.skip-link",
        "#cookie-banner",
        "header nav",
        "nav.breadcrumbs",
        "main article h1",
        "aside",
        "footer",
        "script",
        "style",
    ]:
        assert page.select_one(selector) is not None, selector
    text = page.get_text(" ")
    assert all(words in text for words in CHROME)


def test_china_page_splits_title_from_site_name() -> None:
    page = soup("000_b115bc2835af3bd6.html")
    title, heading, *body = [
        p.strip() for p in seed("000_b115bc2835af3bd6.txt").split("\n\n") if p.strip()
    ]
    assert page.title.get_text() == title
    assert title.endswith(" – Ministry of Foreign Affairs of the People’s Republic of China")
    assert page.select_one("article h1").get_text() == heading
    assert [p.get_text() for p in page.select("article p")] == body


def test_russia_page_has_one_paragraph_per_seed_line() -> None:
    page = soup("004_8725e6808ebab66c.html")
    heading, *body = seed("004_8725e6808ebab66c.txt").splitlines()
    assert page.select_one("article h1").get_text() == heading
    assert [p.get_text() for p in page.select("article p")] == body
    assert b"&#8216;The Code of Conduct" in (SOURCES / "004_8725e6808ebab66c.html").read_bytes()


def test_blog_page_has_theme_chrome_and_the_article() -> None:
    page = soup("003_471a1f005966c636.html")
    skip, heading, *body, published = [p for p in seed("003_471a1f005966c636.txt").split("\n\n")]
    assert page.select_one("a.skip-link").get_text() == skip
    assert page.select_one("article h1.entry-title").get_text() == heading
    assert [p.get_text() for p in page.select(".entry-content p")] == body
    assert page.select_one(".entry-footer .posted-on").get_text().startswith(published)
    for selector in [
        "header#masthead nav",
        ".share-buttons",
        "form#commentform",
        "footer#colophon",
        "script",
        "style",
    ]:
        assert page.select_one(selector) is not None, selector
