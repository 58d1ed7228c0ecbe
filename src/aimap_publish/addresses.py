"""Web addresses inside texts, found the same way for every output.

Line breaking treats an address as one token that nothing is inserted into (linebreak.py); the
PDF and web editions make it a link that breaks only after a slash (html_text.py). An address
runs from http:// or https:// to white space or Chinese text, without the punctuation that ends
the sentence after it.
"""
from __future__ import annotations

import re

# White space, quotes and dashes (U+2000-U+206F: also the invisible joiners and spaces), Chinese
# characters and full-width punctuation (。，；：！？）) are never part of an address.
ADDRESS = re.compile(r"https?://[^\s<>\"\u00ad\u2000-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
SENTENCE_END = ".,;:!?)"
# After a slash that is not one of the scheme's two (where an address may break across lines).
SLASH = re.compile(r"(?<=[^/]/)(?=[^/])")


def spans(text: str) -> list[tuple[int, int]]:
    """Where the addresses of `text` start and end."""
    found = []
    for match in ADDRESS.finditer(text):
        start, end = match.span()
        while text[end - 1] in SENTENCE_END and not _balanced_paren(text[start:end]):
            end -= 1
        if end - start > len("https://"):
            found.append((start, end))
    return found


def _balanced_paren(address: str) -> bool:
    """Whether `address` ends with a ')' that closes a '(' of its own (…/wiki/Foo_(bar))."""
    return address.endswith(")") and address.count("(") >= address.count(")")


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
