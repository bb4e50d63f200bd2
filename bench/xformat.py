"""Cross-format agreement: one text as txt, HTML and PDF gives one ``text_sha256``.

Usage::

    python bench/xformat.py [--only GROUP ...] [--differences N]
    python bench/xformat.py --groups bench/xformat_heldout.json [--data DIR]

Two kinds of groups:

- the real groups of ../shared/corpora/same-document-multiple-formats
  (renderings made by the documents' own tools; its README documents where
  their words differ: rbash's one sentence, "descendent"/"descendant" in the
  bash article, RFC 7911's legacy "Simplified BSD License");
- our own renderings (tests/renderings.py) of real texts of several genres:
  txt hard-wrapped and hyphenated, HTML inside a site's chrome, PDF with a
  running header from page 2, page numbers, rules and footnotes.

With ``--groups FILE`` only the groups that FILE lists are scored (a JSON
list of groups: id, files relative to ``--data``, expected ``agree`` or
``differ``, source); ``bench/xformat_heldout.json`` is canon10's held-out set
(RFC 8446 txt/html twice, the GPL-3.0 as the FSF's text and HTML, the bash
reference manual as makeinfo HTML, pdfTeX PDF and info), whose data lives
outside the repository (default ``--data /work/canon10-heldout``).

For each group: whether all hashes agree, the lowest token similarity
(difflib ratio over lower-cased ``\\w+`` tokens of the canonical texts)
against the first file, and the differences ``verify compare`` reports
between the first file and each other one (count, and the first few).

Whether compare reports *exactly* what differs (``--exact``): the canonical
texts of the first file and each other one are diffed word by word (tokens
between whitespace; those are what ``text_sha256`` hashes); each differing
place is a **word place** when its ``\\w`` characters differ, else a place
of marks and spacing only (``digit- moves`` / ``digit-moves``). A word
place that no reported difference touches (its span on either side) is
**missed**; a reported difference that touches no differing place is
**spurious** (for a number, date or symbol "only in" one side, only that
side's span counts, the other is the whole aligned sentence). Printed per
pair as ``places/word places/missed/spurious``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from renderings import RULE, Doc, paragraphs_of, to_html, to_pdf, to_txt  # noqa: E402

from verify.compare import Difference, compare_texts  # noqa: E402
from verify.model import Record  # noqa: E402
from verify.pipeline import process_bytes  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
#: The documented difference of each differing group (its README), as words
#: that one of compare's reported differences must show.
DOCUMENTED = {"rbash": ("BASHOPTS", "values"), "bash-article": ("descendent", "descendant"),
              "rfc7911": ("Simplified",)}
GROUPS = SHARED / "same-document-multiple-formats"
_TOKEN = re.compile(r"\w+")


def real_groups() -> list[tuple[str, list[tuple[str, bytes]], str]]:
    manifest = json.loads((GROUPS / "manifest.json").read_text("utf-8"))
    out = []
    for group in manifest["groups"]:
        files = [(f["file"], (GROUPS / f["file"]).read_bytes()) for f in group["files"]
                 if not f["file"].endswith(".xml")]
        expected = "differ" if group.get("known_content_differences") else "agree"
        out.append((group["id"], files, expected))
    return out


def listed_groups(listing: Path, data: Path) -> list[tuple[str, list[tuple[str, bytes]], str]]:
    """The groups of a JSON group list, their files read under ``data``."""
    spec = json.loads(listing.read_text("utf-8"))
    return [(g["id"], [(f, (data / f).read_bytes()) for f in g["files"]], g["expected"])
            for g in spec["groups"]]


def own_documents() -> list[tuple[str, Doc]]:
    apache = paragraphs_of(Path("/usr/share/common-licenses/Apache-2.0").read_text("utf-8"))
    mpl = paragraphs_of(Path("/usr/share/common-licenses/MPL-2.0").read_text("utf-8"))
    truth = json.loads((SHARED / "html-boilerplate" / "ground-truth.json").read_text("utf-8"))
    news_id = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
    news = paragraphs_of(truth[news_id]["articleBody"])
    with (SHARED / "parallel-translations" / "from-sword-modules" / "KJV.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Book"] == "Ruth"]
    ruth = tuple(" ".join(r["Text"] for r in rows if r["Chapter"] == str(c)) for c in range(1, 5))
    seed = paragraphs_of((ROOT / "sources" / "002_e1609b8a501e843d.txt").read_text("utf-8"))
    shouting = ("THE POSSIBILITY OF SUCH DAMAGES AND THE RESPONSIBILITY FOR INTERPRETATION "
                "OF INTERNATIONAL AGREEMENTS REMAINS WITH THE ORGANIZATIONS CONCERNED.")
    return [
        ("own/apache-2.0 (legal)", Doc("Apache License 2.0", apache[:40])),
        ("own/mpl-2.0 (legal, rules)", Doc("Mozilla Public License 2.0", (*mpl[:30], RULE, *mpl[30:45]))),
        ("own/news (venturebeat)", Doc("WeWork investigation", (*news, shouting),
                                       ((1, 1, "Reported by the newsroom on 18 November 2019."),))),
        ("own/ruth (literary, KJV)", Doc("The Book of Ruth", ruth)),
        ("own/sco-2006 (government)", Doc("SCO statement 2006", (*seed[1:], RULE, shouting))),
    ]


def own_groups() -> list[tuple[str, list[tuple[str, bytes]], str]]:
    return [(name, [("txt", to_txt(doc).encode()), ("html", to_html(doc).encode()), ("pdf", to_pdf(doc))],
             "agree") for name, doc in own_documents()]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _places(a: str, b: str) -> list[tuple[int, int, int, int, bool]]:
    """(a start, a end, b start, b end, word place) of every differing place."""
    ta, tb = [m for m in re.finditer(r"\S+", a)], [m for m in re.finditer(r"\S+", b)]
    ops = difflib.SequenceMatcher(None, [m.group() for m in ta], [m.group() for m in tb],
                                  autojunk=False).get_opcodes()
    out = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        sa = (ta[i1].start(), ta[i2 - 1].end()) if i2 > i1 else ((ta[i1 - 1].end(),) * 2 if i1 else (0, 0))
        sb = (tb[j1].start(), tb[j2 - 1].end()) if j2 > j1 else ((tb[j1 - 1].end(),) * 2 if j1 else (0, 0))
        words = (_TOKEN.findall(" ".join(m.group() for m in ta[i1:i2]))
                 != _TOKEN.findall(" ".join(m.group() for m in tb[j1:j2])))
        out.append((*sa, *sb, words))
    return out


def _touches(span: tuple[int, int], lo: int, hi: int) -> bool:
    """Whether a reported span and a place's span meet (a zero-width one: lies inside)."""
    start, end = span
    if start == end:
        return lo <= start <= hi
    if lo == hi:
        return start < lo < end
    return start < hi and lo < end


def exactness(a: str, b: str, found: tuple[Difference, ...]) -> str:
    """``places/word places/missed/spurious`` of one pair (see the module's doc)."""
    places = _places(a, b)

    def sides(d: Difference) -> tuple[bool, bool]:
        only = d.detail.endswith(("only in A", "only in B")) and d.kind in ("number", "date", "symbol")
        return (not only or d.detail.endswith("A"), not only or d.detail.endswith("B"))

    def touch(d: Difference, p: tuple[int, int, int, int, bool]) -> bool:
        use_a, use_b = sides(d)
        return ((use_a and _touches((d.a.span.start, d.a.span.end), p[0], p[1]))
                or (use_b and _touches((d.b.span.start, d.b.span.end), p[2], p[3])))

    word_places = [p for p in places if p[4]]
    missed = sum(1 for p in word_places if not any(touch(d, p) for d in found))
    spurious = sum(1 for d in found if not any(touch(d, p) for p in places))
    return f"{len(places)}/{len(word_places)}/{missed}/{spurious}"


def score(name: str, files: list[tuple[str, bytes]], expected: str, shown: int,
          exact: bool = False) -> list[str]:
    records: list[Record] = [process_bytes(data, label) for label, data in files]
    digests = {r.text_sha256 for r in records}
    agree = len(digests) == 1 and None not in digests
    first = records[0]
    found_documented = False
    sims: list[float] = []
    diffs: list[int | str] = []
    exacts: list[str] = []
    notes: list[str] = []
    for other in records[1:]:
        a, b = first.text or "", other.text or ""
        sims.append(difflib.SequenceMatcher(None, tokens(a), tokens(b), autojunk=False).ratio())
        try:
            found = compare_texts(a, b).differences if a and b and a != b else ()
        except Exception as exc:  # a crash of compare is a finding of this benchmark, not its end
            diffs.append(f"crash ({type(exc).__name__})")
            continue
        diffs.append(len(found))
        if exact:
            exacts.append(exactness(a, b, found) if a != b else "0/0/0/0")
        found_documented = found_documented or any(
            word in d.a.text + " " + d.b.text for d in found for word in DOCUMENTED.get(name, ()))
        for d in found[:shown]:
            notes.append(f"{Path(first.path).name} vs {Path(other.path).name}: {d.kind}: "
                         f"{d.a.text[:60]!r} / {d.b.text[:60]!r}")
    if expected == "agree":
        verdict = "PASS" if agree else "FAIL"
    else:
        verdict = ("FAIL (hashes agree)" if agree else
                   "hashes differ; compare " + ("shows" if found_documented else "MISSES")
                   + " the documented difference")
    line = (f"| {name} | {len(files)} | {expected} | {'yes' if agree else 'no'} | "
            f"{min(sims):.3f} | {', '.join(map(str, diffs))} | {verdict} |"
            + (f" {', '.join(exacts)} |" if exact else ""))
    return [line, *notes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append")
    parser.add_argument("--differences", type=int, default=3, help="differences shown per pair")
    parser.add_argument("--exact", action="store_true",
                        help="also places/word places/missed/spurious per pair (slower)")
    parser.add_argument("--groups", type=Path, help="score only the groups this JSON list names")
    parser.add_argument("--data", type=Path, default=Path("/work/canon10-heldout"),
                        help="where the files of --groups are")
    args = parser.parse_args(argv)
    groups = listed_groups(args.groups, args.data) if args.groups else real_groups() + own_groups()
    print("| group | files | expected | hashes agree | min token similarity | "
          "compare's differences (first vs each) | verdict |"
          + (" places/word places/missed/spurious |" if args.exact else ""))
    print("|---|---|---|---|---|---|---|" + ("---|" if args.exact else ""))
    notes: list[str] = []
    for name, files, expected in groups:
        if args.only and not any(o in name for o in args.only):
            continue
        line, *more = score(name, files, expected, args.differences, args.exact)
        print(line, flush=True)
        notes.extend(f"- {name}: {n}" for n in more)
    if notes:
        print("\nfirst differences reported by verify compare:\n")
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
