"""The preflight of the print and screen PDFs, from their text as poppler reads it: pages left
too empty although no section starts on the next one, a Chinese paragraph and its English split
across a page break, and the line checks (lines.py).

The type area is the trim box less the theme's page margins: what lies above it (running heads)
or below it (folios) is not the report's text. The body pages are those carrying a folio; the
last of them ends the last section, and the notes pages, colophon and covers carry none.
"""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..theme import Theme, load_theme
from .common import HAN, Context, Finding, ending, snippet
from .lines import line_findings
from .poppler import Line, Page, pages, raw_lines

MM = 72 / 25.4
SLACK = 2.0                 # points: text this close to the type area's edge is inside it
MOST_EMPTY = 0.25           # of the type area's height
ENDS_CHINESE = re.compile(f"[{HAN}。，、；：！？”）》」』]$")


@dataclass(frozen=True)
class Area:
    """A page's type area, in poppler's coordinates (points from the top, y downwards)."""

    top: float
    bottom: float

    def holds(self, line: Line) -> bool:
        return self.top - SLACK <= line.box[1] and line.box[3] <= self.bottom + SLACK


@dataclass(frozen=True)
class Layout:
    pages: list[Page]
    areas: list[Area]
    starts: set[int]                 # pages (from 0) whose type area a section starts at the top

    def body(self, index: int) -> list[Line]:
        return [line for line in self.pages[index].lines if self.areas[index].holds(line)]

    def has_folio(self, index: int) -> bool:
        return any(line.box[1] > self.areas[index].bottom for line in self.pages[index].lines)


def check_pdf(path: Path, context: Context) -> Iterator[Finding]:
    import pikepdf

    try:
        layout, raw = read_layout(path, context.theme), raw_lines(path)
    except (pikepdf.PdfError, subprocess.CalledProcessError, ET.ParseError):
        yield Finding(path, "", "cannot be read as a PDF")
        return
    for number, empty in too_empty_pages(path, context.theme, layout=layout):
        yield Finding(path, f"page {number}", f"{empty:.0%} of the type area is empty and page {number + 1} "
                                              f"starts no section")
    one_language = path.name.startswith((f"{context.report_id}-zh-", f"{context.report_id}-en-"))
    for number, chinese, english in () if one_language else split_pairs(layout):
        yield Finding(path, f"page {number}", f"a Chinese paragraph ends the page and its English starts page "
                                              f"{number + 1} ('{ending(chinese)}' / '{snippet(english)}')")
    for index, message in line_findings(raw, layout.pages):
        yield Finding(path, f"page {index + 1}", message)


def read_layout(pdf: Path, theme: Theme) -> Layout:
    """The pages' lines, type areas and section starts (from the outline's destinations)."""
    import pikepdf

    top_mm, _, bottom_mm, _ = theme.spacing["page-margins"]
    with pikepdf.open(pdf) as doc:
        frames = [_frame(page) for page in doc.pages]
        areas = [Area(top + top_mm * MM, bottom - bottom_mm * MM) for _, top, bottom in frames]
        starts = set()
        with doc.open_outline() as outline:
            for item in outline.root:
                index, y = _destination(doc, item)
                if index is not None and frames[index][0] - y <= areas[index].top + SLACK:
                    starts.add(index)
    return Layout(pages(pdf), areas, starts)


def _frame(page) -> tuple[float, float, float]:
    """The top of the page as shown (its crop box, in PDF units) and the trim box's top and
    bottom in poppler's coordinates (the print edition's trim lies inside a slug)."""
    crop_top = max(float(page.cropbox[1]), float(page.cropbox[3]))
    trim = [float(v) for v in page.trimbox]
    return crop_top, crop_top - max(trim[1], trim[3]), crop_top - min(trim[1], trim[3])


def _destination(doc, item) -> tuple[int | None, float]:
    """The page (from 0) and height an outline item leads to; None for other kinds of link."""
    import pikepdf

    target = item.destination
    if not isinstance(target, pikepdf.Array) or len(target) < 4:
        return None, 0.0
    try:
        return doc.pages.index(pikepdf.Page(target[0])), float(target[3])
    except (ValueError, TypeError):       # not a page, or a fit with no height (/Fit)
        return None, 0.0


def too_empty_pages(pdf: Path, theme: Theme | None = None, most: float = MOST_EMPTY,
                    layout: Layout | None = None) -> list[tuple[int, float]]:
    """(page number, empty share of the type area) of the section pages left more than `most`
    empty although the next page does not start a section (the last body page ends the report's
    text and may be short)."""
    layout = layout or read_layout(pdf, theme or load_theme(None))
    body = [index for index in range(len(layout.pages)) if layout.has_folio(index)]
    later = [index for index in layout.starts if index > 0]
    if not body or not later:
        return []
    found = []
    for index in range(min(later), body[-1]):
        area, lines = layout.areas[index], layout.body(index)
        lowest = max((line.box[3] for line in lines), default=area.top)
        empty = (area.bottom - lowest) / (area.bottom - area.top)
        if empty > most and index + 1 not in layout.starts and layout.has_folio(index):
            found.append((index + 1, empty))
    return found


def split_pairs(layout: Layout) -> Iterator[tuple[int, str, str]]:
    """(page number, its last line, the next page's first) where a page's text ends in Chinese
    and the next page's begins in English: a pair of paragraphs cut by the page break (between
    body pages: a closing page's English title follows the last Chinese paragraph by design)."""
    for index in range(len(layout.pages) - 1):
        here, there = layout.body(index), layout.body(index + 1)
        if not (here and there and layout.has_folio(index) and layout.has_folio(index + 1)):
            continue
        last = max(here, key=lambda line: (line.box[3], line.box[0]))
        first = min(there, key=lambda line: (line.box[1], line.box[0]))
        if _chinese(last.text) and _english(first.text):
            yield index + 1, last.text, first.text


def _chinese(text: str) -> bool:
    return bool(ENDS_CHINESE.search(text.rstrip()))


def _english(text: str) -> bool:
    return not re.search(f"[{HAN}]", text) and len(re.findall("[A-Za-z]", text)) >= 2
