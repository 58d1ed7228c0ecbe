"""Bilingual parity, one of the typography warnings: what one language of a value states that
the other does not.

Read as a translator would: numbers compare by value whatever the script (七成 / 70%, 5万 /
50,000, 1.5亿 / 150 million; see numbers.py), addresses by the one rule of addresses.py (a
trailing / or the sentence's full stop makes no difference), and a Latin name in the Chinese
text is found in the English one whatever its case or plural (CDMO / CDMOs, GPU与NPU / GPUs &
NPUs, Agent / AI-agents).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .addresses import find_addresses, same_address, without_addresses
from .numbers import numbers_in

PLACEHOLDER = re.compile(r"\{[^{}]*\}")        # {number} in label patterns
# Latin words of three or more letters inside Chinese text are names (AWE, SVTR, Physical AI);
# two-letter ones are mostly common terms (AI) that a translation may leave out.
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9&-]{2,}")
WORD = re.compile(r"[a-z0-9]+")
OTHER = {"en": "Chinese", "zh": "English"}


def parity(zh: str, en: str) -> Iterator[tuple[str, str]]:
    """(language, message) for each thing of one language the other lacks."""
    zh, en = PLACEHOLDER.sub(" ", zh), PLACEHOLDER.sub(" ", en)
    yield from _addresses(zh, en)
    zh, en = without_addresses(zh), without_addresses(en)
    yield from _numbers(zh, en)
    yield from _names(zh, en)


def _addresses(zh: str, en: str) -> Iterator[tuple[str, str]]:
    found = {"zh": find_addresses(zh), "en": find_addresses(en)}
    for lang, other in (("en", "zh"), ("zh", "en")):
        present = {same_address(address) for address in found[lang]}
        for address in sorted({a for a in found[other] if same_address(a) not in present}):
            yield lang, f"web address '{address}' of the {OTHER[lang]} text is missing here"


def _numbers(zh: str, en: str) -> Iterator[tuple[str, str]]:
    """A number in figures must be there in the other language, in figures or in words."""
    found = {"zh": numbers_in(zh), "en": numbers_in(en)}
    for lang, other in (("en", "zh"), ("zh", "en")):
        present = frozenset().union(*(number.values for number in found[lang]))
        missing = {n.shown for n in found[other] if n.in_figures and not n.values & present}
        for shown in sorted(missing):
            yield lang, f"number '{shown}' of the {OTHER[lang]} text is missing here"


def _names(zh: str, en: str) -> Iterator[tuple[str, str]]:
    """English is full of Latin words, so names are asked of it only, not of the Chinese."""
    english = f" {' '.join(WORD.findall(en.lower()))} "
    for name in sorted(set(LATIN_NAME.findall(zh))):
        words = " ".join(WORD.findall(name.lower()))
        if not any(f" {words}{plural} " in english for plural in ("", "s", "es")):
            yield "en", f"'{name}' of the Chinese text is missing here"
