"""Stage 3a: the report as PDF, Jinja2 -> HTML -> WeasyPrint.

Templates live in templates/ (report.html.j2 with one partial per block kind in blocks/,
report.css). The fetcher only reads the project's own templates, figures, icons and fonts;
any WeasyPrint warning fails the build (STYLE.md, habit 7).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup, escape

from .content import Loaded
from .content.inline import runs
from .content.model import LANG_TAGS, Text
from .editions import Edition
from .errors import ContentError, Problem
from .fonts import FontPolicy
from .theme import THEME

EDITIONS = ("print", "screen")


@dataclass(frozen=True)
class FigureAsset:
    """What the page shows for one figure: its drawing, caption and alt text."""

    id: str
    number: int
    caption: Text
    alt: Text
    image: Path | None


@dataclass(frozen=True)
class PageContext:
    """Everything a template may read; nothing else reaches it."""

    loaded: Loaded
    edition: Edition
    medium: str                     # "print" or "screen"
    policy: FontPolicy
    figures: dict[str, FigureAsset]
    icons: dict[str, Path]
    qr: str                         # the share QR code as an SVG data: URL


def render_pdf(context: PageContext, target: Path, roots: tuple[Path, ...]) -> None:
    """Write the PDF of one edition and medium to `target` (a temporary path)."""
    from weasyprint import HTML

    html = render_html(context, roots[0])
    with _fail_on_warnings(context.medium):
        document = HTML(string=html, base_url=str(roots[0]) + "/", url_fetcher=_fetcher(roots))
        document.write_pdf(target, **_pdf_options(context))


def render_html(context: PageContext, templates: Path) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["inline"] = inline_html
    colours = THEME.colours()
    env.globals.update(
        lang_tag=LANG_TAGS, theme=THEME, url_for=lambda path: path.resolve().as_uri(),
        colour=lambda name: colours[name].css(context.medium),
        font_stack=lambda *roles: Markup(", ".join(f'"{f}"' for f in context.policy.families(*roles))),
    )
    return env.get_template("report.html.j2").render(
        c=context, report=context.loaded.report, langs=context.edition.langs,
        theme_css=THEME.css_variables(context.medium),
    )


def inline_html(text: str) -> Markup:
    """Inline markup to HTML: escaped text, emphasis as <strong>."""
    return Markup("").join(Markup("<strong>%s</strong>") % run.text if run.emphasis else escape(run.text)
                           for run in runs(text))


def _pdf_options(context: PageContext) -> dict:
    report = context.loaded.report
    options = {"pdf_tags": True, "uncompressed_pdf": False}
    if context.medium == "screen":
        options["pdf_variant"] = "pdf/ua-1"
    options["pdf_identifier"] = f"{report.id}-{context.edition.name}-{context.medium}".encode()
    return options


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
