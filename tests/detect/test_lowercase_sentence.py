"""damage.lowercase_sentence."""

from __future__ import annotations

import pytest

from verify.detect import lowercase_sentence


def test_sentence_split_in_the_wrong_place_in_000(seeds: dict[str, str]) -> None:
    text = seeds["000"]
    (finding,) = lowercase_sentence.detect(text)
    assert finding.code == "damage.lowercase_sentence"
    assert finding.span.slice(text) == "information"
    assert dict(finding.evidence) == {"after": "technologies.", "word": "information"}


@pytest.mark.parametrize(
    "text",
    [
        "cats, dogs, etc. and birds",
        "as in the U.S. and Canada",
        "e.g. the first, i.e. the best",
        "Rosa canina var. lutetiana grows",
        "The phone launched. iPhone sales rose.",
        "He waited... and waited.",
    ],
)
def test_full_stops_that_end_no_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In most situations the ABI decides. libffi will handle promotion according to it.",
        "Assigns past and future changes. twoaday@freakmail.de",
        "It shows the state of the gdbserver. vgdb will exit after having shown it.",
    ],
)
def test_a_name_written_in_lower_case_may_start_a_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In most situations the ABI decides. information will handle promotion according to it.",
        "Libffi is a library. In most situations the ABI decides. libffi will handle promotion.",
    ],
)
def test_an_english_word_or_a_name_the_text_capitalises_is_still_a_cut(text: str) -> None:
    assert [f.code for f in lowercase_sentence.detect(text)] == ["damage.lowercase_sentence"]


@pytest.mark.parametrize(
    "text",
    [
        "Fall and Spring, at designation of the Supt. of Schools, as the law directs.",
        "Then, there was Mme. de B----, who appeared at the opera under the name of Betty.",
        "The hunt servants showed over 50 per cent. of the members in the field that year.",
    ],
)
def test_titles_and_usages_of_older_books_end_no_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Fall and Spring, at designation of the Schools. of the county, as the law directs.",
        "The hunt servants showed over 50 percent. of the members in the field that year.",
    ],
)
def test_a_word_that_is_no_abbreviation_still_ends_a_sentence(text: str) -> None:
    assert [f.code for f in lowercase_sentence.detect(text)] == ["damage.lowercase_sentence"]


@pytest.mark.parametrize(
    "text",
    [
        "In one instance, in E. Bach's sonatas, the 1st Coll. of 1742 has them detached.",
        "aged 27 yrs. 4 mos. and 12 ds. Indigenous.",
        "WHITE, adj. and n. Black.",
        "the wittie French-man in his Apol. for Ra-Se-bond says so",
    ],
)
def test_an_abbreviation_that_is_no_english_word_ends_no_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "the agency moved to the USA. information was then sent on",
        "the use of new technologies. information and computing",
        "a new libray. information about it",
    ],
)
def test_a_sentence_cut_after_an_acronym_or_a_word_is_still_found(text: str) -> None:
    assert [f.code for f in lowercase_sentence.detect(text)] == ["damage.lowercase_sentence"]


def test_a_command_the_text_writes_as_code_may_start_a_sentence() -> None:
    text = "Run ``pip install x`` first.\n\nto help the installation process. pip, for example, parses it"
    assert lowercase_sentence.detect(text) == []


def test_a_function_word_written_as_code_still_starts_no_sentence() -> None:
    text = "Write ``if x:`` first.\n\nour de facto standard. if there are differences, commit them."
    assert [dict(f.evidence)["word"] for f in lowercase_sentence.detect(text)] == ["if"]


@pytest.mark.parametrize(
    "text",
    [
        "# A binary tree class. class Tree:",
        "# Exercise the non-recursive generator. for x in t: print x,",
        "# No changes needed - get out. if not need_preamble: return func",
    ],
)
def test_code_after_its_comment_starts_no_sentence(text: str) -> None:
    assert lowercase_sentence.detect(text) == []


def test_a_sentence_cut_after_a_hash_sign_in_prose_is_still_found() -> None:
    text = "type the # sign. information about it follows"
    assert [dict(f.evidence)["word"] for f in lowercase_sentence.detect(text)] == ["information"]
