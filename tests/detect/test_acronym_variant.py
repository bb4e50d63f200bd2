"""acronym.variant: garbles of an acronym, and the look-alikes left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.detect import LintConfig, acronym_variant, lint_corpus, lint_text
from verify.detect.edits import edit_kind
from verify.model import Finding


def variants(findings: list[Finding]) -> dict[str, dict[str, object]]:
    return {
        str(dict(f.evidence)["variant"]): dict(f.evidence) for f in findings if f.code == "acronym.variant"
    }


def test_each_garble_in_003_stands_for_sco(seeds: dict[str, str]) -> None:
    text = seeds["003"]
    found = [f for f in acronym_variant.detect(text) if f.code == "acronym.variant"]
    assert sorted({f.span.slice(text) for f in found}) == ["CSM", "CSO", "CSR", "CSU"]
    assert {dict(f.evidence)["stands_for"] for f in found} == {"SCO"}
    assert len(found) == 6  # CSM is written three times
    first = found[0]
    start = text.index("CSR Member States")
    assert first.span.start == start and first.severity == "warning"
    assert (first.line, first.column) == (text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))
    assert first.snippet.startswith("The organization pays particular attention")
    assert first.snippet[first.column - 1 : first.column + 2] == "CSR"


def test_evidence_names_edit_counts_and_shared_context(seeds: dict[str, str]) -> None:
    evidence = variants(acronym_variant.detect(seeds["003"]))
    assert evidence["CSO"]["edit"] == "transposition"
    assert evidence["CSR"]["edit"] == "permutation+substitution"
    assert evidence["CSO"]["shared_context"] == ["member"]  # "CSO member states", "SCO members"
    assert evidence["CSO"]["other_variants"] == ["CSM", "CSR", "CSU"]
    assert (evidence["CSM"]["variant_count"], evidence["CSM"]["form_count"]) == (3, 3)


def test_folder_lint_uses_the_definitions_of_other_files(
    seeds_folder: dict[str, list[Finding]],
) -> None:
    evidence = variants(seeds_folder["003"])
    assert sorted(evidence) == ["CSM", "CSO", "CSR", "CSU"]
    assert evidence["CSO"]["form_defined_as"] == ["shanghai cooperation organization"]


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_other_seeds_have_no_variant(
    seed: str, seeds: dict[str, str], seeds_folder: dict[str, list[Finding]]
) -> None:
    assert not variants(lint_text(seeds[seed]))
    assert not variants(seeds_folder[seed])


def test_a_text_that_only_writes_the_garble_is_caught_across_files() -> None:
    texts = {
        "a.txt": "The Shanghai Cooperation Organisation (SCO) met. SCO member states agreed.",
        "b.txt": "The SCO summit was held in Ufa. The SCO member states signed.",
        "c.txt": "Four of the CSO member states presented a code. The CSO summit ended.",
    }
    found = variants(lint_corpus(texts)["c.txt"])
    assert found["CSO"]["stands_for"] == "SCO"


QUIET = {
    "UN and UNGA": (
        "The United Nations (UN) met. The UN General Assembly, or UNGA, voted. "
        "The UN welcomed it. The UN and the UNGA agreed."
    ),
    "ICT and ITU": (
        "ICT is changing farming. ICT tools help farmers. Mobile ICT services grow. "
        "The ITU published a report on ICT use."
    ),
    "TCP and UDP": (
        "The client speaks TCP. TCP connections are slow. TCP ports are open. It also supports UDP."
    ),
    "shouted legal text": (
        'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND. THE SOFTWARE '
        "IS PROVIDED AS IS. IN NO EVENT SHALL THE AUTHORS BE LIABLE. THE AUTHORS SHALL NOT."
    ),
    "roman numerals": "Chapter XIV follows chapter XIII. Chapter XIV ends, and XIV again. XVI.",
    "units": "It stores 4 GB. A 2 GB card, an 8 GB card and a 1 TB disk. The MB count.",
}


@pytest.mark.parametrize("case", sorted(QUIET))
def test_look_alikes_stay_quiet(case: str) -> None:
    assert variants(acronym_variant.detect(QUIET[case])) == {}


@pytest.mark.parametrize(
    "name",
    [
        "wikipedia_Transceiver.txt",
        "wikipedia_Web_hosting_service.txt",
        "wikipedia_Information_and_communications_technology_in_agriculture.txt",
        "wikipedia_Private_Internet_Access.txt",
        "wikipedia_Radeon_X1000_series.txt",
    ],
)
def test_clean_wikipedia_articles_stay_quiet(name: str, data: Path) -> None:
    text = (data / "detect" / name).read_text(encoding="utf-8-sig")
    assert variants(acronym_variant.detect(text)) == {}


def test_known_acronyms_are_never_variants(seeds: dict[str, str]) -> None:
    config = LintConfig(known_acronyms=frozenset({"CSO"}))
    assert "CSO" not in variants(acronym_variant.detect(seeds["003"], config))


@pytest.mark.parametrize(
    ("variant", "form", "kind"),
    [
        ("CSO", "SCO", "transposition"),
        ("OCS", "SCO", "permutation"),
        ("SCU", "SCO", "substitution"),
        ("SCOO", "SCO", "insertion"),
        ("SC", "SCO", "deletion"),
        ("CSM", "SCO", "permutation+substitution"),
        ("UNGA", "UN", None),
        ("TCP", "UDP", None),
    ],
)
def test_edit_kinds(variant: str, form: str, kind: str | None) -> None:
    assert edit_kind(variant, form) == kind


# Garbles of a form that writes a letter twice, or that has a compound beside
# it: the centre of their group used to be the garble itself (GKC agreed
# with the letters C, G, K of a group GCC, GKC), or the compound (GPL beside
# LGPL). Each is paired with the look-alike that must stay quiet.
GARBLED = {
    "a doubled letter": (
        "Built with GCC 12. The GCC team. GCC is free software. Later GCC releases. "
        "Report bugs to the GKC maintainers.",
        "GKC",
        "GCC",
    ),
    "beside a compound": (
        "Licensed under the LGPL. The LGPL applies. See the LGPL. The GPL too. The GPL "
        "and the GPL, the GPL, the GPL. This part is under the LOPL version 2.1.",
        "LOPL",
        "LGPL",
    ),
    "a word in capitals": (
        "NAME\n\ngcloud compute\n\nSYNOPSIS\n\ngcloud compute\n\nNAMO\n\nNAME\n\nthe end",
        "NAMO",
        "NAME",
    ),
}


@pytest.mark.parametrize("case", sorted(GARBLED))
def test_garbles_of_doubled_letters_compounds_and_words_are_found(case: str) -> None:
    text, variant, form = GARBLED[case]
    assert variants(acronym_variant.detect(text))[variant]["stands_for"] == form


@pytest.mark.parametrize(
    "text",
    [
        # a word in capitals beside another word one letter off: two headings
        "NOTE\n\nsome text\n\nNOTE\n\nmore\n\nNODE",
        # a compound beside its form: another name
        "Under the GPL. The GPL. The GPL again. Or the LGPL.",
        # a word in capitals beside another word one letter off
        "CODE\n\nsome text\n\nCODE\n\nmore\n\nCODA",
    ],
)
def test_look_alikes_of_words_and_compounds_stay_quiet(text: str) -> None:
    assert variants(acronym_variant.detect(text)) == {}


@pytest.mark.parametrize(
    "text",
    [
        # two well-known acronyms one reordering apart
        "It runs on x86, ARM and PowerPC. The RAM is small. RAM prices. More RAM.",
        "Node.js LTS releases. An LTS line. The LTS schedule. TLS 1.3 is used.",
        # two English words in capitals: a dictionary's headwords
        "HOUSE, n. A dwelling. HOUSE, v. To shelter. HOUSE-DOG. MOUSE, n. An animal.",
        # hexadecimal numbers
        "U+FFFD is written FFFD. The byte FFFD. FFFD again. And FFFF ends it.",
    ],
)
def test_known_acronyms_words_and_hex_numbers_one_edit_apart_stay_quiet(text: str) -> None:
    assert variants(acronym_variant.detect(text)) == {}


def test_a_reordered_acronym_beside_a_known_one_is_still_found() -> None:
    text = "The RAM is small. RAM prices rise. More RAM helps. The RMA is full."
    assert variants(acronym_variant.detect(text))["RMA"]["stands_for"] == "RAM"
