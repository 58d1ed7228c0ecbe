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
    """Greedy lines no wider than `width`; a word wider than a line is cut by characters.

    `measure` must be additive (the width of a string is the sum of its pieces' widths), which
    lets each piece be measured once.
    """
    lines: list[str] = []
    line, line_width, space = "", 0.0, ""
    for piece in tokens(text):
        if piece.isspace():
            space = piece if line else ""
            continue
        piece_width = measure(piece)
        gap = measure(space) if space else 0.0
        if line and line_width + gap + piece_width > width:
            lines.append(line)
            line, line_width, gap = "", 0.0, 0.0
        if not line and piece_width > width:
            cut, line = _cut(piece, width, measure)
            lines.extend(cut)
            line_width = measure(line)
        else:
            line, line_width = line + (space if line else "") + piece, line_width + gap + piece_width
        space = ""
    if line:
        lines.append(line)
    return lines


def _cut(text: str, width: float, measure) -> tuple[list[str], str]:
    """Cut an over-long piece by characters; return full lines and the remainder."""
    lines, line, line_width = [], "", 0.0
    for char in text:
        char_width = measure(char)
        if line and line_width + char_width > width:
            lines.append(line)
            line, line_width = "", 0.0
        line, line_width = line + char, line_width + char_width
    return lines, line
