"""Typography checks: what a careful editor of a bilingual report would flag.

These are warnings (the report still builds; `--strict` makes them fail). Chinese: ASCII
punctuation or an ASCII full stop inside Chinese, stray spaces between Chinese characters,
Chinese–Latin spacing that changes within one text. English: ASCII ' and " where typographic
’ and “…” belong (curly apostrophes and quotes are correct English). Both: unbalanced quotes
and brackets. Between the two languages of one value: a number, percentage, web address or
Latin name in one that the other lacks (30+ / 30+, 7天 / 7 Days, AWE / AWE).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .inline import plain

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}
ASCII_IN_CHINESE = re.compile(rf"(?<=[{HAN}])[,():;!?]|[,():;!?](?=[{HAN}])")
FULL_STOP_AFTER_CHINESE = re.compile(rf"[{HAN}]\.(?=\s|$)")
STRAY_SPACE = re.compile(rf"[{HAN}]\s+[{HAN}]")
HAN_LATIN = re.compile(rf"[{HAN}]( ?)[A-Za-z]|[A-Za-z]( ?)[{HAN}]")
PAIRS = {"“": "”", "（": "）", "《": "》", "「": "」", "『": "』", "【": "】", "(": ")", "[": "]"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")        # {number} in label patterns
URL = re.compile(r"https?://[^\s，。）)]+")
NUMBER = re.compile(r"(?<![0-9A-Za-z.])\d+(?:[.,]\d+)*(?:%|\+)?")
# Latin words of three or more letters inside Chinese text are names (AWE, SVTR, Physical AI);
# two-letter ones are mostly common terms (AI) that a translation may leave out.
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9&-]{2,}")


def typography_warnings(strings: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(field path, message) for every typographic problem of the printed strings."""
    pairs: dict[str, dict[str, str]] = {}
    for path, text in strings:
        if path.endswith(".icon"):
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
            yield from ((f"{parent}.{lang}", message) for lang, message in _parity(texts["zh"], texts["en"]))


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


def _english(text: str) -> Iterator[str]:
    if "'" in text:
        yield "ASCII ' in English text (use ’ for an apostrophe, ‘…’ for a quote)"
    if '"' in text:
        yield 'ASCII " in English text (use “…”)'


def _balance(text: str) -> Iterator[str]:
    for opening, closing in PAIRS.items():
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


def _parity(zh: str, en: str) -> Iterator[tuple[str, str]]:
    """What one language of a value states that the other does not."""
    zh, en = _without(PLACEHOLDER, zh), _without(PLACEHOLDER, en)
    for what, pattern in (("web address", URL), ("number", NUMBER)):
        zh_found, en_found = _found(pattern, zh), _found(pattern, en)
        for lang, missing in (("en", zh_found - en_found), ("zh", en_found - zh_found)):
            for item in sorted(missing):
                other = "Chinese" if lang == "en" else "English"
                yield lang, f"{what} '{item}' of the {other} text is missing here"
    words = {word for word in LATIN_NAME.findall(_without(URL, zh))}
    english = set(LATIN_NAME.findall(_without(URL, en)))
    for word in sorted(words - english):
        yield "en", f"'{word}' of the Chinese text is missing here"


MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                    r"December)\b")
MONTH_NUMBER = {name: str(i) for i, name in enumerate(MONTHS.pattern[3:-3].split("|"), start=1)}


def _found(pattern: re.Pattern, text: str) -> set[str]:
    """What `pattern` finds; numbers outside addresses, with English month names as their
    numbers (2026年3月 / March 2026)."""
    if pattern is NUMBER:
        text = MONTHS.sub(lambda m: MONTH_NUMBER[m.group(1)], _without(URL, text))
    return {match.replace(",", "") for match in pattern.findall(text)}


def _without(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(" ", text)
