"""Line breaking for labels and slide text, Chinese included.

Chinese has no spaces: a line may break between any two Han characters, except that no line
may start with closing punctuation (，。）” …) or end with opening punctuation (（“ …), the
basic rules of Chinese typesetting (W3C clreq §3.1.7). Latin words stay whole unless a single
word is wider than the line.
"""
from __future__ import annotations

import re
from collections.abc import Callable

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%")
NO_LINE_END = set("（《「『【〔〈“‘([{")
# A token is a Latin word (with any trailing punctuation), one CJK character, or a space.
TOKEN = re.compile(r"\s+|[A-Za-z0-9&@#%+\-'’./_]+|.", re.DOTALL)


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word, a single Han character or punctuation mark, a space."""
    pieces = TOKEN.findall(text)
    glued: list[str] = []
    for piece in pieces:
        if glued and (piece[0] in NO_LINE_START or glued[-1][-1] in NO_LINE_END) and not glued[-1].isspace():
            glued[-1] += piece
        else:
            glued.append(piece)
    return glued


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy lines no wider than `width` (a word wider than a line is cut by characters)."""
    lines, line = [], ""
    for piece in tokens(text):
        candidate = line + piece
        if measure(candidate.rstrip()) <= width or not line.strip():
            line = candidate
            if measure(line.rstrip()) > width and not piece.isspace():
                lines_, line = _cut(line, width, measure)
                lines.extend(lines_)
            continue
        lines.append(line.rstrip())
        line = "" if piece.isspace() else piece
        if measure(line) > width:
            lines_, line = _cut(line, width, measure)
            lines.extend(lines_)
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _cut(text: str, width: float, measure) -> tuple[list[str], str]:
    """Cut an over-long piece by characters; return full lines and the remainder."""
    lines, line = [], ""
    for char in text:
        if line and measure(line + char) > width:
            lines.append(line.rstrip())
            line = char.lstrip()
        else:
            line += char
    return lines, line
