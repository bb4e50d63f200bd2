"""damage.glued_token."""

from __future__ import annotations

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
