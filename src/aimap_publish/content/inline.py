"""Inline markup inside texts: `**…**` marks emphasis, and that is all the report needs.

In body text emphasis is set bold; in headings it marks the accent half of a two-tone heading.
"""
from __future__ import annotations

from typing import NamedTuple

MARK = "**"


class Run(NamedTuple):
    text: str
    emphasis: bool


def runs(text: str) -> list[Run]:
    """The text cut into plain and emphasised runs (empty runs dropped)."""
    parts = text.split(MARK)
    return [Run(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def plain(text: str) -> str:
    """The text as a reader sees it, without markup."""
    return text.replace(MARK, "")


def markup_problem(text: str) -> str | None:
    """Why the markup of `text` is broken, or None."""
    if text.count(MARK) % 2:
        return "unbalanced ** (emphasis must be opened and closed in the same text)"
    if any(not part.strip() for part in text.split(MARK)[1::2]):
        return "empty emphasis ****"
    return None
