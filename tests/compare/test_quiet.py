"""Faithful translations stay quiet: splits and merges, renderings, numbers
said in two parts. Sentences from the KJV, ASV, Darby, BBE and Young's
Literal Translation (public domain), as in ``tests/data/compare/README.md``."""

from __future__ import annotations

from verify.compare import align as al
from verify.compare import compare_texts, to_dict
from verify.compare.numbers import numbers
from verify.report import compare_html, compare_text


def _values(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in numbers(text)]


def test_one_thirty_is_some_thirty_not_thirty_one() -> None:
    # Young's "one thirty, and one sixty" is "some thirtyfold, some sixty"
    assert _values("and it brought forth, one thirty, and one sixty")[1:2] == [("thirty", "30")]
    assert ("one thirty", "31") not in _values("one thirty, and one sixty, and one an hundred")
    assert _values("one and thirty kings") == [("one and thirty", "31")]
    assert _values("twenty one men") == [("twenty one", "21")]


def test_a_number_said_in_two_parts_is_the_same_number() -> None:
    a = "And when Abram was ninety years old and nine, the Lord appeared to Abram."
    b = "And when Abram was ninety-nine years old, the Lord came to Abram."
    assert compare_texts(a, b).identical
    changed = compare_texts(a, b.replace("ninety-nine", "ninety-eight"))
    assert {d.kind for d in changed.differences} == {"number"}


def test_a_place_and_its_people_are_one_name() -> None:
    a = "And Peter said, Jesus of Nazareth went about doing good in Galilee."
    b = "And Peter said, Jesus the Nazarene went about doing good among the Galileans."
    assert compare_texts(a, b).identical
    c = compare_texts(a, b.replace("Nazarene", "Jebusite"))
    assert [d.kind for d in c.differences] == ["name"]


_EPHESUS_A = (
    "And when they heard these sayings, they were full of wrath, and cried out, saying, "
    "Great is Diana of the Ephesians. And the whole city was filled with confusion. "
    "But when they knew that he was a Jew, all with one voice about the space of two hours "
    "cried out, Great is Diana of the Ephesians."
)
_EPHESUS_B = (
    "And having heard these things, they were full of fury, and cried out, saying, "
    "Great is Artemis of the Ephesians. And the whole city was filled with confusion. "
    "But knowing that he was a Jew, there was one voice from all, crying for about two hours, "
    "Great is Artemis of the Ephesians."
)


def test_a_rendering_is_one_note_not_a_difference_per_sentence() -> None:
    c = compare_texts(_EPHESUS_A, _EPHESUS_B)
    assert c.identical
    (note,) = c.notes
    assert (note.first.kind, note.count) == ("name", 2)
    assert "Diana" in note.first.a.text and "Artemis" in note.first.b.text
    assert to_dict(c)["notes"][0]["count"] == 2
    assert "note name:" in compare_text.render(c)
    assert "<h2>Renderings</h2>" in compare_html.render(c) and "2&times;" in compare_html.render(c)


def test_a_name_changed_once_is_a_difference() -> None:
    a, b = _EPHESUS_A, _EPHESUS_B.replace("Artemis", "Diana", 1)
    c = compare_texts(a, b)
    assert [d.kind for d in c.differences] == ["name"] and not c.notes


def test_a_name_both_texts_use_swapped_twice_stays_two_differences() -> None:
    # "Abram" put twice for "Shobal": both texts name both men elsewhere
    a = (
        "And Shobal and Abram went down to the well. And Shobal drew water for the camels. "
        "And the servants gave bread to Shobal. And Abram and Shobal returned to the tents."
    )
    b = (
        "Then Shobal and Abram went down to the spring. And Abram drew water for the camels. "
        "And the servants gave bread to Abram. Then Abram and Shobal went back to the tents."
    )
    c = compare_texts(a, b)
    assert [d.detail for d in c.differences] == ["Shobal != Abram"] * 2 and not c.notes


def _vector(words: str) -> dict[str, float]:
    return {w: 1.0 for w in words.split()}


def test_a_sentence_split_off_joins_the_bead_that_says_it() -> None:
    # A: "... bare Judah; and she left off bearing." / B: "... bare Judah." "And she ceased to bear."
    va = [_vector("conceiv bare son judah left bear"), _vector("jacob went")]
    vb = [_vector("conceiv bare son judah"), _vector("left bear"), _vector("jacob went")]
    path = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]
    assert al._attach_residual(path, va, vb) == [(0, 1, 0, 2), (1, 2, 2, 3)]


def test_a_deleted_sentence_whose_words_the_neighbours_repeat_stays_alone() -> None:
    # a genealogy: the neighbour's other side says nothing beyond its own side
    va = [_vector("seth live year begat eno"), _vector("eno live year begat cainan")]
    vb = [_vector("seth live year begat eno")]
    path = [(0, 1, 0, 1), (1, 2, 1, 1)]
    assert al._attach_residual(path, va, vb) == path


def test_one_name_spelt_two_ways_is_a_rendering_once_seen() -> None:
    a = "And the sons of Issachar; Tola, and Phuvah, and Job, and Shimron. And Tola went out."
    b = "And the sons of Issachar: Tola and Puah and Job and Shimron. And Tola went out."
    c = compare_texts(a, b)
    assert c.identical and [r.first.detail for r in c.notes] == ["Phuvah != Puah"]
    # where A also writes "Puah", B's "Puah" for "Phuvah" is a change
    more = "went out with Puah."
    c = compare_texts(a.replace("went out.", more), b.replace("went out.", more))
    assert [d.detail for d in c.differences] == ["Phuvah != Puah"] and not c.notes


def test_the_changed_one_of_two_equal_ordinals_is_the_one_reported() -> None:
    a = "And the second took her, and died, neither left he any seed: and the third likewise."
    b = "and the third took her, and died, neither left he seed, and the third in like manner,"
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.detail) == ("number", "2 != 3")
    assert d.b.span.start == b.index("third")  # the first "third", put for "second"


def test_and_opening_a_sentence_is_not_the_name_andrew() -> None:
    later = " And Andrew said. And Jesus said."
    a = "And Jesus, knowing in himself that virtue had gone out of him, turned about." + later
    b = "And immediately Andrew having known that power had gone forth, turned about." + later
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.a.text, d.b.text) == ("name", "Jesus", "Andrew")


def test_a_name_swapped_in_a_pair_that_still_names_the_original() -> None:
    # Genesis 33:16-17 as one sentence of Young's Literal Translation; both names are named elsewhere
    a = (
        "So Esau returned that day on his way unto Seir. And Jacob journeyed to Succoth, and built him "
        "an house: therefore the name of the place is called Succoth. And Jacob came to Seir."
    )
    b = (
        "And turn back on that day doth Esau on his way to Seir; and Jacob hath journeyed to Succoth, and "
        "buildeth to himself a house, therefore hath he called the name of the place Seir. "
        "And Jacob cometh to Seir."
    )
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.detail) == ("name", "Succoth != Seir")
    assert d.b.span.start == b.index("Seir.")
    assert compare_texts(a, b.replace("place Seir.", "place Succoth.")).identical


def test_across_languages_a_name_swapped_twice_stays_two_differences() -> None:
    # "Jésus" and "Jesus" are one name across scripts (phonetic key): the swap is no rendering
    a = (
        "Et Jésus lui dit: Pourquoi m'appelles-tu bon? Nul n'est bon, sinon un seul, Dieu. "
        "Et Simon vint vers lui avec André. Et Jésus, étant assis vis-à-vis du trésor, regardait "
        "comment la foule jetait de la monnaie au trésor. Et Simon et André partirent. Et Jésus répondit."
    )
    b = (
        "But Simon said to him, Why callest thou me good? no one is good but one, God. "
        "And Simon came to him with Andrew. And Simon, having sat down opposite the treasury, saw how "
        "the crowd was casting money into the treasury. And Simon and Andrew went away. And Jesus answered."
    )
    c = compare_texts(a, b, ("fr", "en"))
    assert [d.detail for d in c.differences] == ["Jésus != Simon"] * 2 and not c.notes


def test_one_part_of_a_hyphenated_name_changed() -> None:
    beasts = ("sheep", "goats", "oxen", "asses", "camels", "men")
    start = "And the men of Sodom were wicked. " + " ".join(
        f"And the {w} came to the field and went home." for w in beasts
    )
    a = start + " And Zillah bare Tubal-cain; and the sister of Tubal-cain was Naamah."
    b = start + " And Zillah bare Tubal-Cain; and a sister of Sodom-Cain is Naamah."
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.b.text) == ("name", "Sodom-Cain")
    # a compound the other side renders in words is not a changed part
    well = " He called the well "
    c = compare_texts(start + well + "Beer-lahai-roi.", start + well + "Fountain of Life.")
    assert not any("Beer" in d.detail for d in c.differences)
