"""The one theme: colours, type sizes and spacing that figures, PDF and deck all read.

The values are data: the packaged resources/theme.toml holds the defaults, and a project's own
theme.toml beside its report overrides any of them. The default file is also the schema: a
project may set only keys it has, with values of the same shape, and every problem is reported
with its file and line. Every colour is one token with its screen value (sRGB) and its print
value (CMYK), so the two editions stay the same design.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .fitting import steps
from .settings import line_of, read_toml

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Range:
    """The values a number of the theme may take, both ends included."""

    least: float
    most: float
    unit: str
    whole: bool = False

    def holds(self, value) -> bool:
        return (_number(value) and math.isfinite(value) and self.least <= value <= self.most
                and (not self.whole or value == int(value)))

    @property
    def span(self) -> str:
        return f"from {self.least:g} to {self.most:g} {self.unit}"

    def __str__(self) -> str:
        return f"{'a whole number' if self.whole else 'a number'} {self.span}"


# Every number of the theme, by table (or by table.key where a key differs): what builds well,
# around the packaged values. A list takes one range for all its numbers, or one per number.
PT, MM = "pt", "mm"
BOUNDS = {
    "type": Range(4, 48, PT),
    "type.line-height-zh": Range(1, 2.5, "times the type size"),
    "type.line-height-en": Range(1, 2.5, "times the type size"),
    "type-floor": Range(4, 48, PT),
    "space": Range(0, 50, MM),
    "space.page-margins": Range(5, 60, MM),
    "slide.figure-box": (Range(50, 330, MM + " wide"), Range(30, 150, MM + " high")),
    "slide.min-text": Range(6, 40, PT),
    "slide.figure-text": Range(6, 40, PT),
    "slide.most-chars-zh": Range(10, 1000, "characters", whole=True),
    "slide.most-words-en": Range(5, 1000, "words", whole=True),
    "slide.scale": Range(6, 96, PT),
    "slide.dividers-from": Range(0, 1000, "sections (0: never)", whole=True),
    "slide.point-chars-zh": Range(8, 200, "characters", whole=True),
    "slide.point-words-en": Range(4, 80, "words", whole=True),
    "slide-type": Range(6, 96, PT),
    "slide-type-floor": Range(6, 96, PT),
}


@dataclass(frozen=True)
class Colour:
    rgb: str                                   # "#rrggbb", for screen
    cmyk: tuple[float, float, float, float]    # 0..1 each, for print

    @property
    def rgb01(self) -> tuple[float, float, float]:
        return tuple(int(self.rgb[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def css(self, medium: str) -> str:
        if medium == "print":
            return "device-cmyk({:g} {:g} {:g} {:g})".format(*self.cmyk)
        return self.rgb


@dataclass(frozen=True)
class Hue:
    """A layer's colour: `strong` carries white text, `tint` is a quiet fill under ink text."""

    strong: Colour
    tint: Colour


@dataclass(frozen=True)
class Theme:
    named: tuple[tuple[str, Colour], ...]      # ink, accent, accent-on-ink, paper, muted, rule, panel
    hues: tuple[Hue, ...]
    neutral: Hue
    type: tuple[tuple[str, float], ...]        # PDF type sizes (pt) and line heights
    space: tuple[tuple[str, object], ...]      # PDF spacing (mm)
    slide: tuple[tuple[str, object], ...]
    slide_type: tuple[tuple[str, tuple[float, float, float]], ...] = ()
    type_floor: tuple[tuple[str, float], ...] = ()
    slide_type_floor: tuple[tuple[str, tuple[float, float, float]], ...] = ()
    formats: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()   # the house style's patterns

    def format(self, name: str) -> dict[str, str]:
        """The house pattern `name` (figure-caption, folio) in each language."""
        return dict(dict(self.formats)[name])

    def __getattr__(self, name: str) -> Colour:
        """theme.ink, theme.accent_on_ink, …: the named colours."""
        for key, colour in self.__dict__.get("named", ()):
            if key.replace("-", "_") == name:
                return colour
        raise AttributeError(name)

    @property
    def sizes(self) -> dict[str, float]:
        return dict(self.type)

    @property
    def spacing(self) -> dict[str, object]:
        return dict(self.space)

    @property
    def slide_figure_mm(self) -> tuple[float, float]:
        """The box a figure fills on a slide."""
        return tuple(dict(self.slide)["figure-box"])

    @property
    def slide_min_pt(self) -> float:
        return float(dict(self.slide)["min-text"])

    @property
    def slide_figure_pt(self) -> tuple[float, float]:
        """The smallest figure text on a slide: first language, second language."""
        return tuple(dict(self.slide)["figure-text"])

    @property
    def slide_budget(self) -> tuple[int, int]:
        """How much a slide body carries: Chinese characters, English words."""
        slide = dict(self.slide)
        return int(slide["most-chars-zh"]), int(slide["most-words-en"])

    @property
    def dividers_from(self) -> int:
        """How many sections a report has at least for the deck to open each with a divider."""
        return int(dict(self.slide)["dividers-from"])

    @property
    def point_budget(self) -> tuple[int, int]:
        """How long a point made from a lead sentence may be: Chinese characters, English words."""
        slide = dict(self.slide)
        return int(slide["point-chars-zh"]), int(slide["point-words-en"])

    def slide_pt(self, role: str, lang: str, second: bool = False) -> float:
        """The deck's type size for `role` in `lang` (the second language of a bilingual deck
        with `second`)."""
        zh, en, under = dict(self.slide_type)[role]
        return under if second else zh if lang == "zh" else en

    def slide_steps(self, role: str, lang: str, second: bool = False) -> tuple[float, ...]:
        """The sizes `role` may take on a slide, its own first, down to its floor."""
        top = self.slide_pt(role, lang, second)
        floors = dict(self.slide_type_floor).get(role)
        floor = min(top, top if floors is None else floors[2] if second else floors[0] if lang == "zh" else floors[1])
        between = [size for size in self.slide_scale if floor < size < top]
        return tuple(dict.fromkeys([top, *between, floor]))

    @property
    def slide_scale(self) -> tuple[float, ...]:
        """The deck's type sizes, largest first (theme: slide.scale)."""
        return tuple(sorted(map(float, dict(self.slide)["scale"]), reverse=True))

    def on_scale(self, size: float) -> float:
        """`size` brought down to the deck's scale (the largest of its sizes not above it; the
        smallest where all are): a figure's text on a slide."""
        return max((s for s in self.slide_scale if s <= size + 1e-6), default=min(self.slide_scale))

    def page_steps(self, role: str) -> tuple[float, ...]:
        """The sizes `role` may take in the PDF, its own first, down to its floor."""
        top = self.sizes[role]
        return steps(top, min(top, dict(self.type_floor).get(role, top)), step=1.0)

    def hue(self, index: int | None) -> Hue:
        """The hue of the layer at `index` (None: not a layer), cycling past the palette."""
        return self.neutral if index is None else self.hues[index % len(self.hues)]

    def hue_name(self, index: int | None) -> str:
        """The colour token of the layer at `index` (None: not a layer), cycling the palette."""
        return "neutral" if index is None else f"layer-{index % len(self.hues)}"

    def colours(self) -> dict[str, Colour]:
        named = dict(self.named)
        for key, hue in [*((f"layer-{i}", h) for i, h in enumerate(self.hues)), ("neutral", self.neutral)]:
            named[key] = hue.strong
            named[f"{key}-tint"] = hue.tint
        return named

    def css_variables(self, medium: str) -> str:
        """The theme as CSS custom properties for the stylesheet's `:root`."""
        return "\n".join(f"  --{name}: {colour.css(medium)};" for name, colour in self.colours().items())


DEFAULT = Path(__file__).with_name("resources") / "theme.toml"


def load_theme(override: Path | None = None) -> Theme:
    """The packaged theme, with the project's theme.toml (if any) laid over it."""
    default, _, _ = read_toml(DEFAULT)
    data = default
    if override is not None:
        given, lines, name = read_toml(override)
        problems = [Problem(name, line_of(lines, path), path, message)
                    for path, message in _problems(given, default, "")]
        if problems:
            raise ContentError(problems)
        data = _merged(default, given)
    return _theme(data)


def _problems(given, default, path: str):
    """(path, message) for every key or value of `given` that the default theme does not have
    the shape of."""
    if isinstance(default, dict) and _is_colour(default):
        yield from _colour_problems(given, path)
    elif isinstance(default, dict):
        if not isinstance(given, dict):
            yield path, f"expected a table of {', '.join(default)}"
            return
        for key, value in given.items():
            sub = f"{path}.{key}" if path else key
            if key not in default:
                close = difflib.get_close_matches(key, list(default), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(default)
                yield sub, f"unknown key '{key}' ({hint})"
            else:
                yield from _problems(value, default[key], sub)
    elif isinstance(default, str):
        yield from _pattern_problems(given, default, path)
    elif isinstance(default, list) and default and isinstance(default[0], dict):
        if not isinstance(given, list) or not given:
            yield path, "expected one or more tables ([[…]])"
            return
        for i, item in enumerate(given):
            yield from _problems(item, default[0], f"{path}[{i}]")
            yield from (((f"{path}[{i}].{k}"), f"missing '{k}'") for k in default[0] if isinstance(item, dict) and k not in item)
    elif isinstance(default, list):
        ranges = bounds_of(path)
        ranges = ranges if isinstance(ranges, tuple) else (ranges,) * len(default)
        if not (isinstance(given, list) and len(given) == len(default) and all(map(Range.holds, ranges, given))):
            each = ranges[0].span if len(set(ranges)) == 1 else "(" + "; ".join(r.span for r in ranges) + ")"
            yield path, f"expected {len(default)} numbers {each}, like {default}, found {_shown(given)}"
    elif not bounds_of(path).holds(given):
        yield path, f"expected {bounds_of(path)}, like {default}, found {_shown(given)}"


# The placeholders each house pattern may name (theme: [formats]).
PLACEHOLDERS = {"formats.figure-caption": {"number", "title"}, "formats.folio": {"page", "pages"}}


def _pattern_problems(given, default: str, path: str):
    from .content.checks import placeholder_problem

    if not isinstance(given, str) or not given.strip():
        yield path, f"expected a text, like {default!r}, found {_shown(given)}"
    elif problem := placeholder_problem(given, PLACEHOLDERS[path.rsplit(".", 1)[0]]):
        yield path, problem


def bounds_of(path: str) -> Range | tuple[Range, ...]:
    """The range of the theme's number at `path` (one per number of a list that has them)."""
    return BOUNDS.get(path) or BOUNDS[path.split(".")[0]]


def _shown(value) -> str:
    return f"{value:g}" if _number(value) else str(value).lower() if isinstance(value, bool) else repr(value)


def _colour_problems(given, path: str):
    if not isinstance(given, dict) or set(given) != {"rgb", "cmyk"}:
        yield path, 'expected a colour: { rgb = "#rrggbb", cmyk = [c, m, y, k] }'
        return
    if not (isinstance(given["rgb"], str) and HEX.match(given["rgb"])):
        yield path + ".rgb", f'expected "#rrggbb" (six hex digits), found {given["rgb"]!r}'
    cmyk = given["cmyk"]
    if not (isinstance(cmyk, list) and len(cmyk) == 4 and all(_number(v) and 0 <= v <= 100 for v in cmyk)):
        yield path + ".cmyk", f"expected four percentages 0–100 (cyan, magenta, yellow, black), found {cmyk!r}"
    elif sum(cmyk) > 300:
        yield path + ".cmyk", f"total ink {sum(cmyk):g} % is over the 300 % a press takes"


def _is_colour(value) -> bool:
    return isinstance(value, dict) and set(value) == {"rgb", "cmyk"}


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _merged(default, given):
    if isinstance(default, dict) and isinstance(given, dict) and not _is_colour(default):
        return {key: _merged(value, given[key]) if key in given else value for key, value in default.items()}
    return given


def _colour(value: dict) -> Colour:
    return Colour(value["rgb"].lower(), tuple(v / 100 for v in value["cmyk"]))


def _hue(value: dict) -> Hue:
    return Hue(_colour(value["strong"]), _colour(value["tint"]))


def _theme(data: dict) -> Theme:
    return Theme(
        named=tuple((key, _colour(value)) for key, value in data["colours"].items()),
        hues=tuple(_hue(value) for value in data["layers"]),
        neutral=_hue(data["neutral"]),
        type=tuple(data["type"].items()),
        space=tuple((key, tuple(v) if isinstance(v, list) else v) for key, v in data["space"].items()),
        slide=tuple((key, tuple(v) if isinstance(v, list) else v) for key, v in data["slide"].items()),
        slide_type=tuple((key, tuple(v)) for key, v in data["slide-type"].items()),
        type_floor=tuple(data["type-floor"].items()),
        slide_type_floor=tuple((key, tuple(v)) for key, v in data["slide-type-floor"].items()),
        formats=tuple((key, tuple(value.items())) for key, value in data["formats"].items()),
    )
