"""Which slides the deck has: the report's sections in order, one idea per slide.

Consecutive paragraphs of a section make a text slide; each figure, cards block and quote makes
its own slide. Every slide of a section carries the section's full text as speaker notes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.model import (CardsBlock, FigureBlock, ParagraphBlock, QuoteBlock, Report, Section,
                             ShareBlock, StatsBlock, Text, card_title)

BLOCK_SLIDE = {CardsBlock: "cards", QuoteBlock: "quote"}


@dataclass(frozen=True)
class SlideSpec:
    kind: str                       # slide kind = layout name
    title: Text
    blocks: tuple
    notes: tuple[Text, ...]


def plan_slides(report: Report) -> list[SlideSpec]:
    specs = [SlideSpec("cover", report.meta.title, report.cover, _cover_notes(report))]
    for section in report.sections:
        specs.extend(_section_slides(report, section))
    specs.append(SlideSpec("closing", report.meta.title, report.closing, _block_texts(report, report.closing)))
    return specs


def _section_slides(report: Report, section: Section) -> list[SlideSpec]:
    notes = (section.heading, *_block_texts(report, section.blocks))
    specs, paragraphs = [], []
    for block in (*section.blocks, None):
        if isinstance(block, ParagraphBlock):
            paragraphs.append(block)
            continue
        if paragraphs:
            specs.append(SlideSpec("text", section.heading, tuple(paragraphs), notes))
            paragraphs = []
        if isinstance(block, FigureBlock):
            figure = report.figure_by_id[block.figure]
            kind = "comparison" if figure.kind == "comparison" else "figure"
            specs.append(SlideSpec(kind, section.heading, (block,), notes))
        elif block is not None:
            specs.append(SlideSpec(BLOCK_SLIDE[type(block)], section.heading, (block,), notes))
    return specs


def _cover_notes(report: Report) -> tuple[Text, ...]:
    return (report.meta.masthead, report.meta.title, report.meta.subtitle, *_block_texts(report, report.cover))


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
