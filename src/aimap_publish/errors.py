"""One error family for the user's mistakes.

Every stage gathers the problems it finds into `Problem` records and raises one
`ContentError` carrying all of them; the command line prints them one per line as
`file:line: path.to.field: what is wrong` and exits 1. Typography warnings travel as problems
too (`warning` set), so one sorted list says everything and one summary line counts it.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing the user must fix, located in a file (line 0: the whole file)."""

    file: str
    line: int
    path: str
    message: str
    warning: bool = False        # a typography warning: fails only with --strict

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        message = f"warning: {self.message}" if self.warning else self.message
        return f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"


class ContentError(Exception):
    """The content (or a file the build reads) cannot be published as it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.path, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def summary(self) -> str:
        return count_line(self.problems)


def count_line(problems) -> str:
    """"2 errors, 3 warnings": what the lines above it say, counted."""
    warnings = sum(p.warning for p in problems)
    errors = len(problems) - warnings
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class UsageError(Exception):
    """The command was asked for something it cannot do (exit 2): one line saying what to do."""


def describe_os_error(error: OSError) -> str:
    """An operating-system error as one line: what, where, and what to do."""
    where = f" {display_path(Path(error.filename))}" if error.filename else ""
    advice = {
        errno.ENOSPC: "no space left on the device: free some space or give --out another disk",
        errno.EROFS: "the file system is read-only: give --out a writable folder",
        errno.EACCES: "permission denied: give --out a folder you can write to",
        errno.EPERM: "not permitted: give --out a folder you can write to",
        errno.ENOTDIR: "a path along the way is a file, not a folder",
        errno.EEXIST: "a file is in the way of a folder",
        errno.ELOOP: "a symbolic link loop",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(error.errno, error.strerror or str(error))
    return f"cannot use{where}: {advice}"
