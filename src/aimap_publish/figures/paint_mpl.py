"""The matplotlib painter: a figure layout to SVG (text kept as text) and PNG.

It draws exactly the shapes of the layout, nothing else: no axes, no ticks. `scale` enlarges
the whole drawing (type and lines too) for the slide-sized PNG.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..fonts import PT_TO_MM, FontPolicy, face_for, icon_image
from ..icons import draw, is_name
from ..theme import Theme
from .shapes import Box, Circle, Connector, Drawing, Picture, TextRun

MM_PER_INCH = 25.4
_registered: set[Path] = set()


def setup(policy: FontPolicy) -> None:
    """Register the policy's faces and make output deterministic (fixed hash salt, no dates)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    for role in (policy.cjk, policy.latin):           # icons are images, not text
        for face in role.faces.values():
            if face.path not in _registered:
                font_manager.fontManager.addfont(str(face.path))
                _registered.add(face.path)
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "aimap-publish",
                                "path.simplify": False})


def paint(drawing: Drawing, policy: FontPolicy, theme: Theme, icon_dir: Path, fmt: str, scale: float = 1.0,
          dpi: int = 220) -> bytes:
    """The drawing as SVG or PNG bytes, `scale` times its printed size."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(drawing.width * scale / MM_PER_INCH, drawing.height * scale / MM_PER_INCH))
    try:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, drawing.width)
        ax.set_ylim(drawing.height, 0)
        ax.set_axis_off()
        colours = {name: colour.rgb for name, colour in theme.colours().items()}
        for z, shape in enumerate(drawing.shapes):
            PAINTERS[type(shape)](ax, shape, colours, scale, z, policy, icon_dir)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata, transparent=False,
                    facecolor=colours["paper"])
        return out.getvalue()
    finally:
        plt.close(fig)


def _lw(mm: float, scale: float) -> float:
    return mm * scale / PT_TO_MM


def _box(ax, box: Box, colours, scale, z, *_):
    from matplotlib.patches import FancyBboxPatch

    style = f"round,pad=0,rounding_size={box.radius}" if box.radius else "square,pad=0"
    ax.add_patch(FancyBboxPatch(
        (box.x, box.y), box.w, box.h, boxstyle=style, zorder=z, linewidth=_lw(box.line_mm, scale),
        facecolor=colours[box.fill] if box.fill else "none",
        edgecolor=colours[box.stroke] if box.stroke else "none", mutation_aspect=1))


def _circle(ax, circle: Circle, colours, scale, z, *_):
    from matplotlib.patches import Circle as MplCircle

    ax.add_patch(MplCircle((circle.cx, circle.cy), circle.r, zorder=z, linewidth=_lw(circle.line_mm, scale),
                           facecolor=colours[circle.fill] if circle.fill else "none",
                           edgecolor=colours[circle.stroke] if circle.stroke else "none"))


def _connector(ax, line: Connector, colours, scale, z, *_):
    from matplotlib.patches import FancyArrowPatch

    style = "-|>" if line.arrow else "-"
    ax.add_patch(FancyArrowPatch((line.x1, line.y1), (line.x2, line.y2), arrowstyle=style,
                                 mutation_scale=7 * scale, shrinkA=0, shrinkB=0, zorder=z,
                                 linewidth=_lw(line.line_mm, scale), color=colours[line.colour]))


def _text(ax, run: TextRun, colours, scale, z, policy, _):
    x = {"left": run.x, "center": run.x + run.w / 2, "right": run.x + run.w}[run.align]
    face = face_for(policy, run.text or " ".join(run.lines), run.lang, run.bold)
    for i, line in enumerate(run.lines):
        # parse_math=False: content is text, never mathtext ("US$5B to US$20B" keeps its dollars)
        ax.text(x, run.y + (i + 0.5) * run.line_mm, line, ha=run.align, va="center", fontsize=run.size_pt * scale,
                color=colours[run.colour], fontfamily=face.family, fontweight="bold" if run.bold else "normal",
                zorder=z, parse_math=False)


def _picture(ax, pic: Picture, colours, scale, z, policy, icon_dir):
    from PIL import Image

    if is_name(pic.icon):                 # drawn: its outlines, vector in the figure's SVG
        draw(ax, pic.icon, pic.x, pic.y, pic.size, colours[pic.colour], z, scale / PT_TO_MM)
        return

    image = Image.open(icon_image(pic.icon, policy, icon_dir))
    ax.imshow(image, extent=(pic.x, pic.x + pic.size, pic.y + pic.size, pic.y), zorder=z,
              interpolation="lanczos")


PAINTERS = {Box: _box, Circle: _circle, Connector: _connector, TextRun: _text, Picture: _picture}
