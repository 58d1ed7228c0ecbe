"""Stage 2: the report's figures, drawn from the content data.

Each figure kind has a module with `layout` (content and the frame it must fit ->
`shapes.Drawing`, pure data: it picks the arrangement that fits the frame) and
`describe` (bilingual alt text from the data only); `KINDS` is the registry. `draw_figures`
paints every figure of an edition to SVG (for the PDF, text kept as text) and PNG (at its slide
size, 220 dpi) in the project's cache, and skips a figure whose layout, theme and painter are
unchanged; the build publishes copies under the output folder with the other outputs.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..content.checks import fill
from ..content.model import Figure, Report, Text
from ..editions import Edition
from ..fonts import FontPolicy
from ..output import atomic_write
from ..theme import Theme
from ..trust import cache_name
from . import comparison, hub, layers
from .shapes import Drawing, Frame, Pen, TextRun

KINDS = {"hub": hub, "layers": layers, "comparison": comparison}
PNG_DPI = 220
PAGE_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
CAPTION_MM = 16.0            # a figure's caption and margins on the page
MIN_PRINT_PT = 6.0           # no figure text smaller than this in print


@dataclass(frozen=True)
class FigureFiles:
    svg: Path | None              # in the cache; None when only laid out (the slide fit check)
    png: Path | None
    drawing: Drawing
    stem: str = ""                # the published name: <figure id>[-zh|-en]


def layout(figure: Figure, report: Report, policy: FontPolicy, theme: Theme, edition: Edition,
           frame: Frame) -> Drawing:
    """The figure laid out for `frame` (a page's type area, a slide's figure box)."""
    return KINDS[figure.kind].layout(figure, report, Pen(policy, edition.langs, theme), frame)


def describe(figure: Figure, report: Report) -> Text:
    """Alt text for a figure: its title and every label of its data, in each language."""
    return KINDS[figure.kind].describe(figure, report)


def caption(figure: Figure, report: Report, theme: Theme) -> Text:
    """The numbered caption, "图1：…" / "Figure 1: …", in the house format (theme: [formats])."""
    number = report.figure_numbers.get(figure.id, 0)
    label = theme.format("figure-caption")
    return Text(*(fill(label[lang], number=number, title=figure.title[lang]) for lang in ("zh", "en")))


def smallest_text(drawing: Drawing) -> float:
    """The smallest type size of a drawing's text (pt; the floor where it has none)."""
    return min((run.size_pt for run in drawing.shapes if isinstance(run, TextRun)), default=FIGURE_MIN_PT)


FIGURE_MIN_PT = 7.0          # the smallest text any figure layout sets (tests hold every layout to it)


def slide_frame(theme: Theme, edition: Edition) -> tuple[Frame, float]:
    """The frame a figure is laid out in for a slide, and the scale it is shown at there: large
    enough that its smallest text reaches the slide's figure sizes (theme: slide.figure-text),
    detail left out where it must be (the notes carry it)."""
    first, second = theme.slide_figure_pt
    scale = max(first, second if len(edition.langs) > 1 else first) / FIGURE_MIN_PT
    box_w, box_h = theme.slide_figure_mm
    return Frame(box_w / scale, box_h / scale, brief_ok=True), scale


def slide_parts(figure: Figure, report: Report, policy: FontPolicy, theme: Theme,
                edition: Edition) -> list[tuple[Figure, Drawing, float]]:
    """The figure as the deck shows it, each part with the scale it is shown at: whole on one
    slide when it fits the slide's figure box with its text at the slide's figure sizes
    (`_shown`), else an overview in parts (a hub's regions, the layers, the columns' items split
    evenly), each part a slide. The last resort is the whole figure, over the box:
    `slide_fit_problems` reports it."""
    whole = _shown(figure, report, policy, theme, edition)
    if whole[2]:
        return [(figure, whole[0], whole[1])]
    for count in range(2, KINDS[figure.kind].items(figure) + 1):
        parts = [(part, *_shown(part, report, policy, theme, edition)) for part in KINDS[figure.kind].split(figure, count)]
        if all(fits for _, _, _, fits in parts):
            return _one_design([(part, drawing, scale) for part, drawing, scale, _ in parts], report, policy, theme,
                               edition)
    return [(figure, whole[0], whole[1])]


def _one_design(parts: list, report: Report, policy: FontPolicy, theme: Theme, edition: Edition) -> list:
    """`parts` in one arrangement and at one scale where their layouts chose several: each
    arrangement the parts chose is tried for all of them, the first part's first, at the largest
    scale that holds every part."""
    if len({drawing.style for _, drawing, _ in parts}) <= 1 and len({scale for _, _, scale in parts}) <= 1:
        return parts
    base_frame, base = slide_frame(theme, edition)
    box_w, box_h = theme.slide_figure_mm
    for style in dict.fromkeys(drawing.style for _, drawing, _ in parts):
        for share in SLIDE_SCALES:
            scale = base * share
            frame = Frame(box_w / scale, box_h / scale, brief_ok=True, style=style)
            laid = [(part, layout(part, report, policy, theme, edition, frame), scale) for part, _, _ in parts]
            if all(d.style == style and d.height <= frame.height + 0.01
                   and _needed_scale(d, theme, edition) <= scale + 1e-6 for _, d, _ in laid):
                return laid
    return parts


SLIDE_SCALES = (1.0, 0.94, 0.88, 0.83)     # enlargements tried, as parts of the largest (0.83: a 16 pt
                                          # name of 8.5 pt, the names of a hub on a slide)


def _shown(figure: Figure, report: Report, policy: FontPolicy, theme: Theme,
           edition: Edition) -> tuple[Drawing, float, bool]:
    """(drawing, scale, whether it fits): the figure laid out for the slide's figure box at the
    largest enlargement that holds it with every text at the slide's figure sizes, preferring one
    that shows every language of the edition (a smaller enlargement of the whole, names in both
    languages, over a larger one of names in the first language only)."""
    base_frame, base = slide_frame(theme, edition)
    box_w, box_h = theme.slide_figure_mm
    fitting_one = None
    for share in SLIDE_SCALES:
        scale = base * share
        frame = Frame(box_w / scale, box_h / scale, brief_ok=True)
        drawing = layout(figure, report, policy, theme, edition, frame)
        if drawing.height > frame.height + 0.01 or _needed_scale(drawing, theme, edition) > scale + 1e-6:
            continue
        if {run.lang for run in drawing.shapes if isinstance(run, TextRun)} >= set(edition.langs):
            return drawing, scale, True
        fitting_one = fitting_one or (drawing, scale, True)
    return fitting_one or (layout(figure, report, policy, theme, edition, base_frame), base, False)


def _needed_scale(drawing: Drawing, theme: Theme, edition: Edition) -> float:
    """The least enlargement that brings every text of `drawing` to the slide's figure sizes
    (theme: slide.figure-text; the first language's, the second's)."""
    first, second = theme.slide_figure_pt
    return max(((first if run.lang == edition.langs[0] else second) / run.size_pt
                for run in drawing.shapes if isinstance(run, TextRun)), default=1.0)


def slide_scale(drawing: Drawing, theme: Theme) -> float:
    """How much the printed figure is enlarged to fill the slide's figure box."""
    box_w, box_h = theme.slide_figure_mm
    return min(box_w / drawing.width, box_h / drawing.height)


def page_frame(theme: Theme, paper: str) -> Frame:
    """The frame a figure may take on a page: the type area less its caption."""
    top, right, bottom, left = theme.spacing["page-margins"]
    width, height = PAGE_MM[paper]
    return Frame(width - left - right, height - top - bottom - CAPTION_MM)


OPENING_MM = 30.0           # a section's heading over a figure that opens the section


def page_frames(report: Report, theme: Theme, paper: str) -> dict[str, Frame]:
    """The frame of each figure on the page: the type area less its caption, and less the
    section's heading where the figure opens its section (a section that is only a figure
    keeps its heading on the figure's page)."""
    frame = page_frame(theme, paper)
    opening = {section.blocks[0].figure for section in report.sections
               if section.blocks and section.blocks[0].kind == "figure"}
    return {f.id: Frame(frame.width, frame.height - OPENING_MM) if f.id in opening else frame for f in report.figures}


def page_fit_problems(report: Report, drawings: dict[str, Drawing], theme: Theme, paper: str):
    """(path, message) for each figure that a page could hold only with its text shrunk below
    the smallest print size: a content error, never a crop (the PDF scales a tall figure down
    to the page, see report.css.j2)."""
    frames = page_frames(report, theme, paper)
    for i, figure in enumerate(report.figures):
        frame, drawing = frames[figure.id], drawings[figure.id]
        frame_h = frame.height
        scale = min(1.0, frame.width / drawing.width, frame_h / drawing.height)
        smallest = min((run.size_pt for run in drawing.shapes if isinstance(run, TextRun)), default=MIN_PRINT_PT)
        if smallest * scale < MIN_PRINT_PT:
            yield (f"figures[{i}].data", f"figure {figure.id!r} is {drawing.height:.0f} mm tall, more than the "
                   f"{frame_h:.0f} mm a page holds: its text would shrink to {smallest * scale:.1f} pt (at least "
                   f"{MIN_PRINT_PT:g} pt); give it fewer items or split it into two figures")


def draw_figures(report: Report, policy: FontPolicy, theme: Theme, edition: Edition, cache_dir: Path,
                 icon_dir: Path, drawings: dict[str, Drawing], children: list | None = None) -> dict[str, FigureFiles]:
    """The edition's figures (laid out already in `drawings`) as SVG and PNG files in
    the cache, named by their fingerprint: a figure whose layout, theme, faces and painter are
    unchanged is not painted again (matplotlib is not even imported), and two builds never
    share a file with different content. With `children` (the build's list) the figures to
    paint are shared out among child processes, one a core."""
    files, todo = {}, []
    for figure in report.figures:
        drawing = drawings[figure.id]
        key = _fingerprint(drawing, policy, theme)
        svg, png = cache_dir / f"{figure.id}-{key}.svg", cache_dir / f"{figure.id}-{key}.png"
        if not (svg.exists() and png.exists()):
            todo.append((drawing, svg, png))
        files[figure.id] = FigureFiles(svg, png, drawing, f"{figure.id}{edition.suffix}")
    if todo:
        _paint(todo, policy, theme, icon_dir, children)
    return files


def _paint(todo: list, policy: FontPolicy, theme: Theme, icon_dir: Path, children: list | None) -> None:
    import os

    from ..parallel import Child, can_fork
    from . import paint_mpl

    paint_mpl.setup(policy)                     # imported and set up once, before any fork

    def paint(part: list) -> None:
        for drawing, svg, png in part:
            atomic_write(svg, paint_mpl.paint(drawing, policy, theme, icon_dir, "svg"))
            atomic_write(png, paint_mpl.paint(drawing, policy, theme, icon_dir, "png",
                                              slide_scale(drawing, theme), PNG_DPI))

    workers = min(len(todo), os.cpu_count() or 1) if children is not None and can_fork() else 1
    parts = [todo[i::workers] for i in range(workers)]
    forked = [Child(lambda part=part: paint(part), into=children) for part in parts[1:]]
    paint(parts[0])
    for child in forked:
        child.join()


def _fingerprint(drawing: Drawing, policy: FontPolicy, theme: Theme) -> str:
    """What the files depend on: the layout (content, theme sizes), colours, faces, painter code."""
    painter = Path(__file__).with_name("paint_mpl.py").read_bytes()
    parts = [repr(drawing), repr(theme), repr(policy.roles), version("matplotlib"), str(PNG_DPI)]
    return cache_name("\n".join(parts), painter)
