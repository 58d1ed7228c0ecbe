"""The recipe: load -> check -> draw figures -> render PDF / render deck.

Every content problem is found before anything is written; outputs are
staged and renamed into place together, so a failed build leaves the last good outputs.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .content import Loaded, iter_strings, load_report
from .content.typography import typography_warnings
from .editions import EDITIONS, Edition
from .errors import ContentError
from .fonts import FontPolicy, coverage_problems, icon_image, load_policy
from .output import Staging

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("figures", "pdf", "slides")
MEDIA = ("print", "screen")


@dataclass(frozen=True)
class Options:
    data: Path = Path("data/report.yaml")
    out: Path = Path("dist")
    figures_dir: Path = Path("figures")
    lang: str = "bilingual"
    media: tuple[str, ...] = MEDIA
    paper: str = "a4"
    figure_mode: str = "native"
    quiet: bool = False
    strict: bool = False
    root: Path = ROOT
    stages: frozenset[str] = field(default_factory=lambda: frozenset(STAGES))

    @property
    def edition(self) -> Edition:
        return EDITIONS[self.lang]


def build(options: Options) -> list[Path]:
    """Run the stages `options` asks for; return the files written."""
    with _stage("load content", options):
        loaded = load_report(options.data)
    with _stage("check content", options):
        policy = check_content(loaded, options)
    if not options.stages:
        with _stage("check slides", options):
            check_slides(loaded, policy, options)
    with Staging() as staging:
        icons = _icons(loaded, policy, options)
        drawn = {}
        if "figures" in options.stages:
            with _stage("draw figures", options):
                drawn = draw_figures(loaded, policy, options)
        if "pdf" in options.stages:
            with _stage("render pdf", options):
                render_pdfs(loaded, policy, icons, drawn[options.lang], options, staging)
        if "slides" in options.stages:
            with _stage("render slides", options):
                render_slides(loaded, policy, drawn[options.lang], options, staging)
        return staging.commit()


def check_content(loaded: Loaded, options: Options) -> FontPolicy:
    """Everything that must hold before drawing: fonts found, every character covered; then
    the typography warnings, which fail only with --strict."""
    policy = load_policy(options.root / "fonts")
    problems = coverage_problems(iter_strings(loaded.report), policy, loaded.problem)
    if problems:
        raise ContentError(problems)
    warnings = [loaded.problem(path, message) for path, message in typography_warnings(iter_strings(loaded.report))]
    if warnings and options.strict:
        raise ContentError(warnings)
    for warning in warnings:
        print(f"{warning.file}:{warning.line}: {warning.path}: warning: {warning.message}", file=sys.stderr)
    return policy


def check_slides(loaded: Loaded, policy: FontPolicy, options: Options) -> None:
    """Lay the deck out in memory (nothing written) so text that cannot fit is reported."""
    from . import deck, figures

    edition = options.edition
    drawn = {f.id: figures.FigureFiles(None, None, figures.layout(f, loaded.report, policy, edition))
             for f in loaded.report.figures}
    context = deck.DeckContext(loaded, edition, policy, drawn, _cache_dir(options) / "icons")
    deck.render_deck(context, None)


def draw_figures(loaded: Loaded, policy: FontPolicy, options: Options) -> dict[str, dict]:
    """Figures of the edition being built; of all three editions when only figures are asked."""
    from . import figures

    names = EDITIONS if options.stages == {"figures"} else (options.lang,)
    return {name: figures.draw_figures(loaded.report, policy, EDITIONS[name], options.figures_dir,
                                       _cache_dir(options) / "icons") for name in names}


def render_pdfs(loaded, policy, icons, drawn, options: Options, staging: Staging) -> None:
    from . import figures, pdf

    report, cache = loaded.report, _cache_dir(options)
    roots = (options.root / "templates", options.root / "fonts", cache, options.figures_dir.resolve())
    for medium in options.media:
        assets = {
            f.id: pdf.FigureAsset(f.id, report.figure_numbers.get(f.id, 0), figures.caption(f, report),
                                  figures.describe(f, report), pdf.figure_for(drawn[f.id].svg, medium, cache))
            for f in report.figures
        }
        profile = pdf.print_profile(cache) if medium == "print" else None
        context = pdf.PageContext(loaded, options.edition, medium, policy, assets, icons,
                                  pdf.share_qr(report.url, medium), options.paper, profile)
        pdf.render_pdf(context, staging.path(output_path(options, loaded, medium)), roots)


def render_slides(loaded, policy, drawn, options: Options, staging: Staging) -> None:
    from . import deck

    context = deck.DeckContext(loaded, options.edition, policy, drawn, _cache_dir(options) / "icons",
                               options.figure_mode)
    deck.render_deck(context, staging.path(output_path(options, loaded, "pptx")))


def output_path(options: Options, loaded: Loaded, kind: str) -> Path:
    """dist/<id>-print.pdf, dist/<id>-screen.pdf, dist/<id>.pptx; -zh/-en after the id,
    -letter at the end of US Letter PDFs."""
    stem = loaded.report.id + options.edition.suffix
    paper = "-letter" if options.paper == "letter" else ""
    return options.out / (f"{stem}.pptx" if kind == "pptx" else f"{stem}-{kind}{paper}.pdf")


def _icons(loaded: Loaded, policy: FontPolicy, options: Options) -> dict[str, Path]:
    icons = {s for path, s in iter_strings(loaded.report) if path.endswith(".icon")}
    return {icon: icon_image(icon, policy, _cache_dir(options) / "icons") for icon in sorted(icons)}


def _cache_dir(options: Options) -> Path:
    return (options.root / "build").resolve()


@contextmanager
def _stage(name: str, options: Options):
    start = time.perf_counter()
    yield
    if not options.quiet:
        print(f"aimap-publish: {name} {time.perf_counter() - start:.2f} s", file=sys.stderr)
