"""A comparison in a few integers, for manifests (which forbid floats)."""

from __future__ import annotations

from typing import Any

from verify.compare.model import KINDS, Comparison, Excerpt


def summary(comparison: Comparison) -> dict[str, Any]:
    """JSON-ready counts of a comparison; every score is an integer per-mille.

    ``coverage_a_permille`` is the share of A's characters in sentences
    aligned to something in B (and the other way round); ``score_permille``
    is the mean pair score over aligned pairs, weighted by their length.
    """
    aligned = [p for p in comparison.pairs if not p.one_sided]
    a_total = sum(len(s.text) for s in comparison.a_segments)
    b_total = sum(len(s.text) for s in comparison.b_segments)
    a_aligned = sum(len(comparison.a_segments[i].text) for p in aligned for i in p.a)
    b_aligned = sum(len(comparison.b_segments[j].text) for p in aligned for j in p.b)
    weight = sum(len(p.a_excerpt.text) + len(p.b_excerpt.text) for p in aligned)
    weighted = sum(p.score * (len(p.a_excerpt.text) + len(p.b_excerpt.text)) for p in aligned)
    counts = {k: 0 for k in KINDS}
    for d in comparison.differences:
        counts[d.kind] += 1
    return {
        "a_sentences": len(comparison.a_segments),
        "b_sentences": len(comparison.b_segments),
        "aligned_pairs": len(aligned),
        "coverage_a_permille": _permille(a_aligned, a_total),
        "coverage_b_permille": _permille(b_aligned, b_total),
        "score_permille": weighted // weight if weight else 0,
        "differences": counts,
        "differences_total": len(comparison.differences),
        "identical": comparison.identical,
    }


def _permille(part: int, whole: int) -> int:
    return part * 1000 // whole if whole else 1000


def to_dict(comparison: Comparison, a_name: str = "A", b_name: str = "B") -> dict[str, Any]:
    """The whole comparison as JSON-ready data (spans as ``{start, end}``)."""
    return {
        "a": {"path": a_name, "sentences": len(comparison.a_segments)},
        "b": {"path": b_name, "sentences": len(comparison.b_segments)},
        "summary": summary(comparison),
        "pairs": [
            {
                "a": {**_excerpt(p.a_excerpt), "sentences": list(p.a)},
                "b": {**_excerpt(p.b_excerpt), "sentences": list(p.b)},
                "score": p.score,
            }
            for p in comparison.pairs
        ],
        "differences": [
            {
                "kind": d.kind,
                "a": _excerpt(d.a),
                "b": _excerpt(d.b),
                "detail": d.detail,
                "pair": d.pair,
            }
            for d in comparison.differences
        ],
        "notes": [
            {
                "kind": r.first.kind,
                "a": _excerpt(r.first.a),
                "b": _excerpt(r.first.b),
                "detail": r.first.detail,
                "pair": r.first.pair,
                "count": r.count,
            }
            for r in comparison.notes
        ],
    }


def _excerpt(e: Excerpt) -> dict[str, Any]:
    return {"text": e.text, "span": {"start": e.span.start, "end": e.span.end}}
