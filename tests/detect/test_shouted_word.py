"""damage.shouted_word."""

from __future__ import annotations

from verify.detect import lint_text, shouted_word
from verify.model import Finding


def test_session_in_003_when_the_folder_is_linted(
    seeds: dict[str, str], seeds_folder: dict[str, list[Finding]]
) -> None:
    text = seeds["003"]
    (finding,) = [f for f in seeds_folder["003"] if f.code == "damage.shouted_word"]
    assert finding.span.slice(text) == "SESSION"
    assert "for consideration at the SESSION of the UN General Assembly" in finding.snippet


def test_alone_003_has_no_lower_case_session(seeds: dict[str, str]) -> None:
    # Documented limit: one page alone does not say that SESSION is a word.
    assert [f for f in lint_text(seeds["003"]) if f.code == "damage.shouted_word"] == []


def test_repeated_or_defined_capitals_are_acronyms() -> None:
    text = (
        "The NASDAQ rose. NASDAQ fell. A nasdaq index. Beginner's All-purpose Symbolic "
        "Instruction Code (BASIC) is basic."
    )
    assert shouted_word.detect(text) == []
