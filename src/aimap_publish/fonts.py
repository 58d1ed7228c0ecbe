"""The one font policy: which faces set Chinese, Latin and icons, and what they cover.

fonts/policy.toml names the families per role; this module finds their files (fonts/ first,
then the system through fontconfig), checks with fontTools that every printed character of the
content has a glyph, and renders icons from the emoji face into images that every renderer
places the same way.
"""
from __future__ import annotations

import io
import marshal
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .errors import ContentError, Problem, display_path
from .icons import is_name
from .output import atomic_write
from .settings import line_of, read_toml
from .trust import cache_name

STYLES = ("Regular", "Bold")
ROLES = ("cjk", "latin", "emoji")
ROLE_KEYS = ("families", "package")
DECK_KEYS = ("latin", "ea", "substitutes")
# Faces an office program may set the deck in where its own faces are missing: the deck's text is
# measured with the widest of its face and these, character by character. DejaVu Sans (fontconfig's
# own fallback) is wider than Arial, Helvetica, Calibri and Segoe UI.
DECK_SUBSTITUTES = ("DejaVu Sans",)
# A family name is set into the web stylesheet, the PDF's and the deck's: letters, digits,
# spaces and - . + only, so no name can close its quotes ("Noto Sans CJK SC", "思源黑体").
FAMILY = re.compile(r"\w[\w .+-]*")
MAX_FAMILY = 100
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
INVISIBLE = {"\n", "\t", "\u200d", "\ufe0f", "\ufe0e"}
BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    path: Path
    index: int
    brand: bool = False        # found in the project's fonts/ (not known to fontconfig)
    wide: tuple[tuple[Path, int], ...] = ()   # faces it is measured against too (the deck: deck_policy)


@dataclass(frozen=True)
class Role:
    name: str
    family: str
    faces: dict[str, Face]
    package: str


@dataclass(frozen=True)
class FontPolicy:
    roles: dict[str, Role]
    deck_latin: str
    deck_ea: str
    deck_substitutes: tuple[str, ...] = DECK_SUBSTITUTES

    @property
    def cjk(self) -> Role:
        return self.roles["cjk"]

    @property
    def latin(self) -> Role:
        return self.roles["latin"]

    @property
    def emoji(self) -> Role:
        return self.roles["emoji"]

    def families(self, *roles: str) -> list[str]:
        """Family names in fallback order, CJK first (WeasyPrint drops every family after the first of a quoted list inside SVG)."""
        return [self.roles[role].family for role in roles or ("cjk", "latin", "emoji")]


def load_policy(manifest: Path, brand_dir: Path | None = None) -> FontPolicy:
    """The policy in `manifest`, faces looked up in `brand_dir` (default: the manifest's
    folder) first, then on the system."""
    data, lines, name = read_toml(manifest)
    brand_dir = manifest.parent if brand_dir is None else brand_dir
    problems = [Problem(name, line_of(lines, path), path, message) for path, message in policy_problems(data)]
    local, unreadable = _local_faces(brand_dir) if brand_dir.is_dir() else ({}, ())
    problems += unreadable
    if problems:
        raise ContentError(problems)
    roles = {}
    for role_name, spec in data["roles"].items():
        styles = ("Regular",) if role_name == "emoji" else STYLES
        role = _resolve_role(local, role_name, spec, styles)
        if role is None:
            wanted = " or ".join(f'"{family}" {"/".join(styles)}' for family in spec["families"])
            package = f"install Debian package {spec['package']}: make setup" if "package" in spec else "install it"
            problems.append(Problem(name, line_of(lines, f"roles.{role_name}"), f"roles.{role_name}",
                                    f"no font found for {wanted} (put the font files in fonts/ or {package})"))
        roles[role_name] = role
    if problems:
        raise ContentError(problems)
    deck = data.get("deck", {})
    return FontPolicy(roles, deck.get("latin", roles["latin"].family), deck.get("ea", roles["cjk"].family),
                      tuple(deck.get("substitutes", DECK_SUBSTITUTES)))


def policy_problems(data: dict):
    """(path, message) for every key or value of a font policy that is not what it must be."""
    for key in data:
        if key not in ("roles", "deck"):
            yield key, f"unknown key '{key}' (expected: roles, deck)"
    roles = data.get("roles")
    if roles is None:
        yield "roles", "missing [roles.cjk], [roles.latin] and [roles.emoji] (every policy names them)"
    elif not isinstance(roles, dict):
        yield "roles", f"expected tables [roles.cjk], [roles.latin] and [roles.emoji], found {_found(roles)}"
    else:
        for role, spec in roles.items():
            if role not in ROLES:
                yield f"roles.{role}", f"unknown role '{role}' (expected one of: {', '.join(ROLES)})"
            else:
                yield from _role_problems(spec, f"roles.{role}")
        yield from ((f"roles.{role}", "missing role (every policy names cjk, latin and emoji)")
                    for role in ROLES if role not in roles)
    deck = data.get("deck", {})
    if not isinstance(deck, dict):
        yield "deck", f'expected a table: [deck] latin = "…", ea = "…", found {_found(deck)}'
        return
    for key, value in deck.items():
        if key not in DECK_KEYS:
            yield f"deck.{key}", f"unknown key '{key}' (expected: {', '.join(DECK_KEYS)})"
        elif key == "substitutes":
            if not isinstance(value, list):
                yield f"deck.{key}", f'expected a list of font family names, like ["DejaVu Sans"], found {_found(value)}'
            else:
                yield from ((f"deck.{key}[{i}]", problem) for i, family in enumerate(value)
                            if (problem := family_problem(family)))
        elif problem := family_problem(value):
            yield f"deck.{key}", problem


def _role_problems(spec, path: str):
    if not isinstance(spec, dict):
        yield path, f'expected a table: families = ["…"], package = "…", found {_found(spec)}'
        return
    for key in spec:
        if key not in ROLE_KEYS:
            yield f"{path}.{key}", f"unknown key '{key}' (expected: {', '.join(ROLE_KEYS)})"
    families = spec.get("families")
    if families is None:
        yield f"{path}.families", 'missing families (the font families in order of preference, like ["Noto Sans"])'
    elif not isinstance(families, list) or not families:
        yield f"{path}.families", f'expected a list of font family names, like ["Noto Sans"], found {_found(families)}'
    else:
        for i, family in enumerate(families):
            if problem := family_problem(family):
                yield f"{path}.families[{i}]", problem
    package = spec.get("package")
    if package is not None and not (isinstance(package, str) and re.fullmatch(r"[a-z0-9][a-z0-9.+-]*", package)):
        yield f"{path}.package", f'expected a Debian package name, like "fonts-noto-core", found {_found(package)}'


def family_problem(family) -> str | None:
    """What is wrong with `family` as a font family name, or None."""
    if not isinstance(family, str):
        return f'expected a font family name, like "Noto Sans", found {_found(family)}'
    if len(family) > MAX_FAMILY:
        return f"a font family name of {len(family)} characters (at most {MAX_FAMILY})"
    if not FAMILY.fullmatch(family):
        bad = next((ch for ch in family if not (ch.isalnum() or ch in "_ .+-")), family[:1])
        shown = f"U+{ord(bad):04X}" if not bad.isprintable() or bad == " " else f"'{bad}'"
        return (f"font family name {family!r} holds {shown}: a family name is letters, digits, spaces and "
                "- . + (starting with a letter or digit)")
    return None


def _found(value) -> str:
    kind = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list" if value else "an empty list",
            dict: "a table"}.get(type(value), type(value).__name__)
    return f"{kind} {value!r}" if isinstance(value, (bool, int, float, str)) else kind


def _resolve_role(local: dict, name: str, spec: dict, styles: tuple[str, ...]) -> Role | None:
    for family in spec["families"]:
        faces = {style: local.get((family, style)) or _system_face(family, style) for style in styles}
        if all(faces.values()):
            return Role(name, family, faces, spec.get("package", ""))
    return None


@cache
def _local_faces(fonts_dir: Path) -> tuple[dict[tuple[str, str], Face], tuple[Problem, ...]]:
    """Fonts a user dropped into fonts/ (brand fonts), by (family, style): upright faces of
    normal width, Bold when their weight class is 600 or more, Regular otherwise; and a problem
    for each file with a font's name that is not a whole font."""
    found, problems = {}, []
    for path in sorted(p for p in fonts_dir.rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
        try:
            faces = _faces_in(path)
        except _NotAFont as error:
            shown = str(Path(display_path(path.parent)) / path.name)      # the link itself, not what it names
            problems.append(Problem(shown, 0, "", f"{error}: replace the file, or remove it from fonts/"))
            continue
        for index, (family, style, upright) in enumerate(faces):
            if upright:
                found.setdefault((family, style), Face(family, style, path, index, brand=True))
    return found, tuple(problems)


class _NotAFont(Exception):
    """A file in fonts/ that cannot be used as a font: what is wrong with it."""


def _faces_in(path: Path) -> list[tuple[str, str, bool]]:
    """(family, style, upright and of normal width) of each face of the font file at `path`,
    read without opening anything but a regular file, its tables checked to lie in it."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        info = path.stat()
    except OSError as error:
        raise _NotAFont(f"cannot read the font file ({(error.strerror or str(error)).lower()})")
    if not stat.S_ISREG(info.st_mode):          # a FIFO or a device would never end
        raise _NotAFont("not a regular file (a font in fonts/ must be a font file)")
    if info.st_size == 0:
        raise _NotAFont("the font file is empty")
    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            with TTCollection(path, lazy=True) as collection:
                return [_face_of(font, info.st_size) for font in collection.fonts]
        with TTFont(path, lazy=True) as font:
            return [_face_of(font, info.st_size)]
    except _NotAFont:
        raise
    except Exception as error:                    # fontTools fails in many ways on a damaged file
        raise _NotAFont(f"not a font file that can be read ({error})")


def _face_of(font, size: int) -> tuple[str, str, bool]:
    for tag, entry in getattr(font.reader, "tables", {}).items():
        if getattr(entry, "offset", 0) + getattr(entry, "length", 0) > size:
            raise _NotAFont(f"the font file is cut short (its '{tag.strip()}' table ends past the end of the file)")
    missing = [tag for tag in ("name", "cmap", "head", "hmtx") if tag not in font]
    if missing:
        raise _NotAFont(f"the font has no '{missing[0]}' table")
    os2 = font["OS/2"] if "OS/2" in font else None
    upright = os2 is None or not (os2.fsSelection & 1 or os2.usWidthClass != 5)
    style = "Bold" if os2 is not None and os2.usWeightClass >= 600 else "Regular"
    family = font["name"].getBestFamilyName()
    if not family:
        raise _NotAFont("the font names no family")
    return family, style, upright


# fontconfig's own matching: the weight asked for, upright, normal width (never Condensed).
FC_PATTERN = {"Regular": "weight=regular:slant=roman:width=normal", "Bold": "weight=bold:slant=roman:width=normal"}
FC_WEIGHTS = {"Regular": range(50, 101), "Bold": range(180, 211)}


@cache
def _system_face(family: str, style: str) -> Face | None:
    """The face fontconfig picks for family + style, if it really is that family and weight
    (fontconfig falls back to another family rather than saying no)."""
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{family}|%{weight}|%{file}|%{index}", f"{family}:{FC_PATTERN[style]}"],
        capture_output=True, text=True, check=False,
    ).stdout
    try:
        families, weight, file, index = out.rsplit("|", 3)
        weight_ok = int(float(weight.split()[0])) in FC_WEIGHTS[style]
    except ValueError:
        return None
    if family not in families.split(",") or not weight_ok:
        return None
    return Face(family, style, Path(file), int(index))


_TABLES: list[Path] = []            # where a face's character table is kept between runs


def keep_tables_in(folder: Path) -> None:
    """Keep each face's characters and advance widths under `folder` (the project's cache):
    reading them from a CJK font takes ~0.3 s a face, from the cache a few milliseconds."""
    _TABLES[:] = [folder]


@cache
def _advances(path: Path, index: int) -> dict[str, float]:
    """Each character the face has, with its advance width in em."""
    stat = path.stat()
    key = cache_name(f"{path}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{sys.version_info[:2]}")
    kept = _TABLES[0] / f"{key}.marshal" if _TABLES else None
    if kept is not None and kept.exists():
        try:
            return marshal.loads(kept.read_bytes())
        except (EOFError, ValueError, TypeError):
            pass                                   # damaged: read the font again
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            widths, upem = font["hmtx"].metrics, font["head"].unitsPerEm
            advances = {chr(cp): widths[name][0] / upem for cp, name in (font.getBestCmap() or {}).items()}
    except Exception as error:                    # fontTools fails in many ways on a damaged file
        raise ContentError([Problem(display_path(path), 0, "", f"not a font file that can be read ({error}): "
                                                               "replace it, or name another family")])
    if kept is not None:
        atomic_write(kept, marshal.dumps(advances))
    return advances


@cache
def _cmap(face: Face) -> frozenset[int]:
    return frozenset(map(ord, _advances(face.path, face.index)))


def covered(policy: FontPolicy, *roles: str) -> frozenset[int]:
    """Every code point some face of the given roles has a glyph for."""
    return frozenset().union(*(_cmap(policy.roles[role].faces["Regular"]) for role in roles))


def coverage_problems(strings, policy: FontPolicy, problem) -> list[Problem]:
    """A problem for each printed character that no face covers, where it occurs.

    Text is set in the CJK and Latin faces; icons (fields named `icon`) given as emoji in the
    emoji face (a drawn icon, named, is no font's).
    `strings` yields (field path, text); `problem(path, message)` locates the message.
    """
    text_cmap, icon_cmap, problems = covered(policy, "cjk", "latin"), covered(policy, "emoji"), []
    for path, text in strings:
        if path.endswith(".icon") and is_name(text):     # a drawn icon: no font sets it (checks.py names it)
            continue
        cmap = icon_cmap if path.endswith(".icon") else text_cmap
        for char in dict.fromkeys(text):
            if char in BIDI_CONTROLS:
                problems.append(problem(path, f"bidirectional control character U+{ord(char):04X} (delete it: "
                                              "it reorders the text around it invisibly)"))
            elif char not in INVISIBLE and (ord(char) not in cmap or unicodedata.category(char) == "Cc"):
                problems.append(problem(path, _uncovered(char)))
    return problems


def _uncovered(char: str) -> str:
    if unicodedata.category(char).startswith("C"):
        return f"invisible control character U+{ord(char):04X} (delete it; it often comes with pasted text)"
    return f'no font covers "{char}" (U+{ord(char):04X})'


def icon_image(icon: str, policy: FontPolicy, out_dir: Path) -> Path:
    """A PNG of `icon` drawn from the emoji face, cached by content; same bytes every time."""
    face = policy.emoji.faces["Regular"]
    key = cache_name(f"{icon}|{face.path}|{face.index}", length=16)
    target = out_dir / f"icon-{key}.png"
    if not target.exists():
        _draw_icon(icon, face, target)
    return target


def _draw_icon(icon: str, face: Face, target: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    # Noto Color Emoji has one bitmap strike, 109 px; RAQM shapes flag sequences.
    font = ImageFont.truetype(str(face.path), 109, index=face.index, layout_engine=ImageFont.Layout.RAQM)
    left, top, right, bottom = font.getbbox(icon)
    image = Image.new("RGBA", (right - left, bottom - top))
    ImageDraw.Draw(image).text((-left, -top), icon, font=font, embedded_color=True)
    image = image.crop(image.getbbox())
    side = max(image.size)
    square = Image.new("RGBA", (side, side))
    square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    buffer = io.BytesIO()
    square.save(buffer, "PNG", optimize=False)
    atomic_write(target, buffer.getvalue())


# ---- Text metrics: what the figure layouts and the deck measure text with ----------------

PT_TO_MM = 25.4 / 72


@dataclass(frozen=True)
class Metrics:
    advances: dict[str, float]    # character -> advance width in em
    fallback: float               # for characters the face lacks (coverage is checked earlier)


@cache
def _metrics(path: Path, index: int) -> Metrics:
    return Metrics(_advances(path, index), 1.0)


@cache
def face_metrics(face: Face) -> Metrics:
    """The face's advances; for a face measured against substitutes too, each character's widest."""
    metrics = _metrics(face.path, face.index)
    if not face.wide:
        return metrics
    advances = dict(metrics.advances)
    for path, index in face.wide:
        for ch, advance in _advances(path, index).items():
            if advance > advances.get(ch, advance):
                advances[ch] = advance
    return Metrics(advances, metrics.fallback)


def deck_policy(policy: FontPolicy) -> FontPolicy:
    """The policy the deck is fitted with: its text faces measured against the substitutes an
    office program may set the deck in (`[deck] substitutes`), so text that fits in Noto fits
    there too. Same families and files: only the widths it measures differ."""
    roles = dict(policy.roles)
    for name in ("cjk", "latin"):
        role = roles[name]
        faces = {}
        for style, face in role.faces.items():
            wide = tuple((found.path, found.index) for family in policy.deck_substitutes
                         if (found := _system_face(family, style)) is not None and found.path != face.path)
            faces[style] = replace(face, wide=wide)
        roles[name] = replace(role, faces=faces)
    return replace(policy, roles=roles)


def face_for(policy: FontPolicy, text: str, lang: str, bold: bool = False) -> Face:
    """The face a run is set in: Chinese in the CJK face; English in the Latin face unless it
    holds characters only the CJK face has. One face per run, as SVG and PowerPoint want."""
    style = "Bold" if bold else "Regular"
    if lang == "en":
        latin = policy.latin.faces[style]
        advances = _metrics(latin.path, latin.index).advances
        if all(ch in advances for ch in text):
            return latin
    return policy.cjk.faces[style]


@lru_cache(maxsize=4096)
def measurer(face: Face, size_pt: float):
    """Width in millimetres of any piece of text set in `face` at `size_pt` (additive: the
    width of a line is the sum of its pieces' widths; no kerning). One function for each face
    and size, which remembers the widths it measured (the same words and characters come again
    and again)."""
    metrics = face_metrics(face)
    advances, fallback, scale = metrics.advances, metrics.fallback, size_pt * PT_TO_MM
    known: dict[str, float] = {}

    def width(text: str) -> float:
        found = known.get(text)
        if found is None:
            found = sum(advances.get(ch, fallback) for ch in text) * scale
            if len(text) <= REMEMBERED_LENGTH:           # a word or a character, not a whole line
                if len(known) >= REMEMBERED:
                    known.clear()
                known[text] = found
        return found
    return width


REMEMBERED, REMEMBERED_LENGTH = 20_000, 24     # how many widths a measurer keeps (then it starts again), of what length


def text_width(policy: FontPolicy, text: str, lang: str, size_pt: float, bold: bool = False) -> float:
    """Advance width of `text` in millimetres at `size_pt`, in the face `face_for` picks."""
    return measurer(face_for(policy, text, lang, bold), size_pt)(text)
