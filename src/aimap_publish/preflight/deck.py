"""The preflight of the deck, as LibreOffice renders it: each client wraps slide text itself, so
the deck is converted to PDF (`soffice --headless`, a private profile per run so runs never
share one) and its words are read back with their boxes, beside the shapes' boxes from
python-pptx. Found: words outside every text shape's box (text overflowing), the text of one
shape printed over another's, text under the theme's smallest slide size, and the line checks
(lines.py)."""
from __future__ import annotations

import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

from .common import Context, Finding, need, snippet
from .lines import line_findings
from .poppler import Box, Page, Word, pages, raw_lines
from .shapes import TextShape, run_sizes, text_shapes

TOLERANCE = 2.5             # points: LibreOffice's glyph boxes may stand this far past a shape's edge
HANGING = "，。、；：！？）”"  # full-width punctuation may hang into the margin at a line's end
OVERPRINT = 0.3             # two words whose boxes share this much of the smaller one's area overprint


def check_deck(path: Path, context: Context) -> Iterator[Finding]:
    slides = _shown_slides(path)
    rendered = _rendered(path) if slides is not None else None
    if rendered is None:
        what = "cannot be read as a PowerPoint deck" if slides is None else "LibreOffice could not open the deck"
        yield Finding(path, "", what)
        return
    laid, raw = rendered
    if len(laid) != len(slides):
        yield Finding(path, "", f"LibreOffice shows {len(laid)} slides where the deck shows {len(slides)}")
    for (number, slide), page in zip(slides, laid):
        shapes = text_shapes(slide)
        for message in [*overflowing(shapes, page.words), *overprinting(shapes, page.words)]:
            yield Finding(path, f"slide {number}", message)
    yield from smallest_text(path, slides, context.theme.slide_min_pt)
    for index, message in line_findings(raw, laid):
        yield Finding(path, f"slide {slides[index][0]}", message)


def _shown_slides(path: Path) -> list[tuple[int, object]] | None:
    """(number, slide) of the slides a slide show shows (LibreOffice prints no hidden slide);
    None when the file is no deck."""
    from pptx import Presentation
    from pptx.exc import PythonPptxError

    try:
        slides = list(enumerate(Presentation(str(path)).slides, 1))
    except (PythonPptxError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    return [(number, slide) for number, slide in slides if slide.element.get("show") != "0"]


def _rendered(path: Path) -> tuple[list[Page], list[list[str]]] | None:
    """The deck's pages as LibreOffice renders them: words with boxes, and lines in set order."""
    with tempfile.TemporaryDirectory(prefix="aimap-preflight-") as folder:
        pdf = render(path, Path(folder))
        return (pages(pdf), raw_lines(pdf)) if pdf is not None else None


def render(deck: Path, folder: Path) -> Path | None:
    """The deck as LibreOffice prints it to PDF, in `folder` (None if it could not open it)."""
    soffice = need("soffice", "libreoffice-impress")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                   capture_output=True, timeout=600, check=False)
    pdf = folder / f"{deck.stem}.pdf"
    return pdf if pdf.is_file() else None


def inside(word: Word, box: Box) -> bool:
    x0, y0, x1, y1 = word.box
    if word.text[-1:] in HANGING:
        x1 -= (y1 - y0) * 0.75
    return (box[0] - TOLERANCE <= x0 and box[1] - TOLERANCE <= y0
            and x1 <= box[2] + TOLERANCE and y1 <= box[3] + TOLERANCE)


def overflowing(shapes: list[TextShape], words: list[Word]) -> Iterator[str]:
    """One message per shape whose text runs out of its box, naming the words outside."""
    outside: dict[TextShape, list[str]] = {}
    for word in words:
        if shapes and not any(inside(word, shape.box) for shape in shapes):
            outside.setdefault(_nearest(_having(shapes, word), word), []).append(word.text)
    for shape, lost in outside.items():
        yield (f"text runs out of its box {shape} ({len(lost)} word{'s' * (len(lost) != 1)} outside: "
               f"'{snippet(' '.join(lost))}')")


def overprinting(shapes: list[TextShape], words: list[Word]) -> Iterator[str]:
    """One message per pair of shapes whose rendered words lie over each other."""
    seen: set[tuple[TextShape, TextShape]] = set()
    owners = [_owner(shapes, word) for word in words]
    for i, a in enumerate(words):
        for j in range(i + 1, len(words)):
            pair = (owners[i], owners[j])
            if owners[i] is owners[j] or pair in seen or not _overprint(a.box, words[j].box):
                continue
            seen.add(pair)
            yield f"the text of {owners[i]} overlaps the text of {owners[j]} ('{a.text}' / '{words[j].text}')"


def _overprint(a: Box, b: Box) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height > OVERPRINT * smaller


def _owner(shapes: list[TextShape], word: Word) -> TextShape:
    """The shape the word is set in: of those whose text has it, the smallest holding its middle
    (shapes may lie on others), else the nearest."""
    x, y = (word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2
    possible = _having(shapes, word)
    holding = [s for s in possible if s.box[0] <= x <= s.box[2] and s.box[1] <= y <= s.box[3]]
    return min(holding, key=lambda s: s.area) if holding else _nearest(possible, word)


def _having(shapes: list[TextShape], word: Word) -> list[TextShape]:
    """The shapes whose text has the word (all of them if none has it as rendered: hyphenated)."""
    having = [shape for shape in shapes if word.text in shape.words]
    return having or shapes


def _nearest(shapes: list[TextShape], word: Word) -> TextShape:
    x, y = word.box[0], (word.box[1] + word.box[3]) / 2

    def distance(shape: TextShape) -> float:
        dx = max(shape.box[0] - x, 0.0, x - shape.box[2])
        dy = max(shape.box[1] - y, 0.0, y - shape.box[3])
        return dx * dx + dy * dy

    return min(shapes, key=distance)


def smallest_text(path: Path, slides: list[tuple[int, object]], least: float) -> Iterator[Finding]:
    """The deck's smallest text, when it is under the theme's smallest slide size."""
    sizes = [(size, number, text) for number, slide in slides for size, text in run_sizes(slide)]
    if sizes and min(sizes)[0] < least - 0.01:
        size, number, text = min(sizes)
        yield Finding(path, f"slide {number}", f"the deck's smallest text is {size:g} pt ('{snippet(text)}'), "
                                               f"under the theme's slide min-text of {least:g} pt")
