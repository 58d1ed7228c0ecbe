"""Line breaking for labels and slide text, Chinese included.

Chinese has no spaces: a line may break between any two Han characters, except that no line
may start with closing punctuation (，。）” …) or end with opening punctuation (（“ …), the
basic rules of Chinese typesetting (W3C clreq §3.1.7). Latin words stay whole unless a single
word is wider than the line. A web address is one token: nothing is ever inserted into it (a
copied address must work), and one wider than the line is cut after its slashes.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from . import addresses

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%\u2010")
NO_LINE_END = set("（《「『【〔〈“‘([{")
# A token is a web address, a Latin word (with any trailing punctuation; a hyphen ends one, so a
# line may break after it), one CJK character, or a space.
TOKEN = re.compile(r"\s+|[A-Za-z0-9&@#%+'’./_]+-?|-|.", re.DOTALL)
LATIN = re.compile(r"[A-Za-z]")
HYPHEN = "\u2010"        # the hyphen a cut word gets: not in any text, so readers can tell it


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: an address, a Latin word, a single Han character or punctuation mark,
    a space."""
    return list(_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """`tokens`, remembered: a text is wrapped at several sizes and widths."""
    pieces: list[str] = []
    for part, address in addresses.split(text):
        pieces += [part] if address else TOKEN.findall(part)
    glued: list[str] = []
    for piece in pieces:
        if glued and (piece[0] in NO_LINE_START or glued[-1][-1] in NO_LINE_END) and not glued[-1].isspace():
            glued[-1] += piece
        else:
            glued.append(piece)
    return tuple(glued)


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy lines no wider than `width`; a word wider than a line is cut by characters.

    `measure` must be additive (the width of a string is the sum of its pieces' widths), which
    lets each piece be measured once.
    """
    lines, spaced = _greedy(text, width, measure)
    return _no_lone_last(lines, width, measure, spaced)


def ends_alone(text: str, width: float, measure: Callable[[str], float]) -> bool:
    """Whether filling lines greedily, as a client's own wrapping does, leaves a single token on
    the last line (which `wrap` avoids)."""
    lines, _ = _greedy(text, width, measure)
    return len(lines) > 1 and len([t for t in tokens(lines[-1]) if not t.isspace()]) == 1


def _greedy(text: str, width: float, measure) -> tuple[list[str], bool]:
    """Lines filled greedily, and whether the last break took the place of a space."""
    lines: list[str] = []
    line, line_width, space, spaced = "", 0.0, "", False
    for piece in tokens(text):
        if piece.isspace():
            space = piece if line else ""
            continue
        piece_width = measure(piece)
        gap = measure(space) if space else 0.0
        if line and line_width + gap + piece_width > width:
            lines.append(line)
            spaced = bool(space)           # whether the last break took the place of a space
            line, line_width, gap = "", 0.0, 0.0
        if not line and piece_width > width:
            cut, line = _cut(piece, width, measure)
            lines.extend(cut)
            line_width, spaced = measure(line), spaced and not cut
        else:
            line, line_width = line + (space if line else "") + piece, line_width + gap + piece_width
        space = ""
    if line:
        lines.append(line)
    return lines, spaced


def _no_lone_last(lines: list[str], width: float, measure, spaced: bool) -> list[str]:
    """No last line of a single token (one Chinese character and its punctuation, or one word):
    the previous line gives up its last token when the two still fit (clreq: avoid a lone
    character on the last line; in English, a widow). `spaced`: the last break was a space."""
    if len(lines) < 2 or len([t for t in tokens(lines[-1]) if not t.isspace()]) != 1:
        return lines
    previous = [t for t in tokens(lines[-2])]
    while previous and previous[-1].isspace():
        previous.pop()
    if len([t for t in previous if not t.isspace()]) < 2:
        return lines
    moved = previous.pop()
    while previous and previous[-1].isspace():
        previous.pop()
    last = moved + (" " if spaced else "") + lines[-1]
    if measure(last) > width:
        return lines
    return [*lines[:-2], "".join(previous), last]


def _cut(text: str, width: float, measure) -> tuple[list[str], str]:
    """Cut an over-long piece, an address after its slashes, any other by characters (a Latin
    word with a hyphen at each cut); return full lines and the remainder."""
    if _is_address(text):
        return _cut_address(text, width, measure)
    return _cut_characters(text, width, measure, HYPHEN if LATIN.search(text) else "")


def _is_address(token: str) -> bool:
    """Whether the token is an address (an address is a token of its own, with at most the
    punctuation around it that no line may start or end with)."""
    return bool(addresses.spans(token))


def _cut_address(text: str, width: float, measure) -> tuple[list[str], str]:
    """An address cut after its slashes, by characters only where one part is still too wide,
    and never with a hyphen: a reader would type it."""
    lines, line = [], ""
    for part in addresses.segments(text):
        if line and measure(line + part) > width:
            lines.append(line)
            line = ""
        if not line and measure(part) > width:
            cut, line = _cut_characters(part, width, measure, "")
            lines.extend(cut)
        else:
            line += part
    return lines, line


def _cut_characters(text: str, width: float, measure, hyphen: str) -> tuple[list[str], str]:
    room = width - (measure(hyphen) if hyphen else 0.0)
    lines, line, line_width = [], "", 0.0
    for char in text:
        char_width = measure(char)
        if line and line_width + char_width > room:
            lines.append(line + (hyphen if line[-1] != "-" and LATIN.match(char) else ""))
            line, line_width = "", 0.0
        line, line_width = line + char, line_width + char_width
    if hyphen and lines and lines[-1].endswith(hyphen):
        # a cut word keeps three letters on its last line ("Zhongguan‐ cun," not "Zhongguancu‐ n,")
        short = MIN_LETTERS - sum(ch.isalnum() for ch in line)
        head = lines[-1][:-len(hyphen)]
        if 0 < short < len(head) - MIN_LETTERS + 1 and measure(head[-short:] + line) <= width:
            lines[-1], line = head[:-short] + hyphen, head[-short:] + line
    return lines, line


MIN_LETTERS = 3             # letters of a cut Latin word on each side of its hyphen


def bound_tail(text: str, keep: int = 2, least: int = 5) -> tuple[str, str]:
    """`text` split before its last `keep` tokens (Chinese characters with their punctuation, or
    words), which a renderer keeps on one line so that no last line holds a lone character or a
    lone word; texts of fewer than `least` tokens are not split."""
    pieces = tokens(text)
    # a hyphenated word ("start-ups.") is one word, though a line may break after its hyphen
    solid = [i for i, piece in enumerate(pieces) if not piece.isspace()
             and not (i and LATIN.search(piece) and pieces[i - 1].endswith("-") and LATIN.search(pieces[i - 1]))]
    if len(solid) < least or _is_address(pieces[solid[-1]]):
        # an address is long: it is no lone word, and bound it would take the word before along
        return text, ""
    start = solid[-keep]
    return "".join(pieces[:start]), "".join(pieces[start:])


WORD_JOINER, NO_BREAK_SPACE = "\u2060", "\u00a0"


def bind(text: str) -> str:
    """`text` with no break opportunity left inside it: a no-break space for each space, a word
    joiner between other tokens."""
    out: list[str] = []
    for piece in tokens(text):
        if piece.isspace():
            out.append(NO_BREAK_SPACE)
        else:
            if out and out[-1] != NO_BREAK_SPACE:
                out.append(WORD_JOINER)
            out.append(piece)
    return "".join(out)


def bind_last(pieces: list[str]) -> list[str]:
    """`pieces` (the consecutive runs of one text, plain and emphasised) with the text's last
    two tokens bound (`bound_tail`), across the runs' borders too, so that a renderer's own line
    breaking leaves no lone Chinese character or lone word on the last line."""
    keep = len(bound_tail("".join(pieces))[1])
    out: list[str] = []
    for piece in reversed(pieces):
        cut = max(len(piece) - keep, 0)
        keep -= len(piece) - cut
        bound = bind(piece[cut:])
        if cut == 0 and keep > 0 and bound[:1] not in ("", NO_BREAK_SPACE):
            bound = WORD_JOINER + bound          # the tail goes on in the run before: no break there
        out.insert(0, piece[:cut] + bound)
    return out
