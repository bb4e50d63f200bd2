"""damage.glued_token."""

from __future__ import annotations

import pytest

from verify.detect import glued_token


def test_66thsession_in_004(seeds: dict[str, str]) -> None:
    text = seeds["004"]
    (finding,) = glued_token.detect(text)
    assert finding.code == "damage.glued_token"
    assert finding.span.slice(text) == "66thsession"
    assert dict(finding.evidence) == {
        "kind": "ordinal",
        "split": "66th session",
        "token": "66thsession",
    }


def test_lost_space_after_full_stop() -> None:
    text = "a range of models over its lifetime.The System/370 was"
    (finding,) = glued_token.detect(text)
    assert dict(finding.evidence)["split"] == "lifetime. The"


def test_quiet_on_names_numbers_and_domains() -> None:
    assert glued_token.detect("the 66th session, see example.com and Node.js; 4th July") == []


def test_a_type_in_angle_brackets_is_a_name() -> None:
    assert glued_token.detect("input <stream.Readable> The stream to read from.") == []
    found = glued_token.detect("the input stream.Readable streams are read.")
    assert [dict(f.evidence)["token"] for f in found] == ["stream.Readable"]


@pytest.mark.parametrize(
    "text",
    [
        "It only implements the ``abc.Mapping`` protocol.",
        "* {null|stream.Writable}",
        "now_performs(artful_dodger, [role.Thief, role.Scoundrel])",
        "dict_keys([<class 'NoneType'>, <class 'decimal.Decimal'>])",
        "The managers:\n\n- threading.Lock\n\n- threading.Condition",
    ],
)
def test_a_name_that_markup_sets_apart_as_code_is_not_glued(text: str) -> None:
    assert glued_token.detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Stop collecting GC data and return an object.The content of object is as follows.",
        "- the members agreed.The list was long",
        "It only implements the mapping.The protocol is ``abc``.",
    ],
)
def test_a_sentence_glued_in_prose_beside_markup_is_still_found(text: str) -> None:
    assert [f.code for f in glued_token.detect(text)] == ["damage.glued_token"]
