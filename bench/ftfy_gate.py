"""Does the cheap gate in front of ftfy change any output? (it must not)

Usage::

    python bench/ftfy_gate.py

:func:`verify.normalize.steps.mojibake` calls ftfy only on lines that its
gate finds suspicious (ftfy's own badness test, or a character that ftfy
repairs otherwise). This compares, line by line, the gated step with ftfy
run on every non-ASCII line, over: ftfy's labelled mojibake cases
(../shared/corpora/mojibake), the text of the html-boilerplate pages, the
plain-text licence and copyright files of this machine, and the text of the
real PDFs; and prints lines seen, lines ftfy would change, lines the gate
skipped, and lines where the outputs differ (target: 0).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from verify.normalize.steps import _FTFY_CONFIG, _suspicious  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"


def _texts() -> Iterator[tuple[str, str]]:
    for path in sorted((SHARED / "mojibake" / "test-cases").glob("*.json")):
        for case in json.loads(path.read_text("utf-8")):
            yield "mojibake", case["original"]
    yield "mojibake", (SHARED / "mojibake" / "face.txt").read_text("utf-8", errors="replace")
    for path in sorted((SHARED / "html-boilerplate" / "html").glob("*.gz")):
        yield "html", gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    licences = sorted(Path("/usr/share/common-licenses").iterdir())
    for path in sorted(Path("/usr/share/doc").glob("*/copyright")) + licences:
        if path.is_file():
            yield "text", path.read_bytes().decode("utf-8", errors="replace")
    import pypdfium2 as pdfium

    for path in sorted((SHARED / "pdf-text").rglob("*.pdf")):
        try:
            doc = pdfium.PdfDocument(path.read_bytes())
        except pdfium.PdfiumError:
            continue
        yield "pdf", "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def main() -> int:
    stats: dict[str, list[int]] = {}
    examples: list[str] = []
    for kind, text in _texts():
        row = stats.setdefault(kind, [0, 0, 0, 0])
        for line in text.replace("\r\n", "\n").split("\n"):
            if line.isascii() and "\x1b" not in line:
                continue
            row[0] += 1
            fixed = ftfy.fix_text(line, _FTFY_CONFIG)
            row[1] += fixed != line
            gated = fixed if _suspicious(line) else line
            row[2] += not _suspicious(line)
            if gated != fixed:
                row[3] += 1
                examples.append(f"{kind}: {line[:70]!r} -> {fixed[:70]!r}")
    print("| texts | non-ASCII lines | ftfy changes | skipped by the gate | outputs differ |")
    print("|---|---|---|---|---|")
    for kind, (seen, changed, skipped, differ) in stats.items():
        print(f"| {kind} | {seen} | {changed} | {skipped} | {differ} |")
    for example in examples[:20]:
        print("-", example)
    return 0


if __name__ == "__main__":
    sys.exit(main())
