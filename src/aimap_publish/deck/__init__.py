"""Stage 3b: the report as an editable PowerPoint deck (python-pptx).

The recipe: make the master (16:9, named layouts, theme), plan the slides from the sections,
build each slide forward with its kind's builder, put the project's theme into every theme
part, embed the faces subset to the deck's characters, and save with fixed dates so the same content gives the same bytes.
"""
from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..content import Loaded, iter_strings
from ..content.inline import plain
from ..editions import Edition
from ..errors import ContentError, Problem
from ..fonts import FontPolicy, deck_policy
from ..theme import Theme
from .embed import embed_faces
from .master import apply_theme, prepare_master
from .plan import plan_slides
from .slides import BUILDERS, Build


@dataclass(frozen=True)
class DeckContext:
    loaded: Loaded
    edition: Edition
    policy: FontPolicy
    theme: Theme
    drawn: dict                     # figure id -> figures.FigureFiles
    icon_dir: Path
    figure_mode: str = "native"


def render_deck(context: DeckContext, target: Path | None) -> None:
    """Build the deck and write it to `target`; with None, only lay it out (the fit check: the
    slides and their texts are made, but not what is never fitted, such as the notes, the
    footers and the shapes of figures already laid out)."""
    from pptx import Presentation

    report = context.loaded.report
    policy = deck_policy(context.policy)         # measured against the faces that may stand in
    deck = Presentation()
    layouts = prepare_master(deck, context.theme)
    build = Build(deck, layouts, policy, context.edition, report, context.icon_dir, context.drawn,
                  context.figure_mode, context.theme, writing=target is not None)
    for spec in plan_slides(report, context.theme.dividers_from):
        BUILDERS[spec.kind](build, spec)
    if build.problems:
        where = {text: path for path, text in iter_strings(report)}
        raise ContentError([context.loaded.problem(where[text], message) if text in where
                            else Problem(context.loaded.file, 0, "deck", message)
                            for text, message in dict.fromkeys(build.problems)])
    if target is None:
        return
    apply_theme(deck, context.policy, context.theme)
    embed_faces(deck, context.policy)
    _set_properties(deck, context)
    deck.save(target)
    _fix_zip_dates(target, report.date)


def _set_properties(deck, context: DeckContext) -> None:
    meta, report = context.loaded.report.meta, context.loaded.report
    props = deck.core_properties
    props.title = context.edition.join(type(meta.title)(plain(meta.title.zh), plain(meta.title.en)))
    props.author = props.last_modified_by = context.edition.join(meta.author)
    props.subject = context.edition.join(meta.subtitle)
    props.keywords = ", ".join(context.edition.join(k, ", ") for k in meta.keywords)
    props.language = context.edition.lang_tag
    moment = datetime.datetime.combine(report.date, datetime.time())
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1


def _fix_zip_dates(path: Path, date: datetime.date) -> None:
    """Rewrite the package with every entry dated `date`: same content, same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            out.writestr(fixed, data)
