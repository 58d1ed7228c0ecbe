"""The deck's PDF for participants (`<id>-slides.pdf`): made by `slides` and `build` with
LibreOffice, the same slides as the deck, every face embedded, nothing left behind; without
LibreOffice one clear message and nothing written."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from conftest import run_cli
from test_deck import ID


def pdf_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_build_makes_the_decks_pdf_with_the_same_slides(shipped_outputs):
    deck = Presentation(str(shipped_outputs / f"{ID}.pptx"))
    pdf = shipped_outputs / f"{ID}-slides.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(deck.slides)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(width / height - 16 / 9) < 0.01
    assert re.search(r"Tagged:\s+yes", info)
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        if title is not None and title.text_frame.text.strip():
            first = re.sub(r"\s+", "", title.text_frame.text.splitlines()[0])
            assert first[:8] in re.sub(r"\s+", "", pdf_text(pdf, number)), (number, first)


def test_every_face_of_the_decks_pdf_is_embedded_and_is_the_decks(shipped_outputs):
    fonts = subprocess.run(["pdffonts", str(shipped_outputs / f"{ID}-slides.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert line.split()[-5] == "yes", line            # emb
        assert "NotoSans" in line, line                 # no substitute face


def test_no_slides_pdf_leaves_it_out_and_a_language_edition_names_it(shipped_project, tmp_path):
    result = run_cli("slides", "--quiet", "--no-slides-pdf", "--out", str(tmp_path / "a"), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "a").glob("*.pdf")) and (tmp_path / "a" / f"{ID}.pptx").is_file()
    result = run_cli("slides", "--quiet", "--lang", "zh", "--out", str(tmp_path / "b"), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "b").glob("*.p*")) == [f"{ID}-zh-slides.pdf", f"{ID}-zh.pptx"]
    leftovers = [p for p in (shipped_project / ".aimap-cache").iterdir() if p.name.startswith("slides-pdf-")]
    assert leftovers == []


def test_without_libreoffice_one_message_and_nothing_written(shipped_project, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("fc-match", "fc-list"):                  # the font lookup stays; LibreOffice is gone
        if shutil.which(tool):
            (bin_dir / tool).symlink_to(shutil.which(tool))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("a previous output", encoding="utf-8")
    env = {**os.environ, "PATH": str(bin_dir), "PYTHONWARNINGS": "ignore"}
    result = subprocess.run([sys.executable, "-m", "aimap_publish", "build", "--quiet", "--out", str(out)], cwd=shipped_project,
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "LibreOffice" in line and "libreoffice-impress" in line and "--no-slides-pdf" in line
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
