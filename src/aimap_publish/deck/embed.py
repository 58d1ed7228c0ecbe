"""The deck's faces travel with it: embedded, subset to the characters the deck sets.

PresentationML lists a deck's embedded faces in `p:embeddedFontLst` (ECMA-376 Part 1, 19.2.1.9):
per typeface, a regular and a bold font part, each related from the presentation. PowerPoint
reads a font part as Embedded OpenType (the W3C EOT submission, the format of its own
`.fntdata` parts), not as a bare OpenType file; the EOT written here is version 0x00020001,
uncompressed and unobfuscated: a header naming the face, then the font itself.

Only a face the font policy found (its family is the deck's typeface) and whose licence allows
embedding (OS/2 fsType: not restricted, not bitmap-only) is embedded; a typeface the deck only
names (`[deck] ea = "Microsoft YaHei"`) is left to the machine that opens it. Each face is
subset to what the deck's text, notes and bullets set, plus printable ASCII and the common
Chinese punctuation so a presenter's small edits stay in the face. A subset is kept in the
project's cache by face and characters: a second build of the same deck does not subset again.
"""
from __future__ import annotations

import io
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from ..fonts import Face, FontPolicy
from ..output import atomic_write
from ..trust import cache_name

FONT_DATA = "application/x-fontdata"
FONT_NAME = "/ppt/fonts/font%d.fntdata"
EOT_VERSION = 0x00020001
EOT_MAGIC = 0x504C
# Characters a presenter may type into the deck: printable ASCII and Chinese punctuation.
EDITING = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("，。、：；！？（）《》〈〉「」『』“”‘’—…·￥【】％")
# fsType bits (OpenType OS/2): restricted licence, bitmap embedding only, no subsetting.
RESTRICTED, PERMITTED, BITMAP_ONLY, NO_SUBSETTING = 0x0002, 0x000C, 0x0200, 0x0100
# p:presentation's children after p:embeddedFontLst (CT_Presentation's sequence).
AFTER_FONTS = ("custShowLst", "photoAlbum", "custDataLst", "kinsoku", "defaultTextStyle", "modifyVerifier", "extLst")

_SUBSETS: list[Path] = []           # where subsets are kept between builds


def keep_subsets_in(folder: Path) -> None:
    _SUBSETS[:] = [folder]


@dataclass(frozen=True)
class Embedded:
    typeface: str
    style: str                  # "Regular" or "Bold"
    characters: int             # characters of the deck the face holds
    size: int                   # bytes of the font part


def deck_characters(deck) -> dict[tuple[str, bool], set[str]]:
    """(typeface, bold) -> the characters runs in that typeface set, over every part's text.

    A run names a Latin and an East Asian typeface; which one draws a character is the client's
    choice by script, so a run's characters count for both (each face keeps only what it has)."""
    found: dict[tuple[str, bool], set[str]] = {}
    for part in deck.part.package.iter_parts():
        if not part.content_type.endswith("+xml") or not hasattr(part, "_element"):
            continue
        root = part._element
        for run in root.iter(qn("a:r"), qn("a:fld")):
            text = "".join(t.text or "" for t in run.iter(qn("a:t")))
            if not text:
                continue
            rpr = run.find(qn("a:rPr"))
            bold = rpr is not None and rpr.get("b") in ("1", "true")
            for tag in ("a:latin", "a:ea"):
                face = rpr.find(qn(tag)) if rpr is not None else None
                if face is not None and face.get("typeface"):
                    found.setdefault((face.get("typeface"), bold), set()).update(text)
        for bullet in root.iter(qn("a:buChar")):
            ppr = bullet.getparent()
            face = ppr.find(qn("a:buFont"))
            if face is not None and face.get("typeface"):
                found.setdefault((face.get("typeface"), False), set()).update(bullet.get("char", ""))
    return found


def embed_faces(deck, policy: FontPolicy) -> list[Embedded]:
    """Embed every face the deck's text uses that the policy has and may embed; what was embedded."""
    used = deck_characters(deck)
    faces = {face.family: role.faces for role in policy.roles.values() for face in role.faces.values()}
    typefaces = dict.fromkeys(typeface for typeface, _ in used)
    entries, embedded = [], []
    for number, typeface in enumerate((t for t in typefaces if t in faces), start=1):
        parts = {}
        for style, bold in (("Regular", False), ("Bold", True)):
            face = faces[typeface].get(style)
            characters = used.get((typeface, bold), set())
            if face is None or not (characters or style == "Regular"):
                continue
            made = _font_part(face, characters | EDITING)
            if made is None:
                continue
            data, held, panose = made
            partname = PackURI(FONT_NAME % (len(embedded) + 1))
            part = Part(partname, FONT_DATA, deck.part.package, data)
            parts[style] = (deck.part.relate_to(part, RT.FONT), panose)
            embedded.append(Embedded(typeface, style, len(held & characters), len(data)))
        if "Regular" in parts:
            entries.append((typeface, parts))
    if entries:
        _list_fonts(deck.part._element, entries)
    return embedded


def _list_fonts(presentation, entries) -> None:
    """p:embeddedFontLst in its place in p:presentation, and the flags PowerPoint writes with it."""
    for old in presentation.findall(qn("p:embeddedFontLst")):
        presentation.remove(old)
    listing = etree.Element(qn("p:embeddedFontLst"))
    for typeface, parts in entries:
        font = etree.SubElement(listing, qn("p:embeddedFont"))
        etree.SubElement(font, qn("p:font"), typeface=typeface, panose=parts["Regular"][1])
        for style, tag in (("Regular", "p:regular"), ("Bold", "p:bold")):
            if style in parts:
                etree.SubElement(font, qn(tag)).set(qn("r:id"), parts[style][0])
    later = next((child for child in presentation if etree.QName(child).localname in AFTER_FONTS), None)
    if later is None:
        presentation.append(listing)
    else:
        later.addprevious(listing)
    presentation.set("embedTrueTypeFonts", "1")
    presentation.set("saveSubsetFonts", "1")


def _font_part(face: Face, characters: set[str]) -> tuple[bytes, frozenset[str], str] | None:
    """The EOT of `face` subset to `characters`, the characters it holds and its PANOSE in hex;
    None when the face's licence does not allow embedding."""
    stat = face.path.stat()
    wanted = "".join(sorted(characters))
    key = cache_name(f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{wanted}|{sys.version_info[:2]}")
    kept = _SUBSETS[0] / f"{key}.eot" if _SUBSETS else None
    if kept is not None and kept.exists():
        data = kept.read_bytes()
        try:
            held, panose = _described(data)
            return data, held, panose
        except Exception:                          # damaged: subset again (fontTools fails in many ways)
            pass
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=False) as font:
        fs_type = font["OS/2"].fsType
        if fs_type & BITMAP_ONLY or (fs_type & RESTRICTED and not fs_type & PERMITTED):
            return None
        if not fs_type & NO_SUBSETTING:
            options = subset.Options()
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.name_languages = ["*"]
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[ord(c) for c in characters])
            subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        data = eot(font, buffer.getvalue())
    if kept is not None:
        atomic_write(kept, data)
    held, panose = _described(data)
    return data, held, panose


def _described(data: bytes) -> tuple[frozenset[str], str]:
    """The characters an EOT's font maps and its PANOSE in hex, read back from the EOT."""
    from fontTools.ttLib import TTFont

    header_size = struct.unpack_from("<I", data, 0)[0] - struct.unpack_from("<I", data, 4)[0]
    with TTFont(io.BytesIO(data[header_size:]), lazy=True) as font:
        held = frozenset(map(chr, (font.getBestCmap() or {})))
    return held, data[16:26].hex().upper()


def eot(font, sfnt: bytes) -> bytes:
    """`sfnt` (the bytes of `font`) wrapped as an uncompressed EOT, version 0x00020001."""
    os2, name = font["OS/2"], font["name"]
    tables = struct.unpack_from(">H", sfnt, 4)[0]
    head = next(struct.unpack_from(">I", sfnt, 12 + 16 * i + 8)[0] for i in range(tables)
                if sfnt[12 + 16 * i:16 + 16 * i] == b"head")

    def name_of(name_id: int) -> bytes:
        record = name.getName(name_id, 3, 1, 0x409) or name.getName(name_id, 3, 1)
        text = record.toUnicode() if record is not None else (name.getDebugName(name_id) or "")
        encoded = text.encode("utf-16-le")
        return struct.pack("<H", len(encoded)) + encoded

    panose = os2.panose
    panose_bytes = bytes([panose.bFamilyType, panose.bSerifStyle, panose.bWeight, panose.bProportion,
                          panose.bContrast, panose.bStrokeVariation, panose.bArmStyle, panose.bLetterForm,
                          panose.bMidline, panose.bXHeight])
    code_pages = (getattr(os2, "ulCodePageRange1", 0), getattr(os2, "ulCodePageRange2", 0))
    body = b"".join([
        struct.pack("<I", EOT_VERSION),
        struct.pack("<I", 0),                                     # flags: no compression, no XOR
        panose_bytes,
        struct.pack("<BB", 1, 1 if os2.fsSelection & 1 else 0),    # DEFAULT_CHARSET, italic
        struct.pack("<I", os2.usWeightClass),
        struct.pack("<HH", os2.fsType, EOT_MAGIC),
        struct.pack("<4I", os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4),
        struct.pack("<2I", *code_pages),
        sfnt[head + 8:head + 12][::-1],                            # head.checkSumAdjustment, little-endian
        struct.pack("<4I", 0, 0, 0, 0),
        struct.pack("<H", 0), name_of(1),
        struct.pack("<H", 0), name_of(2),
        struct.pack("<H", 0), name_of(5),
        struct.pack("<H", 0), name_of(4),
        struct.pack("<H", 0), struct.pack("<H", 0),              # padding, no root string
    ])
    total = 8 + len(body) + len(sfnt)
    return struct.pack("<II", total, len(sfnt)) + body + sfnt
