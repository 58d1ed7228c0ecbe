"""After the build: `aimap-publish preflight` reads what a build wrote and reports what a reader
would trip over, one finding a line.

The build checks the content before it draws; this looks at the drawn results as a reader gets
them: the PDFs as poppler reads their text (pdf.py), the deck as LibreOffice renders it
(deck.py), the web edition in Debian's Chromium (web.py). Each output kind is one entry of
`KINDS`; an output that is not there is not checked, a tool that is not installed skips its
part with a note. Exit 0 when nothing is found, 1 when something is, 2 when nothing was built.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..editions import EDITIONS
from ..errors import UsageError, display_path
from .common import Context, Finding, Unavailable


@dataclass(frozen=True)
class Kind:
    pattern: str                                   # the output's name, from the id and edition suffix
    check: Callable[[Path, Context], Iterator[Finding]]


def _pdf(path: Path, context: Context) -> Iterator[Finding]:
    from .pdf import check_pdf            # the checkers load their libraries only when used
    return check_pdf(path, context)


def _deck(path: Path, context: Context) -> Iterator[Finding]:
    from .deck import check_deck
    return check_deck(path, context)


def _web(path: Path, context: Context) -> Iterator[Finding]:
    from .web import check_web
    return check_web(path, context)


# The names build.output_path and web.folder_for give (-letter: the US Letter PDFs).
KINDS = (Kind("{id}{suffix}-print.pdf", _pdf), Kind("{id}{suffix}-print-letter.pdf", _pdf),
         Kind("{id}{suffix}-screen.pdf", _pdf), Kind("{id}{suffix}-screen-letter.pdf", _pdf),
         Kind("{id}{suffix}.pptx", _deck), Kind("{id}{suffix}-web/index.html", _web))


def add_arguments(parser) -> None:
    parser.add_argument("--data", type=Path, help="the report file (default: the one aimap.toml names)")
    parser.add_argument("--project", type=Path, help="the report project's folder (default: found from "
                                                     "--data or the working folder)")
    parser.add_argument("--out", type=Path, help="the folder the build wrote to (default: the project's dist/)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, only the findings")


def outputs(out: Path, report_id: str) -> list[tuple[Path, Kind]]:
    """The outputs of every edition that a build left in `out`, in a fixed order."""
    found = []
    for edition in EDITIONS.values():
        for kind in KINDS:
            path = out / kind.pattern.format(id=report_id, suffix=edition.suffix)
            if path.is_file():
                found.append((path, kind))
    return found


def preflight(args) -> int:
    """The command: check every output found, print the findings on stdout and notes on stderr."""
    context = Context.of(args.data, args.project, args.out)
    found = outputs(context.out, context.report_id)
    if not found:
        raise UsageError(f"preflight: nothing built to check in {display_path(context.out)} "
                         f"(run `aimap-publish build` first, or give --out the folder it wrote to)")
    start, count = time.perf_counter(), 0
    for path, kind in found:
        count += _check_one(path, kind, context, args.quiet)
    if not args.quiet:
        print(f"aimap-publish: preflight: {_count(len(found), 'output')} checked in "
              f"{time.perf_counter() - start:.1f} s, {_count(count, 'finding')}", file=sys.stderr)
    return 1 if count else 0


def _count(number: int, noun: str) -> str:
    return f"{number or 'no'} {noun}{'s' * (number != 1)}"


def _check_one(path: Path, kind: Kind, context: Context, quiet: bool) -> int:
    start, count = time.perf_counter(), 0
    shown = display_path(path.parent if path.name == "index.html" else path)
    try:
        for finding in kind.check(path, context):
            print(finding, flush=True)
            count += 1
    except Unavailable as missing:
        print(f"aimap-publish: preflight: {shown}: not checked: {missing}", file=sys.stderr)
        return count
    if not quiet:
        print(f"aimap-publish: preflight: {shown} {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return count
