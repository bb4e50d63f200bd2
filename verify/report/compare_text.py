"""A comparison as plain text, for people reading a terminal."""

from __future__ import annotations

from verify.escape import shown
from verify.compare.model import KINDS, Comparison, Excerpt
from verify.compare.summary import summary

WIDTH = 240


def render(comparison: Comparison, a_name: str = "A", b_name: str = "B") -> str:
    """A short report: the counts, then each difference with both sides."""
    s = summary(comparison)
    counts = ", ".join(f"{s['differences'][k]} {k}" for k in KINDS if s["differences"][k])
    lines = [
        f"A: {shown(a_name)} ({s['a_sentences']} sentences)",
        f"B: {shown(b_name)} ({s['b_sentences']} sentences)",
        (
            f"aligned pairs: {s['aligned_pairs']}; aligned text: A {_pct(s['coverage_a_permille'])}, "
            f"B {_pct(s['coverage_b_permille'])}; mean pair score {s['score_permille']}/1000"
        ),
        "",
    ]
    if comparison.identical:
        lines.append("no substantive difference")
        return "\n".join(lines + _notes(comparison)) + "\n"
    lines.append(f"{s['differences_total']} differences: {counts}")
    for n, d in enumerate(comparison.differences, 1):
        lines += [
            "",
            f"[{n}] {d.kind} (pair {d.pair}): {d.detail}",
            _side("A", d.a),
            _side("B", d.b),
        ]
    return "\n".join(lines + _notes(comparison)) + "\n"


def _notes(comparison: Comparison) -> list[str]:
    """The renderings: differences that recur the same way, each once."""
    if not comparison.notes:
        return []
    lines = ["", f"{len(comparison.notes)} renderings (the same each time; not counted as differences):"]
    for r in comparison.notes:
        d = r.first
        times = "once" if r.count == 1 else f"{r.count} times"
        lines += [f"  note {d.kind}: {d.detail} ({times}; first in pair {d.pair})"]
    return lines


def _side(label: str, e: Excerpt) -> str:
    where = f"[{e.span.start}:{e.span.end}]"
    if not e.text:
        return f"    {label} {where} (absent)"
    text = e.text if len(e.text) <= WIDTH else e.text[: WIDTH - 1] + "\u2026"
    return f"    {label} {where} {text}"


def _pct(permille: int) -> str:
    return f"{permille // 10}.{permille % 10}%"
