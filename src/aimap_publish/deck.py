"""Stage 3b: the report as an editable PowerPoint deck (python-pptx).

Every run names its Latin and East Asian typefaces and its language, so Chinese shows in the
right face in any office program (FIELD-NOTES: python-pptx sets only <a:latin>).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import Loaded
from .content.inline import plain, runs
from .content.model import LANG_TAGS, Block, Text
from .editions import Edition
from .fonts import FontPolicy
from .theme import THEME

SLIDE_WIDTH_MM, SLIDE_HEIGHT_MM = 338.67, 190.5          # 16:9, 13.333 in × 7.5 in


@dataclass(frozen=True)
class DeckContext:
    loaded: Loaded
    edition: Edition
    policy: FontPolicy


def render_deck(context: DeckContext, target: Path) -> None:
    from pptx import Presentation
    from pptx.util import Mm

    deck = Presentation()
    deck.slide_width, deck.slide_height = Mm(SLIDE_WIDTH_MM), Mm(SLIDE_HEIGHT_MM)
    report = context.loaded.report
    _text_slide(deck, context, report.meta.title, [report.meta.masthead, report.meta.subtitle, *_block_texts(report.cover)])
    for section in report.sections:
        _text_slide(deck, context, section.heading, _block_texts(section.blocks, report))
    _text_slide(deck, context, report.meta.title, _block_texts(report.closing, report) + [Text(report.url, report.url)])
    deck.core_properties.title = context.edition.join(Text(*(plain(report.meta.title[l]) for l in ("zh", "en"))))
    deck.save(target)


def _block_texts(blocks: tuple[Block, ...], report=None) -> list[Text]:
    """The words of blocks in reading order, one Text per paragraph of the slide."""
    texts: list[Text] = []
    for block in blocks:
        for name in ("text", "title", "hint"):
            if hasattr(block, name):
                texts.append(getattr(block, name))
        for item in getattr(block, "items", ()):
            texts.extend(_item_texts(item, report))
        if block.kind == "figure":
            from . import figures
            figure = report.figure_by_id[block.figure]
            texts += [figures.caption(figure, report), figures.describe(figure, report)]
    return texts


def _item_texts(item, report) -> list[Text]:
    if hasattr(item, "value"):
        return [Text(f"{item.value} {item.label.zh}", f"{item.value} {item.label.en}")]
    texts = []
    if getattr(item, "region", None):
        region = report.region_by_id[item.region]
        texts.append(Text(*(f"{region.place[l]} — {region.model[l]}" for l in ("zh", "en"))))
        texts.append(report.tag_by_id[region.tag].label)
    if getattr(item, "title", None):
        texts.append(item.title)
    return texts + [item.text]


def _text_slide(deck, context: DeckContext, title: Text, texts: list[Text]) -> None:
    from pptx.util import Mm, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Mm(15), Mm(10), Mm(SLIDE_WIDTH_MM - 30), Mm(25))
    box.text_frame.word_wrap = True
    _fill(box.text_frame.paragraphs[0], title, context, Pt(24))
    body = slide.shapes.add_textbox(Mm(15), Mm(38), Mm(SLIDE_WIDTH_MM - 30), Mm(SLIDE_HEIGHT_MM - 48))
    body.text_frame.word_wrap = True
    for i, text in enumerate(texts):
        paragraph = body.text_frame.paragraphs[0] if i == 0 else body.text_frame.add_paragraph()
        _fill(paragraph, text, context, Pt(9))


def _fill(paragraph, text: Text, context: DeckContext, size) -> None:
    for n, lang in enumerate(context.edition.langs):
        for run_text in runs(("  " if n else "") + text[lang]):
            run = paragraph.add_run()
            run.text = run_text.text
            run.font.size = size
            run.font.bold = run_text.emphasis or None
            _set_fonts(run, lang, context.policy)


def _set_fonts(run, lang: str, policy: FontPolicy) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn

    run.font.color.rgb = RGBColor.from_string(THEME.ink.rgb[1:])
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN" if lang == "zh" else "en-US")
    latin = rpr.makeelement(qn("a:latin"), {"typeface": policy.deck_latin})
    ea = rpr.makeelement(qn("a:ea"), {"typeface": policy.deck_ea})
    rpr.append(latin)
    rpr.append(ea)
