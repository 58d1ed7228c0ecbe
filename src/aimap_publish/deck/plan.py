"""Which slides the deck has: the cover, the report's blocks in reading order, the closing.

The placement table (content/placement.py) says which slide carries each block: the cover or
closing slide itself, or a slide of its own kind. Consecutive paragraphs share text slides;
blocks of the cover come after the cover slide, those of the closing page before the closing
slide, under the report's title. Every slide of a part carries that part's full text as
speaker notes (the cover's with the contents), so every text of the report reaches the deck.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.model import (CardsBlock, FigureBlock, ParagraphBlock, QuoteBlock, Report, ShareBlock,
                             StatsBlock, Text, card_title)
from ..content.inline import plain
from ..content.placement import rule

ON_ITS_SLIDE = {"cover", "closing"}


@dataclass(frozen=True)
class SlideSpec:
    kind: str                       # slide kind = layout name
    title: Text
    blocks: tuple
    notes: tuple[Text, ...]


def plan_slides(report: Report) -> list[SlideSpec]:
    meta, title = report.meta, report.meta.title
    cover_notes = (meta.masthead, meta.title, meta.subtitle, _contents(report), *_block_texts(report, report.cover))
    specs = [SlideSpec("cover", title, _on_its_slide(report.cover, "cover"), cover_notes)]
    specs += _block_slides(report, "cover", title, report.cover, cover_notes)
    for section in report.sections:
        notes = (section.heading, *_block_texts(report, section.blocks))
        specs += _block_slides(report, "section", section.heading, section.blocks, notes)
    closing_notes = _block_texts(report, report.closing)
    specs += _block_slides(report, "closing", title, report.closing, closing_notes)
    specs.append(SlideSpec("closing", title, _on_its_slide(report.closing, "closing"), closing_notes))
    return specs


def _contents(report: Report) -> Text:
    """The contents as one line for the presenter: "目录：核心发现，…" / "Contents: Key Findings, …"."""
    headings = {lang: [plain(s.heading[lang]) for s in report.sections] for lang in ("zh", "en")}
    return Text(f"{report.labels.contents.zh}：{'，'.join(headings['zh'])}",
                f"{report.labels.contents.en}: {', '.join(headings['en'])}")


def _on_its_slide(blocks, place: str) -> tuple:
    return tuple(b for b in blocks if rule(b.kind, place).slide == place)


def _block_slides(report: Report, place: str, title: Text, blocks, notes) -> list[SlideSpec]:
    """The slides of a part's blocks that do not stand on the cover or closing slide."""
    specs, paragraphs = [], []
    for block in (*blocks, None):
        if isinstance(block, ParagraphBlock):
            paragraphs.append(block)
            continue
        if paragraphs:
            specs.append(SlideSpec("text", title, tuple(paragraphs), notes))
            paragraphs = []
        if block is None or rule(block.kind, place).slide == place:
            continue
        kind = rule(block.kind, place).slide
        if isinstance(block, FigureBlock) and report.figure_by_id[block.figure].kind == "comparison":
            kind = "comparison"
        specs.append(SlideSpec(kind, title, (block,), notes))
    return specs


def _block_texts(report: Report, blocks) -> tuple[Text, ...]:
    """Every text of the blocks in reading order: what a presenter reads from the notes."""
    from .. import figures

    texts: list[Text] = []
    for block in blocks:
        if isinstance(block, (ParagraphBlock, QuoteBlock)):
            texts.append(block.text)
        elif isinstance(block, StatsBlock):
            texts += [Text(f"{s.value} {s.label.zh}", f"{s.value} {s.label.en}") for s in block.items]
        elif isinstance(block, CardsBlock):
            for card in block.items:
                texts += [card_title(report, card), card.text]
        elif isinstance(block, FigureBlock):
            figure = report.figure_by_id[block.figure]
            texts += [figures.caption(figure, report), figures.describe(figure, report)]
        elif isinstance(block, ShareBlock):
            texts += [block.title, block.hint, Text(report.url, report.url)]
    return tuple(texts)
