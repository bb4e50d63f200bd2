"""Tab-separated data keeps its fields (canon/7).

The profile folds every run of white space to one space, tabs too: in prose
a tab is alignment, and a tab-aligned text must hash as its HTML or PDF
rendering does. In tab-separated data a tab is the field separator, and
folding it made a value moved to another column the same text (``Bob\\t\\tParis``
and ``Bob\\tParis\\t``; an extra tab in ``/usr/share/zoneinfo/zone.tab``).

A plain text is read as tab-separated data on the evidence a reader has:

- its name says so (``.tsv``, ``.tab``) and it holds a tab; or
- its lines say so: at least :data:`MIN_ROWS` lines hold a tab, every
  non-blank line but ``#`` comments holds the same number of tabs, and none
  of them begins with a tab or a space (a tab that indents is layout: such a
  text is prose set in).

Every line of such a text is then a code line (:data:`verify.model.CODE_LINE`:
the layout steps leave it as it is, unwrapping does not join rows) and each
tab is :data:`verify.model.FIELD` while the steps run; the canonical text has
the tabs back, and the word stream keeps a tab and the line breaks around a
line that holds one (:func:`verify.fingerprint.word_stream`). Any other text
is untouched.
"""

from __future__ import annotations

from dataclasses import replace

from verify.model import CODE_LINE, FIELD, Extracted

#: File name endings that declare tab-separated data.
SUFFIXES = (".tsv", ".tab")
#: How many lines with a tab the content needs to prove the data by itself.
MIN_ROWS = 3
#: The metadata key that says a text was read as tab-separated data, and why.
KEY = "tab-separated"


def declared(text: str, name: str | None) -> str | None:
    """Why ``text`` is tab-separated data (``"name"``, ``"N fields a line"``),
    or None.

    >>> declared("a\\tb\\nc\\td\\ne\\tf\\n", None)
    '2 fields a line'
    >>> declared("\\tindented prose\\n\\tset in by a tab\\n\\tthree lines\\n", None) is None
    True
    >>> declared("Bob\\t\\tParis\\n", "people.tsv")
    'name'
    """
    if "\t" not in text:
        return None
    if name is not None and name.lower().endswith(SUFFIXES):
        return "name"
    rows = [line.rstrip("\r") for line in text.split("\n") if line.strip() and not line.startswith("#")]
    tabbed = [line for line in rows if "\t" in line]
    if len(tabbed) < MIN_ROWS or len(tabbed) != len(rows):
        return None
    counts = {line.count("\t") for line in rows}
    if len(counts) != 1 or any(line[:1] in ("\t", " ") for line in rows):
        return None
    return f"{counts.pop() + 1} fields a line"


def mark_fields(page: str) -> str:
    """Every line that is not blank a code line (a row of empty fields,
    tabs alone, too), every tab a :data:`FIELD`.

    >>> mark_fields("a\\tb\\n\\nc\\t") == CODE_LINE + "a" + FIELD + "b\\n\\n" + CODE_LINE + "c" + FIELD
    True
    """
    return "\n".join(CODE_LINE + line.replace("\t", FIELD) if line.strip() or "\t" in line else line
                     for line in page.split("\n"))


def mark_tab_separated(extracted: Extracted, name: str | None) -> Extracted:
    """``extracted`` with its fields marked if it is tab-separated data
    (said in its metadata), else as it is."""
    why = declared("\f".join(extracted.pages), name)
    if why is None:
        return extracted
    return replace(extracted, pages=tuple(mark_fields(page) for page in extracted.pages),
                   metadata=(*extracted.metadata, (KEY, why)))
