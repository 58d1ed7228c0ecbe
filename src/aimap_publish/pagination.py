"""Pagination that keeps a section together: its heading, its intro and its figure on one page
when they fit; otherwise the figure leads the next page and the text that follows it fills the
gap, or the section starts on a fresh page.

A section's blocks reach the page as pieces (a cards block as one piece per row of cards), each
marked with `data-unit`. The PDF is laid out, the pieces are found on the pages, and where a
page is left more than a quarter empty because a figure did not fit below the text before it
(and the next page does not start a section), the plan changes and the PDF is laid out again.
WeasyPrint has no page floats; this is the same result, decided from the engine's own layout.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from .output import atomic_write

MOST_SHRINK = 0.16         # of a figure's height: a figure this much too tall for the room left is set
                           # smaller rather than leave the page (its text stays at 6 pt or more: pdf.py)
MOST_EMPTY = 0.22          # of a page's type area, unless the next page starts a section (the preflight
                           # allows 0.25 of text: a block's padding and rules sit below its last line)
FIGURE_MARGIN_MM = 6.0     # above a figure (report.css.j2), lost where it starts a page
MOST_EMPTY_BEFORE_BREAK = 0.5   # a section starts a fresh page only where that leaves the page before it
                                # at most half empty; else its figure leads it, or leads the next page
SLACK_MM = 2.0             # room a moved piece leaves at the foot of the page
PX_PER_MM = 96 / 25.4      # WeasyPrint lays out in CSS pixels


@dataclass(frozen=True)
class Plan:
    """How the sections are paginated: figures moved past pieces that follow them (figure id ->
    how many), sections that start a page, and figures that lead their section (set under its
    heading, a little smaller, with the section's text after them), and rows of cards too tall
    for the room left on a page: set tighter, and if that is not enough, running on to the next."""

    moves: tuple[tuple[str, int], ...] = ()
    breaks: frozenset[str] = frozenset()
    leads: frozenset[str] = frozenset()
    splits: frozenset[str] = frozenset()     # rows of cards set tighter to fit the room left
    runs: frozenset[str] = frozenset()       # rows of cards that, tighter still too tall, run on
    fits: tuple[tuple[str, float], ...] = ()  # figures set a little smaller (mm of height taken off)
                                              # to stay on the page they follow

    @classmethod
    def read(cls, path: Path) -> "Plan | None":
        """A plan written by `write`, or None (missing, unreadable, or of another shape)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(tuple((str(f), int(n)) for f, n in data["moves"]), frozenset(map(str, data["breaks"])),
                       frozenset(map(str, data.get("leads", ()))), frozenset(map(str, data.get("splits", ()))),
                       frozenset(map(str, data.get("runs", ()))),
                       tuple((str(f), float(mm)) for f, mm in data.get("fits", ())))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path, pages: int | None = None) -> None:
        """Keep the plan at `path`, with the number of pages it laid out (see `pages_at`)."""
        data = {"moves": [list(move) for move in self.moves], "breaks": sorted(self.breaks), "leads": sorted(self.leads),
                "splits": sorted(self.splits), "runs": sorted(self.runs), "fits": [list(fit) for fit in self.fits]}
        if pages is not None:
            data["pages"] = pages
        encoded = json.dumps(data).encode()
        try:
            if path.read_bytes() == encoded:
                return
        except OSError:
            pass
        atomic_write(path, encoded)

    @staticmethod
    def pages_at(path: Path) -> int | None:
        """The number of pages the plan at `path` laid out, if it says (a guess for the print
        edition's folios, checked once laid out)."""
        try:
            pages = json.loads(path.read_text(encoding="utf-8")).get("pages")
        except (OSError, ValueError, AttributeError):
            return None
        return pages if isinstance(pages, int) and 0 < pages < 10_000 else None

    def moved(self, figure_id: str) -> int:
        return dict(self.moves).get(figure_id, 0)

    def moving(self, figure_id: str, more: int) -> "Plan":
        moves = dict(self.moves)
        moves[figure_id] = moves.get(figure_id, 0) + more
        return dataclasses.replace(self, moves=tuple(sorted(moves.items())))


@dataclass(frozen=True)
class Piece:
    """A block, or one row of a cards block, as it reaches the page."""

    unit: str                      # "<section number>.<piece number>", in the data's order
    block: object                  # for a row of cards: the block with that row's cards only
    first: bool = True             # the first piece of its block
    last: bool = True              # the last piece of its block
    columns: int = 1               # cards: the grid's columns

    @property
    def figure(self) -> str | None:
        return getattr(self.block, "figure", None) if self.block.kind == "figure" else None


def card_columns(count: int) -> int:
    """Cards stand two to a row; three stand one under another (a lone third looks orphaned)."""
    return 1 if count == 3 else 2


def pieces(number: int, blocks, plan: Plan) -> list[Piece]:
    """The pieces of section `number` in page order under `plan`."""
    out: list[Piece] = []
    for block in blocks:
        if block.kind == "cards":
            columns = card_columns(len(block.items))
            rows = [block.items[i:i + columns] for i in range(0, len(block.items), columns)]
            for r, row in enumerate(rows):
                out.append(Piece(f"{number}.{len(out)}", dataclasses.replace(block, items=row),
                                 r == 0, r == len(rows) - 1, columns))
        else:
            out.append(Piece(f"{number}.{len(out)}", block))
    for figure, more in plan.moves:
        at = next((i for i, p in enumerate(out) if p.figure == figure), None)
        if at is not None:
            out.insert(min(at + more, len(out) - 1), out.pop(at))
    for figure in plan.leads:
        at = next((i for i, p in enumerate(out) if p.figure == figure), None)
        if at is not None:
            out.insert(0, out.pop(at))
    return out


@dataclass
class Span:
    """Where a piece or a heading lies on one page (millimetres from the page's top)."""

    top: float
    bottom: float
    continued: bool                # began on an earlier page


@dataclass
class PageLayout:
    top: float                     # the type area
    bottom: float
    units: dict[str, Span] = field(default_factory=dict)
    headings: dict[str, Span] = field(default_factory=dict)     # section id -> its heading

    @property
    def last(self) -> float:
        spans = [*self.units.values(), *self.headings.values()]
        return max((s.bottom for s in spans), default=self.top)

    @property
    def empty(self) -> float:
        return (self.bottom - self.last) / (self.bottom - self.top)

    def first(self) -> tuple[str, str, Span] | None:
        """What the page starts with: ("unit" | "heading", name, span)."""
        spans = [("unit", k, s) for k, s in self.units.items()] + [("heading", k, s) for k, s in self.headings.items()]
        return min(spans, key=lambda item: item[2].top, default=None)


def measure(document) -> list[PageLayout]:
    """The pieces and section headings on each page of a laid-out WeasyPrint document."""
    seen: set[str] = set()
    pages = []
    for page in document.pages:
        box = page._page_box
        top = box.content_box_y() / PX_PER_MM
        layout = PageLayout(top, top + box.height / PX_PER_MM)
        for child in box.descendants():
            element = getattr(child, "element", None)
            if element is None or child.element_tag in ("html", "body"):
                continue
            unit = element.get("data-unit")
            heading = element.get("data-heading")
            name, spans = (unit, layout.units) if unit else (heading, layout.headings) if heading else (None, None)
            if name is None or name in spans:
                continue
            y = child.border_box_y() / PX_PER_MM
            key = ("unit:" if unit else "heading:") + name
            spans[name] = Span(y, y + child.border_height() / PX_PER_MM, key in seen)
            seen.add(key)
        pages.append(layout)
    return pages


def improve(plan: Plan, pages: list[PageLayout], sections: list[tuple[str, list[Piece]]]) -> Plan | None:
    """A better plan: every row of cards (or share block) that left a page too empty set
    tighter and let run on, and every pair of paragraphs kept whole that did let break inside
    (between lines of its Chinese or of its English, never between the two), all at once (a long grid leaves a row at the foot of page after
    page); else the first page left too empty by a figure that did not fit: the text after it
    moved before it, else the figure set a little smaller (at most MOST_SHRINK), else its
    section started on a fresh page or led by it; else None."""
    owner = {p.unit: (sid, ps) for sid, ps in sections for p in ps}
    rows = set()
    for here, there in zip(pages, pages[1:]):
        start = there.first()
        if here.empty > MOST_EMPTY and (here.units or here.headings) and start and start[0] == "unit" \
                and not start[2].continued and start[1] in owner:
            kind = next(p.block.kind for p in owner[start[1]][1] if p.unit == start[1])
            if kind in ("cards", "share") and not (start[1] in plan.splits and (kind == "share" or start[1] in plan.runs)):
                rows.add((start[1], kind))
            elif kind == "paragraph" and start[1] not in plan.runs:
                rows.add((start[1], kind))        # a pair kept whole left the page too empty: it breaks inside
    if rows:
        return dataclasses.replace(plan, splits=plan.splits | {u for u, kind in rows if kind != "paragraph"},
                                   runs=plan.runs | {u for u, kind in rows if kind in ("cards", "paragraph")})
    heights = _heights(pages)
    for here, there in zip(pages, pages[1:]):
        if not (here.units or here.headings) or here.empty <= MOST_EMPTY:
            continue
        start = there.first()
        if start is None or start[0] == "heading":
            continue                                   # the next page starts a section (or is the closing)
        kind, unit, span = start
        if span.continued or unit not in owner:
            continue
        section, order = owner[unit]
        at = next(i for i, p in enumerate(order) if p.unit == unit)
        figure = order[at].figure
        if figure is None:
            continue
        gap = (here.bottom - here.last) - SLACK_MM
        room, k = gap, 0
        for piece in order[at + 1:]:
            room -= heights.get(piece.unit, float("inf"))
            if room < 0:
                break
            k += 1
        if k:
            return plan.moving(figure, k)
        # measured at the top of its page, the figure lost its top margin (report.css: 6 mm)
        shortfall = heights.get(unit, float("inf")) + FIGURE_MARGIN_MM - gap
        if figure not in dict(plan.fits) and 0 < shortfall <= MOST_SHRINK * heights.get(unit, 0):
            return dataclasses.replace(plan, fits=tuple(sorted({**dict(plan.fits), figure: shortfall}.items())))
        before = [p.unit for p in order[:at + 1]]
        whole = heights.get(f"heading:{section}", 0) + sum(heights.get(u, 0) for u in before)
        # a fresh page for the section only where that leaves this one at most half empty
        left = (here.bottom - here.headings[section].top) / (here.bottom - here.top) if section in here.headings else 1
        if section in here.headings and section not in plan.breaks and whole <= here.bottom - here.top \
                and left <= MOST_EMPTY_BEFORE_BREAK:
            return dataclasses.replace(plan, breaks=plan.breaks | {section})
        if at and figure not in plan.leads:
            return dataclasses.replace(plan, leads=plan.leads | {figure})
    return None


def _heights(pages: list[PageLayout]) -> dict[str, float]:
    """Each piece's height (summed over the pages it spans), with the margin to what precedes
    it on its page; headings as "heading:<section id>"."""
    heights: dict[str, float] = {}
    for page in pages:
        spans = sorted([*((u, s) for u, s in page.units.items()),
                        *((f"heading:{h}", s) for h, s in page.headings.items())], key=lambda item: item[1].top)
        previous = page.top
        for name, span in spans:
            heights[name] = heights.get(name, 0) + span.bottom - min(previous, span.top)
            previous = max(previous, span.bottom)
    return heights
