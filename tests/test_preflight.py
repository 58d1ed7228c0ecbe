"""The print edition checked the way a prepress preflight would: boxes (a slug around the bleed
around the trim), crop and bleed marks in registration colour in the slug and nowhere else, no
annotations, total ink measured with Ghostscript, facing-page folios; on the shipped report and on
the second fixture report."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from aimap_publish.preflight.lines import lone_last_lines

MM = 72 / 25.4


@pytest.fixture(scope="module")
def prints(shipped_outputs, second_outputs) -> dict[str, Path]:
    return {"shipped": shipped_outputs / "china-ai-map-2026-print.pdf",
            "second": second_outputs / "delta-robotics-2027-print.pdf"}


def boxes(page) -> dict[str, list[float]]:
    return {name: [float(v) for v in page[f"/{name}"]] for name in ("MediaBox", "BleedBox", "TrimBox")}


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_a_slug_surrounds_the_bleed_which_surrounds_the_trim(prints, report):
    with pikepdf.open(prints[report]) as pdf:
        for page in pdf.pages:
            b = boxes(page)
            for i, sign in enumerate((-1, -1, 1, 1)):
                assert sign * (b["BleedBox"][i] - b["TrimBox"][i]) == pytest.approx(3 * MM, abs=0.01)
                assert sign * (b["MediaBox"][i] - b["BleedBox"][i]) >= 8 * MM


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_no_annotations_on_print_pages(prints, report):
    with pikepdf.open(prints[report]) as pdf:
        assert [n for n, page in enumerate(pdf.pages, 1) if "/Annots" in page.obj] == []


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_marks_are_in_registration_colour_in_the_slug(prints, report, tmp_path):
    with pikepdf.open(prints[report]) as pdf:
        for page in pdf.pages:
            spaces = page.Resources.ColorSpace
            separations = [cs for cs in spaces.values() if isinstance(cs, pikepdf.Array) and cs[0] == "/Separation"]
            assert any(cs[1] == "/All" for cs in separations)
        media, bleed = boxes(pdf.pages[1])["MediaBox"], boxes(pdf.pages[1])["BleedBox"]
    # Rendered: ink in the slug only as thin marks near the corners, none along the edges' middles.
    subprocess.run(["pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-gray", "-png", str(prints[report]),
                    str(tmp_path / "p")], check=True)
    image = np.asarray(Image.open(next(tmp_path.glob("p-*.png"))))
    slug = round(bleed[0] - media[0])
    left_slug = image[:, : slug - 1]
    assert (left_slug < 128).sum() > 0                                  # the marks are there
    middle = left_slug[image.shape[0] // 4: 3 * image.shape[0] // 4]
    assert (middle < 250).sum() == 0                                    # and nothing else is


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_total_ink_inside_the_bleed_is_at_most_300_percent(prints, report, tmp_path):
    """Ghostscript separates every page (inside the BleedBox; the marks outside it print on all
    plates by design) and the sum of C, M, Y and K is measured per pixel."""
    worst = most_ink(prints[report], tmp_path)
    print(f"{report}: maximum total ink {worst:.0f} %")
    assert 200 < worst <= 300


def most_ink(pdf: Path, tmp_path: Path) -> float:
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dUseBleedBox", "-sDEVICE=tiff32nc", "-r150",
                    f"-sOutputFile={tmp_path}/ink-%02d.tif", str(pdf)], check=True)
    return max(float((np.asarray(Image.open(f)).astype(int).sum(axis=2) * 100 / 255).max())
               for f in tmp_path.glob("ink-*.tif"))


def test_folios_sit_on_the_outer_edge_of_facing_pages(prints):
    """Left-hand (even) pages carry the folio at the left, right-hand (odd) pages at the right."""
    words = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "5", str(prints["shipped"]), "-"],
                           capture_output=True, text=True, check=True).stdout
    import re

    pages = re.findall(r"<page width=\"([\d.]+)\".*?</page>", words, re.S)
    bodies = re.findall(r"<page .*?</page>", words, re.S)
    for number, (width, body) in enumerate(zip(pages, bodies), start=2):
        folio = [(float(x0), float(x1)) for x0, y0, x1, y1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(第\d+页)</word>', body)]
        assert folio, number
        centre = (folio[0][0] + folio[0][1]) / 2
        assert (centre < float(width) / 2) == (number % 2 == 0), number


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_no_paragraph_ends_with_a_lone_character_or_word(prints, report):
    assert lone_last_lines(prints[report]) == []


def test_wrapped_labels_keep_company_and_break_words_with_a_hyphen():
    from aimap_publish.linebreak import tokens, wrap

    width = len
    for text, line in (("张江汇集了产业链的各个环节，形成闭环生态。", 10), ("各个环节形成闭环生态。", 10),
                       ("complete capability from research to production", 20)):
        lines = wrap(text, line, width)
        assert len([t for t in tokens(lines[-1]) if not t.isspace()]) >= 2, lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("Machine-vision Modules", 10, width) == ["Machine-", "vision", "Modules"]
    # the word that moves down to keep the last one company keeps the space it had
    assert wrap("Machine-vision Modules", 15, width) == ["Machine-", "vision Modules"]
    assert wrap("Supercalifragilistic", 8, width) == ["Superca\u2010", "lifragi\u2010", "listic"]


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_page_count_is_a_multiple_of_four_padded_before_the_back_cover(prints, report):
    """Saddle-stitched: pages in fours, the back cover last; the padding is notes pages before the
    end matter and its colophon (the report's title and date there), never a blank page
    in the middle. The shipped report has 9 pages of its own: 3 are added."""
    with pikepdf.open(prints[report]) as pdf:
        count = len(pdf.pages)
    assert count % 4 == 0

    def text(page: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(prints[report]), "-"],
                              capture_output=True, text=True, check=True).stdout

    url = "https://svtr.ai/reports/china-ai-map-2026" if report == "shipped" else "https://example.org/reports/"
    assert url in text(count)
    if report == "shipped":
        assert count == 12 and "2026-03-15" in text(count - 1)
        assert "第3页 / 共12页" in text(3)      # the folios count the pages as printed


def fill_and_stroke_colours(pdf) -> set[tuple[float, ...]]:
    """Every colour the pages and their forms (the figures) set, as CMYK tuples."""
    found: set[tuple[float, ...]] = set()

    def walk(owner, resources, depth=0):
        for operands, operator in pikepdf.parse_content_stream(owner):
            name = str(operator)
            if name in ("k", "K", "sc", "SC", "scn", "SCN") and len(operands) == 4:
                found.add(tuple(round(float(v), 3) for v in operands))
            elif name in ("rg", "RG", "g", "G"):
                found.add(("rgb or grey",))
            elif name == "Do" and resources is not None and depth < 5:
                xobject = resources.get("/XObject", {}).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    walk(xobject, xobject.get("/Resources"), depth + 1)

    for page in pdf.pages:
        walk(page, page.Resources)
    return found


def text_inks(pdf) -> list[tuple[float, tuple[float, ...], int]]:
    """(size in points, fill colour, page) of every text the pages and their forms show."""
    found = []

    def product(m, n):
        a, b, c, d, e, f = m
        a2, b2, c2, d2, e2, f2 = n
        return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
                e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)

    def walk(owner, resources, ctm, page, depth=0):
        stack, fill, size, tm = [], (), 0.0, (1, 0, 0, 1, 0, 0)
        for operands, operator in pikepdf.parse_content_stream(owner):
            name = str(operator)
            if name == "q":
                stack.append((ctm, fill))
            elif name == "Q" and stack:
                ctm, fill = stack.pop()
            elif name == "cm":
                ctm = product(tuple(map(float, operands)), ctm)
            elif name in ("k", "sc", "scn") and len(operands) == 4:
                fill = tuple(round(float(v), 3) for v in operands)
            elif name in ("g", "rg", "sc", "scn") and len(operands) in (1, 3):
                fill = ("rgb or grey",)
            elif name == "Tf":
                size = float(operands[1])
            elif name == "Tm":
                tm = tuple(map(float, operands))
            elif name in ("Tj", "TJ", "'", '"'):
                a, b, c, d, _, _ = product(tm, ctm)
                found.append((round(size * abs(a * d - b * c) ** 0.5, 2), fill, page))
            elif name == "Do" and resources is not None and depth < 5:
                xobject = resources.get("/XObject", {}).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = tuple(map(float, xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])))
                    walk(xobject, xobject.get("/Resources"), product(matrix, ctm), page, depth + 1)

    for number, page in enumerate(pdf.pages, 1):
        walk(page, page.Resources, (1, 0, 0, 1, 0, 0), number)
    return found


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_no_colour_takes_four_inks_and_small_text_takes_one(prints, report):
    """Small text, thin rules and white type reversed out of a fill stay sharp off register:
    no colour of the print edition uses all four plates, and every text under 10 pt (running
    text, captions, folios, the figures' labels) is set in one ink (black or a tint of it) or
    reversed to paper."""
    with pikepdf.open(prints[report]) as pdf:
        colours, texts = fill_and_stroke_colours(pdf), text_inks(pdf)
    assert colours and ("rgb or grey",) not in colours
    assert [c for c in colours if sum(1 for v in c if v > 0) > 3] == []
    small = [(size, fill, page) for size, fill, page in texts if size < 9.95]
    assert len(small) > 100 and {size for size, _, _ in small} >= {8.5, 9.5}
    assert [t for t in small if sum(1 for v in t[1] if v > 0) > 1 or t[1] == ("rgb or grey",)] == []


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_drawn_icons_are_vector_in_the_print_pdf(prints, report):
    """The cards' and figures' icons are drawn (named in the data): paths in the page, no picture
    of them for the press to resample."""
    with pikepdf.open(prints[report]) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert images == []


@pytest.fixture(scope="module")
def emoji_print(tmp_path_factory, warm_cache) -> Path:
    """The shipped report with its cards' and hub's icons written as emoji, printed."""
    from conftest import run_cli, shipped_copy

    folder = shipped_copy(tmp_path_factory.mktemp("emoji"), warm_cache)
    report = folder / "data" / "report.yaml"
    text = report.read_text(encoding="utf-8")
    for name, emoji in (("rocket", "🚀"), ("factory", "🏭"), ("bot", "🤖")):
        text = text.replace(f"    icon: {name}\n", f'    icon: "{emoji}"\n')
    report.write_text(text, encoding="utf-8")
    result = run_cli("pdf", "--quiet", "--edition", "print", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "warning: the emoji 🚀 is drawn from the emoji face" in result.stderr
    return folder / "dist" / "china-ai-map-2026-print.pdf"


def test_an_emoji_icon_reaches_the_plates_as_a_cmyk_image(emoji_print, tmp_path):
    """An icon still given as an emoji is a picture: it reaches the plates through the output
    intent, a CMYK image with its soft mask kept; no RGB image is left for the RIP to guess at."""
    with pikepdf.open(emoji_print) as pdf:
        images = [obj for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        masks = {obj.SMask.objgen for obj in images if "/SMask" in obj}
        colour = [obj for obj in images if obj.objgen not in masks]
        assert len(colour) == 6, "the three emoji, each in its card and in the hub figure"
        assert {str(obj.ColorSpace) for obj in colour} == {"/DeviceCMYK"}
        assert all("/SMask" in obj for obj in colour)
        assert {str(pdf.get_object(m).ColorSpace) for m in masks} == {"/DeviceGray"}
    assert most_ink(emoji_print, tmp_path) <= 300         # the emoji's own darks taken back under 300 %


def fogra39_measurements() -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """(CMYK %, Lab D50) of the 1617 patches of FOGRA39L.ti3 (Debian's icc-profiles-free)."""
    text = Path("/usr/share/color/icc/FOGRA39L.ti3").read_text(encoding="ascii")
    assert "SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K XYZ_X XYZ_Y XYZ_Z LAB_L LAB_A LAB_B" in text
    rows = [line.split() for line in text.split("BEGIN_DATA\n", 1)[1].split("END_DATA", 1)[0].splitlines()]
    return [(tuple(map(float, r[1:5])), tuple(map(float, r[8:11]))) for r in rows if len(r) == 11]


@pytest.mark.parametrize("report", ["shipped", "second"])
def test_the_output_intent_prints_the_fogra39_measurements(prints, report):
    """The profile embedded as the output intent turns each measured CMYK patch of FOGRA39 into
    the Lab colour measured on press (absolute colorimetric): a wrong or damaged profile would
    shift every converted image and the proof of every page."""
    from io import BytesIO

    from PIL import ImageCms

    with pikepdf.open(prints[report]) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) and int(intent.DestOutputProfile.N) == 4
        embedded = intent.DestOutputProfile.read_bytes()
    patches = fogra39_measurements()
    assert len(patches) == 1617
    image = Image.new("CMYK", (len(patches), 1))
    image.putdata([tuple(round(v * 2.55) for v in cmyk) for cmyk, _ in patches])
    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(BytesIO(embedded)), ImageCms.createProfile("LAB", 5000),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    lab_image = ImageCms.applyTransform(image, to_lab)
    pixels = getattr(lab_image, "get_flattened_data", lab_image.getdata)()
    lab = np.array(list(pixels), dtype=float)                      # L 0-255; a, b offset by 128
    found = np.column_stack([lab[:, 0] * 100 / 255, lab[:, 1] - 128, lab[:, 2] - 128])
    delta_e = np.linalg.norm(found - np.array([measured for _, measured in patches]), axis=1)
    assert delta_e.mean() < 1.0 and delta_e.max() < 3.0, (delta_e.mean(), delta_e.max())
