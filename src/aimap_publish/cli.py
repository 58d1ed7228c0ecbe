"""Command line: parse, call the build, print problems, set the exit code.

Exit 0 on success, 1 when the content (or a file the build reads) has problems, 2 on usage
errors (argparse's own convention).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .build import MEDIA, Options, build
from .editions import EDITIONS
from .errors import ContentError

COMMANDS = {
    "build": ("figures, PDF and deck", {"figures", "pdf", "slides"}),
    "pdf": ("the PDF editions (print and screen)", {"figures", "pdf"}),
    "slides": ("the PowerPoint deck", {"figures", "slides"}),
    "figures": ("the figures only", {"figures"}),
    "check": ("check the content without writing anything", set()),
    "watch": ("rebuild the screen PDF and the deck whenever the content changes", {"figures", "pdf", "slides"}),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="aimap-publish", description="Publish the report as PDF and deck.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, _) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--data", type=Path, default=Path("data/report.yaml"), help="the report (default: %(default)s)")
        sub.add_argument("--out", type=Path, default=None, help="output folder (default: dist/, figures/ for figures)")
        sub.add_argument("--lang", choices=list(EDITIONS), default="bilingual", help="edition language (default: %(default)s)")
        sub.add_argument("--quiet", action="store_true", help="no progress lines")
        sub.add_argument("--strict", action="store_true", help="typography warnings fail too")
        if name in ("slides", "build", "watch"):
            sub.add_argument("--figures", choices=("native", "image"), default="native", dest="figure_mode",
                             help="figures in the deck as editable shapes or as pictures (default: %(default)s)")
        if name in ("pdf", "build", "watch"):
            sub.add_argument("--edition", choices=MEDIA, help="only the print or the screen edition"
                             + (" (watch: default screen)" if name == "watch" else ""))
            sub.add_argument("--paper", choices=("a4", "letter"), default="a4",
                             help="page size of the PDFs (default: %(default)s; letter for North America)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    stages = COMMANDS[args.command][1]
    out = args.out or Path("figures" if args.command == "figures" else "dist")
    options = Options(
        data=args.data, out=out, figures_dir=out if args.command == "figures" else Path("figures"),
        lang=args.lang, quiet=args.quiet, strict=args.strict, stages=frozenset(stages),
        media=(args.edition,) if getattr(args, "edition", None) else MEDIA,
        paper=getattr(args, "paper", "a4"),
        figure_mode=getattr(args, "figure_mode", "native"),
    )
    if args.command == "watch":
        from .watch import watch

        if not args.edition:
            options = replace(options, media=("screen",))
        try:
            return watch(options)
        except KeyboardInterrupt:
            return 0
    try:
        written = build(options)
    except ContentError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        print(f"aimap-publish: {count} problem{'s' * (count != 1)}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("aimap-publish: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
    if not args.quiet:
        for path in written:
            print(f"aimap-publish: wrote {path}", file=sys.stderr)
    return 0
