"""Stage 1a: read data/report.yaml into YAML nodes that remember their lines.

Reading is safe and strict: bytes must be UTF-8 (we name the likely encoding when they are
not), only plain YAML types are allowed (no object tags, no anchors or aliases, no duplicate
keys), and oversized or deeply nested files are refused before they can cost minutes. The
lines where the writer accepts a warning (`# check: ok`, see `accepting_lines`) are noted too:
comments are not part of the nodes.
"""
from __future__ import annotations

import re
import stat
from pathlib import Path

import yaml

from ..errors import ContentError, Problem, display_path
from .syntax import plain_words

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
# `# check: ok` after a value, maybe with the reason: `# check: ok, the English rounds it`
ACCEPT = re.compile(r"(?:^|\s)#\s*check:\s*ok\b", re.IGNORECASE)
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")     # YAML's line breaks, as its marks count them


def read_nodes(path: Path) -> tuple[str, yaml.Node, frozenset[int]]:
    """The file's display name, its root node and the lines accepting a warning; raises
    ContentError on any problem."""
    name = display_path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):     # a FIFO or a device would hang or never end
            raise ContentError([Problem(name, 0, "", "not a regular file: give the report's YAML file")])
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(name, 0, "", f"cannot read the file ({(exc.strerror or str(exc)).lower()})")])
    text = _decode(name, raw)
    root = _compose(name, text)
    problems = list(_check_nodes(name, root))
    if problems:
        raise ContentError(problems)
    return name, root, accepting_lines(text)


def accepting_lines(text: str) -> frozenset[int]:
    """The lines (from 1) with a `# check: ok` comment: the writer has seen the typography
    warning of the value on that line and means it as it is."""
    return frozenset(number for number, line in enumerate(LINE_BREAK.split(text), start=1)
                     if "#" in line and ACCEPT.search(line))


def _decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(name, 0, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")])
    if not raw.strip():
        raise ContentError([Problem(name, 0, "", "file is empty (expected the report as YAML)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        hint = f"; it looks like {guess}: re-save it as UTF-8" if guess else "; re-save it as UTF-8"
        raise ContentError([Problem(name, line, "", f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}){hint}")])


# The legacy encodings a Chinese or Japanese editor saves in, each with the lead bytes of its
# commonest characters (full-width punctuation, and the first level of its characters: the
# 3,755 common hanzi of GB2312, the 5,401 of Big5, kana and the first level of JIS kanji).
LEGACY = (("gb18030", "gb2312", "GB18030/GBK", (range(0xA1, 0xA4), range(0xB0, 0xD8))),
          ("big5", "big5", "Big5", (range(0xA1, 0xC7),)),
          ("shift_jis", "shift_jis", "Shift JIS", (range(0x81, 0x84), range(0x88, 0xA0))))


def _guess_encoding(raw: bytes) -> str | None:
    """A best guess at what a Chinese or Japanese editor or office program saved: of the
    encodings the bytes decode in, the one in which most characters are common ones."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    best, label = 0.0, None
    for codec, common_codec, name, leads in LEGACY:
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in decoded if ord(ch) > 0x7F]
        if not any("\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" for ch in wide):
            continue
        score = sum(_common(ch, common_codec, leads) for ch in wide) / len(wide)
        if score > best:
            best, label = score, name
    if label:
        return label
    return "Latin-1/Windows-1252" if all(b >= 0x20 or b in b"\t\r\n" for b in raw) else None


def _common(char: str, codec: str, leads) -> bool:
    try:
        encoded = char.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and any(encoded[0] in lead for lead in leads)


def _compose(name: str, text: str) -> yaml.Node:
    fast = getattr(yaml, "CSafeLoader", None)        # libyaml: about ten times quicker (watch, preview)
    if fast is not None:
        try:
            root = yaml.compose(text, Loader=fast)
            if root is not None:
                return root
        except (yaml.YAMLError, RecursionError):
            pass                                     # the pure parser's messages name the problem
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise ContentError([Problem(name, 0, "", f"nesting deeper than {MAX_DEPTH} levels")])
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        what = f"invisible control character U+{exc.character:04X}" if isinstance(exc.character, int) else "invalid character"
        raise ContentError([Problem(name, line, "", f"{what} (delete it; it often comes with pasted text)")])
    except yaml.MarkedYAMLError as exc:
        line, what = plain_words(exc, text)
        raise ContentError([Problem(name, line, "", f"YAML syntax error: {what}")])
    except yaml.YAMLError as exc:
        raise ContentError([Problem(name, 0, "", f"YAML error: {exc}")])
    if root is None:
        raise ContentError([Problem(name, 0, "", "file is empty (expected the report as YAML)")])
    return root


def _check_nodes(name: str, root: yaml.Node):
    """Refuse what plain data never needs: custom tags, aliases, duplicate keys, deep nesting."""
    seen: set[int] = set()
    aliased = False
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            if not aliased:
                yield Problem(name, line, "", "anchors and aliases (&, *) are not supported: write the value out")
            aliased = True
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            yield Problem(name, line, "", f"nesting deeper than {MAX_DEPTH} levels")
            return
        if node.tag not in PLAIN_TAGS:
            yield Problem(name, line, "", f"unsupported YAML tag {node.tag!r} (only plain values)")
            continue
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):     # `? [a, b]`: a list or mapping as a key
                    yield Problem(name, key.start_mark.line + 1, "", "a field name must be plain text, not a list or "
                                  "mapping (remove the '?' or the brackets)")
                    continue
                if key.value in keys:
                    yield Problem(name, key.start_mark.line + 1, "", f"duplicate key {key.value!r}")
                keys.add(key.value)
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
