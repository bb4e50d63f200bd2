"""How often the settling cycle after unwrapping changes anything, and what it costs.

Usage::

    python bench/settle_cycle.py [--set identity|pdf] [--pdf PATH...] [--tree DIR]

Instruments :func:`verify.normalize._characters` from outside (the code is
not touched): the call that settles the text after the layout steps (the one
given ``start > 0``) is timed in this process's CPU time, and each text step
it runs is counted, timed and checked for a change. ``--set identity`` runs
the 2,200 documents of ``bench/canon_identity.py``; ``--set pdf`` the PDFs
of ``bench/ingest_speed.py``; ``--pdf`` other PDFs (a held-out set).
Prints: documents, how many had a settling cycle that changed something
(and which steps changed), the settling cycle's total CPU, and per step its
calls, CPU and changes inside the cycle.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _documents(which: str, pdfs: list[Path] | None) -> Iterator[tuple[str, bytes]]:
    if pdfs:
        for path in pdfs:
            yield path.as_posix(), path.read_bytes()
        return
    if which == "pdf":
        from ingest_speed import _readable_pdfs

        for i, data in enumerate(_readable_pdfs()):
            yield f"pdf{i}", data
        return
    from canon_identity import _read, documents

    for name, path in documents(40):
        yield name, _read(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("identity", "pdf"), default="identity")
    parser.add_argument("--pdf", type=Path, nargs="+", metavar="PATH")
    parser.add_argument("--tree", type=Path, default=ROOT, help="import verify from this checkout")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(ROOT / "bench"))
    import verify.normalize as normalize
    from verify.pipeline import Options, process_bytes

    in_settle = [False]
    seconds: dict[str, float] = defaultdict(float)
    calls: Counter[str] = Counter()
    changes: Counter[str] = Counter()
    docs_changed: Counter[str] = Counter()
    settle = {"cpu": 0.0, "runs": 0, "changed": 0}
    doc_steps: list[tuple[str, bool]] = []  # (step, changed) in the order the cycle ran them
    original_characters = normalize._characters
    original_text_step = normalize._text_step

    def text_step(name: str, fn: Callable[[str], str], pages: Any, *rest: Any) -> Any:
        if not in_settle[0]:
            return original_text_step(name, fn, pages, *rest)
        start = time.process_time()
        out = original_text_step(name, fn, pages, *rest)
        seconds[name] += time.process_time() - start
        calls[name] += 1
        if out[1] is not None:
            changes[name] += 1
        doc_steps.append((name, out[1] is not None))
        return out

    @functools.wraps(original_characters)
    def characters(pages: Any, run: Any, merged: Any, start: int = 0, **more: Any) -> Any:
        if start == 0:
            return original_characters(pages, run, merged, start, **more)
        in_settle[0] = True
        begin = time.process_time()
        try:
            out = original_characters(pages, run, merged, start, **more)
        finally:
            in_settle[0] = False
        settle["cpu"] += time.process_time() - begin
        settle["runs"] += 1
        # The trailing steps' first run is needed anyway (it is their only
        # run in the old driver's order); the cycle is for a change by any
        # step after them.
        later = sorted({name for name, changed in doc_steps[len(run) - start:] if changed})
        if later:
            settle["changed"] += 1
            docs_changed[",".join(later)] += 1
        doc_steps.clear()
        return out

    normalize._characters = characters
    normalize._text_step = text_step
    options = Options(timeout=None)
    total = 0
    errors = 0
    for _name, data in _documents(args.set, args.pdf):
        total += 1
        errors += process_bytes(data, "x", options).error_code is not None
    where = Path(normalize.__file__).resolve().parent.parent
    print(f"{total} documents ({errors} with an error record), verify of {where}")
    print(f"settling cycles run: {settle['runs']}, CPU {settle['cpu']:.3f} s; "
          f"cycles where a step other than the trailing ones (first run) changed the text: "
          f"{settle['changed']}")
    print("steps that changed something, per document (count):")
    for key, count in docs_changed.most_common():
        print(f"  {count:5d}  {key}")
    print("| step (in the settling cycle) | calls | CPU s | calls that changed the text |")
    print("|---|---|---|---|")
    for name in sorted(calls, key=lambda n: -seconds[n]):
        print(f"| {name} | {calls[name]} | {seconds[name]:.3f} | {changes[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
