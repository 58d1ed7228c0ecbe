"""Figure kind `layers`: the industry structure as stacked bands, the first layer on top, with
the flow (技术 → 产品 → 产业) rising beside them from the bottom layer to the top one.

Each band: the layer's name on its strong colour, its items as chips on its tint (as many to a
row as the frame's width holds), and the regions that anchor it.
"""
from __future__ import annotations

import dataclasses


from ..content.model import LayersFigure, Report, Text
from .shapes import Box, Connector, Drawing, Frame, Pen, even_parts

MARGIN = 1.0
NAME_W, ANCHOR_W, FLOW_W, GAP, PAD, CHIP_GAP, CHIP_MIN, CHIP_PAD = 30.0, 28.0, 24.0, 3.0, 2.6, 2.0, 17.5, 1.6
COLUMN_GAP = 5.0          # between layers side by side: room for the arrow from one to the next
NAME = {"zh": 10.0, "en": 8.0}
ITEM = {"zh": 8.0, "en": 7.0}
ANCHOR = {"zh": 7.5, "en": 7.0}
FLOW = {"zh": 8.5, "en": 7.0}


NARROW = 120.0            # below this width (a phone) each band stacks: name, items, anchors
STEP_MIN = 16.0           # a flow step narrower than this: the steps stand one under another


def layout(figure: LayersFigure, report: Report, pen: Pen, frame: Frame) -> Drawing:
    """The bands with their anchors and the flow, in the first arrangement of the ladder that
    the frame holds (`_arrangements`), else the shortest of them (the page scales it down; `check`
    holds its text to the print minimum). In a brief frame that none fits, the bands alone (the
    anchoring regions and the flow: the notes carry them). In a narrow frame each band stacks
    its name over its items and anchors, the flow a row under the bands (its steps rising from
    the first, as beside the bands)."""
    if frame.width < NARROW:
        return _narrow(figure, report, pen, frame)
    shortest = None
    for flow_beside, anchors_aside, cols in _arrangements(figure, report, pen, frame):
        drawing = _layout(figure, report, Pen(pen.policy, pen.langs, pen.theme), frame, True, flow_beside,
                          anchors_aside, cols)
        if drawing.height <= frame.height:
            return drawing
        if shortest is None or drawing.height < shortest.height - 0.05:
            shortest = drawing
    if not frame.brief_ok:
        return shortest
    # a brief frame (a slide: the notes carry the anchors and the flow): the bands alone, then the
    # layers side by side (a slide is wide), each in both languages, then in the first only
    tried = None
    for langs in (pen.langs, pen.langs[:1]) if len(pen.langs) > 1 else (pen.langs,):
        for arrange in (_layout, _side_by_side):
            drawing = arrange(figure, report, Pen(pen.policy, langs, pen.theme), frame, False)
            if drawing.height <= frame.height:
                return drawing
            tried = tried or drawing
    return tried


def _arrangements(figure: LayersFigure, report: Report, pen: Pen, frame: Frame):
    """The ladder, in order: (flow beside the bands?, anchors in a column of their own?, chip
    columns or None for as many as the width holds). The flow first gives its column to the
    items (a row under the bands), then the anchors theirs (set under the layer's name), then
    the chips come in fewer, wider columns, where a long item takes fewer lines."""
    layers = [report.layer_by_id[lid] for lid in figure.data.layers]
    flows = (True, False) if figure.data.flow else (True,)
    anchored = any(layer.regions for layer in layers)
    yield from ((beside, True, None) for beside in flows)
    if anchored:
        yield False, False, None
    most = max((len(layer.items) for layer in layers), default=1)
    widest = _columns(pen, layers, frame.width - 2 * MARGIN - NAME_W - 2 * PAD)
    for cols in range(min(most, widest) - 1, 1, -1):
        yield False, False, cols


def _columns(pen: Pen, layers, items_w: float) -> int:
    """How many chips of at least the figure's narrowest chip width a row of `items_w` holds."""
    return max(1, int((items_w + CHIP_GAP) // (_chip_min(pen, layers) + CHIP_GAP)))


def _layout(figure: LayersFigure, report: Report, pen: Pen, frame: Frame, anchored: bool,
            flow_beside: bool = True, anchors_aside: bool = True, cols: int | None = None) -> Drawing:
    layers = [report.layer_by_id[lid] for lid in figure.data.layers]
    flow = figure.data.flow if anchored else ()
    bands_right = frame.width - MARGIN - (FLOW_W + GAP if flow and flow_beside else 0)
    y, chip_min = MARGIN, _chip_min(pen, layers)
    most = max((len(layer.items) for layer in layers), default=0)
    for layer in layers:
        y = _band(pen, report, layer, MARGIN, y, bands_right - MARGIN, anchored, chip_min, anchors_aside, cols,
                  most) + GAP
    bottom = y - GAP
    if flow and not flow_beside:
        # the steps in reading order under the bands, the last (the top layer's) on the right
        bottom = _flow_row(pen, flow, MARGIN, y, frame.width - 2 * MARGIN)
    elif flow:
        steps = sum(pen.stack([step], 0, 0, FLOW_W - 2 * PAD, FLOW, "text", bold=True, add=False) for step in flow)
        bottom = max(bottom, MARGIN + steps + len(flow) * 2 * PAD)      # room for every step, apart
        _flow(pen, flow, bands_right + GAP, MARGIN, bottom)
    return pen.drawing(frame.width, bottom + MARGIN)


def _narrow(figure: LayersFigure, report: Report, pen: Pen, frame: Frame) -> Drawing:
    width = frame.width - 2 * MARGIN
    y, layers = MARGIN, [report.layer_by_id[lid] for lid in figure.data.layers]
    chip_min = _chip_min(pen, layers)
    for layer in layers:
        hue = pen.theme.hue_name(report.layer_index(layer.id))
        start = len(pen.shapes)
        name_h = pen.stack([layer.name], 0, 0, width - 2 * PAD, NAME, "paper", bold=True, add=False) + 2 * PAD
        inner = width - 2 * PAD
        per_row = max(1, int((inner + CHIP_GAP) // (chip_min + CHIP_GAP)))
        chip_w = (inner - (per_row - 1) * CHIP_GAP) / per_row
        chip_h = max((_chip(pen, item, 0, 0, chip_w, hue, None) for item in layer.items), default=0)
        rows = _rows(layer.items, per_row)
        anchors = _anchors(report, layer)
        anchor_h = pen.stack([anchors], 0, 0, inner, ANCHOR, "text", add=False) + PAD if anchors else 0
        height = name_h + PAD + len(rows) * (chip_h + CHIP_GAP) - CHIP_GAP * bool(rows) + PAD + anchor_h
        pen.add(Box(MARGIN, y, width, height, f"{hue}-tint", radius=1.5, name=f"layer {layer.id}"))
        pen.add(Box(MARGIN, y, width, name_h, hue, radius=1.5, name="layer name"))
        pen.stack([layer.name], MARGIN + PAD, y + PAD, width - 2 * PAD, NAME, "paper", bold=True)
        top = y + name_h + PAD
        for r, row in enumerate(rows):
            for c, item in enumerate(row):
                _chip(pen, item, MARGIN + PAD + c * (chip_w + CHIP_GAP), top + r * (chip_h + CHIP_GAP), chip_w,
                      hue, chip_h)
        if anchors:
            pen.stack([anchors], MARGIN + PAD, y + height - anchor_h, inner, ANCHOR, "text", bold=True, name="anchors")
        pen.group(f"layer {layer.id}", start)
        y += height + GAP
    flow = figure.data.flow
    if flow:
        y = _flow_row(pen, flow, MARGIN, y, width) + GAP
    return pen.drawing(frame.width, y - GAP + MARGIN)


def _side_by_side(figure: LayersFigure, report: Report, pen: Pen, frame: Frame, anchored: bool = False) -> Drawing:
    """The layers as columns, the bottom layer on the left (the stack read from its base, as the
    flow rises), an arrow from each to the next: each its name on its strong colour over its
    items, one under another, on its tint. For a wide frame of a slide; no anchors, no flow."""
    layers = [report.layer_by_id[lid] for lid in reversed(figure.data.layers)]
    count = len(layers)
    width = (frame.width - 2 * MARGIN - (count - 1) * COLUMN_GAP) / count
    inner = width - 2 * PAD
    name_h = max(pen.stack([layer.name], 0, 0, inner, NAME, "paper", bold=True, add=False) for layer in layers)
    chip_hs = [[_chip(pen, item, 0, 0, inner, "ink", None) for item in layer.items] for layer in layers]
    items_h = max((sum(hs) + (len(hs) - 1) * CHIP_GAP for hs in chip_hs), default=0.0)
    head_h, top = name_h + 2 * PAD, MARGIN
    height = head_h + PAD + items_h + PAD
    for i, (layer, hs) in enumerate(zip(layers, chip_hs)):
        x = MARGIN + i * (width + COLUMN_GAP)
        hue = pen.theme.hue_name(report.layer_index(layer.id))
        start = len(pen.shapes)
        pen.add(Box(x, top, width, height, f"{hue}-tint", radius=1.5, name=f"layer {layer.id}"))
        pen.add(Box(x, top, width, head_h, hue, radius=1.5, name="layer name"))
        this_h = pen.stack([layer.name], 0, 0, inner, NAME, "paper", bold=True, add=False)
        pen.stack([layer.name], x + PAD, top + (head_h - this_h) / 2, inner, NAME, "paper", bold=True,
                  align="center")
        y = top + head_h + PAD
        for item, h in zip(layer.items, hs):
            _chip(pen, item, x + PAD, y, inner, hue, h)
            y += h + CHIP_GAP
        pen.group(f"layer {layer.id}", start)
        if i:
            mid = top + head_h / 2
            pen.add(Connector(x - COLUMN_GAP + 0.8, mid, x - 0.8, mid, "accent", 0.5, arrow=True, name="layer arrow"))
    return pen.drawing(frame.width, top + height + MARGIN)


def _flow_row(pen: Pen, flow, x: float, y: float, width: float) -> float:
    """The steps side by side, the first on the left, arrows between them; where a step would be
    narrower than STEP_MIN, one over another, rising as the flow beside the bands does: the first
    at the bottom, arrows pointing up. Returns the bottom."""
    start = len(pen.shapes)
    arrow = 5.0
    step_w = (width - 2 * PAD - (len(flow) - 1) * arrow) / len(flow)
    if step_w < STEP_MIN:
        heights = [pen.stack([step], 0, 0, width - 2 * PAD, FLOW, "text", bold=True, add=False) for step in flow]
        height = sum(heights) + (len(flow) - 1) * arrow + 2 * PAD
        pen.add(Box(x, y, width, height, "panel", radius=1.5, name="flow"))
        top = y + PAD
        for i, (step, h) in enumerate(reversed(list(zip(flow, heights)))):
            if i:                # from the step under this one up to it
                pen.add(Connector(x + width / 2, top - 0.8, x + width / 2, top - arrow + 0.8, "accent", 0.5, arrow=True,
                                  name="flow arrow"))
            pen.stack([step], x + PAD, top, width - 2 * PAD, FLOW, "text", bold=True, align="center", name="flow step")
            top += h + arrow
        pen.group("flow", start)
        return y + height
    heights = [pen.stack([step], 0, 0, step_w, FLOW, "text", bold=True, add=False) for step in flow]
    height = max(heights) + 2 * PAD
    pen.add(Box(x, y, width, height, "panel", radius=1.5, name="flow"))
    for i, (step, h) in enumerate(zip(flow, heights)):
        sx = x + PAD + i * (step_w + arrow)
        pen.stack([step], sx, y + (height - h) / 2, step_w, FLOW, "text", bold=True, align="center", name="flow step")
        if i:
            pen.add(Connector(sx - arrow + 0.8, y + height / 2, sx - 0.8, y + height / 2, "accent", 0.5, arrow=True,
                              name="flow arrow"))
    pen.group("flow", start)
    return y + height


def _rows(items: tuple, per_row: int) -> list[tuple]:
    """`items` in as few rows of at most `per_row` as hold them, shared out evenly (5 in rows of
    4: 3 + 2, not 4 + 1)."""
    count = -(-len(items) // per_row)
    return even_parts(items, count) if items else []


def _chip_min(pen: Pen, layers) -> float:
    """The narrowest chip: CHIP_MIN, or wider where an item's longest word needs it (the same for
    every layer, so the chips of a figure line up)."""
    return max(CHIP_MIN, pen.widest_word([item for layer in layers for item in layer.items], ITEM) + 2 * CHIP_PAD)


def _band(pen: Pen, report: Report, layer, x: float, y: float, width: float, anchored: bool,
          chip_min: float, anchors_aside: bool = True, cols: int | None = None, most: int = 0) -> float:
    """One layer's band: its name (with its anchors under it unless `anchors_aside`), its items
    in `cols` columns (None: as many as the width holds), its anchors in a column on the right."""
    hue = pen.theme.hue_name(report.layer_index(layer.id))
    anchors = _anchors(report, layer) if anchored else None
    aside = anchors if anchors_aside else None
    items_x, items_w = x + NAME_W + PAD, width - NAME_W - (ANCHOR_W if aside else 0) - 2 * PAD
    # as many to a row as the width holds, but no more columns than the longest layer has
    # items: the chips share the band's width instead of leaving empty places on its right
    per_row = cols or max(1, min(int((items_w + CHIP_GAP) // (chip_min + CHIP_GAP)), most or 1_000))
    rows = _rows(layer.items, per_row) or [()]
    chip_w = (items_w - (per_row - 1) * CHIP_GAP) / per_row
    # each row as tall as its tallest chip (one long item does not make every row tall)
    row_hs = [max((_chip(pen, item, 0, 0, chip_w, hue, None) for item in row), default=0) for row in rows]
    rows_h = sum(row_hs) + (len(rows) - 1) * CHIP_GAP
    name_h = pen.stack([layer.name], 0, 0, NAME_W - 2 * PAD, NAME, "paper", bold=True, add=False)
    under = anchors if anchors and not anchors_aside else None
    under_h = pen.stack([under], 0, 0, NAME_W - 2 * PAD, ANCHOR, "paper", add=False) + PAD if under else 0
    content_h = max(
        rows_h,
        name_h + under_h,
        pen.stack([aside], 0, 0, ANCHOR_W - PAD, ANCHOR, "text", add=False) if aside else 0,
    )
    height = content_h + 2 * PAD
    start = len(pen.shapes)
    pen.add(Box(x, y, width, height, f"{hue}-tint", radius=1.5, name=f"layer {layer.id}"))
    pen.add(Box(x, y, NAME_W, height, hue, radius=1.5, name="layer name"))
    name_top = y + (height - name_h - under_h) / 2
    pen.stack([layer.name], x + PAD, name_top, NAME_W - 2 * PAD, NAME, "paper", bold=True)
    if under:
        pen.stack([under], x + PAD, name_top + name_h + PAD, NAME_W - 2 * PAD, ANCHOR, "paper", name="anchors")
    top = y + (height - rows_h) / 2
    for row, row_h in zip(rows, row_hs):
        for c, item in enumerate(row):
            _chip(pen, item, items_x + c * (chip_w + CHIP_GAP), top, chip_w, hue, row_h)
        top += row_h + CHIP_GAP
    if aside:
        anchor_h = pen.stack([aside], 0, 0, ANCHOR_W - PAD, ANCHOR, "text", add=False)
        pen.stack([aside], x + width - ANCHOR_W, y + (height - anchor_h) / 2, ANCHOR_W - PAD, ANCHOR, "text",
                  bold=True, align="right", name="anchors")
    pen.group(f"layer {layer.id}", start)
    return y + height


def _chip(pen: Pen, item: Text, x: float, y: float, w: float, hue: str, h: float | None) -> float:
    """An item of a layer: a white chip with the item's name; with h None only measured."""
    inner = w - 2 * CHIP_PAD
    text_h = pen.stack([item], 0, 0, inner, ITEM, "text", add=False)
    if h is None:
        return text_h + 2 * CHIP_PAD
    pen.add(Box(x, y, w, h, "paper", hue, 1.0, 0.25, name="item"))
    pen.stack([item], x + CHIP_PAD, y + (h - text_h) / 2, inner, ITEM, "text", align="center", name="item label")
    return h


def _anchors(report: Report, layer) -> Text | None:
    if not layer.regions:
        return None
    shorts = [report.region_by_id[rid].short for rid in layer.regions]
    return Text(*(" / ".join(s[lang] for s in shorts) for lang in ("zh", "en")))


def _flow(pen: Pen, flow: tuple[Text, ...], x: float, top: float, bottom: float) -> None:
    """The steps from the bottom up, an arrow rising through them."""
    start = len(pen.shapes)
    mid = x + FLOW_W / 2
    pen.add(Box(x, top, FLOW_W, bottom - top, "panel", radius=1.5, name="flow"))
    pitch = (bottom - top) / len(flow)
    heights = [pen.stack([step], 0, 0, FLOW_W - 2 * PAD, FLOW, "text", bold=True, add=False) for step in flow]
    centres = [bottom - pitch * (i + 0.5) for i in range(len(flow))]
    for i in range(len(flow) - 1):
        y_from = centres[i] - heights[i] / 2 - 1.5
        y_to = centres[i + 1] + heights[i + 1] / 2 + 1.5
        if y_from - y_to > 3:
            pen.add(Connector(mid, y_from, mid, y_to, "accent", 0.5, arrow=True, name="flow arrow"))
    for step, centre, h in zip(flow, centres, heights):
        pen.stack([step], x + PAD, centre - h / 2, FLOW_W - 2 * PAD, FLOW, "text", bold=True, align="center",
                  name="flow step")
    pen.group("flow", start)


def describe(figure: LayersFigure, report: Report) -> Text:
    def say(lang):
        sep, colon, comma = ("；", "：", "、") if lang == "zh" else ("; ", ": ", ", ")
        parts = []
        for lid in figure.data.layers:
            layer = report.layer_by_id[lid]
            anchors = _anchors(report, layer)
            part = f"{layer.name[lang]}{colon}{comma.join(item[lang] for item in layer.items)}"
            parts.append(part + (f" ({anchors[lang]})" if anchors else ""))
        flow = " → ".join(step[lang] for step in figure.data.flow)
        return f"{figure.title[lang]}{colon}{sep.join(parts)}" + (f"{sep}{flow}" if flow else "")
    return Text(say("zh"), say("en"))


def items(figure: LayersFigure) -> int:
    return len(figure.data.layers)


def split(figure: LayersFigure, count: int) -> list[LayersFigure]:
    """The layers in `count` even parts, top to bottom, each with the flow beside it."""
    return [dataclasses.replace(figure, data=dataclasses.replace(figure.data, layers=part))
            for part in even_parts(figure.data.layers, count)]
