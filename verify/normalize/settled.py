"""Proofs that the layout steps leave a leading text step's fixed point as it was.

The character steps run in rounds until none changes the pages (a fixed
point), then the layout steps (furniture, footnotes, join_pages,
dehyphenate, unwrap) rework the text, and the settling cycle runs every text
step once more over the result (``verify.normalize._run``): unwrapping makes
new lines, and ftfy may see mojibake in ``Â 0`` that it did not see in ``Â``
over ``0``. For most leading steps that second look can be proven useless
from what the layout steps and the trailing steps (spacing, rule_paragraphs,
bullets) can do to a text:

- they delete characters (whole lines and paragraphs, footnote markers,
  spaces, bullet symbols, line-end hyphens) and write only line breaks,
  spaces, ``[^N]`` before a footnote (ASCII digits), a line break after a
  dehyphenated word, and the characters of the text itself;
- the new neighbours they make meet across a space or a line break (lines
  joined, pages joined, paragraphs and lines dropped, a bullet dropped at a
  line start), across a hyphen or slash that was there (``Send/`` over
  ``Receive``, ``well-`` over ``known``), at a closing mark whose spaces
  before it went, after an opening bracket whose spaces went, inside a
  dehyphenated word (two letters), or where a footnote marker was cut out;
- unwrapping writes each paragraph as its words joined by single spaces
  (no line break inside, no space at either end, no two spaces), unless the
  text has code lines (HTML ``pre``, :data:`verify.model.CODE_LINE`), which
  it keeps as they were; the trailing steps only take spaces out of runs
  they take whole, paragraphs out whole, and a bullet with its spaces from a
  line start that is followed by a character that is no space.

A *certificate* below answers, for one leading step, whether the pages that
the step is about to see in the settling cycle are certainly at its fixed
point, from those facts and from what the step needs (the proof is the
docstring). It is asked only when the leading steps reached their fixed point
before the layout steps (not when the rounds ran out), and only for the
profile whose steps the proofs were made for (:data:`PROVEN_FOR`): a profile
with other layout or trailing steps gets none. When a certificate is
unsure it says no and the step runs. ``tests/test_settled.py`` compares the
driver with and without them on generated documents, and shows that a layout
step that broke one of the facts above is caught there.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

from verify.model import CODE_LINE, Change
from verify.normalize import steps

Pages = tuple[str, ...]
Certificate = Callable[[Pages, Mapping[str, Change]], bool]

#: The profile whose steps (names, order and functions) these proofs are about.
PROVEN_FOR = "canon/7"
#: The step names of that profile, in order: a profile named so with other
#: steps (instrumented copies keep the names) gets no certificate.
PROVEN_STEPS = ("line_endings", "overstrike", "mojibake", "nfkc", "invisible", "punctuation",
                "nroff_bullets", "dash_bullets", "line_space", "rules", "furniture", "footnotes",
                "join_pages", "dehyphenate", "unwrap", "spacing", "rule_paragraphs", "bullets")


def written_nowhere(pages: Pages, changes: Mapping[str, Change]) -> bool:
    """``line_endings``, ``overstrike``, ``punctuation``: each changes a text
    exactly where it holds one of its characters (``\\r``, U+2028, U+2029,
    ``\\x0b``, U+0085; a backspace; a curly quote, a typographic dash or
    space, ``≥ ≤ ≠ © ®``). A text at its fixed point holds none; the layout
    and trailing steps write none of them (only line breaks, spaces, ``[^]``
    and digits, and characters of the text itself), so the text after them
    holds none."""
    return True


def no_joiner(pages: Pages, changes: Mapping[str, Change]) -> bool:
    """``invisible``: it changes a text that holds a character of its class
    (soft hyphen, zero-width space, word joiner, byte-order mark, tab, a
    control character): at its fixed point a text holds none but the
    zero-width joiners U+200C and U+200D, which it keeps between two
    characters outside ASCII and not at a line's end. The layout and
    trailing steps write none of the class, but they can move a joiner next
    to a space or to a line's end; so: when no joiner is in the text, none of
    the class is, and the step's first test finds nothing."""
    return not any("\u200c" in page or "\u200d" in page for page in pages)


def no_code_lines(pages: Pages, changes: Mapping[str, Change]) -> bool:
    """``line_space``, ``nroff_bullets``, ``dash_bullets``: each changes a text
    only if it holds two spaces in a row (``"  "``, ``"o  "``, ``"-  "``) or
    a space at a line's start or end (line_space). Without code lines,
    unwrapping writes every paragraph as its words joined by single spaces,
    and the trailing steps take out whole runs of spaces between two
    characters that are no space, or a bullet and its spaces from a line
    start before a character that is no space: neither makes two spaces
    nor a space at a line's edge."""
    return not any(CODE_LINE in page for page in pages)


def no_rule_made(pages: Pages, changes: Mapping[str, Change]) -> bool:
    """``rules``: it drops a line that is only rule characters (three or
    more) and spaces, and a run of four or more of one rule character
    (``-_=*~#``) that stands as a word (white space or a line's edge on both
    sides).

    Without code lines the lines after unwrapping are its paragraphs, and
    rule_paragraphs (which the settling cycle has just run) dropped every
    paragraph that is a rule line; bullets, which runs after it, could make
    one (``● * * *`` -> ``* * *``), so when bullets changed something the
    lines that start like a rule line are tried (what rules' own first
    pass does; the rest of rules is not run). A run that stands as a word is
    not made either (bullets leaves a line start where spaces were): the text
    at rules' fixed point has none; no step writes a rule character, and
    the neighbours they make are white space (which keeps a run standing or
    not as it was, a line's edge being white space too), a letter inside a
    dehyphenated word or next to a cut footnote marker (the marker follows
    a letter, or a letter and ``.,;:)]"'``), a slash and a letter, or a
    closing mark or opening bracket whose spaces went (which can only stop
    a run from standing)."""
    if not no_code_lines(pages, changes):
        return False
    if any(steps._LEADER_HINT.search(page) for page in pages):
        return False  # canon/6: unwrapping may have set a leader before a number that ended no line
    return "bullets" not in changes or all(steps._drop_rule_lines(page) is page for page in pages)


def normal_joins(pages: Pages, changes: Mapping[str, Change]) -> bool:
    """``nfkc``: a text at its fixed point is in NFKC between its raised
    characters, and NFKC is local: a text is in NFKC when its pieces are and
    no two characters meeting at a join compose or reorder. The joins the
    steps make meet across a space, a line break, a hyphen or a slash that
    was there, an opening bracket or a closing mark (none of these composes
    with a character on either side, and each is a starter: checked for
    every character in ``tests/test_settled.py``), or inside a dehyphenated
    word: two letters, both starters, which may compose (Hangul jamo:
    ``가-`` over ``ᆨ``), so each joined word must be in NFKC itself. A cut
    footnote marker brings a letter before whatever followed the marker,
    which may be a combining mark: so footnotes must have changed nothing."""
    if "footnotes" in changes:
        return False
    decided = changes.get("dehyphenate")
    words: Sequence[str] = decided.params if decided is not None else ()
    return all("-" in word or unicodedata.is_normalized("NFKC", word) for word in words)


#: The leading steps of :data:`PROVEN_FOR` with a certificate (mojibake has
#: none: ftfy's badness is searched across the new joins of a line).
CERTIFICATES: dict[str, Certificate] = {
    "line_endings": written_nowhere,
    "overstrike": written_nowhere,
    "nfkc": normal_joins,
    "invisible": no_joiner,
    "punctuation": written_nowhere,
    "nroff_bullets": no_code_lines,
    "dash_bullets": no_code_lines,
    "line_space": no_code_lines,
    "rules": no_rule_made,
}


#: Text steps of :data:`PROVEN_FOR` that are idempotent: given a text they
#: returned, they return it as it is. ``line_endings``, ``overstrike`` and
#: ``punctuation`` write none of the characters they replace (a line break;
#: nothing; ASCII). ``spacing`` takes out whole runs of spaces before a
#: closing mark and after an opening bracket: taking one out makes no other
#: space stand before a closing mark or after a bracket (the character now
#: beside the mark was beside the run, and is no space), and changes none of
#: what the tests look at (the character before a run, or after the mark up
#: to the next space, holds no space that a run taken out could have been;
#: an opening bracket after a closing mark's token is not after a space or
#: a line start, so its spaces stay), so a second run finds nothing
#: (tests/test_steps_equivalence.py checks it on generated text too).
#: ``bullets`` is not: it takes one bullet off a line's start a run.
IDEMPOTENT = frozenset({"line_endings", "overstrike", "punctuation", "spacing"})


def certificates(profile: str, steps: Sequence[str]) -> Mapping[str, Certificate]:
    """The certificates for a profile: those above for :data:`PROVEN_FOR`
    with exactly its steps, none for any other."""
    return CERTIFICATES if _proven(profile, steps) else {}


def idempotent(profile: str, steps: Sequence[str]) -> frozenset[str]:
    """The idempotent steps of a profile: :data:`IDEMPOTENT` for
    :data:`PROVEN_FOR` with exactly its steps, none for any other."""
    return IDEMPOTENT if _proven(profile, steps) else frozenset()


def _proven(profile: str, steps: Sequence[str]) -> bool:
    return profile == PROVEN_FOR and tuple(steps) == PROVEN_STEPS
