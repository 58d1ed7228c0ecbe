"""`aimap-publish init DIR`: a new report project from the packaged starter.

The starter (resources/starter/) is a small, complete bilingual report that uses every block
kind and every figure kind, with comments on each field; it builds at once and passes
`check --strict`. Nothing that exists is overwritten.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .errors import UsageError
from .project import MARKER, RESOURCES

STARTER = RESOURCES / "starter"
FILES = {"aimap.toml": MARKER, "report.yaml": "report.yaml", "gitignore": ".gitignore"}


def init(folder: Path) -> int:
    """Write the starter project into `folder`; refuse (UsageError) if it would overwrite."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"init: {folder} exists and is not a folder")
    taken = [name for name in FILES.values() if (folder / name).exists()]
    if taken:
        raise UsageError(f"init: {folder} already has {', '.join(taken)}; nothing was written "
                         f"(choose a new folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in FILES.items():
            shutil.copyfile(STARTER / source, folder / target)
    except OSError as exc:
        raise UsageError(f"init: cannot write {folder} ({exc.strerror or exc})")
    print(f"aimap-publish: started a report project in {folder}: edit {folder / 'report.yaml'}, "
          f"then `cd {folder} && aimap-publish build`", file=sys.stderr)
    return 0
