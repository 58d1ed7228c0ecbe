"""Reference images: low-resolution pictures of what the shipped report looks like, committed in
tests/references/ and compared by tests/test_references.py within a tolerance, so that a change
of layout shows in review as a picture.

The pictures: each figure kind (hub, layers, comparison) in each of its layouts (the page, the
slide, the phone's column), and the print edition's cover, first figure page and back cover
with its printer's marks. After a deliberate change of the look, `make references` draws them
again (python tests/references.py tests/references).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "references"
FIGURE_DPI = 60                 # figures: enough to see every box, line and label's place
PAGE_DPI = 30                   # pages: the whole page with its slug and marks
MOST_CHANGED = 0.004            # at most 0.4 % of the pixels may differ visibly…
VISIBLE = 48                    # …by more than this (of 255) in a channel: antialiasing is not a change


def figure_pictures() -> dict[str, Image.Image]:
    """Each figure of the shipped report laid out for the page, the slide and a phone, drawn."""
    import io

    from aimap_publish import figures
    from aimap_publish.content import load_report
    from aimap_publish.editions import EDITIONS
    from aimap_publish.figures import paint_mpl
    from aimap_publish.figures.shapes import Frame
    from aimap_publish.fonts import load_policy
    from aimap_publish.project import RESOURCES
    from aimap_publish.theme import load_theme
    from aimap_publish.web import NARROW_MM

    report = load_report(ROOT / "data" / "report.yaml").report
    policy, theme, edition = load_policy(RESOURCES / "fonts" / "policy.toml"), load_theme(), EDITIONS["bilingual"]
    paint_mpl.setup(policy)
    frames = figures.page_frames(report, theme, "a4")
    slide, _ = figures.slide_frame(theme, edition)
    pictures = {}
    with tempfile.TemporaryDirectory() as icons:
        for figure in report.figures:
            for layout, frame in (("page", frames[figure.id]), ("slide", slide), ("phone", Frame(NARROW_MM, 10_000))):
                drawing = figures.layout(figure, report, policy, theme, edition, frame)
                png = paint_mpl.paint(drawing, policy, theme, Path(icons), "png", 1.0, FIGURE_DPI)
                pictures[f"figure-{figure.kind}-{layout}"] = Image.open(io.BytesIO(png)).convert("RGB")
    return pictures


def page_pictures(print_pdf: Path) -> dict[str, Image.Image]:
    """The print edition's cover, its first page with a figure, and its back cover (with the
    slug: crop and bleed marks)."""
    import re

    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(print_pdf)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(print_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")
    # the first page with a caption under its figure (the contents list the captions too)
    figure_page = next(i for i, page in enumerate(text, 1) if re.search(r"图\d+：", page) and "目录" not in page)
    pictures = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, number in (("page-cover", 1), ("page-figure", figure_page), ("page-back-cover", pages)):
            stem = Path(folder) / name
            subprocess.run(["pdftoppm", "-png", "-r", str(PAGE_DPI), "-f", str(number), "-l", str(number),
                            "-singlefile", str(print_pdf), str(stem)], check=True)
            pictures[name] = Image.open(f"{stem}.png").convert("RGB")
            pictures[name].load()
    return pictures


def difference(expected: Image.Image, actual: Image.Image) -> tuple[float, Image.Image | None]:
    """The share of pixels that differ visibly (1.0 when the sizes differ), and a picture of
    where (red on a faded copy of the expected)."""
    if expected.size != actual.size:
        return 1.0, None
    a, b = np.asarray(expected).astype(int), np.asarray(actual).astype(int)
    changed = (np.abs(a - b).max(axis=2) > VISIBLE)
    faded = (255 - (255 - a) // 4).astype(np.uint8)
    faded[changed] = (220, 0, 0)
    return float(changed.mean()), Image.fromarray(faded)


def write(pictures: dict[str, Image.Image], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, picture in sorted(pictures.items()):
        picture.save(folder / f"{name}.png", optimize=True)


def main(folder: Path) -> None:
    """Build the shipped report's print PDF in a temporary project and draw every reference."""
    import shutil

    with tempfile.TemporaryDirectory() as project:
        (Path(project) / "data").mkdir()
        shutil.copy(ROOT / "data" / "report.yaml", Path(project) / "data" / "report.yaml")
        shutil.copy(ROOT / "aimap.toml", Path(project) / "aimap.toml")
        subprocess.run([sys.executable, "-m", "aimap_publish", "pdf", "--edition", "print", "--quiet"],
                       cwd=project, check=True)
        pictures = {**figure_pictures(), **page_pictures(Path(project) / "dist" / "china-ai-map-2026-print.pdf")}
    for old in folder.glob("*.png"):
        old.unlink()
    write(pictures, folder)
    print(f"{len(pictures)} reference images in {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
