"""The font policy: the right faces (SC, not JP), coverage from the real cmaps, icons as images."""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image

from aimap_publish.errors import Problem
from aimap_publish.fonts import coverage_problems, icon_image, load_policy

ROOT = Path(__file__).resolve().parents[1]


def policy():
    return load_policy(ROOT / "fonts" / "policy.toml")


def test_chinese_is_the_simplified_chinese_face_not_face_zero():
    face = policy().cjk.faces["Regular"]
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        assert font["name"].getBestFamilyName() == "Noto Sans CJK SC"
    if face.path.suffix == ".ttc":
        with TTFont(face.path, fontNumber=0, lazy=True) as first:
            assert first["name"].getBestFamilyName() != "Noto Sans CJK SC"


def test_every_role_has_regular_and_text_roles_have_bold():
    roles = policy().roles
    assert set(roles) == {"cjk", "latin", "emoji"}
    assert set(roles["cjk"].faces) == set(roles["latin"].faces) == {"Regular", "Bold"}


def test_coverage_names_field_and_character():
    strings = [("a.zh", "中国AI生态"), ("b.en", "Ecosystem"), ("c.zh", "𠀀中"), ("d.icon", "🚀"), ("e.en", "🚀")]
    problems = coverage_problems(strings, policy(), lambda path, msg: Problem("r.yaml", 7, path, msg))
    assert [str(p) for p in problems] == [
        'r.yaml:7: c.zh: no font covers "𠀀" (U+20000)',
        'r.yaml:7: e.en: no font covers "🚀" (U+1F680)',
    ]


def test_control_characters_are_named():
    problems = coverage_problems([("a.en", "bad\x07bell")], policy(), lambda p, m: m)
    assert problems == ["invisible control character U+0007 (delete it; it often comes with pasted text)"]


def test_icons_render_in_colour_and_identically(tmp_path):
    first = icon_image("🇨🇳", policy(), tmp_path / "a")
    second = icon_image("🇨🇳", policy(), tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    image = Image.open(first).convert("RGBA")
    assert image.width == image.height >= 100
    pixels = image.tobytes()
    red = sum(1 for i in range(0, len(pixels), 4)
              if pixels[i + 3] > 200 and pixels[i] > 180 and pixels[i + 1] < 80)
    assert red > image.width * image.height / 4        # the flag is drawn, not a blank box


def test_weasyprint_subsets_with_harfbuzz():
    # Without libharfbuzz-subset0 WeasyPrint falls back to fontTools, ~5x slower on CJK.
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset is not None


def test_system_faces_come_from_fontconfig_matching_family_and_weight():
    from aimap_publish.fonts import _system_face

    regular, bold = _system_face("DejaVu Sans", "Regular"), _system_face("DejaVu Sans", "Bold")
    assert regular.path.name == "DejaVuSans.ttf"          # its style is called "Book"
    assert bold.path.name == "DejaVuSans-Bold.ttf"        # not the Condensed Bold
    assert _system_face("Noto Sans", "Bold").path.name == "NotoSans-Bold.ttf"
    # fontconfig answers every query with some face: a family it lacks is a miss, not a stand-in
    assert _system_face("No Such Family Sans", "Regular") is None


def test_a_missing_face_is_one_clear_problem_naming_it(tmp_path):
    (tmp_path / "policy.toml").write_text(
        '[roles.cjk]\nfamilies = ["Noto Sans CJK SC"]\npackage = "fonts-noto-cjk"\n'
        '[roles.latin]\nfamilies = ["Brand Sans"]\npackage = "fonts-brand"\n'
        '[roles.emoji]\nfamilies = ["Noto Color Emoji"]\npackage = "fonts-noto-color-emoji"\n'
        '[deck]\nlatin = "Brand Sans"\nea = "Noto Sans CJK SC"\n', encoding="utf-8")
    import pytest
    from aimap_publish.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load_policy(tmp_path / "policy.toml")
    [problem] = caught.value.problems
    assert problem.path == "roles.latin"
    assert '"Brand Sans" Regular/Bold' in problem.message and "fonts-brand" in problem.message
