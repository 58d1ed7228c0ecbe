"""The same text, set by what a user would pick instead: Typst for the PDF, pandoc's PowerPoint
writer for the deck. Neither draws our figures, checks the content or makes a print-ready file;
they give the time a user compares against.

The text is the report's every printed string (iter_strings), in the order of the data: each
section a heading (a slide for pandoc) followed by its texts, Chinese then English; figures,
regions and layers as lists after the sections.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from aimap_publish.content import load_report
from aimap_publish.content.checks import iter_strings

# The faces our font policy sets the report in (Noto Sans CJK SC and Noto Sans, regular and bold).
FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
              "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")


def _parts(report_file: Path) -> list[tuple[str, list[str]]]:
    """(heading, texts) in the data's order: the cover, each section, then everything else."""
    report = load_report(report_file).report
    parts: list[tuple[str, list[str]]] = []
    for path, text in iter_strings(report):
        if path.endswith(".icon") or path in ("id", "url"):
            continue
        section = re.match(r"(sections\[\d+\])\.heading\.(zh|en)$", path)
        if section:
            if path.endswith(".zh"):
                parts.append((text.replace("**", ""), []))
            else:
                parts[-1] = (f"{parts[-1][0]} · {text.replace('**', '')}", parts[-1][1])
            continue
        if not parts or (not path.startswith("sections") and parts[-1][0] != _group(path)):
            if not path.startswith("sections"):
                parts.append((_group(path), []))
        parts[-1][1].append(text.replace("**", ""))
    return parts


def _group(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def typst_source(report_file: Path) -> str:
    lines = ['#set page(paper: "a4", margin: 20mm)',
             '#set text(font: ("Noto Sans", "Noto Sans CJK SC"), size: 10.5pt, lang: "zh")',
             "#set par(justify: true, leading: 0.8em)", ""]
    for heading, texts in _parts(report_file):
        lines += [f"= {_typst_escape(heading)}", ""]
        lines += [f"{_typst_escape(text)}\n" for text in texts]
    return "\n".join(lines)


def _typst_escape(text: str) -> str:
    return re.sub(r"([\\#*_`$<>@=\-+/\[\]~\"'])", r"\\\1", text)


def markdown_source(report_file: Path) -> str:
    lines = []
    for heading, texts in _parts(report_file):
        lines += [f"## {heading}", ""]
        lines += [f"{_markdown_escape(text)}\n" for text in texts]
    return "\n".join(lines)


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#+\-!|])", r"\\\1", text)


def typst_command(source: Path, target: Path) -> list[str] | None:
    """Typst compiling `source` to `target` in a fresh Python process (its start-up counted, as
    ours is) with the same four faces and no scan of the system's fonts, or None when the typst
    package is missing."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return None
    fonts = source.parent / "typst-fonts"
    fonts.mkdir(exist_ok=True)
    for file in map(Path, FONT_FILES):
        if not (fonts / file.name).exists():
            (fonts / file.name).symlink_to(file)
    code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
            f"font_paths=[{str(fonts)!r}], ignore_system_fonts=True)")
    return [sys.executable, "-c", code, str(source), str(target)]


def pandoc_command(source: Path, target: Path) -> list[str] | None:
    if not shutil.which("pandoc"):
        return None
    return ["pandoc", "--from", "markdown", "--to", "pptx", "-o", str(target), str(source)]


def check(command: list[str], target: Path) -> None:
    """Run a peer once and make sure it wrote its file (a broken peer must not time nothing)."""
    subprocess.run(command, check=True, capture_output=True)
    if not target.exists() or target.stat().st_size < 1000:
        raise RuntimeError(f"{command[0]} wrote no output to {target}")
