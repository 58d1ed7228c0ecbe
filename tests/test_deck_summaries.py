"""A deck is a talk, not a transcript: a section written without a slide version becomes points
made from its paragraphs' lead sentences (the notes carry the paragraphs in full), cards come six
to a slide with a title and one line, and the slide counts stay those of a talk."""
from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from aimap_publish.content import load_report
from aimap_publish.content.inline import plain
from aimap_publish.deck.plan import lead
from conftest import ROOT, run_cli
from test_deck import walk

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
BATTERY = CORPUS / "ev-battery-chain"


@pytest.mark.parametrize("text, lang, most, point", [
    ("中国生产了全球约七成的动力电池。产能的地理分布并不均衡。", "zh", 32, "中国生产了全球约七成的动力电池"),
    ("上海的产业园区正在带动算力中心快速发展，产业园区与算力中心深度融合，正在形成从研发到量产的完整闭环。", "zh", 34,
     "上海的产业园区正在带动算力中心快速发展，产业园区与算力中心深度融合"),
    ("In Shanghai, industrial parks lift compute centres; founders follow them to the factories. Second.", "en", 8,
     "In Shanghai, industrial parks lift compute centres"),
    ("A sentence with no clause marks that simply goes on and on beyond the budget.", "en", 6,
     "A sentence with no clause marks…"),
    ("**三成**的电池来自回收，这一比例仍在上升。", "zh", 10, "**三成**的电池来自回收"),
    ("The **first large wave of batteries** is about to retire.", "en", 4, "The **first large wave**…"),
])
def test_a_point_is_the_lead_sentence_cut_at_a_clause_never_rewritten(text, lang, most, point):
    assert lead(text, lang, most) == point


@pytest.fixture(scope="module")
def battery_deck(tmp_path_factory) -> tuple[Presentation, object]:
    folder = tmp_path_factory.mktemp("battery") / "project"
    shutil.copytree(BATTERY, folder, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    built = run_cli("slides", "--quiet", cwd=folder)
    assert built.returncode == 0, built.stderr
    deck = Presentation(str(next((folder / "dist").glob("*.pptx"))))
    return deck, load_report(folder / "report.yaml").report


def notes_text(slide) -> str:
    return "".join(slide.notes_slide.notes_text_frame.text.split()) if slide.has_notes_slide else ""


def test_paragraphs_without_a_slide_version_become_points_with_the_full_text_in_the_notes(battery_deck):
    deck, report = battery_deck
    slides = list(deck.slides)
    for section in report.sections:
        paragraphs = [b for b in section.blocks if b.kind == "paragraph" and b.slide is None]
        if section.slide is not None or not paragraphs:
            continue
        heading = plain(section.heading.zh)
        made = [s for s in slides if any(sh.name == "points" for sh in s.shapes)
                and plain(s.shapes.title.text_frame.text).startswith(heading)]
        assert 1 <= len(made) <= 2, (section.id, len(made))
        shown = "".join("".join(sh.text_frame.text.split()) for s in made for sh in s.shapes if sh.name == "points")
        said = "".join(notes_text(s) for s in made)
        for paragraph in paragraphs:
            assert "".join(plain(paragraph.text.zh).split()) in said and "".join(plain(paragraph.text.en).split()) in said
            point = "".join(plain(lead(paragraph.text.zh, "zh", 32)).split())
            assert point in shown, point


def test_cards_come_six_to_a_slide_at_most_and_as_few_slides_as_hold_them(battery_deck):
    deck, report = battery_deck
    block = next(b for s in report.sections for b in s.blocks if b.kind == "cards")
    per_slide = [sum(1 for sh in s.shapes if sh.name.startswith("card ")) for s in deck.slides]
    per_slide = [n for n in per_slide if n]
    assert sum(per_slide) == len(block.items) == 19
    assert max(per_slide) <= 6 and len(per_slide) <= 5 and max(per_slide) - min(per_slide) <= 1


@pytest.mark.parametrize("folder, most", [(BATTERY, 30), (CORPUS / "hefei-state-capital", 24)])
def test_a_report_without_slide_versions_gets_a_talk_sized_deck(tmp_path, folder, most):
    """Before: 45 and 29 slides (one paragraph a slide, one card a slide)."""
    project = tmp_path / "project"
    shutil.copytree(folder, project, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    built = run_cli("slides", "--quiet", cwd=project)
    assert built.returncode == 0, built.stderr
    deck = Presentation(str(next((project / "dist").glob("*.pptx"))))
    assert len(deck.slides) <= most
    texts = [sh.text_frame.text for s in deck.slides for sh in walk(s.shapes) if sh.has_text_frame]
    assert not any("\u2060" in t for t in texts)


def test_check_notes_each_section_shown_by_lead_sentences_and_still_passes_strict(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "suzhou-biotech", project, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    report = load_report(project / "report.yaml").report
    result = run_cli("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    expected = [i for i, s in enumerate(report.sections)
                if s.slide is None and any(b.kind == "paragraph" and b.slide is None for b in s.blocks)]
    assert [line.split(": ")[1] for line in notes] == [f"sections[{i}]" for i in expected] and expected
    assert all(line.startswith("report.yaml:") and "would say it in your words" in line for line in notes)
    assert not list(project.glob("dist"))


def test_an_agenda_follows_the_cover_and_dividers_open_sections_when_the_theme_asks(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "suzhou-biotech", project, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    report = load_report(project / "report.yaml").report
    plain_deck = tmp_path / "plain"
    assert run_cli("slides", "--quiet", "--out", str(plain_deck), cwd=project).returncode == 0
    deck = Presentation(str(next(plain_deck.glob("*.pptx"))))
    agenda = deck.slides[1]
    assert plain(report.labels.contents.zh) in agenda.shapes.title.text_frame.text
    items = [sh.text_frame.text.replace("\n", " ").replace("\xa0", " ") for sh in agenda.shapes
             if sh.name == "agenda item"]
    numbers = [sh.text_frame.text for sh in agenda.shapes if sh.name == "agenda number"]
    assert items == [f"{plain(s.heading.zh)} {plain(s.heading.en)}" for s in report.sections]
    assert numbers == [f"{i:02d}" for i in range(1, len(report.sections) + 1)]
    assert not any(s.slide_layout.name == "section" for s in deck.slides)         # off unless asked

    (project / "theme.toml").write_text("[slide]\ndividers-from = 3\n", encoding="utf-8")
    built = run_cli("slides", "--quiet", "--out", str(tmp_path / "divided"), cwd=project)
    assert built.returncode == 0, built.stderr
    divided = Presentation(str(next((tmp_path / "divided").glob("*.pptx"))))
    dividers = [s for s in divided.slides if s.slide_layout.name == "section"]
    assert len(divided.slides) == len(deck.slides) + len(report.sections) == len(deck.slides) + len(dividers)
    assert [next(sh.text_frame.text for sh in s.shapes if sh.name == "section number") for s in dividers] == numbers


def test_a_leading_clause_too_short_to_say_anything_gives_way_to_a_cut_with_an_ellipsis():
    point = lead("十五年间，合肥用国有资本撬动了三大产业集群的形成与壮大过程。", "zh", 20)
    assert point.startswith("十五年间，合肥用国有资本") and point.endswith("…") and len(point) == 21


def test_a_lead_point_never_cuts_an_address():
    point = lead("患者和研究者可登录 https://example.org/trials 查询正在招募的试验、入组条件与各中心的联系方式。", "zh", 20)
    assert "https://example.org/trials" in point and point.endswith(" …")


def figure_slides(deck, figure_id: str) -> list:
    return [s for s in deck.slides if any(sh.name == f"figure {figure_id}" for sh in s.shapes)]


def test_a_hub_of_up_to_ten_regions_stays_whole_with_its_names_in_both_languages(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "pearl-delta-robotics", project,
                    ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    report = load_report(project / "report.yaml").report
    assert run_cli("slides", "--quiet", cwd=project).returncode == 0
    deck = Presentation(str(next((project / "dist").glob("*.pptx"))))
    for figure in (f for f in report.figures if f.kind == "hub"):
        slides = figure_slides(deck, figure.id)
        assert len(slides) == 1, (figure.id, len(slides))
        texts = " ".join(sh.text_frame.text.replace("\v", " ") for s in slides for sh in walk(s.shapes)
                         if sh.has_text_frame)
        for rid in figure.data.regions:
            place = report.region_by_id[rid].place
            assert place.zh in texts and place.en in texts, place


def test_a_hub_in_parts_keeps_one_design(battery_deck):
    """Sixteen regions: two slides, the same nodes and the same band, never another arrangement."""
    deck, report = battery_deck
    slides = figure_slides(deck, "bases")
    assert 2 <= len(slides) <= 3
    widths = {round(sh.width) for s in slides for top in s.shapes if top.name == "figure bases"
              for sh in walk([top]) if sh.name.startswith("node ") and sh.shape_type != 6}
    assert len(widths) == 1, widths
    hubs = [sh for s in slides for top in s.shapes if top.name == "figure bases" for sh in walk([top])
            if sh.name == "hub" and sh.shape_type != 6]
    assert len({(round(h.width), round(h.height)) for h in hubs}) == 1


def test_a_four_layer_stack_stays_whole_its_layers_side_by_side_from_the_base(battery_deck):
    """Four layers of four items each do not fit a slide as bands in both languages; side by
    side they do, on one slide, read from the bottom layer on the left, arrows between them."""
    deck, report = battery_deck
    [slide] = figure_slides(deck, "chain")
    [top] = [sh for sh in slide.shapes if sh.name == "figure chain"]
    layers = [sh for sh in walk([top]) if sh.name.startswith("layer ") and sh.shape_type != 6
              and sh.name != "layer name" and sh.name != "layer arrow"]
    order = [sh.name.removeprefix("layer ") for sh in sorted(layers, key=lambda sh: sh.left)]
    figure = next(f for f in report.figures if f.id == "chain")
    assert order == list(reversed(figure.data.layers))
    assert len({round(sh.top) for sh in layers}) == 1                      # one row of columns
    assert sum(sh.name == "layer arrow" for sh in walk([top])) == len(layers) - 1
    texts = " ".join(sh.text_frame.text for sh in walk([top]) if sh.has_text_frame)
    for lid in figure.data.layers:
        for item in report.layer_by_id[lid].items:
            assert item.zh.replace(" ", "") in texts.replace(" ", "").replace("\v", ""), item.zh


def test_the_shipped_deck_is_at_most_17_slides_each_figure_whole_on_one(shipped_project, tmp_path):
    built = run_cli("slides", "--quiet", "--out", str(tmp_path), cwd=shipped_project)
    assert built.returncode == 0, built.stderr
    deck = Presentation(str(tmp_path / "china-ai-map-2026.pptx"))
    report = load_report(shipped_project / "data" / "report.yaml").report
    assert len(deck.slides) <= 17
    assert [len(figure_slides(deck, f.id)) for f in report.figures] == [1] * len(report.figures)


def ten_sections(shipped: dict) -> dict:
    """The shipped report rewritten as a ten-section report without slide versions, the way
    analysts write a first draft: two or three paragraphs a section, the hub, the layer stack
    and the comparison each in a section of its own, ten cards (six regions, four of their own),
    a quote."""
    doc = {k: v for k, v in shipped.items() if k != "sections"}
    paragraphs = [b for s in shipped["sections"] for b in s["blocks"] if b["kind"] == "paragraph"]
    paragraphs = [{"kind": "paragraph", "text": b["text"]} for b in paragraphs]
    regions = next(b for s in shipped["sections"] for b in s["blocks"] if b["kind"] == "cards" and
                   b["items"][0].get("region"))["items"]
    own = [{k: v for k, v in item.items()} for s in shipped["sections"] for b in s["blocks"]
           if b["kind"] == "cards" and not b["items"][0].get("region") for item in b["items"]]
    quote = next(b for s in shipped["sections"] for b in s["blocks"] if b["kind"] == "quote")
    extras = {1: [{"kind": "figure", "figure": "innovation-map"}],
              2: [{"kind": "cards", "items": regions + (own * 2)[:4]}],
              4: [{"kind": "figure", "figure": "industry-structure"}],
              6: [{"kind": "figure", "figure": "collaboration"}],
              8: [quote]}
    sections = []
    for i in range(10):
        source = shipped["sections"][i % len(shipped["sections"])]
        blocks = [paragraphs[(2 * i + k) % len(paragraphs)] for k in range(2 + i % 2)]
        sections.append({"id": f"part-{i + 1}", "heading": source["heading"], "blocks": blocks + extras.get(i, [])})
    doc["sections"] = sections
    return doc


def test_a_ten_section_report_gets_at_most_24_slides(tmp_path):
    import yaml
    from conftest import REPORT

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "aimap.toml").write_text('report = "data/report.yaml"\n', encoding="utf-8")
    doc = ten_sections(yaml.safe_load(REPORT.read_text(encoding="utf-8")))
    class Written(yaml.SafeDumper):          # each value written out, as a writer does (no aliases)
        def ignore_aliases(self, data):
            return True

    (project / "data" / "report.yaml").write_text(yaml.dump(doc, Dumper=Written, allow_unicode=True, sort_keys=False),
                                                  encoding="utf-8")
    built = run_cli("slides", "--quiet", cwd=project)
    assert built.returncode == 0, built.stderr
    deck = Presentation(str(next((project / "dist").glob("*.pptx"))))
    assert len(deck.slides) <= 24, len(deck.slides)
    assert sum(1 for s in deck.slides if any(sh.name.startswith("card ") for sh in s.shapes)) <= 2


def test_a_point_never_ends_on_a_dangling_clause_nor_inside_a_latin_word():
    en = lead("We found that China’s AI innovation is not monolithic — rather, it is built from six distinct "
              "paradigms that reinforce each other across the region.", "en", 16)
    assert en == "We found that China’s AI innovation is not monolithic"
    zh = lead("2026年3月，SVTR（硅谷科技评论）组织了一次Global AI Founders China Tour，走访了六个创新区。", "zh", 32)
    assert zh.endswith("Global…")
