"""The deck's text as python-pptx reads it, for the deck's preflight: each text shape's box on
the slide (through the groups it sits in, which may be scaled) and the size of every run, as
inherited when the run does not set it (the shape's list style, its layout's placeholder, the
master's text styles)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from .common import snippet
from .poppler import Box

EMU_PER_PT = 12700
DEFAULT_PT = 18.0           # the size a run has when nothing above it sets one
TITLES = {"TITLE", "CENTER_TITLE", "VERTICAL_TITLE"}


@dataclass(frozen=True)
class TextShape:
    name: str
    box: Box                 # points, on the slide
    text: str

    @property
    def words(self) -> str:
        """The text with every break a space: a rendered word is found in it as a substring."""
        return " ".join(self.text.split())

    @property
    def area(self) -> float:
        return (self.box[2] - self.box[0]) * (self.box[3] - self.box[1])

    def __str__(self) -> str:
        return f"'{self.name}' (\"{snippet(self.text, 24)}\")"


def text_shapes(slide) -> list[TextShape]:
    return [TextShape(shape.name, box, _text(shape)) for shape, box in _placed(slide.shapes, _identity)
            if _text(shape).strip()]


def _identity(x: float, y: float) -> tuple[float, float]:
    return x, y


def _placed(shapes, to_slide) -> Iterator[tuple[object, Box]]:
    """Every shape, groups opened, with its box in points on the slide."""
    for shape in shapes:
        if shape.left is None or shape.width is None:
            continue
        x0, y0 = to_slide(shape.left, shape.top)
        x1, y1 = to_slide(shape.left + shape.width, shape.top + shape.height)
        yield shape, (x0 / EMU_PER_PT, y0 / EMU_PER_PT, x1 / EMU_PER_PT, y1 / EMU_PER_PT)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _placed(shape.shapes, _group_transform(shape, to_slide))


def _group_transform(group, outer):
    """A group places its children by mapping their box (chOff, chExt) onto its own (off, ext)."""
    xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
    offset, extent = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    if offset is None or extent is None or not int(extent.get("cx")) or not int(extent.get("cy")):
        return outer
    sx, sy = group.width / int(extent.get("cx")), group.height / int(extent.get("cy"))
    cx, cy = int(offset.get("x")), int(offset.get("y"))
    return lambda x, y: outer(group.left + (x - cx) * sx, group.top + (y - cy) * sy)


def _text(shape) -> str:
    if shape.has_text_frame:
        return shape.text_frame.text
    if getattr(shape, "has_table", False) and shape.has_table:
        return " ".join(cell.text for row in shape.table.rows for cell in row.cells)
    return ""


def run_sizes(slide) -> Iterator[tuple[float, str]]:
    """(size in points, text) of every run with text on the slide."""
    for shape, _ in _placed(slide.shapes, _identity):
        for frame in _frames(shape):
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    if run.text.strip():
                        size = run.font.size.pt if run.font.size else _inherited(shape, paragraph.level)
                        yield size, run.text


def _frames(shape):
    if shape.has_text_frame:
        return [shape.text_frame]
    if getattr(shape, "has_table", False) and shape.has_table:
        return [cell.text_frame for row in shape.table.rows for cell in row.cells]
    return []


def _inherited(shape, level: int) -> float:
    """The size a run without its own takes from the styles above it."""
    for body in _bodies(shape):
        size = _level_size(body.find(qn("a:lstStyle")) if body is not None else None, level)
        if size:
            return size
    return _level_size(_master_style(shape), level) or DEFAULT_PT


def _bodies(shape):
    yield shape._element.find(qn("p:txBody"))
    base = getattr(shape, "_base_placeholder", None) if shape.is_placeholder else None
    while base is not None:
        yield base._element.find(qn("p:txBody"))
        base = getattr(base, "_base_placeholder", None)


def _master_style(shape):
    styles = shape.part.slide_layout.slide_master._element.find(qn("p:txStyles"))
    if styles is None:
        return None
    if not shape.is_placeholder:
        return styles.find(qn("p:otherStyle"))
    title = shape.placeholder_format.type is not None and shape.placeholder_format.type.name in TITLES
    return styles.find(qn("p:titleStyle" if title else "p:bodyStyle"))


def _level_size(style, level: int) -> float | None:
    if style is None:
        return None
    properties = style.find(qn(f"a:lvl{level + 1}pPr"))
    default = properties.find(qn("a:defRPr")) if properties is not None else None
    return int(default.get("sz")) / 100 if default is not None and default.get("sz") else None
