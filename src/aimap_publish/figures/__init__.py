"""Stage 2: the report's figures, drawn from the content data.

Each figure kind has a module with `describe` (bilingual alt text built from the data only).
`KINDS` is the registry: figure kind -> module.
"""
from __future__ import annotations

from ..content.model import Figure, Report, Text
from . import comparison, hub, layers

KINDS = {"hub": hub, "layers": layers, "comparison": comparison}


def describe(figure: Figure, report: Report) -> Text:
    """Alt text for a figure: its title and every label of its data, in each language."""
    return KINDS[figure.kind].describe(figure, report)


def caption(figure: Figure, report: Report) -> Text:
    """The numbered caption, "图1：…" / "Figure 1: …", from the report's caption label."""
    number = report.figure_numbers.get(figure.id, 0)
    label = report.labels.figure_caption
    return Text(*(label[lang].format(number=number, title=figure.title[lang]) for lang in ("zh", "en")))
