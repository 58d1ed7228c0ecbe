"""Where each block kind may stand, and what it becomes in every output: one table, read by
`check` (a block anywhere else is a content error) and by every renderer.

The places are the cover (under the masthead, title and subtitle), a section, and the closing
page. For each place a kind may stand in, the rule names the slide kind that carries it in the
deck ("cover" and "closing": on that slide itself; any other: a slide of its own, after the
cover or before the closing slide when the block is there), what the PDF shows, and what the
speaker notes carry. Every text of a block reaches every output: its slide or its notes.
"""
from __future__ import annotations

from dataclasses import dataclass

PLACES = ("cover", "section", "closing")


@dataclass(frozen=True)
class Rule:
    slide: str
    pdf: str
    notes: str


CONTRACT: dict[str, dict[str, Rule]] = {
    "paragraph": {
        "cover": Rule("text", "text under the subtitle, on the ink ground", "its text"),
        "section": Rule("text", "body text", "its text"),
        "closing": Rule("closing", "text on the closing page, on the ink ground",
                        "its text (the first stands on the closing slide, any further one on a slide before it)"),
    },
    "stats": {
        "cover": Rule("cover", "a row of large figures at the foot of the cover", "each value with its label"),
        "section": Rule("stats", "a row of large figures between rules", "each value with its label"),
        "closing": Rule("stats", "a row of large figures on the closing page", "each value with its label"),
    },
    "cards": {
        "section": Rule("cards", "a grid of cards (icon, title, text, layer tag)", "each card's title and text"),
    },
    "figure": {
        "section": Rule("figure", "the figure with its numbered caption", "its caption and text alternative"),
    },
    "quote": {
        "cover": Rule("quote", "a pull-quote on the cover", "its text"),
        "section": Rule("quote", "a pull-quote with the accent rule", "its text"),
        "closing": Rule("quote", "a pull-quote on the closing page", "its text"),
    },
    "share": {
        "section": Rule("share", "QR code of the report's address with title and hint", "title, hint and address"),
        "closing": Rule("closing", "QR code of the report's address with title and hint", "title, hint and address"),
    },
}

# Blocks that go onto the cover or closing slide itself: there is room for one of each.
ONE_PER_PLACE = {("cover", "stats"), ("closing", "share")}


def allowed(kind: str) -> tuple[str, ...]:
    return tuple(place for place in PLACES if place in CONTRACT[kind])


def rule(kind: str, place: str) -> Rule:
    return CONTRACT[kind][place]
