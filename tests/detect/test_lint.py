"""lint_text / lint_corpus: what every finding promises, and configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.detect import (
    CODES,
    DETECTORS,
    LintConfig,
    config_from_table,
    find_pyproject,
    lint_corpus,
    lint_record,
    lint_text,
    load_config,
)
from verify.detect.codes import RULES
from verify.errors import ConfigError
from verify.model import Finding
from verify.pipeline import process_bytes


def all_findings(seeds_folder: dict[str, list[Finding]]) -> list[Finding]:
    return [f for found in seeds_folder.values() for f in found]


def test_positions_snippets_and_paths_agree_with_the_span(
    seeds: dict[str, str], seeds_folder: dict[str, list[Finding]]
) -> None:
    for number, found in seeds_folder.items():
        lines = seeds[number].split("\n")
        for f in found:
            assert f.path == number
            assert f.snippet == lines[f.line - 1]
            start = f.column - 1
            assert f.snippet[start : start + len(f.span.slice(seeds[number]))] == f.span.slice(seeds[number])


def test_codes_and_severities_are_the_registered_ones(
    seeds_folder: dict[str, list[Finding]],
) -> None:
    found = all_findings(seeds_folder)
    assert found
    for f in found:
        assert f.severity == RULES[f.code].severity, f.code
    assert set(CODES) == set(RULES) == {c for d in DETECTORS.values() for c in d.codes}


def test_findings_are_sorted_and_repeatable(seeds: dict[str, str]) -> None:
    first = lint_text(seeds["003"])
    assert first == lint_text(seeds["003"])
    assert first == sorted(first, key=lambda f: (f.span.start, f.span.end, f.code, f.message))


def test_select_and_ignore_take_prefixes(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    only_damage = lint_text(text, config=LintConfig(select=("damage",)))
    assert only_damage and {f.code.split(".")[0] for f in only_damage} == {"damage"}
    no_undefined = lint_text(text, config=LintConfig(ignore=("acronym.undefined",)))
    assert "acronym.undefined" not in {f.code for f in no_undefined}
    assert "acronym.variant" in {f.code for f in no_undefined}


def test_corpus_results_are_keyed_by_path(seeds: dict[str, str]) -> None:
    results = lint_corpus({"b/003.txt": seeds["003"], "a/004.txt": seeds["004"]})
    assert list(results) == ["a/004.txt", "b/003.txt"]
    assert {f.path for f in results["a/004.txt"]} == {"a/004.txt"}


def test_lint_record_fills_the_findings_of_a_record() -> None:
    record = lint_record(process_bytes(b"cooperation in in this field\n", "x.txt"))
    assert [(f.code, f.path) for f in record.findings] == [("damage.doubled_word", "x.txt")]


def test_lint_record_leaves_a_failed_record_alone() -> None:
    record = process_bytes(b"", "empty.txt")
    assert record.text is None
    assert lint_record(record) is record


def test_config_from_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.verify.lint]\nknown-acronyms = ["UN", "SCO"]\nignore = ["damage.stray_number"]\n',
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    assert find_pyproject(tmp_path / "sub") == pyproject
    config = load_config(pyproject)
    assert config.known_acronyms == frozenset({"UN", "SCO"})
    assert not config.wants("damage.stray_number") and config.wants("damage.glued_token")


def test_a_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(pyproject) == LintConfig()


@pytest.mark.parametrize(
    "table",
    [{"known_acronyms": ["UN"]}, {"ignore": "damage"}, {"select": [1]}],
)
def test_bad_configuration_is_an_error(table: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        config_from_table(table)


def test_unreadable_toml_is_a_config_error(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.verify.lint\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(pyproject)
