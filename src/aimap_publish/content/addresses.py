"""Web addresses inside report text: the one rule of where an address starts and ends.

The typography checks compare the addresses of the two languages of a value, and outputs that
set addresses apart use the same rule. An address runs from http:// or https:// to the first
space, Chinese character or Chinese punctuation, and does not take the ASCII punctuation that
ends the sentence after it: in "详见https://example.org/trials。" and "See
https://example.org/trials." the address is https://example.org/trials. A closing bracket is
kept when the address opened it (…/Mars_(planet)).
"""
from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# besides: soft hyphens, the general punctuation block (dashes, quotes, invisible joiners and
# spaces), CJK punctuation and full-width forms
_NEVER = rf"\s<>\"“”‘’()（）《》【】「」、，。；：！？{HAN}\u00ad\u2000-\u206f\u2e80-\u33ff\ufe30-\ufe4f\uff00-\uffef"
_INSIDE = rf"[^{_NEVER}]"
_LAST = rf"[^{_NEVER}.,;:!?']"                 # sentence punctuation after an address is not in it
_BRACKETED = r"\([^\s()]*\)"
ADDRESS = re.compile(rf"https?://(?:{_INSIDE}|{_BRACKETED})*(?:{_LAST}|{_BRACKETED})")


def find_addresses(text: str) -> list[str]:
    """The web addresses in `text`, as written, in order."""
    return ADDRESS.findall(text)


def without_addresses(text: str) -> str:
    """`text` with each address replaced by a space (so what follows it is read on its own)."""
    return ADDRESS.sub(" ", text)


def same_address(address: str) -> str:
    """The form two addresses are compared in: a trailing / makes no difference."""
    return address.rstrip("/")
