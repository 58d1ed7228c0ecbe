"""`aimap-publish watch`: one warm process that rebuilds the PDF and the deck whenever the
project's content, theme, templates or font policy change, and says where the outputs are.

Imports (WeasyPrint, matplotlib, python-pptx) are paid once; figures whose data did not change
are not redrawn (their fingerprint is unchanged). Content problems are printed and the watch
goes on; the last good outputs stay in place.
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from .build import Options, build, keep_caches_in_project
from .errors import ContentError, UsageError, describe_os_error

POLL_S = 0.2


def watch(options: Options, stop_after: int | None = None) -> int:
    """Rebuild on every change; `stop_after` ends after that many builds (None: until Ctrl-C)."""
    keep_caches_in_project(options)
    _warm_imports()
    options = replace(options, quiet=True)
    seen, builds = _snapshot(options), 0
    _rebuild(options)
    builds += 1
    while stop_after is None or builds < stop_after:
        time.sleep(POLL_S)
        now = _snapshot(options)
        if now == seen:
            continue
        seen = now
        _rebuild(options)
        builds += 1
    return 0


def _warm_imports() -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import pptx  # noqa: F401
    import weasyprint  # noqa: F401


def _snapshot(options: Options) -> dict[Path, int]:
    """Modification times of everything a build reads that an editor changes."""
    return {path: path.stat().st_mtime_ns for path in options.project.watched()}


def _rebuild(options: Options) -> None:
    start = time.perf_counter()
    try:
        written = build(options)
    except ContentError as error:
        _not_rebuilt(str(error), "fix the problems above")
        return
    except UsageError as error:
        _not_rebuilt(f"aimap-publish: {error}", "fix the problem above")
        return
    except OSError as error:
        message = describe_os_error(error) if error.errno is not None else f"internal error: {error!r}"
        _not_rebuilt(f"aimap-publish: {message}", "fix the problem above")
        return
    except Exception as error:             # a fault of ours must not end the watch
        _not_rebuilt(f"aimap-publish: internal error: {type(error).__name__}: {error}", "edit and save to retry")
        return
    names = ", ".join(str(path) for path in written)
    print(f"watch: rebuilt in {time.perf_counter() - start:.2f} s: {names}", file=sys.stderr, flush=True)


def _not_rebuilt(problem: str, advice: str) -> None:
    print(problem, file=sys.stderr)
    print(f"watch: not rebuilt; {advice} (the last good outputs are unchanged)", file=sys.stderr, flush=True)
