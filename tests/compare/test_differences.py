"""Each kind of difference, on sentences taken from the seed translations."""

from __future__ import annotations

from verify.compare import compare_texts
from verify.compare import names as nm

A = (
    "The heads of state welcome Resolution 60/45 adopted by the 60th session of the "
    "UN General Assembly on 8 December 2005."
)
B = (
    "The heads of State welcome the adoption by the General Assembly at its sixtieth - "
    "anniversary - session of resolution 60/45, of 8 December 2005."
)


def kinds(a: str, b: str) -> list[str]:
    return [d.kind for d in compare_texts(a, b).differences]


def test_paraphrase_with_equal_values_is_not_a_difference() -> None:
    c = compare_texts(A, B)
    assert c.identical
    assert len(c.pairs) == 1 and c.pairs[0].a == (0,) and c.pairs[0].b == (0,)


def test_number() -> None:
    c = compare_texts(A, B.replace("sixtieth", "sixty-first"))
    (d,) = c.differences
    assert (d.kind, d.a.text, d.b.text, d.detail) == ("number", "60th", "sixty-first", "60 != 61")
    assert c.a_text[d.a.span.start : d.a.span.end] == "60th"
    assert c.b_text[d.b.span.start : d.b.span.end] == "sixty-first"


def test_threescore_and_ten() -> None:
    assert kinds("The days of our years are threescore and ten.", "The days of our years are 70.") == []
    assert kinds("The days of our years are threescore and ten.", "The days of our years are 80.") == [
        "number"
    ]


def test_date_in_another_format() -> None:
    assert kinds(A, B.replace("8 December 2005", "December 8, 2005")) == []
    (d,) = compare_texts(A, B.replace("8 December 2005", "9 December 2005")).differences
    assert (d.kind, d.a.text, d.b.text) == ("date", "8 December 2005", "9 December 2005")


def test_symbol() -> None:
    (d,) = compare_texts(A, B.replace("60/45", "60/54")).differences
    assert (d.kind, d.a.text, d.b.text) == ("symbol", "60/45", "60/54")


def test_name() -> None:
    a = "It involves the Executive Committee of the SCO Regional Antiterrorist Structure."
    b = "It involves the Executive Committee of the SCO Regional Counter-Terrorism Structure."
    (d,) = compare_texts(a, b).differences
    assert d.kind == "name"
    assert "Antiterrorist" in d.a.text and "Counter-Terrorism" in d.b.text


def test_acronyms_and_spelling_variants_are_the_same_name() -> None:
    a = "The Shangai Cooperation Organisation met in the SCO Secretariat."
    b = "The SCO met in the Secretariat of the Shanghai Cooperation Organization."
    assert kinds(a, b) == []


def test_negation_lost() -> None:
    a = "The heads of state believe that the threat should not be ignored."
    b = "The heads of State believe that the threat should be ignored."
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.a.text) == ("wording", "not")


def test_omission_and_addition_carry_both_sides() -> None:
    shared = "The heads of state met in Shanghai. They adopted a statement on security."
    extra = "The weather was unusually warm for the season and the gardens were full."
    c = compare_texts(shared, shared.replace("Shanghai.", "Shanghai. " + extra))
    (d,) = c.differences
    assert d.kind == "addition"
    assert d.b.text == extra and c.b_text[d.b.span.start : d.b.span.end] == extra
    assert d.a.text == "" and d.a.span.start == d.a.span.end == shared.index("They")
    c = compare_texts(shared.replace("Shanghai.", "Shanghai. " + extra), shared)
    assert [d.kind for d in c.differences] == ["omission"]


def test_a_key_term_cut_short() -> None:
    shared = (
        "The ministers discussed international information security in Geneva. "
        "They adopted a plan on international information security for the region. "
        "The plan for international information security takes effect in May. "
    )
    a = shared + "Experts on international information security will meet every year."
    b = shared + "Experts on information security will meet every year."
    (d,) = compare_texts(a, b).differences
    assert d.kind == "wording"
    assert d.detail == "'international' of 'international information security' missing in B"
    paraphrased = b.replace("The ministers discussed", "Ministers talked about")
    paraphrased = paraphrased.replace("They adopted a plan", "A plan was agreed")
    paraphrased = paraphrased.replace("takes effect", "applies")
    (d,) = compare_texts(a, paraphrased).differences
    assert d.detail == "'international' of 'international information security' missing in B"
    assert "international information security" in d.a.text and "on information security will" in d.b.text


def test_a_term_used_in_full_on_both_sides_is_not_cut() -> None:
    text = " ".join(f"Report {n} on international information security was read." for n in range(1, 5))
    assert kinds(text, text.replace("was read", "was heard")) == []


def test_resolution_number_and_full_symbol_are_the_same() -> None:
    assert (
        kinds("The Assembly adopted resolution 60/45.", "The Assembly adopted resolution A/RES/60/45.") == []
    )
    (d,) = compare_texts("It was issued as A/60/973.", "It was issued as A/60/937.").differences
    assert (d.kind, d.a.text, d.b.text) == ("symbol", "A/60/973", "A/60/937")


def test_names_with_no_word_in_common() -> None:
    a = "(Signed): Vladimir Putin, President of the Russian Federation."
    b = "(Signed): Dmitry Medvedev, President of the Russian Federation."
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.a.text, d.b.text) == ("name", "Vladimir Putin", "Dmitry Medvedev")



def test_spellings_of_one_name_are_the_same_name() -> None:
    # KJV and BBE, Ruth 4:12: "Pharez" and "Perez" are one man
    a = "And let thy house be like the house of Pharez, whom Tamar bare unto Judah."
    b = "And let your family be like the family of Perez, whom Tamar had to Judah."
    assert kinds(a, b) == []


def test_one_name_put_for_another_is_a_swap() -> None:
    # a single name replaced by another name the documents use (Ruth 4:12, KJV and BBE)
    story = " Then Boaz took Ruth, and Judah went down, and Tamar came, and Pharez was born."
    a = "And let thy house be like the house of Pharez, whom Tamar bare unto Judah." + story
    b = "And let your family be like the family of Boaz, whom Tamar had to Judah." + story
    (d,) = compare_texts(a, b).differences
    assert (d.kind, d.a.text, d.b.text) == ("name", "Pharez", "Boaz")


def test_a_key_term_said_with_another_last_word_is_not_cut() -> None:
    """KJV "every living creature" where BBE says "every living thing": a
    word replaced, not dropped."""
    shared = (
        "God made every living thing on the earth. "
        "Noah took every living thing into the ark. "
        "The waters covered every living thing that moved. "
    )
    a = shared + "And God spoke to Noah and to every living creature of all flesh."
    b = shared + "And God spoke to Noah and to every living thing of all flesh."
    assert [d for d in compare_texts(a, b).differences if "missing" in d.detail] == []


def test_no_that_answers_is_not_a_negated_statement() -> None:
    """Ruth 1:10, KJV and BBE: the answer "No," refuses what was said before;
    the statement after it is as positive as the other side's."""
    a = "And they said unto her, Surely we will return with thee unto thy people."
    b = "And they said to her, No, we will return with you to your people."
    assert [d for d in compare_texts(a, b).differences if d.kind == "wording"] == []
    c = compare_texts(a, "And they said to her, We will not return with you to your people.")
    assert [d.kind for d in c.differences] == ["wording"]


def test_a_name_hyphenated_with_an_en_dash_is_one_name() -> None:
    """KJV writes "Beth\u2013lehem" and "Tubal\u2013cain" with an en dash; BBE "Beth-lehem"."""
    (term,) = nm.terms("they came to Beth\u2013lehem.")
    assert term.words == ("Beth\u2013lehem",)
    assert nm.uncovered(term, nm.Vocabulary.of("they came to Beth-lehem.")) == []
    assert nm.uncovered(term, nm.Vocabulary.of("they came to Hebron.")) == ["Beth\u2013lehem"]


def test_a_negation_in_a_question_is_not_compared() -> None:
    """Genesis 27:36, KJV and BBE: a rhetorical question with "not" says what
    the other side asks or states without it."""
    a = "And he said, Is not he rightly named Jacob? for he hath supplanted me these two times."
    b = "And he said, Is it because he is named Jacob that he has twice taken my place?"
    assert [d for d in compare_texts(a, b).differences if d.kind == "wording"] == []
    c = compare_texts("He said the land was rightly named Jacob.", "He said the land was not named Jacob.")
    assert [d.kind for d in c.differences] == ["wording"]


def test_a_negation_is_judged_on_its_own_statement() -> None:
    """Mark 13:18-19, ASV and Darby, with "not" taken out of B's first
    sentence: the pair still has negations on both sides (and Darby one more
    elsewhere, "if [the] Lord had not shortened"), but the statement "pray
    that it be (not) in the winter" is in both, negated in one."""
    a = (
        "And pray ye that it be not in the winter. For those days shall be tribulation, "
        "such as there hath not been the like from the beginning of the creation."
    )
    b = (
        "And pray that it may be in winter time; for those days shall be distress such as "
        "there has not been the like since the beginning of creation."
    )
    (d,) = [d for d in compare_texts(a, b).differences if d.kind == "wording"]
    assert (d.a.text, d.detail) == ("not", "negation: 'not' in A, 'winter' without one in B")


def test_a_negation_phrased_another_way_is_not_a_flip() -> None:
    # the other side says it with another negative near the same words
    a = "And no man could bind him, no, not with chains."
    assert [d for d in compare_texts(a, "And none could bind him with chains.").differences] == []
    # two negatives say something positive: "ceased not to teach" / "went on teaching"
    a = "And daily in the temple they ceased not to teach and preach Jesus Christ."
    b = "And every day, in the temple, they went on teaching and preaching Jesus as the Christ."
    assert [d for d in compare_texts(a, b).differences if d.kind == "wording"] == []
    # "nor" carries on the negation before it
    a = "Now be not grieved, nor angry with yourselves, that ye sold me hither."
    b = "Now do not be troubled or angry with yourselves for sending me away."
    assert [d for d in compare_texts(a, b).differences if d.kind == "wording"] == []


def test_a_negative_word_both_sides_share_is_no_paraphrase_of_a_not() -> None:
    """Mark 3:30: "unclean" is on both sides, so it cannot stand for B's "not"."""
    a = "Because they said, He hath an unclean spirit."
    (d,) = compare_texts(a, "Because they said, He has not an unclean spirit.").differences
    assert (d.kind, d.b.text) == ("wording", "not")
