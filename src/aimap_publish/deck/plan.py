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

from .. import addresses
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


def plan_slides(report: Report, dividers_from: int = 0) -> list[SlideSpec]:
    """The slides in order: the cover, the agenda (two sections or more), each section (after
    its divider where the report has `dividers_from` sections or more; 0: never), the closing."""
    title = report.meta.title
    specs = [SlideSpec("cover", title, _on_its_slide(report.cover, "cover"), title)]
    specs += _block_slides(report, "cover", title, report.cover)
    if len(report.sections) >= 2:
        specs.append(SlideSpec("agenda", report.labels.contents, tuple(report.sections), title))
    dividers = 0 < dividers_from <= len(report.sections)
    for section in report.sections:
        if dividers:
            specs.append(SlideSpec("divider", section.heading, (section,), section.heading))
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
    its paragraphs. Without one, the paragraphs that have no slide version of their own become
    points made from their lead sentences ("lead"), where the first of them stood."""
    specs = []
    paragraphs = tuple(b for b in blocks if isinstance(b, ParagraphBlock))
    plain_paragraphs = tuple(b for b in paragraphs if b.slide is None)
    for block in blocks:
        if version is not None and isinstance(block, ParagraphBlock):
            if block is paragraphs[0]:
                specs.append(SlideSpec("points", title, paragraphs, title, version))
            continue
        if isinstance(block, ParagraphBlock) and block.slide is None:
            if block is plain_paragraphs[0]:
                specs.append(SlideSpec("lead", title, plain_paragraphs, title))
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


def lead_sections(report: Report) -> list[tuple[int, int]]:
    """(section index, paragraphs) for each section whose slide is made from its paragraphs'
    lead sentences: where a slide version (sections[i].slide) would say it in the writer's words."""
    return [(i, sum(1 for b in section.blocks if isinstance(b, ParagraphBlock) and b.slide is None))
            for i, section in enumerate(report.sections)
            if section.slide is None and any(isinstance(b, ParagraphBlock) and b.slide is None
                                             for b in section.blocks)]


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


# ---- Lead sentences ------------------------------------------------------------------------

CLAUSE_END = {"zh": re.compile(r"(?<=[，；：])|(?=——)"), "en": re.compile(r"(?<=[,;:])\s+|\s+(?=[—–-]\s)")}
STOPS = {"zh": "。！？；，：", "en": ".!?;,:"}


def lead(text: str, lang: str, most: int) -> str:
    """The paragraph's first sentence as a point: whole when within `most` (Chinese characters,
    English words), else its leading clauses that are (when they say something: 40 % of the
    budget), else cut at the last character or word that is, with an ellipsis. Its closing stop is left off; emphasis cut open is closed."""
    first = sentences(text, lang)[0] if text.strip() else ""
    if _length(first, lang) <= most:
        return _closed(_unstopped(first, lang), lang)
    clauses = _clauses(first, lang)
    kept = ""
    for clause in clauses:
        longer = kept + ("" if lang == "zh" or not kept else " ") + clause.strip()
        if _length(longer, lang) > most:
            break
        kept = longer
    if kept and _length(kept, lang) >= most * 0.4:      # a clause, not a fragment ("十五年间")
        return _closed(_unstopped(kept, lang), lang)
    if lang == "zh":
        cut, count = "", 0
        for ch in first:
            count += not ch.isspace() and ch != "*"
            if count > most:
                break
            cut += ch
        inside = next((end for start, end in addresses.spans(first) if start < len(cut) < end), None)
        latin = re.search(r"[A-Za-z0-9][A-Za-z0-9.\-]*$", cut)
        if inside is not None:
            cut = first[:inside]               # an address whole, past the budget ("…/trials", never "…/…")
        elif latin and first[len(cut):len(cut) + 1].isalnum() and latin.start() > 0:
            cut = cut[:latin.start()]          # never inside a Latin word ("Global A…")
    else:
        cut = " ".join(first.split()[:most])
    cut = _unstopped(cut, lang)
    # an ellipsis against an address would read as part of it
    return _closed(cut + (" …" if any(end == len(cut) for _, end in addresses.spans(cut)) else "…"), lang)


def _unstopped(text: str, lang: str) -> str:
    """`text` without the stop (or dash) it ends with, inside or outside a closing emphasis."""
    text = text.rstrip()
    tail = "**" if text.endswith("**") and text.count("**") % 2 == 0 else ""
    body = text[:-2] if tail else text
    return body.rstrip(STOPS[lang] + "—–- ") + tail


def _clauses(sentence: str, lang: str) -> list[str]:
    """The sentence cut at its clause marks, a clause too short to stand alone ("— rather")
    joined to the one after it."""
    pieces = [c for c in CLAUSE_END[lang].split(sentence) if c and c.strip()]
    least = 4 if lang == "zh" else 3
    out: list[str] = []
    carry = ""
    for piece in pieces:
        piece = carry + ("" if lang == "zh" or not carry else " ") + piece.strip() if carry else piece.strip()
        if _length(piece, lang) < least and piece is not pieces[-1]:
            carry = piece
            continue
        carry = ""
        out.append(piece)
    if carry:
        out.append(carry)
    return out


def _length(text: str, lang: str) -> int:
    from ..content.inline import plain as bare
    return len("".join(bare(text).split())) if lang == "zh" else len(bare(text).split())


def _closed(text: str, lang: str) -> str:
    """`text` with an emphasis it opened and did not close closed at its end (before an
    ellipsis), an empty emphasis dropped."""
    if text.count("**") % 2:
        text = text[:-1] + "**…" if text.endswith("…") else text + "**"
    return text.replace("****", "")
