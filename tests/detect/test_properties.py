"""What every finding of every detector promises, on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from verify.detect import lint_corpus, lint_text
from verify.detect.codes import RULES

# Text made of the pieces the detectors react to, so that findings happen.
PIECES = st.sampled_from(
    [
        "SCO", "CSO", "CSM", "UN", "the", "member", "states", "in", "in", "and", "concepts",
        "Shanghai", "Shangai", "66thsession", "members.7", "5.", "state`s", ". ,", ".", ",",
        "information", "Skip to content", "(SCO)", "Shanghai Cooperation Organisation",
        "\n\n", "\n", " ", "PeopleÃ¢â‚¬â„¢s", "SESSION", "session", "XIV", "GB", "-----",
        "(Signed):", "é", "ß", "İ",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=60).map(" ".join) | st.text(max_size=200)


@given(TEXTS)
def test_findings_are_well_formed(text: str) -> None:
    findings = lint_text(text, path="x")
    lines = text.split("\n")
    for f in findings:
        assert f.code in RULES and f.severity == RULES[f.code].severity
        assert 0 <= f.span.start <= f.span.end <= len(text)
        assert f.snippet == lines[f.line - 1]
        assert text[f.span.start - f.column + 1 : f.span.start] == f.snippet[: f.column - 1]
        assert f.path == "x"
    assert findings == lint_text(text, path="x")


@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_a_folder_of_one_text_each_is_linted_whole(texts: list[str]) -> None:
    named = {f"{i}.txt": t for i, t in enumerate(texts)}
    results = lint_corpus(named)
    assert list(results) == sorted(named)
    for name, found in results.items():
        assert all(f.path == name and f.span.end <= len(named[name]) for f in found)
