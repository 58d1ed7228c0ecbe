"""Stage 1 of the recipe: every problem a run can find before it draws anything, in one list.

The content's own problems (types, references, placement), the project's settings (font policy,
theme), characters no font covers, the typography warnings (errors with --strict), and what
laying the figures out on the page and the deck on its slides finds. The fitting runs on a
report with problems too, on its sound part (content/sound.py): one run says everything.
Warnings are said once, with the problems when the run stops, else when it ends.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .content import Loaded, iter_strings
from .content.checks import PLACEHOLDERS, placeholder_problem
from .content.sound import sound_part
from .content.typography import typography_warnings
from .editions import EDITIONS
from .errors import ContentError, Problem, count_line
from .fonts import FontPolicy, coverage_problems, load_policy
from .theme import Theme, load_theme

if TYPE_CHECKING:
    from .build import Options


@dataclass(frozen=True)
class Look:
    """How the report is set: the font policy and the theme of its project."""

    policy: FontPolicy
    theme: Theme


def check_content(loaded: Loaded, options: Options) -> Look:
    """The look of a report that has no problems (raises ContentError with them all)."""
    look, errors, warnings = find_problems(loaded, options)
    if errors:
        raise ContentError(errors + warnings)
    say_warnings(warnings)
    return look


def find_problems(loaded: Loaded, options: Options) -> tuple[Look | None, list[Problem], list[Problem]]:
    """Everything that must hold before drawing: the content's own problems (types,
    references, placement), the project's settings (font policy, theme), every character
    covered by a font; and the typography warnings, which are errors only with --strict.
    Returns the look (None when the settings have problems), the errors and the warnings."""
    project, problems = options.project, list(loaded.problems)
    policy = _gathering(problems, load_policy, project.font_policy, project.brand_fonts)
    theme = _gathering(problems, load_theme, project.theme_file)
    strings = list(iter_strings(loaded.report))
    if policy is not None:
        problems += coverage_problems(strings, policy, loaded.problem)
    warnings = [replace(loaded.problem(path, message), warning=True) for path, message in typography_warnings(strings)
                if not loaded.accepts(path)]
    if theme is not None and project.theme_file is not None:
        warnings += colour_warnings(theme, project.theme_file)
    if theme is not None:
        warnings += house_warnings(loaded, theme)
    if options.strict:
        problems, warnings = problems + [replace(w, warning=False) for w in warnings], []
    elif not options.warn:
        warnings = []
    look = Look(policy, theme) if policy is not None and theme is not None else None
    return look, problems, warnings


def colour_warnings(theme: Theme, path) -> list[Problem]:
    """A token of the project's theme whose print value does not print as its screen value."""
    from .colour import MOST_DELTA_E, mismatches
    from .settings import line_of, read_toml

    _, lines, name = read_toml(path)
    return [Problem(name, line_of(lines, token), token,
                    f"its cmyk prints {delta:.1f} ΔE00 away from its rgb (at most {MOST_DELTA_E:g}): one colour "
                    f"needs two values that match through the FOGRA39 output intent", warning=True)
            for token, delta in mismatches(theme)]


HOUSE = {"figure_caption": ("figure-caption", "figure captions"), "page": ("folio", "folios")}


def house_warnings(loaded: Loaded, theme: Theme) -> list[Problem]:
    """A report's own caption or folio pattern: the house's stands (the same in every report)."""
    found = []
    for field, (key, what) in HOUSE.items():
        given = getattr(loaded.report.labels, field)
        house = theme.format(key)
        if given is None or loaded.accepts(f"labels.{field}") or all(given[lang] == house[lang] for lang in house):
            continue
        if any(placeholder_problem(given[lang], PLACEHOLDERS[field]) for lang in house):
            continue                                     # an error already: one message for it
        found.append(replace(loaded.problem(f"labels.{field}", (
            f"{what} follow the house style, the same in every report (theme.toml [formats] {key}: "
            f"“{house['zh']}” / “{house['en']}”); this report's own is not used: delete it, or change "
            f"the theme for every report")), warning=True))
    return found


def say_warnings(warnings: list[Problem]) -> None:
    """The warnings of a run that goes on, with the line counting them."""
    if warnings:
        print("\n".join(str(w) for w in sorted(warnings, key=lambda p: (p.file, p.line, p.path))), file=sys.stderr)
        print(f"aimap-publish: {count_line(warnings)}", file=sys.stderr)


@contextmanager
def saying(warnings: list[Problem]):
    """The warnings said once: with the problems when the build stops on some, else at its end."""
    try:
        yield
    except ContentError as error:
        raise ContentError(error.problems + warnings) from None
    say_warnings(warnings)


def _gathering(problems: list, load, *args):
    """`load(*args)`, or None after adding its problems to `problems`."""
    try:
        return load(*args)
    except ContentError as error:
        problems += error.problems
        return None


def fitting_problems(loaded: Loaded, look: Look | None, errors: list[Problem], options: Options) -> list[Problem]:
    """What laying out the figures on the page and the deck on its slides finds (what the
    command builds; `check`: both), on the sound part of a report that has `errors`: what has a
    problem, or depends on something that has, is left out (content/sound.py)."""
    if look is None:                     # no theme or font policy to measure with
        return []
    bad = {p.path for p in errors if p.file == loaded.file} | loaded.faulty
    part = sound_part(loaded.report, bad) if bad else None
    fit = replace(loaded, report=part.report, origin=part.origin) if part else loaded
    drawings, problems = figure_layouts(fit, look, options)
    if (not options.stages or "slides" in options.stages) and (part is None or part.whole):
        try:
            check_slides(fit, look, options, drawings)
        except ContentError as error:
            problems += error.problems
    return problems


def check_slides(loaded: Loaded, look: Look, options: Options, drawings: dict[str, dict]) -> None:
    """Lay the deck out in memory (nothing written) so text that cannot fit is reported."""
    from . import deck, figures

    drawn = {fid: figures.FigureFiles(None, None, drawing) for fid, drawing in drawings[options.lang].items()}
    context = deck.DeckContext(loaded, options.edition, look.policy, look.theme, drawn, options.cache / "icons")
    deck.render_deck(context, None)


def lay_out_figures(loaded: Loaded, look: Look, options: Options) -> dict[str, dict]:
    """Every figure of the editions built, laid out (pure data), then checked against the page:
    a figure the page cannot hold is a content error before anything is drawn."""
    drawings, problems = figure_layouts(loaded, look, options)
    if problems:
        raise ContentError(problems)
    return drawings


def figure_layouts(loaded: Loaded, look: Look, options: Options) -> tuple[dict[str, dict], list[Problem]]:
    """The figures of each edition built, laid out for the page, and the problems of those the
    page cannot hold."""
    from . import figures

    report, names = loaded.report, options.figure_langs or (options.lang,)
    frames = figures.page_frames(report, look.theme, options.paper)
    drawings = {name: {f.id: figures.layout(f, report, look.policy, look.theme, EDITIONS[name], frames[f.id])
                       for f in report.figures} for name in names}
    problems = [loaded.problem(path, message) for name in names
                for path, message in figures.page_fit_problems(report, drawings[name], look.theme, options.paper)]
    return drawings, list(dict.fromkeys(problems))
