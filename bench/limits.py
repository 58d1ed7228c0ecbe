"""A report at README's limits, made from the shipped one, and what `check` and `build` cost on it.

`at_limits` fills 100 sections (the most a report may have) with the shipped report's blocks,
each text varied (a numbered sentence of its own in both languages, and every third paragraph
joined with the next, so texts differ in length as well as words), up to 40 blocks a section
(the most a section may have) or until the file holds `size` bytes (the file's limit is
2,000,000: the bytes run out before the blocks); the shipped figures are copied up to 50, each
placed once. No section or block has a slide version, so every paragraph and card is fitted
on slides of its own (the most slides such a report makes). The report checks clean, so every slide and page element is fitted.

    python bench/limits.py            # writes the report, runs check and build under GNU time

prints the size, the blocks, and each command's wall time, CPU time and peak memory (the
largest resident set of any of its processes), as `/usr/bin/time -v` reports them; `python
bench/limits.py check` times only `check`.
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SIZE = 1_950_000                 # bytes: just under the file's limit (2,000,000)
SECTIONS, BLOCKS, FIGURES = 100, 40, 50          # README: Limits


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _numbered(text: dict, n: int) -> dict:
    """`text` with a sentence of its own at the end (the number in both languages)."""
    return {"zh": f"{text['zh']}这是走访笔记的第{n}条。", "en": f"{text['en']} This is field note {n}."}


def _joined(first: dict, second: dict) -> dict:
    return {lang: f"{first[lang]}{'' if lang == 'zh' else ' '}{second[lang]}" for lang in ("zh", "en")}


def _blocks(shipped: list[dict]):
    """The shipped sections' blocks other than figures, again and again, each with texts of its own
    and no slide version (every text is fitted on slides of its own: the most slides)."""
    pool = [block for section in shipped for block in section["blocks"] if block["kind"] != "figure"]
    paragraphs = [block for block in pool if block["kind"] == "paragraph"]
    n = 0
    while True:
        for k, block in enumerate(pool):
            n += 1
            block = copy.deepcopy(block)
            block.pop("slide", None)
            if block["kind"] == "cards":
                for item in block["items"]:
                    item["text"] = _numbered(item["text"], n)
            else:
                text = block["text"]
                if block["kind"] == "paragraph" and n % 3 == 0:
                    text = _joined(text, paragraphs[(k + n) % len(paragraphs)]["text"])
                block["text"] = _numbered(text, n)
            yield block


def at_limits(report_file: Path, target: Path, size: int = SIZE) -> dict:
    """Writes the report at the limits to `target`; what it holds (bytes, sections, blocks, figures)."""
    doc = yaml.safe_load(report_file.read_text(encoding="utf-8"))
    figures = []
    for n in range(FIGURES):
        figure = copy.deepcopy(doc["figures"][n % len(doc["figures"])])
        figure["id"] = f"{figure['id']}-{n}"
        figure["title"] = {"zh": f"{figure['title']['zh']}（{n + 1}）", "en": f"{figure['title']['en']} ({n + 1})"}
        figures.append(figure)
    shipped = doc["sections"]
    sections = []
    for n in range(SECTIONS):
        template = shipped[n % len(shipped)]
        section = {"id": f"{template['id']}-{n}",
                   "heading": {"zh": f"{template['heading']['zh']} {n + 1}", "en": f"{template['heading']['en']} {n + 1}"},
                   "blocks": []}
        if n < FIGURES:
            section["blocks"].append({"kind": "figure", "figure": figures[n]["id"]})
        sections.append(section)
    doc.update(figures=figures, sections=sections)
    blocks = _blocks(shipped)
    budget = size - len(_dump(doc).encode())
    count = sum(len(s["blocks"]) for s in sections)
    while count < SECTIONS * BLOCKS:
        block = next(blocks)
        cost = len(_dump({"x": [block]}).encode())          # about what it adds, indentation aside
        if cost > budget:
            break
        section = min(sections, key=lambda s: len(s["blocks"]))
        section["blocks"].append(block)
        budget -= cost
        count += 1
    text = _dump(doc)
    while len(text.encode()) > size:                        # the estimate ran over: take blocks back
        max(sections, key=lambda s: len(s["blocks"]))["blocks"].pop()
        count -= 1
        text = _dump(doc)
    target.write_text(text, encoding="utf-8")
    return {"bytes": len(text.encode()), "sections": len(sections), "blocks": count, "figures": len(figures)}


def project(tmp: Path, report: Path) -> Path:
    """A project folder as the shipped one is (aimap.toml, data/, fonts/), holding `report`."""
    (tmp / "data").mkdir(parents=True)
    shutil.copy(ROOT / "aimap.toml", tmp / "aimap.toml")
    shutil.copytree(ROOT / "fonts", tmp / "fonts")
    shutil.copy(report, tmp / "data" / "report.yaml")
    return tmp


def timed(command: list[str], cwd: Path) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, CPU seconds (user + sys, its children included) and peak MB (the
    largest resident set of any of its processes) of one run, from GNU time's report."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], cwd=cwd,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        said = dict(line.strip().rsplit(": ", 1) for line in report.read().splitlines() if ": " in line)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
    cpu = float(said["User time (seconds)"]) + float(said["System time (seconds)"])
    return proc.returncode, wall, cpu, int(said["Maximum resident set size (kbytes)"]) / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        held = at_limits(ROOT / "data" / "report.yaml", tmp / "report.yaml")
        print(f"report at the limits: {held['bytes']:,} bytes, {held['sections']} sections, "
              f"{held['blocks']} blocks, {held['figures']} figures", flush=True)
        work = project(tmp / "project", tmp / "report.yaml")
        cli = [sys.executable, "-m", "aimap_publish"]
        for name in sys.argv[1:] or ["check", "build"]:
            code, wall, cpu, peak = timed([*cli, name, "--quiet"], work)
            print(f"{name}: {wall:.1f} s ({cpu:.1f} s CPU), peak {peak:.0f} MB{'' if code == 0 else f' (exit {code})'}",
                  flush=True)


if __name__ == "__main__":
    main()
