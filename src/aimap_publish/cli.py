"""Command line: parse, call the build, print problems, set the exit code.

Exit 0 on success; 1 when the content, a file the build reads or the place it writes to has a
problem; 2 on usage errors (argparse's own convention, `init` into a folder that already has a
report, no report found); 3 on an internal error (the traceback with --debug); 128 + the
signal when stopped (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
"""
from __future__ import annotations

import argparse
import signal
import sys
import traceback
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .build import MEDIA, Options, build
from .editions import EDITIONS
from .errors import ContentError, UsageError, describe_os_error, display_path
from .interrupts import Interrupted, stoppable, was_committed
from .output import STOP_SIGNALS
from .interrupts import check as check_stopped
from .preflight import add_arguments as add_preflight_arguments
from .preflight import preflight
from .project import find_project

COMMANDS = {
    "build": ("figures, PDF, deck, its PDF and web edition", {"figures", "pdf", "slides", "slides-pdf", "web"}),
    "pdf": ("the PDF editions (print and screen)", {"figures", "pdf"}),
    "slides": ("the PowerPoint deck and its PDF for participants", {"figures", "slides", "slides-pdf"}),
    "web": ("the web edition: a static folder with index.html", {"figures", "web"}),
    "figures": ("the figures only (all three languages unless --lang is given)", {"figures"}),
    "check": ("check the content; writes no output", set()),
    "watch": ("rebuild the screen PDF and the deck whenever the content changes, with a live preview of "
              "the web edition", {"figures", "pdf", "slides", "web"}),
}
EXAMPLES = """examples:
  aimap-publish init my-report          start a new report project (a complete, valid example)
  cd my-report && aimap-publish check   check the content: every problem, with file and line
  aimap-publish build                   figures, print and screen PDF and deck into dist/
  aimap-publish pdf --edition print --paper letter
  aimap-publish slides --lang en        the English deck
  aimap-publish build --data other/report.yaml --out /tmp/out
  aimap-publish preflight --out /tmp/out   check what that build wrote

A report project is a folder with aimap.toml (naming its report file) and, optionally,
theme.toml, templates/ and fonts/ overriding the packaged ones."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="aimap-publish", epilog=EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  description="Publish a bilingual report as print and screen PDFs, an editable deck "
                                              "and figures, from one data file.")
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    top.add_argument("--debug", action="store_true", help="show the details of an internal error")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", help="start a new report project in DIR")
    init.add_argument("dir", type=Path, metavar="DIR", help="the new project's folder (created; must not hold a report)")
    init.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    for name, (help_text, _) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--data", type=Path, help="the report file (default: the one aimap.toml names)")
        sub.add_argument("--project", type=Path, help="the report project's folder (default: found from "
                                                      "--data or the working folder)")
        sub.add_argument("--out", type=Path, help="output folder (default: the project's dist/, "
                                                  "figures/ for figures)")
        sub.add_argument("--lang", choices=list(EDITIONS), help="edition language (default: bilingual; "
                                                                "figures: all three)")
        sub.add_argument("--quiet", action="store_true", help="no progress lines")
        sub.add_argument("--strict", action="store_true", help="typography warnings fail too")
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show the details of an internal error")
        if name in ("slides", "build", "watch"):
            sub.add_argument("--figures", choices=("native", "image"), default="native", dest="figure_mode",
                             help="figures in the deck as editable shapes or as pictures (default: %(default)s)")
        if name in ("slides", "build"):
            sub.add_argument("--no-slides-pdf", action="store_true",
                             help="leave out the deck's PDF (<id>-slides.pdf, printed by LibreOffice)")
        if name in ("pdf", "build", "watch"):
            sub.add_argument("--edition", choices=MEDIA, help="only the print or the screen edition"
                             + (" (watch: default screen)" if name == "watch" else ""))
            sub.add_argument("--paper", choices=("a4", "letter"), default="a4",
                             help="page size of the PDFs (default: %(default)s; letter for North America)")
        if name == "watch":
            sub.add_argument("--port", type=_port, default=8765,
                             help="serve the live preview on 127.0.0.1 at this port (default: %(default)s; 0: any "
                                  "free port)")
    preflight = commands.add_parser("preflight", help="check what a build wrote: page breaks, deck text, web "
                                    "overflow", description="Check the outputs a build wrote (every edition found "
                                    "in dist/ or --out); one finding a line. Exit 0: nothing found, 1: findings, "
                                    "2: nothing built to check.")
    add_preflight_arguments(preflight)
    preflight.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return top


def _port(text: str) -> int:
    """A port number for the preview: 1–65535, or 0 for any free one."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535 (0: any free port)")
    return port


def _version() -> str:
    try:
        return version("aimap-publish")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    code = _main(argv)
    if argv is None and was_committed():   # the program ends: a stop now cannot undo the build
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
    return code


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        with stoppable():
            try:
                return _run(args)
            except Exception:
                check_stopped()      # a stop the PDF engine turned into another error is a stop
                raise
    except ContentError as error:
        return _content_problems(error)
    except UsageError as error:
        print(f"aimap-publish: {error}", file=sys.stderr)
        return 2
    except Interrupted as stop:
        print(f"aimap-publish: stopped by {stop.name}; previous outputs left as they were", file=sys.stderr)
        return 128 + stop.signum
    except OSError as error:
        if error.errno is None:            # an OSError of a library (an image it cannot read)
            return _internal_error(error, args.debug)
        print(f"aimap-publish: {describe_os_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:             # a fault of ours: one line, the details on request
        return _internal_error(error, args.debug)


def _internal_error(error: Exception, debug: bool) -> int:
    if debug:
        traceback.print_exception(error)
    print(f"aimap-publish: internal error: {type(error).__name__}: {error} (run with --debug for details)",
          file=sys.stderr)
    return 3


def _run(args) -> int:
    if args.command == "init":
        from .starter import init
        return init(args.dir)
    if args.command == "preflight":
        return preflight(args)
    options = _options(args)
    if args.command == "watch":
        from .watch import watch

        if not args.edition:
            options = replace(options, media=("screen",))
        return watch(options, port=args.port)
    written = build(options)
    if not args.quiet:
        for path in written:
            print(f"aimap-publish: wrote {display_path(path)}", file=sys.stderr)
    return 0


def _options(args) -> Options:
    project = find_project(args.data, args.project)
    figures_only = args.command == "figures"
    given = {}
    if args.out is not None:
        given["figures_dir" if figures_only else "out"] = args.out
    return Options.of(
        project, lang=args.lang or "bilingual", quiet=args.quiet, strict=args.strict,
        stages=frozenset(COMMANDS[args.command][1]) - ({"slides-pdf"} if getattr(args, "no_slides_pdf", False)
                                                        else set()),
        figure_langs=((args.lang,) if args.lang else tuple(EDITIONS)) if figures_only else (),
        media=(args.edition,) if getattr(args, "edition", None) else MEDIA,
        paper=getattr(args, "paper", "a4"), figure_mode=getattr(args, "figure_mode", "native"), **given,
    )


def _content_problems(error: ContentError) -> int:
    print(error, file=sys.stderr)
    print(f"aimap-publish: {error.summary}; nothing was written", file=sys.stderr)
    return 1
