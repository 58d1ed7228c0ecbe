"""Which slides the deck has: the cover, the report's blocks in reading order, the closing.

The placement table (content/placement.py) says which slide carries each block: the cover or
closing slide itself, or a slide of its own kind. Blocks of the cover come after the cover
slide; those of the closing page before the closing slide, except the first paragraph, which
stands on the closing slide. How many slides a block takes (a paragraph split at sentences,
cards shared out evenly, a figure in parts) is the builders' choice: they measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.inline import plain
from ..content.model import FigureBlock, ParagraphBlock, Report, Text
from ..content.placement import rule


@dataclass(frozen=True)
class SlideSpec:
    kind: str                       # slide kind = layout name
    title: Text                     # the slide's title (the builder may say more: an assertion)
    blocks: tuple
    topic: Text                     # the part it belongs to (a section's heading), for the footer
    version: object = None          # kind "points": the slide version standing in for `blocks`


def plan_slides(report: Report) -> list[SlideSpec]:
    title = report.meta.title
    specs = [SlideSpec("cover", title, _on_its_slide(report.cover, "cover"), title)]
    specs += _block_slides(report, "cover", title, report.cover)
    for section in report.sections:
        specs += _block_slides(report, "section", section.heading, section.blocks, section.slide)
    first = next((b for b in report.closing if isinstance(b, ParagraphBlock)), None)
    specs += _block_slides(report, "closing", title, [b for b in report.closing if b is not first])
    on_closing = tuple(b for b in report.closing if b is first or b in _on_its_slide(report.closing, "closing"))
    specs.append(SlideSpec("closing", title, on_closing, title))
    return specs


def contents(report: Report) -> Text:
    """The contents as one line for the presenter: "目录：核心发现，…" / "Contents: Key Findings, …"."""
    headings = {lang: [plain(s.heading[lang]) for s in report.sections] for lang in ("zh", "en")}
    return Text(f"{report.labels.contents.zh}：{'，'.join(headings['zh'])}",
                f"{report.labels.contents.en}: {', '.join(headings['en'])}")


def _on_its_slide(blocks, place: str) -> tuple:
    return tuple(b for b in blocks if rule(b.kind, place).slide == place and not isinstance(b, ParagraphBlock))


def _block_slides(report: Report, place: str, title: Text, blocks, version=None) -> list[SlideSpec]:
    """The slides of a part's blocks that do not stand on the cover or closing slide; with a
    section's slide `version`, one slide of points where its first paragraph stood, for all of
    its paragraphs."""
    specs = []
    paragraphs = tuple(b for b in blocks if isinstance(b, ParagraphBlock))
    for block in blocks:
        if version is not None and isinstance(block, ParagraphBlock):
            if block is paragraphs[0]:
                specs.append(SlideSpec("points", title, paragraphs, title, version))
            continue
        kind = rule(block.kind, place).slide
        if kind == place and not isinstance(block, ParagraphBlock):
            continue
        if kind == place:
            kind = "text"
        if isinstance(block, FigureBlock) and report.figure_by_id[block.figure].kind == "comparison":
            kind = "comparison"
        specs.append(SlideSpec(kind, title, (block,), title))
    return specs


# ---- Sentences -----------------------------------------------------------------------------

SENTENCE_END = {"zh": re.compile(r"(?<=[。！？；])"), "en": re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"‘(*])")}


def sentences(text: str, lang: str) -> list[str]:
    """`text` cut after each sentence; emphasis (**…**) that spans a cut is closed and reopened."""
    pieces = [p.strip() for p in SENTENCE_END[lang].split(text) if p.strip()]
    out, open_ = [], False
    for piece in pieces:
        if open_:
            piece = "**" + piece
        open_ = piece.count("**") % 2 == 1
        out.append(piece + ("**" if open_ else ""))
    return out


def joined(pieces: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(pieces).replace("****", "")


def even_runs(pieces: list[str], count: int) -> list[list[str]]:
    """`pieces` in `count` consecutive runs of about equal length (characters), none empty
    while there are pieces enough."""
    total = sum(len(p) for p in pieces)
    runs: list[list[str]] = []
    current: list[str] = []
    done = 0
    for i, piece in enumerate(pieces):
        wanted = count - len(runs) - 1                 # runs still to start after this one
        late = len(pieces) - i <= wanted               # every piece left must start a run
        past_share = done + len(piece) / 2 > total * (len(runs) + 1) / count
        if current and wanted > 0 and (late or past_share):
            runs.append(current)
            current = []
        current.append(piece)
        done += len(piece)
    runs.append(current)
    return runs + [[] for _ in range(count - len(runs))]
