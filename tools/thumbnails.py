"""Pictures of the outputs for the README: contact sheets of the print PDF's pages and of the
deck's slides (as LibreOffice draws them), written to docs/pictures/. Run by `make thumbnails`
after a build; needs poppler's pdftoppm and LibreOffice."""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image


def pages(pdf: Path, folder: Path, prefix: str, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / prefix)], check=True)
    return sorted(folder.glob(f"{prefix}-*.png"))


def sheet(images: list[Path], columns: int, width: int, target: Path) -> None:
    """The images in rows of `columns`, each scaled to `width` pixels, on a light ground."""
    opened = [Image.open(p).convert("RGB") for p in images]
    scaled = [im.resize((width, round(im.height * width / im.width)), Image.LANCZOS) for im in opened]
    gap, cell_h = 12, max(im.height for im in scaled)
    rows = (len(scaled) + columns - 1) // columns
    canvas = Image.new("RGB", (columns * (width + gap) + gap, rows * (cell_h + gap) + gap), "#e9ecf1")
    for i, im in enumerate(scaled):
        canvas.paste(im, (gap + (i % columns) * (width + gap), gap + (i // columns) * (cell_h + gap)))
    canvas.save(target, optimize=True)


def main(dist: Path, report_id: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sheet(pages(dist / f"{report_id}-print.pdf", work, "page", 40), 5, 220, out / "pdf-pages.png")
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to",
                        "pdf", "--outdir", str(work), str(dist / f"{report_id}.pptx")], check=True, capture_output=True)
        sheet(pages(work / f"{report_id}.pdf", work, "slide", 30), 4, 300, out / "slides.png")
    print(f"wrote {out / 'pdf-pages.png'} and {out / 'slides.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
