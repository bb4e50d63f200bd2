"""Normalise: :class:`~verify.model.Extracted` -> :class:`~verify.model.Canonical`.

A *profile* is a named, versioned, ordered list of steps. ``canon/6`` is the
profile of this version; ``canon/5`` (nroff's terminal motions and the page
furniture of unpaged nroff text kept as words), ``canon/4`` (superscripts
folded into plain digits, code indentation folded), ``canon/1`` (removal on repetition alone, no
record of removed material), ``canon/2`` (line-end hyphens and list
bullets decided differently by format, generator chrome kept) and ``canon/3``
(gropdf's italic corrections read as word breaks) are no longer
computed: a manifest made with them is still checked on its bytes, and says
how to rebuild for its texts. Any
change that alters the canonical text of some input must become a new
profile version (old manifests keep naming the profile they used).

Every step that changed something leaves a :class:`~verify.model.Change`.
:func:`replay` applies a recorded list of changes to the extracted pages and
must give the same canonical text: the record explains the result fully.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import cast
from dataclasses import dataclass

from verify.model import CODE_LINE, Block, Canonical, Change, Extracted, without_marks
from verify.normalize import layout, settled, steps

__all__ = ["PROFILE", "PROFILES", "Profile", "canonicalize", "canonicalize_text", "replay"]

Pages = tuple[str, ...]
TextStep = Callable[[str], str]
LayoutStep = Callable[[Pages, "Sequence[str] | None"], layout.Outcome]


@dataclass(frozen=True)
class Step:
    name: str
    text: TextStep | None = None  # applied to each page alone
    layout: LayoutStep | None = None  # decides from the whole document
    #: The layout step also reads the line positions (``Extracted.lines``).
    positions: bool = False


@dataclass(frozen=True)
class Profile:
    name: str
    steps: tuple[Step, ...]


#: canon/4 has canon/3's steps; what changed is the text it is given: the PDF
#: ingester no longer takes gropdf's italic corrections for word breaks
#: (``printf (3)`` -> ``printf(3)``; verify.ingest.pdf, docs/normalization.md).
#: The profile names that text, so it is a new version.
CANON_4 = Profile(
    "canon/4",
    (
        Step("line_endings", text=steps.line_endings),
        Step("overstrike", text=steps.overstrike),
        Step("mojibake", text=steps.mojibake),
        Step("nfkc", text=steps.nfkc),
        Step("invisible", text=steps.invisible),
        Step("punctuation", text=steps.punctuation),
        Step("nroff_bullets", text=steps.nroff_bullets),
        Step("dash_bullets", text=steps.dash_bullets),
        Step("line_space", text=steps.line_space),
        Step("rules", text=steps.rules),
        Step("furniture", layout=layout.remove_furniture, positions=True),
        Step("footnotes", layout=layout.separate_footnotes),
        Step("join_pages", layout=layout.join_pages),
        Step("dehyphenate", layout=layout.dehyphenate),
        Step("unwrap", layout=layout.unwrap),
        Step("spacing", text=steps.spacing),
        Step("rule_paragraphs", text=steps.rule_paragraphs),
        Step("bullets", text=steps.bullets),
    ),
)
#: canon/5 has canon/4's steps; what changed (docs/normalization.md, "canon/5"):
#: the audit's folds (``nfkc`` keeps superscripts and subscripts, a code
#: line keeps its indentation, HTML ``<sup>2</sup>`` is ``²``, ``<wbr>``
#: joins, ``noframes`` is hidden furniture; verify.ingest.html_folds).
CANON_5 = Profile("canon/5", CANON_4.steps)
#: canon/6 (docs/normalization.md, "canon/6"): the cross-format candidates of
#: docs/cross-format.md, each removed or joined on the document's own evidence.
CANON_6 = Profile("canon/6", CANON_5.steps)
PROFILES: dict[str, Profile] = {CANON_6.name: CANON_6}
PROFILE = CANON_6
#: Profiles of earlier versions, which this version no longer computes.
RETIRED = frozenset({"canon/1", "canon/2", "canon/3", "canon/4", "canon/5"})

_EXAMPLES = 3
_EXAMPLE_LEN = 80


def canonicalize(extracted: Extracted, profile: Profile = PROFILE) -> Canonical:
    """The canonical text of an extraction, with the record of every change."""
    text, changes, removed = _run(extracted.pages, profile, None, extracted.lines,
                                  markup=extracted.format == "html")
    return Canonical(text=text, profile=profile.name, changes=tuple(changes), removed=tuple(removed))


def canonicalize_text(text: str, profile: Profile = PROFILE) -> str:
    r"""The canonical form of a plain string (one page).

    >>> canonicalize_text("The  infor-\nmation society\u2019s\n\n-----\n\nEnd.")
    "The information society's\n\nEnd."
    """
    return _run((without_marks(text),), profile, None)[0]


def replay(pages: Sequence[str], changes: Sequence[Change], profile: Profile = PROFILE) -> str:
    """Apply a recorded list of changes to the extracted pages.

    Layout steps apply the recorded decisions instead of deciding again; a
    layout step absent from the record made no change, and replays as none.
    """
    recorded = {change.step: change.params for change in changes}
    unknown = set(recorded) - {step.name for step in profile.steps}
    if unknown:
        raise ValueError(f"steps {sorted(unknown)} are not in profile {profile.name}")
    return _run(tuple(pages), profile, recorded)[0]


#: Character-level steps interact (folding a quote can expose mojibake to
#: ftfy), so the leading run of text steps is repeated until nothing changes.
MAX_ROUNDS = 4


def _run(pages: Pages, profile: Profile, recorded: dict[str, tuple[str, ...]] | None,
         lines: tuple[Block, ...] = (), markup: bool = False) -> tuple[str, list[Change], list[str]]:
    leading = 0
    while leading < len(profile.steps) and profile.steps[leading].text is not None:
        leading += 1
    # The text steps after the last layout step run first in the settling
    # cycle below (which they end), not once before it as well.
    trailing = 0
    while trailing < len(profile.steps) - leading and profile.steps[-1 - trailing].text is not None:
        trailing += 1
    merged: dict[str, Change] = {}
    removed: list[str] = []
    names = [s.name for s in profile.steps]
    again = settled.idempotent(profile.name, names)
    pages, fixed = _characters(pages, profile.steps[:leading], merged, idempotent=again)
    for step in profile.steps[leading:len(profile.steps) - trailing]:
        if step.text is not None:
            pages, change = _text_step(step.name, step.text, pages)
        else:
            assert step.layout is not None
            params = None if recorded is None else recorded.get(step.name, ())
            fn: LayoutStep = step.layout
            if step.positions:
                fn = functools.partial(cast("Callable[..., layout.Outcome]", step.layout),
                                       positions=lines, markup=markup)
            pages, change = _layout_step(step.name, fn, pages, params, removed)
        if change is not None:
            merged[step.name] = change
    # Unwrapping makes new lines, and the character steps work line by line
    # (ftfy may see mojibake in "Â 0" that it did not see in "Â" over "0"):
    # they settle once more on the paragraphs, with the final text steps.
    # Most leading steps provably find nothing to change there, when they had
    # reached their fixed point before the layout steps (verify.normalize.settled).
    settle = tuple(s for s in profile.steps if s.text is not None)
    proven = settled.certificates(profile.name, names) if fixed and recorded is None else {}
    pages, _ = _characters(pages, settle, merged, start=len(settle) - trailing, proven=proven,
                           idempotent=again)
    changes = [merged[s.name] for s in profile.steps if s.name in merged]
    # The code-line marks have done their work (the layout steps left those
    # lines alone); they are not text.
    return _finish("\n".join(pages)), changes, removed


def _finish(text: str) -> str:
    """The canonical text: the code-line marks taken out, a code line's
    indentation kept (canon/5), every other line without leading spaces (so
    that the word stream sees an indentation only where code has one:
    :func:`verify.fingerprint.word_stream`)."""
    if CODE_LINE not in text:
        return text.strip() if "\n " not in text else "\n".join(
            line.lstrip(" ") for line in text.split("\n")).strip()
    lines = [line[1:] if line.startswith(CODE_LINE) else line.lstrip(" ").replace(CODE_LINE, "")
             for line in text.split("\n")]
    return "\n".join(lines).strip("\n").rstrip()


def _characters(pages: Pages, run: tuple[Step, ...], merged: dict[str, Change], start: int = 0,
                proven: Mapping[str, settled.Certificate] | None = None,
                idempotent: frozenset[str] = frozenset()) -> tuple[Pages, bool]:
    """Apply text steps in rounds until nothing changes; merge their records
    into ``merged``. Returns the pages, and whether they are at the steps'
    fixed point (False when the rounds ran out first).

    The steps are applied in a cycle that stops once every step in a row
    has left the text as it was (a fixed point), or after MAX_ROUNDS
    rounds: a second round re-runs only the steps up to the last one that
    changed something, not the whole run.

    ``start``: the cycle begins with ``run[start:]`` (once, before the
    rounds), and those count towards the steps in a row that changed
    nothing. That is the order canon/3 has always applied its steps in
    after unwrapping (the trailing text steps once, then every text step
    in rounds), without applying the trailing ones a second time to the
    text they left: once every step in a row has left the text as it
    was, no further step changes it, so the cycle may stop there.

    ``proven``: certificates (:mod:`verify.normalize.settled`), by step
    name; such a step counts as having changed nothing, without being run,
    if its certificate says so for the pages and the records so far, as
    long as no step of ``run[:start]`` has changed the pages in the cycle
    (the proofs know what the layout steps and the steps of ``run[start:]``
    write, not what those do).

    ``idempotent``: steps that return a text they returned as it is. Such a
    step that made the last change, every other step having changed nothing
    since, is not run again to see it change nothing."""
    quiet = 0  # steps in a row that changed nothing
    certificates = dict(proven or {})
    last = ""  # the step that changed the pages last
    first = (len(run) - start) % len(run) if run else 0
    # Per step, the pages it returned as they were: the steps are pure, so
    # a page that comes back to a step unchanged is not given to it again
    # (in the next round, most pages are those of the round before).
    kept: dict[str, set[str]] = {}
    for position in range(start, start + first + MAX_ROUNDS * len(run)):
        if quiet == len(run):
            break
        step = run[position % len(run)]
        assert step.text is not None
        certificate = certificates.get(step.name)
        if (certificate is not None and certificate(pages, merged)) or (
                step.name == last and quiet == len(run) - 1 and last in idempotent):
            quiet += 1
            continue
        pages, change = _text_step(step.name, step.text, pages, kept.setdefault(step.name, set()))
        if change is None:
            quiet += 1
            continue
        quiet, last = 0, step.name
        if position % len(run) < start:
            certificates.clear()
        old = merged.get(step.name)
        merged[step.name] = change if old is None else Change(
            step.name, old.count + change.count, (old.examples + change.examples)[:_EXAMPLES])
    return pages, quiet == len(run)


def _text_step(name: str, fn: TextStep, pages: Pages,
               kept: set[str] | None = None) -> tuple[Pages, Change | None]:
    """Apply ``fn`` to each page. ``kept``: pages ``fn`` is known to return
    as they are (not given to it again), and where the pages it now returns
    as they are go."""
    if kept is None:
        out = tuple(fn(page) for page in pages)
    else:
        out = tuple(page if page in kept else fn(page) for page in pages)
        kept.update(page for page, new in zip(pages, out, strict=True) if page is new or page == new)
    if out == pages:
        return pages, None
    return out, _line_changes(name, pages, out)


def _line_changes(name: str, pages: Pages, out: Pages) -> Change:
    """The record of a text step that turned ``pages`` into ``out``: how
    many lines differ (paired in order, each page's extra or missing lines
    counted too) and the first differences as examples.

    The lines of a changed page are compared by ``map(operator.ne, ...)``
    (pairs up to the shorter list, as ``zip``), their differences counted by
    ``sum`` and the first ones picked by ``compress``: no Python step a line
    (a settled document is one page of thousands of lines, and a trailing
    step changes a few of them). tests/test_steps_equivalence.py keeps the
    loop over the pairs as the reference."""
    examples: list[str] = []
    count = 0
    for before, after in zip(pages, out, strict=True):
        if before == after:
            continue
        old, new = before.split("\n"), after.split("\n")
        differs = list(map(operator.ne, old, new))
        count += sum(differs) + abs(len(old) - len(new))
        if len(examples) < _EXAMPLES:
            at = itertools.compress(itertools.count(), differs)
            first = itertools.islice(at, _EXAMPLES - len(examples))
            examples += (_diff_example(old[i], new[i]) for i in first)
    return Change(step=name, count=max(count, 1), examples=tuple(examples))


def _layout_step(name: str, fn: LayoutStep, pages: Pages, params: Sequence[str] | None,
                 removed: list[str]) -> tuple[Pages, Change | None]:
    outcome = fn(pages, params)
    if outcome.pages == pages:
        return pages, None
    removed.extend(outcome.removed)
    return outcome.pages, Change(step=name, count=outcome.count,
                                 examples=tuple(_clip(e) for e in outcome.examples),
                                 params=outcome.params)


def _diff_example(old: str, new: str, context: int = 24) -> str:
    """``old -> new`` around the first difference, so the example shows the change."""
    shorter = min(len(old), len(new))
    start = _matching(lambda n: old[:n] == new[:n], shorter)
    tail = _matching(lambda n: old[len(old) - n:] == new[len(new) - n:], shorter - start)
    lo = max(0, start - context)
    return f"{_clip(old[lo:len(old) - tail + context])!r} -> {_clip(new[lo:len(new) - tail + context])!r}"


def _matching(same: Callable[[int], bool], most: int) -> int:
    """The largest ``n <= most`` for which ``same(n)`` holds (``same`` holds
    up to some ``n`` and not beyond, as a common prefix's length does): a
    binary search of slice comparisons in C, not a Python step a character
    (a changed line of an HTML page is a whole paragraph)."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _clip(text: str) -> str:
    text = text.replace("\n", "\u23ce")
    return text if len(text) <= _EXAMPLE_LEN else text[: _EXAMPLE_LEN - 1] + "\u2026"
