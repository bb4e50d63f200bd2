"""The faster forms of the lint helpers give what the plain forms gave.

Each speed-up of the lintspeed round replaced a plain piece of code (a slice
and a search per name, a walk back one character at a time, a pattern that
starts with a look-behind or a look-ahead) by a faster one. The plain forms
are kept here as references and compared with the fast ones on real
paragraphs (the seeds, the real documents and the Wikipedia articles of
``tests/data/detect``) and on edge cases written for them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import SOURCES

from verify.detect import footnote, name_variant, orphan_punctuation, running_header
from verify.detect._text import Paragraph, paragraphs, paragraphs_with
from verify.detect.acronyms import STOPWORDS
from verify.detect.config import Corpus

DATA = Path(__file__).resolve().parent.parent / "data" / "detect"

EDGES = [
    "Name",
    " Mathias Koch",
    "  Mathias Koch and Matthias Clasen",
    "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij Marcus went",
    "x Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh Marcus went",
    "(Mat Marcus) O'Brien-Smith Marcus. Copyright 2001 Marcus Johnson, and",
    "field.Header of the Site and more.Header of the Site",
    "a,, b ; ; c .: d\n:, e\n\n; f",
    "Zürich Zurich Ätzend Straße Strasse 12Marcus _Marcus Marcus_ ’Marcus Marcus’s",
    "1234567890" * 7 + " Marcus " + "word " * 20,
    # the word before a name starts 40 characters back (a partner) or 41 (too far)
    "A" + "b" * 38 + " Marcus and " + "A" + "b" * 39 + " Marcus",
]


def _texts() -> list[str]:
    paths = sorted(SOURCES.glob("*.txt")) + sorted((DATA / "real").glob("*.txt"))
    paths += sorted(DATA.glob("wikipedia_*.txt"))
    return [p.read_text(encoding="utf-8-sig") for p in paths] + EDGES


TEXTS = _texts()
PLAIN_NAME_RE = re.compile(r"(?<![\w’'-])[A-Z][a-z]{5,}(?![\w’'-])")
WORD_RE = re.compile(r"[^\W\d_]+")


def plain_context(text: str, match: re.Match[str], width: int = 2) -> set[str]:
    left = WORD_RE.findall(text[max(0, match.start() - 60) : match.start()])[-width:]
    right = WORD_RE.findall(text[match.end() : match.end() + 60])[:width]
    return {w.lower() for w in left + right if w.lower() not in STOPWORDS} - {match.group().lower()}


def plain_partners(text: str, match: re.Match[str]) -> set[str]:
    after = re.compile(r" ([A-Z][\w’'-]*)(?![\w’'-])").match(text, match.end())
    found = {after.group(1)} if after else set()
    start = match.start() - 1
    if start > 0 and text[start] == " ":
        first = start
        while first > 0 and (text[first - 1].isalnum() or text[first - 1] in "_’'-"):
            first -= 1
        if first < start and first >= match.start() - 40 and "A" <= text[first] <= "Z":
            found.add(text[first:start])
    return found


def test_the_corpus_has_text() -> None:
    assert len(TEXTS) > 20
    assert sum(len(PLAIN_NAME_RE.findall(t)) for t in TEXTS) > 1000


@pytest.mark.parametrize("text", TEXTS)
def test_name_pattern_finds_the_same_names(text: str) -> None:
    assert [m.span() for m in name_variant.NAME_RE.finditer(text)] == [
        m.span() for m in PLAIN_NAME_RE.finditer(text)
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_context_and_partners_read_in_place_are_the_plain_ones(text: str) -> None:
    for match in PLAIN_NAME_RE.finditer(text):
        assert name_variant._context(text, match) == plain_context(text, match), match
        assert name_variant._partners(text, match) == plain_partners(text, match), match


@pytest.mark.parametrize("text", TEXTS)
def test_corpus_counts_are_the_plain_ones(text: str) -> None:
    corpus = Corpus()
    name_variant.add_to_corpus(corpus, text)
    contexts: dict[str, set[str]] = {}
    partners: dict[str, set[str]] = {}
    alone: dict[str, int] = {}
    for match in PLAIN_NAME_RE.finditer(text):
        name = match.group()
        contexts.setdefault(name, set()).update(plain_context(text, match))
        found = plain_partners(text, match)
        partners.setdefault(name, set()).update(found)
        alone[name] = alone.get(name, 0) + (not found)
    assert corpus.name_contexts == contexts
    assert corpus.name_partners == partners
    assert dict(corpus.name_alone) == {k: v for k, v in alone.items() if k in corpus.name_alone}
    assert all(v == 0 for k, v in alone.items() if k not in corpus.name_alone)


def test_a_window_seen_before_still_reads_the_word_after_at_each_use() -> None:
    """Two uses with the same 60 characters either side share their context
    words; the word after the name is read at each use (it may run past the
    window: here two surnames that differ only after 60 letters)."""
    pad = "x" * 70
    first, second = "Q" + "q" * 80, "Q" + "q" * 90
    text = f"{pad} Marcus {first} {pad}\n{pad} Marcus {second} {pad}"
    corpus = Corpus()
    name_variant.add_to_corpus(corpus, text)
    assert corpus.name_partners["Marcus"] == {first, second}
    assert corpus.name_alone["Marcus"] == 0


PLAIN_ANY_MARK_RE = re.compile(r"(?=\.[^\S\n]*[,;:]|[,;:][^\S\n]*[,;:])|^[,;:]", re.MULTILINE)


@pytest.mark.parametrize("text", TEXTS)
def test_orphan_marks_pick_the_same_paragraphs(text: str) -> None:
    assert paragraphs_with(text, orphan_punctuation._ANY_MARK_RE) == paragraphs_with(text, PLAIN_ANY_MARK_RE)


def test_orphan_marks_at_line_starts_and_after_stops() -> None:
    text = "one\n\n, two\n\nthree., four\n\nfive;\n\n: six\n\nseven. ; eight\n\nnine.x"
    chosen = [p.text for p in paragraphs_with(text, orphan_punctuation._ANY_MARK_RE)]
    assert chosen == [", two", "three., four", ": six", "seven. ; eight"]


# The header scan as it was before the automaton: each paragraph cut into
# words (and words glued after punctuation), each word looked up among the
# candidates' first words, then every candidate compared where it stands.
PLAIN_GLUED_WORD_RE = re.compile(r"(?<=[^\w\s])(?=(\w\S*))")
PLAIN_TWO_WORDS_RE = re.compile(r"\S+\s+\S+")


def plain_index(headers: set[str]) -> dict[str, dict[str, list[str]]]:
    index: dict[str, dict[str, list[str]]] = {}
    for header in sorted(headers, key=lambda h: (-len(h), h)):
        two = PLAIN_TWO_WORDS_RE.match(header)
        if two:
            index.setdefault(header.split()[0], {}).setdefault(two.group(), []).append(header)
    return index


def plain_word_starts(para: str, word: str) -> list[int]:
    found, start = [], para.find(word)
    while start != -1:
        end = start + len(word)
        before = para[start - 1] if start else " "
        glued = not before.isspace() and re.match(r"\w", para[start:]) and not re.match(r"\w", before)
        if (before.isspace() or glued) and (end == len(para) or para[end].isspace()):
            found.append(start)
        start = para.find(word, start + 1)
    return found


def plain_inside(para: str, index: dict[str, dict[str, list[str]]]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    words = set(para.split()) | set(PLAIN_GLUED_WORD_RE.findall(para))
    for word in words & index.keys():
        for start in plain_word_starts(para, word):
            two = PLAIN_TWO_WORDS_RE.match(para, start)
            for header in index[word].get(two.group() if two else "", ()):
                if para.startswith(header, start):
                    found.append((start, header))
    return sorted(found, key=lambda f: (f[0], -len(f[1]), f[1]))


def _header_texts() -> list[str]:
    """The texts, and each with some of its lines written again inside
    other lines (after a space, glued after punctuation, inside a word, cut
    short), so that every text has header candidates standing inside."""
    out = []
    for text in TEXTS:
        out.append(text)
        lines = [line for line in text.splitlines() if 3 <= len(line.split()) <= 15][:40]
        extra = []
        for k, line in enumerate(lines):
            extra += [line, line, f"and so {line} went on", f"the end.{line} began"]
            extra += [f"x{line}", line[:-3] + " z"]
            extra.append(f"{line}{lines[(k + 1) % len(lines)]} {line} {line}")
        out.append(text + "\n\n" + "\n\n".join(extra))
    return out


def _candidates(text: str) -> tuple[list[Paragraph], set[str]]:
    paras = list(paragraphs(text))
    counts = Counter(p.text.strip() for p in paras)
    headers = {h for h, n in counts.items() if n >= 2 and 3 <= len(h.split()) <= 15 and h[-1] not in ".!?"}
    return paras, headers


@pytest.mark.parametrize("text", _header_texts())
def test_header_candidates_inside_paragraphs_are_the_plain_ones(text: str) -> None:
    paras, headers = _candidates(text)
    index = plain_index(headers)
    plain = {i: plain_inside(p.text, index) for i, p in enumerate(paras) if p.text.strip() not in headers}
    assert running_header._inside_all(text, paras, headers) == {i: f for i, f in plain.items() if f}


def test_the_header_texts_have_headers_inside() -> None:
    total = 0
    for text in _header_texts()[1::2]:
        paras, headers = _candidates(text)
        total += sum(len(f) for f in running_header._inside_all(text, paras, headers).values())
    assert total > 500


PLAIN_FOOTNOTE_HINTS = (re.compile(r"[^\W\d_][.,;]\d"), re.compile(r"[A-Za-z]\d"))


@pytest.mark.parametrize("text", [*TEXTS, "a1\n\n2b.3 x,4\n\n;5 .6 é,7 _.8 a\n1"])
def test_footnote_hints_pick_the_same_paragraphs(text: str) -> None:
    fast = (footnote._AFTER_HINT_RE, footnote._GLUED_HINT_RE)
    for plain, quick in zip(PLAIN_FOOTNOTE_HINTS, fast, strict=True):
        assert paragraphs_with(text, quick) == paragraphs_with(text, plain)
    assert paragraphs_with("x a1 é,7", fast[0]) and paragraphs_with("x a1 é,7", fast[1])


PLAIN_SIGNATURE_RE = re.compile(r"\w[ ]?\(([^()]{1,200})\)")


@pytest.mark.parametrize("text", [*TEXTS, "f(a)(b) g (c) x((d) h(e(f)) (g) i (\n) j( k ) l(m"])
def test_signatures_are_the_plain_ones(text: str) -> None:
    from verify.detect import code

    fast = [(m.group(1), text[m.start() - 1] != " ") for m in code._SIGNATURE_RE.finditer(text)]
    assert fast == [(m.group(1), m.group()[1] == "(") for m in PLAIN_SIGNATURE_RE.finditer(text)]


PLAIN_NUMBER_RE = re.compile(r"(?<=\s)(\d{1,3}\.)(?=\s+[A-Z\"“]|\s*$)")
PLAIN_MARKER_RE = re.compile(r"(?:^|(?<=\s))\(?(\d{1,3})[.)](?=\s)")
NUMBERED = "1. One (2) two 3) three x4. four (5. five 1234. six a(7) 8.9. 10. Ten 11.\t(12). 13."


@pytest.mark.parametrize("text", [*TEXTS, NUMBERED, "(1) a", "2. b", "(3)"])
def test_stray_number_patterns_are_the_plain_ones(text: str) -> None:
    from verify.detect import stray_number

    for line in text.splitlines():
        assert [(m.span(), m.group(1)) for m in stray_number._NUMBER_RE.finditer(line)] == [
            (m.span(), m.group(1)) for m in PLAIN_NUMBER_RE.finditer(line)
        ]
        fast = [(m.start(), m.group(1) or m.group(2)) for m in stray_number._MARKER_RE.finditer(line)]
        assert fast == [(m.start(), m.group(1)) for m in PLAIN_MARKER_RE.finditer(line)]


def test_the_numbered_line_has_markers() -> None:
    assert len(PLAIN_MARKER_RE.findall(NUMBERED)) >= 5 and len(PLAIN_NUMBER_RE.findall(NUMBERED)) >= 2


PLAIN_HINT_RE = re.compile(r"\d(?:st|nd|rd|th)[a-z]|[a-z][.!?][A-Z]")
GLUED = "the 66thsession 1sta.Bravo 1sta.B 2ndb.C its.The x.Ya.Bc.D 3rdparty.Then end.21stcentury a!B 4thc?D"


def plain_candidates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The candidates as found before: each hint of the plain pattern, read
    from the start of the run of digits (or lower-case letters) it is in."""
    from verify.detect import glued_token

    spans: list[tuple[str, tuple[int, int]]] = []
    for hint in PLAIN_HINT_RE.finditer(text):
        ordinal = hint.group()[0].isdigit()
        back = re.search(r"[0-9]*\Z" if ordinal else r"[a-z]*\Z", text[: hint.start()])
        start = hint.start() - len(back.group()) if back else hint.start()
        if spans and start < spans[-1][1][1]:
            continue
        pattern = glued_token._ORDINAL_RE if ordinal else glued_token._FULL_STOP_RE
        if match := pattern.match(text, start):
            spans.append(("ordinal" if ordinal else "sentence", match.span()))
    return spans


@pytest.mark.parametrize("text", [*TEXTS, GLUED])
def test_glued_token_candidates_are_the_plain_ones(text: str) -> None:
    from verify.detect import glued_token

    assert [(k, m.span()) for k, m in glued_token._candidates(text)] == plain_candidates(text)


def test_glued_hints_next_to_each_other() -> None:
    assert len(plain_candidates(GLUED)) >= 3
    assert len(PLAIN_HINT_RE.findall(GLUED)) >= 8


PLAIN_LEGAL_WORDS_RE = re.compile(
    r"\b(?:licen[cs](?:e[ds]?|or|ee)|copyright|warrant(?:y|ies)|permission|liabilit(?:y|ies)|"
    r"hereby|notwithstanding|pursuant|provisions?|clauses?)\b",
    re.IGNORECASE,
)
LEGAL = ("LICENSE Licensed licences licensor licensee_x xlicense COPYRIGHT Copyrights warranty WARRANTIES "
         "permission liabilities Hereby notwithstanding pursuant provision Provisions clause clauses "
         "Clausewitz 2copyright copyright2 hereby-granted ſ İ K licenſe PERMISSIONS")


@pytest.mark.parametrize("text", [*TEXTS, LEGAL])
def test_legal_words_are_the_plain_ones(text: str) -> None:
    from verify.detect import boilerplate

    fast = [m.span() for m in boilerplate._LEGAL_WORDS_RE.finditer(text)]
    assert fast == [m.span() for m in PLAIN_LEGAL_WORDS_RE.finditer(text)]


def test_the_legal_line_has_legal_words() -> None:
    assert len(PLAIN_LEGAL_WORDS_RE.findall(LEGAL)) >= 15
