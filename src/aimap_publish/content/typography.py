"""Typography checks: what a careful editor of a bilingual report would flag.

These are warnings (the report still builds; `--strict` makes them fail). Chinese: ASCII
punctuation or an ASCII full stop inside Chinese, stray spaces between Chinese characters,
Chinese–Latin spacing that changes within one text. English: ASCII ' and " where typographic
’ and “…” belong (curly apostrophes and quotes are correct English). Both: unbalanced quotes
and brackets; traditional forms inside Simplified Chinese (the editions are zh-CN), named with
their simplified forms from OpenCC's tables. Between the two languages of one value: a number, percentage, web address or
Latin name in one that the other lacks, read as a translator reads them (parity.py: 七成 / 70%,
5万 / 50,000, CDMO / CDMOs).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import opencc

from ..icons import emoji_warning, is_name
from .addresses import HAN
from .checks import MAX_ICON
from .inline import plain
from .parity import parity

FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}
ASCII_IN_CHINESE = re.compile(rf"(?<=[{HAN}])[,():;!?]|[,():;!?](?=[{HAN}])")
FULL_STOP_AFTER_CHINESE = re.compile(rf"[{HAN}]\.(?=\s|$)")
STRAY_SPACE = re.compile(rf"[{HAN}]\s+[{HAN}]")
HAN_LATIN = re.compile(rf"[{HAN}]( ?)[A-Za-z]|[A-Za-z]( ?)[{HAN}]")
PAIRS = {"“": "”", "（": "）", "《": "》", "「": "」", "『": "』", "【": "】", "(": ")", "[": "]"}


def typography_warnings(strings: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(field path, message) for every typographic problem of the printed strings."""
    pairs: dict[str, dict[str, str]] = {}
    for path, text in strings:
        if path.endswith(".icon"):
            if not is_name(text) and len(text) <= MAX_ICON and text.strip("\u200d\ufe0e\ufe0f \t\n"):
                yield path, emoji_warning(text)     # (an icon that draws nothing is an error already)
            continue
        text = plain(text)
        if path.endswith(".zh"):
            yield from ((path, message) for message in _chinese(text))
        elif path.endswith(".en"):
            yield from ((path, message) for message in _english(text))
        yield from ((path, message) for message in _balance(text))
        if path.endswith((".zh", ".en")):
            pairs.setdefault(path[:-3], {})[path[-2:]] = text
    for parent, texts in pairs.items():
        if len(texts) == 2:
            yield from ((f"{parent}.{lang}", message) for lang, message in parity(texts["zh"], texts["en"]))


def _chinese(text: str) -> Iterator[str]:
    for mark in dict.fromkeys(ASCII_IN_CHINESE.findall(text)):
        yield f"ASCII '{mark}' inside Chinese text (use '{FULL_WIDTH[mark]}')"
    if FULL_STOP_AFTER_CHINESE.search(text):
        yield "ASCII full stop ending a Chinese sentence (use '。')"
    if '"' in text and re.search(f"[{HAN}]", text):
        yield "ASCII quotes inside Chinese text (use “…”)"
    for match in STRAY_SPACE.finditer(text):
        yield f"space between Chinese characters: '{match.group(0)}'"
    gaps = {bool(a or b) for a, b in HAN_LATIN.findall(text)}
    if len(gaps) > 1:
        yield "spacing between Chinese and Latin letters changes within the text (space in some places, not in others)"
    yield from _script(text)


_SIMPLIFIED = None


def _script(text: str) -> Iterator[str]:
    """Traditional forms in Simplified text (鴻海 臺積電 應科院), each with its simplified form."""
    global _SIMPLIFIED
    if not re.search(f"[{HAN}]", text):
        return
    _SIMPLIFIED = _SIMPLIFIED or opencc.OpenCC("t2s")
    simplified = _SIMPLIFIED.convert(text)
    if simplified == text:
        return
    if len(simplified) == len(text):
        forms = dict.fromkeys((a, b) for a, b in zip(text, simplified) if a != b)
        named = "、".join(f"{a}→{b}" for a, b in forms)
    else:                                      # a phrase table changed the length: name the text
        named = f"{text[:40]} → {simplified[:40]}"
    yield f"traditional forms in Simplified Chinese: {named}"


def _english(text: str) -> Iterator[str]:
    if "'" in text:
        yield "ASCII ' in English text (use ’ for an apostrophe, ‘…’ for a quote)"
    if '"' in text:
        yield 'ASCII " in English text (use “…”)'


def _balance(text: str) -> Iterator[str]:
    for opening, closing in PAIRS.items():
        if opening not in text and closing not in text:   # most texts: no walk (2 MB reports)
            continue
        depth = 0
        for char in text:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth:
            yield f"unbalanced {opening}{closing}"
    # ’ is also the apostrophe (world’s, founders’), so only an opening ‘ left open counts.
    if text.rfind("‘") > text.rfind("’"):
        yield "unbalanced ‘’"
