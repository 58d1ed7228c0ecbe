"""Stage 3a: the report as PDF, Jinja2 -> HTML -> WeasyPrint.

Templates live in templates/ (report.html.j2 with one partial per block kind in blocks/,
report.css). The fetcher only reads the project's own templates, figures, icons and fonts;
any WeasyPrint warning fails the build.
"""
from __future__ import annotations

import base64
import io
import math
import logging
import string
import sys
import uuid
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .content import Loaded
from .content.model import card_title
from .content.model import LANG_TAGS, Text
from . import engine, fitting
from .editions import Edition
from .errors import ContentError, Problem, display_path
from .figures import CAPTION_MM, MIN_PRINT_PT, OPENING_MM, PAGE_MM, page_frame, page_frames
from .fonts import PT_TO_MM, FontPolicy, face_for, measurer, text_width
from .html_text import address_filter, inline_filter, url_html
from .linebreak import wrap
from .output import atomic_write
from .pagination import Plan, improve, measure, pieces
from .pdf_links import one_annotation_per_link
from .theme import Theme
from .trust import cache_name


@dataclass(frozen=True)
class FigureAsset:
    """What the page shows for one figure: its drawing, caption and alt text."""

    id: str
    number: int
    caption: Text
    alt: Text
    image: Path | None
    height: float = 0.0                 # the drawing's height at the page's width (mm)
    smallest: float = 0.0               # its smallest text (pt)


@dataclass(frozen=True)
class PageContext:
    """Everything a template may read; nothing else reaches it."""

    loaded: Loaded
    edition: Edition
    medium: str                     # "print" or "screen"
    policy: FontPolicy
    theme: Theme
    figures: dict[str, FigureAsset]
    icons: dict[str, Path]
    qr: str                         # the share QR code as an SVG data: URL
    paper: str = "a4"               # "a4" or "letter"
    profile: Path | None = None     # CMYK output intent of the print edition (ICC)
    pages: int | None = None        # the total the folios give (print: padded to fours); None: counted
    pad: int = 0                    # notes pages the print edition sets before its end matter


SCREEN_FOLIO = "{page} / {pages}"

MAX_LAYOUTS = 8             # layouts tried while the pagination improves


@dataclass
class Laid:
    """A document laid out under a plan, and the better plan its pages call for (None: none)."""

    plan: Plan
    document: object
    better: Plan | None


def find_plan(context: PageContext, templates: tuple[Path, ...], roots: tuple[Path, ...],
              hint: Plan | None = None, children: list | None = None) -> Laid:
    """The pagination of the report: laid out from the plain plan and improved until no page is
    left too empty by a figure that did not fit (pagination.py). Returns the final layout.

    `hint` is the plan the last build ended with. With a spare process (`children`: the build's
    list), the plain plan is laid out in a child while the hint is laid out here; when the plain
    layout calls for exactly the hint, the search goes on from the hint's layout, one layout
    sooner, and when a later step of the search calls for it, its layout is taken. The result is the same as without the hint: only what the plain plan's layout
    decides is followed."""
    from .parallel import Child, can_fork

    laid, layouts, known = None, 0, {}
    if hint is not None and hint != Plan() and children is not None and can_fork():
        child = Child(lambda: lay_out(context, templates, roots, Plan()).better, into=children)
        guess = known[hint] = lay_out(context, templates, roots, hint)
        first = child.join()
        laid, layouts = (guess, 2) if first == hint else (Laid(Plan(), None, first), 1)
    while laid is None or (laid.better is not None and layouts < MAX_LAYOUTS):
        wanted = laid.better if laid else Plan()
        # a search that reaches the hint later on (a plan of two steps) takes its layout
        laid = known.get(wanted) or lay_out(context, templates, roots, wanted)
        layouts += 1
    if laid.document is None:                  # the plain plan was final: lay it out here
        laid = lay_out(context, templates, roots, laid.plan)
    return laid


def lay_out(context: PageContext, templates: tuple[Path, ...], roots: tuple[Path, ...], plan: Plan,
            improving: bool = True) -> Laid:
    """The report laid out by WeasyPrint under `plan` (nothing written)."""
    engine.load()
    from weasyprint import HTML

    _check_subsetter()
    options, base = _pdf_options(context, _seed(context)), str(templates[0]) + "/"
    with _fail_on_warnings(context.medium), _languages_tagged(), one_annotation_per_link():
        html = render_html(context, templates, plan=plan)
        document = HTML(string=html, base_url=base, url_fetcher=_fetcher(roots)).render(**options)
    better = improve(plan, measure(document), _sections(context, plan)) if improving else None
    return Laid(plan, document, better)


def render_pdf(context: PageContext, target: Path, templates: tuple[Path, ...], roots: tuple[Path, ...],
               plan: Plan | None = None, laid: Laid | None = None, hint: Plan | None = None,
               children: list | None = None) -> Plan:
    """Write the PDF of one edition and medium to `target` (a temporary path); `templates`
    are the template folders (the project's first), `roots` every folder the PDF may read.
    With `laid` (this medium's final layout) or a `plan` (another medium's, shared) the
    pagination is not searched again; otherwise it is (find_plan, with `hint` and `children`).
    Returns the plan used."""
    engine.load()
    from weasyprint import HTML

    if laid is None:
        laid = (lay_out(context, templates, roots, plan, improving=False) if plan is not None
                else find_plan(context, templates, roots, hint, children))
    laid_out = len(laid.document.pages)
    if context.medium == "print" and (context.pages, context.pad) != (printed_pages(laid_out), printed_pages(laid_out) - laid_out):
        # laid out with another total in its folios (a guess from the last build, or none): the
        # folios alone change, so the pages stay as they are
        context = replace(context, pages=printed_pages(laid_out), pad=printed_pages(laid_out) - laid_out)
        laid = lay_out(context, templates, roots, laid.plan, improving=False)
    seed = _seed(context)
    options, base = _pdf_options(context, seed), str(templates[0]) + "/"
    document = laid.document
    with (_fail_on_warnings(context.medium), _fixed_document_id(seed), _languages_tagged(),
          one_annotation_per_link()):
        pad = printed_pages(len(document.pages)) - len(document.pages) if context.medium == "print" else 0
        if pad:
            # the notes pages go before the end matter (the inside back cover and the back cover close the book)
            at = next((i for i, page in enumerate(document.pages) if page._page_box.page_type.name == "end"),
                      len(document.pages) - 1)
            padding = HTML(string=render_html(context, templates, "padding.html.j2", pad=pad, plan=laid.plan,
                                              first_page=at + 1), base_url=base, url_fetcher=_fetcher(roots)).render(**options)
            document = document.copy([*document.pages[:at], *padding.pages, *document.pages[at:]])
        document.write_pdf(target, **options)
    if context.medium == "print":
        if not _has_output_intent(target):
            # An @color-profile WeasyPrint did not take leaves PDF/X without intent.
            raise ContentError([Problem("templates/report.css.j2", 0, "pdf (print)",
                                        "the print PDF has no /OutputIntents: check the @color-profile rule")])
        prepress(target, context.profile)
    return laid.plan


def _seed(context: PageContext) -> str:
    return f"{context.loaded.report.id}-{context.edition.name}-{context.medium}-{context.paper}"


def _sections(context: PageContext, plan: Plan) -> list[tuple[str, list]]:
    return [(section.id, pieces(number, section.blocks, plan))
            for number, section in enumerate(context.loaded.report.sections)]


@cache
def _check_subsetter() -> None:
    """Say so when WeasyPrint falls back from HarfBuzz's subsetter to fontTools (~5x slower)."""
    from weasyprint.text.ffi import harfbuzz_subset

    if harfbuzz_subset is None:
        print("aimap-publish: warning: HarfBuzz's font subsetter is missing, so PDFs take about five "
              "times longer; install Debian's libharfbuzz-subset0 (make setup)", file=sys.stderr)


SLUG_MM, MARK_MM, MARK_GAP_MM = 10.0, 6.0, 1.0
PT_PER_MM = 72 / 25.4
# Registration colour: the Separation "All" prints on every plate (PDF 1.7, 8.6.6.4).
ALL = ["/Separation", "/All", "/DeviceCMYK",
       {"/FunctionType": 2, "/Domain": [0, 1], "/C0": [0, 0, 0, 0], "/C1": [1, 1, 1, 1], "/N": 1}]


def prepress(path: Path, profile: Path) -> None:
    """What a print shop expects beyond what WeasyPrint writes: a slug around the bleed
    (MediaBox > BleedBox > TrimBox) holding crop and bleed marks in registration colour, no
    annotations on the pages (links belong to the screen edition), every image in CMYK."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        _images_in_cmyk(pdf, profile)
        for page in pdf.pages:
            trim, bleed = ([float(v) for v in page[box]] for box in ("/TrimBox", "/BleedBox"))
            slug = SLUG_MM * PT_PER_MM
            media = [bleed[0] - slug, bleed[1] - slug, bleed[2] + slug, bleed[3] + slug]
            page.MediaBox = page.CropBox = pikepdf.Array(media)
            for key in ("/ArtBox", "/Annots"):
                if key in page.obj:
                    del page.obj[key]
            page.add_resource(pikepdf.Array([pikepdf.Name(ALL[0]), pikepdf.Name(ALL[1]), pikepdf.Name(ALL[2]),
                                             pdf.make_indirect(pikepdf.Dictionary(ALL[3]))]),
                              pikepdf.Name.ColorSpace, pikepdf.Name("/CSAll"))
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
            page.contents_add(pdf.make_stream(b"Q\n" + _marks(trim, bleed)))
        pdf.save(path, deterministic_id=True)


TOTAL_INK = 3.0                 # the most ink a printed pixel may carry (300 %)
INK_HEADROOM = 0.02             # images are kept 2 % under it: a RIP's resampling rounds each plate


def _images_in_cmyk(pdf, profile: Path) -> None:
    """Every RGB image (the icons: emoji drawn in colour) converted to CMYK through the output
    intent (sRGB to the print profile, relative colorimetric), its ink kept within 298 % (under
    300 % after a RIP's resampling) by taking cyan, magenta and yellow back where a pixel
    carries more, its soft mask (the transparency) kept as it is."""
    import numpy as np
    import pikepdf
    from pikepdf import PdfImage

    for image in pdf.objects:
        if not (isinstance(image, pikepdf.Stream) and image.get("/Subtype") == "/Image"
                and image.get("/ColorSpace") == "/DeviceRGB"):
            continue
        from PIL import ImageCms

        cmyk = ImageCms.applyTransform(PdfImage(image).as_pil_image().convert("RGB"), _to_cmyk(profile))
        ink = np.asarray(cmyk).astype(float)
        limit, black = (TOTAL_INK - INK_HEADROOM) * 255, ink[..., 3]
        colour = ink[..., :3].sum(axis=2)
        over = colour + black > limit
        ink[..., :3] *= np.where(over, (limit - black) / np.maximum(colour, 1), 1.0)[..., None]
        pixels = np.clip(np.floor(ink), 0, 255).astype(np.uint8)
        image.write(zlib.compress(pixels.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
        image.ColorSpace = pikepdf.Name.DeviceCMYK
        if "/DecodeParms" in image:
            del image["/DecodeParms"]


@cache
def _to_cmyk(profile: Path):
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def _marks(trim: list[float], bleed: list[float]) -> bytes:
    """Crop marks on the trim lines and bleed marks on the bleed lines, drawn outward from a
    little beyond the bleed into the slug, as an artifact."""
    gap, length = MARK_GAP_MM * PT_PER_MM, MARK_MM * PT_PER_MM
    lines = []
    for x_index, y_index, sx, sy in ((0, 1, -1, -1), (2, 1, 1, -1), (0, 3, -1, 1), (2, 3, 1, 1)):
        edge_x, edge_y = bleed[x_index] + sx * gap, bleed[y_index] + sy * gap
        for x, y in ((trim[x_index], trim[y_index]), (bleed[x_index], bleed[y_index])):
            lines.append(f"{edge_x:.3f} {y:.3f} m {edge_x + sx * length:.3f} {y:.3f} l S")
            lines.append(f"{x:.3f} {edge_y:.3f} m {x:.3f} {edge_y + sy * length:.3f} l S")
    body = "\n".join(lines)
    return f"/Artifact BMC q /CSAll CS 1 SCN 0.25 w\n{body}\nQ EMC\n".encode()


def _has_output_intent(path: Path) -> bool:
    import pikepdf

    with pikepdf.open(path) as written:
        intents = written.Root.get("/OutputIntents", [])
        return any(intent.get("/S") == "/GTS_PDFX" for intent in intents)


@contextmanager
def _fixed_document_id(seed: str):
    """WeasyPrint writes a random XMP DocumentID for PDF/X; derive it from the edition instead,
    so the same inputs give the same bytes (issue: reproducible builds)."""
    from weasyprint.pdf import metadata

    random_uuid = metadata.uuid4
    metadata.uuid4 = lambda: uuid.uuid5(uuid.NAMESPACE_URL, seed)
    try:
        yield
    finally:
        metadata.uuid4 = random_uuid


PRINT_PROFILE = Path(__file__).parent / "resources" / "icc" / "FOGRA39.icc"


@contextmanager
def _languages_tagged():
    """Every structure element made for an element with a `lang` attribute carries it as /Lang,
    so a screen reader reads the English spans with an English voice (WeasyPrint 70 declares
    only the document's language). It wraps WeasyPrint's tree builder, which calls itself by
    its module name."""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def with_lang(box, *args):
        lang = box.element.get("lang") if getattr(box, "element", None) is not None else None
        for element in build(box, *args):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    tags._build_box_tree = with_lang
    try:
        yield
    finally:
        tags._build_box_tree = build


def print_profile() -> Path:
    """The CMYK output intent: Coated FOGRA39 (ISO 12647-2), made from the characterization data
    of Debian's icc-profiles-free with ArgyllCMS by tools/print-profile.py, shipped with the
    package."""
    return PRINT_PROFILE


def render_html(context: PageContext, templates: tuple[Path, ...], page: str = "report.html.j2",
                plan: Plan = Plan(), **extra) -> str:
    """The report as HTML from the templates (`page`: the report, or the print edition's padding
    pages); a broken template (a project's own, say) is a problem naming its file and line."""
    try:
        return _render_html(context, templates, page, plan, extra)
    except jinja2.TemplateSyntaxError as error:
        where = display_path(Path(error.filename)) if error.filename else "templates"
        raise ContentError([Problem(where, error.lineno or 0, "", f"template error: {error.message}")])
    except jinja2.TemplateError as error:
        raise ContentError([Problem("templates", 0, "", f"template error: {error}")])


def _render_html(context: PageContext, templates: tuple[Path, ...], page: str, plan: Plan, extra: dict) -> str:
    colours = context.theme.colours()
    frame = page_frame(context.theme, context.paper)
    frame_w, frame_h = frame.width, frame.height
    return _environment(templates).get_template(page).render(
        **extra, plan=plan, pieces=lambda part, blocks: pieces(part, blocks, plan), type_area=(frame_w, frame_h + CAPTION_MM), notes_lines=int((frame_h + CAPTION_MM - 24) // 8),
        c=context, report=context.loaded.report, langs=context.edition.langs, links=context.medium == "screen",
        lang_tag=LANG_TAGS, theme=context.theme, size=context.theme.sizes, space=context.theme.spacing, url_for=lambda path: path.resolve().as_uri(), card_title=card_title,
        colour=lambda name: colours[name].css(context.medium),
        font_stack=lambda *roles: Markup(", ".join(f'"{_css_string(f)}"' for f in context.policy.families(*roles))),
        # print: the report's folio ("第3页 / 共12页"); screen: page of pages, no words ("3 / 10")
        folio=Markup(css_counters(context.theme.format("folio")[context.edition.primary]
                                  if context.medium == "print" else SCREEN_FOLIO, context.pages)),
        figure_frame=(frame_w, frame_h),
        figure_height=_figure_heights(context, plan),
        stats_fit=lambda block, part: stats_fit(context, block, _stats_width(context, part, frame_w)),
        value_html=value_html, unit_scale=fitting.UNIT_SCALE, brand_faces=_brand_faces(context.policy),
        end_fits=end_matter_fits(context, frame_h + CAPTION_MM),
    )


def end_matter_fits(context: PageContext, height_mm: float) -> bool:
    """Whether the end matter's parts, two to a row, leave its page room for the colophon at the
    foot (a generous estimate of their lines: a part too long runs on, the colophon after it)."""
    parts, langs = context.loaded.report.end.parts(), context.edition.langs
    per_line = {"zh": (26, 5.3), "en": (12, 4.5)}          # characters or words a column line holds, mm a line

    def height(text) -> float:
        mm = 10.0
        for lang in langs:
            count, line = per_line[lang]
            size = len(text[lang]) if lang == "zh" else len(text[lang].split())
            mm += math.ceil(size / count) * line + 1.5
        return mm

    rows = [parts[i:i + 2] for i in range(0, len(parts), 2)]
    return sum(max(height(text) for _, text in row) + 7.0 for row in rows) + 60.0 <= height_mm


def _brand_faces(policy: FontPolicy) -> list[dict]:
    """The project's own faces (fonts/), which fontconfig does not know: the stylesheet declares
    them with @font-face, by a family name quoted for CSS."""
    faces = [face for role in policy.roles.values() for face in role.faces.values() if face.brand and face.index == 0]
    return [{"family": Markup(_css_string(face.family)), "path": face.path, "weight": 700 if face.style == "Bold" else 400}
            for face in dict.fromkeys(faces)]


def _css_string(text: str) -> str:
    """`text` as the inside of a double-quoted CSS string (no way out of the string)."""
    return "".join(f"\\{ord(ch):x} " if ch in '"\\<>{}' or ord(ch) < 32 else ch for ch in text)


def _figure_heights(context: PageContext, plan: Plan) -> dict[str, float]:
    """The height each figure may take on its page: its frame's (less the section heading's
    where it opens its section), and so where the plan has it lead its section."""
    report, frame = context.loaded.report, page_frame(context.theme, context.paper)
    heights = {fid: f.height for fid, f in page_frames(report, context.theme, context.paper).items()}
    heights = {fid: min(h, frame.height - OPENING_MM) if fid in plan.leads else h for fid, h in heights.items()}
    for fid, shortfall in plan.fits:                    # a little smaller, to stay on its page
        asset = context.figures.get(fid)
        if asset is None or not asset.height:
            continue
        shown = min(heights[fid], asset.height)
        floor = asset.height * MIN_PRINT_PT / asset.smallest if asset.smallest else shown
        heights[fid] = max(shown - shortfall, floor, 0.0)
    return heights


COVER_INSET_MM = 22.0          # the cover's stats stand this far from the trim on either side


def _stats_width(context: PageContext, part, frame_w: float) -> float:
    if part == "cover":
        return PAGE_MM[context.paper][0] - 2 * COVER_INSET_MM
    return frame_w


def stats_fit(context: PageContext, block, width_mm: float) -> fitting.StatsFit:
    """A stats block's columns and sizes on the page, from the fitting's ladder. Checked stats
    always fit at the floor in a column; should they not, the floor is used and the preflight
    sees the overflow."""
    items, theme, langs = block.items, context.theme, context.edition.langs

    def value_width(i: int, size: float) -> float:
        return max(fitting.value_width(items[i].value_in(lang), size,
                                       lambda text, pt: text_width(context.policy, text, "en", pt, bold=True))
                   for lang in langs)

    def label_height(i: int, width: float, size: float, second: bool = True) -> float:
        texts = [(l, items[i].label[l]) for l in context.edition.langs]
        return sum(len(wrap(text, width, measurer(face_for(context.policy, text, l), size))) * size * 1.4 * PT_TO_MM
                   for l, text in texts)

    frame = fitting.StatsFrame(width_mm, None, STAT_GAP_MM, 4.0, theme.page_steps("stat-value"),
                               theme.page_steps("stat-label"), value_width,
                               lambda size: size * 1.1 * PT_TO_MM, label_height)
    fit = fitting.fit_stats(len(items), frame)
    return fit or fitting.StatsFit(1, frame.value_sizes[-1], frame.label_sizes[-1])


STAT_GAP_MM = 6.0


def value_html(value: str) -> Markup:
    """A stat value: its number, its units in a smaller span beside it; never broken (the
    fitting chose a size at which it fits its column)."""
    return Markup("").join(Markup('<span class="unit">%s</span>') % p.text if p.unit else escape(p.text)
                           for p in fitting.value_pieces(value))


def css_counters(pattern: str, pages: int | None = None) -> str:
    """A label pattern ("第{page}页 / 共{pages}页") as the CSS `content` of a margin box; with
    `pages`, the total is that number (the print edition's, padded after layout) rather than
    the count of pages laid out."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(pattern):
        if literal:
            parts.append('"' + _css_string(" ".join(literal.splitlines())) + '"')
        if field == "pages" and pages is not None:
            parts.append(f'"{pages}"')
        elif field is not None:
            parts.append(f"counter({field})")
    return " ".join(parts)


def printed_pages(laid_out: int) -> int:
    """The print edition's page count: the pages laid out, padded to a multiple of four."""
    return laid_out + (-laid_out % 4)


class _InsideLoader(jinja2.FileSystemLoader):
    """Templates read only from inside their folders: a template that is a symbolic link to a
    file elsewhere is refused, not read and published."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise jinja2.TemplateNotFound(f"{template} (a link to a file outside the templates folder)")
        return source, filename, uptodate


@cache
def _environment(templates: tuple[Path, ...]) -> jinja2.Environment:
    """One Jinja2 environment per set of template folders (the first that has a template
    wins): templates compile once per process."""
    # sandboxed: a project's own templates (a shared project's) reach no Python beyond what the
    # context hands them (`cycler.__init__.__globals__` is refused)
    env = SandboxedEnvironment(
        loader=_InsideLoader(list(templates)), autoescape=True, auto_reload=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["inline"] = inline_filter
    env.filters["address"] = address_filter
    env.filters["url"] = url_html
    env.filters["icon"] = icon_html
    return env


def icon_html(icon: str) -> Markup:
    """An icon for an HTML page: a drawn one inline (vector, in the colour around it), an emoji
    as its character."""
    from .icons import inline_svg, is_name

    return Markup(inline_svg(icon)) if is_name(icon) else escape(icon)


def in_print_colours(svg: str, theme: Theme) -> str:
    """An SVG with every theme colour swapped for its print (device-cmyk) value."""
    for colour in theme.colours().values():
        svg = svg.replace(colour.rgb, colour.css("print"))
    return svg


def figure_for(svg: Path, medium: str, cache_dir: Path, theme: Theme) -> Path:
    """The figure as the medium wants it: as drawn for screen, in CMYK for print (cached
    under a name made from its content, so two builds never read each other's figure)."""
    if medium != "print":
        return svg
    content = in_print_colours(svg.read_text(encoding="utf-8"), theme)
    key = cache_name(content)
    target = cache_dir / "print-figures" / f"{svg.stem}-{key}.svg"
    if not target.exists():
        atomic_write(target, content.encode("utf-8"))
    return target


def share_qr(url: str, medium: str, theme: Theme) -> str:
    """The report's address as a vector QR code (SVG data: URL) in the ink colour."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", border=0, dark=theme.text.rgb, xmldecl=False)
    # segno draws the modules as stroked lines; without fill="none" the renderer also fills the
    # path in its default RGB black (painting nothing, but an RGB colour in the print edition)
    svg = buffer.getvalue().decode().replace("<path ", '<path fill="none" ', 1)
    if medium == "print":
        svg = in_print_colours(svg, theme)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _pdf_options(context: PageContext, seed: str) -> dict:
    variant = "pdf/ua-1" if context.medium == "screen" else "pdf/x-4"
    return {"pdf_tags": True, "pdf_variant": variant, "pdf_identifier": seed.encode()}


def _fetcher(roots: tuple[Path, ...]):
    from weasyprint import URLFetcher

    class ProjectFetcher(URLFetcher):
        """Reads data: URLs and files under the project's asset folders; nothing else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root.resolve()) for root in roots):
                    raise ValueError(f"refused to read {path}: outside the project's assets")
            elif parts.scheme != "data":
                raise ValueError(f"refused to fetch {url}: only the project's own files are read")
            return super().fetch(url, headers)

    return ProjectFetcher(allowed_protocols={"file", "data"})


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def _fail_on_warnings(medium: str):
    handler, logger = _Collect(), logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise ContentError([Problem("templates/report.html.j2", 0, f"pdf ({medium})", f"WeasyPrint: {m}")
                            for m in dict.fromkeys(handler.messages)])
