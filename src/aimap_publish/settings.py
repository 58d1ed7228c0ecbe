"""Reading the project's TOML settings files (aimap.toml, theme.toml, fonts/policy.toml) with
the line of every key, so a problem is reported as `theme.toml:12: colours.accent: …`.

tomllib keeps no positions; `key_lines` finds them in the text (tables, arrays of tables and
`key =` lines), which is all these small hand-edited files use.
"""
from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

from .errors import ContentError, Problem, display_path

TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]\s*(#.*)?$")
KEY = re.compile(r'^\s*([A-Za-z0-9_-]+|"[^"]*")\s*=')
AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
MAX_BYTES = 1_000_000


def read_toml(path: Path) -> tuple[dict, dict[str, int], str]:
    """The file's data, the line of each dotted key path, and its display name."""
    name = display_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):          # a FIFO or a device would hang or never end
            raise ContentError([Problem(name, 0, "", "not a regular file: a settings file must be a TOML file")])
        if info.st_size > MAX_BYTES:
            raise ContentError([Problem(name, 0, "", f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}")])
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError([Problem(name, 0, "", f"cannot read the file ({(exc.strerror or str(exc)).lower()})")])
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(name, line, "", f"file is not UTF-8 (byte 0x{exc.object[exc.start]:02x}): "
                                                    "re-save it as UTF-8")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else 0
        message = AT_LINE.sub("", str(exc)).strip()
        raise ContentError([Problem(name, line, "", f"TOML syntax error: {message}")])
    return data, key_lines(text), name


def key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    table, counts = "", {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := ARRAY_TABLE.match(line):
            name = match.group(1)
            counts[name] = counts.get(name, -1) + 1
            table = f"{name}[{counts[name]}]"
        elif match := TABLE.match(line):
            table = match.group(1)
        elif match := KEY.match(line):
            key = match.group(1).strip('"')
            lines.setdefault(f"{table}.{key}" if table else key, number)
            continue
        else:
            continue
        lines.setdefault(table, number)
    return lines


def line_of(lines: dict[str, int], path: str) -> int:
    """The line of `path`, or of the nearest enclosing key that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path) if re.search(r"(\.[^.\[]+|\[\d+\])$", path) else ""
    return 0
