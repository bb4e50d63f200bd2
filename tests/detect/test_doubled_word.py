"""damage.doubled_word."""

from __future__ import annotations

import pytest

from verify.detect import doubled_word


def test_in_in_in_000(seeds: dict[str, str]) -> None:
    text = seeds["000"]
    (finding,) = doubled_word.detect(text)
    assert finding.code == "damage.doubled_word"
    assert finding.span.slice(text) == "in in"
    assert dict(finding.evidence) == {"pattern": "X X", "text": "in in", "word": "in"}
    assert "regional cooperation in in this field" in finding.snippet


def test_concepts_and_concepts_in_003(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    (finding,) = doubled_word.detect(text)
    assert finding.span.slice(text) == "concepts and concepts"
    assert dict(finding.evidence)["pattern"] == "X and X"


@pytest.mark.parametrize(
    "text",
    [
        "more and more states; again and again; better and better",
        "the problem he had had for years",
        "the band Duran Duran played",
        "it may or may not happen, and may and may not",
        "the Home and Home Office range",
    ],
)
def test_intended_doubles(text: str) -> None:
    assert doubled_word.detect(text) == []


def test_a_parameter_of_a_call_after_its_own_name_is_not_doubled() -> None:
    api = "path.relative(from, to)\n\nIt returns the relative path from from to to here."
    prose = "path.relative(a, b)\n\nIt returns the relative path from from the base."
    assert doubled_word.detect(api) == []
    assert [dict(f.evidence)["word"] for f in doubled_word.detect(prose)] == ["from"]


def test_a_word_coordinated_with_its_own_compound_is_not_doubled() -> None:
    assert doubled_word.detect("the specificities of attribute and attribute groups processing") == []
    assert doubled_word.detect("run make and make install") == []
    found = doubled_word.detect("important concepts and concepts in the field")
    assert [dict(f.evidence)["pattern"] for f in found] == ["X and X"]


@pytest.mark.parametrize(
    "text",
    [
        "First grants her her Will, and the quieting draught.",
        "there are cases when one and one do not make two",
        "walking in procession, two and two, and all deeply veiled",
        "the shoes have been caked up with layers and layers of sticky blacking",
        "Love him! worse and worse! I thought the Girl had been better bred.",
        "For example, run ``git help git`` or ``git help help``.",
    ],
)
def test_doubles_english_and_code_make_on_purpose(text: str) -> None:
    assert doubled_word.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "First grants the the Will, and the quieting draught.",
        "there are cases when concepts and concepts in the field do not make two",
        "the shoes have been caked up with layers and layers, sticky with blacking",
        "For example, run ``git help git`` or help help with the command.",
    ],
)
def test_a_doubled_word_beside_them_is_still_found(text: str) -> None:
    assert [f.code for f in doubled_word.detect(text)] == ["damage.doubled_word"]


@pytest.mark.parametrize(
    "text",
    [
        "// Generic class class ClassA<T> {}",
        "// Use of a concept in a template template<Hashable T> void func2(T value) {}",
        "running 1 test test src/lib.rs - add_one (line 5) ... ok",
        "running 1 test test tests::it_works ... ok",
        'implements: "implements" implist implist: expression-list',
        "# A non-negative quantity quantity: int @ Ge(0)",
        "Condition Signal Result\n\nOverflow overflow depends on the rounding mode",
    ],
)
def test_a_keyword_before_its_name_or_a_table_term_is_not_doubled(text: str) -> None:
    assert doubled_word.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "so the first time a non-owning thread thread attempts to retrieve an object",
        "in front of the the header/file.h path",
        "The the values of the class are set",
        "It should give a decent overview of of environment details",
    ],
)
def test_a_word_written_twice_before_code_or_at_a_start_is_still_doubled(text: str) -> None:
    assert [f.severity for f in doubled_word.detect(text)] == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Madame and mother both coaxed and coaxed her, but she was too queer",
        "whether haymaking in such and such a country-side shall begin",
        "I'll love you fo' evah and evah!",
        "So may it be for ages and ages!",
        "the first three essentials of the literary art are imagination, imagination and imagination.",
        "as we lay rising and rising on the in-coming water",
    ],
)
def test_a_repetition_on_purpose_is_not_doubled(text: str) -> None:
    assert doubled_word.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "the list of the most important concepts and concepts in the field",
        "the parties signed the agreement and agreement in force since 2001",
    ],
)
def test_a_noun_coordinated_with_itself_mid_phrase_is_still_doubled(text: str) -> None:
    assert [dict(f.evidence)["pattern"] for f in doubled_word.detect(text)] == ["X and X"]
