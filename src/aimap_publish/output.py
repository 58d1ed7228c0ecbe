"""Writing outputs safely: every output of a build is written to a temporary file beside its
target, and only when all of them are written are they renamed into place.

A build that fails or is interrupted leaves the previous outputs exactly as they were.
"""
from __future__ import annotations

import os
from pathlib import Path


class Staging:
    """Temporary files for a build's outputs; `commit` renames them all, `discard` removes."""

    def __init__(self):
        self._pending: dict[Path, Path] = {}

    def path(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self._pending[target] = tmp
        return tmp

    def commit(self) -> list[Path]:
        for target, tmp in self._pending.items():
            os.replace(tmp, target)
        done, self._pending = list(self._pending), {}
        return done

    def discard(self) -> None:
        for tmp in self._pending.values():
            tmp.unlink(missing_ok=True)
        self._pending = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.discard()
