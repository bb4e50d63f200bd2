"""The records that flow through the pipeline, one frozen type per stage.

Every record is plain data: it pickles (so a process pool or a Dask worker
can carry it) and it turns into JSON through :func:`to_json` (so a manifest
can store it). Nothing here does I/O.

    bytes --ingest--> Extracted --normalize--> Canonical --fingerprint--> Record (digests)
                                                    |
                                                    +--detect--> Finding
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Format = Literal["pdf", "html", "text", "unknown"]
Severity = Literal["error", "warning", "note"]

SEVERITIES: tuple[Severity, ...] = ("note", "warning", "error")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into a canonical text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Block:
    """One piece of extracted text with where it came from.

    ``page`` is 1-based for paged formats and 0 for formats without pages.
    ``bbox`` is ``(x0, y0, x1, y1)`` in PDF points when the backend gives it.
    """

    text: str
    page: int = 0
    bbox: tuple[int, int, int, int] | None = None


#: Marks a line of a code block (HTML ``pre``) in ``Extracted.pages``: the
#: first character of each of its lines. A Unicode noncharacter (U+FDD0,
#: for a process's internal use, never text), so no document spells it; the
#: layout steps leave marked lines alone (their line structure is content)
#: and the profile takes the mark out of the canonical text.
#: The ``metadata`` key that counts the last pieces of ``Extracted.removed``
#: which are on record but in no page (an HTML page's alt texts and ``<meta>``
#: author; a PDF's title, annotations and form fields): not words the text lost.
UNSEEN_PIECES = "unseen-pieces"
CODE_LINE = "\ufdd0"
#: The warning of an extraction whose own text held :data:`CODE_LINE`.
MARK_IN_TEXT = ("the text holds U+FDD0, a Unicode noncharacter that verify uses as a mark; "
                "it is read as U+FFFD")


def without_marks(text: str) -> str:
    """``text`` with any :data:`CODE_LINE` of the document's own read as U+FFFD,
    so that nothing a file says passes for a mark (and is then taken out of the
    canonical text unseen)."""
    return text.replace(CODE_LINE, "\ufffd")


@dataclass(frozen=True)
class Extracted:
    """What an ingester read out of one file, before any normalisation.

    ``pages`` holds the text of each page for paged formats (PDF) and exactly
    one element for the others. ``removed`` lists what the ingester dropped as
    not being the document (site navigation, cookie banners, ...), so that an
    auditor can see it. Lines of code blocks start with :data:`CODE_LINE`.
    """

    format: Format
    extractor: str
    pages: tuple[str, ...]
    encoding: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: One block per text line with its position, where the backend gives it.
    lines: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Change:
    """What one normalisation step did to a text.

    ``params`` holds the decisions a step took from the whole document (the
    running-header lines it removed, the hyphenated words it joined), so that
    :func:`verify.normalize.replay` can apply the same edit without deciding
    again. ``examples`` is a short human-readable sample.
    """

    step: str
    count: int
    examples: tuple[str, ...] = ()
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class Canonical:
    """The canonical text of one document under one profile.

    ``text`` is paragraphs separated by one blank line; each paragraph is one
    line with single spaces, except a code block (HTML ``pre``), whose lines
    stay lines. Footnotes separated from the body are the last
    paragraphs, each starting with ``[^N]``.
    """

    text: str
    profile: str
    changes: tuple[Change, ...] = ()
    #: Every piece of text the profile removed (furniture lines), in order.
    removed: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for p in self.text.split("\n\n") if p)


@dataclass(frozen=True)
class Finding:
    """Something wrong found in a canonical text (a result, not an error)."""

    code: str
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    snippet: str
    evidence: tuple[tuple[str, Any], ...] = ()
    path: str | None = None


@dataclass(frozen=True)
class Record:
    """Everything the pipeline learnt about one file.

    A file that could not be read is still a record: ``error`` says why, and
    the fields that could not be filled are ``None``.
    """

    path: str
    format: Format
    size: int
    raw_sha256: str | None
    text_sha256: str | None = None
    #: Digest of everything removed before hashing (site chrome, page
    #: furniture), so that a change there is visible; None when nothing was.
    removed_sha256: str | None = None
    profile: str | None = None
    extractor: str | None = None
    encoding: str | None = None
    text: str | None = None
    paragraphs: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    removed: tuple[str, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    error_code: str | None = None
    findings: tuple[Finding, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error is None


def to_json(obj: Any) -> Any:
    """Turn a record (or a tree of them) into JSON-ready builtins."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_json(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj
