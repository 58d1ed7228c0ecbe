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

from .. import figures, fitting
from ..content.inline import plain
from ..content.model import Report, Text, card_title
from ..editions import Edition
from ..fonts import FontPolicy
from ..theme import Theme
from .figure import add_drawing, drop_style, set_alt
from .package import Growing
from .plan import SlideSpec, contents
from .plan import lead as lead_point
from ..figures.shapes import even_parts
from ..fonts import PT_TO_MM, text_width
from .text import BOTTOM_SLACK, LINE, WIDTH_SLACK, Para, add_text, add_value, deck_colours, natural_width, text_height, write

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
    writing: bool = True            # False: only laid out to find what does not fit (`check`)
    problems: list[tuple[str, str]] = field(default_factory=list)   # (text as in the data, message)
    growing: Growing = field(init=False)

    def __post_init__(self):
        self.growing = Growing(self.deck)

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
                            space if i == 0 else gap, align, accent, role=role))
        return out

    def ladder(self, paras: list[Para]):
        """`paras` at their sizes, then a step smaller at a time, each role down to its floor
        in the theme (a role not stepped keeps its size)."""
        steps = [self.theme.slide_steps(p.role, p.lang, second=p.lang != self.edition.primary) if p.role
                 else (p.scale,) for p in paras]
        for k in range(max(len(s) for s in steps)):
            yield [replace(p, scale=min(p.scale, s[min(k, len(s) - 1)])) for p, s in zip(paras, steps)]

    def sized(self, paras: list[Para], width: float, height: float) -> list[Para] | None:
        """The first rung of `paras`' ladder that fits the box, or None."""
        return next((rung for rung in self.ladder(paras) if self.fits(rung, width, height)), None)

    def fits(self, paras: list[Para], width: float, height: float) -> bool:
        return text_height(self.policy, paras, width, 1.0) <= height

    def place(self, slide, shapes, paras: list[Para], box, name: str, source: str = "", anchor: str = "top"):
        """`paras` in `box` (mm) at their sizes; when they do not fit, a problem naming the slide
        and quoting the text (its field found from `source`, the text as the data has it)."""
        sized = self.sized(paras, box[2], box[3])
        if sized is None:
            self.too_long(slide, paras[0], source or paras[0].text)
            return None
        return self.set_text(shapes, sized, box, name, anchor)

    def set_text(self, shapes, paras: list[Para], box, name: str, anchor: str = "top"):
        """A text box of `paras` at `box` (mm); a deck only laid out has its texts measured, not set."""
        if not self.writing:
            return box
        return add_text(shapes, self.policy, self.colours, paras, box, 1.0, name=name, anchor=anchor)

    def too_long(self, slide, para: Para, source: str) -> None:
        number = self.growing.count
        floor = list(self.ladder([para]))[-1][0].scale
        where = f" (theme: slide-type-floor.{para.role})" if para.role else ""
        self.problems.append((source, f'slide {number} ({slide.slide_layout.name}): text does not fit even at '
                                      f'{floor:g} pt: "{plain(para.text)[:60]}": shorten it{where}'))

    def new_slide(self, kind: str, title: Text, topic: Text, role: str = "title", room: float | None = None):
        """A slide of `kind` with its title (sized to `room` mm of height where it can be)."""
        slide = self.growing.add_slide(self.layouts[kind])
        ink = kind in INK_KINDS
        _title(self, slide, title, ink, role, room)
        if kind != "cover" and self.writing:          # the footer is set, never fitted
            _footer(self, slide, topic, ink)
        return slide

    def within_budget(self, text: Text) -> bool:
        """Whether a slide body of `text` stays within the theme's characters and words."""
        most_chars, most_words = self.theme.slide_budget
        langs = self.edition.langs
        return (("zh" not in langs or len("".join(plain(text.zh).split())) <= most_chars)
                and ("en" not in langs or len(plain(text.en).split()) <= most_words))


def _title(b: Build, slide, title: Text, ink: bool, role: str, room: float | None = None) -> None:
    ph = slide.shapes.title
    paras = b.paras(title, role, bold=True, colour="paper" if ink else "ink", second_colour="rule" if ink else "muted",
                    accent="accent-on-ink" if ink else "accent", gap=1.0)
    width, height = ph.width.mm, ph.height.mm       # inherited from the layout: looked up once
    paras = (room is not None and b.sized(paras, width, min(room, height))) or b.sized(paras, width, height) or paras
    if not b.fits(paras, width, height):
        b.too_long(slide, paras[0], title[b.edition.primary])
    elif role == "cover-title":
        # set on the lower edge of its box: the box shrinks to the title, so it ends there
        height = text_height(b.policy, paras, width, 1.0)
        left, top, width, full = ph.left, ph.top, ph.width, ph.height
        ph.left, ph.top, ph.width, ph.height = left, Mm(top.mm + full.mm - height), width, Mm(height)
    if b.writing:
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
            # both languages on the footer's one line, else the first language alone
            name = b.edition.join(Text(plain(topic.zh), plain(topic.en)))
            if natural_width(b.policy, Para(name, b.edition.primary, size), 1.0) > shape.width.mm * WIDTH_SLACK:
                name = plain(topic[b.edition.primary])
            write(shape.text_frame, b.policy, b.colours, [Para(name, b.edition.primary, size, colour=colour)], 1.0)
        else:
            _slide_number(b, shape, colour, size)


def _slide_number(b: Build, shape, colour: str, size: float) -> None:
    write(shape.text_frame, b.policy, b.colours, [Para("#", "en", size, colour=colour, align="right")], 1.0)
    paragraph = shape.text_frame.paragraphs[0]._p
    run = paragraph.find(qn("a:r"))
    number = str(b.growing.count)
    field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{b.report.id}/slide/{number}")).upper() + "}"
    fld = paragraph.makeelement(qn("a:fld"), {"id": field_id, "type": "slidenum"})
    fld.append(run.find(qn("a:rPr")))
    text = fld.makeelement(qn("a:t"), {})
    text.text = number
    fld.append(text)
    paragraph.replace(run, fld)


def notes(b: Build, slide, texts) -> None:
    """The speaker notes: each text in the edition's languages, the first language first (not
    fitted: a deck only laid out has none)."""
    if not b.writing:
        return
    paras = [Para(value, lang, 12.0) for text in texts for lang, value in b.distinct(text)]
    write(b.growing.notes_frame(slide), b.policy, b.colours, paras, 1.0)


# ---- Cover and closing ---------------------------------------------------------------------

COVER_STATS = (138.0, 39.0)          # top and height of the cover's stats
COVER_SHIFTS = (0.0, 15.0, 30.0)     # how far the title and subtitle may rise to give them room
MASTHEAD_TOP, MASTHEAD_GAP = 14.0, 4.0
COVER_TITLE_FOOT = 100.0            # where the cover's title ends before it rises (master.TITLE_BOX)


def cover(b: Build, spec: SlideSpec) -> None:
    """Masthead, title, subtitle and the stats under them; stats that need more room than a
    row take it from above: the title and subtitle rise (the fitting's layouts first)."""
    shift = _cover_shift(b, spec.blocks)
    meta = b.report.meta
    masthead = [Para(text, lang, b.size("masthead", b.edition.langs.index(lang)), colour="rule")
                for lang, text in b.distinct(meta.masthead)]
    # the title rises no higher than a gap under the masthead: it steps down its sizes to stay
    # under it, and where even its smallest does not, it rises less (the stats' ladder takes the rest)
    masthead_bottom = MASTHEAD_TOP + text_height(b.policy, masthead, W - 2 * MX, 1.0) + MASTHEAD_GAP
    slide = b.new_slide("cover", spec.title, spec.topic, "cover-title", room=COVER_TITLE_FOOT - shift - masthead_bottom)
    shift = max(0.0, min(shift, slide.shapes.title.top.mm - masthead_bottom))
    if shift:
        slide.shapes.title.top = Mm(slide.shapes.title.top.mm - shift)
    b.place(slide, slide.shapes, masthead, (MX, MASTHEAD_TOP, W - 2 * MX, 16), "masthead",
            meta.masthead[b.edition.primary])
    b.place(slide, slide.shapes, b.paras(meta.subtitle, "subtitle", colour="paper", second_colour="rule"),
            (MX, 104 - shift, W - 2 * MX, 30), "subtitle", meta.subtitle[b.edition.primary])
    top, height = COVER_STATS
    for block in spec.blocks:
        _stat_row(b, slide, block, (MX, top - shift, W - 2 * MX, height + shift), ink=True)
    # the talk track of the cover: the subtitle and each stat with its label (the agenda says
    # the contents)
    notes(b, slide, (meta.subtitle, *(_stat_line(stat) for block in spec.blocks for stat in block.items)))


def _stat_line(stat) -> Text:
    return Text(f"{stat.value_in('zh')} {stat.label.zh}", f"{stat.value_in('en')} {stat.label.en}")


def _cover_shift(b: Build, blocks) -> float:
    """The smallest rise of the title that lets the cover's stats fit (the last: they do not)."""
    width, height = W - 2 * MX, COVER_STATS[1]
    for shift in COVER_SHIFTS:
        if all(fitting.fit_stats(len(block.items), _stats_frame(b, block.items, width, height + shift))
               for block in blocks):
            return shift
    return COVER_SHIFTS[-1]


STAT_GAP_X, STAT_GAP_Y = 6.0, 5.0


def _stat_row(b: Build, slide, block, box, ink: bool, middle: bool = False) -> None:
    """Stats in `box`, each value large with its unit smaller beside it and its label under it,
    laid out by the fitting's ladder: one row, then two balanced rows, then a column, then
    smaller sizes down to the theme's floor; the block is refused only where the floor fails."""
    x0, y0, w, h = box
    items = block.items
    fit = fitting.fit_stats(len(items), _stats_frame(b, items, w, h))
    if fit is None:
        b.problems.append((items[0].value_in(b.edition.primary),
                           f"slide {b.growing.count}: {len(items)} stats do not fit even in a column at "
                           f"{b.theme.slide_steps('stat-value', 'en')[-1]:g} pt: give shorter values or labels, or "
                           f"fewer stats (theme: slide-type-floor.stat-value)"))
        return
    col_w = (w - (fit.columns - 1) * STAT_GAP_X) / fit.columns
    frame = _stats_frame(b, items, w, h)
    rows = [items[r * fit.columns:(r + 1) * fit.columns] for r in range(fit.rows(len(items)))]
    heights = [frame.value_height(fit.value_pt)
               + max(frame.label_height(r * fit.columns + i, col_w, fit.label_pt, fit.second) for i in range(len(row)))
               for r, row in enumerate(rows)]
    y = y0 + ((h - sum(heights) - STAT_GAP_Y * (len(rows) - 1)) / 2 if middle else 0.0)
    for row, row_h in zip(rows, heights):
        for i, stat in enumerate(row):
            x = x0 + i * (col_w + STAT_GAP_X)
            value_h = frame.value_height(fit.value_pt)
            if b.writing:
                add_value(slide.shapes, b.policy, b.colours, fitting.value_pieces(stat.value_in(b.edition.primary)),
                          (x, y, col_w, value_h), fit.value_pt, "paper" if ink else "accent", "stat value",
                          b.theme.on_scale)
            b.set_text(slide.shapes, _stat_label(b, stat, fit.label_pt, ink)[:None if fit.second else 1],
                       (x, y + value_h, col_w, row_h - value_h), "stat label")
        y += row_h + STAT_GAP_Y


def _stat_label(b: Build, stat, size: float, ink: bool) -> list[Para]:
    """The stat's label at the fitted size (the second language at its own size, never larger)."""
    paras = b.paras(stat.label, "stat-label", colour="paper" if ink else "ink",
                    second_colour="rule" if ink else "muted", gap=0.5)
    return [replace(p, scale=size if i == 0 else min(p.scale, size)) for i, p in enumerate(paras)]


def _stats_frame(b: Build, items, width: float, height: float) -> fitting.StatsFrame:
    lang = b.edition.primary

    def value_width(i: int, size: float) -> float:
        return fitting.value_width(items[i].value_in(lang), size,
                                   lambda text, pt: text_width(b.policy, text, "en", pt, bold=True)) / WIDTH_SLACK

    def label_height(i: int, col_w: float, size: float, second: bool) -> float:
        return text_height(b.policy, _stat_label(b, items[i], size, False)[:None if second else 1], col_w, 1.0)

    return fitting.StatsFrame(width, height, STAT_GAP_X, STAT_GAP_Y, b.theme.slide_steps("stat-value", "en"),
                              b.theme.slide_steps("stat-label", lang), value_width,
                              lambda size: size * PT_TO_MM * (LINE["en"] + BOTTOM_SLACK), label_height, detail=True)


CLOSING_TOP, CLOSING_FOOT = 70.0, 177.0     # the closing's body, under its title
QR_MM, QR_MIN_MM = 62.0, 40.0              # the QR code's size, and the smallest a phone reads well from a seat


def closing(b: Build, spec: SlideSpec) -> None:
    """Its paragraphs stacked under the title, each at the body size or a step smaller, the
    share block (QR code and hint) under them, the QR smaller where they need the room; a
    paragraph for which no room is left goes to the notes (the notes carry every text)."""
    slide = b.new_slide("closing", spec.title, spec.topic, "cover-title")
    said: list[Text] = []
    shares = [block for block in spec.blocks if block.kind == "share"]
    y, width = CLOSING_TOP, W - 2 * MX
    for block in (block for block in spec.blocks if block.kind == "paragraph"):
        room = CLOSING_FOOT - y - (QR_MIN_MM + 4 if shares else 0)
        sized = b.sized(b.paras(block.text, "body", colour="paper", second_colour="rule"), width, room)
        if sized is not None:
            height = text_height(b.policy, sized, width, 1.0)
            b.set_text(slide.shapes, sized, (MX, y, width, height), "closing text")
            y += height + 4
        said.append(block.text)
    y = max(y, CLOSING_TOP + 34)           # with a short text, the share block stands where it always does
    for block in shares:
        _share(b, slide, block, ink=True, top=y, size=min(QR_MM, CLOSING_FOOT - y), height=CLOSING_FOOT - y)
        said += [block.title, block.hint]
    notes(b, slide, (*said, Text(b.report.url, b.report.url)))


def share(b: Build, spec: SlideSpec) -> None:
    """A share block inside a section: its title as the slide's, the QR code with the hint."""
    block = spec.blocks[0]
    slide = b.new_slide("share", block.title, spec.topic)
    _share(b, slide, block, ink=False, top=BODY_Y + 8)
    notes(b, slide, (block.hint, Text(b.report.url, b.report.url)))


def _share(b: Build, slide, block, ink: bool, top: float, size: float = QR_MM, height: float | None = None) -> None:
    """The QR code, `size` mm square at `top`, and beside it the title, hint and address, in a
    box as tall as the QR code or, given, `height` (the room down to the slide's foot)."""
    import segno

    buffer = io.BytesIO()
    segno.make(b.report.url, error="m").save(buffer, kind="png", scale=12, border=4, dark=b.theme.ink.rgb)
    buffer.seek(0)
    qr = slide.shapes.add_picture(buffer, Mm(MX), Mm(top), Mm(size), Mm(size))
    qr.name = "share QR code"
    set_alt(qr, f"{b.edition.join(block.title)}: {b.report.url}")
    main, second, link = ("paper", "rule", "accent-on-ink") if ink else ("ink", "muted", "accent")
    title = b.paras(block.title, "share-title", bold=True, colour=main, second_colour=second) if ink else []
    hint = b.paras(block.hint, "share-body", colour=main, second_colour=second, space=4.0 if ink else 0.0)
    address = [Para(b.report.url, "en", b.size("share-body", len(b.edition.langs) - 1), colour=link,
                    space_before_mm=4.0)]
    box = (MX + size + 10, top, W - 2 * MX - size - 10, max(size, height or size))
    # the ladder of detail beside the QR code: everything, then without the address, then the
    # hint in its first language only, then the title alone (the notes carry all of it)
    rungs = [title + hint + address, title + hint, title + hint[:1]] + ([title] if title else [])
    paras = next((rung for rung in rungs if b.sized(rung, box[2], box[3]) is not None), rungs[-1])
    b.place(slide, slide.shapes, paras, box, "share", block.hint[b.edition.primary], anchor="middle")


# ---- Text ----------------------------------------------------------------------------------

BODY = (MX, BODY_Y, W - 2 * MX, BODY_H)


def text(b: Build, spec: SlideSpec) -> None:
    """A paragraph with a slide version of its own: its points (the notes carry the text). A
    paragraph without one is among its part's lead points (`lead`)."""
    block = spec.blocks[0]
    _points(b, spec, block.slide, (block.text,))


POINT_GAP, POINT_INDENT = 5.0, 10.0
POINTS_PER_SLIDE = 4


def _points(b: Build, spec: SlideSpec, version, left_out: tuple[Text, ...]) -> None:
    """A slide version: the assertion as the title, its points in rows with an accent mark."""
    _point_slide(b, version.title, spec.topic, list(version.points), left_out)


def _point_paras(b: Build, points: list[Text]) -> list[Para]:
    return [replace(para, indent_mm=POINT_INDENT, bullet=None if j else "accent",
                    space_before_mm=POINT_GAP if i and not j else para.space_before_mm)
            for i, point in enumerate(points) for j, para in enumerate(b.paras(point, "point", gap=1.0))]


def _points_fit(b: Build, points: list[Text]) -> list[Para] | None:
    """The points as paragraphs at the first rung of their ladder that the body holds, or None."""
    return b.sized(_point_paras(b, points), W - 2 * MX - POINT_INDENT, BODY_H - 4)


def _point_slide(b: Build, title: Text, topic: Text, points: list[Text], left_out: tuple[Text, ...]) -> None:
    """Points in rows with an accent mark, one list in one box (the client spaces the points,
    however it wraps them), at the first rung of their ladder that the body holds, set in the
    middle of the body; a point that does not fit even at the floor is reported."""
    slide = b.new_slide("text", title, topic)
    width = W - 2 * MX
    kept = _points_fit(b, points)
    if kept is None:
        paras = _point_paras(b, points)
        b.too_long(slide, paras[0], points[-1][b.edition.primary])
        kept = paras
    height = text_height(b.policy, kept, width - POINT_INDENT, 1.0)
    top = BODY_Y + max(0.0, (BODY_H - height) / 2 - 4)
    b.set_text(slide.shapes, kept, (MX, top, width, height), "points")
    notes(b, slide, left_out)


def lead(b: Build, spec: SlideSpec) -> None:
    """Paragraphs without a slide version: a point from each one's lead sentence (plan.lead:
    cut at a clause to the theme's point budget, never rewritten), four to a slide at most, in
    as few slides as hold them; the notes carry the paragraphs in full."""
    most_zh, most_en = b.theme.point_budget
    points = [Text(lead_point(p.text.zh, "zh", most_zh), lead_point(p.text.en, "en", most_en))
              for p in spec.blocks]
    texts = [p.text for p in spec.blocks]
    least = math.ceil(len(points) / POINTS_PER_SLIDE)
    count = next((n for n in range(least, len(points) + 1)
                  if all(_points_fit(b, list(part)) for part in even_parts(tuple(points), n))), len(points))
    start = 0
    for part in even_parts(tuple(points), count):
        _point_slide(b, spec.title, spec.topic, list(part), tuple(texts[start:start + len(part)]))
        start += len(part)


def quote(b: Build, spec: SlideSpec) -> None:
    slide = b.new_slide("quote", spec.title, spec.topic)
    block = spec.blocks[0]
    box = (MX + 14, BODY_Y + 8, W - 2 * MX - 28, BODY_H - 16)
    if b.place(slide, slide.shapes, b.paras(block.text, "quote", gap=4.0), box, "quote",
               block.text[b.edition.primary], anchor="middle") and b.writing:
        _rect(b, slide.shapes, (MX + 4, box[1], 2.0, box[3]), "accent", "quote rule")
    notes(b, slide, (block.text,))


def stats(b: Build, spec: SlideSpec) -> None:
    """A stats block of a section or the closing page, laid out by the fitting's ladder in the
    slide's body, centred in it."""
    slide = b.new_slide("stats", spec.title, spec.topic)
    block = spec.blocks[0]
    _stat_row(b, slide, block, (MX, BODY_Y, W - 2 * MX, BODY_H), ink=False, middle=True)
    notes(b, slide, tuple(_stat_line(s) for s in block.items))


# ---- Cards ---------------------------------------------------------------------------------

CARD_PAD, CARD_ICON, CARD_GAP = 4.0, 9.0, 5.0


def cards(b: Build, spec: SlideSpec) -> None:
    """Cards shared out evenly over as few slides as hold them at the type scale and within
    the budget (10 cards, 4 to a slide: 4 + 3 + 3), six at most. A card shows its title and one
    line (`_card_body`); the notes carry the cards in full. With a slide version the block is one
    slide of points instead, the cards in the notes."""
    block = spec.blocks[0]
    left_out = tuple(t for card in block.items for t in (card_title(b.report, card), card.text))
    if block.slide is not None:
        _points(b, spec, block.slide, left_out)
        return
    items = list(block.items)
    chunks, style = _card_slides(b, items)
    for chunk in chunks:
        slide = b.new_slide("cards", spec.title, spec.topic)
        full = _grid(len(chunk))
        needed = max(_card_height(b, card, box[2], style) for card, box in zip(chunk, full))
        for card, box in zip(chunk, _grid(len(chunk), needed)):
            _card(b, slide, card, box, style)
        notes(b, slide, tuple(t for card in chunk for t in (card_title(b.report, card), card.text,
                                                            *_tag_note(b, card, style))))


@dataclass(frozen=True)
class CardStyle:
    step: int = 0                 # the rung of the title's and line's size ladders
    tagged: bool = True           # the tag at the card's foot (else the notes carry it)


CARD_STYLES = (CardStyle(0, True), CardStyle(1, True), CardStyle(0, False), CardStyle(1, False), CardStyle(9, False))


def _tag_note(b: Build, card, style: CardStyle) -> tuple[Text, ...]:
    """A card's tag for the notes, where the card goes without it."""
    if style.tagged or not card.region:
        return ()
    return (b.report.tag_by_id[b.report.region_by_id[card.region].tag].label,)


def _card_slides(b: Build, items: list) -> tuple[list[list], CardStyle]:
    """The cards in as few slides as hold them (six to a slide at most, shared out evenly), and
    the style they take: each count of slides is tried with the cards' full style, then a size
    smaller, then without their tags, before a slide more."""
    for per_slide in range(min(len(items), 6), 0, -1):
        chunks = _even(items, math.ceil(len(items) / per_slide))
        for style in CARD_STYLES:
            if all(_cards_fit(b, chunk, style) for chunk in chunks):
                return chunks, style
    return _even(items, len(items)), CARD_STYLES[-1]


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
    top = BODY_Y + (BODY_H - rows * ch - (rows - 1) * CARD_GAP) / 2        # the grid in the body's middle
    return [(MX + c * (cw + CARD_GAP), top + r * (ch + CARD_GAP), cw, ch) for r in range(rows) for c in range(cols)]


def _card_body(b: Build, card) -> Text:
    """A card's one line: its region's summary, or its text's lead (plan.lead, to half a
    point's budget); the notes carry the card in full."""
    if card.region:
        return b.report.region_by_id[card.region].summary
    most_zh, most_en = b.theme.point_budget
    return Text(lead_point(card.text.zh, "zh", most_zh // 2), lead_point(card.text.en, "en", max(4, most_en // 2)))


def _card_paras(b: Build, card, style: CardStyle = CardStyle()) -> tuple[list[Para], list[Para]]:
    title = b.paras(card_title(b.report, card), "card-title", bold=True, gap=0.5)
    body = b.paras(_card_body(b, card), "card-body", space=0.0, gap=1.0)
    return tuple(_rung(b, paras, style.step) for paras in (title, body))


def _rung(b: Build, paras: list[Para], step: int) -> list[Para]:
    """`paras` at the `step`th rung of their ladder (its last where it has fewer)."""
    rungs = list(b.ladder(paras))
    return rungs[min(step, len(rungs) - 1)]


def _tag_label(b: Build, card, inner_w: float) -> tuple[Para | None, float, float]:
    """A region card's tag: its label, the chip's width and height (mm). The label in the
    edition's languages on one line; where that is wider than the card, in the first language
    only (the notes carry the card); where that is too, on as many lines as it needs."""
    if not card.region:
        return None, 0.0, 0.0
    tag = b.report.tag_by_id[b.report.region_by_id[card.region].tag]
    size, room = b.size("tag", 0), inner_w - 2
    label = Para(" ".join(dict.fromkeys(tag.label[lang] for lang in b.edition.langs)), b.edition.primary, size,
                 colour="paper", align="center")
    if natural_width(b.policy, label, 1.0) > room - 4:
        label = replace(label, text=tag.label[b.edition.primary])
    width = min(inner_w, 4 + natural_width(b.policy, label, 1.0))
    return label, width, text_height(b.policy, [label], width - 2, 1.0) + 2.4


def _card_height(b: Build, card, width: float, style: CardStyle = CardStyle()) -> float:
    """The height a card needs at its width (mm)."""
    inner_w = width - 2 * CARD_PAD
    title, body = _card_paras(b, card, style)
    tag_h = _tag_label(b, card, inner_w)[2] if style.tagged else 0.0
    title_h = max(text_height(b.policy, title, inner_w - _icon_room(b, card), 1.0), CARD_ICON if _icon_room(b, card) else 0)
    return (2 * CARD_PAD + 1.2 + title_h + 2.5 + text_height(b.policy, body, inner_w, 1.0)
            + (tag_h + 3 if tag_h else 0)) + 4.0


def _icon_room(b: Build, card) -> float:
    """The width a card's icon takes beside its title (0: no icon)."""
    return CARD_ICON + 2.5 if card.region and b.report.region_by_id[card.region].icon else 0.0


def _card_layout(b: Build, card, box, style: CardStyle = CardStyle()):
    """The card's title and body boxes (mm) and its tag's height, or None when they do not fit:
    the icon beside the title, the body under them, the tag at the foot."""
    x, y, w, h = box
    inner_w = w - 2 * CARD_PAD
    top = y + CARD_PAD + 1.2
    title, body = _card_paras(b, card, style)
    room = _icon_room(b, card)
    title_h = text_height(b.policy, title, inner_w - room, 1.0)
    head_h = max(title_h, CARD_ICON if room else 0.0)
    body_h = text_height(b.policy, body, inner_w, 1.0)
    tag_h = _tag_label(b, card, inner_w)[2] if style.tagged else 0.0
    if top + head_h + 2.5 + body_h + (tag_h + 3 if tag_h else 0) > y + h - CARD_PAD:
        return None
    return ((x + CARD_PAD + room, top, inner_w - room, title_h), (x + CARD_PAD, top + head_h + 2.5, inner_w, body_h),
            tag_h)


def _cards_fit(b: Build, chunk, style: CardStyle) -> bool:
    return all(_card_layout(b, card, box, style) for card, box in zip(chunk, _grid(len(chunk))))


def _card(b: Build, slide, card, box, style: CardStyle) -> None:
    x, y, w, h = box
    region = b.report.region_by_id.get(card.region) if card.region else None
    tag = b.report.tag_by_id[region.tag] if region else None
    shown_tag = tag if style.tagged else None
    hue = b.theme.hue_name(b.report.layer_index(tag.layer) if tag and tag.layer else None) if tag else "ink"
    laid = _card_layout(b, card, box, style)
    if laid is None:
        title, _ = _card_paras(b, card, style)
        b.too_long(slide, title[0], card.text[b.edition.primary])
        return
    title_box, body_box, tag_h = laid
    if not b.writing:              # laid out only: what is left to fit is its tag's label
        if shown_tag:
            label_para, tag_w, _ = _tag_label(b, card, w - 2 * CARD_PAD)
            b.place(slide, None, [label_para], (0.0, 0.0, tag_w - 2, tag_h), "tag label", tag.label[b.edition.primary])
        return
    group = slide.shapes.add_group_shape()
    group.name = f"card {plain(card_title(b.report, card)[b.edition.primary])}"
    _rect(b, group.shapes, (x, y, w, h), "panel", "card")
    _rect(b, group.shapes, (x, y, w, 1.2), hue, "card rule")
    if region and region.icon:
        icon = group.shapes.add_picture(str(_icon(b, region.icon)), Mm(x + CARD_PAD), Mm(title_box[1]),
                                        Mm(CARD_ICON), Mm(CARD_ICON))
        set_alt(icon, b.edition.join(region.place))
    title, body = _card_paras(b, card, style)
    b.set_text(group.shapes, title, title_box, "card title")
    b.set_text(group.shapes, body, body_box, "card text")
    if shown_tag:
        label_para, tag_w, _ = _tag_label(b, card, w - 2 * CARD_PAD)
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
    from ..icons import picture
    return picture(icon, b.policy, b.icon_dir, "#" + b.colours["ink"].lstrip("#"))


# ---- Figures -------------------------------------------------------------------------------

def figure(b: Build, spec: SlideSpec) -> None:
    """The figure laid out for the slide (figures.slide_parts): whole, or in parts, one slide
    each; its text at the slide's figure sizes; the notes carry the part's full description."""
    fig = b.report.figure_by_id[spec.blocks[0].figure]
    parts = figures.slide_parts(fig, b.report, b.policy, b.theme, b.edition)
    caption = figures.caption(fig, b.report, b.theme)
    box_w, box_h = b.theme.slide_figure_mm
    for n, (part, drawing, scale) in enumerate(parts, 1):
        title = caption if len(parts) == 1 else Text(*(f"{caption[lang]} ({n}/{len(parts)})" for lang in ("zh", "en")))
        slide = b.new_slide("comparison" if spec.kind == "comparison" else "figure", title, spec.topic)
        if drawing.height * scale > box_h + 0.01:
            b.problems.append((fig.title[b.edition.primary],
                               f"figure {fig.id!r} does not fit a slide with its text at "
                               f"{b.theme.slide_figure_pt[0]:g} pt even in parts: give it fewer or shorter labels"))
        fw, fh = drawing.width * scale, drawing.height * scale
        origin = ((W - fw) / 2, BODY_Y - 2 + (BODY_H - fh) / 2)
        alt = b.edition.join(figures.describe(part, b.report))
        if not b.writing:               # the drawing is laid out already: its shapes are only copied
            pass
        elif b.figure_mode == "image":
            from ..figures import paint_mpl

            paint_mpl.setup(b.policy)
            png = paint_mpl.paint(drawing, b.policy, b.theme, b.icon_dir, "png", scale, figures.PNG_DPI)
            picture = slide.shapes.add_picture(io.BytesIO(png), Mm(origin[0]), Mm(origin[1]), Mm(fw), Mm(fh))
            picture.name = f"figure {fig.id}"
            set_alt(picture, alt)
        else:
            add_drawing(slide.shapes, drawing, b.policy, b.colours, b.icon_dir, origin, scale, alt, f"figure {fig.id}",
                        b.theme.on_scale)
        notes(b, slide, (figures.describe(part, b.report),))


# ---- Agenda and dividers -------------------------------------------------------------------

AGENDA_GAP, NUMBER_W = 4.0, 16.0


def agenda(b: Build, spec: SlideSpec) -> None:
    """The sections, numbered, in one to three columns filled down, at the point size then down
    its ladder, in both languages then the first only; where even that does not hold them, over
    as few agenda slides as do. The notes say the contents as one line."""
    sections = list(spec.blocks)
    for count in range(1, len(sections) + 1):
        parts = even_parts(tuple(enumerate(sections, 1)), count)
        laid = [_agenda_layout(b, part) for part in parts]
        if all(laid):
            break
    for part, layout in zip(parts, laid):
        slide = b.new_slide("text", spec.title, spec.topic)
        if layout is None:
            b.too_long(slide, b.paras(part[0][1].heading, "point")[0], part[0][1].heading[b.edition.primary])
            continue
        columns, paras_of = layout
        col_w = (W - 2 * MX - (len(columns) - 1) * AGENDA_GAP * 2) / len(columns)
        heights = [[text_height(b.policy, paras_of(section), col_w - NUMBER_W, 1.0) for _, section in column]
                   for column in columns]
        tallest = max(sum(hs) + AGENDA_GAP * (len(hs) - 1) for hs in heights)
        for c, column in enumerate(columns):
            x = MX + c * (col_w + AGENDA_GAP * 2)
            y = BODY_Y + max(0.0, (BODY_H - tallest) / 2 - 4)          # the columns share one top
            for (number, section), height in zip(column, heights[c]):
                paras = paras_of(section)
                b.set_text(slide.shapes, [Para(f"{number:02d}", "en", paras[0].scale, True, "accent")],
                           (x, y, NUMBER_W, height), "agenda number")
                b.set_text(slide.shapes, paras, (x + NUMBER_W, y, col_w - NUMBER_W, height), "agenda item")
                y += height + AGENDA_GAP
        notes(b, slide, (contents(b.report),))


def _agenda_layout(b: Build, part):
    """(columns, the paragraphs of a section's entry) for the first arrangement that holds `part`
    in the body, or None."""
    for both in (True, False):
        for cols in (1, 2, 3):
            if cols > 1 and len(part) < cols * 2:
                continue
            columns = even_parts(part, cols)
            col_w = (W - 2 * MX - (cols - 1) * AGENDA_GAP * 2) / cols - NUMBER_W
            for k in range(3):
                def paras_of(section, k=k, both=both):
                    paras = b.paras(Text(plain(section.heading.zh), plain(section.heading.en)), "point", gap=0.5)
                    return _rung(b, paras if both else paras[:1], k)
                if all(sum(text_height(b.policy, paras_of(s), col_w, 1.0) for _, s in column)
                       + AGENDA_GAP * (len(column) - 1) <= BODY_H - 4 for column in columns):
                    return columns, paras_of
    return None


def divider(b: Build, spec: SlideSpec) -> None:
    """A section's divider: its number large in the accent, its heading as the title."""
    section = spec.blocks[0]
    number = b.report.sections.index(section) + 1
    slide = b.new_slide("section", spec.title, spec.topic, "cover-title")
    size = b.size("cover-title", 0)
    b.set_text(slide.shapes, [Para(f"{number:02d}", "en", size, True, "accent-on-ink")], (MX, 52, 60, 20),
               "section number")
    notes(b, slide, (section.heading,))


def points(b: Build, spec: SlideSpec) -> None:
    """A section's slide version for all its paragraphs."""
    _points(b, spec, spec.version, tuple(block.text for block in spec.blocks))


BUILDERS = {"cover": cover, "agenda": agenda, "divider": divider, "text": text, "points": points, "lead": lead, "cards": cards, "figure": figure, "comparison": figure,
            "quote": quote, "stats": stats, "share": share, "closing": closing}
