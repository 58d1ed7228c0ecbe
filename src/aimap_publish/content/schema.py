"""Stage 1b: turn YAML nodes into the frozen dataclasses of `model`, gathering every problem.

The conversion is driven by the dataclasses' type hints, so the model is the schema: a new
field or block kind needs no change here. Each problem names the field path and its line;
`Lines` keeps the line of every path for the checks that run on the finished model, and
`accepted` the paths whose key line carries the writer's `# check: ok` (see source.py).
"""
from __future__ import annotations

import dataclasses
import datetime
import difflib
import types
import typing
from functools import cache

import yaml

from ..errors import Problem
from . import model

LANG_NAMES = {"zh": "Chinese", "en": "English"}


class Lines(dict):
    """Field path -> line number, with the nearest enclosing line for paths not recorded."""

    def of(self, path: str) -> int:
        while path:
            if path in self:
                return self[path]
            path = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0] if "[" in path else ""
        return self.get("", 1)


class Converter:
    """`defaults`: field path -> the node a missing field takes (the packaged labels);
    `accepting`: the lines whose values' warnings the writer accepts (`# check: ok`)."""

    def __init__(self, file: str, defaults: dict[str, yaml.Node] | None = None,
                 accepting: frozenset[int] = frozenset()):
        self.file = file
        self.defaults = defaults or {}
        self.problems: list[Problem] = []
        self.faulty: set[str] = set()     # paths with a problem, and fields a misspelt key stood for
        self.lines = Lines()
        self.accepting = accepting
        self.accepted: set[str] = set()
        self._scalars = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, _line(node), path, message))
        self.faulty.add(path)

    def convert(self, node: yaml.Node, hint, path: str):
        """The value of `node` as type `hint`, or None after recording why it is not one."""
        self.lines.setdefault(path, _line(node))
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, hint, path)
        if origin is tuple:
            return self._sequence(node, typing.get_args(hint)[0], path)
        if dataclasses.is_dataclass(hint):
            return self._record(node, hint, path)
        return self._scalar(node, hint, path)

    def _union(self, node, hint, path):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return self.convert(node, options[0], path)
        if all(hasattr(cls, "kind") for cls in options):
            return self._tagged(node, {cls.kind: cls for cls in options}, path)
        return self._by_shape(node, options, path)

    def _by_shape(self, node, options, path):
        """A value of a scalar type or a record (`str | Text`), told apart by the node's shape."""
        records = [cls for cls in options if dataclasses.is_dataclass(cls)]
        scalars = [cls for cls in options if cls not in records]
        if isinstance(node, yaml.MappingNode) and len(records) == 1:
            return self._record(node, records[0], path)
        if isinstance(node, yaml.ScalarNode) and len(scalars) == 1:
            return self._scalar(node, scalars[0], path)
        expected = [_TYPE_NAMES.get(cls, cls.__name__) for cls in scalars] + [f"a mapping of {_describe(cls)}"
                                                                             for cls in records]
        return self._wrong(node, path, " or ".join(expected))

    def _tagged(self, node, kinds: dict[str, type], path):
        """A record chosen by its `kind` key (blocks, figures)."""
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, path, "a mapping with a kind")
        kind_node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "kind"), None)
        if kind_node is None:
            expected = ", ".join(sorted(kinds))
            return self.problem(node, path, f"missing field 'kind' (one of: {expected})")
        if not isinstance(kind_node, yaml.ScalarNode):
            return self._wrong(kind_node, f"{path}.kind", "a kind name")
        if kind_node.value not in kinds:
            return self.problem(kind_node, f"{path}.kind", _unknown("kind", kind_node.value, kinds))
        return self._record(node, kinds[kind_node.value], path)

    def _sequence(self, node, item_hint, path):
        if not isinstance(node, yaml.SequenceNode):
            return self._wrong(node, path, "a list")
        return tuple(self.convert(item, item_hint, f"{path}[{i}]") for i, item in enumerate(node.value))

    def _record(self, node, cls, path):
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, path, f"a mapping of {_describe(cls)}")
        hints, required = _fields(cls)
        given, suggested = {}, set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            sub = f"{path}.{name}" if path else str(name)
            if name == "kind" and hasattr(cls, "kind"):
                continue
            if name not in hints:
                self.problem(key, sub, _unknown("field", name, hints))
                suggested.update(_close(name, hints))
                self.faulty.update(f"{path}.{close}" if path else close for close in _close(name, hints))
                continue
            given[name] = self.convert(value, hints[name], sub)
            if _line(key) in self.accepting:         # on a zh or en line it accepts the whole value
                self.accepted.update((sub, path) if cls is model.Text else (sub,))
            if name in required and given[name] == ():
                self.problem(value, sub, f"'{name}' is empty (list at least one)")
        for name in required - given.keys():
            sub = f"{path}.{name}" if path else name
            if sub in self.defaults:
                given[name] = Converter("(packaged default)").convert(self.defaults[sub], hints[name], sub)
            elif name not in suggested:
                self.problem(node, sub, _missing(cls, name))
        # A record with problems is still made (None where a value is missing or wrong), so
        # the checks that follow can report everything else in the same run.
        return cls(**{**dict.fromkeys(required), **given})

    def _scalar(self, node, hint, path):
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, path, _TYPE_NAMES.get(hint, hint.__name__))
        value = self._value(node)
        if hint is str:
            return self._string(node, value, path)
        if hint is datetime.date and isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if hint is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        return self._wrong(node, path, _TYPE_NAMES.get(hint, hint.__name__))

    def _string(self, node, value, path):
        # a plain scalar (style None, or "" from libyaml) that YAML read as a boolean, null or date
        if isinstance(value, (bool, type(None), datetime.date)) and not node.style:
            return self._wrong(node, path, "text")
        text = node.value if not isinstance(value, str) else value
        if not text.strip():
            lang = path.rsplit(".", 1)[-1]
            what = f"missing {LANG_NAMES[lang]} text" if lang in LANG_NAMES else "empty text"
            return self.problem(node, path, what)
        return text

    def _value(self, node: yaml.ScalarNode):
        """The scalar as YAML types it; its source text when that type rejects it (2026-13-45)."""
        try:
            return self._scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            return node.value

    def _wrong(self, node, path, expected: str):
        found = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}.get(type(node))
        if found is None:
            value = self._value(node)
            found = "nothing" if value is None else f"{type(value).__name__} {node.value!r}"
        self.problem(node, path, f"expected {expected}, found {found}")


_TYPE_NAMES = {str: "text", int: "a whole number", datetime.date: "a date (YYYY-MM-DD)"}


@cache
def _fields(cls) -> tuple[dict[str, object], frozenset[str]]:
    hints = typing.get_type_hints(cls, vars(model))
    fields = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    required = frozenset(
        f.name for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    return fields, required


def _describe(cls) -> str:
    if cls is model.Text:
        return "zh and en texts"
    return ", ".join(_fields(cls)[0])


def _missing(cls, name: str) -> str:
    if cls is model.Text:
        return f"missing {LANG_NAMES[name]} text"
    return f"missing field '{name}'"


def _line(node: yaml.Node) -> int:
    """The line a user looks at: for a folded or literal block (>-, |), its first text line."""
    return node.start_mark.line + 1 + (getattr(node, "style", None) in (">", "|"))


def _close(name, known) -> list[str]:
    return difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.7)


def _unknown(what: str, name, known) -> str:
    close = _close(name, known)
    hint = f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(sorted(known))
    return f"unknown {what} '{name}' ({hint})"
