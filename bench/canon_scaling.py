"""How canonicalisation time grows with the length of a document.

A hyphenated, header-laden text is repeated to 0.1, 0.5 and 2 MB; the time
per MB should stay flat (linear growth). Two quadratic loops were found this
way (a removed header scanned back over every kept line; dehyphenation
copied the rest of the text at each break).

    python bench/canon_scaling.py
"""

from __future__ import annotations

import time

from verify.normalize import canonicalize_text

UNIT = "Annual Report 2007\nthe infor-\nmation society and its com-\nmunication networks.\n\n"


def main() -> None:
    print("| MB | seconds (best of 3) | s per MB |\n|---|---|---|")
    for repeat in (1200, 6000, 24000):
        text = UNIT * repeat
        best = min(_time(text) for _ in range(3))
        megabytes = len(text.encode()) / 1e6
        print(f"| {megabytes:.2f} | {best:.2f} | {best / megabytes:.2f} |")


def _time(text: str) -> float:
    start = time.perf_counter()
    canonicalize_text(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
