"""Figure kind `hub`: a centre with one node per region, joined to it by connectors.

The layout is given the frame it must fit and takes the first arrangement that does: the
regions in two columns flanking a round hub; else the hub as a band over a grid of two, three
(or, where the width allows, more) columns of nodes hanging from it. Nodes of one row share the
row's height, so any number of regions lines up on one grid. Where the frame allows a brief
figure (a slide, whose notes carry the rest), the summaries are left out as a last resort.
"""
from __future__ import annotations

import dataclasses

import math

from ..content.inline import plain
from ..content.model import HubFigure, Report, Text
from ..fonts import text_width
from .shapes import Box, Circle, Connector, Drawing, Frame, Pen, Picture, even_parts

MARGIN, HUB_D, SPOKE, V_GAP, COL_GAP, BUS = 1.0, 38.0, 10.0, 4.0, 5.0, 4.0
NODE_MIN, NAMES_MIN, PAD, ICON, BAR = 34.0, 26.0, 2.6, 6.5, 1.4
PLACE = {"zh": 8.5, "en": 7.5}
MODEL = {"zh": 7.5, "en": 7.0}
SUMMARY = {"zh": 7.0, "en": 7.0}
TAG = 7.0


FULL, NO_SUMMARY, NAMES, FIRST_NAMES = range(4)     # how brief a node is: the ladder of a slide


def layout(figure: HubFigure, report: Report, pen: Pen, frame: Frame) -> Drawing:
    """The first arrangement that fits the frame; in a brief frame (a slide, whose notes carry
    the rest) each arrangement is tried with the nodes full, then without summaries, then with
    their names alone (the layer colour stays on each node's bar), then their names in the first
    language only, before the figure is split. At each of these the legend of the layer colours
    is drawn under the nodes where it fits, left out where only it does not."""
    regions = [report.region_by_id[rid] for rid in figure.data.regions]
    tried = []
    levels = (FULL, NO_SUMMARY, NAMES, FIRST_NAMES)[:4 if len(pen.langs) > 1 else 3] if frame.brief_ok else (FULL,)
    arrangements = [("flank", _flank), *((f"grid {c}", _grid(c)) for c in range(2, len(regions) + 1)),
                    ("grid 1", _grid(1))]
    for brief, legend in ((level, legend) for level in levels for legend in (True, False)):
        langs = pen.langs[:1] if brief == FIRST_NAMES else pen.langs
        for name, arrange in arrangements:
            style = f"{name} / {brief}" + ("" if legend else " / no legend")
            if frame.style and style != frame.style:
                continue
            attempt = Pen(pen.policy, langs, pen.theme)
            drawing = arrange(attempt, report, figure.data.center, regions, frame.width, brief, legend)
            if drawing is None:
                continue
            drawing = dataclasses.replace(drawing, style=style)
            if drawing.height <= frame.height:
                return drawing
            tried.append(drawing)
    if not tried:           # the style asked for does not exist at this width: any arrangement
        return layout(figure, report, pen, dataclasses.replace(frame, style=""))
    return min(tried, key=lambda d: d.height)


def _flank(pen: Pen, report: Report, center: Text, regions, width: float, brief: int,
           legend: bool) -> Drawing | None:
    """Two columns of nodes, left and right of the round hub."""
    node_w = (width - 2 * MARGIN - HUB_D - 2 * SPOKE) / 2
    if node_w < _node_min(brief):
        return None
    node_h = max(_node(pen, report, region, 0, 0, node_w, None, brief) for region in regions)
    left = math.ceil(len(regions) / 2)
    rows = max(left, 1)
    height = max(rows * node_h + (rows - 1) * V_GAP, HUB_D + 8) + 2 * MARGIN
    cx, cy = width / 2, height / 2
    slots = [(MARGIN, _row_y(i, left, node_h, height)) for i in range(left)]
    slots += [(width - MARGIN - node_w, _row_y(i, len(regions) - left, node_h, height))
              for i in range(len(regions) - left)]
    for (x, y) in slots:
        inner = x + node_w if x < cx else x
        angle = math.atan2(y + node_h / 2 - cy, inner - cx)
        pen.add(Connector(cx + HUB_D / 2 * math.cos(angle), cy + HUB_D / 2 * math.sin(angle),
                          inner, y + node_h / 2, "muted", 0.35, name="connector"))
    for region, (x, y) in zip(regions, slots):
        _node(pen, report, region, x, y, node_w, node_h, brief)
    _hub(pen, center, cx, cy)
    bottom = _legend(pen, report, regions, width, height - MARGIN) if legend else height - MARGIN
    return pen.drawing(width, bottom + MARGIN)


def _grid(columns: int):
    def arrange(pen: Pen, report: Report, center: Text, regions, width: float, brief: int,
                legend: bool) -> Drawing | None:
        """The hub as a band across the top, the nodes in `columns` columns hanging from it."""
        node_w = (width - 2 * MARGIN - (columns - 1) * COL_GAP) / columns
        if node_w < _node_min(brief) or columns > max(len(regions), 2):
            return None
        rows = [regions[i:i + columns] for i in range(0, len(regions), columns)]
        heights = [max(_node(pen, report, region, 0, 0, node_w, None, brief) for region in row) for row in rows]
        band_bottom = _band(pen, center, MARGIN, MARGIN, width - 2 * MARGIN)
        bus_y = band_bottom + BUS
        used = min(columns, len(regions))
        xs = [MARGIN + c * (node_w + COL_GAP) + node_w / 2 for c in range(used)]
        pen.add(Connector(width / 2, band_bottom, width / 2, bus_y, "muted", 0.35, name="connector"))
        if used > 1:
            pen.add(Connector(xs[0], bus_y, xs[-1], bus_y, "muted", 0.35, name="connector"))
        y = bus_y + BUS
        for r, (row, row_h) in enumerate(zip(rows, heights)):
            for c, region in enumerate(row):
                top = bus_y if r == 0 else y - V_GAP
                pen.add(Connector(xs[c], top, xs[c], y, "muted", 0.35, name="connector"))
                _node(pen, report, region, xs[c] - node_w / 2, y, node_w, row_h, brief)
            y += row_h + V_GAP
        bottom = _legend(pen, report, regions, width, y - V_GAP) if legend else y - V_GAP
        return pen.drawing(width, bottom + MARGIN)
    return arrange


LEGEND_GAP, SWATCH, ITEM_GAP = 3.0, 3.0, 6.0


def _legend(pen: Pen, report: Report, regions, width: float, top: float) -> float:
    """What the nodes' colours mean: a swatch and the name of each layer the regions' tags belong
    to, flowed left to right under the figure (none where one layer or none is shown). Returns
    the bottom."""
    layers = sorted({report.tag_by_id[region.tag].layer for region in regions} - {None},
                    key=report.layer_index)
    if len(layers) < 2:
        return top
    start, lang, room = len(pen.shapes), pen.langs[0], width - 2 * MARGIN
    x, y, line_h = MARGIN, top + LEGEND_GAP, 0.0
    for layer_id in layers:
        name = report.layer_by_id[layer_id].name
        text = " ".join(dict.fromkeys(name[each] for each in pen.langs))
        label_w = min(text_width(pen.policy, text, lang, TAG) + 0.2, room - SWATCH - 1.5)
        if x > MARGIN and x + SWATCH + 1.5 + label_w > MARGIN + room:
            x, y, line_h = MARGIN, y + line_h + 1.2, 0.0
        run = pen.text(text, lang, x + SWATCH + 1.5, y, label_w, TAG, "text", name="legend label")
        first_line = run.h / len(run.lines)
        pen.add(Box(x, y + (first_line - SWATCH) / 2, SWATCH, SWATCH,
                    pen.theme.hue_name(report.layer_index(layer_id)), radius=0.5, name="legend swatch"))
        x, line_h = x + SWATCH + 1.5 + label_w + ITEM_GAP, max(line_h, run.h)
    pen.group("legend", start)
    return y + line_h


def _node_min(brief: int) -> float:
    """The narrowest node: a node of names alone needs less than one with its model and tag."""
    return NODE_MIN if brief < NAMES else NAMES_MIN


def _row_y(i: int, count: int, node_h: float, height: float) -> float:
    block = count * node_h + (count - 1) * V_GAP
    return (height - block) / 2 + i * (node_h + V_GAP)


def _node(pen: Pen, report: Report, region, x: float, y: float, w: float, h: float | None, brief: int) -> float:
    """Draw one node at (x, y) with height `h`; with h None only measure it. Returns its height."""
    add = h is not None
    tag = report.tag_by_id[region.tag]
    hue = pen.theme.hue_name(report.layer_index(tag.layer) if tag.layer else None)
    start = len(pen.shapes)
    if add:
        pen.add(Box(x, y, w, h, "paper", "rule", 1.2, 0.25, name=f"node {region.id}"))
        pen.add(Box(x, y, BAR, h, hue, radius=0.6, name="layer colour"))
        if region.icon:
            pen.add(Picture(x + BAR + PAD, y + PAD, ICON, region.icon, name="icon",
                            alt=" ".join(region.place[lang] for lang in pen.langs), colour=hue))
    tx = x + BAR + PAD + (ICON + 2.0 if region.icon else 0)
    tw = x + w - PAD - tx
    bottom = pen.stack([region.place], tx, y + PAD, tw, PLACE, "text", bold=True, add=add)
    if brief < NAMES:
        bottom = pen.stack([region.model], tx, bottom + 0.8, tw, MODEL, "text", add=add)
        if brief == FULL:
            bottom = pen.stack([region.summary], tx, bottom + 0.8, tw, SUMMARY, "muted", add=add)
        bottom = _chip(pen, tag.label, tx, bottom + 1.6, tw, hue, add)
    elif region.icon:
        bottom = max(bottom, y + PAD + ICON)
    if add:
        pen.group(f"node {region.id}", start)
    return bottom + PAD - y


def _chip(pen: Pen, label: Text, x: float, y: float, room: float, hue: str, add: bool) -> float:
    """A tag: its label on the layer's strong colour, languages side by side."""
    text = " ".join(dict.fromkeys(label[lang] for lang in pen.langs))
    lang = pen.langs[0]
    run = pen.text(text, lang, x + 1.2, y + 0.5, room - 2.4, TAG, "paper", add=False)
    width = max(text_width(pen.policy, line, lang, TAG) for line in run.lines) + 0.2
    if add:
        pen.add(Box(x, y, width + 2.4, run.h + 1.0, hue, radius=0.8, name="tag"))
        pen.text(text, lang, x + 1.2, y + 0.5, width, TAG, "paper", name="tag label")
    return y + run.h + 1.0


def _sizes(pen: Pen) -> dict:
    return {"zh": 11.0, "en": 8.5} if len(pen.langs) > 1 else {"zh": 12.0, "en": 10.0}


def _hub(pen: Pen, center: Text, cx: float, cy: float) -> None:
    start = len(pen.shapes)
    pen.add(Circle(cx, cy, HUB_D / 2, "ink", name="hub"))
    width, sizes = HUB_D * 0.72, _sizes(pen)
    height = pen.stack([center], 0, 0, width, sizes, "paper", bold=True, align="center", add=False)
    pen.stack([center], cx - width / 2, cy - height / 2, width, sizes, "paper", bold=True, align="center",
              name="hub label")
    pen.group("hub", start)


def _band(pen: Pen, center: Text, x: float, y: float, width: float) -> float:
    """The hub as a band across the figure's top; returns its bottom."""
    start, sizes = len(pen.shapes), _sizes(pen)
    height = pen.stack([center], 0, 0, width - 4 * PAD, sizes, "paper", bold=True, align="center", add=False)
    pen.add(Box(x, y, width, height + 2 * PAD, "ink", radius=1.5, name="hub"))
    pen.stack([center], x + 2 * PAD, y + PAD, width - 4 * PAD, sizes, "paper", bold=True, align="center",
              name="hub label")
    pen.group("hub", start)
    return y + height + 2 * PAD


def describe(figure: HubFigure, report: Report) -> Text:
    def say(lang):
        nodes = "；".join if lang == "zh" else "; ".join
        parts = []
        for rid in figure.data.regions:
            region = report.region_by_id[rid]
            tag = report.tag_by_id[region.tag].label
            fields = (region.place, region.model, region.summary, tag)
            parts.append(" · ".join(plain(t[lang]) for t in fields))
        colon = "：" if lang == "zh" else ": "
        return f"{figure.title[lang]}{colon}{figure.data.center[lang]}{colon}{nodes(parts)}"
    return Text(say("zh"), say("en"))


def items(figure: HubFigure) -> int:
    return len(figure.data.regions)


def split(figure: HubFigure, count: int) -> list[HubFigure]:
    """The hub with its regions in `count` even parts, in order."""
    return [dataclasses.replace(figure, data=dataclasses.replace(figure.data, regions=part))
            for part in even_parts(figure.data.regions, count)]
