"""A figure layout drawn as native PowerPoint shapes: one group per figure, sub-groups per
node, layer or column, so a participant can retype a label or move a node.

It draws exactly the shapes of `figures.shapes.Drawing`, the same data the matplotlib painter
draws, enlarged by `scale` and moved to `origin` on the slide.
"""
from __future__ import annotations

import re
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Mm, Pt

from ..figures.shapes import LINE_HEIGHT, Box, Circle, Connector, Drawing, Picture, TextRun
from ..fonts import PT_TO_MM, FontPolicy, text_width
from ..icons import picture
from .text import BOTTOM_SLACK, add_lines, add_run, paragraph

TEXT_SLACK = 1.03       # text boxes a little wider than the layout's lines: renderers differ


class Placer:
    """Maps layout millimetres to the slide: origin (mm) plus scale."""

    def __init__(self, origin: tuple[float, float], scale: float, colours: dict[str, str], snap=None):
        self.colours = colours                 # colour token -> RRGGBB
        self.ox, self.oy = origin
        self.scale = scale
        self.snap = snap or (lambda size: size)     # a text size (pt) brought onto the deck's scale

    def x(self, mm: float):
        return Mm(self.ox + mm * self.scale)

    def y(self, mm: float):
        return Mm(self.oy + mm * self.scale)

    def d(self, mm: float):
        return Mm(mm * self.scale)


def add_drawing(shapes, drawing: Drawing, policy: FontPolicy, colours: dict[str, str], icon_dir: Path,
                origin: tuple[float, float], scale: float, alt: str, name: str, snap=None):
    """The drawing as one named group with alt text; returns the group shape.

    Shapes are made on the slide and moved into their groups afterwards: python-pptx recomputes
    a group's extents on every shape added to it, which grows with the square of its size.
    """
    place = Placer(origin, scale, colours, snap)
    made = [_add(shapes, shape, place, policy, icon_dir) for shape in drawing.shapes]
    starts = {indices[0]: (gname, indices) for gname, indices in drawing.groups if indices}
    members, i = [], 0
    while i < len(made):
        if i in starts:
            gname, indices = starts[i]
            sub = shapes.add_group_shape([made[j] for j in indices])
            sub.name = gname
            set_alt(sub, _group_alt(drawing, indices))
            members.append(sub)
            i = indices[-1] + 1
        else:
            members.append(made[i])
            i += 1
    group = shapes.add_group_shape(members)
    group.name = name
    set_alt(group, alt)
    return group


def set_alt(shape, text: str) -> None:
    """Alt text (cNvPr descr) for a picture, group or shape."""
    element = shape._element
    props = next(element.iter(qn("p:cNvPr")))
    props.set("descr", text)


def _group_alt(drawing: Drawing, indices) -> str:
    words = [" ".join(s.lines) for s in (drawing.shapes[j] for j in indices) if isinstance(s, TextRun)]
    return " · ".join(words)


def _add(shapes, shape, place: Placer, policy: FontPolicy, icon_dir: Path):
    return ADDERS[type(shape)](shapes, shape, place, policy, icon_dir)


def _colour(name: str, place: Placer) -> RGBColor:
    return RGBColor.from_string(place.colours[name])


def _style_fill(shape, fill: str | None, stroke: str | None, line_mm: float, place: Placer) -> None:
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _colour(fill, place)
    else:
        shape.fill.background()
    if stroke and line_mm:
        shape.line.color.rgb = _colour(stroke, place)
        shape.line.width = place.d(line_mm)
    else:
        shape.line.fill.background()
    drop_style(shape)


def drop_style(shape) -> None:
    """Remove python-pptx's theme style reference (it brings a shadow): every look is explicit."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _box(shapes, box: Box, place: Placer, *_):
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if box.radius else MSO_SHAPE.RECTANGLE
    shape = shapes.add_shape(kind, place.x(box.x), place.y(box.y), place.d(box.w), place.d(box.h))
    if box.radius:
        shape.adjustments[0] = min(0.5, box.radius / min(box.w, box.h))
    shape.name = box.name or "box"
    _style_fill(shape, box.fill, box.stroke, box.line_mm, place)
    return shape


def _circle(shapes, circle: Circle, place: Placer, *_):
    shape = shapes.add_shape(MSO_SHAPE.OVAL, place.x(circle.cx - circle.r), place.y(circle.cy - circle.r),
                             place.d(2 * circle.r), place.d(2 * circle.r))
    shape.name = circle.name or "circle"
    _style_fill(shape, circle.fill, circle.stroke, circle.line_mm, place)
    return shape


def _connector(shapes, line: Connector, place: Placer, *_):
    shape = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, place.x(line.x1), place.y(line.y1),
                                 place.x(line.x2), place.y(line.y2))
    shape.name = line.name or "connector"
    drop_style(shape)
    shape.line.color.rgb = _colour(line.colour, place)
    shape.line.width = place.d(line.line_mm)
    if line.arrow:
        ln = shape.line._get_or_add_ln()
        ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))
    return shape


# Office programs space Han characters from the Latin letters, digits, signs and spaces beside them
# (about a quarter em: LibreOffice's autospace); a box set without wrapping must hold that too.
SPACED = re.compile(r"(?<=[\u3400-\u9fff])(?=[ -~])|(?<=[ -~])(?=[\u3400-\u9fff])")


def _client_width(run: TextRun, policy: FontPolicy) -> float:
    """The widest line of `run` (figure mm) as an office program sets it."""
    return max((text_width(policy, line, run.lang, run.size_pt, run.bold)
                + len(SPACED.findall(line)) * 0.25 * run.size_pt * PT_TO_MM for line in run.lines), default=0.0)


def _text(shapes, run: TextRun, place: Placer, policy: FontPolicy, _):
    width = max(run.w * TEXT_SLACK, _client_width(run, policy) * 1.02)
    x = {"left": run.x, "center": run.x - (width - run.w) / 2, "right": run.x - (width - run.w)}[run.align]
    size = place.snap(run.size_pt * place.scale)        # never above the size the layout measured
    # room under the last line for glyphs set below an exact line pitch (see text.BOTTOM_SLACK)
    height = place.d(run.h) + Pt(size * BOTTOM_SLACK)
    box = shapes.add_textbox(place.x(x), place.y(run.y), place.d(width), height)
    box.name = run.name or "label"
    frame = box.text_frame
    # the layout broke the lines (a:br between them), and the box is wider than the widest as a
    # client sets it (Han characters spaced from Latin letters, the deck's substitute faces):
    # the client never wraps again. A left-aligned label keeps wrapping on, for LibreOffice
    # centres the text of a box set without wrapping whatever its alignment.
    frame.word_wrap = run.align == "left"
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Mm(0)
    body = frame._txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    p = paragraph(body, run.align, run.size_pt * place.scale * LINE_HEIGHT)   # the pitch the layout set
    if len(run.lines) > 1:
        add_lines(p, policy, run.lines, run.lang, size, run.bold, place.colours[run.colour])
    else:
        add_run(p, policy, run.text or " ".join(run.lines), run.lang, size, run.bold, place.colours[run.colour])
    return box


def _picture(shapes, pic: Picture, place: Placer, policy: FontPolicy, icon_dir: Path):
    image = picture(pic.icon, policy, icon_dir, "#" + place.colours[pic.colour].lstrip("#"))
    shape = shapes.add_picture(str(image), place.x(pic.x), place.y(pic.y), place.d(pic.size), place.d(pic.size))
    shape.name = pic.name or "icon"
    set_alt(shape, pic.alt or pic.icon)
    return shape


ADDERS = {Box: _box, Circle: _circle, Connector: _connector, TextRun: _text, Picture: _picture}
