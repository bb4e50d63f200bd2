"""The issue's acceptance test: every mark listed in the seeds' README is
reported, by a detector on the canonical text or, where the canonicaliser
already repaired it, as a recorded change of the pipeline."""

from __future__ import annotations

import pytest
from helpers import seed

from verify.model import Finding
from verify.pipeline import process_file

# (seed, code, text under the span): linted as one folder, as `verify lint sources/`.
MARKS = [
    ("000", "damage.boilerplate", " - Ministry of Foreign Affairs of the People's Republic"),
    ("000", "damage.lowercase_sentence", "information"),
    ("000", "damage.doubled_word", "in in"),
    ("001", "name.variant", "Shangai"),
    ("002", "damage.signature_block", "(Signed): Nursultan Nazarbaev"),
    ("003", "acronym.variant", "CSR"),
    ("003", "acronym.variant", "CSO"),
    ("003", "acronym.variant", "CSM"),
    ("003", "acronym.variant", "CSU"),
    ("003", "damage.stray_number", "5."),
    ("003", "damage.stray_number", "6."),
    ("003", "damage.stray_number", "15."),
    ("003", "damage.footnote_marker", "7"),
    ("003", "damage.odd_apostrophe", "`"),
    ("003", "damage.shouted_word", "SESSION"),
    ("003", "damage.doubled_word", "concepts and concepts"),
    ("003", "damage.boilerplate", "Skip to content"),
    ("003", "damage.boilerplate", "Published on"),
    ("003", "damage.orphan_punctuation", ".,"),
    ("004", "damage.glued_token", "66thsession"),
]


@pytest.mark.parametrize(("number", "code", "marked"), MARKS)
def test_mark_is_reported(
    number: str,
    code: str,
    marked: str,
    seeds: dict[str, str],
    seeds_folder: dict[str, list[Finding]],
) -> None:
    text = seeds[number]
    under = [f.span.slice(text) for f in seeds_folder[number] if f.code == code]
    assert any(u.startswith(marked) for u in under), (code, under)


def test_every_variant_in_003_stands_for_sco(seeds_folder: dict[str, list[Finding]]) -> None:
    found = [f for f in seeds_folder["003"] if f.code == "acronym.variant"]
    assert {dict(f.evidence)["stands_for"] for f in found} == {"SCO"}


@pytest.mark.parametrize(
    ("number", "trace"),
    [
        ("001", "Instituto de Relaciones Internacionales (IRI) - Anuario 2007"),  # running header
        ("002", "-----"),  # page separator
    ],
)
def test_marks_the_canonicaliser_removes_are_on_record(number: str, trace: str) -> None:
    record = process_file(seed(number))
    assert record.text is not None and trace not in record.text
    recorded = [x for change in record.changes for x in change.params + change.examples]
    assert any(trace in x for x in recorded), record.changes


def test_footnote_of_002_is_separated_by_the_canonicaliser(seeds: dict[str, str]) -> None:
    assert "CHINA1" not in seeds["002"]
    assert "\n[^1] Originally issued as annex II" in seeds["002"]
