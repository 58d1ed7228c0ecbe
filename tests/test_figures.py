"""The figures: every label drawn as real text, a layout that holds for other reports, the
theme's sizes and contrast, slide-sized PNGs, identical bytes, redrawing only on change."""
from __future__ import annotations

import dataclasses
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from aimap_publish import figures
from aimap_publish.content import load_report
from aimap_publish.content.model import (Column, ComparisonData, HubData, Layer, LayersData,
                                          Tag, Text)
from aimap_publish.editions import EDITIONS
from aimap_publish.fonts import load_policy, text_width
from aimap_publish.figures.shapes import Box, Circle, Frame, TextRun
from aimap_publish.theme import load_theme
from conftest import REPORT, ROOT, normalize

POLICY = load_policy(ROOT / "fonts" / "policy.toml")
THEME = load_theme()
SHIPPED = load_report(REPORT).report
SVG = "{http://www.w3.org/2000/svg}"


def labels(figure, report) -> list[Text]:
    """Every text a figure shows, from its data and what the data refers to."""
    data = figure.data
    if figure.kind == "hub":
        regions = [report.region_by_id[r] for r in data.regions]
        return [data.center] + [t for r in regions for t in
                                (r.place, r.model, r.summary, report.tag_by_id[r.tag].label)]
    if figure.kind == "layers":
        layers = [report.layer_by_id[lid] for lid in data.layers]
        return [*data.flow] + [t for layer in layers for t in (layer.name, *layer.items)] + [
            report.region_by_id[r].short for layer in layers for r in layer.regions]
    return [data.bridge] + [t for col in data.columns for t in (col.name, col.heading, *col.items)]


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    return normalize("".join(el.text or "" for el in root.iter(f"{SVG}text")))


PAGE = figures.page_frame(THEME, "a4")
PHONE = Frame(70, 10_000)                  # the web edition's narrow frame: one column


def laid_out(report, edition, frame=PAGE):
    return {f.id: figures.layout(f, report, POLICY, THEME, edition, frame) for f in report.figures}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    return out, {name: figures.draw_figures(SHIPPED, POLICY, THEME, edition, out, out / "icons",
                                         laid_out(SHIPPED, edition))
                 for name, edition in EDITIONS.items()}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_label_is_real_text_in_the_svg(drawn, edition):
    _, files = drawn
    for figure in SHIPPED.figures:
        text = svg_text(files[edition][figure.id].svg)
        for label in labels(figure, SHIPPED):
            for lang in EDITIONS[edition].langs:
                assert normalize(label[lang]) in text, (figure.id, edition, label[lang])


def test_single_language_figures_leave_the_other_language_out(drawn):
    _, files = drawn
    text = svg_text(files["en"]["innovation-map"].svg)
    assert "ChinaAIEcosystem" in text and "中国AI生态" not in text


def test_svg_names_the_simplified_chinese_family_first(drawn):
    _, files = drawn
    svg = files["bilingual"]["innovation-map"].svg.read_text(encoding="utf-8")
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families == {"'Noto Sans CJK SC'", "'Noto Sans'"}


def test_png_is_slide_sized_at_220_dpi(drawn):
    _, files = drawn
    for figure in SHIPPED.figures:
        fig = files["bilingual"][figure.id]
        width_in = fig.drawing.width * figures.slide_scale(fig.drawing, THEME) / 25.4
        with Image.open(fig.png) as image:
            assert image.width / width_in >= 219.5
            box_w, box_h = THEME.slide_figure_mm
            assert image.width / 220 * 25.4 <= box_w + 1 and image.height / 220 * 25.4 <= box_h + 1


def test_same_content_gives_same_bytes(drawn, tmp_path):
    out, files = drawn
    again = figures.draw_figures(SHIPPED, POLICY, THEME, EDITIONS["bilingual"], tmp_path, out / "icons",
                                   laid_out(SHIPPED, EDITIONS["bilingual"]))
    for figure in SHIPPED.figures:
        for kind in ("svg", "png"):
            first = getattr(files["bilingual"][figure.id], kind).read_bytes()
            assert getattr(again[figure.id], kind).read_bytes() == first


def test_unchanged_figures_are_not_redrawn_and_changed_ones_are(tmp_path):
    edition = EDITIONS["zh"]
    first = figures.draw_figures(SHIPPED, POLICY, THEME, edition, tmp_path, tmp_path / "icons",
                                   laid_out(SHIPPED, edition))
    stamps = {f: first[f].svg.stat().st_mtime_ns for f in first}
    changed_layer = dataclasses.replace(SHIPPED.layers[0], items=(Text("应用", "Apps"), *SHIPPED.layers[0].items[1:]))
    report = dataclasses.replace(SHIPPED, layers=(changed_layer, *SHIPPED.layers[1:]))
    again = figures.draw_figures(report, POLICY, THEME, edition, tmp_path, tmp_path / "icons",
                                   laid_out(report, edition))
    assert again["innovation-map"].svg.stat().st_mtime_ns == stamps["innovation-map"]
    assert again["collaboration"].svg.stat().st_mtime_ns == stamps["collaboration"]
    assert again["industry-structure"].svg.stat().st_mtime_ns != stamps["industry-structure"]


# ---- Layouts for other reports: more regions, more layers, uneven and long labels ----------

LONG_ZH = "人工智能与先进制造业深度融合示范区（国家级）"
LONG_EN = "National demonstration zone for deep integration of AI and advanced manufacturing"


def bigger_report(regions: int, layers: int, columns: int):
    base = SHIPPED.regions
    new_regions = tuple(
        dataclasses.replace(base[i % len(base)], id=f"r{i}",
                            place=Text(LONG_ZH if i % 3 == 0 else base[i % 6].place.zh,
                                       LONG_EN if i % 3 == 0 else base[i % 6].place.en))
        for i in range(regions))
    new_layers = tuple(
        Layer(f"l{j}", Text(f"第{j + 1}层", f"Layer {j + 1}"),
              tuple(Text(LONG_ZH[: 3 + k], LONG_EN[: 8 + 5 * k]) for k in range(1 + (j * 3) % 7)),
              tuple(f"r{(j + k) % regions}" for k in range(j % 3 + 1)))
        for j in range(layers))
    tags = SHIPPED.tags + tuple(Tag(f"lt{j}", Text(f"第{j + 1}层", f"Layer {j + 1}"), f"l{j}") for j in range(layers))
    new_regions = tuple(dataclasses.replace(r, tag=f"lt{i % layers}" if i % 2 else "global")
                        for i, r in enumerate(new_regions))
    cols = tuple(Column(Text(f"地区{c}", f"Region {c}"), Text("核心优势领域", "Core Strengths"),
                        tuple(Text(LONG_ZH[: 4 + k * 2], LONG_EN[: 10 + 9 * k]) for k in range(2 + c * 2)),
                        "🇨🇳" if c % 2 else None) for c in range(columns))
    figs = (
        dataclasses.replace(SHIPPED.figures[0], data=HubData(Text("中心", "Centre"), tuple(r.id for r in new_regions))),
        dataclasses.replace(SHIPPED.figures[1], data=LayersData(tuple(l.id for l in new_layers),
                                                                SHIPPED.figures[1].data.flow)),
        dataclasses.replace(SHIPPED.figures[2], data=ComparisonData(cols, Text("协同", "SYNERGY"))),
    )
    return dataclasses.replace(SHIPPED, regions=new_regions, layers=new_layers, tags=tags, figures=figs)


def overlaps(a, b) -> bool:
    eps = 0.01
    return a.x < b.x + b.w - eps and b.x < a.x + a.w - eps and a.y < b.y + b.h - eps and b.y < a.y + a.h - eps


def extent(shape):
    if isinstance(shape, Circle):
        return shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r
    if hasattr(shape, "w"):
        return shape.x, shape.y, shape.x + shape.w, shape.y + shape.h
    if hasattr(shape, "size"):
        return shape.x, shape.y, shape.x + shape.size, shape.y + shape.size
    return min(shape.x1, shape.x2), min(shape.y1, shape.y2), max(shape.x1, shape.x2), max(shape.y1, shape.y2)


CASES = [(8, 4, 2), (4, 2, 3), (7, 5, 2), (6, 3, 2), (5, 1, 2)]


@pytest.mark.parametrize("regions, layers, columns", CASES)
@pytest.mark.parametrize("edition", ["bilingual", "zh", "en"])
def test_layouts_never_overlap_text_nor_leave_the_canvas(regions, layers, columns, edition):
    report = bigger_report(regions, layers, columns)
    for figure, frame in itertools.product(report.figures, (PAGE, PHONE)):
        drawing = figures.layout(figure, report, POLICY, THEME, EDITIONS[edition], frame)
        assert drawing.width == frame.width
        for shape in drawing.shapes:
            x0, y0, x1, y1 = extent(shape)
            assert 0 <= x0 and 0 <= y0 and x1 <= drawing.width and y1 <= drawing.height, (figure.kind, shape)
        runs = [s for s in drawing.shapes if isinstance(s, TextRun)]
        for a, b in itertools.combinations(runs, 2):
            assert not overlaps(a, b), (figure.kind, a.lines, b.lines)
        for run in runs:
            for line in run.lines:
                assert text_width(POLICY, line, run.lang, run.size_pt, run.bold) <= run.w + 0.01, line


@pytest.mark.parametrize("regions, layers, columns", CASES[:1])
def test_every_label_is_laid_out_whatever_the_report(regions, layers, columns):
    report = bigger_report(regions, layers, columns)
    for figure in report.figures:
        drawing = figures.layout(figure, report, POLICY, THEME, EDITIONS["bilingual"], PAGE)
        text = normalize("".join(line for s in drawing.shapes if isinstance(s, TextRun) for line in s.lines))
        for label in labels(figure, report):
            assert normalize(label.zh) in text and normalize(label.en) in text


# ---- Theme: type size and contrast at printed size -----------------------------------------

def luminance(rgb: str) -> float:
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(rgb[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ground(drawing, run) -> str:
    """The fill of the last shape drawn under the run's box (the page when there is none)."""
    fill = "paper"
    for shape in drawing.shapes[: drawing.shapes.index(run)]:
        if isinstance(shape, (Box, Circle)) and shape.fill:
            x0, y0, x1, y1 = extent(shape)
            if x0 <= run.x and y0 <= run.y and run.x + run.w <= x1 + 0.01 and run.y + run.h <= y1 + 0.01:
                fill = shape.fill
    return fill


@pytest.mark.parametrize("regions, layers, columns", [(6, 3, 2), (8, 5, 3)])
def test_text_is_at_least_7pt_and_meets_wcag_aa(regions, layers, columns):
    report = SHIPPED if regions == 6 else bigger_report(regions, layers, columns)
    colours = {name: c.rgb for name, c in THEME.colours().items()}
    for figure in report.figures:
        drawing = figures.layout(figure, report, POLICY, THEME, EDITIONS["bilingual"], PAGE)
        for run in (s for s in drawing.shapes if isinstance(s, TextRun)):
            assert run.size_pt >= 7
            ratio = contrast(colours[run.colour], colours[ground(drawing, run)])
            assert ratio >= 4.5, (figure.kind, run.lines, run.colour, ground(drawing, run), ratio)


def test_alt_text_names_every_label():
    for figure in SHIPPED.figures:
        alt = figures.describe(figure, SHIPPED)
        for label in labels(figure, SHIPPED):
            assert normalize(label.zh) in normalize(alt.zh) and normalize(label.en) in normalize(alt.en)


def test_labels_are_text_never_mathtext(tmp_path):
    """A label with dollar signs keeps them, upright, in the policy's faces (not mathtext in
    DejaVu, which printed "US5BtoUS20B" in italics)."""
    text = REPORT.read_text(encoding="utf-8").replace("{zh: 开发工具, en: Dev Tools}",
                                                      "{zh: 开发工具, en: US$5B to US$20B}")
    data = tmp_path / "report.yaml"
    data.write_text(text, encoding="utf-8")
    report = load_report(data).report
    drawn = figures.draw_figures(report, POLICY, THEME, EDITIONS["en"], tmp_path / "figures", tmp_path / "icons",
                                   laid_out(report, EDITIONS["en"]))
    svg = drawn["industry-structure"].svg.read_text(encoding="utf-8")
    assert "US$5B" in svg and "$20B" in svg and "DejaVu" not in svg and "italic" not in svg


# ---- Frame-aware layout: each figure fits the frame it is given -----------------------------

def test_a_hub_takes_the_first_arrangement_that_fits_its_frame():
    report = bigger_report(8, 4, 2)
    hub, edition = report.figures[0], EDITIONS["bilingual"]
    flank = figures.layout(hub, report, POLICY, THEME, edition, PAGE)
    assert [type(s) for s in flank.shapes if s.name == "hub"] == [Circle]     # round, between two columns
    columns = []
    for height in (flank.height - 1, None):
        frame = Frame(PAGE.width, height or grid.height - 1)
        grid = figures.layout(hub, report, POLICY, THEME, edition, frame)
        assert grid.height <= frame.height
        assert [type(s) for s in grid.shapes if s.name == "hub"] == [Box]     # a band over the columns
        columns.append(len({round(s.x, 1) for s in grid.shapes if s.name.startswith("node ")}))
    assert columns[0] >= 2 and columns[1] > columns[0]                        # less room: more columns


def test_only_a_brief_frame_leaves_the_summaries_out_and_only_when_nothing_else_fits():
    report, edition = SHIPPED, EDITIONS["bilingual"]
    hub = report.figures[0]
    summaries = [normalize(report.region_by_id[r].summary.en) for r in hub.data.regions]

    def text(drawing):
        return normalize("".join(line for s in drawing.shapes if isinstance(s, TextRun) for line in s.lines))

    page = figures.layout(hub, report, POLICY, THEME, edition, Frame(150, 90))
    assert all(s in text(page) for s in summaries) and page.height > 90       # a page never drops text
    slide = figures.layout(hub, report, POLICY, THEME, edition, Frame(150, 90, brief_ok=True))
    assert slide.height <= 90 and not any(s in text(slide) for s in summaries)
    roomy = figures.layout(hub, report, POLICY, THEME, edition, Frame(150, 200, brief_ok=True))
    assert all(s in text(roomy) for s in summaries)


def test_layer_items_take_as_many_to_a_row_as_the_width_holds():
    report = bigger_report(6, 5, 2)
    layers = report.figures[1]
    narrow = figures.layout(layers, report, POLICY, THEME, EDITIONS["bilingual"], PAGE)
    wide = figures.layout(layers, report, POLICY, THEME, EDITIONS["bilingual"], Frame(260, PAGE.height))
    assert wide.width == 260 and wide.height < narrow.height


def dense_layers(report, layer_count: int, per_layer: int, anchors: int = 3):
    """`report` whose layers figure has `layer_count` layers of `per_layer` of the longest items
    a composed report uses, each layer anchored by `anchors` regions, with a three-step flow."""
    from reports import ITEMS
    longest = sorted(ITEMS, key=lambda pair: -len(pair[1]))[:per_layer]
    regions = tuple(r.id for r in report.regions[:anchors])
    layers = tuple(Layer(f"dense{j}", Text("应用与整机层", "Applications & Complete Systems"),
                         tuple(Text(*item) for item in longest), regions) for j in range(layer_count))
    figure = dataclasses.replace(report.figures[1], data=LayersData(tuple(l.id for l in layers),
                                                                     report.figures[1].data.flow))
    tags = report.tags + tuple(Tag(f"dt{j}", l.name, l.id) for j, l in enumerate(layers))
    return dataclasses.replace(report, layers=report.layers + layers, tags=tags,
                               figures=(report.figures[0], figure, report.figures[2])), figure


@pytest.mark.parametrize("layer_count, per_layer", [(6, 4), (4, 6), (3, 8), (2, 8)])
def test_a_layers_figure_of_24_items_of_any_length_fits_a_page_at_readable_sizes(layer_count, per_layer):
    """README "Limits": whatever the items' length, 24 fit the frame of a figure that opens its
    section (the smallest a page gives) with no text under 6 pt once scaled to it."""
    report, figure = dense_layers(SHIPPED, layer_count, per_layer)
    frame = Frame(PAGE.width, PAGE.height - figures.OPENING_MM)
    drawing = figures.layout(figure, report, POLICY, THEME, EDITIONS["bilingual"], frame)
    smallest = min(s.size_pt for s in drawing.shapes if isinstance(s, TextRun))
    scale = min(1.0, frame.height / drawing.height)
    assert smallest * scale >= figures.MIN_PRINT_PT, f"{drawing.height:.0f} mm tall in a {frame.height:.0f} mm frame"


def test_a_tall_layers_figure_moves_its_flow_then_its_anchors_then_widens_its_chips():
    report, figure = dense_layers(SHIPPED, 5, 6)
    edition = EDITIONS["bilingual"]
    first = figures.layout(figure, report, POLICY, THEME, edition, Frame(PAGE.width, 1000))
    chosen = figures.layout(figure, report, POLICY, THEME, edition, PAGE)

    def name_boxes(d):
        return [s for s in d.shapes if s.name == "layer name"]

    def inside(run, box):
        return box.x <= run.x and run.x + run.w <= box.x + box.w + 0.01

    # roomy: the flow beside the bands, the anchors in a column of their own on the right
    assert any(s.name == "flow" and s.x > 140 for s in first.shapes)
    assert not any(inside(a, b) for a in first.shapes if a.name == "anchors" for b in name_boxes(first))
    # a page: the flow under the bands, each band's anchors under its name, fewer and wider chips
    assert chosen.height < first.height
    assert all(s.x < 5 for s in chosen.shapes if s.name == "flow")
    assert all(any(inside(a, b) for b in name_boxes(chosen)) for a in chosen.shapes if a.name == "anchors")
    chip_w = {round(s.w, 1) for s in chosen.shapes if s.name == "item"}
    assert len(chip_w) == 1 and chip_w.pop() > max(s.w for s in first.shapes if s.name == "item")


@pytest.mark.parametrize("frame", ["page", "slide"])
def test_a_hub_says_what_its_colours_mean(frame):
    """Each node's bar takes its tag's layer colour; a legend under the nodes names every layer
    shown with a swatch of its colour (on a slide too, where the nodes show names alone)."""
    edition = EDITIONS["bilingual"]
    hub = next(f for f in SHIPPED.figures if f.kind == "hub")
    box = figures.page_frames(SHIPPED, THEME, "a4")[hub.id] if frame == "page" else figures.slide_frame(THEME, edition)[0]
    drawing = figures.layout(hub, SHIPPED, POLICY, THEME, edition, box)
    labels = [s for s in drawing.shapes if isinstance(s, TextRun) and s.name == "legend label"]
    swatches = [s for s in drawing.shapes if isinstance(s, Box) and s.name == "legend swatch"]
    layers = sorted({SHIPPED.tag_by_id[SHIPPED.region_by_id[r].tag].layer for r in hub.data.regions} - {None},
                    key=SHIPPED.layer_index)
    shown = ("zh",) if drawing.style.split(" / ")[1] == "3" else ("zh", "en")      # names in the first language
    assert [s.text for s in labels] == [" ".join(SHIPPED.layer_by_id[i].name[lang] for lang in shown) for i in layers]
    assert [s.fill for s in swatches] == [THEME.hue_name(SHIPPED.layer_index(i)) for i in layers]
    bars = {s.fill for s in drawing.shapes if isinstance(s, Box) and s.name == "layer colour"}
    assert {s.fill for s in swatches} <= bars
    nodes = max(s.y + s.h for s in drawing.shapes if isinstance(s, Box) and s.name.startswith("node"))
    assert min(s.y for s in labels) > nodes                       # under the nodes
    assert max(s.y + s.h for s in labels) <= drawing.height
