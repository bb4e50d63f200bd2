"""One-letter substitutions that end a form's run of uses (lintsub round),
read from real text with the garble put where ``bench/lint_garbles.py``
puts it (the form's last use, its last two when it is written five times or
more), each paired with a real pair of names that must stay quiet.

The real texts are in ``tests/data/detect/lintsub/cases.json`` (see the
README of ``tests/data/detect`` for their sources and licences).
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import DATA

from verify.detect import acronym_variant
from verify.detect.acronym_variant import Suspect
from verify.detect.acronyms import AcronymStats

CASES: dict[str, dict[str, str]] = json.loads(
    (DATA / "detect" / "lintsub" / "cases.json").read_text(encoding="utf-8")
)


def _text(name: str) -> str:
    return CASES[name]["text"]


def _garbled(name: str, form: str, garble: str) -> str:
    """The case's text with the form's last use (its last two, if it is
    written five times or more) written ``garble``, as the bench does."""
    text = _text(name)
    uses = list(re.finditer(rf"(?<![\w-]){form}(?![\w])", text))
    for use in reversed(uses[-2:] if len(uses) >= 5 else uses[-1:]):
        text = text[: use.start()] + garble + text[use.end() :]
    return text


def _variants(text: str) -> dict[str, str]:
    found = acronym_variant.detect(text)
    return {str(dict(f.evidence)["variant"]): str(dict(f.evidence)["stands_for"]) for f in found}


def test_the_last_two_uses_written_as_one_misspelling_are_found() -> None:
    """UNC-84 is written five times; its last two become GNC-84: three uses
    against two, no neighbouring word shared, nothing defined. GNC follows
    the last UNC within the run of its uses, and UNC is not written after."""
    assert _variants(_garbled("unc84_nuclear_envelope", "UNC", "GNC")) == {"GNC": "UNC"}
    assert _variants(_text("unc84_nuclear_envelope")) == {}


def test_a_one_off_read_against_its_nearest_form_is_found() -> None:
    """DEA for the last DNA: the group's centre is another form (DNA, RNA,
    NER...), and DEA is one letter from DNA alone; it ends DNA's run."""
    assert _variants(_garbled("rad26_transcription_repair", "DNA", "DEA")) == {"DEA": "DNA"}
    assert _variants(_text("rad26_transcription_repair")) == {}


def test_a_well_known_acronym_after_the_form_stays_quiet() -> None:
    """CMake's manual writes RTF three times, then ``UTF-8``: UTF ends RTF's
    run, one letter from it, but it is a name of its own. In the whole
    manual RTF is UTF's nearest form, not its group's centre (as the suspect
    below says); in this excerpt RTF is the centre, and the older rule for a
    one-off beside a form used twice or more reports it."""
    text = _text("cpack_rtf_utf")
    pool = AcronymStats.of(text)
    utf = Suspect("UTF", "RTF", "substitution", (), via_centre=False)
    assert not acronym_variant._lone_garble(utf, pool, later=True, ends_run=True)
    garble = Suspect("UTP", "RTF", "substitution", (), via_centre=False)  # no acronym of its own
    pool.counts["UTP"] = 1
    assert acronym_variant._lone_garble(garble, pool, later=True, ends_run=True)


def test_a_name_written_far_past_the_form_stays_quiet() -> None:
    """Expat's reference writes CDATA three times within 515 characters,
    then NDATA twice 16,000 characters on, in another passage."""
    assert _variants(_text("expat_cdata_ndata")) == {}


@pytest.mark.xfail(strict=True, reason="ADP written twice just after the last of three ATP is "
                   "read as its garble: two real names, nothing in the abstract tells them apart")
def test_two_nucleotides_one_after_the_other_stay_quiet() -> None:
    assert _variants(_text("kinesin_atp_adp")) == {}
