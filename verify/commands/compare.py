"""``verify compare A B``: align two versions of a document, report what differs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from verify.commands import add_extraction, add_format, options_from
from verify.errors import VerifyError
from verify.pipeline import process_file
from verify.safeio import refuse_overwriting_input


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "compare",
        help="align two versions of a document and report what differs",
        description="Extract and canonicalise A and B, align their sentences, and report the "
        "differences of substance: numbers, dates, document symbols, names and "
        "terms, dropped content words, and passages present on one side only "
        "(omission: in A only; addition: in B only). Exit 0 when there is no "
        "substantive difference, 1 when there are, 2 when a file cannot be read.",
    )
    parser.add_argument("a", metavar="A", help="the first version (PDF, HTML or text)")
    parser.add_argument("b", metavar="B", help="the second version")
    add_format(parser, "text", "json", "html")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    add_extraction(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # numpy and the aligner load only when a comparison runs, not for every command.
    from verify.compare import compare_texts, to_dict
    from verify.report import compare_html, compare_text

    if args.output:
        refuse_overwriting_input(args.output, [args.a, args.b], VerifyError)
    text_a = _canonical_text(args.a, args)
    text_b = _canonical_text(args.b, args)
    comparison = compare_texts(text_a, text_b)
    if args.format == "json":
        report = (
            json.dumps(to_dict(comparison, args.a, args.b), sort_keys=True, ensure_ascii=False, indent=2)
            + "\n"
        )
    elif args.format == "html":
        report = compare_html.render(comparison, args.a, args.b)
    else:
        report = compare_text.render(comparison, args.a, args.b)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise VerifyError(f"cannot write the report: {exc.strerror}", path=args.output) from exc
        total = len(comparison.differences)
        plural = "s" * (total != 1)
        sys.stdout.write(f"wrote the {args.format} report to {args.output} ({total} difference{plural})\n")
    else:
        sys.stdout.write(report)
    return 0 if comparison.identical else 1


def _canonical_text(path: str, args: argparse.Namespace) -> str:
    record = process_file(path, options=options_from(args))
    if record.error is not None or record.text is None:
        raise VerifyError(record.error or "no text could be extracted", path=path)
    if not record.text.strip():
        # Two empty texts are not two equal documents (canon.empty): refuse, never "no difference".
        why = next((w for w in record.warnings if w.startswith("canon.empty")), "the document has no text")
        raise VerifyError(f"no canonical text to compare: {why}", path=path)
    return record.text
