"""How wide are the gaps behind PDFium's *generated* spaces? (issue 9, builtins group)

Usage::

    python bench/pdf_generated_spaces.py [--list-below EM] [--held-out]
    python bench/pdf_generated_spaces.py --pdf FILE.pdf ... --joins EM

PDFium writes a space into its text where it sees a horizontal gap between
two glyphs that the content stream does not fill with a space character
(``FPDFText_IsGenerated``). In bash's ``builtins.pdf`` one such space splits
``printf(3)`` into ``printf (3)``: gropdf sets an italic correction between
italic ``printf`` and roman ``(3)``. The question is whether the gap's width
tells such an in-word gap from a word break, on real PDFs.

For every generated space between two non-space characters, on every page of
the readable PDFs of ../shared/corpora/pdf-text and
../shared/corpora/same-document-multiple-formats (the 39 PDFs of
bench/ingest_speed.py; gropdf files get the ingester's TJ repair first), the
gap is measured as *next glyph's origin - (previous glyph's origin + its
advance width)*, in em of the previous glyph's font size; glyph boxes are not
used, as an italic glyph's box overhangs its neighbour. Two measures of the
font's own space width are given too (``FPDFFont_GetGlyphWidth`` of U+0020).

Printed: per producer family and per kind (font change on the two sides of
the space, or not), a histogram of the gaps; how often the font's space width
is unknown; and the places at a font change whose gap is below
``--list-below`` em (default 0.21), those with a letter or digit on both
sides first.
``--show N`` lists at most N places per producer. ``--held-out`` measures
the PDFs under /usr/share/doc instead (not looked at while forming the
conclusion in docs/pdf-backends.md). ``--pdf FILE ...`` measures the given
PDFs instead (the held-out gropdf PDFs of the canon7 study:
docs/pdf-backends.md). ``--joins EM`` lists, for the gropdf PDFs measured,
every place a gropdf-only rule "a generated space narrower than EM is no word
break" would join (any font, not after ``-``, whose width PDFium gives for
another glyph than the one drawn), and how many there are per file.
"""

from __future__ import annotations

import argparse
import ctypes
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.ingest.pdf import _PRODUCERS_WITH_EMPTY_TJ, _drop_empty_tj_strings  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
#: Histogram buckets, in em: a gap falls in the first bucket whose bound exceeds it.
BOUNDS = (0.0, 0.1, 0.15, 0.21, 0.25, 0.3, 0.4, 0.6, float("inf"))


@dataclass(frozen=True)
class Gap:
    file: str
    family: str
    page: int
    context: str
    em: float
    font_change: bool
    space_width_known: bool
    letters: bool
    before: str = ""


def _paths(held_out: bool) -> list[Path]:
    if held_out:
        return sorted(Path("/usr/share/doc").rglob("*.pdf"))
    return sorted((SHARED / "pdf-text").rglob("*.pdf")) + sorted(
        (SHARED / "same-document-multiple-formats").rglob("*.pdf"))


def _family(producer: str, creator: str) -> str:
    text = f"{producer} {creator}".lower()
    for key, name in (("gropdf", "gropdf"), ("groff", "groff (ps)"), ("tex", "pdfTeX"),
                      ("libreoffice", "LibreOffice"), ("openoffice", "LibreOffice")):
        if key in text:
            return name
    return "other"


def _font_name(raw: Any, index: int) -> bytes:
    import pypdfium2.raw as r

    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    r.FPDFText_GetFontInfo(raw, index, buf, 128, ctypes.byref(flags))
    return buf.value


def _width(raw: Any, index: int, codepoint: int) -> float | None:
    """The advance width, in points, of ``codepoint`` in the font of character ``index``."""
    import pypdfium2.raw as r

    font = r.FPDFTextObj_GetFont(r.FPDFText_GetTextObject(raw, index))
    width = ctypes.c_float(-1)
    size = ctypes.c_float(r.FPDFText_GetFontSize(raw, index))
    if not r.FPDFFont_GetGlyphWidth(font, codepoint, size, ctypes.byref(width)) or width.value <= 0:
        return None
    return float(width.value)


def _origin_x(raw: Any, index: int) -> float:
    import pypdfium2.raw as r

    x, y = ctypes.c_double(), ctypes.c_double()
    r.FPDFText_GetCharOrigin(raw, index, ctypes.byref(x), ctypes.byref(y))
    return float(x.value)


def _page_gaps(textpage: Any, name: str, family: str, page: int) -> Iterator[Gap]:
    import pypdfium2.raw as r

    text: str = textpage.get_text_range()
    raw = textpage.raw
    if len(text) != textpage.count_chars():
        return
    for i in range(1, len(text) - 1):
        if text[i] != " " or text[i - 1].isspace() or text[i + 1].isspace():
            continue
        if not r.FPDFText_IsGenerated(raw, i):
            continue
        advance = _width(raw, i - 1, ord(text[i - 1]))
        size = r.FPDFText_GetFontSize(raw, i - 1)
        if advance is None or size <= 0:
            continue
        em = (_origin_x(raw, i + 1) - _origin_x(raw, i - 1) - advance) / size
        spaces = (_width(raw, i - 1, 32), _width(raw, i + 1, 32))
        yield Gap(name, family, page, text[max(0, i - 14): i + 14].replace("\r\n", "|"), em,
                  _font_name(raw, i - 1) != _font_name(raw, i + 1), None not in spaces,
                  text[i - 1].isalnum() and text[i + 1].isalnum(), text[i - 1])


def gaps(paths: list[Path]) -> Iterator[Gap]:
    import pypdfium2 as pdfium

    for path in paths:
        data = path.read_bytes()
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            continue
        meta = doc.get_metadata_dict(skip_empty=True)
        if _PRODUCERS_WITH_EMPTY_TJ.match(meta.get("Producer", "")):
            fixed = _drop_empty_tj_strings(data)
            if fixed is not None:
                doc.close()
                doc = pdfium.PdfDocument(fixed)
        family = _family(meta.get("Producer", ""), meta.get("Creator", ""))
        try:
            for index in range(len(doc)):
                page = doc[index]
                textpage = page.get_textpage()
                yield from _page_gaps(textpage, path.name, family, index + 1)
                textpage.close()
                page.close()
        finally:
            doc.close()


def _bucket(em: float) -> str:
    low = -float("inf")
    for bound in BOUNDS:
        if em < bound:
            break
        low = bound
    if low == -float("inf"):
        return f"< {BOUNDS[0]:g}"
    return f">= {low:g}" if bound == float("inf") else f"{low:g}-{bound:g}"


def _histogram(rows: list[Gap]) -> None:
    table: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        table[(row.family, "font change" if row.font_change else "same font")][_bucket(row.em)] += 1
    heads = [_bucket(BOUNDS[0] - 1), *(_bucket(b) for b in BOUNDS[:-1])]
    print("| producer | kind | n | " + " | ".join(heads) + " |")
    print("|---|---|---|" + "---|" * len(heads))
    for (family, kind), counts in sorted(table.items()):
        cells = " | ".join(str(counts.get(h, 0)) for h in heads)
        print(f"| {family} | {kind} | {sum(counts.values())} | {cells} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list-below", type=float, default=0.21, metavar="EM")
    parser.add_argument("--show", type=int, default=30, help="places listed per producer")
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--pdf", nargs="+", type=Path, metavar="FILE", help="measure these PDFs")
    parser.add_argument("--joins", type=float, metavar="EM",
                        help="list every place of a gropdf PDF a gap rule at EM would join")
    args = parser.parse_args(argv)
    rows = list(gaps(args.pdf if args.pdf else _paths(args.held_out)))
    if args.joins is not None:
        return _list_joins(rows, args.joins)
    files = {r.file for r in rows}
    print(f"{len(rows)} generated spaces between two glyphs, in {len(files)} PDFs\n")
    _histogram(rows)
    unknown = Counter(r.family for r in rows if not r.space_width_known)
    total = Counter(r.family for r in rows)
    print("\nfont's space width unknown to PDFium (no U+0020 glyph, or width 0): "
          + ", ".join(f"{f} {unknown[f]}/{total[f]}" for f in sorted(total)))
    listed = [r for r in rows if r.font_change and 0 <= r.em < args.list_below]
    print(f"\n{len(listed)} places at a font change with a gap of 0 to {args.list_below} em "
          f"(at most {args.show} per producer, those with a letter or digit on both sides first):")
    for family in sorted({r.family for r in listed}):
        mine = sorted((r for r in listed if r.family == family),
                      key=lambda r: (not r.letters, r.file, r.page))
        print(f"- {family}: {len(mine)}, {sum(r.letters for r in mine)} with a letter or digit on both sides")
        for row in mine[: args.show]:
            print(f"  {row.em:6.3f} em  {row.file} p{row.page}  {row.context!r}")
    return 0


def _list_joins(rows: list[Gap], below: float) -> int:
    """Every generated space of a gropdf PDF narrower than ``below`` em (not
    after ``-``): the places a gropdf-only gap rule would join."""
    joined = [r for r in rows if r.family == "gropdf" and r.em < below and r.before != "-"]
    files = sorted({r.file for r in rows if r.family == "gropdf"})
    print(f"gropdf PDFs: {len(files)}; places a rule at {below} em would join: {len(joined)}")
    for name in files:
        mine = [r for r in joined if r.file == name]
        print(f"- {name}: {len(mine)}")
        for row in mine:
            print(f"  {row.em:6.3f} em  p{row.page}  {'font change' if row.font_change else 'same font  '}  "
                  f"{row.context!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
