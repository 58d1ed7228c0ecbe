"""The plain data a figure layout produces and every painter draws.

One coordinate system: millimetres at the figure's printed size, origin at the top left, y
growing downwards (as on a page and a slide). Colours are theme token names; type sizes are
points at printed size. A painter may scale the whole drawing (slides) but draws nothing the
layout does not describe.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Lang
from ..fonts import PT_TO_MM, FontPolicy, face_for, measurer
from ..linebreak import LATIN, tokens, wrap
from ..theme import Theme

LINE_HEIGHT = 1.3          # label lines, times the type size


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None          # theme colour name
    stroke: str | None = None
    radius: float = 0.0
    line_mm: float = 0.0             # stroke width
    name: str = ""                   # what it is, for editors of the deck ("node awe")


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    line_mm: float = 0.0
    name: str = ""


@dataclass(frozen=True)
class Connector:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    line_mm: float = 0.35
    arrow: bool = False              # an arrow head at (x2, y2)
    name: str = ""


@dataclass(frozen=True)
class TextRun:
    """Lines of one language, already broken, in a box; the box is exactly the lines' extent."""

    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    lang: Lang
    size_pt: float
    colour: str
    bold: bool = False
    align: str = "left"              # left, center, right
    name: str = ""
    text: str = ""                   # the text before it was broken into lines

    @property
    def line_mm(self) -> float:
        return self.size_pt * PT_TO_MM * LINE_HEIGHT


@dataclass(frozen=True)
class Picture:
    """An icon in a square: a drawn one (by name) in the theme colour `colour`, or an emoji."""

    x: float
    y: float
    size: float
    icon: str
    name: str = ""
    alt: str = ""                    # what the icon stands for, for the deck's alt text
    colour: str = "text"             # a drawn icon's stroke (a theme colour name)


Shape = Box | Circle | Connector | TextRun | Picture


@dataclass(frozen=True)
class Frame:
    """What a figure's layout must fit: width and height in millimetres at the figure's own
    scale; `brief_ok` where detail may be left out (a slide, whose notes carry it)."""

    width: float
    height: float
    brief_ok: bool = False
    style: str = ""               # only this arrangement (a figure's parts share one design)


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()   # (name, indices of shapes) for the deck
    style: str = ""               # the arrangement chosen, where a layout names its arrangements


@dataclass
class Pen:
    """Builds shapes: measures and wraps text with the font policy, collects groups."""

    policy: FontPolicy
    langs: tuple[Lang, ...]
    theme: Theme
    shapes: list[Shape] = field(default_factory=list)
    groups: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def add(self, shape: Shape) -> Shape:
        self.shapes.append(shape)
        return shape

    def group(self, name: str, start: int) -> None:
        """Group every shape added since index `start` (a node, a layer, a column)."""
        self.groups.append((name, tuple(range(start, len(self.shapes)))))

    def lines(self, text: str, lang: Lang, size_pt: float, width: float, bold: bool = False) -> tuple[str, ...]:
        measure = measurer(face_for(self.policy, text, lang, bold), size_pt)
        return tuple(wrap(text, width, measure))

    def widest_word(self, texts, sizes: dict) -> float:
        """The width of the widest Latin word (as the line breaking sees words: hyphens included,
        Han characters apart, so "从临床批次到商业化生产的CDMO" counts only "CDMO") of `texts` in the
        pen's languages: a box narrower than it cuts a word, or leaves "E-" alone on a line."""
        widest = 0.0
        for text in texts:
            for lang in self.langs:
                measure = measurer(face_for(self.policy, text[lang], lang, False), sizes[lang])
                widest = max([widest, *(measure(word) for word in tokens(text[lang]) if LATIN.search(word))])
        return widest

    def text(self, text: str, lang: Lang, x: float, y: float, width: float, size_pt: float,
             colour: str, bold: bool = False, align: str = "left", name: str = "", add: bool = True) -> TextRun:
        """A run of wrapped lines whose top is at `y`; its height follows from the lines."""
        lines = self.lines(text, lang, size_pt, width, bold)
        height = len(lines) * size_pt * PT_TO_MM * LINE_HEIGHT
        run = TextRun(x, y, width, height, lines, lang, size_pt, colour, bold, align, name, text)
        return self.add(run) if add else run

    def stack(self, texts, x: float, y: float, width: float, sizes: dict, colour, gap: float = 0.6,
              bold: bool = False, align: str = "left", name: str = "", add: bool = True) -> float:
        """One run per language of each text, stacked down from `y`; returns the bottom.

        `sizes` maps language -> type size; `colour` is one name or a language -> name map.
        """
        for text in texts:
            for lang in self.langs:
                ink = colour[lang] if isinstance(colour, dict) else colour
                run = self.text(text[lang], lang, x, y, width, sizes[lang], ink, bold and lang == self.langs[0],
                                align, name, add)
                y += run.h + gap * (lang != self.langs[-1])
            y += gap
        return y - gap

    def drawing(self, width: float, height: float) -> Drawing:
        return Drawing(width, height, tuple(self.shapes), tuple(self.groups))


def even_parts(items: tuple, count: int) -> list[tuple]:
    """`items` in `count` consecutive parts whose sizes differ by one at most (the larger first)."""
    size, extra = divmod(len(items), count)
    parts, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        parts.append(tuple(items[start:end]))
        start = end
    return [part for part in parts if part]
