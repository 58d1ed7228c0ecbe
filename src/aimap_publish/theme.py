"""The one theme: colours, type sizes and spacing that figures, PDF and deck all read.

Every colour is one token with its screen value (sRGB) and its print value (CMYK), so the two
editions stay the same design. Layer hues are taken in order by the layers of the industry
structure; they are picked from the Okabe-Ito colour-blind-safe set and darkened so that white
text on them meets WCAG AA (4.5:1).
"""
from __future__ import annotations

from dataclasses import dataclass


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
    ink: Colour
    accent: Colour
    accent_on_ink: Colour                      # the accent where the ground is ink (cover)
    paper: Colour
    muted: Colour
    rule: Colour
    panel: Colour
    hues: tuple[Hue, ...]
    neutral: Hue
    slide_figure_mm: tuple[float, float] = (300.0, 132.0)   # the box a figure fills on a slide
    body_zh_pt: float = 10.5
    body_en_pt: float = 9.5
    line_height: float = 1.7

    def hue(self, index: int | None) -> Hue:
        """The hue of the layer at `index` (None: not a layer), cycling past the palette."""
        return self.neutral if index is None else self.hues[index % len(self.hues)]

    def hue_name(self, index: int | None) -> str:
        """The colour token of the layer at `index` (None: not a layer), cycling the palette."""
        return "neutral" if index is None else f"layer-{index % len(self.hues)}"

    def colours(self) -> dict[str, Colour]:
        named = {name.replace('_', '-'): getattr(self, name) for name in ("ink", "accent", "accent_on_ink", "paper", "muted", "rule", "panel")}
        for i, hue in enumerate((*self.hues, self.neutral)):
            key = "neutral" if hue is self.neutral else f"layer-{i}"
            named[f"{key}"] = hue.strong
            named[f"{key}-tint"] = hue.tint
        return named

    def css_variables(self, medium: str) -> str:
        """The theme as CSS custom properties for the stylesheet's `:root`."""
        return "\n".join(f"  --{name}: {colour.css(medium)};" for name, colour in self.colours().items())


THEME = Theme(
    ink=Colour("#13233f", (0.90, 0.72, 0.35, 0.55)),
    accent=Colour("#c8102e", (0.05, 1.00, 0.85, 0.05)),
    accent_on_ink=Colour("#ff8f7d", (0.0, 0.55, 0.45, 0.0)),
    paper=Colour("#ffffff", (0, 0, 0, 0)),
    muted=Colour("#5a6475", (0.45, 0.30, 0.15, 0.40)),
    rule=Colour("#d5dae2", (0.15, 0.08, 0.05, 0.0)),
    panel=Colour("#f3f5f8", (0.04, 0.02, 0.01, 0.0)),
    hues=(
        Hue(Colour("#a85800", (0.10, 0.65, 1.00, 0.25)), Colour("#fbeedd", (0.0, 0.07, 0.14, 0.0))),
        Hue(Colour("#00619a", (1.00, 0.45, 0.05, 0.15)), Colour("#e1eef7", (0.10, 0.02, 0.0, 0.0))),
        Hue(Colour("#00704f", (0.95, 0.20, 0.80, 0.20)), Colour("#ddf1e9", (0.12, 0.0, 0.09, 0.0))),
        Hue(Colour("#8e3f78", (0.35, 0.85, 0.10, 0.15)), Colour("#f5e6f0", (0.02, 0.10, 0.0, 0.0))),
        Hue(Colour("#5e6b00", (0.50, 0.25, 1.00, 0.30)), Colour("#eef1d8", (0.06, 0.0, 0.16, 0.0))),
    ),
    neutral=Hue(Colour("#3d4656", (0.60, 0.45, 0.25, 0.55)), Colour("#eceff3", (0.06, 0.03, 0.02, 0.0))),
)
