"""How canonicalisation time grows with the length of a document.

Two inputs, each at growing sizes; the time per MB should stay flat (linear
growth):

- a hyphenated, header-laden prose text (two quadratic loops were found this
  way: a removed header scanned back over every kept line; dehyphenation
  copied the rest of the text at each break);
- a word broken at a line end and written whole on every line (canon/3's
  hyphen decision weighs the other uses of each spelling);
- one run of letters with no space (issue 8 item 5: ``'w' * 100000`` took
  90 s, because dehyphenation's pattern ``[^\\W\\d_]+-\\n`` was retried at every
  letter of the run), and the same run broken by a hyphen at a line end.

    python bench/canon_scaling.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from verify.normalize import canonicalize_text

UNIT = "Annual Report 2007\nthe infor-\nmation society and its com-\nmunication networks.\n\n"


def _prose(size: int) -> str:
    return UNIT * (size // len(UNIT))


def _letters(size: int) -> str:
    return "w" * size


def _broken_letters(size: int) -> str:
    return "w" * (size // 2) + "-\n" + "w" * (size // 2)


#: canon/3 weighs every other use of a broken word's spellings: a word broken
#: and written whole on every line must not make that quadratic.
REPEATED = "the infor-\nmation and the information here.\n"


def _repeated(size: int) -> str:
    return REPEATED * (size // len(REPEATED))


INPUTS: dict[str, Callable[[int], str]] = {
    "prose": _prose, "letter run": _letters, "letter run, hyphen at a line end": _broken_letters,
    "a word broken and written whole on every line": _repeated}


def main() -> None:
    print("| input | characters | seconds (best of 3) | s per MB |\n|---|---|---|---|")
    for name, make in INPUTS.items():
        for size in (100_000, 400_000, 1_600_000):
            text = make(size)
            best = min(_time(text) for _ in range(3))
            megabytes = len(text.encode()) / 1e6
            print(f"| {name} | {len(text):,} | {best:.3f} | {best / megabytes:.3f} |", flush=True)


def _time(text: str) -> float:
    start = time.perf_counter()
    canonicalize_text(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
