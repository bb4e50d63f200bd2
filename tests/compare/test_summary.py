"""Summaries go into manifests: integers only, JSON-ready, stable."""

from __future__ import annotations

import json
from typing import Any

from verify.compare import compare_texts, group_summary, summary, to_dict

A = "The 60th session met on 8 December 2005. It adopted resolution 60/45."
B = "The sixty-first session met on 8 December 2005. It adopted resolution 60/45. It was late."


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def test_summary_counts_and_has_no_floats() -> None:
    s = summary(compare_texts(A, B))
    assert _floats(s) == []
    assert s["differences"]["number"] == 1 and s["differences"]["addition"] == 1
    assert s["differences_total"] == 2 and s["identical"] is False
    assert s["a_sentences"] == 2 and s["b_sentences"] == 3 and s["aligned_pairs"] == 2
    assert 0 < s["score_permille"] <= 1000 and s["coverage_a_permille"] == 1000
    assert json.loads(json.dumps(s, sort_keys=True)) == s


def test_to_dict_has_pairs_and_differences_with_spans() -> None:
    d = to_dict(compare_texts(A, B), "a.txt", "b.txt")
    assert _floats(d) == []
    assert [p["score"] for p in d["pairs"]][2] == 0
    first = d["pairs"][0]
    assert first["a"]["text"] == "The 60th session met on 8 December 2005."
    assert first["a"]["span"] == {"start": 0, "end": 40} and isinstance(first["score"], int)
    number = d["differences"][0]
    assert (
        number["kind"] == "number" and number["a"]["text"] == "60th" and number["b"]["text"] == "sixty-first"
    )
    assert B[number["b"]["span"]["start"] : number["b"]["span"]["end"]] == "sixty-first"


def test_group_summary_covers_every_pair_in_path_order() -> None:
    out = group_summary({"z.txt": B, "a.txt": A, "m.txt": A})
    assert [(s["a"], s["b"]) for s in out] == [("a.txt", "m.txt"), ("a.txt", "z.txt"), ("m.txt", "z.txt")]
    assert [s["identical"] for s in out] == [True, False, False]
    assert _floats(out) == []
