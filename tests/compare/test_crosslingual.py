"""Comparison across languages on a real genealogy (Genesis 5), and the fixes of issue 12."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from verify.compare import compare_texts
from verify.compare.language import detect
from verify.compare.names import name_key, resolver
from verify.compare.numerals import chinese_value, spelled

DATA = Path(__file__).resolve().parent.parent / "data" / "compare"
LANGS = {"RusSynodal": "ru", "FreJND": "fr", "SpaRV": "es", "ChiUns": "zh"}


def verses(name: str) -> list[str]:
    with (DATA / f"genesis5_{name}.csv").open(encoding="utf-8", newline="") as f:
        return [r["Text"].strip() for r in csv.DictReader(f)]


def prose(name: str) -> str:
    return " ".join(verses(name))


@pytest.mark.parametrize("name", sorted(LANGS))
def test_language_is_detected(name: str) -> None:
    assert detect(prose(name)) == LANGS[name]
    assert detect(prose("KJV")) == "en"


@pytest.mark.parametrize("name", sorted(LANGS))
def test_the_ages_of_the_genealogy_are_read_in_every_language(name: str) -> None:
    # Genesis 5:5, "all the days that Adam lived were nine hundred and thirty years"
    verse = verses(name)[4]
    assert 930 in {v for _, _, v, _, _ in spelled(verse, LANGS[name])} or "930" in verse


@pytest.mark.parametrize("name", sorted(LANGS))
def test_a_faithful_translation_has_few_number_differences(name: str) -> None:
    english = "Darby" if name == "FreJND" else "KJV"
    c = compare_texts(prose(name), prose(english))
    numbers = [d for d in c.differences if d.kind == "number"]
    aligned = sum(1 for p in c.pairs if not p.one_sided)
    assert aligned >= 10
    if name == "RusSynodal":
        # The Synodal text adds the Septuagint's ages in brackets ("сто тридцать [230]"):
        # every number reported is one of them, a real difference from the English.
        a = c.a_text
        bracketed = [d for d in numbers if a[d.a.span.start - 1] == "[" and a[d.a.span.end] == "]"]
        assert len(bracketed) >= 0.75 * len(numbers) > 0, [d.detail for d in numbers]
    else:
        assert len(numbers) <= 3, [d.detail for d in numbers]


@pytest.mark.parametrize("name", sorted(LANGS))
def test_a_changed_age_is_found_across_languages(name: str) -> None:
    english = "Darby" if name == "FreJND" else "KJV"
    text = prose(english)
    changed = text.replace("nine hundred and thirty years", "nine hundred and forty years", 1)
    assert changed != text
    c = compare_texts(prose(name), changed)
    assert any(d.kind == "number" and "940" in d.detail for d in c.differences), [
        d.detail for d in c.differences
    ]


@pytest.mark.parametrize("name", ["RusSynodal", "FreJND", "SpaRV", "ChiUns"])
def test_an_omitted_verse_is_found_across_languages(name: str) -> None:
    english = verses("Darby" if name == "FreJND" else "KJV")
    # 5:21, Enoch begets Methuselah, is left out
    c = compare_texts(prose(name), " ".join(english[:20] + english[21:]))
    assert [d.kind for d in c.differences].count("omission") >= 1


def test_names_meet_across_scripts() -> None:
    assert name_key("Noah") == name_key("Ной") == name_key("Noé")
    assert name_key("Seth") != name_key("Enos")


@pytest.mark.xfail(
    strict=True,
    reason="KJV joins Genesis 5:6-8 in one sentence that still names Seth (5:7), and Jared "
    "is named a few sentences on: names are compared by presence in a pair and its "
    "neighbourhood, which cannot see this swap across languages",
)
def test_a_name_swapped_across_languages() -> None:
    russian, english = prose("RusSynodal"), prose("KJV")
    swapped = english.replace(
        "And Seth lived an hundred and five years", "And Jared lived an hundred and five years", 1
    )
    assert swapped != english
    c = compare_texts(russian, swapped)
    assert any(d.kind == "name" and "Jared" in d.b.text for d in c.differences)


def test_chinese_numerals() -> None:
    assert (chinese_value("九百三十"), chinese_value("一百零五"), chinese_value("二〇〇五")) == (
        930,
        105,
        2005,
    )


def test_zip_code_keeps_its_leading_zero() -> None:
    (d,) = compare_texts("Send it to Boston, MA 02110.", "Send it to Boston, MA 02111.").differences
    assert d.detail == "02110 != 02111"


def test_a_partial_date_is_printed_without_question_marks() -> None:
    (d,) = compare_texts("The law passed in June 1991.", "The law passed in July 1991.").differences
    assert d.detail == "1991-06 != 1991-07" and "?" not in d.detail


def test_first_and_second_differ() -> None:
    (d,) = compare_texts("And the first day came.", "And the second day came.").differences
    assert (d.kind, d.a.text, d.b.text) == ("number", "first", "second")


def test_digits_inside_a_url_are_not_numbers() -> None:
    a = "The report is at https://example.org/2005/12/report.pdf for all."
    assert compare_texts(a, a.replace("/2005/", "/2006/")).identical


def test_negation_only_when_polarity_differs() -> None:
    # one side phrases with a negative, the other says it another way
    assert compare_texts("He refused to go with them.", "He would not go with them.").identical
    (d,) = compare_texts("He will go with them.", "He will not go with them.").differences
    assert d.kind == "wording"


def test_one_changed_word_is_one_difference() -> None:
    shared = "The Shanghai Cooperation Organisation met. " * 3
    c = compare_texts(
        shared + "The Regional Antiterrorist Structure met.",
        shared + "The Regional Counter-Terrorism Structure met.",
    )
    assert [d.kind for d in c.differences] == ["name"]
    assert re.search("Antiterrorist", c.differences[0].a.text)


def test_a_highlight_never_cuts_a_url() -> None:
    from verify.report.compare_html import highlight

    text = "See https://example.org/Report-2005/annex.pdf for it."
    start = text.index("Report")
    page = highlight(text, 0, len(text), [(start, start + len("Report"), "name")])
    assert '<mark class="k-name">https://example.org/Report-2005/annex.pdf</mark>' in page


def test_a_russian_name_is_keyed_as_the_other_text_writes_it() -> None:
    english = frozenset(name_key(w) for w in ["Aaron", "Hebron", "Saul", "Herod", "Abraham", "Jerusalem"])
    key = resolver(english)
    assert key("Аароном") == name_key("Aaron")  # instrumental case
    assert key("Хевроне") == name_key("Hebron")  # Cyrillic "Х" for a Hebrew "h"
    assert key("Савла") == name_key("Saul")  # "в" for a Greek "u"
    assert key("Ирода") == name_key("Herod")  # "И" for "He-"
    assert key("Иерусалим") == name_key("Jerusalem")  # no ending cut where the name has it
    assert key("Авраам") == name_key("Abraham")
    assert key("Рувим") == name_key("Рувим")  # nothing like it in the other text: its own key
    assert key("Moses") == name_key("Moses")  # not Cyrillic: the plain key


def test_an_inflected_russian_name_put_for_another_is_found() -> None:
    russian = "Авраам пришёл к Исааку. Авраам долго говорил с Аароном. Потом Аарон ушёл домой."
    english = "Abraham came to Isaac. Abraham spake a long time with Isaac. Then Aaron went home."
    c = compare_texts(russian, english, ("ru", "en"))
    assert [d.detail for d in c.differences if d.kind == "name"] == ["Аароном != Isaac"]
    reverse = compare_texts(english, russian, ("en", "ru"))  # Russian as B
    assert [d.detail for d in reverse.differences if d.kind == "name"] == ["Isaac != Аароном"]
    faithful = english.replace("with Isaac", "with Aaron")
    assert not compare_texts(russian, faithful, ("ru", "en")).differences
