"""The recipe: load -> check -> draw figures -> render deck / PDF / web edition.

Every content problem is found before anything is written; outputs are staged and renamed into
place together, so a failed build leaves the last good outputs.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checking import Look, fitting_problems, find_problems, lay_out_figures, saying, say_warnings
from .checking import check_content  # noqa: F401  (bench/run.py times it as a stage of the recipe)
from .content import Loaded, iter_strings, load_report
from .editions import EDITIONS, Edition
from .errors import ContentError, UsageError, display_path
from .deck.embed import keep_subsets_in
from .fonts import icon_image, keep_tables_in
from .interrupts import check as check_interrupted
from .interrupts import rearm
from .output import Staging, remove_stale
from .project import Project
from .trust import cache_name

STAGES = ("figures", "pdf", "slides", "slides-pdf", "web")
MEDIA = ("print", "screen")


@dataclass(frozen=True)
class Options:
    project: Project
    out: Path
    figures_dir: Path
    lang: str = "bilingual"
    figure_langs: tuple[str, ...] = ()       # editions the figures are drawn for (default: lang's)
    media: tuple[str, ...] = MEDIA
    paper: str = "a4"
    figure_mode: str = "native"
    quiet: bool = False
    strict: bool = False
    warn: bool = True                        # say the typography warnings (watch: once a save)
    stages: frozenset[str] = field(default_factory=lambda: frozenset(STAGES))

    @classmethod
    def of(cls, project: Project, **given) -> "Options":
        """Options with the project's own output folders unless `given` names others: outputs in
        dist/, the figures published in its figures/ folder."""
        given.setdefault("out", project.dist)
        given.setdefault("figures_dir", given["out"] / "figures")
        return cls(project=project, **given)

    @property
    def edition(self) -> Edition:
        return EDITIONS[self.lang]

    @property
    def cache(self) -> Path:
        return self.project.cache.resolve()


def build(options: Options) -> list[Path]:
    """Run the stages `options` asks for; return the files written (all committed together).
    With no stages (`check`) nothing is written, but the slides and pages are laid out."""
    rearm()
    links = options.project.links_out()
    if links:
        raise ContentError(links)
    keep_caches_in_project(options)
    with _stage("load content", options):
        loaded = load_report(options.project.data)
    with _stage("check content", options):
        look, errors, warnings = find_problems(loaded, options)
    if errors or not options.stages:     # one run says everything: the fitting too
        with _stage("check slides", options):
            errors += fitting_problems(loaded, look, errors, options)
    if errors:
        raise ContentError(errors + warnings)
    if not options.stages:
        say_warnings(warnings)
        if not options.quiet:
            say_lead_slides(loaded)
        return []
    with saying(warnings):
        return _build(loaded, look, options)


def say_lead_slides(loaded: Loaded) -> None:
    """`check`'s notes (neither errors nor warnings): each section whose slides are made from
    its paragraphs' lead sentences, where a slide version would say it in the writer's words."""
    import sys

    from .deck.plan import lead_sections

    for index, count in lead_sections(loaded.report):
        where = loaded.problem(f"sections[{index}]", "")
        shown = f"the lead sentences of its {count} paragraphs" if count > 1 else "the lead sentence of its paragraph"
        print(f"{where.file}:{where.line}: sections[{index}]: note: its slides show {shown}; a slide version "
              f"(slide: title and points) would say it in your words", file=sys.stderr)


def _build(loaded: Loaded, look: Look, options: Options) -> list[Path]:
    check_output_folders(options)
    if "slides-pdf" in options.stages:
        from .deck.handout import soffice

        soffice()                                # missing: say so before anything is made
    children: list = []
    with Staging() as staging, _naming(options.out), _killing(children):
        icons = _icons(loaded, look, options)
        with _stage("draw figures", options):
            drawn = draw_figures(loaded, look, options, children)
            publish_figures(drawn, options, staging)
        web_files = None
        if "web" in options.stages:              # beside the PDFs and the deck when they are made
            web_files = start_web(loaded, look, drawn[options.lang], options,
                                  children if options.stages & {"pdf", "slides"} else None)
        write_pdf = None
        if "pdf" in options.stages:              # the other media start in children at once
            with _stage("lay out pdf", options):
                write_pdf = render_pdfs(loaded, look, icons, drawn[options.lang], options, staging, children)
        if "slides" in options.stages:
            with _stage("render slides", options):
                deck_file = render_slides(loaded, look, drawn[options.lang], options, staging)
            if "slides-pdf" in options.stages:       # LibreOffice prints it while the rest is made
                from .deck.handout import Conversion

                Conversion(deck_file, output_path(options, loaded, "pptx").name,
                           staging.path(output_path(options, loaded, "slides")), options.cache, children)
        if write_pdf:
            with _stage("write pdf", options):
                write_pdf()
        if web_files:
            with _stage("render web", options):
                stage_web(web_files(), loaded, options, staging)
        if children:
            with _stage("wait for the print pdf and the slides' pdf", options):
                for child in children:            # still listed while waited for: a stop kills it
                    child.join()
        done = staging.commit()
    _hold("commit")
    return done


def draw_figures(loaded: Loaded, look: Look, options: Options, children: list | None = None) -> dict[str, dict]:
    """Figures of the edition being built (of `figure_langs` when only figures are asked), in
    the cache; painted in child processes too when `children` (the build's list) is given."""
    from . import figures

    drawings = lay_out_figures(loaded, look, options)
    return {name: figures.draw_figures(loaded.report, look.policy, look.theme, EDITIONS[name],
                                       options.cache / "figures", options.cache / "icons", drawn, children)
            for name, drawn in drawings.items()}


def publish_figures(drawn: dict[str, dict], options: Options, staging: Staging) -> None:
    """Copies of the figures under the output folder, staged with the other outputs (only the
    ones whose bytes changed)."""
    for files in (f for edition in drawn.values() for f in edition.values()):
        for source in (files.svg, files.png):
            staging.copy(source, options.figures_dir / f"{files.stem}{source.suffix}")


def check_output_folders(options: Options) -> None:
    """An output folder that is a file, or cannot be made, is one clear line before any work."""
    for folder in {options.out, options.figures_dir}:
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{display_path(folder)} is a file, not a folder: give --out a folder")
        if folder.is_symlink():
            raise UsageError(f"{display_path(folder)} is a symbolic link: give --out the folder itself")
    for folder in (options.cache.glob("*") if options.cache.is_dir() else ()):
        remove_stale(folder)


def render_pdfs(loaded, look: Look, icons, drawn, options: Options, staging: Staging, children=None):
    """Each medium's PDF. The pagination is searched once, on the medium written here (the
    screen edition when it is built), starting from the plan the last build ended with (see
    pdf.find_plan), and shared: with `children` (the build's list) and more than one core, the
    other media are then made in child processes (parallel.py). Returns what writes this
    medium's PDF, for the build to call when it likes (the deck may come first)."""
    from . import engine, pdf
    from .pagination import Plan
    from .parallel import Child, can_fork

    cache, project = options.cache, options.project
    roots = (*project.templates, project.font_policy.parent, project.brand_fonts, cache, pdf.print_profile().parent)
    templates = project.templates
    media = list(options.media)
    contexts = {medium: _page_context(loaded, look, icons, drawn, options, medium) for medium in media}
    here = "screen" if "screen" in media else media[0]
    remembered = cache / "plans" / f"{cache_name(loaded.report.id, options.edition.suffix, options.paper)}.json"
    hint = Plan.read(remembered)
    if "print" in contexts and Plan.pages_at(remembered):    # its folios' total, checked when laid out
        contexts["print"] = replace(contexts["print"], pages=pdf.printed_pages(Plan.pages_at(remembered)))
    forking = children is not None and can_fork()
    if forking:
        engine.load()         # imported once, before the children are forked

    def start(medium: str, plan: Plan):
        target = staging.path(output_path(options, loaded, medium))
        work = lambda: pdf.render_pdf(contexts[medium], target, templates, roots, plan=plan)  # noqa: E731
        return Child(work, into=children) if forking else work()

    # The other media start at once under the last build's plan; if the search ends elsewhere
    # they are stopped and made again under the plan found.
    early = {m: start(m, hint) for m in media if m != here} if forking and hint is not None else {}
    laid = pdf.find_plan(contexts[here], templates, roots, hint, children)
    laid.plan.write(remembered, len(laid.document.pages))
    for medium in media:
        if medium == here or (medium in early and laid.plan == hint):
            continue
        if medium in early:
            early[medium].kill()
            children.remove(early[medium])
        if medium == "print":
            contexts[medium] = replace(contexts[medium], pages=pdf.printed_pages(len(laid.document.pages)))
        start(medium, laid.plan)
    target = staging.path(output_path(options, loaded, here))
    return lambda: pdf.render_pdf(contexts[here], target, templates, roots, laid=laid)


def _page_context(loaded, look: Look, icons, drawn, options: Options, medium: str):
    from . import figures, pdf

    report, cache = loaded.report, options.cache
    assets = {
        f.id: pdf.FigureAsset(f.id, report.figure_numbers.get(f.id, 0), figures.caption(f, report, look.theme),
                              figures.describe(f, report), pdf.figure_for(drawn[f.id].svg, medium, cache, look.theme),
                              drawn[f.id].drawing.height, figures.smallest_text(drawn[f.id].drawing))
        for f in report.figures
    }
    profile = pdf.print_profile() if medium == "print" else None
    icons = {icon: pdf.figure_for(path, medium, cache, look.theme) if path.suffix == ".svg" else path
             for icon, path in icons.items()}
    return pdf.PageContext(loaded, options.edition, medium, look.policy, look.theme, assets, icons,
                           pdf.share_qr(report.url, medium, look.theme), options.paper, profile)


def render_slides(loaded, look: Look, drawn, options: Options, staging: Staging) -> Path:
    """The deck, staged; where it is staged."""
    from . import deck

    context = deck.DeckContext(loaded, options.edition, look.policy, look.theme, drawn, options.cache / "icons",
                               options.figure_mode)
    target = staging.path(output_path(options, loaded, "pptx"))
    deck.render_deck(context, target)
    return target


def start_web(loaded, look: Look, drawn, options: Options, children: list | None):
    """Start making the web edition's files: in a child process where the build has other work
    for the cores (`children` given), else when the returned callable is called. The callable
    returns the files (web.web_files)."""
    from . import web
    from .parallel import Child, can_fork

    context = web.WebContext(loaded, options.edition, look.policy, look.theme, drawn, options.cache,
                             options.cache / "icons")
    work = lambda: web.web_files(context, options.project.templates)  # noqa: E731
    if children is not None and can_fork():
        return Child(work, into=children).join
    return work


def stage_web(files: dict[str, bytes], loaded, options: Options, staging: Staging) -> None:
    from . import web

    web.stage_web(files, web.folder_for(options.out, loaded.report.id, options.edition), staging)


def output_path(options: Options, loaded: Loaded, kind: str) -> Path:
    """dist/<id>-print.pdf, dist/<id>-screen.pdf, dist/<id>.pptx, dist/<id>-slides.pdf; -zh/-en
    after the id, -letter at the end of US Letter PDFs (not the deck's: its slides are 16:9)."""
    stem = loaded.report.id + options.edition.suffix
    paper = "-letter" if options.paper == "letter" and kind != "slides" else ""
    return options.out / (f"{stem}.pptx" if kind == "pptx" else f"{stem}-{kind}{paper}.pdf")


def _icons(loaded: Loaded, look: Look, options: Options) -> dict[str, Path]:
    """The cards' icons for the PDF: a drawn icon as SVG in the ink colour (vector), an emoji as a
    picture from the emoji face."""
    from .icons import is_name, svg_file

    icons, out = {s for path, s in iter_strings(loaded.report) if path.endswith(".icon")}, options.cache / "icons"
    return {icon: svg_file(icon, look.theme.ink.rgb, out) if is_name(icon) else icon_image(icon, look.policy, out)
            for icon in sorted(icons)}


def keep_caches_in_project(options: Options) -> None:
    """matplotlib keeps its font list in the user's home unless told otherwise: a build writes
    only into its outputs and its project's cache (it takes effect before the first import).
    The faces' character tables are kept there too (fonts.keep_tables_in), and the deck's
    embedded subsets (deck.embed.keep_subsets_in)."""
    if "matplotlib" not in sys.modules:
        os.environ["MPLCONFIGDIR"] = str(options.cache / "matplotlib")
    keep_tables_in(options.cache / "font-tables")
    keep_subsets_in(options.cache / "deck-fonts")


@contextmanager
def _killing(children: list):
    """Children still running when the build fails or is stopped are killed before the staged
    files are discarded."""
    try:
        yield
    finally:
        for child in children:
            child.kill()


@contextmanager
def _naming(folder: Path):
    """Errors of the operating system that name no file (a full disk while a PDF is written)
    name the output folder."""
    try:
        yield
    except OSError as error:
        if error.errno is not None and not error.filename:
            error.filename = str(folder)
        raise


@contextmanager
def _stage(name: str, options: Options):
    start = time.perf_counter()
    yield
    check_interrupted()
    if not options.quiet:
        print(f"aimap-publish: {name} {time.perf_counter() - start:.2f} s", file=sys.stderr, flush=True)
    _hold(name)


HOLD = "AIMAP_PUBLISH_TEST_HOLD"     # a stage's name: the build stops itself (SIGSTOP) once it ends


def _hold(stage: str) -> None:
    """The fault tests' hook: a build stopped at a named stage (then signalled, killed or let go
    on with SIGCONT), instead of a guess at how long the stages before it take."""
    if os.environ.get(HOLD) == stage:
        os.kill(os.getpid(), signal.SIGSTOP)
