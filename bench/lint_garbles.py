"""Recall of ``verify lint`` on garbles injected into clean real texts.

The texts are the **held-out** quarter of ``bench/_real_texts.py`` (no
detector was tuned on them) and the biomedical abstracts of
``shared/corpora/abbreviations/bioc-abbreviation-corpora`` (Ab3P, BioText,
Medstract: only ever used to measure definitions). Into each text one
garble is injected, the way extraction and retyping damage text:

- ``permutation``, ``substitution``, ``reversal``: an acronym of three or
  more letters used three times or more has its last use (its last two if it
  is used five times or more) replaced by a reordering of its letters (not
  its reversal), by the same with one letter changed, or by its reversal;
- ``ocr``: a word of five letters or more used three times or more has its
  last use written with an OCR confusion (``0`` for ``o``/``O``, ``1`` for
  ``l``, ``rn`` for ``m`` or ``m`` for ``rn``).

A garble is never a form the text already holds. A garble counts as found
when a warning's span covers it and (for acronyms) its evidence names the
original form. Every ``acronym.variant`` elsewhere in the texts is a false
alarm, counted per 10,000 words.

    python bench/lint_garbles.py [--seed N] [--jobs N] [--show KIND]
                                 [--part held-out|tuning|system] [--fresh FOLDER]

``--part tuning`` injects into the tuning part of the real texts instead
(no abstracts): rules are developed there, and the default measures them.
``--part system`` injects into texts no lint benchmark reads (the lintrev
round's held-out set): the manual pages of sections 5, 7 and 8 typeset by
``groff`` and the ``README*`` files of ``/usr/share/doc`` (plain text,
Markdown, Debian notes). ``--fresh FOLDER`` injects into a fresh set
(``bench/_real_texts.fresh_documents``: the lint9, lint10, lint11 sets).

Target (issue 11): recall >= 0.9 for 3+ letter acronyms, <= 1 false
``acronym.variant`` per 10,000 words.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_texts import SHARED, documents, fresh_documents, typeset_manpage
from lint_definitions import passages

from verify.detect import lint_text
from verify.detect.acronyms import occurrences
from verify.pipeline import process_bytes

ACRONYM_KINDS = ("permutation", "substitution", "reversal")
KINDS = (*ACRONYM_KINDS, "ocr")
_WORD_RE = re.compile(r"(?<![\w'’-])[A-Za-z]{5,}(?![\w'’-])")


@dataclass(frozen=True)
class Trial:
    name: str
    kind: str
    original: str
    garble: str
    spans: tuple[tuple[int, int], ...]
    found: int
    false_variants: int
    words: int


def texts(part: str = "held-out", fresh: Path | None = None) -> list[tuple[str, str]]:
    """(name, canonical text) of every held-out real text and every abstract
    (``part="tuning"``: the tuning part of the real texts instead, and no
    abstract, to develop a rule on without touching what measures it;
    ``part="system"``: :func:`system_texts`; ``fresh``: a fresh set)."""
    if fresh is not None:
        return _canonical((doc.name, doc.data) for doc in fresh_documents(fresh))
    if part == "system":
        return _canonical(system_texts())
    out = []
    for doc in documents():
        if doc.held_out is (part == "held-out"):
            record = process_bytes(doc.data, doc.name)
            if record.text:
                out.append((doc.name, record.text))
    if part == "tuning":
        return out
    root = SHARED / "abbreviations/bioc-abbreviation-corpora"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        abstracts: dict[str, list[str]] = {}
        for key, text in passages(folder):
            abstracts.setdefault(f"{folder.name}/{key}", []).append(text)
        out += [(key, "\n\n".join(parts)) for key, parts in abstracts.items()]
    return out


def _canonical(sources: Iterable[tuple[str, bytes]]) -> list[tuple[str, str]]:
    out = []
    for name, data in sources:
        record = process_bytes(data, name)
        if record.text:
            out.append((name, record.text))
    return out


def system_texts() -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of the texts of this machine that no lint benchmark
    reads: every manual page of sections 5, 7 and 8 (typeset as
    ``_real_texts`` typesets section 1) and every ``README*`` file of
    ``/usr/share/doc`` (decompressed)."""
    for section in ("man5", "man7", "man8"):
        for path in sorted(Path("/usr/share/man", section).glob("*.gz")):
            source = _read(path)
            if path.is_symlink() or source is None or source.startswith(b".so "):
                continue
            typeset = typeset_manpage(source)
            if typeset is not None:
                yield str(path), typeset
    for path in sorted(Path("/usr/share/doc").glob("*/README*")):
        data = _read(path)
        if path.is_file() and data:
            yield str(path), data


def _read(path: Path) -> bytes | None:
    data = path.read_bytes()
    if path.suffix != ".gz":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError):
        return None


def garble_acronym(form: str, kind: str, rng: random.Random, taken: set[str]) -> str | None:
    letters = list(form)
    for _ in range(50):
        if kind == "reversal":
            candidate = form[::-1]
        elif kind == "permutation":
            shuffled = letters[:]
            rng.shuffle(shuffled)
            candidate = "".join(shuffled)
            if candidate == form[::-1]:
                continue
        else:
            i = rng.randrange(len(form))
            candidate = form[:i] + rng.choice("ABCDEFGHIJKLMNOPRSTUVWY") + form[i + 1 :]
        if candidate != form and candidate not in taken:
            return candidate
        if kind == "reversal":
            return None
    return None


def garble_word(word: str, rng: random.Random, taken: set[str]) -> str | None:
    options = []
    for i, c in enumerate(word):
        if c in "oO":
            options.append(word[:i] + "0" + word[i + 1 :])
        if c == "l":
            options.append(word[:i] + "1" + word[i + 1 :])
        if c == "m":
            options.append(word[:i] + "rn" + word[i + 1 :])
        if word[i : i + 2] == "rn":
            options.append(word[:i] + "m" + word[i + 2 :])
    options = [o for o in options if o not in taken]
    return rng.choice(sorted(options)) if options else None


def trial(item: tuple[str, str, str, int]) -> Trial | None:
    name, text, kind, seed = item
    rng = random.Random(f"{seed}:{name}:{kind}")
    taken = set(re.findall(r"\w+", text))
    if kind == "ocr":
        counts = Counter(m.group() for m in _WORD_RE.finditer(text))
        pool = sorted(w for w, n in counts.items() if n >= 3)
        rng.shuffle(pool)
        for word in pool:
            garble = garble_word(word, rng, taken)
            if garble:
                spans = [m.span() for m in re.finditer(rf"(?<![\w'’-]){word}(?![\w'’-])", text)][-1:]
                return _run(name, text, kind, word, garble, spans)
        return None
    uses = occurrences(text)
    counts = Counter(u.form for u in uses)
    pool = sorted(f for f, n in counts.items() if n >= 3 and len(f) >= 3)
    rng.shuffle(pool)
    for form in pool:
        garble = garble_acronym(form, kind, rng, taken)
        if garble:
            spans = [(u.start, u.end) for u in uses if u.form == form]
            return _run(name, text, kind, form, garble, spans[-2:] if len(spans) >= 5 else spans[-1:])
    return None


def _run(name: str, text: str, kind: str, original: str, garble: str,
         spans: list[tuple[int, int]]) -> Trial:
    pieces, last, new_spans, shift = [], 0, [], 0
    for start, end in spans:
        pieces += [text[last:start], garble]
        new_spans.append((start + shift, start + shift + len(garble)))
        shift += len(garble) - (end - start)
        last = end
    garbled = "".join(pieces) + text[last:]
    found_spans = set()
    false_variants = 0
    for f in lint_text(garbled):
        if f.severity == "note":
            continue
        hit = next((s for s in new_spans if f.span.start < s[1] and s[0] < f.span.end), None)
        if hit is not None:
            evidence = dict(f.evidence)
            if kind == "ocr" or evidence.get("stands_for") == original:
                found_spans.add(hit)
        elif f.code == "acronym.variant":
            false_variants += 1
    return Trial(name, kind, original, garble, tuple(new_spans), len(found_spans), false_variants,
                 len(garbled.split()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", help="list the misses of this kind")
    parser.add_argument("--part", choices=("held-out", "tuning", "system"), default="held-out",
                        help="held-out (the measure), tuning (to develop a rule on) or system "
                             "(manual pages 5, 7, 8 and READMEs: the lintrev round's held-out set)")
    parser.add_argument("--fresh", type=Path, help="inject into this fresh set instead")
    args = parser.parse_args()
    corpus = texts(args.part, args.fresh)
    items = [(name, text, kind, args.seed) for name, text in corpus for kind in KINDS]
    with ProcessPoolExecutor(args.jobs) as pool:
        trials = [t for t in pool.map(trial, items, chunksize=4) if t is not None]
    words = sum(len(t.split()) for _n, t in corpus)
    print(f"{len(corpus)} clean texts ({words:,} words), seed {args.seed}\n")
    print("| garble | injected | found | recall |")
    print("|---|---:|---:|---:|")
    for kind in (*KINDS, "acronyms (3 kinds)"):
        wanted = ACRONYM_KINDS if kind.startswith("acronyms") else (kind,)
        chosen = [t for t in trials if t.kind in wanted]
        injected = sum(len(t.spans) for t in chosen)
        found = sum(t.found for t in chosen)
        recall = f"{found / injected:.2f}" if injected else "-"
        print(f"| {kind} | {injected} | {found} | {recall} |")
    # False acronym.variant: on the clean texts themselves (one lint each).
    with ProcessPoolExecutor(args.jobs) as pool:
        false = sum(pool.map(_false_variants, [t for _n, t in corpus], chunksize=8))
    print(f"\nfalse acronym.variant on the same texts before injection: {false} "
          f"({10_000 * false / words:.2f} per 10,000 words)")
    if args.show:
        for t in trials:
            if t.kind == args.show and t.found < len(t.spans):
                print(f"  missed {t.original} -> {t.garble} in {t.name}")
    return 0


def _false_variants(text: str) -> int:
    return sum(f.code == "acronym.variant" for f in lint_text(text))


if __name__ == "__main__":
    raise SystemExit(main())
