"""What a manual, an API reference or a licence file writes on purpose, and
the slips beside it that are still found (issue 11, precision)."""

from __future__ import annotations

import pytest

from verify.detect import acronym_variant, doubled_word, lowercase_sentence, stray_number
from verify.detect.acronym_variant import _centre
from verify.detect.acronyms import AcronymStats


@pytest.mark.parametrize(
    "text",
    [
        "alias Alias names. May also be specified as -a.",  # an option list run together
        "-C command\n\nThe -C command command is executed in a subshell.",  # a metavariable
        "Within [.symbol.] the collating symbol symbol matches.",
        "the status of the Distributed Cloud Edge Network network.",  # a name, then a word
        "Copyright Matthias Jahn jahn dôt matthias ât freenet dôt de",
        "XML_Bool f(unsigned long long bytes);",
    ],
)
def test_manual_syntax_is_no_doubled_word(text: str) -> None:
    assert doubled_word.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The tool has been been taken from the original source.",
        "Done. In in the morning.",
        "not be used in in advertising",
        "-C command\n\nthe the command runs",
    ],
)
def test_slips_beside_them_are_still_found(text: str) -> None:
    assert len(doubled_word.detect(text)) == 1


def test_a_parameter_starting_a_sentence_is_a_name() -> None:
    text = "buf.writeInt8(value, offset) Writes value to buf at the offset. value must be valid."
    assert list(lowercase_sentence._breaks(text)) == []
    slip = "Writes value to buf at the offset. something must be valid."
    assert len(list(lowercase_sentence._breaks(slip))) == 1


def test_a_day_after_an_abbreviated_month_is_no_stray_number() -> None:
    assert stray_number.detect("He spoke on Nov. 8. They left on Oct. 31.") == []
    assert len(stray_number.detect("He spoke at length. 8. They left.")) == 1


def garbles(text: str) -> set[str]:
    return {str(dict(f.evidence)["variant"]) for f in acronym_variant.detect(text)}


def test_licence_identifiers_and_series_used_twice_are_names() -> None:
    bsd = "License: BSD-3. The BSD licence. BSD again, BSD terms. "
    assert garbles(bsd + "License: BSL\n\nFiles: x License: BSL-1.0") == set()
    assert garbles("BGP routes. BGP speakers. BGP paths. See BCP 14 and BCP 78.") == set()


def test_a_licence_identifier_garbled_once_is_found() -> None:
    text = "License: GPL-2. The GPL terms. GPL text. See /usr/share/common-licenses/GIL-2."
    assert garbles(text) == {"GIL"}


def test_a_substitution_beside_a_form_used_twice_is_a_garble_when_written_once() -> None:
    shared = "The SCO summit met. Later the SCO summit ended. Then the SCA summit closed."
    assert garbles(shared) == {"SCA"}
    # Written once, one letter from a form used twice, even without a shared
    # neighbour: lint7 measured this as most often a garble (docs/lint.md).
    apart = "The SCO summit met.\n\nLater the SCO summit ended.\n\nAn old SCA valve closed quickly."
    assert garbles(apart) == {"SCA"}
    # Written twice as often as the form, without a shared neighbour: another acronym.
    twice = "The SCO summit met.\n\nLater the SCO summit ended.\n\nAn SCA valve. An old SCA valve closed."
    assert garbles(twice) == set()


def test_a_name_garbled_twice_with_the_same_number_is_found() -> None:
    text = "HIV-1 infects. HIV-1 spreads. HIV-1 binds. Later VIH-1 rose and VIH-1 fell."
    assert garbles(text) == {"VIH"}


@pytest.mark.parametrize(
    ("once", "expected"),
    [
        ("ABI", set()),  # two real acronyms one letter apart (libxslt's manual)
        ("AXI", {"AXI"}),  # a garble of API into a form no one uses
    ],
)
def test_two_well_known_acronyms_one_letter_apart_are_no_garble(once: str, expected: set[str]) -> None:
    text = "The API is stable. The API changed twice. The API grew. Later the " + once + " is stable too."
    assert garbles(text) == expected


def test_a_paragraph_in_another_language_has_no_lowercase_sentence() -> None:
    italian = (
        "Creative Commons non è parte della presente Licenza e non dà alcuna garanzia connessa "
        "all'Opera, danno generale. al fine di evitare dubbi il Licenziante rinuncia al diritto."
    )
    german = (
        "Die Lizenz gilt weltweit und ohne zeitliche Begrenzung für alle Nutzungsarten. "
        "der Lizenzgeber verzichtet auf sein Recht, Vergütungen einzuziehen."
    )
    assert lowercase_sentence.detect(italian) == []
    assert lowercase_sentence.detect(german) == []


def test_a_lowercase_start_in_english_beside_them_is_still_found() -> None:
    english = (
        "Creative Commons is not a party to this License and makes no warranty in connection "
        "with the Work. this is a sentence cut in the wrong place by the extraction."
    )
    assert len(lowercase_sentence.detect(english)) == 1


def test_a_group_s_centre_has_the_length_most_of_its_uses_have() -> None:
    # ABC and ABD, twice each, outnumber ABCE, three times: the consensus is
    # three letters long (the length count once kept one form per length).
    pool = AcronymStats.of("ABC ABC ABD ABD ABCE ABCE ABCE")
    assert _centre({"ABC", "ABD", "ABCE"}, pool) == "ABC"
