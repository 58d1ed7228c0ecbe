"""Chinese typography checks: what a careful editor of a bilingual report would flag.

These are warnings (the report still builds; `--strict` makes them fail): ASCII punctuation
inside Chinese, unbalanced quotes and brackets, stray spaces between Chinese characters, and
spacing between Chinese and Latin letters that changes within one text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .inline import plain

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}
ASCII_IN_CHINESE = re.compile(rf"(?<=[{HAN}])[,():;!?]|[,():;!?](?=[{HAN}])")
STRAY_SPACE = re.compile(rf"[{HAN}]\s+[{HAN}]")
HAN_LATIN = re.compile(rf"[{HAN}]( ?)[A-Za-z]|[A-Za-z]( ?)[{HAN}]")
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "「": "」", "『": "』", "【": "】", "(": ")", "[": "]"}


def typography_warnings(strings: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(field path, message) for every typographic problem of the printed strings."""
    for path, text in strings:
        if path.endswith(".icon"):
            continue
        text = plain(text)
        if path.endswith(".zh"):
            yield from ((path, message) for message in _chinese(text))
        yield from ((path, message) for message in _balance(text))


def _chinese(text: str) -> Iterator[str]:
    for mark in dict.fromkeys(ASCII_IN_CHINESE.findall(text)):
        yield f"ASCII '{mark}' inside Chinese text (use '{FULL_WIDTH[mark]}')"
    if '"' in text and re.search(f"[{HAN}]", text):
        yield "ASCII quotes inside Chinese text (use “…”)"
    for match in STRAY_SPACE.finditer(text):
        yield f"space between Chinese characters: '{match.group(0)}'"
    gaps = {bool(a or b) for a, b in HAN_LATIN.findall(text)}
    if len(gaps) > 1:
        yield "spacing between Chinese and Latin letters changes within the text (space in some places, not in others)"


def _balance(text: str) -> Iterator[str]:
    for opening, closing in PAIRS.items():
        depth = 0
        for char in text:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth:
            yield f"unbalanced {opening}{closing}"
