"""Text on slides: sizes chosen from the fonts' real metrics, and runs that name their faces.

python-pptx's fit_text cannot do this: it breaks only at spaces and opens the
TTC's Japanese face. Here every paragraph is wrapped with `linebreak.wrap` (Chinese per
character, with the punctuation rules) at a candidate size, and the largest size whose lines
fit the box wins. Line spacing is set exactly, so the height we compute is the height drawn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Mm

from ..content.inline import plain, runs
from ..content.model import Lang
from ..fitting import UNIT_SCALE
from ..fonts import PT_TO_MM, Face, FontPolicy, face_for, measurer
from ..linebreak import NO_BREAK_SPACE, ends_alone, tokens, wrap
from ..theme import Theme

LINE = {"zh": 1.45, "en": 1.3}        # exact line pitch, times the type size
# LibreOffice sets glyphs of exactly spaced lines up to ~0.15 em below the last line's pitch
# (measured with pdftotext -bbox); reserve room for that under every text.
BOTTOM_SLACK = 0.25
WIDTH_SLACK = 0.96                     # measure against a slightly narrower box: renderers differ
# Office programs add about a quarter em where Han characters meet Latin letters or digits
# (LibreOffice's "autospace", PowerPoint's Asian/Latin spacing): count it in the width.
AUTOSPACE_EM = 0.25
AUTOSPACE = "\u2009"         # stands for it while measuring (a space: a line may break there)
HAN_LATIN = re.compile(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])")
LANG_TAGS = {"zh": "zh-CN", "en": "en-US"}
# widths a client may set a line at, against ours: ours are the widest of the deck's faces and
# its substitutes (fonts.deck_policy), so a client in the deck's own faces sets Latin lines up to
# about 9 % narrower
CLIENT_BAND = (0.98, 0.99, 1.0, 1.01, 1.03, 1.05, 1.07, 1.09)


class DoesNotFit(Exception):
    """The text cannot fit its box even at the smallest allowed size."""


@dataclass(frozen=True)
class Para:
    text: str                  # may hold **emphasis**
    lang: Lang
    scale: float = 1.0         # size relative to the box's fitted size
    bold: bool = False
    colour: str = "ink"        # theme colour name
    space_before_mm: float = 0.0
    align: str = "left"
    accent: str | None = None  # colour of **emphasis** (two-tone headings); None: emphasis is bold
    indent_mm: float = 0.0     # left indent of every line (a list's text)
    bullet: str | None = None  # colour of a square bullet hung in the indent (a list item's start)
    role: str = ""             # its role in the theme's type scale (which may step it down to a floor)


def _measure(policy: FontPolicy, para: Para, size_pt: float):
    """The paragraph's text as the fitting wraps it, and a measure of its pieces: in Chinese
    text the autospace where a Han character meets a Latin letter or digit directly (none where
    a space already stands) is written as a thin space of AUTOSPACE_EM."""
    text = plain(para.text)
    size = size_pt * para.scale
    face = face_for(policy, text, para.lang, para.bold or "**" in para.text)
    if para.lang != "zh":
        return text, measurer(face, size)
    return HAN_LATIN.sub(AUTOSPACE, text), _autospaced(face, size)


@lru_cache(maxsize=4096)
def _autospaced(face: Face, size: float):
    """The measure of Chinese text in `face` at `size`, the autospace counted (one function for
    each face and size: the wrappings below are remembered by it)."""
    width = measurer(face, size)
    autospace = AUTOSPACE_EM * size * PT_TO_MM

    def measure(piece: str) -> float:
        return autospace * len(piece) if set(piece) == {AUTOSPACE} else width(piece)
    return measure


def line_count(policy: FontPolicy, para: Para, width_mm: float, size_pt: float) -> int:
    text, measure = _measure(policy, para, size_pt)
    return _line_count(text, measure, width_mm * WIDTH_SLACK)


@lru_cache(maxsize=8192)
def _line_count(text: str, measure, width: float) -> int:
    """Lines of `text` wrapped at `width` (`measure`: one of the measurers above, which stand
    for their face and size), remembered: a text is fitted at several sizes and boxes, then
    written at the one chosen."""
    return max(1, len(wrap(text, width, measure)))


def natural_width(policy: FontPolicy, para: Para, size_pt: float) -> float:
    """The width `para` needs to stay on one line, as the fitting measures it."""
    text, measure = _measure(policy, para, size_pt)
    return sum(measure(piece) for piece in tokens(text)) / WIDTH_SLACK


def text_height(policy: FontPolicy, paras: list[Para], width_mm: float, size_pt: float) -> float:
    lines = sum(p.space_before_mm + line_count(policy, p, width_mm, size_pt) * pitch_mm(p, size_pt)
                for p in paras)
    return lines + BOTTOM_SLACK * size_pt * paras[-1].scale * PT_TO_MM


def pitch_mm(para: Para, size_pt: float) -> float:
    return size_pt * para.scale * LINE[para.lang] * PT_TO_MM


def fit_size(policy: FontPolicy, paras: list[Para], width_mm: float, height_mm: float,
             max_pt: float, min_pt: float) -> float:
    """The largest size (on a 0.5 pt grid) at which `paras` fit the box; DoesNotFit if none.
    Height grows with size, so a binary search over the grid finds it."""
    def fits(step: int) -> bool:
        return text_height(policy, paras, width_mm, max_pt - step * 0.5) <= height_mm

    low, high = 0, int((max_pt - min_pt) / 0.5)
    if not fits(high):
        raise DoesNotFit
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return max_pt - low * 0.5


def add_text(shapes, policy: FontPolicy, colours: dict[str, str], paras: list[Para], box_mm: tuple[float, float, float, float],
             size_pt: float, name: str = "", anchor: str = "top"):
    """A text box at `box_mm` (x, y, w, h) holding `paras` set at `size_pt`."""
    x, y, w, h = box_mm
    box = shapes.add_textbox(Mm(x), Mm(y), Mm(w), Mm(h))
    if name:
        box.name = name
    write(box.text_frame, policy, colours, paras, size_pt, anchor, w)
    return box


def write(frame, policy: FontPolicy, colours: dict[str, str], paras: list[Para], size_pt: float,
          anchor: str = "top", width_mm: float | None = None) -> None:
    """Replace the frame's text with `paras` at `size_pt`: no insets, wrapping on, no autofit;
    `colours` maps the paragraphs' colour tokens to RRGGBB.

    Paragraphs and runs are written straight as DrawingML (a:p, a:pPr, a:r): python-pptx's
    property objects cost more than the rest of the deck together.
    """
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    body = frame._txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for para in paras:
        size = size_pt * para.scale
        p = paragraph(body, para.align, size * LINE[para.lang], para.space_before_mm / PT_TO_MM)
        if para.indent_mm:
            _list_item(p[0], policy, colours, para)
        if width_mm:
            _no_lone_character(p[0], policy, para, size_pt, width_mm - para.indent_mm)
        # the text as written, with no invisible character (a copied or searched text is the
        # writer's): `_no_lone_character` keeps a lone Chinese character off the last line, a
        # no-break space before an English paragraph's last word a lone word
        pieces = runs(para.text)
        texts = _last_space_kept([piece.text for piece in pieces]) if para.lang == "en" else [p.text for p in pieces]
        for piece, text in zip(pieces, texts):
            accented = piece.emphasis and para.accent is not None
            add_run(p, policy, text, para.lang, size, para.bold or (piece.emphasis and not accented),
                    colours[para.accent if accented else para.colour])


def _last_space_kept(texts: list[str]) -> list[str]:
    """The runs of an English text with the space before its last word a no-break space (a
    visible space that clients keep: the last word never stands alone on its line)."""
    whole = "".join(texts).rstrip()
    at = whole.rfind(" ")
    if at <= 0 or len(whole.split()) < 3 or "-" in whole[at + 1:]:
        return texts        # a hyphenated last word ("Research-driven"): the right margin keeps it whole
    out, start = [], 0
    for text in texts:
        if start <= at < start + len(text):
            text = text[:at - start] + NO_BREAK_SPACE + text[at - start + 1:]
        out.append(text)
        start += len(text)
    return out


ALGN = {"left": "l", "center": "ctr", "right": "r"}


def _no_lone_character(ppr, policy: FontPolicy, para: Para, size_pt: float, width_mm: float) -> None:
    """Where a client filling the full width would leave one Chinese character on the last line,
    take an em or two off the paragraph's right: the lines before give up a character and the
    last is not alone. The fitting measured against a narrower box still (WIDTH_SLACK), so no
    line is added. No word joiner binds the characters: the text stays as written, for a
    presenter who searches or copies it (English keeps its last word by a no-break space)."""
    text, measure = _measure(policy, para, size_pt)
    em = size_pt * para.scale * PT_TO_MM
    if para.lang == "zh":
        margin = _right_margin(text, measure, em, width_mm)
    elif "-" in (text.split() or [""])[-1]:       # "Research-driven": a client breaks at its hyphen
        # where it breaks depends on the face it sets the line in: the deck's own, or the widest
        # that may stand in (what the fitting measures with)
        face = face_for(policy, text, para.lang, para.bold or "**" in para.text)
        own = measurer(replace(face, wide=()), size_pt * para.scale)
        margin = _right_margin(text, measure, em, width_mm, (0, 1, 2, 3, 4, 5), own)
    else:
        margin = 0.0
    # stated on every paragraph: LibreOffice carries a right margin on to the paragraphs after
    ppr.set("marR", str(Mm(margin)) if margin else "0")


@lru_cache(maxsize=4096)
def _right_margin(text: str, measure, em: float, width_mm: float, ems_tried: tuple = (0, 1, 2),
                  own=None) -> float:
    """The right margin of a Chinese paragraph (`_no_lone_character`), remembered."""
    # clients measure a little differently: a margin that leaves no lone character across a
    # band of widths around ours, and adds no line to those the fitting counted
    margin = 0.0
    lines = len(wrap(text, width_mm * WIDTH_SLACK, measure))
    for ems in ems_tried:
        room = width_mm - ems * em
        if len(wrap(text, room, measure)) > lines:
            break
        if not any(ends_alone(text, room * band, way) for band in CLIENT_BAND for way in (measure, own) if way):
            margin = ems * em
            break
    else:
        margin = em
    return margin
BULLET = "\u25a0"            # ■, from the CJK face (which has it), at 70 % of the text size


def _list_item(ppr, policy: FontPolicy, colours: dict[str, str], para: Para) -> None:
    """Indent a paragraph and, for a list item's first paragraph, hang a real bullet in the
    indent (it stays a list when the presenter edits or adds points)."""
    ppr.set("marL", str(Mm(para.indent_mm)))
    if para.bullet is None:
        etree.SubElement(ppr, qn("a:buNone"))
        return
    ppr.set("indent", str(-Mm(para.indent_mm)))
    etree.SubElement(etree.SubElement(ppr, qn("a:buClr")), qn("a:srgbClr"), val=colours[para.bullet])
    etree.SubElement(ppr, qn("a:buSzPct"), val="70000")
    etree.SubElement(ppr, qn("a:buFont"), typeface=policy.deck_ea)
    etree.SubElement(ppr, qn("a:buChar"), char=BULLET)


def paragraph(body, align: str, pitch_pt: float, space_before_pt: float = 0.0):
    """A new <a:p> at the end of `body` with its alignment, exact line pitch and space before."""
    p = etree.SubElement(body, qn("a:p"))
    ppr = etree.SubElement(p, qn("a:pPr"), algn=ALGN[align])
    etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts"), val=str(round(pitch_pt * 100)))
    etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"), val=str(round(space_before_pt * 100)))
    return p


def add_run(p, policy: FontPolicy, text: str, lang: Lang, size_pt: float, bold: bool, colour: str) -> None:
    """A run of `text` in `colour` (RRGGBB)."""
    r = etree.SubElement(p, qn("a:r"))
    _style(etree.SubElement(r, qn("a:rPr")), policy, lang, size_pt, bold, colour)
    etree.SubElement(r, qn("a:t")).text = text


def add_value(shapes, policy: FontPolicy, colours: dict[str, str], pieces, box_mm, size_pt: float, colour: str,
              name: str = "", snap=None):
    """A stat value in a text box: its number at `size_pt`, its units smaller on the same
    baseline (`pieces`: fitting.value_pieces), on one line that the fitting measured; `snap`
    brings the units' size down onto the deck's scale (narrower still than measured)."""
    x, y, w, h = box_mm
    box = shapes.add_textbox(Mm(x), Mm(y), Mm(w), Mm(h))
    box.name = name
    write(box.text_frame, policy, colours, [], size_pt)
    p = paragraph(box.text_frame._txBody, "left", size_pt * LINE["en"])
    for piece in pieces:
        size = (snap or (lambda pt: pt))(size_pt * UNIT_SCALE) if piece.unit else size_pt
        lang = "zh" if any("\u3400" <= ch <= "\u9fff" for ch in piece.text) else "en"
        add_run(p, policy, piece.text, lang, size, True, colours[colour])
    return box


def add_lines(p, policy: FontPolicy, lines, lang: Lang, size_pt: float, bold: bool, colour: str) -> None:
    """Runs of `lines` with a line break between each: a figure's label broken where its layout
    broke it (a client's own wrapping may leave a lone character or cut a word without a hyphen)."""
    for i, line in enumerate(lines):
        if i:
            _style(etree.SubElement(etree.SubElement(p, qn("a:br")), qn("a:rPr")), policy, lang, size_pt, bold,
                   colour)
        add_run(p, policy, line, lang, size_pt, bold, colour)


def _style(rpr, policy: FontPolicy, lang: Lang, size_pt: float, bold: bool, colour: str) -> None:
    rpr.set("lang", LANG_TAGS[lang])
    rpr.set("sz", str(round(size_pt * 100)))
    if bold:
        rpr.set("b", "1")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    set_typefaces(rpr, policy, lang)


def set_typefaces(rpr, policy: FontPolicy, lang: Lang) -> None:
    """a:latin and a:ea (and the language) on a run's properties; without a:ea, PowerPoint for
    Mac, LibreOffice and Google Slides show Chinese in the wrong face."""
    rpr.set("lang", LANG_TAGS[lang])
    for tag in ("a:latin", "a:ea", "a:cs", "a:sym"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    # CT_TextCharacterProperties: ln, fill, effect, highlight, uLnTx/uLn, uFillTx/uFill, latin, ea, cs…
    after = [child for child in rpr if child.tag in AFTER_FACES]
    for child in after:
        rpr.remove(child)
    # Chinese runs set their Latin letters in the CJK face too, as the PDF and figures do (and as
    # the widths were measured); English runs use the Latin face.
    latin = policy.deck_ea if lang == "zh" else policy.deck_latin
    etree.SubElement(rpr, qn("a:latin"), typeface=latin)
    etree.SubElement(rpr, qn("a:ea"), typeface=policy.deck_ea)
    for child in after:
        rpr.append(child)


@cache
def deck_colours(theme: Theme) -> dict[str, str]:
    """Colour token -> RRGGBB, as DrawingML writes colours."""
    return {name: colour.rgb[1:].upper() for name, colour in theme.colours().items()}


AFTER_FACES = {qn("a:hlinkClick"), qn("a:hlinkMouseOver"), qn("a:rtl"), qn("a:extLst")}
