"""Stage 1: data/report.yaml -> a checked, typed `Report`.

`load_report` reads, converts and checks, gathering every problem it finds; the build adds
the font and typography checks and reports them all at once, before any output is touched.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from .checks import check_model, iter_strings
from .model import Report
from .schema import Converter, Lines
from .source import read_nodes

__all__ = ["Loaded", "load_report", "iter_strings", "Report"]


@dataclass(frozen=True)
class Loaded:
    """The report with where it came from, so later checks can name file and line; `problems`
    are those found so far (the report may then be partial: None where a value is wrong);
    `accepted` the paths of values whose typography warnings the writer accepts (`# check: ok`)."""

    report: Report
    file: str
    lines: Lines
    problems: tuple[Problem, ...] = ()
    faulty: frozenset[str] = frozenset()           # paths with a problem (see Converter.faulty)
    origin: Callable[[str], str] | None = None     # for a report's sound part: its paths -> the file's
    accepted: frozenset[str] = frozenset()         # values whose warnings the writer accepts

    def problem(self, path: str, message: str) -> Problem:
        path = self.origin(path) if self.origin else path
        return Problem(self.file, self.lines.of(path), path, message)

    def accepts(self, path: str) -> bool:
        """Whether the warnings of the string at `path` are accepted: those of either language
        of a bilingual value when the value is."""
        return path in self.accepted or (path.endswith((".zh", ".en")) and path[:-3] in self.accepted)


@cache
def packaged_defaults() -> dict[str, yaml.Node]:
    """Field path -> the value a report that leaves the field out takes (resources/labels.yaml):
    its top-level fields and their fields, each whole (`labels`, `labels.languages`)."""
    root = yaml.compose((files("aimap_publish") / "resources" / "labels.yaml").read_text(encoding="utf-8"),
                        Loader=yaml.SafeLoader)
    found = {}
    for key, value in root.value:
        found[key.value] = value
        for sub_key, sub_value in value.value if isinstance(value, yaml.MappingNode) else ():
            found[f"{key.value}.{sub_key.value}"] = sub_value
    return found


def load_report(path: Path) -> Loaded:
    """Read and check the report; problems are kept on the result, to be reported together
    with the checks that need fonts (see build.check_content). Unreadable YAML raises at once."""
    file, root, accepting = read_nodes(path)
    converter = Converter(file, packaged_defaults(), accepting)
    report = converter.convert(root, Report, "")
    if report is None:
        raise ContentError(converter.problems)
    faulty = frozenset(converter.faulty)
    problems = converter.problems + check_model(report, file, converter.lines, faulty)
    return Loaded(report, file, converter.lines, tuple(problems), faulty, accepted=frozenset(converter.accepted))
