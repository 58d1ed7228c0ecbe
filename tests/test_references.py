"""The shipped report looks as its committed reference images show (tests/references/): each
figure kind in its page, slide and phone layouts, and the print edition's cover, first figure
page and back cover with its marks. A deliberate change of the look is committed with the new
pictures (`make references`), so a reviewer sees it; an unintended one fails here, with the
new picture and a picture of what changed."""
from __future__ import annotations

import pytest
from PIL import Image

from references import FOLDER, MOST_CHANGED, difference, figure_pictures, page_pictures, write

NAMES = sorted(p.stem for p in FOLDER.glob("*.png"))


@pytest.fixture(scope="module")
def drawn(shipped_outputs) -> dict[str, Image.Image]:
    return {**figure_pictures(), **page_pictures(shipped_outputs / "china-ai-map-2026-print.pdf")}


def test_every_reference_is_drawn_and_every_drawing_has_a_reference(drawn):
    kinds = {"hub", "layers", "comparison"}
    assert set(drawn) == set(NAMES)
    assert {f"figure-{kind}-{layout}" for kind in kinds for layout in ("page", "slide", "phone")} <= set(NAMES)
    assert {"page-cover", "page-figure", "page-back-cover"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_look_is_the_reference(drawn, name, tmp_path):
    expected = Image.open(FOLDER / f"{name}.png").convert("RGB")
    changed, where = difference(expected, drawn[name])
    if changed > MOST_CHANGED:
        write({f"{name}-now": drawn[name], **({f"{name}-changed": where} if where else {})}, tmp_path)
        pytest.fail(f"{name}: {changed:.1%} of the picture changed (size {drawn[name].size}, reference "
                    f"{expected.size}); the new picture and where it changed: {tmp_path}. A deliberate change: "
                    f"make references", pytrace=False)


def test_the_comparison_sees_a_change_of_layout():
    """A figure moved by a few pixels is a change; the same picture is none."""
    picture = Image.open(FOLDER / "figure-hub-page.png").convert("RGB")
    moved = Image.new("RGB", picture.size, "white")
    moved.paste(picture, (4, 0))
    assert difference(picture, picture)[0] == 0
    assert difference(picture, moved)[0] > MOST_CHANGED
