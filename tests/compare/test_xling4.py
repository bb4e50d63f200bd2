"""Cross-lingual round xling4, on real verses of Numbers (tests/data/compare/xling4).

Each quiet case (what a translation says its own way, no longer reported) is
paired with a real difference in the same verses that must still be found.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from verify.compare import align, compare_texts
from verify.compare.across import aliased, aliases
from verify.compare.names import name_key, resolver
from verify.compare.numbers import mentions

DATA = Path(__file__).resolve().parent.parent / "data" / "compare" / "xling4"


def prose(name: str, chapters: set[int]) -> str:
    with (DATA / f"numbers_{name}.csv").open(encoding="utf-8", newline="") as f:
        return " ".join(r["Text"] for r in csv.DictReader(f) if int(r["Chapter"]) in chapters)


def details(a: str, b: str, langs: tuple[str, str], kind: str = "number") -> list[str]:
    return [d.detail for d in compare_texts(a, b, langs).differences if d.kind == kind]


def test_french_thousands_grouped_by_a_space_are_one_number() -> None:
    assert [(m.text, m.value) for m in mentions("furent 46 500.", "fr")] == [("46 500", "46500")]
    assert [m.value for m in mentions("le 12 mars 1991 500 hommes", "fr")] == ["1991-03-12", "500"]
    assert [m.value for m in mentions("les versets 3 et 4, 1 234 567", "fr")] == ["3", "4", "1234567"]
    assert [m.value for m in mentions("It was 46 500.", "en")] == ["46", "500"]  # English: two numbers


def test_the_census_of_numbers_1_in_french_is_quiet() -> None:
    # FreJND writes "46 500", Darby "forty-six thousand five hundred": 26 differences before.
    assert details(prose("FreJND", {1}), prose("Darby", {1}), ("fr", "en")) == []


def test_a_changed_census_figure_is_still_found_in_french() -> None:
    english = prose("Darby", {1})
    changed = english.replace("forty-six thousand five hundred", "forty-six thousand six hundred", 1)
    assert changed != english
    found = details(prose("FreJND", {1}), changed, ("fr", "en"))
    assert any("46500" in d and "46600" in d for d in found), found


def test_russian_ordinals_of_the_teens_and_collectives_are_read() -> None:
    values = {m.text: m.value for m in mentions("в четырнадцатый день; вышли все трое; семеро", "ru")}
    assert values == {"четырнадцатый": "14", "трое": "3", "семеро": "7"}
    assert [m.value for m in mentions("с третьею частью гина", "ru")] == ["3"]


def test_numbers_9_and_12_in_russian_are_quiet() -> None:
    # "четырнадцатый день" / "fourteenth day", "вышли все трое" / "they three came out"
    assert details(prose("RusSynodal", {9, 12}), prose("KJV", {9, 12}), ("ru", "en")) == []


def test_a_changed_day_or_count_is_still_found_in_russian() -> None:
    english = prose("KJV", {9, 12})
    for old, new, value in (
        ("passover on the fourteenth day", "passover on the fifteenth day", "15"),
        ("And they three came out", "And they four came out", "4"),
    ):
        changed = english.replace(old, new, 1)
        assert changed != english
        found = details(prose("RusSynodal", {9, 12}), changed, ("ru", "en"))
        assert any(value in d for d in found), (old, found)


def test_chinese_pairs_and_myriads_are_quiet() -> None:
    # 他们二人 "they" (Numbers 14:10, 16:45), 万人之灵的神 "the God of the spirits of all flesh" (27:16)
    found = details(prose("ChiUns", {14, 16, 27}), prose("KJV", {14, 16, 27}), ("zh", "en"))
    assert found == []


def test_a_changed_chinese_count_is_still_found() -> None:
    chinese = prose("ChiUns", {14, 16, 27})
    for old, new, value in (("他们二人就俯伏", "他们三人就俯伏", "3"), ("万人之灵", "一万人之灵", "10000")):
        changed = chinese.replace(old, new, 1)
        assert changed != chinese
        found = details(changed, prose("KJV", {14, 16, 27}), ("zh", "en"))
        assert any(d.startswith(value) for d in found), (old, found)
    # a count of the English side that the Chinese lacks is still reported (27:16, 立一个人)
    english = prose("KJV", {14, 16, 27})
    changed = english.replace("set a man over the congregation", "set three men over the congregation", 1)
    assert changed != english
    assert any(d.startswith("3") for d in details(chinese, changed, ("zh", "en")))


def test_hebrew_letters_are_read_as_english_writes_them() -> None:
    english = frozenset(name_key(w) for w in ("Shuham", "Mahli", "Zoan", "Izhar", "Hebron"))
    key = resolver(english, hebrew=True)
    pairs = (("Shukham", "Shuham"), ("Makhli", "Mahli"), ("Tsoan", "Zoan"), ("Jitsehar", "Izhar"))
    for foreign, name in pairs:
        assert key(foreign) == name_key(name), foreign
        assert resolver(english)(foreign) != name_key(name), foreign  # only for a text not in English
    assert key("Махли") == name_key("Mahli") and key("Хеврона") == name_key("Hebron")
    assert key("Moab") == name_key("Moab")


def john7(name: str) -> str:
    with (DATA / f"john7_{name}.csv").open(encoding="utf-8", newline="") as f:
        return " ".join(r["Text"] for r in csv.DictReader(f))


def test_a_name_the_pairs_teach_is_not_reported() -> None:
    # John 7:1-36: "Иудеи" (key `id`, also Judea's) is "the Jews" (`is`) six times over.
    assert details(john7("RusSynodal"), john7("KJV"), ("ru", "en"), "name") == []


def test_a_swapped_name_is_still_found_beside_a_learnt_one() -> None:
    english = john7("KJV")
    second = english.index("Jesus", english.index("Jesus") + 1)
    changed = english[:second] + "Moses" + english[second + len("Jesus") :]
    found = details(john7("RusSynodal"), changed, ("ru", "en"), "name")
    assert any(d.endswith("!= Moses") for d in found), found


def test_a_name_seen_odd_once_is_never_learnt() -> None:
    assert aliases([(frozenset({"isr"}), frozenset({"mb"}))] * 2) == {}
    learnt = aliases([(frozenset({"id", "mss"}), frozenset({"is", "mss"}))] * 3)
    assert learnt == {"id": "is"}
    # "Гад" beside "Reuben" in every list is not Reuben: "Рувим" is
    reuben = frozenset({"rbn"})
    tribes = [(frozenset({"gd", "rbm"}), reuben)] * 3 + [(frozenset({"rbm"}), reuben)] * 3
    assert aliases(tribes) == {"rbm": "rbn"}
    assert aliased(name_key, learnt)("Judea") == "is"


def test_russian_adjectives_possessives_and_theta_meet_the_english_name() -> None:
    english = frozenset(name_key(w) for w in ("Egypt", "Sinai", "Moab", "Levi", "Dathan", "Thomas"))
    key = resolver(english, hebrew=True)
    for word, name in (
        ("Египетской", "Egypt"),
        ("Синайской", "Sinai"),
        ("Моавитской", "Moab"),
        ("Левиины", "Levi"),
        ("Дафан", "Dathan"),
        ("Фома", "Thomas"),
    ):
        assert key(word) == name_key(name), word
    assert key("Фараон") != name_key("Thomas")  # "ф" read as "th" only where the English has it


def numbers2_4(name: str) -> list[str]:
    with (DATA / f"numbers2-4_{name}.csv").open(encoding="utf-8", newline="") as f:
        return [r["Text"] for r in csv.DictReader(f)]


def one_sided(a: list[str], b: list[str]) -> list[str]:
    found = compare_texts(" ".join(a), " ".join(b), ("ru", "en")).differences
    return [d.a.text or d.b.text for d in found if d.kind in ("omission", "addition")]


def test_a_lone_sentence_joins_the_bead_whose_other_side_says_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Numbers 2-4, Synodal against KJV: sentences the two cut differently, left
    # alone, now join the neighbouring bead whose other side says their words.
    ru, en = numbers2_4("RusSynodal"), numbers2_4("KJV")
    with_residual = one_sided(ru, en)
    monkeypatch.setattr(align, "CROSS_RESIDUAL", False)
    assert len(with_residual) < len(one_sided(ru, en))


def test_an_omitted_verse_is_still_found_beside_them() -> None:
    ru, en = numbers2_4("RusSynodal"), numbers2_4("KJV")
    before = one_sided(ru, en)
    # Numbers 3:18, "And these are the names of the sons of Gershon by their families"
    assert en[51].startswith("And these are the names of the sons of Gershon")
    after = one_sided(ru, en[:51] + en[52:])
    assert [x for x in after if x not in before] == [ru[51]]
