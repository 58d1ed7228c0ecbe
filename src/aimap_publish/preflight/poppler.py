"""A PDF's text as poppler's pdftotext reads it, for the preflight of the PDFs and of the deck
(as LibreOffice renders it): words and lines with their boxes, and the lines in the order the
text was set.

Boxes are in points from the top left of the page as shown (poppler's crop box), y downwards.
"""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .common import need

XHTML = "{http://www.w3.org/1999/xhtml}"

Box = tuple[float, float, float, float]                  # x0, y0, x1, y1


@dataclass(frozen=True)
class Word:
    box: Box
    text: str


@dataclass(frozen=True)
class Line:
    box: Box
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]


def pdftotext(pdf: Path, *options: str) -> str:
    command = [need("pdftotext", "poppler-utils"), *options, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout


def pages(pdf: Path) -> list[Page]:
    """Every page's lines of words with their boxes (`pdftotext -bbox-layout`)."""
    root = ET.fromstring(pdftotext(pdf, "-bbox-layout"))
    return [Page(float(page.get("width")), float(page.get("height")),
                 tuple(_line(line) for line in page.iter(f"{XHTML}line")))
            for page in root.iter(f"{XHTML}page")]


def _line(element) -> Line:
    words = tuple(Word(_box(word), word.text or "") for word in element.iter(f"{XHTML}word"))
    return Line(_box(element), words)


def _box(element) -> Box:
    return tuple(float(element.get(key)) for key in ("xMin", "yMin", "xMax", "yMax"))


def raw_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines in the order the text was set (`pdftotext -raw`): a paragraph's lines
    follow one another, whatever the columns around it."""
    text = pdftotext(pdf, "-raw")
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in re.split("\f", text)[: text.count("\f")]]
