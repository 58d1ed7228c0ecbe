"""Figure kind `hub`: a centre with one node per region around it, joined by connectors.

Nodes stand in two columns, left and right of the hub, on one grid: every node has the height
of the tallest, so any number of regions lines up.
"""
from __future__ import annotations

import math

from ..content.inline import plain
from ..content.model import HubFigure, Report, Text
from ..fonts import text_width
from .shapes import Box, Circle, Connector, Drawing, Pen, Picture

WIDTH, MARGIN = 170.0, 1.0
NODE_W, HUB_D, V_GAP, PAD, ICON, BAR = 55.0, 38.0, 4.0, 2.6, 6.5, 1.4
PLACE = {"zh": 8.5, "en": 7.5}
MODEL = {"zh": 7.5, "en": 7.0}
SUMMARY = {"zh": 7.0, "en": 7.0}
TAG = 7.0


def layout(figure: HubFigure, report: Report, pen: Pen) -> Drawing:
    regions = [report.region_by_id[rid] for rid in figure.data.regions]
    node_h = max(_node(pen, report, region, 0, 0, NODE_W, None) for region in regions)
    left = math.ceil(len(regions) / 2)
    rows = max(left, 1)
    height = max(rows * node_h + (rows - 1) * V_GAP, HUB_D + 8) + 2 * MARGIN
    cx, cy = WIDTH / 2, height / 2
    slots = [(MARGIN, _row_y(i, left, node_h, height)) for i in range(left)]
    slots += [(WIDTH - MARGIN - NODE_W, _row_y(i, len(regions) - left, node_h, height))
              for i in range(len(regions) - left)]
    for (x, y) in slots:
        inner = x + NODE_W if x < cx else x
        angle = math.atan2(y + node_h / 2 - cy, inner - cx)
        pen.add(Connector(cx + HUB_D / 2 * math.cos(angle), cy + HUB_D / 2 * math.sin(angle),
                          inner, y + node_h / 2, "muted", 0.35, name="connector"))
    for region, (x, y) in zip(regions, slots):
        _node(pen, report, region, x, y, NODE_W, node_h)
    _hub(pen, figure.data.center, cx, cy)
    return pen.drawing(WIDTH, height)


def _row_y(i: int, count: int, node_h: float, height: float) -> float:
    block = count * node_h + (count - 1) * V_GAP
    return (height - block) / 2 + i * (node_h + V_GAP)


def _node(pen: Pen, report: Report, region, x: float, y: float, w: float, h: float | None) -> float:
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
                            alt=" ".join(region.place[lang] for lang in pen.langs)))
    tx = x + BAR + PAD + (ICON + 2.0 if region.icon else 0)
    tw = x + w - PAD - tx
    bottom = pen.stack([region.place], tx, y + PAD, tw, PLACE, "ink", bold=True, add=add)
    bottom = pen.stack([region.model], tx, bottom + 0.8, tw, MODEL, hue, add=add)
    bottom = pen.stack([region.summary], tx, bottom + 0.8, tw, SUMMARY, "muted", add=add)
    bottom = _chip(pen, tag.label, tx, bottom + 1.6, hue, add)
    if add:
        pen.group(f"node {region.id}", start)
    return bottom + PAD - y


def _chip(pen: Pen, label: Text, x: float, y: float, hue: str, add: bool) -> float:
    """A tag: its label on the layer's strong colour, languages side by side."""
    text = " ".join(dict.fromkeys(label[lang] for lang in pen.langs))
    lang = pen.langs[0]
    run = pen.text(text, lang, x + 1.2, y + 0.5, 60, TAG, "paper", add=False)
    width = max(text_width(pen.policy, line, lang, TAG) for line in run.lines) + 0.2
    if add:
        pen.add(Box(x, y, width + 2.4, run.h + 1.0, hue, radius=0.8, name="tag"))
        pen.text(text, lang, x + 1.2, y + 0.5, width, TAG, "paper", name="tag label")
    return y + run.h + 1.0


def _hub(pen: Pen, center: Text, cx: float, cy: float) -> None:
    start = len(pen.shapes)
    pen.add(Circle(cx, cy, HUB_D / 2, "ink", name="hub"))
    width = HUB_D * 0.72
    sizes = {"zh": 11.0, "en": 8.5} if len(pen.langs) > 1 else {"zh": 12.0, "en": 10.0}
    height = pen.stack([center], 0, 0, width, sizes, "paper", bold=True, align="center", add=False)
    pen.stack([center], cx - width / 2, cy - height / 2, width, sizes, "paper", bold=True, align="center",
              name="hub label")
    pen.group("hub", start)


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
