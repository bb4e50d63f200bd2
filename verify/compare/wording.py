"""Content words dropped from a term, and negations lost.

Paraphrase changes words all the time, so a word missing on one side is not
by itself a difference. Two cases are:

* **A key term cut short.** Key terms are runs of two or three content words
  that both documents repeat ("international information security"). When
  one side of an aligned pair has such a term with its first or last word
  missing ("experts on international information") and fewer whole
  occurrences of it than the other side, a word that gave the term its
  meaning was dropped.
* **A negation lost.** "not", "never", "cannot" counted on each side.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from verify.compare.tokens import NEGATIONS, WORD, is_content, stem

KEY_TERM_MIN = 3
CONTEXT = 3


class Word(NamedTuple):
    """One word of a text with its stem (a tuple: texts have many words)."""

    start: int
    end: int
    text: str
    stem: str
    content: bool


def words(text: str, offset: int = 0) -> list[Word]:
    return [
        Word(m.start() + offset, m.end() + offset, m.group(), stem(m.group()), is_content(m.group()))
        for m in WORD.finditer(text)
    ]


def _ngrams(ws: list[Word], n: int) -> Iterable[tuple[str, ...]]:
    for i in range(len(ws) - n + 1):
        window = ws[i : i + n]
        if all(w.content for w in window):
            yield tuple(w.stem for w in window)


def key_terms(a: str, b: str) -> list[tuple[str, ...]]:
    """Runs of three content words that both texts use at least three times.

    (Pairs are too common: "member" without "States" is no cut.)
    """
    wa, wb = words(a), words(b)
    out: list[tuple[str, ...]] = []
    for n in (3,):
        ca, cb = Counter(_ngrams(wa, n)), Counter(_ngrams(wb, n))
        out.extend(t for t in ca if ca[t] >= KEY_TERM_MIN and cb[t] >= KEY_TERM_MIN)
    return sorted(out, key=lambda t: (-len(t), t))


@dataclass(frozen=True)
class Cut:
    """A term cut short on one side, and its best whole occurrence on the other."""

    term: str
    missing: str
    short: tuple[int, int]
    whole: tuple[int, int]


def _occurrences(ws: list[Word], term: tuple[str, ...]) -> list[int]:
    n = len(term)
    first = term[0]
    return [
        i
        for i, w in enumerate(ws[: len(ws) - n + 1])
        if w.stem == first and tuple(x.stem for x in ws[i : i + n]) == term
    ]


def cuts(short_side: list[Word], whole_side: list[Word], terms: list[tuple[str, ...]]) -> list[Cut]:
    """Terms that ``short_side`` has with a word dropped, where ``whole_side`` has them whole more often."""
    found: list[Cut] = []
    used: set[int] = set()
    here = {w.stem for w in short_side}
    there = {w.stem for w in whole_side}
    for term in terms:
        if not (set(term) <= there and (set(term[:-1]) <= here or set(term[1:]) <= here)):
            continue
        whole_here = _occurrences(short_side, term)
        whole_there = _occurrences(whole_side, term)
        if len(whole_here) >= len(whole_there):
            continue
        covered = {k for i in whole_here for k in range(i, i + len(term))}
        for part, missing in ((term[:-1], term[-1]), (term[1:], term[0])):
            for i in _occurrences(short_side, part):
                span = set(range(i, i + len(part)))
                if span & covered or span & used or _replaced(short_side, i, len(part), missing == term[0]):
                    continue
                used |= span
                best = max(
                    whole_there,
                    key=lambda j: _context_overlap(short_side, i, len(part), whole_side, j, len(term)),
                )
                texts = [w.text for w in whole_side[best : best + len(term)]]
                word = texts[-1] if missing == term[-1] and part == term[:-1] else texts[0]
                found.append(
                    Cut(
                        " ".join(texts),
                        word,
                        _window(short_side, i, len(part)),
                        _window(whole_side, best, len(term)),
                    )
                )
                break
    return found


def _replaced(ws: list[Word], i: int, n: int, first: bool) -> bool:
    """Whether the word of the term is there in another word: a content word
    stands where it would be ("every living creature" for "every living
    thing" is a paraphrase, not a cut)."""
    k = i - 1 if first else i + n
    return 0 <= k < len(ws) and ws[k].content and ws[k].text.islower()


def _window(ws: list[Word], i: int, n: int) -> tuple[int, int]:
    lo, hi = max(0, i - CONTEXT), min(len(ws), i + n + CONTEXT)
    return ws[lo].start, ws[hi - 1].end


def _context_overlap(xs: list[Word], i: int, n: int, ys: list[Word], j: int, m: int) -> int:
    cx = {w.stem for w in xs[max(0, i - 4) : i + n + 4] if w.content}
    cy = {w.stem for w in ys[max(0, j - 4) : j + m + 4] if w.content}
    return len(cx & cy)


def negations(ws: list[Word]) -> list[Word]:
    """The negative words ("not", "no", "never", "don't"); "No. 5" is a number sign."""
    return [
        w
        for k, w in enumerate(ws)
        if (w.text.lower() in NEGATIONS or w.text.lower().endswith(("n't", "n\u2019t")))
        and not (w.text == "No" and k + 1 < len(ws) and ws[k + 1].text[:1].isdigit())
    ]


_NEGATIVE_MEANING = frozenset(
    {
        "without",
        "nothing",
        "none",
        "never",
        "lest",
        "refuse",
        "refused",
        "cease",
        "ceased",
        "nay",
        "neither",
        "nor",
        "less",
        "fail",
        "failed",
        "deny",
        "denied",
        "forbid",
        "forbade",
        "instead",
        "rather",
        "nobody",
        "nowhere",
        "little",
        "few",
        "hardly",
        "only",
        "but",
        "save",
        "except",
        # negations of older English: "in nowise", "set at nought", and the
        # spellings of Tyndale's 1520s ("he coude nat see", "nether", "nomore")
        "nowise",
        "nought",
        "naught",
        "nat",
        "nott",
        "nether",
        "nomore",
        "noman",
        "nothinge",
        "nothynge",
    }
)


def _is_negation(w: Word) -> bool:
    low = w.text.lower()
    return low in NEGATIONS or low.endswith(("n't", "n\u2019t"))


def says_negatively(w: Word) -> bool:
    """Whether a word says something negative: a negation ("not", "none",
    "don't") or a word that carries one ("refused", "without", "lest",
    "unclean"): a "not" on the other side may be its paraphrase."""
    low = w.text.lower()
    return _is_negation(w) or low in _NEGATIVE_MEANING or (low.startswith(("un", "dis")) and len(low) > 5)


_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def _negated_word(w: Word, here: set[str]) -> bool:
    """Whether a word is a word of the other side negated by a prefix or a
    suffix: "incommodious" where the other side says "not commodious" (the
    whole stem: "improvements" is no negation of "providence"), "powerless"
    for "not able" ("-less" negates whatever it ends)."""
    low = w.text.lower()
    if low.endswith("less") and len(low) > 6:
        return True
    return any(low.startswith(p) and stem(low[len(p) :]) in here for p in _PREFIXES if len(low) > len(p) + 3)


#: How far (in words) from a negation the words that place its statement may be.
REACH = 6
#: How many words beyond the counterpart of the statement on the other side
#: a negative word there still belongs to it ("did not find" / "found them not").
MARGIN = 2
#: How many words longer the counterpart may be than the statement here.
SLACK = 6


def anchors(ws: list[Word], other: list[Word]) -> dict[int, int]:
    """The content words the two sides have in the same order (a longest
    matching of the first four letters of their stems, ``difflib``: "spake"
    and "spoke" differ, "journeyed" and "journeying", "forgive" and
    "forgiveness" do not), as index in ``ws`` -> index in ``other``.
    Negations are not anchors: they are what is compared."""
    xi = [k for k, w in enumerate(ws) if w.content and not _is_negation(w)]
    yi = [j for j, w in enumerate(other) if w.content and not _is_negation(w)]
    sm = SequenceMatcher(None, [ws[k].stem[:4] for k in xi], [other[j].stem[:4] for j in yi], autojunk=False)
    return {xi[m.a + t]: yi[m.b + t] for m in sm.get_matching_blocks() for t in range(m.size)}


_BOUNDARY = re.compile(r"[,;:.!?()\u2014\[\]]")


def _parts(ws: list[Word], text: str, boundary: re.Pattern[str]) -> list[int]:
    """The part of the text each word is in: a new one wherever ``boundary``
    is found between two words."""
    out, at = [], 0
    for k, w in enumerate(ws):
        if k and boundary.search(text, ws[k - 1].end, w.start):
            at += 1
        out.append(at)
    return out


def clauses(ws: list[Word], text: str) -> list[int]:
    """The clause of each word: a new one after a comma, a colon, a full
    stop, a bracket or a dash between two words."""
    return _parts(ws, text, _BOUNDARY)


_SENTENCE_END = re.compile(r"[.!?;:]")


def sentences(ws: list[Word], text: str) -> list[int]:
    """The sentence (or the part of one between semicolons and colons) of
    each word: a new one after a full stop, a question or exclamation mark,
    a semicolon or a colon between two words."""
    return _parts(ws, text, _SENTENCE_END)


_OLD_NEGATIONS = frozenset({"nowise", "nat", "nott", "nether", "nomore", "noman", "nothinge", "nothynge"})


def _old_negation(w: Word) -> bool:
    return w.text.lower() in _OLD_NEGATIONS


#: Words that make a negation near them say something positive ("ceased not
#: to teach", "not without witness").
_UNDOING = frozenset(
    {
        "without",
        "cease",
        "ceased",
        "refuse",
        "refused",
        "fail",
        "failed",
        "deny",
        "denied",
        "forbid",
        "forbade",
        "lest",
    }
)


def _double(ws: list[Word], k: int, i: int) -> bool:
    """Whether word ``i`` undoes the negation at ``k``: another negation, a
    word such as "ceased" or "without", or "but", "save", "except" right
    after it ("none but the Jews", "nothing but leaves")."""
    low = ws[i].text.lower()
    if _is_negation(ws[i]) or low in _UNDOING:
        return True
    return i == k + 1 and low in ("but", "save", "except", "only")


#: Negations that negate the noun right after them ("no children"): that
#: noun must be one the other side has.
_DETERMINERS = frozenset({"no"})


def _counterpart(
    k: int, ws: list[Word], clause: list[int], found: dict[int, int], unique: dict[int, int]
) -> tuple[int, int, int] | None:
    """The words of the other side that say what the clause around the
    negation at ``k`` says: (first, last, index of the negated word here),
    or None.

    The negated word (a content word after ``k`` in its clause, within
    ``REACH``) must be one the other side has in the same order: that is
    what the statement is about ("will not go" / "will go"). The
    counterpart runs from the anchor nearest before ``k`` in the clause
    (within ``REACH``) to that word; None also when the two cross or lie far
    apart (a loose paraphrase: unsure), or when the clause has another
    negative word near the negation ("ceased not to teach", "none but the
    Jews": two negatives say something positive, in words the other side
    need not share).
    """
    if _two_negatives(k, ws, clause):
        return None
    near = range(max(0, k - REACH), min(len(ws), k + REACH + 1))
    mine = [i for i in near if clause[i] == clause[k]]
    after = [i for i in mine if i > k and ws[i].content]
    if ws[k].text.lower() in _DETERMINERS:
        after = after[:1]
    anchored = [i for i in after if i in found]
    if not anchored:
        return _moved(k, ws, after, unique)
    i1 = anchored[0]
    before = [i for i in mine if i < k and i in found]
    i0 = max(before) if before else None
    hi = found[i1]
    lo = found[i0] if i0 is not None else max(0, hi - (i1 - k))
    here = i1 - (i0 if i0 is not None else k)
    if hi < lo or hi - lo > here + SLACK:
        return None
    return lo, hi, i1


def _two_negatives(k: int, ws: list[Word], clause: list[int]) -> bool:
    """Whether the negation at ``k`` has another negative word near it in its
    clause, or one beside it that says it again ("no man could bind him, no,
    not with chains"): two negatives say something positive."""
    near = range(max(0, k - REACH), min(len(ws), k + REACH + 1))
    return any(
        i != k and (_double(ws, k, i) if clause[i] == clause[k] else _said_again(k, i, ws)) for i in near
    )


def _moved(k: int, ws: list[Word], after: list[int], unique: dict[int, int]) -> tuple[int, int, int] | None:
    """The counterpart of a negated word that the other side says in another
    order ("ye shall not be saved, thou and all thy house" / "thou and all
    thy house shall be saved"): the one word of the other side with its
    stem, where each side has that stem once (:func:`unique`)."""
    if not after or after[0] > k + 3 or not ws[after[0]].text.islower() or after[0] not in unique:
        return None  # only the word right after it: what is negated, not a name ("pleased not Isaac")
    i1 = after[0]
    hi = unique[i1]
    return max(0, hi - (i1 - k)), hi, i1


def unique(ws: list[Word], other: list[Word]) -> dict[int, int]:
    """The content words whose stem (first four letters) each side has
    once, as index in ``ws`` -> index in ``other``: the same word, whatever
    the order of the sentences around it."""

    def once(xs: list[Word]) -> dict[str, int]:
        seen = Counter(w.stem[:4] for w in xs if w.content and not _is_negation(w))
        return {w.stem[:4]: j for j, w in enumerate(xs) if w.content and seen[w.stem[:4]] == 1}

    mine, theirs = once(ws), once(other)
    return {i: theirs[s] for s, i in mine.items() if s in theirs}


def _carries_on(k: int, ws: list[Word], sentence: list[int]) -> bool:
    """Whether the negation at ``k`` carries on one before it in its sentence:
    "nor" always ("neither ... nor"), "neither" after a negation ("Go not to
    glean in another field, neither go from hence" / "do not go ..., or go
    away"; "no, not the angels ..., neither the Son" / "or the Son")."""
    low = ws[k].text.lower()
    if low == "nor":
        return True
    return low == "neither" and any(
        sentence[i] == sentence[k] and _is_negation(ws[i]) for i in range(max(0, k - 30), k)
    )


def _said_again(k: int, i: int, ws: list[Word]) -> bool:
    """Whether a negation of another clause, right beside the one at ``k``,
    says it again ("no man could bind him, no, not with chains"); one a
    few words away in the next clause negates a statement of its own."""
    return _is_negation(ws[i]) and abs(i - k) <= 2


#: Words that say "not" in a clause of their own ("lest he should give seed"
#: / "so that he might not get offspring").
_IMPLIED = frozenset({"lest", "without", *_UNDOING})


def _counted(w: Word) -> bool:
    """A negation that counts towards a sentence's polarity ("nor" carries
    on the one before it)."""
    return (_is_negation(w) or _old_negation(w)) and w.text.lower() != "nor"


def _as_negative(
    k: int, ws: list[Word], found: dict[int, int], other: list[Word], parts: set[int], sentence: list[int]
) -> bool:
    """Whether the other side's sentence(s) ``parts`` hold as many negations
    as the words of this side that they say (those anchored in them, and the
    negation at ``k``): both say it negatively, in places a word-level
    matching cannot pin ("Not one stone here will be left" / "there shall
    not be left one stone"). Fewer there, and a negation of this side is
    unmatched: "the moon will not give light, and the stars will be
    falling" / "the moon shall not give light, and the stars shall not
    fall" (one negation of the other side's sentence is the moon's). A word
    that says "not" in a clause of its own ("lest") counts there only when
    this side does not say it too: then it is the same word on both sides,
    no paraphrase of the negation ("lest that come upon you which is not
    spoken" / "lest that come upon you, which is spoken")."""
    said = [i for i, j in found.items() if sentence[j] in parts] + [k]
    here = sum(1 for w in ws[min(said) : max(said) + 1] if _counted(w))
    own = {w.text.lower() for w in ws[min(said) : max(said) + 1]}
    implied = (_IMPLIED if own & _CONDITIONS else _IMPLIED | _CONDITIONS) - own
    there = sum(
        1 for j, w in enumerate(other) if sentence[j] in parts and (_counted(w) or w.text.lower() in implied)
    )
    return there >= here


#: "if not": counted on the other side unless this side says it with one too
#: ("Except your youngest brother come" / "If your youngest brother does not
#: come"; but "ye shall not go forth, unless your brother come" / "ye shall
#: go forth, except your brother come" differ).
_CONDITIONS = frozenset({"except", "unless"})


def _same(x: Word, y: Word) -> bool:
    return x.text.lower() == y.text.lower()


#: The forms of each English auxiliary: one translation says "is" where the
#: other says "was", "shall" where it says "will" ("God is not with the
#: youth" / "God was with the lad").
_AUXILIARIES = (
    frozenset({"is", "was", "are", "were", "be", "been", "am", "art", "wast", "wert"}),
    frozenset({"has", "hath", "have", "had", "hast", "hadst"}),
    frozenset({"shall", "will", "should", "would", "shalt", "wilt", "may", "might", "can", "could"}),
    frozenset({"do", "does", "did", "doth", "doeth", "dost", "didst"}),
)


def _same_auxiliary(x: Word, y: Word) -> bool:
    """The same word, or two forms of one auxiliary."""
    lx, ly = x.text.lower(), y.text.lower()
    return lx == ly or any(lx in forms and ly in forms for forms in _AUXILIARIES)


def _framed(
    k: int, ws: list[Word], other: list[Word], clause: list[int], found: dict[int, int]
) -> tuple[int, int, int] | None:
    """Where the other side says the statement of the negation at ``k`` with
    only the negation taken out: the word before it and the word after it
    side by side there ("which are not here" / "that are here", "would have
    not eaten" / "would have eaten", "and will not deceive many" / "and will
    deceive many"; an auxiliary in another form: "God is not with the
    youth" / "God was with the lad"), whether or not the negated word is a content word that
    the anchors place.

    The two words must lie between the other side's counterparts of the
    anchors nearest before and after the negation (one of them at least),
    within ``SLACK`` words of where those put them, and be found there once:
    a pair of common words found twice, or nowhere near, places nothing.
    Two words before the negation ("he had not gathered" / "he had gotten")
    are not enough: the other side's word may be an antonym ("Leah was not
    loved" / "Leah was hated"). Returns (first, last, index of the negated
    word here) like :func:`_counterpart`."""
    if not (0 < k < len(ws) - 1 and clause[k - 1] == clause[k] == clause[k + 1]):
        return None
    # a function word after the negation ("not to lose" / "to be of good
    # cheer") must be followed by the same word too: "are here; lest", "with the"
    wide = 1 if ws[k + 1].content else 2
    if k + wide >= len(ws):
        return None
    cands = [
        j
        for j in range(len(other) - wide)
        if _same_auxiliary(other[j], ws[k - 1])
        and all(_same(other[j + t], ws[k + t]) for t in range(1, wide + 1))
    ]
    before = [i for i in found if k - 2 * REACH <= i < k]
    after = [i for i in found if k < i <= k + 2 * REACH]
    if not before and not after:
        return None
    lo = found[max(before)] if before else None
    hi = found[min(after)] if after else None
    inside = [
        j
        for j in cands
        if (lo is None or lo <= j <= lo + (k - max(before)) + SLACK)
        and (hi is None or j + 1 <= hi <= j + 1 + (min(after) - k) + SLACK)
    ]
    if len(inside) != 1:
        return None
    return inside[0], inside[0] + 1, k + 1


def flipped(
    ws: list[Word], negs: list[Word], other: list[Word], text: str, other_text: str, exact: bool = False
) -> list[tuple[Word, Word]]:
    """The negations of ``ws`` (words of ``text``) that turn a statement the
    other side (words of ``other_text``) makes without one, each with the
    negated word.

    Each negation is judged on its own statement, not by counting over the
    pair. The statement is placed on the other side by the content words
    both sides have in the same order (:func:`anchors`) in the negation's
    clause: the word it negates and the nearest one before it ("the stars
    will not be falling from heaven" / "the stars of heaven shall fall":
    "stars" and "fall"). It is a flip when that counterpart, with
    ``MARGIN`` words either side, has no negative word (a negation, or
    "refused", "without", "unclean": "they would not eat" / "they refused to
    eat" is one statement; a word such as "unclean", "lest" or "but" that
    this side has too is no paraphrase of its negation: "He has not an
    unclean spirit" / "He hath an unclean spirit" differ). No counterpart,
    or one spread far, is no report: "there was no food" / "there was a
    famine" share no word. "nor" carries on a negation before it and is
    not judged alone. Nor is a counterpart whose sentence has a negation
    of its own anywhere: both sides then say something negatively, in
    places a word-level matching cannot pin ("Not one stone here will be
    left" / "There shall not be left one stone"), and their polarities are
    not shown to disagree.

    A negated word with no counterpart of its own (said in other words) is
    placed by the words around the negation (:func:`_framed`): the other
    side says the statement with only the negation taken out. With
    ``exact`` (this side has no more negations than the other: one may be
    a paraphrase of another there) only that placement is trusted.
    """
    found, moved = anchors(ws, other), unique(ws, other)
    clause, other_clause = clauses(ws, text), clauses(other, other_text)
    sentence = sentences(other, other_text)
    mine = {w.stem for w in ws if says_negatively(w)}
    here = {w.stem for w in ws if w.content}
    negative_at = [
        j
        for j, w in enumerate(other)
        if _is_negation(w) or (says_negatively(w) and w.stem not in mine) or _negated_word(w, here)
    ]
    index = {id(w): k for k, w in enumerate(ws)}
    own = sentences(ws, text)
    out = []
    for neg in negs:
        k = index[id(neg)]
        if _carries_on(k, ws, own):
            continue
        place = None if exact else _counterpart(k, ws, clause, found, moved)
        margin = MARGIN
        if place is None and not _two_negatives(k, ws, clause):
            place = _framed(k, ws, other, clause, found)
            margin = len(other)  # a negation anywhere in that clause was moved: "let not him ... go down"
        if place is None:
            continue
        lo, hi, anchor = place
        if _as_negative(k, ws, found, other, {sentence[lo], sentence[hi]}, sentence):
            continue  # the other side says it with a negation too, elsewhere in its sentence
        there = {other_clause[lo], other_clause[hi]}
        if any(lo - margin <= j <= hi + margin and other_clause[j] in there for j in negative_at):
            continue
        out.append((neg, ws[anchor]))
    return out
