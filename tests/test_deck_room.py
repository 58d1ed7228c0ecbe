"""The deck as a presenter uses it, on the shipped report and the second fixture report in every
edition: one type scale (each role at its theme sizes on every slide, nothing under 12 pt,
figure text at 14 pt / 12 pt), slide bodies within the budget, notes that differ from slide to
slide, cards shared out evenly, and the cover, closing and share slides on the grid."""
from __future__ import annotations

import re
import shutil
from collections import defaultdict

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from aimap_publish.fitting import UNIT_SCALE
from aimap_publish.theme import load_theme
from conftest import REPORT, ROOT, run_cli
from test_deck import walk

THEME = load_theme(None)
SECOND = ROOT / "tests" / "fixtures" / "second"
EDITIONS = {"bilingual": ("zh", "en"), "zh": ("zh",), "en": ("en",)}
# shape name -> the type role its text is set in
ROLES = {"points": "point", "body": "body", "card title": "card-title", "card text": "card-body",
         "tag label": "tag", "quote": "quote", "closing text": "body", "subtitle": "subtitle",
         "masthead": "masthead", "stat label": "stat-label", "stat value": "stat-value"}
BODY = {"points", "body", "card text", "quote", "closing text"}
MARGIN_MM = 12.7


@pytest.fixture(scope="module")
def decks(tmp_path_factory, shipped_project) -> dict[tuple[str, str], Presentation]:
    out = tmp_path_factory.mktemp("decks")
    second = out / "second"
    shutil.copytree(SECOND, second, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    found = {}
    for edition in EDITIONS:
        suffix = "" if edition == "bilingual" else f"-{edition}"
        shipped = run_cli("slides", "--quiet", "--lang", edition, "--out", str(out / "shipped"), cwd=shipped_project)
        assert shipped.returncode == 0, shipped.stderr
        found["shipped", edition] = Presentation(str(out / "shipped" / f"china-ai-map-2026{suffix}.pptx"))
        built = run_cli("slides", "--quiet", "--lang", edition, cwd=second)
        assert built.returncode == 0, built.stderr
        found["second", edition] = Presentation(str(second / "dist" / f"delta-robotics-2027{suffix}.pptx"))
    return found


CASES = [(report, edition) for report in ("shipped", "second") for edition in EDITIONS]


def runs(shape):
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                yield run, run._r.get_or_add_rPr().get("lang")


def figure_shapes(slide):
    return {s.shape_id for top in slide.shapes if top.name.startswith("figure ") for s in walk([top])}


@pytest.mark.parametrize("report, edition", CASES)
def test_a_hall_scale_six_sizes_at_most_none_under_14pt_each_role_on_its_ladder(decks, report, edition):
    """Every text of the deck, figures included, takes one of the theme's six slide sizes
    (slide.scale); none is under 14 pt; the first language's body and points are 20 pt or more,
    the second language 16; a figure's text at least the slide's figure sizes; each role keeps to
    its own sizes down to its floor."""
    deck, langs = decks[report, edition], EDITIONS[edition]
    used, every = defaultdict(set), set()
    assert len(THEME.slide_scale) <= 6 and min(THEME.slide_scale) >= 14
    for number, slide in enumerate(deck.slides, 1):
        in_figure = figure_shapes(slide)
        for shape in walk(slide.shapes):
            if not shape.has_text_frame:
                continue
            for run, lang in runs(shape):
                size = run.font.size.pt
                second = len(langs) > 1 and lang.startswith("en")
                every.add(size)
                assert size >= 14, (number, shape.name, run.text, size)
                if shape.shape_id in in_figure:
                    assert size >= THEME.slide_figure_pt[1 if second else 0] - 0.01, (number, run.text, size)
                    continue
                if shape.name in ("points", "body"):
                    assert size >= (16 if second else 20), (number, run.text, size)
                if shape.name in ROLES:
                    used[ROLES[shape.name], "second" if second else lang[:2]].add(size)
    assert used, "no text found"
    assert every <= set(THEME.slide_scale), sorted(every)
    for (role, lang), sizes in used.items():
        steps = THEME.slide_steps(role, "en" if lang == "second" else lang, second=lang == "second")
        if role == "stat-value":      # one size a deck's cover, its units smaller beside the number
            steps = THEME.slide_steps(role, "en")
            numbers = {size for size in sizes if size in steps}
            assert sizes <= numbers | {THEME.on_scale(n * UNIT_SCALE) for n in numbers}, (role, lang, sizes)
            continue
        assert sizes <= set(steps), (role, lang, sizes)


@pytest.mark.parametrize("report, edition", CASES)
def test_slide_bodies_stay_within_the_budget(decks, report, edition):
    most_chars, most_words = THEME.slide_budget
    for number, slide in enumerate(decks[report, edition].slides, 1):
        chars = words = 0
        for shape in walk(slide.shapes):
            if shape.has_text_frame and shape.name in BODY:
                for run, lang in runs(shape):
                    if lang.startswith("zh"):
                        chars += len("".join(run.text.split()))
                    else:
                        words += len(run.text.split())
        assert chars <= most_chars and words <= most_words, (number, chars, words)


@pytest.mark.parametrize("report, edition", CASES)
def test_figure_labels_break_where_their_layout_broke_them(decks, report, edition):
    """A figure's label is written line by line as its layout broke it, not left to the client's
    wrapping: no last line of a lone Chinese character, no word cut without a hyphen, no two
    words glued together (each English word is one the report has), three letters at least
    either side of a cut."""
    from aimap_publish.linebreak import tokens

    source = (REPORT if report == "shipped" else SECOND / "report.yaml").read_text(encoding="utf-8")
    known = set(re.findall(r"[A-Za-z][A-Za-z0-9&'’-]*", source))
    broken = 0
    for slide in decks[report, edition].slides:
        inside = figure_shapes(slide)
        for shape in walk(slide.shapes):
            if shape.shape_id not in inside or not shape.has_text_frame or "\v" not in shape.text_frame.text:
                continue
            broken += 1
            lines = shape.text_frame.text.split("\v")
            last = [t for t in tokens(lines[-1]) if not t.isspace()]
            assert len(last) >= 2 or not re.match(r"[\u4e00-\u9fff]", last[0]), lines
            joined = re.sub(r"- ", "-", " ".join(lines).replace("\u2010 ", ""))
            for before, after in zip(lines, lines[1:]):
                if before.endswith("\u2010"):
                    assert len(re.search(r"\w*$", before[:-1]).group()) >= 3, lines
                    assert len(re.match(r"\w*", after).group()) >= 3, lines
            for word in re.findall(r"[A-Za-z][A-Za-z0-9&'’-]*", joined):
                assert word.rstrip("-") in known or word in known, (word, lines)
    assert broken > 0 or (report, edition) == ("shipped", "zh")     # its labels all fit on one line


@pytest.mark.parametrize("report, edition", CASES)
def test_notes_differ_from_slide_to_slide(decks, report, edition):
    notes = [slide.notes_slide.notes_text_frame.text.strip() for slide in decks[report, edition].slides]
    assert all(notes), [i + 1 for i, n in enumerate(notes) if not n]
    repeated = {n[:40] for n in notes if notes.count(n) > 1}
    assert repeated == set()


@pytest.mark.parametrize("report, edition", CASES)
def test_cards_are_shared_out_evenly(decks, report, edition):
    runs_of_cards, current = [], []
    for slide in decks[report, edition].slides:
        count = sum(1 for s in slide.shapes if s.name.startswith("card "))
        if slide.slide_layout.name == "cards" and count:
            current.append(count)
        elif current:
            runs_of_cards.append(current)
            current = []
    for counts in runs_of_cards:
        assert max(counts) - min(counts) <= 1, counts
        assert min(counts) > 1 or sum(counts) == 1, counts          # never a lone card when two share


@pytest.mark.parametrize("report, edition", CASES)
def test_cover_closing_and_share_slides_keep_half_inch_margins_and_the_title_leads(decks, report, edition):
    deck = decks[report, edition]
    width, height = Emu(deck.slide_width).mm, Emu(deck.slide_height).mm
    for number, slide in enumerate(deck.slides, 1):
        if slide.slide_layout.name not in ("cover", "closing", "share"):
            continue
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type is not None and \
                    str(shape.placeholder_format.type).startswith(("FOOTER", "SLIDE_NUMBER")):
                continue
            x0, y0 = Emu(shape.left).mm, Emu(shape.top).mm
            x1, y1 = x0 + Emu(shape.width).mm, y0 + Emu(shape.height).mm
            assert x0 >= MARGIN_MM - 0.1 and y0 >= MARGIN_MM - 0.1, (number, shape.name, x0, y0)
            assert x1 <= width - MARGIN_MM + 0.1 and y1 <= height - MARGIN_MM + 0.1, (number, shape.name, x1, y1)
        title = max(run.font.size.pt for run, _ in runs(slide.shapes.title))
        others = [run.font.size.pt for s in walk(slide.shapes) if s.has_text_frame and s != slide.shapes.title
                  and s.name != "stat value" for run, _ in runs(s)]
        assert title >= max(others), (number, title, max(others))


def test_a_slide_version_stands_in_for_its_text_which_the_notes_carry(decks):
    deck = decks["shipped", "bilingual"]
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text.startswith("中国AI创新：六种范式"))
    points = [s for s in slide.shapes if s.name == "points"]
    assert len(points) == 1                      # one list: the client spaces the points evenly
    items = [p for p in points[0].text_frame.paragraphs if p._p.pPr.find(qn("a:buChar")) is not None]
    assert len(items) == 4 and all(p.runs[0]._r.get_or_add_rPr().get("lang") == "zh-CN" for p in items)
    notes = slide.notes_slide.notes_text_frame.text
    assert "Global AI Founders China Tour" in notes and "系统化的产业生态" in notes
    body = points[0].text_frame.text
    assert "Global AI Founders China Tour" not in body


@pytest.mark.parametrize("report, edition", CASES)
def test_content_sits_across_the_middle_of_the_body_never_in_its_top_half_alone(decks, report, edition):
    """A content slide's body (points, cards, stats, a quote, a figure) is set in the middle of the
    body area: it reaches below the body's middle line and starts above it (no lower half empty)."""
    from aimap_publish.deck.slides import BODY_H, BODY_Y

    middle = Emu(int((BODY_Y + BODY_H / 2) * 36000))
    for number, slide in enumerate(decks[report, edition].slides, 1):
        if slide.slide_layout.name in ("cover", "closing", "section", "share"):
            continue
        body = [s for s in slide.shapes if not s.is_placeholder]
        assert body, number
        top, bottom = min(s.top for s in body), max(s.top + s.height for s in body)
        assert top < middle < bottom, (number, slide.slide_layout.name, top.mm, bottom.mm)
