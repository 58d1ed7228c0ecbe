"""One builder per slide kind (cover, text, cards, figure, comparison, quote, stats, share,
closing).

Every text is set at the deck's one type scale (theme: [slide-type], a size per role and
language): fitting never shrinks text, it chooses how much goes on a slide (a paragraph split at
sentences, cards shared out evenly, a figure in parts). A slide body carries at most the theme's
budget of Chinese characters and English words; a block's optional slide version (an assertion
title and points) stands in for its text, which the notes then carry. Each slide's notes hold
what the slide leaves out. Text that cannot fit even alone on its slide is reported with the
slide, its size and the text, and the deck is not written.
"""
from __future__ import annotations

import io
import math
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Mm

from .. import figures
from ..content.inline import plain
from ..content.model import Report, Text, card_title
from ..editions import Edition
from ..fonts import FontPolicy
from ..theme import Theme
from .figure import add_drawing, drop_style, set_alt
from .plan import SlideSpec, contents, even_runs, joined, sentences
from .text import Para, add_text, deck_colours, natural_width, text_height, write

W, H, MX = 338.666, 190.5, 16.0
BODY_Y, BODY_H = 44.0, 128.0
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
    problems: list[tuple[str, str]] = field(default_factory=list)   # (text as in the data, message)

    def distinct(self, text: Text) -> list[tuple[str, str]]:
        """(lang, text) in the edition's languages, once when both say the same ("AWE")."""
        seen = {}
        for lang in self.edition.langs:
            seen.setdefault(text[lang], lang)
        return [(lang, value) for value, lang in seen.items()]

    @property
    def colours(self) -> dict[str, str]:
        return deck_colours(self.theme)

    def size(self, role: str, index: int) -> float:
        """The type size of `role` for the edition's language at `index` (0: the first)."""
        return self.theme.slide_pt(role, self.edition.langs[index], second=index > 0)

    def paras(self, text: Text, role: str, bold: bool = False, colour: str = "ink", space: float = 0.0,
              align: str = "left", second_colour: str = "muted", accent: str | None = None,
              gap: float = 1.5) -> list[Para]:
        """One paragraph per language of the edition at the role's sizes, the second quieter."""
        out = []
        for lang, value in self.distinct(text):
            i = self.edition.langs.index(lang)
            out.append(Para(value, lang, self.size(role, i), bold, second_colour if i else colour,
                            space if i == 0 else gap, align, accent))
        return out

    def fits(self, paras: list[Para], width: float, height: float) -> bool:
        return text_height(self.policy, paras, width, 1.0) <= height

    def place(self, slide, shapes, paras: list[Para], box, name: str, source: str = "", anchor: str = "top"):
        """`paras` in `box` (mm) at their sizes; when they do not fit, a problem naming the slide
        and quoting the text (its field found from `source`, the text as the data has it)."""
        if not self.fits(paras, box[2], box[3]):
            self.too_long(slide, paras[0], source or paras[0].text)
            return None
        return add_text(shapes, self.policy, self.colours, paras, box, 1.0, name=name, anchor=anchor)

    def too_long(self, slide, para: Para, source: str) -> None:
        number = len(self.deck.slides._sldIdLst)
        self.problems.append((source, f'slide {number} ({slide.slide_layout.name}): text does not fit at '
                                      f'{para.scale:g} pt: "{plain(para.text)[:60]}"'))

    def new_slide(self, kind: str, title: Text, topic: Text, role: str = "title"):
        slide = self.deck.slides.add_slide(self.layouts[kind])
        ink = kind in INK_KINDS
        _title(self, slide, title, ink, role)
        if kind != "cover":
            _footer(self, slide, topic, ink)
        return slide

    def within_budget(self, text: Text) -> bool:
        """Whether a slide body of `text` stays within the theme's characters and words."""
        most_chars, most_words = self.theme.slide_budget
        langs = self.edition.langs
        return (("zh" not in langs or len("".join(plain(text.zh).split())) <= most_chars)
                and ("en" not in langs or len(plain(text.en).split()) <= most_words))


def _title(b: Build, slide, title: Text, ink: bool, role: str) -> None:
    ph = slide.shapes.title
    paras = b.paras(title, role, bold=True, colour="paper" if ink else "ink", second_colour="rule" if ink else "muted",
                    accent="accent-on-ink" if ink else "accent", gap=1.0)
    if not b.fits(paras, ph.width.mm, ph.height.mm):
        b.too_long(slide, paras[0], title[b.edition.primary])
    elif role == "cover-title":
        # set on the lower edge of its box: the box shrinks to the title, so it ends there
        height = text_height(b.policy, paras, ph.width.mm, 1.0)
        left, top, width, full = ph.left, ph.top, ph.width, ph.height
        ph.left, ph.top, ph.width, ph.height = left, Mm(top.mm + full.mm - height), width, Mm(height)
    write(ph.text_frame, b.policy, b.colours, paras, 1.0)


def _footer(b: Build, slide, topic: Text, ink: bool) -> None:
    colour = "rule" if ink else "muted"
    for ph in slide.slide_layout.placeholders:
        kind = ph._element.ph.get("type")
        if kind not in ("ftr", "sldNum"):
            continue
        slide.shapes.clone_placeholder(ph)
        shape = next(s for s in slide.placeholders if s.placeholder_format.idx == ph.placeholder_format.idx)
        size = b.size("footer", 0)
        if kind == "ftr":
            name = b.edition.join(Text(plain(topic.zh), plain(topic.en)))
            write(shape.text_frame, b.policy, b.colours, [Para(name, b.edition.primary, size, colour=colour)], 1.0)
        else:
            _slide_number(b, shape, colour, size)


def _slide_number(b: Build, shape, colour: str, size: float) -> None:
    write(shape.text_frame, b.policy, b.colours, [Para("#", "en", size, colour=colour, align="right")], 1.0)
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


def notes(b: Build, slide, texts) -> None:
    """The speaker notes: each text in the edition's languages, the first language first."""
    paras = [Para(value, lang, 12.0) for text in texts for lang, value in b.distinct(text)]
    write(slide.notes_slide.notes_text_frame, b.policy, b.colours, paras, 1.0)


# ---- Cover and closing ---------------------------------------------------------------------

def cover(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("cover", spec.title, spec.topic, "cover-title")
    meta = b.report.meta
    masthead = [Para(text, lang, b.size("masthead", b.edition.langs.index(lang)), colour="rule")
                for lang, text in b.distinct(meta.masthead)]
    b.place(slide, slide.shapes, masthead, (MX, 14, W - 2 * MX, 16), "masthead", meta.masthead[b.edition.primary])
    b.place(slide, slide.shapes, b.paras(meta.subtitle, "subtitle", colour="paper", second_colour="rule"),
            (MX, 104, W - 2 * MX, 30), "subtitle", meta.subtitle[b.edition.primary])
    for block in spec.blocks:
        _stat_row(b, slide, block, (MX, 138, W - 2 * MX, 39), ink=True)
    notes(b, slide, (contents(b.report),))


def _stat_row(b: Build, slide, block, box, ink: bool) -> None:
    """Stats side by side in `box`: the value large, its label under it."""
    x0, y, w, h = box
    col = w / len(block.items)
    value = b.size("stat-value", 0)
    value_h = text_height(b.policy, [Para("0", "en", value, bold=True)], col, 1.0)
    for i, stat in enumerate(block.items):
        x = x0 + i * col
        b.place(slide, slide.shapes, [Para(stat.value_in(b.edition.primary), "en", value, bold=True, colour="paper" if ink else "accent")],
                (x, y, col - 4, value_h), "stat value", stat.value_in(b.edition.primary))
        b.place(slide, slide.shapes, b.paras(stat.label, "stat-label", colour="paper" if ink else "ink",
                                             second_colour="rule" if ink else "muted", gap=0.5),
                (x, y + value_h + 1, col - 4, h - value_h - 1), "stat label", stat.label[b.edition.primary])


def closing(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("closing", spec.title, spec.topic, "cover-title")
    said: list[Text] = []
    for block in spec.blocks:
        if block.kind == "paragraph":
            b.place(slide, slide.shapes, b.paras(block.text, "body", colour="paper", second_colour="rule"),
                    (MX, 70, W - 2 * MX, 30), "closing text", block.text[b.edition.primary])
            said.append(block.text)
        elif block.kind == "share":
            _share(b, slide, block, ink=True, top=104)
            said += [block.title, block.hint]
    notes(b, slide, (*said, Text(b.report.url, b.report.url)))


def share(b: Build, spec: SlideSpec) -> None:
    """A share block inside a section: its title as the slide's, the QR code with the hint."""
    block = spec.blocks[0]
    slide = b.new_slide("share", block.title, spec.topic)
    _share(b, slide, block, ink=False, top=BODY_Y + 8)
    notes(b, slide, (block.hint, Text(b.report.url, b.report.url)))


def _share(b: Build, slide, block, ink: bool, top: float) -> None:
    import segno

    buffer = io.BytesIO()
    segno.make(b.report.url, error="m").save(buffer, kind="png", scale=12, border=4, dark=b.theme.ink.rgb)
    buffer.seek(0)
    qr = slide.shapes.add_picture(buffer, Mm(MX), Mm(top), Mm(62), Mm(62))
    qr.name = "share QR code"
    set_alt(qr, f"{b.edition.join(block.title)}: {b.report.url}")
    main, second, link = ("paper", "rule", "accent-on-ink") if ink else ("ink", "muted", "accent")
    paras = ((b.paras(block.title, "share-title", bold=True, colour=main, second_colour=second) if ink else [])
             + b.paras(block.hint, "share-body", colour=main, second_colour=second, space=4.0 if ink else 0.0)
             + [Para(b.report.url, "en", b.size("share-body", len(b.edition.langs) - 1), colour=link,
                     space_before_mm=4.0)])
    b.place(slide, slide.shapes, paras, (MX + 72, top, W - 2 * MX - 72, 62), "share",
            block.hint[b.edition.primary], anchor="middle")


# ---- Text ----------------------------------------------------------------------------------

BODY = (MX, BODY_Y, W - 2 * MX, BODY_H)


def text(b: Build, spec: SlideSpec) -> None:
    """A paragraph: its slide version (the notes carry the text), or its text split at
    sentences over as few slides as keep each within the budget and the body."""
    block = spec.blocks[0]
    if block.slide is not None:
        _points(b, spec, block.slide, (block.text,))
        return
    for chunk in _chunks(b, block.text):
        slide = b.new_slide("text", spec.title, spec.topic)
        b.place(slide, slide.shapes, b.paras(chunk, "body", gap=3.0), BODY, "body", block.text[b.edition.primary])
        notes(b, slide, (chunk,))


def _chunks(b: Build, text: Text) -> list[Text]:
    langs = b.edition.langs
    pieces = {lang: sentences(text[lang], lang) for lang in langs}
    most = min(len(p) for p in pieces.values())
    for count in range(1, most + 1):
        runs = {lang: even_runs(pieces[lang], count) for lang in langs}
        chunks = [Text(*(joined(runs[lang][i], lang) if lang in langs else "" for lang in ("zh", "en")))
                  for i in range(count)]
        if all(b.within_budget(c) and b.fits(b.paras(c, "body", gap=3.0), BODY[2], BODY[3]) for c in chunks):
            return chunks
    # the sentences cannot share out within the budget: one slide per sentence group anyway
    runs = {lang: even_runs(pieces[lang], most) for lang in langs}
    return [Text(*(joined(runs[lang][i], lang) if lang in langs else "" for lang in ("zh", "en")))
            for i in range(most)]


POINT_GAP, POINT_INDENT = 5.0, 10.0


def _points(b: Build, spec: SlideSpec, version, left_out: tuple[Text, ...]) -> None:
    """A slide version: the assertion as the title, its points in rows with an accent mark."""
    slide = b.new_slide("text", version.title, spec.topic)
    top, width = BODY_Y + 2, W - 2 * MX
    kept: list[Para] = []
    for i, point in enumerate(version.points):
        paras = [replace(para, indent_mm=POINT_INDENT, bullet=None if j else "accent",
                         space_before_mm=POINT_GAP if i and not j else para.space_before_mm)
                 for j, para in enumerate(b.paras(point, "point", gap=1.0))]
        if top + text_height(b.policy, kept + paras, width - POINT_INDENT, 1.0) > BODY_Y + BODY_H:
            b.too_long(slide, paras[0], point[b.edition.primary])
            break
        kept += paras
    if kept:     # one list in one box: the client spaces the points, however it wraps them
        height = text_height(b.policy, kept, width - POINT_INDENT, 1.0)
        add_text(slide.shapes, b.policy, b.colours, kept, (MX, top, width, height), 1.0, name="points")
    notes(b, slide, left_out)


def quote(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("quote", spec.title, spec.topic)
    block = spec.blocks[0]
    box = (MX + 14, BODY_Y + 8, W - 2 * MX - 28, BODY_H - 16)
    if b.place(slide, slide.shapes, b.paras(block.text, "quote", gap=4.0), box, "quote",
               block.text[b.edition.primary], anchor="middle"):
        _rect(b, slide.shapes, (MX + 4, box[1], 2.0, box[3]), "accent", "quote rule")
    notes(b, slide, (block.text,))


def stats(b: Build, spec: SlideSpec) -> None:
    """A stats block of a section or the closing page: rows of up to four figures."""
    slide = b.new_slide("stats", spec.title, spec.topic)
    block = spec.blocks[0]
    per_row = 4 if len(block.items) > 4 else len(block.items)
    rows = [block.items[i:i + per_row] for i in range(0, len(block.items), per_row)]
    row_h = min(52.0, BODY_H / len(rows))
    top = BODY_Y + (BODY_H - row_h * len(rows)) / 2
    for r, items in enumerate(rows):
        width = (W - 2 * MX) * len(items) / per_row
        _stat_row(b, slide, type(block)(items), (MX, top + r * row_h, width, row_h - 4), ink=False)
    notes(b, slide, tuple(Text(f"{s.value_in('zh')} {s.label.zh}", f"{s.value_in('en')} {s.label.en}") for s in block.items))


# ---- Cards ---------------------------------------------------------------------------------

CARD_PAD, CARD_ICON, CARD_GAP = 4.0, 9.0, 5.0


def cards(b: Build, spec: SlideSpec) -> None:
    """Cards shared out evenly over as few slides as hold them at the type scale and within
    the budget (10 cards, 4 to a slide: 4 + 3 + 3). A region's card shows its summary and the
    notes carry the card's text; a card of its own shows its text. With a slide version the
    block is one slide of points instead, the cards in the notes."""
    block = spec.blocks[0]
    left_out = tuple(t for card in block.items for t in (card_title(b.report, card), card.text))
    if block.slide is not None:
        _points(b, spec, block.slide, left_out)
        return
    items = list(block.items)
    for per_slide in range(min(len(items), 6), 0, -1):
        slides = math.ceil(len(items) / per_slide)
        chunks = _even(items, slides)
        if all(_cards_fit(b, chunk) for chunk in chunks):
            break
    for chunk in chunks:
        slide = b.new_slide("cards", spec.title, spec.topic)
        full = _grid(len(chunk))
        needed = max(_card_height(b, card, box[2]) for card, box in zip(chunk, full))
        for card, box in zip(chunk, _grid(len(chunk), needed)):
            _card(b, slide, card, box)
        notes(b, slide, tuple(t for card in chunk for t in (card_title(b.report, card), card.text)))


def _even(items: list, count: int) -> list[list]:
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        out.append(items[start:end])
        start = end
    return out


def _grid(count: int, card_h: float | None = None):
    """Boxes for `count` cards: one row of up to three, else two rows; as tall as the body
    allows, or `card_h` when the cards need less."""
    cols = count if count <= 3 else math.ceil(count / 2)
    rows = math.ceil(count / cols)
    cw = (W - 2 * MX - (cols - 1) * CARD_GAP) / cols
    ch = (BODY_H - (rows - 1) * CARD_GAP) / rows
    ch = min(ch, card_h) if card_h else ch
    return [(MX + c * (cw + CARD_GAP), BODY_Y + r * (ch + CARD_GAP), cw, ch) for r in range(rows) for c in range(cols)]


def _card_body(b: Build, card) -> Text:
    return b.report.region_by_id[card.region].summary if card.region else card.text


def _card_paras(b: Build, card) -> tuple[list[Para], list[Para]]:
    return (b.paras(card_title(b.report, card), "card-title", bold=True, gap=0.5),
            b.paras(_card_body(b, card), "card-body", space=0.0, gap=1.0))


def _card_height(b: Build, card, width: float) -> float:
    """The height a card needs at its width (mm)."""
    inner_w = width - 2 * CARD_PAD
    icon = card.region and b.report.region_by_id[card.region].icon
    title, body = _card_paras(b, card)
    tag_h = b.size("tag", 0) * 0.3528 * 1.4 + 2.4 if card.region else 0
    return (2 * CARD_PAD + 1.2 + (CARD_ICON + 2.5 if icon else 0) + text_height(b.policy, title, inner_w, 1.0) + 2.5
            + text_height(b.policy, body, inner_w, 1.0) + (tag_h + 3 if tag_h else 0)) + 4.0


def _card_layout(b: Build, card, box):
    """The card's title and body boxes (mm) and its tag's height, or None when they do not fit."""
    x, y, w, h = box
    icon = card.region and b.report.region_by_id[card.region].icon
    inner_w = w - 2 * CARD_PAD
    top = y + CARD_PAD + 1.2 + (CARD_ICON + 2.5 if icon else 0)
    title, body = _card_paras(b, card)
    title_h = text_height(b.policy, title, inner_w, 1.0)
    body_h = text_height(b.policy, body, inner_w, 1.0)
    tag_h = b.size("tag", 0) * 0.3528 * 1.4 + 2.4 if card.region else 0
    if top + title_h + 2.5 + body_h + (tag_h + 3 if tag_h else 0) > y + h - CARD_PAD:
        return None
    return (x + CARD_PAD, top, inner_w, title_h), (x + CARD_PAD, top + title_h + 2.5, inner_w, body_h), tag_h


def _cards_fit(b: Build, chunk) -> bool:
    bodies = Text("".join(plain(_card_body(b, c).zh) for c in chunk), " ".join(plain(_card_body(b, c).en) for c in chunk))
    return b.within_budget(bodies) and all(_card_layout(b, card, box) for card, box in zip(chunk, _grid(len(chunk))))


def _card(b: Build, slide, card, box) -> None:
    x, y, w, h = box
    region = b.report.region_by_id.get(card.region) if card.region else None
    tag = b.report.tag_by_id[region.tag] if region else None
    hue = b.theme.hue_name(b.report.layer_index(tag.layer) if tag and tag.layer else None) if tag else "ink"
    laid = _card_layout(b, card, box)
    if laid is None:
        title, _ = _card_paras(b, card)
        b.too_long(slide, title[0], card.text[b.edition.primary])
        return
    title_box, body_box, tag_h = laid
    group = slide.shapes.add_group_shape()
    group.name = f"card {plain(card_title(b.report, card)[b.edition.primary])}"
    _rect(b, group.shapes, (x, y, w, h), "panel", "card")
    _rect(b, group.shapes, (x, y, w, 1.2), hue, "card rule")
    if region and region.icon:
        icon = group.shapes.add_picture(str(_icon(b, region.icon)), Mm(x + CARD_PAD), Mm(y + CARD_PAD + 1.2),
                                        Mm(CARD_ICON), Mm(CARD_ICON))
        set_alt(icon, b.edition.join(region.place))
    title, body = _card_paras(b, card)
    add_text(group.shapes, b.policy, b.colours, title, title_box, 1.0, name="card title")
    add_text(group.shapes, b.policy, b.colours, body, body_box, 1.0, name="card text")
    if tag:
        label = " ".join(dict.fromkeys(tag.label[lang] for lang in b.edition.langs))
        label_para = Para(label, b.edition.primary, b.size("tag", 0), colour="paper", align="center")
        tag_w = min(w - 2 * CARD_PAD, 4 + natural_width(b.policy, label_para, 1.0))
        chip = (x + CARD_PAD, y + h - CARD_PAD - tag_h, tag_w, tag_h)
        _rect(b, group.shapes, chip, hue, "tag")
        b.place(slide, group.shapes, [label_para], (chip[0] + 1, chip[1], chip[2] - 2, tag_h),
                "tag label", tag.label[b.edition.primary], anchor="middle")
    set_alt(group, b.edition.join(card_title(b.report, card)) + " — " + b.edition.join(_card_body(b, card)))


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


# ---- Figures -------------------------------------------------------------------------------

def figure(b: Build, spec: SlideSpec) -> None:
    """The figure laid out for the slide (figures.slide_parts): whole, or in parts, one slide
    each; its text at the slide's figure sizes; the notes carry the part's full description."""
    fig = b.report.figure_by_id[spec.blocks[0].figure]
    parts = figures.slide_parts(fig, b.report, b.policy, b.theme, b.edition)
    frame, scale = figures.slide_frame(b.theme, b.edition)
    caption = figures.caption(fig, b.report)
    for n, (part, drawing) in enumerate(parts, 1):
        title = caption if len(parts) == 1 else Text(*(f"{caption[lang]} ({n}/{len(parts)})" for lang in ("zh", "en")))
        slide = b.new_slide("comparison" if spec.kind == "comparison" else "figure", title, spec.topic)
        if drawing.height > frame.height:
            b.problems.append((fig.title[b.edition.primary],
                               f"figure {fig.id!r} does not fit a slide with its text at "
                               f"{b.theme.slide_figure_pt[0]:g} pt even in parts: give it fewer or shorter labels"))
        fw, fh = drawing.width * scale, drawing.height * scale
        origin = ((W - fw) / 2, BODY_Y - 2 + (BODY_H - fh) / 2)
        alt = b.edition.join(figures.describe(part, b.report))
        if b.figure_mode == "image":
            from ..figures import paint_mpl

            paint_mpl.setup(b.policy)
            png = paint_mpl.paint(drawing, b.policy, b.theme, b.icon_dir, "png", scale, figures.PNG_DPI)
            picture = slide.shapes.add_picture(io.BytesIO(png), Mm(origin[0]), Mm(origin[1]), Mm(fw), Mm(fh))
            picture.name = f"figure {fig.id}"
            set_alt(picture, alt)
        else:
            add_drawing(slide.shapes, drawing, b.policy, b.colours, b.icon_dir, origin, scale, alt, f"figure {fig.id}")
        notes(b, slide, (figures.describe(part, b.report),))


def points(b: Build, spec: SlideSpec) -> None:
    """A section's slide version for all its paragraphs."""
    _points(b, spec, spec.version, tuple(block.text for block in spec.blocks))


BUILDERS = {"cover": cover, "text": text, "points": points, "cards": cards, "figure": figure, "comparison": figure,
            "quote": quote, "stats": stats, "share": share, "closing": closing}
