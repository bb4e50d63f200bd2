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


def test_repeats_between_paragraphs_are_one_finding_and_sentence_cuts_each_their_own() -> None:
    header = "Annual Report of the Institute 2007"
    body = [f"Paragraph {i} ends here." for i in range(6)]
    parts = [header, body[0], header, body[1], header, body[2], "and a sentence cut by the", header,
             "header goes on here."]
    text = "\n".join(parts)
    found = running_header.detect(text)
    lines = [(f.line, dict(f.evidence).get("repeats"), dict(f.evidence)["interrupts_sentence"])
             for f in found]
    assert sorted(lines) == [(3, 2, False), (8, None, True)]


def test_a_line_written_twice_between_paragraphs_is_only_a_note_of_its_own_code() -> None:
    """An example shown twice, or a grammar rule collected again in an appendix
    (an audit's paged RFC 7232), repeats once between paragraphs and cuts no
    sentence: a note. Three times between paragraphs is still a warning, and a
    repeat that cuts a sentence is a warning however often it occurs."""
    rule = "If-Modified-Since = HTTP-date"
    text = "\n\n".join(["The field is defined as:", rule, "It is sent by a client.",
                        "Collected grammar follows.", rule, "End of the grammar."])
    found = running_header.detect(text)
    assert [(f.code, f.severity, f.span.slice(text)) for f in found] == [
        ("damage.repeated_line", "note", rule)]
    header = "Annual Report of the Institute 2007"
    parts = [header, "One ends here.", header, "Two ends here.", header, "Three ends here."]
    assert [f.severity for f in running_header.detect("\n".join(parts))] == ["warning"]
    cut = "\n".join([header, "One ends here.", "a sentence cut by the", header, "header goes on."])
    assert [f.severity for f in running_header.detect(cut)] == ["warning"]
