"""What crash isolation costs with ``-j 1``: every file extracted in one worker
process (so that a crash in PDFium is one recorded error) against extraction
in the calling process, as before. Real documents: Debian copyright files,
licences, HTML manuals from /usr/share/doc and the PDFs of tests/data/pdf.

    python bench/isolation_cost.py [--files 600] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from verify.parallel import map_ordered
from verify.pipeline import Options, crashed_record, process_file

HERE = Path(__file__).resolve().parent.parent


def documents(limit: int) -> list[str]:
    found = sorted(str(p) for p in Path("/usr/share/doc").glob("*/copyright"))[: limit // 2]
    found += sorted(str(p) for p in Path("/usr/share/doc").rglob("*.html"))[: limit // 4]
    found += sorted(str(p) for p in Path("/usr/share/common-licenses").glob("*"))
    found += sorted(str(p) for p in (HERE / "tests/data/pdf").glob("*.pdf"))
    return found[:limit]


def _one(item: tuple[str, Options]) -> object:
    return process_file(item[0], options=item[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    options = Options(lint=True)
    items = [(p, options) for p in documents(args.files)]
    timings: dict[str, list[float]] = {"in-process (before)": [], "one worker process (now)": []}
    for _ in range(args.repeat):
        for label, kwargs in (("in-process (before)", {}),
                              ("one worker process (now)",
                               {"on_crash": lambda item, why: crashed_record(item[0], why)})):
            started = time.perf_counter()
            map_ordered(_one, items, jobs=1, **kwargs)  # type: ignore[arg-type]
            timings[label].append(time.perf_counter() - started)
    print(f"{len(items)} files, -j 1, median of {args.repeat}")
    base = statistics.median(timings["in-process (before)"])
    for label, values in timings.items():
        median = statistics.median(values)
        print(f"  {label:28} {median:7.2f} s  ({(median / base - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
