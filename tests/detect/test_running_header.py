"""damage.running_header.

The canonicaliser removes the IRI header of seed 001 itself (a recorded
``furniture`` change), so the detector is shown the text as captured, where
the header still interrupts two sentences.
"""

from __future__ import annotations

import re

from helpers import seed

from verify.detect import running_header


def test_iri_header_in_001_as_captured() -> None:
    raw = seed("001").read_text(encoding="utf-8")
    text = "\n".join(p for p in re.split(r"\n\s*\n", raw) if p.strip())
    found = running_header.detect(text)
    header = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"
    assert [f.span.slice(text) for f in found] == [header, header]
    assert all(dict(f.evidence)["interrupts_sentence"] for f in found)
    assert dict(found[0].evidence)["count"] == 3


def test_the_canonical_text_of_001_has_no_header_left(seeds: dict[str, str]) -> None:
    assert running_header.detect(seeds["001"]) == []


def test_a_repeated_sentence_is_not_a_header() -> None:
    text = "All songs written by the band.\n\nTrack one.\n\nAll songs written by the band."
    assert running_header.detect(text) == []
