"""What the README promises a report project, tried on a project made by `init`: `--project DIR`
builds it from another working folder into its own dist/, brand fonts in its fonts/ set the
outputs, and `watch` rebuilds when the theme, a template or the font policy is edited."""
from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from conftest import run_cli, seed_cache

ID = "example-report"
NOTO = Path("/usr/share/fonts/truetype/noto")
BRAND = "Brand Serif Test"          # a family no system font has: only the project's fonts/ holds it


@pytest.fixture(scope="module")
def starter(tmp_path_factory, warm_cache) -> Path:
    """A project made by `init`, its English figures drawn once so that copies start warm."""
    folder = tmp_path_factory.mktemp("starter") / "report"
    assert run_cli("init", folder.name, cwd=folder.parent).returncode == 0
    seed_cache(folder, warm_cache)
    result = run_cli("figures", "--quiet", "--lang", "en", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def copy_of(starter: Path, folder: Path) -> Path:
    return shutil.copytree(starter, folder, ignore=shutil.ignore_patterns("dist"))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def slides_xml(deck: Path) -> str:
    with zipfile.ZipFile(deck) as pptx:
        return "".join(pptx.read(n).decode() for n in pptx.namelist() if re.match(r"ppt/slides/slide\d+\.xml", n))


def latin_typefaces(deck: Path) -> set[str]:
    """The typefaces the deck's runs name for Latin text."""
    return set(re.findall(r'<a:latin typeface="([^"]+)"', slides_xml(deck)))


# ---- --project DIR ----------------------------------------------------------------------------

def test_project_option_builds_the_project_from_another_working_folder(starter, tmp_path):
    """Run from a folder that is itself marked as another project: --project wins, the outputs
    land in the named project's dist/, and the working folder is left as it was."""
    project = copy_of(starter, tmp_path / "report")
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "aimap.toml", 'report = "not-this-one.yaml"\n')
    result = run_cli("slides", "--quiet", "--lang", "en", "--project", "../report", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "dist").iterdir()) == [f"{ID}-en-slides.pdf", f"{ID}-en.pptx", "figures"]
    assert len(list((project / "dist" / "figures").glob("*-en.svg"))) == 3
    assert [p.name for p in elsewhere.iterdir()] == ["aimap.toml"]


# ---- brand fonts in the project's fonts/ --------------------------------------------------------

def brand_face(source: Path, target: Path, style: str) -> None:
    """A copy of a real face renamed to the brand family, as a foundry's file would name it."""
    font = TTFont(source)
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (16, 17, 21, 22)]     # typographic family names
    full, postscript = f"{BRAND} {style}", f"{BRAND.replace(' ', '')}-{style}"
    for name_id, value in {1: BRAND, 2: style, 3: full, 4: full, 6: postscript}.items():
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    font.save(target)


def policy(latin: str, deck: str = "") -> str:
    """A project's font policy: the packaged faces, with `latin` as the Latin role's families."""
    return f"""[roles.cjk]
families = ["Noto Sans CJK SC"]
package = "fonts-noto-cjk"

[roles.latin]
families = [{latin}]
package = "fonts-noto-core"

[roles.emoji]
families = ["Noto Color Emoji"]
package = "fonts-noto-color-emoji"
{deck}"""


@pytest.fixture(scope="module")
def branded(starter, tmp_path_factory) -> Path:
    """The English screen PDF, deck and web page of a project whose fonts/ holds a brand face
    (Noto Serif's files under another family name) that its policy names first."""
    project = copy_of(starter, tmp_path_factory.mktemp("branded") / "report")
    (project / "fonts").mkdir()
    for style in ("Regular", "Bold"):
        brand_face(NOTO / f"NotoSerif-{style}.ttf", project / "fonts" / f"BrandSerif-{style}.ttf", style)
    write(project / "fonts" / "policy.toml", policy(f'"{BRAND}", "Noto Sans"'))       # the brand first
    result = run_cli("build", "--quiet", "--edition", "screen", "--lang", "en", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "dist"


def test_a_brand_font_in_the_projects_fonts_folder_is_embedded_in_the_pdf(branded):
    fonts = subprocess.run(["pdffonts", str(branded / f"{ID}-en-screen.pdf")], capture_output=True, text=True,
                           check=True).stdout
    embedded = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    # WeasyPrint names an embedded face by its family (spaces as hyphens) and weight
    brand = BRAND.replace(" ", "-")
    assert {brand, f"{brand}-Bold"} <= embedded, fonts
    assert not [name for name in embedded if name.startswith("Noto-Sans") and "CJK" not in name], fonts


def test_a_brand_font_in_the_projects_fonts_folder_sets_the_deck_and_the_web_page(branded):
    assert latin_typefaces(branded / f"{ID}-en.pptx") == {BRAND}
    site = branded / f"{ID}-en-web" / "assets"
    for face in site.glob("latin-*.woff2"):
        assert TTFont(face)["name"].getBestFamilyName() == BRAND, face.name


# ---- watch ------------------------------------------------------------------------------------

class Watch:
    """`aimap-publish watch` on a project, its progress lines read as they come."""

    def __init__(self, project: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "aimap_publish", "watch", "--lang", "en", "--port", "0"],
                                     cwd=project, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONWARNINGS": "ignore"})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.proc.stderr], daemon=True).start()

    def rebuilt(self, timeout: float = 90) -> None:
        """Wait for the next rebuild; a rebuild refused, or none within `timeout`, fails."""
        end, seen = time.monotonic() + timeout, []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no rebuild within {timeout} s: {seen}")
            seen.append(line)
            assert not line.startswith("watch: not rebuilt"), seen
            if line.startswith("watch: rebuilt in "):
                return

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        finally:
            self.proc.kill()


def rgb_fills(pdf: Path) -> set[tuple[float, float, float]]:
    """The RGB colours the PDF's pages paint with, rounded to 1/255."""
    found = set()
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG"):
                    found.add(tuple(round(float(v) * 255) for v in operands))
    return found


def test_watch_rebuilds_when_the_theme_a_template_or_the_font_policy_is_edited(starter, tmp_path):
    project = copy_of(starter, tmp_path / "report")
    pdf, deck = project / "dist" / f"{ID}-en-screen.pdf", project / "dist" / f"{ID}-en.pptx"
    watch = Watch(project)
    try:
        watch.rebuilt()
        assert (0xC2, 0x20, 0x2E) in rgb_fills(pdf) and "C2202E" in slides_xml(deck)       # the packaged accent

        write(project / "theme.toml", '[colours]\naccent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 0] }\n')
        watch.rebuilt()
        fills = rgb_fills(pdf)
        assert (0x0A, 0x6C, 0xFF) in fills and (0xC2, 0x20, 0x2E) not in fills
        assert "0A6CFF" in slides_xml(deck) and "C2202E" not in slides_xml(deck)

        write(project / "templates" / "blocks" / "quote.html.j2",
              '{% import "macros.html.j2" as m with context %}\n'
              '<blockquote class="quote">{{ m.t(block.text, "p") }}<p lang="en">(pull-quote)</p></blockquote>\n')
        watch.rebuilt()
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "(pull-quote)" in text

        write(project / "fonts" / "policy.toml", policy('"Noto Sans"', deck='\n[deck]\nlatin = "Noto Serif"\n'))
        watch.rebuilt()
        assert latin_typefaces(deck) == {"Noto Serif"}
    finally:
        watch.stop()
