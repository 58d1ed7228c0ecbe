"""Stage 3c: the web edition, the page the report's QR code opens on a phone.

A static folder `<id>[-zh|-en]-web/`: index.html and content-hashed assets (the stylesheet from
the theme, the language switch, the page's own subsets of the SC and Latin faces as WOFF2, the
share card), nothing fetched from any other host, readable from any static host and from
file://. Figures are inline SVG with their text as text, in two layouts: one for a phone's
column (70 mm, one column of nodes) and the page's (170 mm), chosen by the width the page gets.
"""
from __future__ import annotations

import hashlib
import io
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
class WebFigure:
    id: str
    number: int
    caption: Text
    alt: Text
    narrow: Markup             # inline SVG, laid out for a phone
    wide: Markup               # inline SVG, the page's layout


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
    env = _environment(templates)
    colours = {name: colour.rgb for name, colour in context.theme.colours().items()}
    common = dict(c=context, report=report, langs=context.edition.langs, lang_tag=LANG_TAGS, colours=colours,
                  theme=context.theme, fonts=fonts, policy=context.policy, card_title=card_title,
                  unit_scale=fitting.UNIT_SCALE, links=True)
    css = asset("site.css", env.get_template("web/site.css.j2").render(**common).encode())
    script = asset("switch.js", env.get_template("web/switch.js").render().encode())
    html = env.get_template("web/index.html.j2").render(
        **common, css=css, script=script, card=card, figures=figures, qr=Markup(_qr(report.url, context.theme)),
        plain=plain, page_url=urldefrag(report.url).url, card_url=beside(report.url, card),
        **_stat_helpers(context))
    return {**assets, "index.html": html.encode()}


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

    return dict(value_html=value_html, value_ems=ems, stat_columns=lambda count: fitting.stat_columns(count)[-1])


def _figures(context: WebContext) -> dict[str, WebFigure]:
    from . import figures
    from .figures.shapes import Frame

    report, out = context.loaded.report, {}
    narrow_frame = Frame(NARROW_MM, 10_000)
    for figure in report.figures:
        drawing = figures.layout(figure, report, context.policy, context.theme, context.edition, narrow_frame)
        narrow = _painted(drawing, context)
        wide = _allowed(context.figures[figure.id].svg, context.figures[figure.id].svg.read_text(encoding="utf-8"))
        alt = figures.describe(figure, report)
        out[figure.id] = WebFigure(figure.id, report.figure_numbers.get(figure.id, 0), figures.caption(figure, report, context.theme),
                                   alt, _inline(narrow, "narrow"), _inline(wide, "wide"))
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


def _inline(svg: str, layout: str) -> Markup:
    """matplotlib's SVG file as an element of the page: no prolog or metadata, scaling with the
    width it gets, hidden from the accessibility tree (the figure's text alternative is read)."""
    svg = svg_element(svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                 rf'<svg class="figure-svg {layout}" aria-hidden="true" focusable="false" \1', svg, count=1)
    return Markup(svg)


def _characters(context: WebContext, figures: dict[str, WebFigure]) -> str:
    """Every character the page may show: its texts and its figures' labels."""
    strings = [s for _, s in iter_strings(context.loaded.report)]
    strings += [re.sub(r"<[^>]+>", "", str(f.narrow) + str(f.wide)) for f in figures.values()]
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


def _cached_card(context: WebContext) -> bytes:
    """The share card, drawn once for its words, theme and faces and kept in the cache."""
    meta = context.loaded.report.meta
    key = cache_name(repr((meta.masthead, meta.title, meta.subtitle, context.edition.langs, context.theme,
                           context.policy.roles, Path(__file__).read_bytes())))
    target = context.cache / "web-cards" / f"{key}.png"
    if not target.exists():
        atomic_write(target, share_card(context))
    return target.read_bytes()


def share_card(context: WebContext) -> bytes:
    """The 1200 x 630 card a chat or social app shows for the page: the cover's design (the ink
    ground, the masthead, the two-tone title, the subtitle) in the page's faces."""
    from PIL import Image, ImageDraw, ImageFont

    from .content.inline import runs

    theme, meta = context.theme, context.loaded.report.meta
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, theme.ink.rgb)
    draw = ImageDraw.Draw(image)
    cjk, latin = context.policy.cjk.faces, context.policy.latin.faces

    def font(lang: str, bold: bool, size: int):
        face = (cjk if lang == "zh" else latin)["Bold" if bold else "Regular"]
        return ImageFont.truetype(str(face.path), size, index=face.index)

    langs = context.edition.langs
    x, y = 72, 80
    draw.text((x, y), meta.masthead[langs[0]], font=font(langs[0], False, 26), fill=theme.rule.rgb)
    y = 200
    for i, lang in enumerate(langs):
        size = 76 if i == 0 else 44
        face = font(lang, True, size)
        cursor = x
        for piece in runs(meta.title[lang]):
            colour = theme.accent_on_ink.rgb if piece.emphasis else theme.paper.rgb
            draw.text((cursor, y), piece.text, font=face, fill=colour)
            cursor += draw.textlength(piece.text, font=face)
        y += int(size * 1.35)
    y += 20
    for i, lang in enumerate(langs):
        size = 30 if i == 0 else 24
        draw.text((x, y), _fit(plain(meta.subtitle[lang]), font(lang, False, size), draw, width - 2 * x),
                  font=font(lang, False, size), fill=theme.rule.rgb if i else theme.paper.rgb)
        y += int(size * 1.5)
    draw.rectangle((x, height - 64, x + 96, height - 58), fill=theme.accent_on_ink.rgb)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _fit(text: str, font, draw, width: float) -> str:
    """`text` cut at a word or character with an ellipsis where it is wider than `width`."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"
