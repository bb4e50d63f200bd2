"""A comparison as one self-contained HTML page.

The two texts side by side, one row per aligned pair, with each difference
highlighted in its row and listed at the top with a link to the row. Inline
CSS only: no script, no external resource, so the page opens anywhere and
can be archived as it is.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from html import escape

from verify.compare.model import KINDS, AlignedPair, Comparison, Difference, Kind
from verify.compare.summary import summary

#: One solid colour per kind of difference (tests look for these pixels).
COLOURS: dict[Kind, str] = {
    "number": "#ffd43b",
    "date": "#ffa94d",
    "symbol": "#b197fc",
    "name": "#ff6b9a",
    "wording": "#4dabf7",
    "omission": "#ffc9c9",
    "addition": "#b2f2bb",
}

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px;
       color: #1a1a1a; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.files { color: #444; margin-bottom: 12px; }
.counts span { display: inline-block; margin: 0 8px 6px 0; padding: 2px 8px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d0d0; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f1f3f5; }
td.n { width: 3.5em; color: #666; font-variant-numeric: tabular-nums; }
td.s { width: 4.5em; color: #666; text-align: right; font-variant-numeric: tabular-nums; }
col.kind { width: 7em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
td.gap { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #eeeeee 6px, #eeeeee 12px); }
mark { color: #000; padding: 0 1px; border-radius: 2px; }
.kind { font-weight: 600; }
.detail { color: #555; font-size: 13px; }
"""


def render(comparison: Comparison, a_name: str = "A", b_name: str = "B") -> str:
    """The HTML page for ``comparison``; ``a_name`` and ``b_name`` label the texts."""
    css = _CSS + "".join(
        f"mark.k-{k}, .b-{k} {{ background: {c}; }}\ntr.k-{k} td.present {{ background: {c}; }}\n"
        for k, c in COLOURS.items()
    )
    by_pair: dict[int, list[Difference]] = {}
    for d in comparison.differences:
        by_pair.setdefault(d.pair, []).append(d)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Comparison: {escape(a_name)} / {escape(b_name)}</title>",
        f"<style>{css}</style></head><body>",
        "<h1>Comparison</h1>",
        f'<div class="files">A: <b>{escape(a_name)}</b> &nbsp; B: <b>{escape(b_name)}</b></div>',
        _counts(comparison),
        _difference_list(comparison),
        _notes(comparison),
        _side_by_side(comparison, by_pair, a_name, b_name),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _counts(comparison: Comparison) -> str:
    s = summary(comparison)
    counts = s["differences"]
    items = "".join(f'<span class="b-{k}">{k}: {counts[k]}</span>' for k in KINDS)
    return (
        f"<p>{s['aligned_pairs']} aligned pairs; {s['a_sentences']} sentences in A, {s['b_sentences']} in B; "
        f'{s["differences_total"]} differences.</p><div class="counts">{items}</div>'
    )


def _difference_list(comparison: Comparison) -> str:
    if not comparison.differences:
        return "<h2>Differences</h2><p>No substantive difference.</p>"
    rows = []
    for n, d in enumerate(comparison.differences, 1):
        rows.append(
            f'<tr id="d{n}"><td class="n"><a href="#p{d.pair}">{n}</a></td>'
            f'<td><span class="kind b-{d.kind}">{d.kind}</span>'
            f'<div class="detail">{escape(d.detail)}</div></td>'
            f'<td class="text">{_short(d.a.text)}</td><td class="text">{_short(d.b.text)}</td></tr>'
        )
    return (
        '<h2>Differences</h2><table><colgroup><col style="width:3.5em"><col class="kind" style="width:11em">'
        "<col><col></colgroup><tr><th>#</th><th>kind</th><th>A</th><th>B</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _notes(comparison: Comparison) -> str:
    """The renderings (differences that recur the same way), each once."""
    if not comparison.notes:
        return ""
    rows = "".join(
        f'<tr><td class="n"><a href="#p{r.first.pair}">{r.count}&times;</a></td>'
        f'<td><span class="kind b-{r.first.kind}">{r.first.kind}</span>'
        f'<div class="detail">{escape(r.first.detail)}</div></td>'
        f'<td class="text">{_short(r.first.a.text)}</td><td class="text">{_short(r.first.b.text)}</td></tr>'
        for r in comparison.notes
    )
    return (
        "<h2>Renderings</h2><p>Differences found the same way every time: a translator's rendering, "
        "listed once and not counted.</p>"
        '<table><colgroup><col style="width:3.5em"><col class="kind" style="width:11em"><col><col>'
        "</colgroup><tr><th>times</th><th>kind</th><th>A</th><th>B</th></tr>" + rows + "</table>"
    )


def _short(text: str, limit: int = 400) -> str:
    if not text:
        return '<span class="detail">(absent)</span>'
    return escape(text if len(text) <= limit else text[: limit - 1] + "\u2026")


def _side_by_side(
    comparison: Comparison, by_pair: dict[int, list[Difference]], a_name: str, b_name: str
) -> str:
    rows = []
    for index, pair in enumerate(comparison.pairs):
        diffs = by_pair.get(index, [])
        rows.append(_row(comparison, index, pair, diffs))
    return (
        '<h2>Side by side</h2><table><colgroup><col style="width:3.5em"><col><col style="width:4.5em"><col>'
        f"</colgroup><tr><th>#</th><th>A: {escape(a_name)}</th><th>score</th>"
        f"<th>B: {escape(b_name)}</th></tr>" + "".join(rows) + "</table>"
    )


def _row(comparison: Comparison, index: int, pair: AlignedPair, diffs: Sequence[Difference]) -> str:
    kind = "omission" if not pair.b else "addition" if not pair.a else ""
    a_cell = _cell(
        comparison.a_text,
        pair.a_excerpt.span.start,
        pair.a_excerpt.span.end,
        [
            (d.a.span.start, d.a.span.end, d.kind)
            for d in diffs
            if d.a.text and d.kind not in ("omission", "addition")
        ],
        bool(pair.a),
    )
    b_cell = _cell(
        comparison.b_text,
        pair.b_excerpt.span.start,
        pair.b_excerpt.span.end,
        [
            (d.b.span.start, d.b.span.end, d.kind)
            for d in diffs
            if d.b.text and d.kind not in ("omission", "addition")
        ],
        bool(pair.b),
    )
    score = str(pair.score) if pair.a and pair.b else ""
    cls = f' class="k-{kind}"' if kind else ""
    return f'<tr id="p{index}"{cls}><td class="n">{index}</td>{a_cell}<td class="s">{score}</td>{b_cell}</tr>'


def _cell(text: str, start: int, end: int, marks: list[tuple[int, int, Kind]], present: bool) -> str:
    if not present:
        return '<td class="gap"></td>'
    return f'<td class="text present">{highlight(text, start, end, marks)}</td>'


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


def _whole_url(text: str, mark: tuple[int, int, Kind]) -> tuple[int, int, Kind]:
    s, e, k = mark
    if "/" not in text[max(0, s - 200) : e + 200]:
        return mark
    for url in _URL.finditer(text, max(0, s - 2000), min(len(text), e + 2000)):
        if url.start() < e and s < url.end():
            return min(s, url.start()), max(e, url.end()), k
    return mark


def highlight(text: str, start: int, end: int, marks: list[tuple[int, int, Kind]]) -> str:
    """``text[start:end]`` escaped, with each marked span wrapped in ``<mark>``.

    Marks wider than the differing words (a whole sentence given as context)
    are not drawn; overlapping marks are drawn with the first one's kind.

    A mark that cuts into a URL is widened to the whole URL, so that an
    address is never shown broken in two.

    >>> highlight("a 60th b", 0, 8, [(2, 6, "number")])
    'a <mark class="k-number">60th</mark> b'
    """
    inner = [
        (max(s, start), min(e, end), k)
        for s, e, k in map(lambda m: _whole_url(text, m), marks)
        if s < end and e > start and (s, e) != (start, end)
    ]
    inner.sort()
    out: list[str] = []
    pos = start
    for s, e, k in inner:
        s = max(s, pos)
        if s >= e:
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<mark class="k-{k}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)
