"""Checks on set lines of text, shared by the PDFs and the deck as LibreOffice renders it: a
paragraph's last line holding one Chinese character or one English word, and a web address
broken right after its scheme (a reader copying the line gets only `https://`).

A lone last line is found in the order the text was set (a paragraph's lines follow one
another) and confirmed on the page: set right under the line before it and aligned with it. A
tag under a card's text or a figure's axis label follows a long line in that order too, but
stands elsewhere.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .common import HAN
from .poppler import Line, Page, pages, raw_lines

LONE_HAN = re.compile(f"[{HAN}][。，、”）！？：；]?")
LONE_WORD = re.compile(r"[A-Za-z’'-]+[.,;:!?]?")
BROKEN_ADDRESS = re.compile(r"(?:https?://|https?:)$")
FULL_LINE = 40              # characters: a line this long was full, so a lone word after it ends a paragraph
LEADING = 0.35              # of a line's height: the most space between two lines of one paragraph
ALIGNED = 3.0               # points between the starts (or middles) of two lines of one paragraph


def lone_last_line(previous: str, line: str) -> str | None:
    """`line` as a lone last line after `previous` ("…深度积 / 累。"), or None."""
    if LONE_HAN.fullmatch(line) and re.search(f"[{HAN}，、]$", previous):
        return f"{previous[-12:]} / {line}"
    if LONE_WORD.fullmatch(line) and len(previous) > FULL_LINE:
        return f"{previous[-20:]} / {line}"
    return None


def line_findings(raw: list[list[str]], laid: list[Page]) -> Iterator[tuple[int, str]]:
    """(page index from 0, message) for every lone last line and broken address."""
    for index, lone, line in _lone(raw, laid):
        what = "Chinese character" if LONE_HAN.fullmatch(line) else "English word"
        yield index, f"a paragraph ends on a lone {what}: '{lone}'"
    for index, lines in enumerate(raw):
        for line in lines:
            if BROKEN_ADDRESS.search(line):
                yield index, f"an address breaks right after its scheme: '{line[-40:]}'"


def _lone(raw: list[list[str]], laid: list[Page]) -> Iterator[tuple[int, str, str]]:
    """(page index, "previous / lone", lone line) for the lone last lines confirmed on the page."""
    for index, (lines, page) in enumerate(zip(raw, laid)):
        for previous, line in zip(lines, lines[1:]):
            lone = lone_last_line(previous, line)
            if lone and _set_under(page.lines, previous, line):
                yield index, lone, line


def _set_under(lines: tuple[Line, ...], previous: str, line: str) -> bool:
    """Whether `line` stands on the page right under `previous`, aligned with it."""
    for candidate in (c for c in lines if _same(c.text, line)):
        above = [p for p in lines if p.box[3] <= candidate.box[1] + 1
                 and p.box[0] < candidate.box[2] and p.box[2] > candidate.box[0]]
        nearest = max(above, key=lambda p: p.box[3], default=None)
        if (nearest is not None and _same(nearest.text, previous) and _aligned(nearest, candidate)
                and _next_line(nearest, candidate)):
            return True
    return False


def _next_line(a: Line, b: Line) -> bool:
    """Whether `b` stands at a line's pitch under `a` (a tag set under a text stands further)."""
    return b.box[1] - a.box[3] <= LEADING * (b.box[3] - b.box[1])


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _aligned(a: Line, b: Line) -> bool:
    starts = abs(a.box[0] - b.box[0]) <= ALIGNED
    middles = abs((a.box[0] + a.box[2]) - (b.box[0] + b.box[2])) / 2 <= ALIGNED
    return starts or middles


def lone_last_lines(pdf: Path) -> list[str]:
    """The PDF's lone last lines, in text order ("…深度积 / 累。")."""
    return [lone for _, lone, _ in _lone(raw_lines(pdf), pages(pdf))]
