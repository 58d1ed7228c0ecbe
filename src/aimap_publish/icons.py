"""Drawn icons: a report names one (`icon: rocket`) from the bundled Lucide set
(resources/icons/lucide.json, its ISC licence in resources/icons/LICENSE): one stroke weight and
one style everywhere, drawn in a theme colour. The PDF and the web edition take it as SVG
(vector), the figures draw its outlines with matplotlib (vector in the figure's SVG), the deck
takes a picture of it.

An emoji is still accepted (drawn from the emoji face, as a picture): `check` warns, naming the
drawn icon that says the same where there is one; a flag warns as content.
"""
from __future__ import annotations

import difflib
import io
import json
import re
from functools import cache
from pathlib import Path

from .output import atomic_write
from .trust import cache_name

SET = Path(__file__).parent / "resources" / "icons" / "lucide.json"
BOX = 24.0                        # the set's drawing box (its viewBox: 0 0 24 24)
STROKE = 2.0                      # its one stroke weight, in box units
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PNG_PX = 192                      # a deck picture: 7 mm at 700 dpi

# The drawn icon an emoji means, for the warning that asks for a name.
FOR_EMOJI = {
    "🚀": "rocket", "🏭": "factory", "🏢": "building", "🏙": "building", "🤖": "bot", "🦾": "robot-arm",
    "🔗": "link", "🌐": "globe", "🌏": "earth", "🌍": "earth", "🔋": "battery", "📡": "radio-tower",
    "⚓": "anchor", "📱": "smartphone", "🎓": "graduation-cap", "🛰": "satellite", "🏛": "landmark",
    "🏦": "landmark", "🔬": "microscope", "🧠": "brain", "🚗": "car", "⚡": "zap", "⛏": "pickaxe",
    "♻": "recycle", "⛰": "mountain", "🏔": "mountain-snow", "🌬": "wind", "🏞": "trees", "🖥": "monitor",
    "💻": "laptop", "🔌": "plug", "📺": "tv", "📈": "trending-up", "📊": "chart-column", "🏗": "construction",
    "🌊": "waves-horizontal", "🌉": "bridge", "🐼": "panda", "⚙": "cog", "🧬": "dna", "💊": "pill",
    "🧪": "flask-conical", "💡": "lightbulb", "🔧": "wrench", "🚢": "ship", "✈": "plane", "🚄": "train-front",
    "🌱": "sprout", "☀": "sun", "🏜": "sun", "🔒": "lock", "👥": "users", "🎯": "target", "🔍": "search",
    "📦": "package", "🏠": "house", "💰": "banknote", "🤝": "handshake", "🧂": "flask-round",
}


@cache
def _set() -> dict[str, list]:
    return json.loads(SET.read_text(encoding="utf-8"))


def is_name(icon: str) -> bool:
    """Whether `icon` is written as a name (letters, digits, hyphens) rather than an emoji."""
    return NAME.fullmatch(icon) is not None


def is_drawn(icon: str) -> bool:
    return is_name(icon) and icon in _set()


def name_problem(icon: str) -> str | None:
    """What is wrong with a named icon (None: it is in the set)."""
    if icon in _set():
        return None
    near = difflib.get_close_matches(icon, list(_set()), n=3, cutoff=0.7)
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    return f"no drawn icon is named '{icon}'{hint}: the names are Lucide's (README: Icons)"


def is_flag(icon: str) -> bool:
    """A flag emoji: two regional indicators, or a black flag with tag letters (🏴 sequences)."""
    return any(0x1F1E6 <= ord(ch) <= 0x1F1FF for ch in icon) or ("\U0001F3F4" in icon and len(icon) > 1)


def emoji_warning(icon: str) -> str:
    """The warning for an icon given as an emoji."""
    if is_flag(icon):
        return (f"a flag as an icon ({icon}) reads as a statement about the place, and sides drawn as flags as a "
                "political one: name a drawn icon for what the column is (icon: landmark)")
    base = icon.replace("\ufe0f", "").replace("\ufe0e", "")
    name = FOR_EMOJI.get(base)
    instead = f"icon: {name}" if name else "a drawn icon by name (README: Icons)"
    return (f"the emoji {icon} is drawn from the emoji face, in its own colours and weight, unlike the drawn "
            f"icons: write {instead}")


def svg(name: str, colour: str) -> str:
    """The icon as a standalone SVG document stroked in `colour` (#rrggbb)."""
    parts = []
    for tag, attrs in _set()[name]:
        fill = ' fill="{}"'.format(colour) if attrs.get("fill") not in (None, "none") else ""
        own = " ".join(f'{key}="{value}"' for key, value in attrs.items() if key != "fill")
        parts.append(f"<{tag} {own}{fill}/>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" '
            f'stroke="{colour}" stroke-width="{STROKE:g}" stroke-linecap="round" stroke-linejoin="round">'
            + "".join(parts) + "</svg>")


def inline_svg(name: str) -> str:
    """The icon for an HTML page: stroked in the text colour around it (currentColor)."""
    return svg(name, "currentColor").replace("<svg ", '<svg class="drawn" aria-hidden="true" focusable="false" ', 1)


@cache
def outlines(name: str) -> tuple[tuple[object, bool], ...]:
    """The icon's shapes as matplotlib paths in its 24-unit box (y down), each with whether it is
    filled (a few dots are) as well as stroked."""
    import svgelements as s
    from matplotlib.path import Path as MplPath

    made = []
    for tag, attrs in _set()[name]:
        number = lambda key, default=0.0: float(attrs.get(key, default))  # noqa: E731
        if tag == "path":
            shape = s.Path(attrs["d"])
        elif tag == "circle":
            shape = s.Path(s.Circle(number("cx"), number("cy"), number("r")))
        elif tag == "ellipse":
            shape = s.Path(s.Ellipse(number("cx"), number("cy"), number("rx"), number("ry")))
        elif tag == "rect":
            rx = number("rx", attrs.get("ry", 0))
            shape = s.Path(s.Rect(number("x"), number("y"), number("width"), number("height"), rx,
                                  number("ry", rx)))
        elif tag == "line":
            shape = s.Path(s.SimpleLine(number("x1"), number("y1"), number("x2"), number("y2")))
        else:                                                       # polyline, polygon
            kind = s.Polygon if tag == "polygon" else s.Polyline
            shape = s.Path(kind(attrs["points"]))
        shape.approximate_arcs_with_cubics()
        vertices, codes = [], []
        for segment in shape:
            if isinstance(segment, s.Move):
                vertices.append(tuple(segment.end)), codes.append(MplPath.MOVETO)
            elif isinstance(segment, s.Close):
                vertices.append(tuple(segment.end or segment.start)), codes.append(MplPath.CLOSEPOLY)
            elif isinstance(segment, s.Line):
                vertices.append(tuple(segment.end)), codes.append(MplPath.LINETO)
            elif isinstance(segment, s.QuadraticBezier):
                vertices += [tuple(segment.control), tuple(segment.end)]
                codes += [MplPath.CURVE3] * 2
            elif isinstance(segment, s.CubicBezier):
                vertices += [tuple(segment.control1), tuple(segment.control2), tuple(segment.end)]
                codes += [MplPath.CURVE4] * 3
        if vertices:
            made.append((MplPath(vertices, codes), attrs.get("fill") not in (None, "none")))
    return tuple(made)


def draw(ax, name: str, x: float, y: float, size: float, colour: str, zorder: float, points_per_unit: float) -> None:
    """Stroke the icon on matplotlib axes whose units run down the page, in a `size` square at
    (x, y); `points_per_unit` turns the axes' units into points (for the stroke's width)."""
    from matplotlib.patches import PathPatch
    from matplotlib.transforms import Affine2D

    place = Affine2D().scale(size / BOX).translate(x, y) + ax.transData
    width = STROKE * size / BOX * points_per_unit
    for path, filled in outlines(name):
        ax.add_patch(PathPatch(path, transform=place, facecolor=colour if filled else "none", edgecolor=colour,
                               linewidth=width, capstyle="round", joinstyle="round", zorder=zorder))


def png(name: str, colour: str, out_dir: Path, px: int = PNG_PX) -> Path:
    """A square PNG of the icon in `colour`, transparent around it, cached by content."""
    target = out_dir / f"drawn-{cache_name(f'{name}|{colour}|{px}|{SET.stat().st_size}', length=16)}.png"
    if target.exists():
        return target
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    dpi = 100
    figure = Figure(figsize=(px / dpi, px / dpi), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, BOX), ax.set_ylim(BOX, 0), ax.set_axis_off()
    draw(ax, name, 0, 0, BOX, colour, 1, px / BOX * 72 / dpi)     # the set keeps its strokes inside the box
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", transparent=True, metadata={"Software": None})
    atomic_write(target, buffer.getvalue())
    return target


def picture(icon: str, policy, out_dir: Path, colour: str) -> Path:
    """A PNG of the icon: a drawn one in `colour`, an emoji from the policy's emoji face."""
    if is_name(icon):
        return png(icon, colour, out_dir)
    from .fonts import icon_image

    return icon_image(icon, policy, out_dir)


def svg_file(name: str, colour: str, out_dir: Path) -> Path:
    """The icon as an SVG file in `colour`, cached by content (the PDF's cards)."""
    text = svg(name, colour)
    target = out_dir / f"drawn-{cache_name(text, length=16)}.svg"
    if not target.exists():
        atomic_write(target, text.encode("utf-8"))
    return target
