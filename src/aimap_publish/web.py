"""Stage 3c: the web edition, the page the report's QR code opens on a phone.

A static folder `<id>[-zh|-en]-web/`: index.html and content-hashed assets (the stylesheet from
the theme, the language switch, the page's own subsets of the SC and Latin faces as WOFF2, the
share cards), nothing fetched from any other host, readable from any static host and from
file://. Figures are inline SVG with their text as text, in two layouts: one for a phone's
column (60 mm, one column of nodes) and the page's (170 mm), chosen by the width the page gets;
a bilingual edition carries each figure drawn three times (both languages, Chinese, English),
one per mode of its language switch.
"""
from __future__ import annotations

import hashlib
import io
import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from markupsafe import Markup

from .content import Loaded, iter_strings
from .content.inline import plain
from . import fitting
from .content.model import LANG_TAGS, Text, card_title
from .editions import Edition
from .fonts import PT_TO_MM, Face, FontPolicy, text_width
from .errors import ContentError, Problem, display_path
from .output import Staging, atomic_write, real_folders
from .theme import Theme
from .trust import cache_name, svg_element, svg_problem

NARROW_MM = 60.0           # a phone's column: its 7 pt figure text shows at 12 px on a 320 px screen
CARD_SIZE = (1200, 630)    # the share card (Open Graph)


@dataclass(frozen=True)
class FigureArt:
    """One language mode's drawing of a figure: "both", "zh" or "en"."""
    mode: str
    langs: tuple[str, ...]
    narrow: Markup             # inline SVG, laid out for a phone
    wide: Markup               # inline SVG, the page's layout


@dataclass(frozen=True)
class WebFigure:
    id: str
    number: int
    caption: Text
    alt: Text
    arts: tuple[FigureArt, ...]    # the edition's own first; a bilingual edition's Chinese and English after it


@dataclass(frozen=True)
class WebContext:
    loaded: Loaded
    edition: Edition
    policy: FontPolicy
    theme: Theme
    figures: dict              # figure id -> figures.FigureFiles (the page's layout, in the cache)
    cache: Path
    icon_dir: Path


def folder_for(out: Path, report_id: str, edition: Edition) -> Path:
    return out / f"{report_id}{edition.suffix}-web"


def stage_web(files: dict[str, bytes], folder: Path, staging: Staging) -> None:
    """Stage `files` under `folder`: the assets first (those unchanged left alone), index.html
    last, and assets of earlier builds removed at the commit."""
    real_folders((folder, folder / "assets"), display_path)
    for name, data in sorted(files.items()):
        target = folder / name
        if name == "index.html":
            continue
        if target.is_file() and target.read_bytes() == data:
            staging.expect(target, data)
        else:
            staging.path(target).write_bytes(data)
    staging.path(folder / "index.html").write_bytes(files["index.html"])
    staging.prune(folder / "assets", {Path(name).name for name in files if name != "index.html"})


def web_files(context: WebContext, templates: tuple[Path, ...]) -> dict[str, bytes]:
    """The web edition's files by their path in its folder: index.html and the content-hashed
    assets it names (written nowhere: a child process may make them for the build to stage);
    a template that fails (a project's own: a syntax error, or reaching for what the sandbox
    refuses) is a problem naming it."""
    import jinja2

    try:
        return _web_files(context, templates)
    except jinja2.TemplateSyntaxError as error:
        where = display_path(Path(error.filename)) if error.filename else "templates"
        raise ContentError([Problem(where, error.lineno or 0, "", f"template error: {error.message}")])
    except jinja2.TemplateError as error:
        raise ContentError([Problem("templates", 0, "", f"template error: {error}")])


def _web_files(context: WebContext, templates: tuple[Path, ...]) -> dict[str, bytes]:
    from .pdf import _environment

    report = context.loaded.report
    figures = _figures(context)
    svgs = [str(svg) for f in figures.values() for art in f.arts for svg in (art.narrow, art.wide)]
    svgs, figure_styles = styled(svgs)
    restyled = iter(svgs)
    figures = {key: replace(f, arts=tuple(replace(art, narrow=Markup(next(restyled)), wide=Markup(next(restyled)))
                                          for art in f.arts)) for key, f in figures.items()}
    assets: dict[str, bytes] = {}

    def asset(name: str, data: bytes) -> str:
        stem, suffix = name.rsplit(".", 1)
        hashed = f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}"
        assets[hashed] = data
        return hashed

    text = _characters(context, figures)
    faces = _faces(context.policy)
    with ThreadPoolExecutor(len(faces)) as pool:       # brotli leaves the interpreter lock: in parallel
        subsets = dict(zip(faces, pool.map(lambda face: _subset(face, text, context.cache), faces.values())))
    fonts = {key: asset(f"{key}.woff2", data) for key, data in subsets.items()}
    card = asset("share.png", _cached_card(context))
    square = asset("share-square.png", _cached_card(context, SQUARE_SIZE))
    env = _environment(templates)
    colours = {name: colour.rgb for name, colour in context.theme.colours().items()}
    common = dict(c=context, report=report, langs=context.edition.langs, lang_tag=LANG_TAGS, colours=colours,
                  lang_of=lambda text: "zh-CN" if HAN.search(text) else "en",
                  theme=context.theme, fonts=fonts, policy=context.policy, card_title=card_title,
                  unit_scale=fitting.UNIT_SCALE, links=True, figure_styles=Markup(figure_styles))
    css = asset("site.css", env.get_template("web/site.css.j2").render(**common).encode())
    script = asset("switch.js", env.get_template("web/switch.js").render().encode())
    html = env.get_template("web/index.html.j2").render(
        **common, css=css, script=script, card=card, square=square, figures=figures, qr=Markup(_qr(report.url, context.theme)),
        plain=plain, page_url=urldefrag(report.url).url, card_url=beside(report.url, card), square_url=beside(report.url, square),
        display=lambda text: display_html(text, context.cache),
        display_ems=lambda text, lang: display_ems(text, lang, context.policy, context.cache),
        share_text=share_text(context),
        **_stat_helpers(context))
    return {**assets, "index.html": html.encode()}


# What a chat app's card shows of the page's title and description before cutting it, in
# columns (a Chinese character takes two, a Latin letter one): two lines of the card's title,
# three of its description.
SHARE_TITLE_COLUMNS, SHARE_DESCRIPTION_COLUMNS = 52, 100


def columns(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def share_text(context: WebContext) -> dict[str, str]:
    """The title and description the page gives a chat app's card (`<title>`, og:, the
    description): both languages where they fit the card (SHARE_*_COLUMNS), else the first
    language's alone, which is never cut (the app cuts what it must)."""
    meta, edition = context.loaded.report.meta, context.edition

    def fitted(text: Text, sep: str, most: int) -> str:
        both = sep.join(dict.fromkeys(plain(text[lang]) for lang in edition.langs))
        return both if columns(both) <= most else plain(text[edition.primary])

    return {"title": fitted(meta.title, " · ", SHARE_TITLE_COLUMNS),
            "description": fitted(meta.subtitle, " / ", SHARE_DESCRIPTION_COLUMNS)}


def beside(page: str, path: str) -> str:
    """The public address of `path` (relative to the edition's folder) for the page published at
    `page`: the page's query and fragment are not the folder's; a last segment with a dot names
    a file (…/index.html: its folder), one without names the folder (…/reports/x: x/)."""
    parts = urlsplit(page)
    folder = parts.path or "/"
    if not folder.endswith("/") and "." not in folder.rsplit("/", 1)[1]:
        folder += "/"
    return urljoin(urlunsplit((parts.scheme, parts.netloc, folder, "", "")), path)


def _stat_helpers(context: WebContext) -> dict:
    """What the stats template asks: a value as HTML (its unit smaller), its width in ems (the
    page sets it no wider than its column), the columns on a phone and on a wider screen."""
    from .pdf import value_html

    def ems(value: str) -> str:
        def measure(text: str, pt: float) -> float:
            return text_width(context.policy, text, "en", pt, bold=True)
        return f"{fitting.value_width(value, 1.0, measure) / PT_TO_MM:.2f}"

    return dict(value_html=value_html, value_ems=ems, stat_grid=stat_grid)


STATS_MOST = {"wide": 4, "phone": 3}     # stats a row holds, from 860 px and below


@dataclass(frozen=True)
class StatGrid:
    tracks: int                  # the grid's columns from 860 px
    spans: tuple[int, ...]       # the columns each stat takes there
    tracks_phone: int
    spans_phone: tuple[int, ...]


def stat_grid(count: int) -> StatGrid:
    """Stats in balanced rows at each width (5: 3 + 2, 7: 3 + 2 + 2 on a phone; never a stat
    alone on a row under full ones): as few rows as STATS_MOST allows, the rows' counts differing
    by one at most, each row filling the width (a grid of their counts' least common multiple
    of columns, each stat spanning its row's share)."""
    def rows(most: int) -> tuple[int, tuple[int, ...]]:
        lines = max(1, math.ceil(count / most))
        base, extra = divmod(count, lines)
        sizes = [base + 1] * extra + [base] * (lines - extra)
        tracks = math.lcm(*[s for s in sizes if s]) if count else 1
        return tracks, tuple(tracks // size for size in sizes for _ in range(size))

    wide, phone = rows(STATS_MOST["wide"]), rows(STATS_MOST["phone"])
    return StatGrid(wide[0], wide[1], phone[0], phone[1])


def _figures(context: WebContext) -> dict[str, WebFigure]:
    """Each figure in the edition's languages (the page's layout as the PDF has it) and, in a
    bilingual edition, in Chinese only and in English only for the switch's other modes: a
    reader who chose one language sees every label in it."""
    from . import figures
    from .editions import EDITIONS
    from .figures.shapes import Frame

    report, out = context.loaded.report, {}
    narrow_frame = Frame(NARROW_MM, 10_000)
    modes = [("both" if len(context.edition.langs) > 1 else context.edition.name, context.edition)]
    if len(context.edition.langs) > 1:
        modes += [(name, EDITIONS[name]) for name in context.edition.langs]
    wide_frames = figures.page_frames(report, context.theme, "a4")
    for figure in report.figures:
        arts = []
        for mode, edition in modes:
            narrow = _painted(figures.layout(figure, report, context.policy, context.theme, edition, narrow_frame),
                              context)
            if edition == context.edition:
                files = context.figures[figure.id]
                wide = _allowed(files.svg, files.svg.read_text(encoding="utf-8"))
            else:
                wide = _painted(figures.layout(figure, report, context.policy, context.theme, edition,
                                               wide_frames[figure.id]), context)
            lang = LANG_TAGS[edition.langs[0]] if len(edition.langs) == 1 else None
            arts.append(FigureArt(mode, edition.langs, _inline(narrow, "narrow", lang), _inline(wide, "wide", lang)))
        out[figure.id] = WebFigure(figure.id, report.figure_numbers.get(figure.id, 0),
                                   figures.caption(figure, report, context.theme), figures.describe(figure, report),
                                   tuple(arts))
    return out


def _painted(drawing, context: WebContext) -> str:
    """The drawing as SVG, painted once and kept in the cache under its fingerprint."""
    from .figures import _fingerprint

    target = context.cache / "web-figures" / f"{_fingerprint(drawing, context.policy, context.theme)}.svg"
    if target.exists():
        kept = target.read_text(encoding="utf-8", errors="replace")
        if svg_problem(kept) is None:
            return kept
    from .figures import paint_mpl

    paint_mpl.setup(context.policy)
    atomic_write(target, paint_mpl.paint(drawing, context.policy, context.theme, context.icon_dir, "svg"))
    return _allowed(target, target.read_text(encoding="utf-8"))


def _allowed(path: Path, svg: str) -> str:
    """`svg` when it holds only what the figure painter writes (it becomes markup of the page);
    else a problem naming the file (a cache entry not of this tool's making)."""
    problem = svg_problem(svg)
    if problem is not None:
        raise ContentError([Problem(display_path(path), 0, "", f"not a figure this tool draws ({problem}): delete "
                                    "the file and build again")])
    return svg


def _inline(svg: str, layout: str, lang: str | None = None) -> Markup:
    """matplotlib's SVG file as an element of the page: no prolog or metadata, scaling with the
    width it gets, hidden from the accessibility tree (the figure's text alternative is read),
    written compactly and each text in its language (`compact`)."""
    svg = svg_element(svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                 rf'<svg class="figure-svg {layout}" aria-hidden="true" focusable="false" \1', svg, count=1)
    return Markup(compact(svg, lang))


GEOMETRY = re.compile(r'( (?:d|x|y|width|height|transform)=")([^"]*)"')
NUMBER = re.compile(r"-?\d+\.\d+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SVG_DEFAULTS = ".figure-svg * { stroke-linejoin: round; stroke-linecap: butt; }"


def compact(svg: str, lang: str | None = None) -> str:
    """matplotlib's SVG written for a page that carries three languages' drawings of each
    figure: coordinates to a tenth of a point (a fifth of a pixel at the largest), without its
    pretty-printing, its no-op rotations, its group ids and single-element groups, its clip to
    the whole figure and its global style sheet (the page's SVG_DEFAULTS says it); each text
    element says its language: `lang` (a drawing in one language, names included), else
    Chinese where it holds Han characters. Styles stay inline until `styled` makes them classes."""
    def geometry(match: re.Match) -> str:
        value = NUMBER.sub(lambda n: _short(float(n.group())), match.group(2))
        return f'{match.group(1)}{" ".join(value.split())}"'

    svg = GEOMETRY.sub(geometry, svg)
    svg = re.sub(r' transform="rotate\(-?0 [^"]*\)"', "", svg)
    svg = re.sub(r">\n\s*<", "><", svg)
    svg = re.sub(r'<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>', "", svg)
    svg = re.sub(r'<defs>\s*<clipPath id="[^"]*">\s*<rect x="0" y="0" [^>]*/>\s*</clipPath>\s*</defs>', "", svg)
    svg = re.sub(r' clip-path="url\(#[^)"]*\)"', "", svg)
    svg = re.sub(r'<g id="[^"]*">', "<g>", svg)
    svg = re.sub(r"<g>(<(text|path|rect)\b[^>]*?(?:/>|>[^<]*</\2>))</g>", r"\1", svg)

    def text(match: re.Match) -> str:
        tag = lang or ("zh-CN" if HAN.search(match.group(2)) else "en")
        return f'<text lang="{tag}"{match.group(1)}>{match.group(2)}</text>'

    return re.sub(r"<text([^>]*)>([^<]*)</text>", text, svg)


STYLE = re.compile(r' style="([^"]*)"')


def styled(svgs: list[str]) -> tuple[list[str], str]:
    """The figures' inline styles as classes of the page's style sheet (matplotlib repeats
    each on every element): the SVGs with `class="f<n>"` for each, and the rules."""
    counts: dict[str, int] = {}
    for svg in svgs:
        for style in STYLE.findall(svg):
            counts[style] = counts.get(style, 0) + 1
    names = {style: f"f{i}" for i, style in enumerate(sorted(counts, key=lambda st: (-counts[st], st)))}
    out = [STYLE.sub(lambda m: f' class="{names[m.group(1)]}"', svg) for svg in svgs]
    rules = "\n".join(f".figure-svg .{name} {{ {style} }}" for style, name in names.items())
    return out, f"{SVG_DEFAULTS}\n{rules}\n"


def _short(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _characters(context: WebContext, figures: dict[str, WebFigure]) -> str:
    """Every character the page may show: its texts and its figures' labels."""
    strings = [s for _, s in iter_strings(context.loaded.report)]
    strings += [re.sub(r"<[^>]+>", "", str(art.narrow) + str(art.wide)) for f in figures.values() for art in f.arts]
    strings += [f.alt.zh + f.alt.en for f in figures.values()]
    return "".join(sorted(set("".join(strings)) | set(" 0123456789/–—·:：()（）")))


def _faces(policy: FontPolicy) -> dict[str, Face]:
    return {"sc-regular": policy.cjk.faces["Regular"], "sc-bold": policy.cjk.faces["Bold"],
            "latin-regular": policy.latin.faces["Regular"], "latin-bold": policy.latin.faces["Bold"]}


LAYOUT_FEATURES = ("kern", "liga", "locl", "palt", "vert")


def _subset(face: Face, text: str, cache: Path) -> bytes:
    """The face cut down to the characters of `text` by HarfBuzz's subsetter (no hinting, CFF
    desubroutinized, only the layout features the page uses), as WOFF2 written by fontTools
    (cached by face and characters; the same characters give the same bytes)."""
    key = cache_name(f"{face.path}|{face.index}|{face.path.stat().st_size}|{text}")
    target = cache / "web-fonts" / f"{key}.woff2"
    if target.exists():
        return target.read_bytes()
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    wanted = hb.SubsetInput()
    wanted.unicode_set.update(map(ord, text))
    wanted.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    features = wanted.layout_feature_tag_set
    features.clear()
    features.update(int.from_bytes(tag.encode("ascii"), "big") for tag in LAYOUT_FEATURES)
    subset = hb.subset(hb.Face(hb.Blob.from_file_path(str(face.path)), face.index), wanted)
    if subset is None:
        raise ValueError(f"HarfBuzz could not subset {face.path}")
    font = TTFont(io.BytesIO(subset.blob.data), recalcTimestamp=False)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=False)
    data = buffer.getvalue()
    atomic_write(target, data)
    return data


def _qr(url: str, theme: Theme) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", border=4, dark=theme.ink.rgb, light="#ffffff",
                                    xmldecl=False, svgns=True, omitsize=True, svgclass="qr")
    return buffer.getvalue().decode()


def _cached_card(context: WebContext, size: tuple[int, int] = None) -> bytes:
    """A share card, drawn once for its words, size, theme and faces and kept in the cache."""
    size = size or CARD_SIZE
    meta = context.loaded.report.meta
    key = cache_name(repr((meta.masthead, meta.title, meta.subtitle, context.edition.langs, context.theme,
                           context.policy.roles, size, Path(__file__).read_bytes())))
    target = context.cache / "web-cards" / f"{key}.png"
    if not target.exists():
        atomic_write(target, share_card(context, size))
    return target.read_bytes()


SQUARE_SIZE = (600, 600)   # the square thumbnail a chat list shows beside the title
# Type sizes of the 1200 x 630 card, in px: the title's first language, its second, the subtitle's
# first and second; each step of the ladder sets all of them smaller by the same factor.
CARD_TYPE = (76, 44, 30, 24)
CARD_STEPS = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6, 0.53, 0.47, 0.42)
SMALLEST_FULL_STEP = 0.68  # below it a subtitle would be unreadable in a chat list: the second language's goes first


@dataclass(frozen=True)
class CardPlan:
    """Where a share card's words go: each text's lines as (text, emphasis) runs, its font and
    line height and its role, from `top` down; `width` the lines' measure, `bottom` the lowest
    a line may reach."""
    margin: int
    masthead_top: int
    top: int
    bottom: int
    width: int
    gap: float
    masthead: object
    blocks: tuple
    fits: bool


def card_plan(context: WebContext, size: tuple[int, int] = CARD_SIZE) -> CardPlan:
    """The share card's type fitting, never cutting a text: each text whole, wrapped between
    words (`phrases`), at the largest step of CARD_STEPS (down to SMALLEST_FULL_STEP) at which
    the title and both subtitles fit; else with the first language's subtitle only; else the
    title alone at any step; else the first language's title (the page carries the rest). A
    square card (the thumbnail) carries the masthead and the title."""
    from PIL import Image, ImageDraw, ImageFont

    from .content.inline import runs
    from .linebreak import wrap

    meta = context.loaded.report.meta
    width, height = size
    square = width == height
    draw = ImageDraw.Draw(Image.new("RGB", (8, 8)))
    cjk, latin = context.policy.cjk.faces, context.policy.latin.faces
    unit = width / CARD_SIZE[0] if not square else width / 640
    margin = round(72 * unit)

    def font(lang: str, bold: bool, px: float):
        face = (cjk if lang == "zh" else latin)["Bold" if bold else "Regular"]
        return ImageFont.truetype(str(face.path), max(8, round(px)), index=face.index)

    langs = context.edition.langs
    masthead_top = round((80 if not square else 64) * unit)
    masthead = font(langs[0], False, 26 * unit * (1.2 if square else 1))
    top = masthead_top + round(120 * unit if not square else 90 * unit)
    bottom = height - round(96 * unit)
    gap = 20 * unit
    measure = width - 2 * margin

    def blocks(step: float, title_langs, subtitles):
        out = []
        for i, lang in enumerate(title_langs):
            px = CARD_TYPE[min(i, 1)] * unit * step * (1.25 if square else 1)
            face = font(lang, True, px)
            out.append((_wrapped(meta.title[lang], face, draw, measure, wrap, runs, context.cache), face, px * 1.3,
                        "title"))
        if not square:
            for i, lang in enumerate(subtitles):
                px = CARD_TYPE[2 + min(i, 1)] * unit * step
                face = font(lang, False, px)
                out.append((_wrapped(meta.subtitle[lang], face, draw, measure, wrap, runs, context.cache), face, px * 1.45,
                            "subtitle" if i == 0 else "subtitle-alt"))
        return tuple(out)

    def tall(found) -> float:
        return sum(len(lines) * line_h for lines, _, line_h, _ in found) + (gap if found[-1][3] != "title" else 0)

    rungs = [(step, langs, langs) for step in CARD_STEPS if step >= SMALLEST_FULL_STEP]
    rungs += [(step, langs, langs[:1]) for step in CARD_STEPS if step >= SMALLEST_FULL_STEP and len(langs) > 1]
    rungs += [(step, langs, ()) for step in CARD_STEPS]
    rungs += [(CARD_STEPS[-1], langs[:1], ())]
    for step, title_langs, subtitles in rungs:         # the first rung at which everything fits
        found = blocks(step, title_langs, subtitles)
        if tall(found) <= bottom - top:
            return CardPlan(margin, masthead_top, top, bottom, measure, gap, masthead, found, True)
    return CardPlan(margin, masthead_top, top, bottom, measure, gap, masthead, found, False)


def share_card(context: WebContext, size: tuple[int, int] = CARD_SIZE) -> bytes:
    """A card a chat or social app shows for the page: the cover's design (the ink ground, the
    masthead, the two-tone title, the subtitle) in the page's faces, its words as `card_plan`
    fits them."""
    from PIL import Image, ImageDraw

    theme, meta = context.theme, context.loaded.report.meta
    width, height = size
    unit = width / CARD_SIZE[0] if width != height else width / 640
    plan = card_plan(context, size)
    image = Image.new("RGB", size, theme.ink.rgb)
    draw = ImageDraw.Draw(image)
    draw.text((plan.margin, plan.masthead_top), plain(meta.masthead[context.edition.primary]), font=plan.masthead,
              fill=theme.rule.rgb)
    y = plan.top
    for index, (lines, face, line_h, role) in enumerate(plan.blocks):
        if role == "subtitle" and index:
            y += plan.gap
        for line in lines:
            cursor = plan.margin
            for text, emphasis in line:
                if role == "title":
                    colour = theme.accent_on_ink.rgb if emphasis else theme.paper.rgb
                else:
                    colour = theme.paper.rgb if role == "subtitle" else theme.rule.rgb
                draw.text((cursor, y), text, font=face, fill=colour)
                cursor += draw.textlength(text, font=face)
            y += line_h
    draw.rectangle((plan.margin, height - round(64 * unit), plan.margin + round(96 * unit), height - round(58 * unit)),
                   fill=theme.accent_on_ink.rgb)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _wrapped(text: str, face, draw, width: float, wrap, runs, cache: Path | None = None) -> list[list[tuple[str, bool]]]:
    """`text` (inline markup) in lines no wider than `width`, broken between its phrases (a
    phrase wider than the line by `wrap`), each line as its (text, emphasis) runs."""
    emphasis, flat = [], ""
    for run in runs(text):
        flat += run.text
        emphasis += [run.emphasis] * len(run.text)

    def measure(piece: str) -> float:
        return draw.textlength(piece, font=face)

    found, current = [], ""
    for piece in phrases(flat, cache):
        trial = current + piece
        if measure(trial.rstrip()) <= width:
            current = trial
            continue
        if current.strip():
            found.append(current.rstrip())
        piece = piece.lstrip()
        if measure(piece.rstrip()) <= width:
            current = piece
        else:                            # a phrase wider than the line: between its characters
            cut = wrap(piece.rstrip(), width, measure)
            found += cut[:-1]
            current = cut[-1] + piece[len(piece.rstrip()):]
    if current.strip():
        found.append(current.rstrip())
    lines, position = [], 0
    for line in found:
        start = flat.find(line, position)
        start = position if start < 0 else start
        pieces: list[tuple[str, bool]] = []
        for offset, char in enumerate(line):
            marked = emphasis[start + offset] if start + offset < len(emphasis) else False
            if pieces and pieces[-1][1] == marked:
                pieces[-1] = (pieces[-1][0] + char, marked)
            else:
                pieces.append((char, marked))
        lines.append(pieces)
        position = start + len(line)
    return lines


# ---- Display headings: broken only between words -----------------------------------------------

PUNCTUATION_AFTER = set("：，、；。！？·—)）」』》")
OPENING = set("（(《「『“")
LONG_RUN = 6               # a Han run longer than this is cut into words (jieba's dictionary)


def phrases(text: str, cache: Path | None = None) -> list[str]:
    """`text` cut where a display line may break: after a space or a Chinese punctuation mark,
    where Han characters meet Latin letters or digits, and between the words of a long Han run
    (a dictionary's segmentation). Joined, the pieces are `text`."""
    pieces: list[str] = []
    for chunk in re.findall(r"\S+\s*|\s+", text):
        current = ""
        for char in chunk:
            if current and (current[-1] in PUNCTUATION_AFTER or char in OPENING
                            or {_script(current[-1]), _script(char)} == {"han", "latin"}):
                pieces.append(current)
                current = ""
            current += char
        pieces.append(current)
    out: list[str] = []
    for piece in pieces:
        han = piece.rstrip()
        if len(han) > LONG_RUN and all(_script(c) == "han" for c in han):
            words = _words(han, cache)
            words[-1] += piece[len(han):]
            out += words
        else:
            out.append(piece)
    return [p for p in out if p]


def _script(char: str) -> str:
    if HAN.match(char):
        return "han"
    if char.isalnum():
        return "latin"
    return "mark"


def _words(run: str, cache: Path | None) -> list[str]:
    import logging
    import warnings

    with warnings.catch_warnings():          # its resource loader's deprecation, not ours to show
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    if not jieba.dt.initialized:
        if cache is not None:            # its dictionary's index is kept in the project's cache, not /tmp
            (cache / "segmenter").mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache / "segmenter")
        jieba.dt.initialize()
    return [word for word in jieba.cut(run, HMM=False) if word]


def display_html(text: str, cache: Path | None = None, links: bool = True) -> Markup:
    """A display heading's inline HTML with a break opportunity (<wbr>) between its phrases
    only; the page sets it `word-break: keep-all`, so a line never breaks inside a word."""
    from .content.inline import runs
    from .html_text import _run_html

    out = []
    for run in runs(text):              # an emphasised run is a phrase of its own
        pieces = phrases(run.text, cache)
        html = Markup("<wbr>").join(_run_html(piece, False, links) for piece in pieces)
        out.append(Markup("<strong>%s</strong>") % html if run.emphasis else html)
    return Markup("<wbr>").join(out)


def display_ems(text: str, lang: str, policy: FontPolicy, cache: Path | None = None) -> str:
    """The widest phrase of a display heading, in ems of its bold face: the page sets the
    heading no larger than its column holds that phrase."""
    from .content.inline import plain

    widest = max((text_width(policy, piece.strip(), lang, 1.0, bold=True) / PT_TO_MM
                  for piece in phrases(plain(text), cache) if piece.strip()), default=1.0)
    return f"{widest * 1.04:.2f}"
