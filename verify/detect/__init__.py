"""Detectors: canonical text in, findings out.

Each detector is a module with a pure function ``detect(text, config,
corpus) -> list[Finding]`` and the stable dotted codes it reports
(``CODES``). :data:`DETECTORS` names them all; :func:`lint_text` runs them on
one text and :func:`lint_corpus` on many, comparing acronyms and names across
the texts. Nothing here reads files or prints.

>>> [f.code for f in lint_text("cooperation in in this field")]
['damage.doubled_word']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from verify.detect import (
    acronym_definition,
    acronym_variant,
    boilerplate,
    doubled_word,
    footnote,
    glued_token,
    layout,
    lowercase_sentence,
    mojibake,
    name_variant,
    ocr_confusion,
    odd_apostrophe,
    orphan_punctuation,
    running_header,
    shouted_word,
    stray_number,
)
from verify.detect.acronyms import occurrences
from verify.detect.config import Corpus, LintConfig, config_from_table, find_pyproject, load_config
from verify.detect.definitions import find_definitions
from verify.model import Finding, Record

__all__ = [
    "CODES",
    "DETECTORS",
    "Corpus",
    "Detector",
    "Layout",
    "LintConfig",
    "build_corpus",
    "config_from_table",
    "find_pyproject",
    "layout_of",
    "lint_corpus",
    "lint_record",
    "lint_text",
    "load_config",
    "sort_findings",
]

DetectFunction = Callable[[str, LintConfig | None, Corpus | None], list[Finding]]


@dataclass(frozen=True)
class Detector:
    """One detector: a name, the codes it may report, and its function."""

    name: str
    codes: tuple[str, ...]
    detect: DetectFunction


def _registry() -> dict[str, Detector]:
    modules = (
        acronym_variant,
        acronym_definition,
        name_variant,
        doubled_word,
        glued_token,
        ocr_confusion,
        footnote,
        stray_number,
        lowercase_sentence,
        orphan_punctuation,
        odd_apostrophe,
        boilerplate,
        running_header,
        mojibake,
        layout,
        shouted_word,
    )
    return {
        m.__name__.rsplit(".", 1)[-1]: Detector(m.__name__.rsplit(".", 1)[-1], m.CODES, m.detect)
        for m in modules
    }


DETECTORS: Mapping[str, Detector] = _registry()

#: Detectors that need page evidence: a line repeated in a text without pages
#: is the text's own (a copyright line, a chorus), not page furniture.
_PAGED_ONLY = frozenset({"running_header"})


def _page_number(finding: Finding) -> bool:
    """A number alone in its paragraph: a page number, if the text had pages
    (in a web page or a plain text it is a table cell or a list's number)."""
    return finding.code == "damage.stray_number" and dict(finding.evidence).get("where") == "alone"


def _rare_on_pages(finding: Finding, pages: int) -> bool:
    """A running header stands on most pages (every other page, when a book
    heads its left and right pages apart). A line a paged text writes on
    fewer than a quarter of its pages is the text's own: a grammar rule
    collected again in an appendix, a table's heading, a phrase that
    recurs (an RFC of 100 pages writes ``| Header Field Name | Defined
    in... |`` ten times)."""
    if finding.code != "damage.running_header":
        return False
    count = dict(finding.evidence).get("count")
    return isinstance(count, int) and 4 * count < pages


@dataclass(frozen=True)
class Layout:
    """What the record of a text says about its layout, which a detector
    cannot see in the canonical text: its format, and whether it had pages.

    ``paged`` is ``None`` when nobody said (a bare string linted on its own):
    then every detector runs, as before.
    """

    format: str = "unknown"
    paged: bool | None = None
    #: How many pages the text had, when the record says (the pages its
    #: profile joined); ``None`` when unknown.
    pages: int | None = None


def layout_of(record: Record) -> Layout:
    """The layout of a record's text: a PDF has pages, and so has a plain
    text whose pages the profile joined (form feeds); HTML and plain text
    without form feeds have none.

    >>> layout_of(Record(path="a.txt", format="text", size=1, raw_sha256=None))
    Layout(format='text', paged=False, pages=None)
    """
    joins = [c.count for c in record.changes if c.step == "join_pages"]
    paged = record.format == "pdf" or bool(joins)
    return Layout(format=record.format, paged=paged, pages=joins[0] + 1 if joins else None)
CODES: tuple[str, ...] = tuple(sorted(c for d in DETECTORS.values() for c in d.codes))


def build_corpus(texts: Iterable[str]) -> Corpus:
    """Gather what the variant detectors compare across texts."""
    corpus = Corpus()
    for text in texts:
        corpus.acronyms.add(occurrences(text), find_definitions(text))
        name_variant.add_to_corpus(corpus, text)
    return corpus


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in a stable order: path, position, code, message."""
    return sorted(findings, key=lambda f: (f.path or "", f.span.start, f.span.end, f.code, f.message))


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: LintConfig | None = None,
    corpus: Corpus | None = None,
    layout: Layout | None = None,
) -> list[Finding]:
    """Run every selected detector on one canonical text.

    ``corpus`` is what the other texts of a folder say (see
    :func:`build_corpus`); without it the text is compared with itself only.
    ``layout`` is what the text's record says (see :func:`layout_of`): a
    text known to have no pages gets no page-furniture findings.
    """
    config = config or LintConfig()
    text = _one_object(text)
    corpus = corpus if corpus is not None else build_corpus([text])
    found: list[Finding] = []
    unpaged = layout is not None and layout.paged is False
    for name, detector in DETECTORS.items():
        if unpaged and name in _PAGED_ONLY:
            continue
        if any(config.wants(code) for code in detector.codes):
            found += detector.detect(text, config, corpus)
    if unpaged:
        found = [f for f in found if not _page_number(f)]
    if layout is not None and layout.pages:
        found = [f for f in found if not _rare_on_pages(f, layout.pages)]
    return sort_findings(replace(f, path=path) for f in found if config.wants(f.code))


@functools.lru_cache(maxsize=4)
def _one_object(text: str) -> str:
    """The first of the equal texts linted lately: the detectors keep what
    they read from a text in caches keyed by the text, and a cache compares
    a key with an equal text of another object character by character at
    every call (a helper called once per name then costs a whole-text
    comparison per name). Linting one content twice (a benchmark's repeat,
    two copies of a file) now compares it once."""
    return text


def lint_corpus(
    texts: Mapping[str, str],
    config: LintConfig | None = None,
    layouts: Mapping[str, Layout] | None = None,
) -> dict[str, list[Finding]]:
    """Lint many texts (path -> canonical text), comparing acronyms and names
    across all of them: a form defined in one text is not a garble in
    another, and a form used often anywhere is the one garbles stand for.
    ``layouts`` gives each path's :class:`Layout` where it is known."""
    corpus = build_corpus(texts[p] for p in sorted(texts))
    layouts = layouts or {}
    return {
        p: lint_text(texts[p], path=p, config=config, corpus=corpus, layout=layouts.get(p))
        for p in sorted(texts)
    }


def lint_record(record: Record, config: LintConfig | None = None, corpus: Corpus | None = None) -> Record:
    """``record`` with its ``findings`` filled in from its canonical text
    (unchanged when the record has no text, as a failed file has none)."""
    if record.text is None:
        return record
    findings = lint_text(
        record.text, path=record.path, config=config, corpus=corpus, layout=layout_of(record)
    )
    return replace(record, findings=tuple(findings))
