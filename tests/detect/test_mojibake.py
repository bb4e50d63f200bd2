"""damage.mojibake on ftfy's own labelled cases (tests/data/detect)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from verify.detect import mojibake


def cases(data: Path, kind: str) -> list[dict[str, Any]]:
    loaded = json.loads((data / "detect" / "ftfy_mojibake_cases.json").read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = loaded[kind]
    return result


def test_real_mojibake_is_found(data: Path) -> None:
    positives = cases(data, "positives_in_the_wild")
    found = [case for case in positives if mojibake.detect(case["original"])]
    assert len(found) >= 23, [c["label"] for c in positives if c not in found]


def test_negatives_stay_quiet(data: Path) -> None:
    noisy = [c["label"] for c in cases(data, "negatives") if mojibake.detect(c["original"])]
    assert noisy == []


def test_finding_carries_ftfys_repair() -> None:
    text = "the Peopleâ€™s Republic of China"
    (finding,) = mojibake.detect(text)
    assert (finding.code, finding.severity) == ("damage.mojibake", "error")
    assert finding.span.slice(text) == "Peopleâ€™s"
    assert dict(finding.evidence) == {"fixed": "People’s", "text": "Peopleâ€™s"}


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seeds_are_clean(seed: str, seeds: dict[str, str]) -> None:
    assert mojibake.detect(seeds[seed]) == []
