"""One builder per slide kind (cover, text, cards, figure, comparison, quote, closing).

Each builder adds its slide(s) forward, titles them, and puts text where the fitting in
`text.py` says it fits; text that cannot fit at the smallest allowed size is reported with the
slide number and the text, and the deck is not written.
"""
from __future__ import annotations

import io
import math
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Mm

from .. import figures
from ..content.inline import plain
from ..content.model import CardsBlock, FigureBlock, Report, Text
from ..editions import Edition
from ..fonts import FontPolicy
from ..theme import Theme
from .figure import add_drawing, drop_style, set_alt
from ..content.model import card_title
from .plan import SlideSpec
from .text import DoesNotFit, Para, add_text, deck_colours, fit_size, natural_width, write

W, H, MX = 338.666, 190.5, 16.0
BODY_Y, BODY_H = 44.0, 126.0
FOOTER_Y, FOOTER_H = 178.0, 8.0
SECOND = 0.8             # the second language, relative to the first
INK_KINDS = {"cover", "section", "closing"}


@dataclass
class Build:
    deck: object
    layouts: dict
    policy: FontPolicy
    edition: Edition
    report: Report
    icon_dir: Path
    drawn: dict                     # figure id -> figures.FigureFiles
    figure_mode: str                # "native" or "image"
    theme: Theme
    problems: list[tuple[str, str]] = field(default_factory=list)   # (text, message)

    def distinct(self, text: Text) -> list[tuple[str, str]]:
        """(lang, text) in the edition's languages, once when both say the same ("AWE")."""
        seen = {}
        for lang in self.edition.langs:
            seen.setdefault(text[lang], lang)
        return [(lang, value) for value, lang in seen.items()]

    @property
    def min_pt(self) -> float:
        """No text under this on a slide (the theme's slide.min-text): readable from the back."""
        return self.theme.slide_min_pt

    @property
    def colours(self) -> dict[str, str]:
        """Colour token -> RRGGBB, as DrawingML writes colours."""
        return deck_colours(self.theme)

    def paras(self, text: Text, scale: float = 1.0, bold: bool = False, colour: str = "ink",
              space: float = 0.0, align: str = "left", second_colour: str = "muted",
              accent: str | None = None) -> list[Para]:
        """One paragraph per language of the edition, the second smaller and quieter."""
        out = []
        for i, lang in enumerate(self.edition.langs):
            out.append(Para(text[lang], lang, scale * (SECOND if i else 1.0), bold,
                            second_colour if i else colour, space if i == 0 else 1.5, align, accent))
        return out

    def new_slide(self, kind: str, title: Text):
        slide = self.deck.slides.add_slide(self.layouts[kind])
        ink = kind in INK_KINDS
        _title(self, slide, title, ink)
        if kind != "cover":
            _footer(self, slide, ink)
        return slide

    def text(self, slide, shapes, paras: list[Para], box, max_pt: float, min_pt: float | None = None,
             name: str = "", anchor: str = "top"):
        """Fit `paras` into `box` (mm) at the largest size from max_pt down to min_pt and place
        them; when they cannot fit, report the slide and the text instead."""
        try:
            size = fit_size(self.policy, paras, box[2], box[3], max_pt, min_pt or self.min_pt)
        except DoesNotFit:
            self.too_long(slide, paras[0].text)
            return None
        return add_text(shapes, self.policy, self.colours, paras, box, size, name=name, anchor=anchor)

    def too_long(self, slide, text: str) -> None:
        number = len(self.deck.slides._sldIdLst)
        self.problems.append((text, f'slide {number} ({slide.slide_layout.name}): text does not fit at '
                                    f'{self.min_pt:g} pt: "{plain(text)[:60]}"'))


def _title(b: Build, slide, title: Text, ink: bool) -> None:
    ph = slide.shapes.title
    height = ph.height.mm
    paras = b.paras(title, bold=True, colour="paper" if ink else "ink", second_colour="rule" if ink else "muted",
                    accent="accent-on-ink" if ink else "accent")
    big = 40.0 if slide.slide_layout.name == "cover" else 28.0
    try:
        size = fit_size(b.policy, paras, W - 2 * MX, height, big, 18.0)
    except DoesNotFit:
        b.too_long(slide, title[b.edition.primary])
        size = 18.0
    write(ph.text_frame, b.policy, b.colours, paras, size)


def _footer(b: Build, slide, ink: bool) -> None:
    colour = "rule" if ink else "muted"
    for ph in slide.slide_layout.placeholders:
        kind = ph._element.ph.get("type")
        if kind not in ("ftr", "sldNum"):
            continue
        slide.shapes.clone_placeholder(ph)
        shape = next(s for s in slide.placeholders if s.placeholder_format.idx == ph.placeholder_format.idx)
        if kind == "ftr":
            name = b.edition.join(Text(plain(b.report.meta.title.zh), plain(b.report.meta.title.en)))
            write(shape.text_frame, b.policy, b.colours, [Para(name, b.edition.primary, colour=colour)], 10.0)
        else:
            _slide_number(b, shape, colour)


def _slide_number(b: Build, shape, colour: str) -> None:
    write(shape.text_frame, b.policy, b.colours, [Para("#", "en", colour=colour, align="right")], 10.0)
    paragraph = shape.text_frame.paragraphs[0]._p
    run = paragraph.find(qn("a:r"))
    number = str(len(b.deck.slides._sldIdLst))
    field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{b.report.id}/slide/{number}")).upper() + "}"
    fld = paragraph.makeelement(qn("a:fld"), {"id": field_id, "type": "slidenum"})
    fld.append(run.find(qn("a:rPr")))
    text = fld.makeelement(qn("a:t"), {})
    text.text = number
    fld.append(text)
    paragraph.replace(run, fld)


def notes(b: Build, slide, texts: tuple[Text, ...]) -> None:
    paras = [p for text in texts for p in b.paras(text)]
    write(slide.notes_slide.notes_text_frame, b.policy, b.colours, paras, 12.0)


# ---- Slide kinds -------------------------------------------------------------------------

def cover(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("cover", spec.title)
    meta = b.report.meta
    masthead = [Para(text, lang, colour="rule") for lang, text in b.distinct(meta.masthead)]
    b.text(slide, slide.shapes, masthead, (MX, 14, W - 2 * MX, 8 + 8 * len(masthead)), 14.0, name="masthead")
    b.text(slide, slide.shapes, b.paras(meta.subtitle, colour="paper", second_colour="rule"),
           (MX, 124, W - 2 * MX, 22), 18.0, b.min_pt / SECOND, name="subtitle")
    for block in spec.blocks:
        _stat_row(b, slide, block, (MX, 148, W - 2 * MX, 38), ink=True)
    notes(b, slide, spec.notes)


def _stat_row(b: Build, slide, block, box, ink: bool) -> None:
    """Stats side by side in `box`: the value large, its label under it."""
    x0, y, w, h = box
    col = w / len(block.items)
    value_h = min(18.0, h * 0.45)
    for i, stat in enumerate(block.items):
        x = x0 + i * col
        b.text(slide, slide.shapes, [Para(stat.value, "en", bold=True, colour="paper" if ink else "accent")],
               (x, y, col - 4, value_h), 40.0, 24.0, name="stat value")
        b.text(slide, slide.shapes, b.paras(stat.label, colour="paper" if ink else "ink",
                                            second_colour="rule" if ink else "muted"),
               (x, y + value_h + 1, col - 4, h - value_h - 1), b.min_pt / SECOND, name="stat label")


def stats(b: Build, spec: SlideSpec) -> None:
    """A stats block of a section or the closing page: rows of up to four figures."""
    slide = b.new_slide("stats", spec.title)
    block = spec.blocks[0]
    per_row = 4 if len(block.items) > 4 else len(block.items)
    rows = [block.items[i:i + per_row] for i in range(0, len(block.items), per_row)]
    row_h = min(52.0, BODY_H / len(rows))
    top = BODY_Y + (BODY_H - row_h * len(rows)) / 2
    for r, items in enumerate(rows):
        width = (W - 2 * MX) * len(items) / per_row
        _stat_row(b, slide, type(block)(items), (MX, top + r * row_h, width, row_h - 4), ink=False)
    notes(b, slide, spec.notes)


def text(b: Build, spec: SlideSpec) -> None:
    """Paragraphs, as many to a slide as fit at 14 pt or more; more slides when they do not."""
    groups, current = [], []
    for block in spec.blocks:
        trial = current + [block]
        if current and not _fits(b, _paragraph_paras(b, trial)):
            groups.append(current)
            trial = [block]
        current = trial
    groups.append(current)
    for group in groups:
        slide = b.new_slide("text", spec.title)
        paras = _paragraph_paras(b, group)
        try:
            size = fit_size(b.policy, paras, W - 2 * MX, BODY_H, 30.0, b.min_pt / SECOND)
        except DoesNotFit:
            b.too_long(slide, group[0].text[b.edition.primary])
            continue
        add_text(slide.shapes, b.policy, b.colours, paras, (MX, BODY_Y, W - 2 * MX, BODY_H), size, name="body")
        notes(b, slide, spec.notes)


def _paragraph_paras(b: Build, blocks) -> list[Para]:
    return [p for i, block in enumerate(blocks) for p in b.paras(block.text, space=6.0 if i else 0.0)]


def _fits(b: Build, paras) -> bool:
    try:
        fit_size(b.policy, paras, W - 2 * MX, BODY_H, b.min_pt / SECOND, b.min_pt / SECOND)
        return True
    except DoesNotFit:
        return False


def cards(b: Build, spec: SlideSpec) -> None:
    items = [card for block in spec.blocks if isinstance(block, CardsBlock) for card in block.items]
    per_slide = next((n for n in (6, 4, 3, 2, 1) if n <= len(items) and _cards_fit(b, items, n)), 1)
    for start in range(0, len(items), per_slide):
        slide = b.new_slide("cards", spec.title)
        chunk = items[start:start + per_slide]
        cols = min(len(chunk), 3 if per_slide != 4 else 2)
        rows = math.ceil(len(chunk) / cols)
        boxes = _grid(cols, rows)
        try:
            size = min(_card_size(b, card, box) for card, box in zip(chunk, boxes))
        except DoesNotFit:
            b.too_long(slide, chunk[0].text[b.edition.primary])
            continue
        for card, box in zip(chunk, boxes):
            _card(b, slide, card, box, size)
        notes(b, slide, spec.notes)


def _grid(cols: int, rows: int, gap: float = 5.0):
    cw = (W - 2 * MX - (cols - 1) * gap) / cols
    ch = (BODY_H + 2 - (rows - 1) * gap) / rows
    return [(MX + c * (cw + gap), BODY_Y + r * (ch + gap), cw, ch) for r in range(rows) for c in range(cols)]


CARD_PAD, CARD_ICON, CARD_TAG = 4.0, 9.0, 10.5


def _card_paras(b: Build, card) -> list[Para]:
    title = card_title(b.report, card)
    return b.paras(title, bold=True) + b.paras(card.text, space=2.5)


def _card_text_box(b: Build, card, box):
    x, y, w, h = box
    top = CARD_PAD + (CARD_ICON + 2.5 if card.region and b.report.region_by_id[card.region].icon else 0)
    bottom = CARD_PAD + (CARD_TAG + 2.0 if card.region else 0)
    return x + CARD_PAD, y + top, w - 2 * CARD_PAD, h - top - bottom


def _card_size(b: Build, card, box) -> float:
    _, _, w, h = _card_text_box(b, card, box)
    return fit_size(b.policy, _card_paras(b, card), w, h, 24.0, b.min_pt / SECOND)


def _cards_fit(b: Build, items, n: int) -> bool:
    cols = min(n, 3 if n != 4 else 2)
    boxes = _grid(cols, math.ceil(n / cols))
    try:
        for start in range(0, len(items), n):
            for card, box in zip(items[start:start + n], boxes):
                _card_size(b, card, box)
        return True
    except DoesNotFit:
        return False


def _card(b: Build, slide, card, box, size: float) -> None:
    x, y, w, h = box
    region = b.report.region_by_id.get(card.region) if card.region else None
    tag = b.report.tag_by_id[region.tag] if region else None
    hue = b.theme.hue_name(b.report.layer_index(tag.layer) if tag and tag.layer else None) if tag else "ink"
    group = slide.shapes.add_group_shape()
    group.name = f"card {plain(card_title(b.report, card)[b.edition.primary])}"
    _rect(b, group.shapes, (x, y, w, h), "panel", "card")
    _rect(b, group.shapes, (x, y, w, 1.2), hue, "card rule")
    if region and region.icon:
        icon = group.shapes.add_picture(str(_icon(b, region.icon)), Mm(x + CARD_PAD), Mm(y + CARD_PAD),
                                        Mm(CARD_ICON), Mm(CARD_ICON))
        set_alt(icon, b.edition.join(region.place))
    add_text(group.shapes, b.policy, b.colours, _card_paras(b, card), _card_text_box(b, card, box), size, name="card text")
    if tag:
        label = " ".join(dict.fromkeys(tag.label[lang] for lang in b.edition.langs))
        label_para = Para(label, b.edition.primary, colour="paper", align="center")
        tag_w = min(w - 2 * CARD_PAD, 4 + natural_width(b.policy, label_para, b.min_pt))
        chip = (x + CARD_PAD, y + h - CARD_PAD - CARD_TAG, tag_w, CARD_TAG)
        _rect(b, group.shapes, chip, hue, "tag")
        b.text(slide, group.shapes, [label_para],
               (chip[0] + 1, chip[1] + 0.6, chip[2] - 2, CARD_TAG - 0.6), b.min_pt, name="tag label")
    set_alt(group, b.edition.join(card_title(b.report, card)) + " — " + b.edition.join(card.text))


def _rect(b: Build, shapes, box, colour: str, name: str):
    x, y, w, h = box
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, Mm(x), Mm(y), Mm(w), Mm(h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(b.colours[colour])
    shape.line.fill.background()
    drop_style(shape)
    return shape


def _icon(b: Build, icon: str) -> Path:
    from ..fonts import icon_image
    return icon_image(icon, b.policy, b.icon_dir)


def figure(b: Build, spec: SlideSpec) -> None:
    block = next(block for block in spec.blocks if isinstance(block, FigureBlock))
    fig = b.report.figure_by_id[block.figure]
    slide = b.new_slide("comparison" if spec.kind == "comparison" else "figure", figures.caption(fig, b.report))
    drawn = b.drawn[fig.id]
    scale = figures.slide_scale(drawn.drawing, b.theme)
    box_w, box_h = b.theme.slide_figure_mm
    fw, fh = drawn.drawing.width * scale, drawn.drawing.height * scale
    origin = ((W - fw) / 2, 40.0 + (box_h - fh) / 2)
    alt = b.edition.join(figures.describe(fig, b.report))
    if b.figure_mode == "image":
        picture = slide.shapes.add_picture(str(drawn.png), Mm(origin[0]), Mm(origin[1]), Mm(fw), Mm(fh))
        picture.name = f"figure {fig.id}"
        set_alt(picture, alt)
    else:
        add_drawing(slide.shapes, drawn.drawing, b.policy, b.colours, b.icon_dir, origin, scale, alt, f"figure {fig.id}")
    notes(b, slide, spec.notes)


def quote(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("quote", spec.title)
    block = spec.blocks[0]
    box = (MX + 14, BODY_Y + 8, W - 2 * MX - 28, BODY_H - 16)
    paras = b.paras(block.text, space=0.0)
    paras = [Para(p.text, p.lang, p.scale * (0.85 if i else 1.0), p.bold, p.colour, 4.0 if i else 0.0)
             for i, p in enumerate(paras)]
    try:
        size = fit_size(b.policy, paras, box[2], box[3], 30.0, b.min_pt / (SECOND * 0.85))
    except DoesNotFit:
        b.too_long(slide, block.text[b.edition.primary])
        return
    _rect(b, slide.shapes, (MX + 4, box[1], 2.0, box[3]), "accent", "quote rule")
    add_text(slide.shapes, b.policy, b.colours, paras, box, size, name="quote", anchor="middle")
    notes(b, slide, spec.notes)


def closing(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("closing", spec.title)
    for block in spec.blocks:
        _share(b, slide, block, ink=True)
    notes(b, slide, spec.notes)


def share(b: Build, spec: SlideSpec) -> None:
    """A share block inside a section: the QR code and its words on a light slide."""
    slide = b.new_slide("share", spec.title)
    _share(b, slide, spec.blocks[0], ink=False)
    notes(b, slide, spec.notes)


def _share(b: Build, slide, block, ink: bool) -> None:
    import segno

    buffer = io.BytesIO()
    segno.make(b.report.url, error="m").save(buffer, kind="png", scale=12, border=4, dark=b.theme.ink.rgb)
    buffer.seek(0)
    qr = slide.shapes.add_picture(buffer, Mm(MX), Mm(92 if ink else 60), Mm(62), Mm(62))
    qr.name = "share QR code"
    set_alt(qr, f"{b.edition.join(block.title)}: {b.report.url}")
    main, second, link = ("paper", "rule", "accent-on-ink") if ink else ("ink", "muted", "accent")
    paras = (b.paras(block.title, bold=True, colour=main, second_colour=second)
             + b.paras(block.hint, colour=main, second_colour=second, space=3.0)
             + [Para(b.report.url, "en", colour=link, space_before_mm=4.0)])
    b.text(slide, slide.shapes, paras, (MX + 72, 96 if ink else 64, W - 2 * MX - 72, 56), 22.0, name="share")


BUILDERS = {"cover": cover, "text": text, "cards": cards, "figure": figure, "comparison": figure,
            "quote": quote, "stats": stats, "share": share, "closing": closing}
