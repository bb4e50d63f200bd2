"""Every finding code the detectors report, with its default severity and a
one-line description (what ``--help``, the SARIF rules and ``docs/lint.md``
say about it). Codes are stable: a renamed code is a new code."""

from __future__ import annotations

from dataclasses import dataclass

from verify.model import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "acronym.variant",
            "warning",
            "An acronym that is most likely a garble of another (CSO for SCO).",
        ),
        Rule("acronym.undefined", "note", "An acronym used but never expanded in the text."),
        Rule("acronym.redefined", "warning", "An acronym expanded two different ways in one text."),
        Rule("name.variant", "warning", "A proper name spelt two ways (Shangai beside Shanghai)."),
        Rule(
            "damage.doubled_word",
            "warning",
            "A word written twice (in in), or coordinated with itself (concepts and concepts).",
        ),
        Rule(
            "damage.glued_token",
            "warning",
            "Two tokens run together by a lost space (66thsession).",
        ),
        Rule(
            "damage.ocr_confusion",
            "warning",
            "A word misread by OCR: a digit for a letter (pub1ic) or m for rn (govemment).",
        ),
        Rule(
            "damage.footnote_marker",
            "warning",
            "A footnote number glued to a word (members.7, CHINA1).",
        ),
        Rule("damage.footnote_text", "note", "A footnote's text left in the running text."),
        Rule(
            "damage.stray_number",
            "warning",
            "A list or page number left alone in the text (5. between sentences).",
        ),
        Rule(
            "damage.lowercase_sentence",
            "warning",
            "A sentence starting in lower case after a full stop (technologies. information).",
        ),
        Rule(
            "damage.orphan_punctuation",
            "warning",
            "A comma or semicolon with nothing before it (summit., scheduled).",
        ),
        Rule(
            "damage.odd_apostrophe",
            "warning",
            "A backtick or accent used as an apostrophe (state`s).",
        ),
        Rule(
            "damage.boilerplate",
            "warning",
            "Site or page furniture left in the text (Skip to content, Published on, "
            "a site name glued to the title).",
        ),
        Rule(
            "damage.repeated_word",
            "note",
            "A word written twice where the text's form says it may be meant: a line of verse "
            "(the tolling tolling bells), a table's cells run together (on on).",
        ),
        Rule(
            "damage.running_header",
            "warning",
            "A page header or footer that survived inside the text.",
        ),
        Rule(
            "damage.repeated_line",
            "note",
            "A short line written only twice in a paged text, apart from the text both times "
            "and cutting no sentence: maybe a running header, maybe a line written twice.",
        ),
        Rule(
            "damage.mojibake",
            "error",
            "Text decoded with the wrong character set (ftfy's detector).",
        ),
        Rule("damage.page_separator", "note", "A rule line between pages left as text (-----)."),
        Rule(
            "damage.signature_block",
            "note",
            "A signature block whose name and titles run together.",
        ),
        Rule(
            "damage.shouted_word",
            "note",
            "An ordinary word in capitals mid-sentence, where a value was lost (the SESSION of).",
        ),
    )
}
