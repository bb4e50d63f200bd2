"""acronym.undefined and acronym.redefined."""

from __future__ import annotations

from verify.detect import LintConfig, acronym_definition


def by_code(text: str, code: str, config: LintConfig | None = None) -> dict[str, dict[str, object]]:
    return {
        str(dict(f.evidence)["acronym"]): dict(f.evidence)
        for f in acronym_definition.detect(text, config)
        if f.code == code
    }


def test_undefined_in_004(seeds: dict[str, str]) -> None:
    found = by_code(seeds["004"], "acronym.undefined")
    assert sorted(found) == ["SCO", "UN"]  # IIS is defined there
    assert found["SCO"]["count"] == 5


def test_defined_in_001_is_not_undefined(seeds: dict[str, str]) -> None:
    found = by_code(seeds["001"], "acronym.undefined")
    assert "SCO" not in found and "ICT" not in found


def test_known_acronyms_need_no_definition(seeds: dict[str, str]) -> None:
    config = LintConfig(known_acronyms=frozenset({"UN", "SCO"}))
    assert by_code(seeds["004"], "acronym.undefined", config) == {}


def test_first_use_is_the_span(seeds: dict[str, str]) -> None:
    text = seeds["004"]
    finding = next(f for f in acronym_definition.detect(text) if dict(f.evidence)["acronym"] == "UN")
    assert finding.span.slice(text) == "UN"
    assert finding.severity == "note"
    assert finding.line == text.count("\n", 0, finding.span.start) + 1
    assert "as an official UN document" in finding.snippet


def test_redefined() -> None:
    text = (
        "The Universal Product Code (UPC) is printed on goods. Later the Uniform Product "
        "Code (UPC) was extended."
    )
    (finding,) = [f for f in acronym_definition.detect(text) if f.code == "acronym.redefined"]
    evidence = dict(finding.evidence)
    assert evidence["acronym"] == "UPC"
    assert evidence["earlier_expansion"] == "Universal Product Code"
    assert finding.span.slice(text) == "Uniform Product Code"


def test_spelling_variants_of_one_expansion_are_not_redefinitions() -> None:
    text = (
        "the Shanghai Cooperation Organisation (SCO) met; the Shanghai Cooperation "
        "Organization (SCO) agreed; General Aniline & Film (GAF) and General Aniline & Film "
        "Corporation (GAF)."
    )
    assert by_code(text, "acronym.redefined") == {}
