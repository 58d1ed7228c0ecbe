"""What the preflight's checkers share: the report they check (its id, theme and output folder),
a finding, and the note that a tool a checker needs is not installed."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import UsageError, display_path
from ..project import find_project
from ..theme import Theme, load_theme

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"          # Han characters (unified, extension A, compatibility)


class Unavailable(Exception):
    """A tool a checker needs is missing: that part is skipped with a note, not failed."""


@dataclass(frozen=True)
class Finding:
    """One thing a reader would trip over: the output, where in it, and what."""

    path: Path
    where: str          # "page 6", "slide 4", "320 px"; empty: the whole output
    message: str

    def __str__(self) -> str:
        shown = display_path(self.path.parent if self.path.name == "index.html" else self.path)
        return f"{shown}: {self.where}: {self.message}" if self.where else f"{shown}: {self.message}"


@dataclass(frozen=True)
class Context:
    report_id: str
    out: Path
    theme: Theme

    @classmethod
    def of(cls, data: Path | None, root: Path | None, out: Path | None) -> "Context":
        """The project's report id and theme; its dist/ unless `out` names the folder built into."""
        project = find_project(data, root)
        return cls(_report_id(project.data), out or project.dist, load_theme(project.theme_file))


def _report_id(data: Path) -> str:
    """Only the id is needed (the outputs' names): the report is not checked again here."""
    try:
        loaded = yaml.safe_load(data.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"preflight: cannot read the report's id from {display_path(data)}: {error}")
    if not isinstance(loaded, dict) or not isinstance(loaded.get("id"), str):
        raise UsageError(f"preflight: {display_path(data)} names no report id")
    return loaded["id"]


def need(program: str, package: str) -> str:
    """The program's path, or Unavailable naming the Debian package that brings it."""
    found = shutil.which(program)
    if found is None:
        raise Unavailable(f"{program} is not installed (Debian package {package})")
    return found


def snippet(text: str, most: int = 40) -> str:
    """The text's beginning, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def ending(text: str, most: int = 24) -> str:
    """The text's end, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= most else "…" + text[1 - most:]
