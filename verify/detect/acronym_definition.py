"""``acronym.undefined`` and ``acronym.redefined``: an acronym used but never
expanded in a text, or expanded two different ways in it.

A text may lean on acronyms its readers know (configure them as
``known-acronyms``); the rest should be expanded once. Expansions that differ
only in case, hyphens, spacing or ``-ise``/``-ize``, or where one is the
other with words added at the end, are one expansion.

>>> [dict(f.evidence)["acronym"] for f in detect("The UN met. The SCO met.")]
['UN', 'SCO']
"""

from __future__ import annotations

from difflib import SequenceMatcher

from verify.detect._text import finding, locate
from verify.detect.acronyms import fold_plural, normalise_long_form, occurrences
from verify.detect.config import Corpus, LintConfig
from verify.detect.definitions import Definition, find_definitions, initials_long_form
from verify.model import Finding

CODES = ("acronym.undefined", "acronym.redefined")

SAME_EXPANSION = 0.9
"""Similarity above which two expansions are one spelt two ways."""


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    config = config or LintConfig()
    definitions = find_definitions(text)
    return _undefined(text, definitions, config, corpus) + _redefined(text, definitions)


def _undefined(
    text: str, definitions: list[Definition], config: LintConfig, corpus: Corpus | None
) -> list[Finding]:
    defined = {fold_plural(d.short) for d in definitions}
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for use in occurrences(text):
        counts[use.form] = counts.get(use.form, 0) + 1
        if use.form not in first:
            first[use.form], ends[use.form] = use.start, use.end
    findings = []
    for form, start in first.items():
        if form in defined or form in config.known_acronyms:
            continue
        elsewhere = sorted(corpus.acronyms.definitions.get(form, ())) if corpus else []
        findings.append(
            finding(
                text,
                "acronym.undefined",
                "note",
                f"{form} is used {counts[form]} time(s) but never expanded",
                start,
                ends[form],
                {"acronym": form, "count": counts[form], "defined_elsewhere_as": elsewhere},
            )
        )
    return findings


def _redefined(text: str, definitions: list[Definition]) -> list[Finding]:
    seen: dict[str, Definition] = {}
    findings = []
    for definition in definitions:
        key = fold_plural(definition.short)
        earlier = seen.setdefault(key, definition)
        if earlier is definition or _same(earlier.long, definition.long):
            continue
        if not (_spelt_by_initials(earlier) and _spelt_by_initials(definition)):
            continue  # a loose match: "wait for 100 (Continue)", "[Miri]: https://..."
        earlier_line = locate(text, earlier.long_span.start)[0]
        findings.append(
            finding(
                text,
                "acronym.redefined",
                "warning",
                f"{definition.short} is expanded as {definition.long!r} here "
                f"but as {earlier.long!r} on line {earlier_line}",
                definition.long_span.start,
                definition.long_span.end,
                {"acronym": key, "expansion": definition.long, "earlier_expansion": earlier.long},
            )
        )
    return findings


def _spelt_by_initials(definition: Definition) -> bool:
    """The long form is the words the short form's letters stand for (minor
    words aside). Only two such expansions make a redefinition worth a
    warning: the character match also pairs a status code's name with the
    words before it (``an undeclared wait for 100 (Continue)``), a link's
    label with its address, a parameter with its type (``(n: i32)``).

    >>> [_spelt_by_initials(d) for d in find_definitions(
    ...     "The Universal Product Code (UPC). Converted requirements for clients to ignore "
    ...     "unexpected 100 (Continue) responses.")]
    [True, False]
    """
    return initials_long_form(definition.short, definition.long) == 0


def _same(one: str, other: str) -> bool:
    a, b = normalise_long_form(one), normalise_long_form(other)
    if a == b or (a + " ").startswith(b + " ") or (b + " ").startswith(a + " "):
        return True  # "General Aniline & Film" and "... Film Corporation"
    return SequenceMatcher(None, a, b).ratio() >= SAME_EXPANSION
