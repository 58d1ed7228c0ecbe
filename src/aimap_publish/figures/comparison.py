"""Figure kind `comparison`: columns side by side (硅谷 | 中国), each headed by its name and a
heading, with its list; the bridge label (SYNERGY) joins each pair of neighbouring columns.

Rows line up across columns: each row is as tall as its tallest item, so uneven lists and
long labels keep one grid.
"""
from __future__ import annotations

import dataclasses

from ..content.model import ComparisonFigure, Report, Text
from ..fonts import PT_TO_MM
from .shapes import LINE_HEIGHT, Box, Circle, Connector, Drawing, Frame, Pen, Picture, even_parts

MARGIN = 1.0
BRIDGE_W, PAD, ROW_GAP, ICON, DOT = 30.0, 3.0, 1.6, 6.5, 1.2
NAME = {"zh": 11.0, "en": 8.5}
HEADING = {"zh": 7.5, "en": 7.0}
ITEM = {"zh": 8.5, "en": 7.0}
BRIDGE = {"zh": 9.0, "en": 8.0}


GUTTER = 6.0             # between columns with no bridge between them
COLUMN_MIN = 45.0        # in a narrow frame (a phone), narrower columns stand one under another
NARROW = 120.0


def layout(figure: ComparisonFigure, report: Report, pen: Pen, frame: Frame) -> Drawing:
    """The columns with their headings; in a brief frame that they do not fit, without the
    headings, then without the bridge, then in the first language only (the notes carry them). In a narrow frame where columns side by side would be
    narrower than COLUMN_MIN, they stand one under another, the bridge label between each pair."""
    n = len(figure.data.columns)
    if frame.width < NARROW and (frame.width - 2 * MARGIN - (n - 1) * BRIDGE_W) / n < COLUMN_MIN:
        return _stacked(figure, pen, frame)
    drawing = _layout(figure, Pen(pen.policy, pen.langs, pen.theme), frame, True)
    if drawing.height <= frame.height or not frame.brief_ok:
        return drawing
    brief = _layout(figure, Pen(pen.policy, pen.langs, pen.theme), frame, False)
    if brief.height <= frame.height or not figure.data.bridge:
        return brief
    bare = dataclasses.replace(figure, data=dataclasses.replace(figure.data, bridge=None))
    without = _layout(bare, Pen(pen.policy, pen.langs, pen.theme), frame, False)
    if without.height <= frame.height or len(pen.langs) == 1:
        return without
    # the last rung of a brief frame: the first language only (the notes carry both)
    return _layout(bare, Pen(pen.policy, pen.langs[:1], pen.theme), frame, False)


def _layout(figure: ComparisonFigure, pen: Pen, frame: Frame, headed: bool) -> Drawing:
    """The columns side by side. The bridge stands between two columns where they stay at least
    COLUMN_MIN wide beside it; else (more columns, or a narrow frame) it gives way to them: a
    band under the columns joining them all."""
    columns = figure.data.columns
    n = len(columns)
    between = bool(figure.data.bridge) and n == 2 and (frame.width - 2 * MARGIN - BRIDGE_W) / 2 >= COLUMN_MIN
    bridge_w = BRIDGE_W if between else GUTTER
    col_w = (frame.width - 2 * MARGIN - (n - 1) * bridge_w) / n
    xs = [MARGIN + i * (col_w + bridge_w) for i in range(n)]
    inner = col_w - 2 * PAD - DOT - 2.0
    head_h = max(_head(pen, col, 0, 0, col_w, None, headed) for col in columns)
    rows = max(len(col.items) for col in columns)
    row_h = [max((pen.stack([col.items[r]], 0, 0, inner, ITEM, "text", add=False)
                  for col in columns if r < len(col.items)), default=0) for r in range(rows)]
    height = head_h + PAD + sum(row_h) + ROW_GAP * (rows - 1) + PAD
    for col, x in zip(columns, xs):
        _column(pen, col, x, MARGIN, col_w, height, head_h, row_h, inner, headed)
    if between:
        _bridge(pen, figure.data.bridge, xs[1] - bridge_w, MARGIN + height / 2, bridge_w)
    elif figure.data.bridge:
        height = _band(pen, figure.data.bridge, [x + col_w / 2 for x in xs], MARGIN + height, frame.width) - MARGIN
    return pen.drawing(frame.width, height + 2 * MARGIN)


def _band(pen: Pen, label: Text, centres: list[float], top: float, width: float) -> float:
    """The bridge under the columns: a line from each column down to a rail joining them, the
    label in an accent pill centred under the rail. Returns the bottom."""
    start = len(pen.shapes)
    rail = top + 4.0
    for cx in centres:
        pen.add(Connector(cx, top, cx, rail, "accent", 0.5, name="bridge line"))
    pen.add(Connector(centres[0], rail, centres[-1], rail, "accent", 0.5, name="bridge line"))
    pill_w = min(width - 2 * MARGIN, max(60.0, (centres[-1] - centres[0]) * 0.6))
    h = pen.stack([label], 0, 0, pill_w - 4.0, BRIDGE, "paper", bold=True, add=False) + 3.0
    mid = (centres[0] + centres[-1]) / 2
    pen.add(Connector(mid, rail, mid, rail + 3.0, "accent", 0.5, name="bridge line"))
    pen.add(Box(mid - pill_w / 2, rail + 3.0, pill_w, h, "accent", radius=h / 2 if h < 10 else 2.0, name="bridge"))
    pen.stack([label], mid - pill_w / 2 + 2.0, rail + 4.5, pill_w - 4.0, BRIDGE, "paper", bold=True, align="center",
              name="bridge label")
    pen.group("bridge", start)
    return rail + 3.0 + h


def _stacked(figure: ComparisonFigure, pen: Pen, frame: Frame) -> Drawing:
    width = frame.width - 2 * MARGIN
    inner = width - 2 * PAD - DOT - 2.0
    y = MARGIN
    for i, col in enumerate(figure.data.columns):
        if i and figure.data.bridge:
            # the pill half the width, wider (up to the column's) where its label would take more
            # than two lines; measured at the width it is drawn at
            for share in (0.5, 0.75, 1.0):
                pill_w = width * share
                label_h = pen.stack([figure.data.bridge], 0, 0, pill_w - 2.0, BRIDGE, "paper", bold=True, add=False)
                if label_h <= 2 * len(pen.langs) * max(BRIDGE.values()) * PT_TO_MM * LINE_HEIGHT + 0.01:
                    break
            gap = label_h + 3.0 + 2 * ROW_GAP
            start = len(pen.shapes)
            left = (frame.width - pill_w) / 2
            pen.add(Connector(frame.width / 2, y, frame.width / 2, y + gap, "accent", 0.5, name="bridge line"))
            pen.add(Box(left, y + ROW_GAP, pill_w, label_h + 3.0, "accent", radius=2.0, name="bridge"))
            pen.stack([figure.data.bridge], left + 1.0, y + ROW_GAP + 1.5, pill_w - 2.0, BRIDGE, "paper",
                      bold=True, align="center", name="bridge label")
            pen.group("bridge", start)
            y += gap
        elif i:
            y += 2 * ROW_GAP
        head_h = _head(pen, col, 0, 0, width, None)
        rows = [pen.stack([item], 0, 0, inner, ITEM, "text", add=False) for item in col.items]
        height = head_h + PAD + sum(rows) + ROW_GAP * max(len(rows) - 1, 0) + PAD
        _column(pen, col, MARGIN, y, width, height, head_h, rows, inner, True)
        y += height
    return pen.drawing(frame.width, y + MARGIN)


def _head(pen: Pen, col, x: float, y: float, w: float, h: float | None, headed: bool = True) -> float:
    """The column's header band: icon, name, heading; with h None only measured."""
    add = h is not None
    tx = x + PAD + (ICON + 2.0 if col.icon else 0)
    tw = x + w - PAD - tx
    if add:
        pen.add(Box(x, y, w, h, "ink", radius=1.5, name="column header"))
        if col.icon:
            pen.add(Picture(x + PAD, y + PAD, ICON, col.icon, name="icon",
                            alt=" ".join(col.name[lang] for lang in pen.langs), colour="paper"))
    bottom = pen.stack([col.name], tx, y + PAD, tw, NAME, "paper", bold=True, add=add)
    if headed:
        bottom = pen.stack([col.heading], tx, bottom + 1.0, tw, HEADING, "paper", add=add)
    return bottom + PAD - y


def _column(pen: Pen, col, x, y, w, height, head_h, row_h, inner, headed) -> None:
    start = len(pen.shapes)
    pen.add(Box(x, y, w, height, "panel", "rule", 1.5, 0.25, name="column"))
    _head(pen, col, x, y, w, head_h, headed)
    top = y + head_h + PAD
    for item, h in zip(col.items, row_h):
        first_line = ITEM[pen.langs[0]] * PT_TO_MM * LINE_HEIGHT
        pen.add(Circle(x + PAD + DOT / 2, top + first_line / 2, DOT / 2, "accent", name="bullet"))
        pen.stack([item], x + PAD + DOT + 2.0, top, inner, ITEM, "text", name="strength")
        top += h + ROW_GAP
    pen.group(f"column {col.name.en}", start)


def _bridge(pen: Pen, label: Text, x: float, cy: float, w: float) -> None:
    """The bridge label in an accent pill, with connectors to the columns on either side."""
    start = len(pen.shapes)
    inner = w - 4.0
    h = pen.stack([label], 0, 0, inner, BRIDGE, "paper", bold=True, add=False) + 3.0
    pen.add(Connector(x, cy, x + w, cy, "accent", 0.5, name="bridge line"))
    pen.add(Box(x + 1.0, cy - h / 2, w - 2.0, h, "accent", radius=h / 2 if h < 10 else 2.0, name="bridge"))
    pen.stack([label], x + 2.0, cy - h / 2 + 1.5, inner, BRIDGE, "paper", bold=True, align="center",
              name="bridge label")
    pen.group("bridge", start)


def describe(figure: ComparisonFigure, report: Report) -> Text:
    def say(lang):
        sep, colon, comma = ("；", "：", "、") if lang == "zh" else ("; ", ": ", ", ")
        columns = [
            f"{col.name[lang]} — {col.heading[lang]}{colon}{comma.join(item[lang] for item in col.items)}"
            for col in figure.data.columns
        ]
        bridge = f"{sep}{figure.data.bridge[lang]}" if figure.data.bridge else ""
        return f"{figure.title[lang]}{colon}{sep.join(columns)}{bridge}"
    return Text(say("zh"), say("en"))


def items(figure: ComparisonFigure) -> int:
    """How many parts the figure may be shown in: its columns, or its longest column's items."""
    return max(len(figure.data.columns), *(len(col.items) for col in figure.data.columns))


def split(figure: ComparisonFigure, count: int) -> list[ComparisonFigure]:
    """Three or more columns in `count` even groups of columns (each as wide as a slide then
    allows); else every column in each part, its items in `count` even parts."""
    columns = figure.data.columns
    if len(columns) >= 3 and count <= len(columns):
        return [dataclasses.replace(figure, data=dataclasses.replace(figure.data, columns=part))
                for part in even_parts(columns, count)]
    size = -(-max(len(col.items) for col in columns) // count)
    return [dataclasses.replace(figure, data=dataclasses.replace(figure.data, columns=tuple(
        dataclasses.replace(col, items=col.items[i * size:(i + 1) * size]) for col in figure.data.columns)))
        for i in range(count) if any(col.items[i * size:(i + 1) * size] for col in figure.data.columns)]
