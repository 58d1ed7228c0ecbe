"""The deck's slide master: 16:9, ten named layouts, and the project's theme in every theme
part (fonts: latin, ea and the Hans script entry; colours from theme.py).

Built in code from python-pptx's default template: its layouts are renamed, cleared of the
placeholders we do not use, and re-placed for 16:9; layouts we do not use are removed before
any slide exists (slides are only ever added, never cloned or deleted).
"""
from __future__ import annotations

import re

from pptx.oxml.ns import qn
from pptx.util import Mm

from ..fonts import FontPolicy
from ..theme import Theme

SLIDE_W, SLIDE_H = Mm(338.666), Mm(190.5)          # 13.333 in x 7.5 in
MARGIN_X = Mm(16)
# layout name -> index of the default template's layout it is made from
LAYOUTS = {"cover": 0, "text": 1, "section": 2, "cards": 3, "comparison": 4, "figure": 5, "quote": 7,
           "closing": 8, "stats": 9, "share": 10}
INK_LAYOUTS = {"cover", "section", "closing"}
KEEP = {"title", "ctrTitle", "ftr", "sldNum"}
TITLE_BOX = {"cover": (Mm(40), Mm(60)), "closing": (Mm(24), Mm(40)), "section": (Mm(72), Mm(60))}   # top, height where not default
FOOTER_Y, FOOTER_H = Mm(178), Mm(8)


def prepare_master(deck, theme: Theme) -> dict[str, object]:
    """Make the deck's master and layouts; return layout name -> layout."""
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    master = deck.slide_master
    _place_master(master)
    layouts = {}
    originals = list(deck.slide_layouts)
    for name, index in LAYOUTS.items():
        layout = originals[index]
        layout.name = name
        _clear_placeholders(layout)
        _place_layout(layout, name)
        if name in INK_LAYOUTS:
            _set_background(layout, theme.ink.rgb)
        layouts[name] = layout
    for layout in originals:
        if layout not in layouts.values():
            deck.slide_layouts.remove(layout)
    return layouts


def _place_master(master) -> None:
    for ph in master.placeholders:
        kind = _ph_type(ph)
        if kind == "title":
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, Mm(13), SLIDE_W - 2 * MARGIN_X, Mm(28)
        elif kind == "body":
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, Mm(42), SLIDE_W - 2 * MARGIN_X, Mm(130)
        elif kind == "dt":
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, FOOTER_Y, Mm(40), FOOTER_H
        elif kind == "ftr":
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, FOOTER_Y, Mm(200), FOOTER_H
        elif kind == "sldNum":
            ph.left, ph.top, ph.width, ph.height = SLIDE_W - MARGIN_X - Mm(30), FOOTER_Y, Mm(30), FOOTER_H


def _clear_placeholders(layout) -> None:
    for ph in list(layout.placeholders):
        if _ph_type(ph) not in KEEP:
            ph._element.getparent().remove(ph._element)


def _place_layout(layout, name: str) -> None:
    top, height = TITLE_BOX.get(name, (Mm(13), Mm(28)))
    for ph in layout.placeholders:
        kind = _ph_type(ph)
        if kind in ("title", "ctrTitle"):
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, top, SLIDE_W - 2 * MARGIN_X, height
            body_pr = ph._element.txBody.find(qn("a:bodyPr"))
            body_pr.attrib.pop("vert", None)       # the template's vertical-title layout
        elif kind == "ftr":
            ph.left, ph.top, ph.width, ph.height = MARGIN_X, FOOTER_Y, Mm(220), FOOTER_H
        elif kind == "sldNum":
            ph.left, ph.top, ph.width, ph.height = SLIDE_W - MARGIN_X - Mm(30), FOOTER_Y, Mm(30), FOOTER_H


def _ph_type(ph) -> str:
    return ph._element.ph.get("type", "body") if ph._element.ph is not None else "body"


def _set_background(layout, rgb: str) -> None:
    csld = layout._element.find(qn("p:cSld"))
    for old in csld.findall(qn("p:bg")):
        csld.remove(old)
    bg = csld.makeelement(qn("p:bg"), {})
    bg_pr = bg.makeelement(qn("p:bgPr"), {})
    fill = bg_pr.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": rgb[1:].upper()}))
    bg_pr.append(fill)
    bg_pr.append(bg_pr.makeelement(qn("a:effectLst"), {}))
    bg.append(bg_pr)
    csld.insert(0, bg)


# ---- Theme parts -------------------------------------------------------------------------

THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"


def apply_theme(deck, policy: FontPolicy, theme: Theme) -> None:
    """Put the project's fonts and colours into every theme part (the notes master has its own)."""
    from pptx.opc.package import XmlPart
    from pptx.oxml import parse_xml

    for part in deck.part.package.iter_parts():
        if part.content_type != THEME_TYPE:
            continue
        xml = themed(part.blob.decode("utf-8"), policy, theme).encode("utf-8")
        if isinstance(part, XmlPart):          # the notes master's theme python-pptx made
            part._element = parse_xml(xml)
        else:
            part._blob = xml


def themed(xml: str, policy: FontPolicy, theme: Theme) -> str:
    latin, ea = policy.deck_latin, policy.deck_ea
    for which in ("majorFont", "minorFont"):
        xml = re.sub(
            rf"(<a:{which}>)<a:latin [^>]*/><a:ea [^>]*/>",
            rf'\1<a:latin typeface="{latin}"/><a:ea typeface="{ea}"/>', xml)
    xml = re.sub(r'<a:font script="Hans" typeface="[^"]*"/>', f'<a:font script="Hans" typeface="{ea}"/>', xml)
    colours = {
        "dk1": theme.ink, "lt1": theme.paper, "dk2": theme.ink, "lt2": theme.panel,
        **{f"accent{i + 1}": theme.hue(i).strong for i in range(5)}, "accent6": theme.accent,
        "hlink": theme.accent, "folHlink": theme.muted,
    }
    for slot, colour in colours.items():
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>",
                     f'<a:{slot}><a:srgbClr val="{colour.rgb[1:].upper()}"/></a:{slot}>', xml, flags=re.S)
    return re.sub(r'<a:clrScheme name="[^"]*">', '<a:clrScheme name="aimap_publish">', xml)


