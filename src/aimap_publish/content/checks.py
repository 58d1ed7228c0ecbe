"""Stage 1c: checks on the whole model that types alone cannot express.

Ids are unique and well formed, every reference names something that exists, everything
defined is used (a text defined and never shown would silently miss every output), each block
stands where the placement table allows, markup is balanced, label patterns use only their
placeholders, the report's address is a web address. The model may be partial (None where the
conversion found a problem): each check looks only at what is there, so one run reports all.
"""
from __future__ import annotations

import dataclasses
import re
import string
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

from .. import icons
from ..errors import Problem
from . import inline, model
from .placement import CONTRACT, ONE_PER_PLACE, allowed
from .schema import Lines

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Limits, chosen from what builds well: each one is stated in README: Limits, and tests/
# test_limits.py holds the two to each other. Lists: (record, field) -> (most items, what they
# are, why).
LIST_LIMITS = {
    ("Report", "sections"): (100, "sections", "see README: Limits"),
    ("Report", "figures"): (50, "figures", "see README: Limits"),
    ("Report", "regions"): (50, "regions", "see README: Limits"),
    ("Report", "layers"): (12, "layers", "see README: Limits"),
    ("Report", "tags"): (50, "tags", "see README: Limits"),
    ("Report", "cover"): (6, "blocks", "what the cover page holds"),
    ("Report", "closing"): (6, "blocks", "what the closing page holds"),
    ("Section", "blocks"): (40, "blocks", "see README: Limits"),
    ("StatsBlock", "items"): (8, "stats", "two rows of four on a slide"),
    ("CardsBlock", "items"): (24, "cards", "what a page and a slide hold"),
    ("HubData", "regions"): (16, "regions", "a hub shows sixteen at readable sizes"),
    ("LayersData", "layers"): (8, "layers", "layers stacked on one page"),
    ("LayersData", "flow"): (6, "steps", "a flow across one page"),
    ("Layer", "items"): (12, "items", "what a page and a slide hold"),
    ("ComparisonData", "columns"): (4, "columns", "columns side by side on a page"),
    ("Column", "items"): (12, "items", "what a page and a slide hold"),
    ("Meta", "keywords"): (20, "keywords", "see README: Limits"),
    ("SlideVersion", "points"): (4, "points", "what a slide says to the room"),
}
MAX_ID, MAX_URL, MAX_ICON, MAX_STAT = 64, 300, 16, 16
MAX_TEXT, MAX_LABEL = 4000, 120          # characters of a text; of a title, heading or label (_short)
FIRST_YEAR, LAST_YEAR = 1980, 2099       # the deck's zip entries cannot be dated before 1980
PRINTED_STRINGS = {"value", "icon"}
PLACEHOLDERS = {"figure_caption": {"number", "title"}, "contents": set(), "page": {"page", "pages"}, "figures": set()}


def iter_strings(obj, path: str = "") -> Iterator[tuple[str, str]]:
    """Every printed string of the model with its field path (texts, stat values, icons)."""
    if isinstance(obj, model.Text):
        yield from ((f"{path}.{lang}", obj[lang]) for lang in model.LANGS if isinstance(obj[lang], str))
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


def check_model(report: model.Report, file: str, lines: Lines, faulty: frozenset[str] = frozenset()) -> list[Problem]:
    """Every problem of the model, none about a field that already has one (`faulty`: the
    conversion's problems, and the fields a misspelt key stood for): one problem per field.
    Whether everything defined is used is asked only of a model that is complete and otherwise
    right: a misspelt `sections` or reference would make what it meant look unused."""
    checks = (_ids, _references, _placement, _markup, _labels, _url, _date, _icons, _limits)
    found = [(path, message) for check in checks for path, message in check(report)]
    found = [(path, message) for path, message in [*found, *_cards(report, faulty)]
             if not any(within(path, bad) for bad in faulty)]
    if not faulty and not found:
        found += [*_unused(report), *_figures_placed(report)]
    return [Problem(file, lines.of(path), path, message) for path, message in found]


def within(path: str, outer: str) -> bool:
    """Whether field `path` is `outer` or a part of it (`a.b[2].c` is within `a.b[2]`)."""
    return path == outer or path.startswith((outer + ".", outer + "[")) or not outer


def _items(items) -> list[tuple[int, object]]:
    """(index, item) of the items that converted (a partial model holds None for the rest)."""
    return [(i, item) for i, item in enumerate(items or ()) if item is not None]


def _ids(report):
    if report.id is not None and not ID_PATTERN.match(report.id):
        yield "id", f"id {report.id!r} must be lower-case letters, digits and hyphens (it names the output files)"
    if report.id is not None and len(report.id) > MAX_ID:
        yield "id", f"id is {len(report.id)} characters; at most {MAX_ID} (it names the output files)"
    for name in ("sections", "layers", "tags", "regions", "figures"):
        seen: dict[str, int] = {}
        for i, item in _items(getattr(report, name)):
            if item.id is None:
                continue
            if not ID_PATTERN.match(item.id):
                yield f"{name}[{i}].id", f"id {item.id!r} must be lower-case letters, digits and hyphens"
            elif len(item.id) > MAX_ID:
                yield f"{name}[{i}].id", f"id is {len(item.id)} characters; at most {MAX_ID}"
            if item.id in seen:
                yield f"{name}[{i}].id", f"duplicate id {item.id!r} (first used by {name}[{seen[item.id]}])"
            seen.setdefault(item.id, i)


def _known(report) -> dict[str, dict[str, object]]:
    return {what: {item.id: item for _, item in _items(getattr(report, what + "s")) if item.id is not None}
            for what in ("region", "layer", "tag", "figure")}


def _references(report):
    known = _known(report)
    # A definition that did not convert, or whose id did not, has an unknown id: references to
    # it are not news.
    partial = {what for what in known
               if any(item is None or item.id is None for item in getattr(report, what + "s") or ())}
    for path, ref, what in reference_sites(report):
        if ref is not None and ref not in known[what] and what not in partial:
            choices = ", ".join(known[what]) or f"no {what}s are defined"
            yield path, f"no {what} with id {ref!r} (known: {choices})"


def reference_sites(report):
    """(path, id, kind of thing it names) for every reference in the report."""
    for i, layer in _items(report.layers):
        yield from ((f"layers[{i}].regions[{j}]", r, "region") for j, r in enumerate(layer.regions or ()))
    for i, tag in _items(report.tags):
        if tag.layer is not None:
            yield f"tags[{i}].layer", tag.layer, "layer"
    for i, region in _items(report.regions):
        yield f"regions[{i}].tag", region.tag, "tag"
    for i, figure in _items(report.figures):
        for field, what in (("regions", "region"), ("layers", "layer")):
            for j, ref in enumerate(getattr(figure.data, field, None) or ()):
                yield f"figures[{i}].data.{field}[{j}]", ref, what
    for path, _, block in _blocks(report):
        if isinstance(block, model.FigureBlock):
            yield f"{path}.figure", block.figure, "figure"
        if isinstance(block, model.CardsBlock):
            for j, card in _items(block.items):
                if card.region is not None:
                    yield f"{path}.items[{j}].region", card.region, "region"


def _unused(report):
    """Regions, layers and tags defined and never referred to would reach no output."""
    used = {(what, ref) for _, ref, what in reference_sites(report)}
    for what in ("region", "layer", "tag"):
        for i, item in _items(getattr(report, what + "s")):
            if item.id is not None and (what, item.id) not in used:
                yield f"{what}s[{i}].id", f"{what} {item.id!r} is defined but never used (use it or delete it)"


def _blocks(report):
    """(path, place, block) for every block, in reading order."""
    for i, block in _items(report.cover):
        yield f"cover[{i}]", "cover", block
    for i, section in _items(report.sections):
        for j, block in _items(section.blocks):
            yield f"sections[{i}].blocks[{j}]", "section", block
    for i, block in _items(report.closing):
        yield f"closing[{i}]", "closing", block


def _placement(report):
    counts: dict[tuple[str, str], int] = {}
    for path, place, block in _blocks(report):
        if place not in CONTRACT[block.kind]:
            yield path, (f"a {block.kind} block cannot stand in the {place} "
                         f"(it can in: {', '.join(allowed(block.kind))})")
        counts[place, block.kind] = counts.get((place, block.kind), 0) + 1
        if (place, block.kind) in ONE_PER_PLACE and counts[place, block.kind] == 2:
            yield path, f"the {place} holds at most one {block.kind} block"


def _figures_placed(report):
    """Each figure is placed by exactly one figure block: numbered once, anchored once."""
    placed: dict[str, str] = {}
    for path, _, block in _blocks(report):
        if isinstance(block, model.FigureBlock) and block.figure is not None:
            if block.figure in placed:
                yield f"{path}.figure", f"figure {block.figure!r} is already placed at {placed[block.figure]}"
            placed.setdefault(block.figure, path)
    for i, figure in _items(report.figures):
        if figure.id is not None and figure.id not in placed:
            yield f"figures[{i}].id", f"figure {figure.id!r} is defined but no figure block places it"


def _cards(report, faulty):
    """A card has a title or a region; not asked of one whose title or region has a problem of
    its own (a misspelt `titel:` is that problem, not this one)."""
    for path, _, block in _blocks(report):
        if isinstance(block, model.CardsBlock):
            for j, card in _items(block.items):
                fields = (f"{path}.items[{j}].title", f"{path}.items[{j}].region")
                if any(within(field, bad) for field in fields for bad in faulty):
                    continue
                if (card.title is None) == (card.region is None):
                    yield f"{path}.items[{j}]", "a card needs either a title or a region (not both)"


def _markup(report):
    for path, text in iter_strings(report):
        problem = inline.markup_problem(text)
        if problem:
            yield path, problem


def _labels(report):
    """Label patterns may name only their placeholders: they are filled by substitution, never
    by str.format (which would read attributes a pattern names)."""
    if report.labels is None:
        return
    for name, names in PLACEHOLDERS.items():
        text = getattr(report.labels, name)
        for lang in model.LANGS:
            pattern = text[lang] if text is not None else None
            if not isinstance(pattern, str):
                continue
            problem = placeholder_problem(pattern, names)
            if problem:
                yield f"labels.{name}.{lang}", problem


def placeholder_problem(pattern: str, names: set[str]) -> str | None:
    expected = ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError:
        return f"unbalanced {{ or }} (write {{{{ or }}}} for a brace; placeholders: {expected})"
    for field in fields:
        if field not in names:
            return f"unknown placeholder {{{field}}} (placeholders: {expected})"
    return None


def fill(pattern: str, **values: str) -> str:
    """The pattern with its placeholders replaced (checked by `placeholder_problem` first)."""
    return "".join(literal + (str(values[field]) if field is not None else "")
                   for literal, field, _, _ in string.Formatter().parse(pattern))


def _url(report):
    if report.url is None:
        return
    parts = urlsplit(report.url)
    if (parts.scheme not in ("http", "https") or not parts.netloc
            or any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in report.url)):
        yield "url", f"{report.url!r} is not a web address (expected https://…, no spaces or control characters)"
    elif len(report.url) > MAX_URL:
        yield "url", f"the address is {len(report.url)} characters; at most {MAX_URL} fit a QR code a phone reads"


def _date(report):
    if report.date is not None and not FIRST_YEAR <= report.date.year <= LAST_YEAR:
        yield "date", f"{report.date} is out of range (a year from {FIRST_YEAR} to {LAST_YEAR})"


def _icons(report):
    """An icon is the name of a drawn icon of the bundled set, or one emoji that draws something
    (not only joiners or variation selectors)."""
    for path, text in iter_strings(report):
        if not path.endswith(".icon"):
            continue
        if icons.is_name(text):
            if problem := icons.name_problem(text):
                yield path, problem
            continue
        visible = [ch for ch in text if ch not in "\u200d\ufe0e\ufe0f" and not ch.isspace()]
        if not visible:
            yield path, "icon draws nothing (only invisible characters): name a drawn icon, like rocket"
        elif len(text) > MAX_ICON:
            yield path, f"icon is {len(text)} characters; name a drawn icon, like rocket, or give one emoji " \
                        f"(at most {MAX_ICON} code points)"


def _limits(report):
    """Lists and texts within the sizes the layouts can show (README: Limits)."""
    return _sizes(report, "")


def _sizes(obj, path: str):
    if isinstance(obj, model.Text):
        limit = MAX_LABEL if _short(path) else MAX_TEXT
        for lang in model.LANGS:
            if isinstance(obj[lang], str) and len(obj[lang]) > limit:
                yield f"{path}.{lang}", f"text is {len(obj[lang]):,} characters; at most {limit:,} here"
        return
    if not dataclasses.is_dataclass(obj):
        return
    for field in dataclasses.fields(obj):
        value, sub = getattr(obj, field.name), f"{path}.{field.name}" if path else field.name
        if isinstance(value, tuple):
            most, noun, why = LIST_LIMITS.get((type(obj).__name__, field.name), (None, "", ""))
            if most is not None and len(value) > most:
                yield sub, f"{len(value)} {noun}; at most {most} ({why})"
            for i, item in enumerate(value):
                yield from _sizes(item, f"{sub}[{i}]")
        elif isinstance(obj, model.Stat) and field.name == "value":
            yield from _stat_value(value, sub)
        else:
            yield from _sizes(value, sub)


def _stat_value(value, path: str):
    """A stat's value, in each language when it has one per language, within MAX_STAT."""
    texts = [(path, value)] if isinstance(value, str) else \
        [(f"{path}.{lang}", value[lang]) for lang in model.LANGS] if isinstance(value, model.Text) else []
    for sub, text in texts:
        if isinstance(text, str) and len(text) > MAX_STAT:
            yield sub, f"a stat value is {len(text)} characters; at most {MAX_STAT}"


def _short(path: str) -> bool:
    """Titles, headings, a stat's label, and the texts of regions, layers, tags and figures (set
    inside the figures): one line or two, never a paragraph."""
    if path.startswith(("regions", "tags", "layers", "figures")) or path.endswith((".title", ".heading")):
        return True
    return path.endswith(".label") and not path.startswith("labels")
