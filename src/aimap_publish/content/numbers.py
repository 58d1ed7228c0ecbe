"""Numbers as a translator reads them, for the bilingual parity check (typography).

One reader serves both languages, so 七成 and 70%, 100亿元 and RMB 10 billion, 2.3 million and
230万, 十余家 and more than ten, 80年代 and the 1980s all read as the same values. A number
written in figures (35%, 5万, 2.3 million, March 2026) is a statement the other language must
carry; a number written only in words (七成, 十余, a dozen, first) answers for one but is not
demanded itself, since 一 and one are also words (一些, 统一, one of them).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple


class Number(NamedTuple):
    shown: str                   # as written, for the message
    values: frozenset[Decimal]   # what it may mean (5m: 5 or 5 million; 80年代: 1980 or 2080)
    in_figures: bool             # written with digits: the other language must carry it


HAN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9)))
HAN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
DECADES = {tens[:-1] + "ies": 10 * i for i, tens in enumerate(TENS, start=2)}    # the eighties
WORDS = {**{w: i for i, w in enumerate(UNITS)}, **{w: i for i, w in enumerate(ORDINALS, start=1)},
         **{w: 10 * i for i, w in enumerate(TENS, start=2)}, **DECADES}
SCALES = {"hundred": 100, "dozen": 12, "thousand": 10**3, "million": 10**6, "billion": 10**9,
          "trillion": 10**12}
# Abbreviated scales after figures: bn and mn are unambiguous; a lone letter may be a unit
# (5m: metres or millions; 4K), so it reads as either.
SHORT_SCALES = {"bn": 10**9, "mn": 10**6, "tn": 10**12}
LETTER_SCALES = {"k": 10**3, "m": 10**6, "b": 10**9}
MONTH_NAMES = ("January February March April May June July August September October November "
               "December").split()
MONTHS = {**{m: i for i, m in enumerate(MONTH_NAMES, start=1)},
          **{m[:3]: i for i, m in enumerate(MONTH_NAMES, start=1)}, "Sept": 9}

_WORD = "|".join(sorted([*WORDS, *SCALES], key=len, reverse=True))
_A_SCALE = rf"(?:{'|'.join(SCALES)})\b"           # a dozen, a thousand; not "a second look"
_HAN_SCALE = "(?:[十百万亿]|千(?![瓦米克兆]))+"     # 2千瓦 is 2 kW, not 2,000
# Figures after a letter are part of a name (H100, GPT4, Qwen2.5), after a currency code not.
# Where a number can start: looked ahead first, as most positions of a text cannot (3x quicker).
_STARTS = "".join(sorted({w[0] for w in [*WORDS, *SCALES]}
                         | {w[0].upper() for w in [*WORDS, *SCALES, *MONTHS]}))
NUMBER = re.compile(rf"""
    (?=[0-9零〇一二两三四五六七八九十百千万亿{_STARTS}])
    (?:百分之)?
    (?: (?P<figures>(?:(?<![0-9A-Za-z.])|(?<=RMB|CNY|USD|EUR|GBP|HKD))(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)
      | (?P<han>[零〇一二两三四五六七八九十百千万亿]+)
      | (?P<words>(?i:\b(?:an?\s+(?={_A_SCALE}))?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*\b))
      | (?P<month>\b(?:{"|".join(MONTHS)})\b)
    )
    (?:\s?[%％])?
    (?:\s?\+|[多余])?
    (?P<scale>{_HAN_SCALE}|(?i:\s(?:hundred|thousand|million|billion|trillion)\b)+
      |\s?(?:bn|mn|tn)\b|[kKmMbB](?![A-Za-z]))?
    (?P<suffix>成|年代|[’']?s(?![A-Za-z]))?
""", re.VERBOSE)
NEXT_TO_FIGURES = re.compile(r"\d[\s,]*$|^[\s,.]*\d")


def numbers_in(text: str) -> list[Number]:
    """Every number `text` states, in figures or in words, Chinese or English."""
    found = []
    for match in NUMBER.finditer(text):
        values = _values(match)
        if values:
            found.append(Number(match.group(0).strip(), frozenset(values), _demanded(match, text)))
    return found


def _values(match: re.Match) -> set[Decimal]:
    if match["month"]:
        return {Decimal(MONTHS[match["month"]])}
    if match["figures"]:
        read = {Decimal(match["figures"].replace(",", ""))}
    elif match["han"]:
        read = _han_values(match["han"])
    else:
        read = _words_values(match["words"])
    scaled = {value for number in read for value in _scaled(number, match["scale"])}
    return _suffixed(scaled, match["suffix"])


def _demanded(match: re.Match, text: str) -> bool:
    """Figures are; a month name is when it sits by figures (March 2026, not “may”)."""
    if match["month"]:
        start, end = match.span()
        return bool(NEXT_TO_FIGURES.search(text[max(start - 3, 0):start]) or
                    NEXT_TO_FIGURES.search(text[end:end + 3]))
    return bool(match["figures"])


def _scaled(number: Decimal, scale: str | None) -> set[Decimal]:
    if not scale:
        return {number}
    scale = scale.strip().lower()
    if scale in LETTER_SCALES:
        return {number, number * LETTER_SCALES[scale]}
    if scale in SHORT_SCALES:
        return {number * SHORT_SCALES[scale]}
    factor = 1
    for part in scale.split() if scale.isascii() else scale:
        factor *= SCALES.get(part) or HAN_UNITS[part]
    return {number * factor}


def _suffixed(values: set[Decimal], suffix: str | None) -> set[Decimal]:
    """七成 is 70 (成: tenths, though 7成 may be just 7); 80年代 and the 1980s are decades."""
    if suffix == "成":
        return {v * 10 for v in values} | values
    if suffix == "年代" or (suffix and all(v % 10 == 0 for v in values)):
        return _decades(values)
    return values


def _decades(values: set[Decimal]) -> set[Decimal]:
    """A two-digit decade leaves the century open: 80年代 the 1980s, 20年代 the 1920s or 2020s."""
    return {d for v in values for d in ((v, 1900 + v, 2000 + v) if v < 100 else (v,))}


def _han_values(run: str) -> set[Decimal]:
    """一百 100, 二十五 25, 十三 13, 两千 2000, 千亿 10^11, 三万亿 3×10^12; digits alone are
    read together and one by one (二〇二六 2026, 一二线 tiers 1 and 2)."""
    if all(char in HAN_DIGITS for char in run):
        return {Decimal("".join(str(HAN_DIGITS[c]) for c in run))} | {Decimal(HAN_DIGITS[c]) for c in run}
    total = section = digit = 0
    for char in run:
        if char in HAN_DIGITS:
            digit = HAN_DIGITS[char]
        elif char == "亿":
            total, section, digit = (total + section + digit or 1) * 10**8, 0, 0
        elif char == "万":
            total, section, digit = total + (section + digit or 1) * 10**4, 0, 0
        else:
            section, digit = section + (digit or 1) * HAN_UNITS[char], 0
    return {Decimal(total + section + digit)}


def _words_values(words: str) -> set[Decimal]:
    """twenty-five 25, a dozen 12, one hundred and fifty thousand 150,000; the eighties."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "an"):
            current = 1
        elif word in WORDS:
            current += WORDS[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * SCALES[word]
        elif word in SCALES:
            total, current = total + (current or 1) * SCALES[word], 0
    value = {Decimal(total + current)}
    return _decades(value) if words.lower().endswith("ies") else value
