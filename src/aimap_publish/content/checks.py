"""Stage 1c: checks on the whole model that types alone cannot express.

Ids are unique and well formed, every reference names something that exists, markup is
balanced, the report's address is a web address. Each check yields problems; `check_model`
gathers them all.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import Problem
from . import inline, model
from .schema import Lines

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PRINTED_STRINGS = {"value", "icon"}


def iter_strings(obj, path: str = "") -> Iterator[tuple[str, str]]:
    """Every printed string of the model with its field path (texts, stat values, icons)."""
    if isinstance(obj, model.Text):
        yield f"{path}.zh", obj.zh
        yield f"{path}.en", obj.en
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from iter_strings(item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(obj):
        for field in dataclasses.fields(obj):
            value, sub = getattr(obj, field.name), f"{path}.{field.name}" if path else field.name
            if isinstance(value, str) and field.name in PRINTED_STRINGS:
                yield sub, value
            else:
                yield from iter_strings(value, sub)


def check_model(report: model.Report, file: str, lines: Lines) -> list[Problem]:
    found = [*_ids(report), *_references(report), *_markup(report), *_url(report), *_cards(report)]
    return [Problem(file, lines.of(path), path, message) for path, message in found]


def _ids(report):
    groups = {name: getattr(report, name) for name in ("sections", "layers", "tags", "regions", "figures")}
    if not ID_PATTERN.match(report.id):
        yield "id", f"id {report.id!r} must be lower-case letters, digits and hyphens (it names the output files)"
    for name, items in groups.items():
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if not ID_PATTERN.match(item.id):
                yield f"{name}[{i}].id", f"id {item.id!r} must be lower-case letters, digits and hyphens"
            if item.id in seen:
                yield f"{name}[{i}].id", f"duplicate id {item.id!r} (first used by {name}[{seen[item.id]}])"
            seen.setdefault(item.id, i)


def _references(report):
    """(path, id, what it must name, the known ids) for every reference, then the missing ones."""
    known = {
        "region": report.region_by_id, "layer": report.layer_by_id,
        "tag": report.tag_by_id, "figure": report.figure_by_id,
    }
    for path, ref, what in _reference_sites(report):
        if ref not in known[what]:
            choices = ", ".join(known[what]) or f"no {what}s are defined"
            yield path, f"no {what} with id {ref!r} (known: {choices})"


def _reference_sites(report):
    for i, layer in enumerate(report.layers):
        yield from ((f"layers[{i}].regions[{j}]", r, "region") for j, r in enumerate(layer.regions))
    for i, tag in enumerate(report.tags):
        if tag.layer is not None:
            yield f"tags[{i}].layer", tag.layer, "layer"
    for i, region in enumerate(report.regions):
        yield f"regions[{i}].tag", region.tag, "tag"
    for i, figure in enumerate(report.figures):
        data = figure.data
        for field, what in (("regions", "region"), ("layers", "layer")):
            for j, ref in enumerate(getattr(data, field, ())):
                yield f"figures[{i}].data.{field}[{j}]", ref, what
    for path, block in _blocks(report):
        if isinstance(block, model.FigureBlock):
            yield f"{path}.figure", block.figure, "figure"
        if isinstance(block, model.CardsBlock):
            for j, card in enumerate(block.items):
                if card.region is not None:
                    yield f"{path}.items[{j}].region", card.region, "region"


def _blocks(report):
    for i, block in enumerate(report.cover):
        yield f"cover[{i}]", block
    for i, section in enumerate(report.sections):
        for j, block in enumerate(section.blocks):
            yield f"sections[{i}].blocks[{j}]", block
    for i, block in enumerate(report.closing):
        yield f"closing[{i}]", block


def _cards(report):
    for path, block in _blocks(report):
        if isinstance(block, model.CardsBlock):
            for j, card in enumerate(block.items):
                if (card.title is None) == (card.region is None):
                    yield f"{path}.items[{j}]", "a card needs either a title or a region (not both)"


def _markup(report):
    for path, text in iter_strings(report):
        problem = inline.markup_problem(text)
        if problem:
            yield path, problem


def _url(report):
    parts = urlsplit(report.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in report.url:
        yield "url", f"{report.url!r} is not a web address (expected https://…)"
