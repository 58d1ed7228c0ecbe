"""One palette: every colour of the theme is one token whose print value, as the FOGRA39 output
intent prints it, matches its screen value; at most five hues; a project theme whose two values
part is said by `check`, naming the file, the line and the token."""
from __future__ import annotations

import math

import pytest

from aimap_publish.cli import main
from aimap_publish.colour import MOST_DELTA_E, delta_e00, difference, print_lab, screen_lab
from aimap_publish.theme import Colour, load_theme


def test_delta_e00_matches_sharma_wu_dalal_reference_pairs():
    """Pairs 1, 7, 13 and 25 of the CIEDE2000 test data (Sharma, Wu and Dalal, 2005)."""
    pairs = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
             ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
             ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
             ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)]
    for first, second, expected in pairs:
        assert delta_e00(first, second) == pytest.approx(expected, abs=1e-4)


def test_every_token_prints_as_it_shows_on_screen():
    theme = load_theme()
    found = {name: difference(colour) for name, colour in theme.colours().items()}
    assert len(found) >= 18
    assert {name: round(d, 1) for name, d in found.items() if d > MOST_DELTA_E} == {}


def test_the_conversion_sees_a_mismatch():
    """The print value the theme had before (pure magenta and yellow) printed as a brighter red
    than its screen value: the measure tells them apart."""
    assert difference(Colour("#c8102e", (0, 1, 0.85, 0))) > 5
    assert print_lab((0, 0, 0, 1))[0] == pytest.approx(17, abs=2)          # solid black on coated paper
    assert screen_lab("#ffffff")[0] == pytest.approx(100, abs=0.5)


def hue_angle(colour: Colour) -> tuple[float, float]:
    L, a, b = screen_lab(colour.rgb)
    return math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def test_at_most_five_hues_the_rest_neutrals():
    """The accent and the layer hues are the hues (the navy ink shares the blue layer's); every
    other token is a neutral or a tint of one of them."""
    theme = load_theme()
    strong = [theme.accent, *(hue.strong for hue in theme.hues), theme.ink]
    angles = sorted(hue_angle(c)[1] for c in strong if hue_angle(c)[0] > 10)
    groups = [[angles[0]]]
    for angle in angles[1:]:
        if angle - groups[-1][-1] <= 20:
            groups[-1].append(angle)
        else:
            groups.append([angle])
    if len(groups) > 1 and groups[0][0] + 360 - groups[-1][-1] <= 20:
        groups[0] += groups.pop()
    assert len(groups) <= 5
    for name in ("text", "paper", "muted", "rule", "panel"):
        assert hue_angle(getattr(theme, name))[0] < 3, name
    assert hue_angle(theme.neutral.strong)[0] < 3 and hue_angle(theme.neutral.tint)[0] < 3


def test_every_print_value_uses_at_most_three_inks_and_text_one():
    theme = load_theme()
    assert [n for n, c in theme.colours().items() if sum(1 for v in c.cmyk if v > 0) > 3] == []
    assert [v for v in theme.text.cmyk] == [0, 0, 0, 1] and sum(v > 0 for v in theme.muted.cmyk) == 1


def test_check_says_which_project_token_does_not_match(project, capsys):
    project('# a brand blue\n[colours]\naccent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 0] }\n', "theme.toml")
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    assert ("theme.toml:3: colours.accent: warning: its cmyk prints 7.5 ΔE00 away from its rgb (at most 3)"
            in err), err
    project('[colours]\naccent = { rgb = "#0b639d", cmyk = [95, 60, 15, 0] }\n', "theme.toml")
    assert main(["check"]) == 0
    assert "ΔE00" not in capsys.readouterr().err
    project('[colours]\naccent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 0] }\n', "theme.toml")
    assert main(["check", "--strict"]) == 1
