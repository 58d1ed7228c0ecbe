"""Web addresses inside texts, found the same way for every output.

Line breaking treats an address as one token that nothing is inserted into (linebreak.py); the
PDF and web editions make it a link that breaks only after a slash (html_text.py). What an
address is (where it starts and ends) is content.addresses' one rule, which the checks use too.
"""
from __future__ import annotations

import re

from .content.addresses import ADDRESS

# After a slash that is not one of the scheme's two (where an address may break across lines).
SLASH = re.compile(r"(?<=[^/]/)(?=[^/])")


def spans(text: str) -> list[tuple[int, int]]:
    """Where the addresses of `text` start and end (content.addresses says what one is)."""
    return [match.span() for match in ADDRESS.finditer(text)]


def split(text: str) -> list[tuple[str, bool]]:
    """`text` as consecutive pieces, each with whether it is an address."""
    pieces, last = [], 0
    for start, end in spans(text):
        if start > last:
            pieces.append((text[last:start], False))
        pieces.append((text[start:end], True))
        last = end
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def is_address(text: str) -> bool:
    return spans(text) == [(0, len(text))]


def segments(address: str) -> list[str]:
    """The address cut after each slash past the scheme's '//': where a line may end in it."""
    return SLASH.split(address)
