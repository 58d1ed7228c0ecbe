"""One colour, two values: how far a theme token's print value, as the Coated FOGRA39 output
intent prints it, lies from its screen value (CIEDE2000, both in CIELAB D50, relative
colorimetric, through LittleCMS)."""
from __future__ import annotations

import math
from functools import cache
from pathlib import Path

from .theme import Colour, Theme

MOST_DELTA_E = 3.0          # a difference a reader sees only side by side
PROFILE = Path(__file__).with_name("resources") / "icc" / "FOGRA39.icc"


@cache
def _transforms():
    from PIL import ImageCms

    lab = ImageCms.createProfile("LAB", 5000)
    cmyk = ImageCms.buildTransform(ImageCms.getOpenProfile(str(PROFILE)), lab, "CMYK", "LAB", renderingIntent=1)
    rgb = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), lab, "RGB", "LAB", renderingIntent=1)
    return cmyk, rgb


def _lab(image, transform) -> tuple[float, float, float]:
    from PIL import ImageCms

    L, a, b = ImageCms.applyTransform(image, transform).getpixel((0, 0))    # a and b offset by 128
    return L * 100 / 255, a - 128, b - 128


def print_lab(cmyk: tuple[float, ...]) -> tuple[float, float, float]:
    """The colour the press prints for `cmyk` (each 0..1)."""
    from PIL import Image

    image = Image.frombytes("CMYK", (1, 1), bytes(round(v * 255) for v in cmyk))
    return _lab(image, _transforms()[0])


def screen_lab(rgb: str) -> tuple[float, float, float]:
    from PIL import Image

    return _lab(Image.new("RGB", (1, 1), rgb), _transforms()[1])


def delta_e00(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal's formulation)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1 = math.degrees(math.atan2(b1, a1p)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2p)) % 360 if c2 else 0.0
    dh = 0.0 if c1 * c2 == 0 else h2 - h1 - 360 if h2 - h1 > 180 else h2 - h1 + 360 if h2 - h1 < -180 else h2 - h1
    d_l, d_c, d_h = L2 - L1, c2 - c1, 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def difference(colour: Colour) -> float:
    """ΔE00 between the colour's print value as printed and its screen value."""
    return delta_e00(print_lab(colour.cmyk), screen_lab(colour.rgb))


def token_paths(theme: Theme) -> dict[str, str]:
    """Each colour token's path in theme.toml ("colours.accent", "layers[0].strong", …)."""
    paths = {name: f"colours.{name}" for name, _ in theme.named}
    for i in range(len(theme.hues)):
        paths[f"layer-{i}"], paths[f"layer-{i}-tint"] = f"layers[{i}].strong", f"layers[{i}].tint"
    paths["neutral"], paths["neutral-tint"] = "neutral.strong", "neutral.tint"
    return paths


def mismatches(theme: Theme) -> list[tuple[str, float]]:
    """(theme.toml path, ΔE00) of every token whose two values are not one colour."""
    paths = token_paths(theme)
    found = []
    for name, colour in theme.colours().items():
        delta = difference(colour)
        if delta > MOST_DELTA_E:
            found.append((paths[name], delta))
    return found
