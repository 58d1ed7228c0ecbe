"""A second report of another shape than the shipped one (ten regions on a hub, a second hub,
four layers, stats and share blocks in sections, a paragraph and a quote on the cover, curly
quotes, long labels): it passes `check --strict` and builds every output in every language,
and every text of it reaches every output."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from aimap_publish.content import iter_strings, load_report
from aimap_publish.content.inline import plain
from aimap_publish.preflight.pdf import too_empty_pages
from conftest import SECOND, normalize, run_cli
from test_deck import all_text

ID = "delta-robotics-2027"
LANGS = {"bilingual": ("zh", "en"), "zh": ("zh",), "en": ("en",)}


@pytest.fixture(scope="module")
def second(second_project) -> Path:
    return second_project


@pytest.fixture(scope="module")
def built(second, second_outputs) -> dict[str, str]:
    errors = {"bilingual": ""}                       # second_outputs: the bilingual build
    for lang in ("zh", "en"):
        result = run_cli("build", "--quiet", "--lang", lang, cwd=second)
        errors[lang] = result.stderr if result.returncode else ""
    return errors


def test_the_second_report_passes_strict_check(second):
    result = run_cli("check", "--strict", cwd=second)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def texts(lang: str) -> list[str]:
    """Every text of the report in one language (label patterns are filled in, not shown; the
    language switch's names and the web labels belong to the web edition, the list of figures to
    the PDF's contents,
    the notes pages' heading to the print edition's padding, and the end matter's headings stand
    over the parts a report has: this one has none)."""
    report = load_report(SECOND / "report.yaml").report
    return [plain(text) for path, text in iter_strings(report) if path.endswith(f".{lang}") and
            not path.startswith(("labels.figure_caption", "labels.page", "labels.languages", "labels.figures",
                                 "labels.notes", "labels.end", "labels.web"))]


def pdf_text(path: Path) -> str:
    return normalize(subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                                    check=True).stdout)


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_output_of_every_language_is_built(built, second, lang):
    assert built[lang] == ""
    suffix = "" if lang == "bilingual" else f"-{lang}"
    for name in (f"{ID}{suffix}-print.pdf", f"{ID}{suffix}-screen.pdf", f"{ID}{suffix}.pptx"):
        assert (second / "dist" / name).stat().st_size > 10_000, name
    for name in (f"{ID}{suffix}-print.pdf", f"{ID}{suffix}-screen.pdf"):
        check = subprocess.run(["qpdf", "--check", str(second / "dist" / name)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_page_is_left_a_quarter_empty_unless_a_section_starts_next(built, second, lang):
    """A figure that does not fit below its section's text leads the next page and the text
    after it fills the gap, or the section starts a page: no hole in the middle of a section."""
    suffix = "" if lang == "bilingual" else f"-{lang}"
    assert too_empty_pages(second / "dist" / f"{ID}{suffix}-screen.pdf") == []


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_text_reaches_the_pdf_and_the_deck(built, second, lang):
    suffix = "" if lang == "bilingual" else f"-{lang}"
    pdf = pdf_text(second / "dist" / f"{ID}{suffix}-screen.pdf")
    deck = normalize(all_text(Presentation(str(second / "dist" / f"{ID}{suffix}.pptx"))))
    for text_lang in LANGS[lang]:
        wanted = [normalize(text) for text in texts(text_lang)]
        # Figure texts are drawn in the figures (SVG text in the PDF, shapes on slides).
        assert [t for t in wanted if t not in pdf] == []
        assert [t for t in wanted if t not in deck] == []


def test_stats_and_share_blocks_in_sections_have_their_own_slides(built, second):
    deck = Presentation(str(second / "dist" / f"{ID}.pptx"))
    kinds = [slide.slide_layout.name for slide in deck.slides]
    assert kinds[0] == "cover" and kinds[-1] == "closing"
    assert kinds.count("stats") == 2 and kinds.count("share") == 1
    assert kinds[1:3] == ["text", "quote"]            # the cover's paragraph and quote follow it


def with_extra_regions(second: Path, folder: Path, count: int, summary: str) -> str:
    """The second report with `count` more regions on its first hub, written into `folder`."""
    text = (second / "report.yaml").read_text(encoding="utf-8")
    extra = "".join(f"""  - id: extra-{n}
    icon: construction
    place: {{zh: 新区{n}号园区人工智能创新中心, en: "New Area No. {n} Artificial Intelligence Innovation Centre"}}
    short: {{zh: 新区{n}, en: "Area {n}"}}
    model: {{zh: 园区驱动, en: Park-driven}}
    summary: {{zh: 政策与资本协同落地, en: "{summary}"}}
    tag: capital
""" for n in range(1, count + 1))
    text = text.replace("\nfigures:\n", "\n" + extra + "\nfigures:\n", 1)
    names = ", ".join(f"extra-{n}" for n in range(1, count + 1))
    text = text.replace("beijing, chengdu, xian]", f"beijing, chengdu, xian, {names}]", 1)
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    (folder / "aimap.toml").write_text('report = "report.yaml"\n', encoding="utf-8")
    return text


def test_a_hub_too_tall_for_two_columns_takes_three_and_stays_whole(second, tmp_path):
    """Twelve regions with long labels are taller than a page in two columns flanking the hub:
    the layout takes the frame it must fit and hangs the nodes in three columns from a band."""
    with_extra_regions(second, tmp_path, 2, "Policy, capital and the supply chain working together on "
                                            "the ground, from the first prototype to mass production")
    result = run_cli("pdf", "--quiet", "--edition", "screen", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "dist" / "figures" / "east-map-en.svg").read_text(encoding="utf-8")
    height_mm = float(svg.split('height="', 1)[1].split("pt", 1)[0]) * 25.4 / 72
    assert height_mm <= 235
    page = pdf_text(tmp_path / "dist" / f"{ID}-en-screen.pdf")
    for n in (1, 2):
        assert normalize(f"New Area No. {n} Artificial Intelligence Innovation Centre") in page


def test_a_hub_no_arrangement_fits_is_a_content_error_not_a_crop(second, tmp_path):
    """Twelve regions with labels at the longest allowed fit no arrangement on the page: check
    says so with the figure's line, instead of a figure cut off at the page edge."""
    longest = ("Policy, capital and the supply chain working together on the ground, from the first "
               "prototype to mass production lines")
    text = with_extra_regions(second, tmp_path, 2, longest)
    text = re.sub(r"summary: \{zh: [^,]*, en: [^}]*\}",
                  f'summary: {{zh: {"政策资本与供应链在一线协同推进从首个原型到规模量产" * 3}, en: "{longest}"}}', text)
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--quiet", cwd=tmp_path)
    line = text[: text.index("  - id: east-map")].count("\n") + 1
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problem = result.stderr.splitlines()[0]
    assert problem.startswith(f"report.yaml:{line + 4}: figures[0].data: figure 'east-map' is "), problem
    assert "more than the 235 mm a page holds" in problem


def test_more_regions_than_a_hub_shows_is_a_limit_with_its_line(second, tmp_path):
    text = with_extra_regions(second, tmp_path, 7, "Policy and capital")
    result = run_cli("check", "--quiet", cwd=tmp_path)
    line = text[: text.index("      regions: [hangzhou")].count("\n") + 1
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (f"report.yaml:{line}: figures[0].data.regions: 17 regions; at most 16 "
                                             "(a hub shows sixteen at readable sizes)")
