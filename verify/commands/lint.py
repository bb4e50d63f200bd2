"""``verify lint PATH...``: report garbled acronyms, misspelt names and
extraction damage in the canonical text of files and folders."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from verify._version import __version__
from verify.commands import add_extraction, add_format, add_jobs, dump_json, executor_from, options_from
from verify.corpus import walk
from verify.detect import CODES, Layout, LintConfig, find_pyproject, layout_of, lint_corpus, load_config
from verify.errors import ConfigError, VerifyError
from verify.model import SEVERITIES, Finding, Record
from verify.parallel import map_ordered
from verify.pipeline import Options, crashed_record, hard_timeout, process_file
from verify.provenance import load_provenance
from verify.report.lint_text import render_json, render_text
from verify.report.sarif import Regions, render_sarif
from verify.report.source_map import SourceRegion, load_source_map


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "lint",
        help="find garbled acronyms, misspelt names and extraction damage",
        description="Lint the canonical text of each file. A folder's files are also compared "
        "with each other (an acronym defined or common in one file is what a garble "
        "in another stands for). Configuration is read from [tool.verify.lint] in "
        "the nearest pyproject.toml. Exit 0 when nothing is at or above --fail-on, "
        "1 when something is, 2 on a usage error or a file that cannot be read.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    add_format(parser, "text", "json", "sarif")
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="warning",
        help="the lowest severity that fails the run (default: %(default)s)",
    )
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="report only these codes or code prefixes (comma-separated)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="do not report these codes or code prefixes (comma-separated)",
    )
    parser.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="read [tool.verify.lint] from this file instead of the nearest one",
    )
    add_extraction(parser)
    add_jobs(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = _config(args)
    options: Options = options_from(args)
    groups, errors = _groups(args.paths)
    results: dict[str, list[Finding]] = {}
    sources: dict[str, tuple[str, Record]] = {}
    with executor_from(args) as executor:
        extracted = [map_ordered(_extract, [(path, name, options) for name, path in group.items()],
                                 jobs=args.jobs, executor=executor, on_crash=_crashed,
                                 memory_limit=options.memory_limit,
                                 item_timeout=hard_timeout(options)) for group in groups]
    for group, records in zip(groups, extracted, strict=True):
        texts: dict[str, str] = {}
        layouts: dict[str, Layout] = {}
        for record in records:
            name = record.path
            if record.text is None:
                errors[name] = record.error or "no text could be extracted"
            else:
                texts[name] = record.text
                layouts[name] = layout_of(record)
                sources[name] = (group[name], replace(record, changes=(), paragraphs=()))
        results.update(lint_corpus(texts, config, layouts))
    failing = SEVERITIES[SEVERITIES.index(args.fail_on) :]
    passed = not any(f.severity in failing for found in results.values() for f in found)
    regions = _regions(results, sources, options) if args.format == "sarif" else None
    _render(args.format, results, errors, fail_on=args.fail_on, passed=passed, regions=regions)
    if errors:
        return 2
    return 0 if passed else 1


def _extract(item: tuple[str, str, Options]) -> Record:
    """Canonical text of one file (a module-level function: it is pickled
    to worker processes)."""
    path, name, options = item
    return process_file(path, name, options)


def _crashed(item: tuple[str, str, Options], why: str) -> Record:
    return crashed_record(item[1], why)


def _render(
    fmt: str,
    results: dict[str, list[Finding]],
    errors: dict[str, str],
    *,
    fail_on: str,
    passed: bool,
    regions: Regions | None = None,
) -> None:
    if fmt == "json":
        dump_json(render_json(results, errors, fail_on=fail_on, passed=passed))
    elif fmt == "sarif":
        log = render_sarif(results, errors, tool_version=__version__, regions=regions)
        sys.stdout.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(results, errors))


def _regions(
    results: dict[str, list[Finding]], sources: dict[str, tuple[str, Record]], options: Options
) -> Regions:
    """Where each finding stands in its source file (see ``verify.report.source_map``)."""
    regions: dict[str, dict[tuple[int, int], SourceRegion | None]] = {}
    for name, found in results.items():
        if not found or name not in sources:
            continue
        path, record = sources[name]
        try:
            source = load_source_map(path, record.format, record.encoding, record.text or "",
                                     options.pdf_backend)
        except (OSError, VerifyError):
            source = None
        spans = {(f.span.start, f.span.end) for f in found}
        regions[name] = {s: source.region(*s) if source else None for s in sorted(spans)}
    return regions


def _groups(paths: Iterable[str]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """One group per folder (its files compared together) and one for the
    files named on their own, with names as the user wrote them (POSIX);
    and the files that must not be read, with the reason. A folder is
    walked as ``verify build`` walks it: its ``sources.toml`` excludes are
    honoured, hidden files skipped, symlinked folders not followed."""
    folders: list[dict[str, str]] = []
    loose: dict[str, str] = {}
    refused: dict[str, str] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            folder = {}
            for item in walk(path, load_provenance(path).exclude):
                name = f"{arg.rstrip('/')}/{item.name}"
                if item.problem:
                    refused[name] = item.problem
                else:
                    folder[name] = item.path
            folders.append(folder)
        elif path.is_file():
            loose[arg.replace(os.sep, "/")] = arg
        else:
            raise VerifyError("no such file or folder", path=arg)
    return folders + ([loose] if loose else []), refused


def _config(args: argparse.Namespace) -> LintConfig:
    if args.config is not None:
        base = load_config(Path(args.config))
    else:
        found = find_pyproject(Path(args.paths[0]))
        base = load_config(found) if found else LintConfig()
    select, ignore = _codes(args.select), _codes(args.ignore)
    return base.merged(select=select, ignore=ignore)


def _codes(values: Iterable[str]) -> list[str]:
    """Split comma-separated codes; an unknown code or prefix is an error."""
    codes = [c.strip() for value in values for c in value.split(",") if c.strip()]
    for code in codes:
        if not any(known == code or known.startswith(code + ".") for known in CODES):
            raise ConfigError(f"unknown finding code {code!r} (known: {', '.join(CODES)})")
    return codes
