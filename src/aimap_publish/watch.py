"""`aimap-publish watch`: one warm process that rebuilds the PDF and the deck whenever the
project's content, theme, templates or font policy change, and says where the outputs are;
it serves the web edition on 127.0.0.1 as a live preview.

After a save the web edition is rebuilt first and the open page takes the new content at once
(the server tells it over Server-Sent Events; the page swaps in the new body, keeping its place),
then the PDF and the deck are rebuilt behind it. A content problem is shown on the page itself,
over the last good content.

Imports (WeasyPrint, matplotlib, python-pptx) are paid once; figures whose data did not change
are not redrawn (their fingerprint is unchanged). Content problems are printed and the watch
goes on; the last good outputs stay in place.
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from . import engine
from .build import Options, build, keep_caches_in_project
from .errors import ContentError, UsageError, describe_os_error
from .interrupts import rearm

POLL_S = 0.05


def watch(options: Options, stop_after: int | None = None, port: int | None = None) -> int:
    """Rebuild on every change; `stop_after` ends after that many builds (None: until Ctrl-C).
    With `port` (0: any free one) the web edition is served there as a live preview."""
    keep_caches_in_project(options)
    _warm_imports()
    options = replace(options, quiet=True)
    preview = None
    if port is not None:
        from . import web
        from .content import load_report
        from .preview import Preview

        report_id = load_report(options.project.data).report.id
        try:
            preview = Preview(web.folder_for(options.out, report_id, options.edition), port)
        except OSError as error:
            raise UsageError(f"cannot preview on 127.0.0.1 port {port} ({(error.strerror or str(error)).lower()}): "
                             "give --port another number from 1 to 65535 (0: any free port)")
        print(f"watch: previewing the web edition at {preview.url}", file=sys.stderr, flush=True)
    seen, builds = _snapshot(options), 0
    _rebuild(options, preview)
    builds += 1
    try:
        while stop_after is None or builds < stop_after:
            time.sleep(POLL_S)
            now = _snapshot(options)
            if now == seen:
                continue
            seen = _settled(options, now)
            _rebuild(options, preview)
            builds += 1
    finally:
        if preview:
            preview.close()
    return 0


def _warm_imports() -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import pptx  # noqa: F401
    engine.load()


def _snapshot(options: Options) -> dict[Path, tuple[int, int]]:
    """Modification times and sizes of everything a build reads that an editor changes (a file
    replaced while it is looked at counts as changed)."""
    found = {}
    for path in options.project.watched():
        try:
            stat = path.stat()
            found[path] = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            found[path] = (-1, -1)
    return found


def _settled(options: Options, now: dict) -> dict:
    """The files once they stop changing: an editor that empties a file and then writes it must
    not have its half-written report built (and reported as broken)."""
    while True:
        time.sleep(POLL_S)
        later = _snapshot(options)
        if later == now:
            return now
        now = later


def _rebuild(options: Options, preview=None) -> None:
    """Build what changed; a stop signal that came while the outputs were committed (which it
    does not undo) ends the watch as soon as they are in place, and one while waiting at once."""
    try:
        _rebuild_once(options, preview)
    finally:
        rearm()


def _rebuild_once(options: Options, preview=None) -> None:
    start = time.perf_counter()
    try:
        written = []
        if preview is not None:
            written += build(replace(options, stages=frozenset({"figures", "web"})))
            preview.folder = next((p.parent for p in written if p.name == "index.html"), preview.folder)
            preview.changed()           # the folder of the report's id as it now is
        rest = options.stages - {"web"} if preview is not None else options.stages
        if rest - {"figures"}:           # the same content again: its warnings were said above
            written += build(replace(options, stages=frozenset(rest), warn=preview is None))
    except ContentError as error:
        if preview is not None:
            preview.problem(str(error))
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
