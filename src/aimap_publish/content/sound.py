"""Stage 1d: the sound part of a report that has problems, for the checks that lay it out.

`check` reports every problem in one run, so the slide and page fitting run even when the
content has errors. They cannot run on what is broken (None where a value was wrong, a
reference to nothing), so they get the report without it: each list item holding a problem is
left out, then whatever depends on what was left out (a card of a region that went, a figure
block whose figure went), until nothing more goes. Paths found in the sound part are mapped
back to the file's (`origin`), so what the fitting reports names the right field and line.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import model
from .checks import reference_sites, within

INDEX = re.compile(r"\[(\d+)\]")
# Fields the deck reads for the whole report: a problem in one of them leaves no deck to fit.
WHOLE_DECK = ("id", "url", "meta", "labels", "sections", "cover", "closing")


@dataclass(frozen=True)
class Sound:
    report: model.Report
    origin: Callable[[str], str]      # a path of `report` -> the same field's path in the file
    whole: bool                       # nothing the deck reads as a whole is broken


def sound_part(report: model.Report, bad_paths: Iterable[str]) -> Sound:
    """`report` without the items that hold a problem (`bad_paths`) or depend on one."""
    marks, origin, whole = set(bad_paths), (lambda path: path), True
    while True:
        marks |= set(_holes(report))
        whole = whole and not any(_item_of(m) is None and _field_of(m) in WHOLE_DECK for m in marks)
        sound, kept = _without(report, {_item_of(m) or m for m in marks})
        if sound is report:
            return Sound(report, origin, whole)
        report, origin = sound, _composed(origin, kept)
        marks = {path for path, ref, what in reference_sites(report) if ref not in _ids(report, what)}


def _field_of(path: str) -> str:
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _item_of(path: str) -> str | None:
    """The innermost list item holding `path` (`sections[1].blocks[2]` for one of its texts)."""
    end = path.rfind("]")
    return path[: end + 1] if end >= 0 else None


def _ids(report: model.Report, what: str) -> set[str]:
    return {item.id for item in getattr(report, what + "s")}


def _holes(obj, path: str = ""):
    """Paths where a value the renderers need is None: a list item, or a field without a None
    default (a record with problems is made with None where a value was wrong), and required
    lists left empty."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from ([f"{path}[{i}]"] if item is None else _holes(item, f"{path}[{i}]"))
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            value, sub = getattr(obj, field.name), f"{path}.{field.name}" if path else field.name
            required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
            if (value is None and field.default is not None) or (required and value == ()):
                yield sub
            else:
                yield from _holes(value, sub)


def _without(report: model.Report, drop: set[str]) -> tuple[model.Report, dict[str, list[int]]]:
    """The report with the items in `drop` left out, and its lists in `drop` emptied (the same
    object when nothing goes); `kept` maps each shortened list's path to the indices it keeps."""
    kept: dict[str, list[int]] = {}

    def rebuild(obj, path: str):
        if isinstance(obj, tuple):
            indices = [i for i in range(len(obj)) if f"{path}[{i}]" not in drop]
            items = [rebuild(obj[i], f"{path}[{i}]") for i in indices]
            if len(indices) < len(obj):
                kept[path] = indices
            elif all(new is old for new, old in zip(items, obj)):
                return obj
            return tuple(items)
        if not dataclasses.is_dataclass(obj) or isinstance(obj, model.Text):
            return obj
        changes = {}
        for field in dataclasses.fields(obj):
            sub, value = f"{path}.{field.name}" if path else field.name, getattr(obj, field.name)
            if sub in drop and str(field.type).startswith("tuple"):
                new = ()                 # a list too long, or not a list: none of it is used
            elif any(within(bad, sub) for bad in drop):
                new = rebuild(value, sub)
            else:
                continue
            if new is not value:
                changes[field.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj

    return rebuild(report, ""), kept


def _composed(origin: Callable[[str], str], kept: dict[str, list[int]]) -> Callable[[str], str]:
    """`origin` after a round of leaving out: a path of the new report -> the file's path."""
    def back(path: str) -> str:
        out, start = [], 0
        for match in INDEX.finditer(path):
            head = "".join(out) + path[start: match.start()]
            index = int(match.group(1))
            if head in kept:
                index = kept[head][index]
            out.append(path[start: match.start()] + f"[{index}]")
            start = match.end()
        return origin("".join(out) + path[start:])
    return back
