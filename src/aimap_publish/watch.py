"""`aimap-publish watch`: one warm process that rebuilds the PDF and the deck whenever the
content, the templates, the font policy or the theme change, and says where the outputs are.

Imports (WeasyPrint, matplotlib, python-pptx) are paid once; figures whose data did not change
are not redrawn (their fingerprint is unchanged). A change to the theme module restarts the
process so the new code is the one that runs. Content problems are printed and the watch goes
on; the last good outputs stay in place.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from .build import Options, build
from .errors import ContentError

POLL_S = 0.2


def watch(options: Options, stop_after: int | None = None) -> int:
    """Rebuild on every change; `stop_after` ends after that many builds (None: until Ctrl-C)."""
    _warm_imports()
    options = replace(options, quiet=True)
    code_files = [Path(__file__).with_name("theme.py")]
    seen, builds = _snapshot(options, code_files), 0
    _rebuild(options)
    builds += 1
    while stop_after is None or builds < stop_after:
        time.sleep(POLL_S)
        now = _snapshot(options, code_files)
        if now == seen:
            continue
        if any(now.get(path) != seen.get(path) for path in code_files):
            print("watch: the theme changed; restarting", file=sys.stderr, flush=True)
            os.execv(sys.executable, [sys.executable, "-m", "aimap_publish", *sys.argv[1:]])
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


def _snapshot(options: Options, code_files: list[Path]) -> dict[Path, int]:
    """Modification times of everything a build reads that an editor changes."""
    watched = [options.data, *code_files, options.root / "fonts" / "policy.toml"]
    watched += sorted((options.root / "templates").rglob("*"))
    return {path: path.stat().st_mtime_ns for path in watched if path.is_file()}


def _rebuild(options: Options) -> None:
    start = time.perf_counter()
    try:
        written = build(options)
    except ContentError as error:
        print(error, file=sys.stderr)
        print("watch: not rebuilt; fix the problems above (the last good outputs are unchanged)",
              file=sys.stderr, flush=True)
        return
    names = ", ".join(str(path) for path in written)
    print(f"watch: rebuilt in {time.perf_counter() - start:.2f} s: {names}", file=sys.stderr, flush=True)
