"""Fitting: how an element that meets a frame adapts instead of being refused.

Every renderer (PDF, deck, web) asks here. An element climbs one ordered ladder, the same in
every medium: first its layout alternatives (stats in one row, then two balanced rows, then a
column), then size steps within the range its role declares in the theme, down to the role's
floor. Only what the floor layout at the floor size cannot hold is refused, by the caller, with
the field and the fix.

A stat's value is a number with its unit ("2,300 km", "RMB 10 bn", "PUE 1.15", "5万人"): the
unit is set smaller beside the number and never split from it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

UNIT_SCALE = 0.6            # a unit's size beside its number
STEP_PT = 2.0               # a size step of the ladder
NBSP = "\u00a0"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
DIGIT = re.compile(r"\d")
# a number with what is glued to it ("≥95%", "30+", "H200×1024"), Han characters apart ("5万人")
GLUED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Piece:
    text: str
    unit: bool               # set at UNIT_SCALE of the number's size


def value_pieces(value: str) -> tuple[Piece, ...]:
    """A stat value as its number and unit pieces: words without a digit ("km", "RMB", "PUE")
    and Han characters after or before a number ("5万人": 5 and 万人) are units; the space
    between a number and its unit becomes a no-break space that goes with the unit."""
    pieces: list[Piece] = []
    for i, word in enumerate(value.split()):
        space = NBSP if i else ""
        parts = GLUED.findall(word) if DIGIT.search(word) else [word]
        for j, part in enumerate(parts):
            unit = not DIGIT.search(part) or (bool(HAN.match(part)) and len(parts) > 1)
            text = (space if j == 0 else "") + part
            if pieces and pieces[-1].unit == unit:
                pieces[-1] = Piece(pieces[-1].text + text, unit)
            else:
                pieces.append(Piece(text, unit))
    return tuple(pieces)


def value_width(value: str, size_pt: float, measure: Callable[[str, float], float]) -> float:
    """The width (in `measure`'s unit) of a value set at `size_pt`, its units smaller."""
    return sum(measure(p.text, size_pt * (UNIT_SCALE if p.unit else 1.0)) for p in value_pieces(value))


def steps(top: float, floor: float, step: float = STEP_PT) -> tuple[float, ...]:
    """A role's sizes from its own down to its floor (the floor always among them)."""
    if floor >= top:
        return (top,)
    count = math.ceil((top - floor) / step)
    return tuple(max(floor, top - i * step) for i in range(count + 1))


def climb(layouts: Sequence, sizes: Iterable, fits: Callable[[object, object], bool]):
    """The first (layout, size) that fits: every layout at a size before the next size down."""
    for size in sizes:
        for layout in layouts:
            if fits(layout, size):
                return layout, size
    return None


def stat_columns(count: int) -> tuple[int, ...]:
    """The columns a stats block takes in rows: one row, then two balanced rows (5: 3 + 2,
    never 4 + 1; three make no balanced rows). A column, one stat a row, is the last resort,
    after every size."""
    return (count,) if count < 4 else (count, math.ceil(count / 2))


@dataclass(frozen=True)
class StatsFit:
    columns: int
    value_pt: float
    label_pt: float
    second: bool = True       # False: the labels' second language went to the notes

    def rows(self, count: int) -> int:
        return math.ceil(count / self.columns)


@dataclass(frozen=True)
class StatsFrame:
    """Where a stats block goes and how each medium measures it (lengths in one unit)."""

    width: float
    height: float | None              # None: the block flows (a page grows downwards)
    gap_x: float
    gap_y: float
    value_sizes: tuple[float, ...]
    label_sizes: tuple[float, ...]
    value_width: Callable[[int, float], float]               # stat index, size -> width
    value_height: Callable[[float], float]                   # size -> line height
    label_height: Callable[[int, float, float, bool], float | None]  # index, width, size, second language -> height
    detail: bool = False      # the labels' second language may go to the notes (a slide's)


def fit_stats(count: int, frame: StatsFrame, columns: Sequence[int] | None = None) -> StatsFit | None:
    """The stats block's layout: its columns, value size and label size, climbing the ladder
    (at each size its rows, one then two; then the value's smaller sizes, then the label's;
    then one stat a row; then, where the frame allows, the labels' second language to the
    notes); None if the floor cannot hold."""
    sizes = [(v, frame.label_sizes[0]) for v in frame.value_sizes]
    sizes += [(frame.value_sizes[-1], label) for label in frame.label_sizes[1:]]
    for second in (True, False) if frame.detail else (True,):
        def fits(cols: int, size: tuple[float, float]) -> bool:
            return _stats_height(count, cols, (*size, second), frame) is not None

        found = climb(tuple(columns or stat_columns(count)), sizes, fits) or climb((1,), sizes, fits)
        if found:
            return StatsFit(found[0], *found[1], second)
    return None


def _stats_height(count: int, cols: int, size: tuple[float, float, bool], frame: StatsFrame) -> float | None:
    value_pt, label_pt, second = size
    col_w = (frame.width - (cols - 1) * frame.gap_x) / cols
    if any(frame.value_width(i, value_pt) > col_w for i in range(count)):
        return None
    total = 0.0
    for row in range(math.ceil(count / cols)):
        labels = [frame.label_height(i, col_w, label_pt, second) for i in range(row * cols, min(count, (row + 1) * cols))]
        if any(h is None for h in labels):
            return None
        total += (frame.gap_y if row else 0.0) + frame.value_height(value_pt) + max(labels)
    return total if frame.height is None or total <= frame.height else None
