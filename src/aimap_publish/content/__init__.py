"""Stage 1: data/report.yaml -> a checked, typed `Report`.

`load_report` reads, converts and checks; on any problem it raises one `ContentError` with
all of them, before any output is touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from .checks import check_model, iter_strings
from .model import Report
from .schema import Converter, Lines
from .source import read_nodes

__all__ = ["Loaded", "load_report", "iter_strings", "Report"]


@dataclass(frozen=True)
class Loaded:
    """The report with where it came from, so later checks can name file and line."""

    report: Report
    file: str
    lines: Lines

    def problem(self, path: str, message: str) -> Problem:
        return Problem(self.file, self.lines.of(path), path, message)


def load_report(path: Path) -> Loaded:
    file, root = read_nodes(path)
    converter = Converter(file)
    report = converter.convert(root, Report, "")
    if converter.problems:
        raise ContentError(converter.problems)
    problems = check_model(report, file, converter.lines)
    if problems:
        raise ContentError(problems)
    return Loaded(report, file, converter.lines)
