"""What makes edits fast: unchanged figures are not redrawn, and watch rebuilds on a change."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPORT, normalize, run_cli

GOOD = REPORT.read_text(encoding="utf-8")


def figure_stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


FIGURES = ("figures", "--quiet", "--lang", "bilingual")          # the build's figure stage, alone


def test_a_paragraph_edit_redraws_no_figure(project):
    assert run_cli(*FIGURES).returncode == 0
    before = figure_stamps(Path("dist/figures"))
    assert len(before) == 6                                       # 3 SVG, 3 PNG
    project(GOOD.replace("我们发现，", "我们在这次行程中发现，"))
    assert run_cli(*FIGURES).returncode == 0
    after = figure_stamps(Path("dist/figures"))
    assert {k: v for k, v in after.items() if not k.startswith(".")} == \
        {k: v for k, v in before.items() if not k.startswith(".")}


def test_a_figure_data_edit_redraws_only_that_figure(project):
    assert run_cli(*FIGURES).returncode == 0
    before = figure_stamps(Path("dist/figures"))
    project(GOOD.replace("{zh: 开发工具, en: Dev Tools}", "{zh: 开发工具链, en: Toolchains}"))
    assert run_cli(*FIGURES).returncode == 0
    after = figure_stamps(Path("dist/figures"))
    changed = sorted(name for name in after if after[name] != before.get(name) and not name.startswith("."))
    assert changed == ["industry-structure.png", "industry-structure.svg"]


def test_watch_rebuilds_after_a_change(project):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "aimap_publish", "watch", "--port", "0"], stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        assert proc.stderr.readline().startswith("watch: previewing the web edition at http://127.0.0.1:")
        first = proc.stderr.readline()
        assert first.startswith("watch: rebuilt in ") and "china-ai-map-2026-screen.pdf" in first
        assert "china-ai-map-2026.pptx" in first
        time.sleep(0.5)
        project(GOOD.replace("核心**发现**", "核心**新发现**"))
        second = proc.stderr.readline()
        assert second.startswith("watch: rebuilt in "), second
        text = subprocess.run(["pdftotext", "dist/china-ai-map-2026-screen.pdf", "-"], capture_output=True,
                              text=True).stdout
        assert "核心新发现" in normalize(text)
        project(GOOD.replace("date: 2026-03-15", "date: someday"))
        lines = [proc.stderr.readline(), proc.stderr.readline()]
        assert "date: expected a date (YYYY-MM-DD)" in lines[0]
        assert lines[1].startswith("watch: not rebuilt")
        assert proc.poll() is None                                 # still watching
        project(GOOD)
        assert proc.stderr.readline().startswith("watch: rebuilt in ")
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)                           # after a build that succeeded too
        assert proc.wait(timeout=30) == 143                        # stopped, like a build
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_remembered_plan_never_changes_the_pdfs(project):
    """The pagination starts from the plan the last build ended with (.aimap-cache/plans),
    checked against a search from the plain plan: a wrong plan remembered there (the print PDF
    started under it is stopped and made again) gives the same bytes as none."""
    assert run_cli("pdf", "--quiet").returncode == 0
    plans = list(Path(".aimap-cache/plans").glob("*.json"))
    assert len(plans) == 1
    right = json.loads(plans[0].read_text(encoding="utf-8"))
    assert right["moves"] or right["breaks"]                # the shipped report needs a figure moved
    first = {p.name: p.read_bytes() for p in Path("dist").glob("*.pdf")}
    assert len(first) == 2
    assert right["pages"] == 10            # nine of the report's own and the end matter
    plans[0].write_text(json.dumps({"moves": [["collaboration", 1]], "breaks": ["regions"], "pages": 5}),
                        encoding="utf-8")
    result = run_cli("pdf", "--quiet")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in Path("dist").glob("*.pdf")} == first
    assert json.loads(plans[0].read_text(encoding="utf-8")) == right
    assert not [p.name for p in Path("dist").iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_remembered_plan_is_no_plan(tmp_path):
    from aimap_publish.pagination import Plan

    path = tmp_path / "plan.json"
    plan = Plan((("innovation-map", 1),), frozenset({"regions"}))
    plan.write(path)
    assert Plan.read(path) == plan
    for damaged in ("{damaged", '{"moves": 3, "breaks": []}', '{"moves": [["a"]], "breaks": []}', "[]", ""):
        path.write_text(damaged, encoding="utf-8")
        assert Plan.read(path) is None, damaged
        assert Plan.pages_at(path) is None, damaged
    assert Plan.read(tmp_path / "missing.json") is None
    plan.write(path, 9)
    assert Plan.read(path) == plan and Plan.pages_at(path) == 9


def test_watch_builds_a_file_only_once_it_has_settled(project):
    """An editor that empties the report and then writes it: the watch waits for the file to
    stop changing, so the half-written report is never built (nor reported as broken)."""
    import threading

    from aimap_publish.build import Options
    from aimap_publish.project import find_project
    from aimap_publish.watch import _settled, _snapshot

    report = project(None)
    options = Options.of(find_project(report))
    report.write_text("", encoding="utf-8")                 # the editor's first step, seen by a poll
    emptied = _snapshot(options)
    writer = threading.Timer(0.03, lambda: report.write_text(GOOD, encoding="utf-8"))
    writer.start()
    settled = _settled(options, emptied)
    writer.join()
    assert settled[report.resolve()][1] == len(GOOD.encode("utf-8"))


def test_the_web_edition_made_beside_the_pdfs_is_the_one_made_alone(project):
    """`build` makes the web edition in a child process while the PDFs and the deck are made;
    its folder is byte for byte what `web` alone makes, and a second build stages no asset that
    did not change."""
    assert run_cli("build", "--quiet").returncode == 0
    folder = Path("dist/china-ai-map-2026-web")
    beside = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert Path("index.html") in beside and len(beside) >= 6
    stamps = {p: p.stat().st_mtime_ns for p in folder.glob("assets/*")}
    assert run_cli("web", "--quiet").returncode == 0
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == beside
    assert {p: p.stat().st_mtime_ns for p in folder.glob("assets/*")} == stamps


def test_weasyprint_is_loaded_with_its_subsetter_and_leaves_the_library_lookup_as_it_was():
    """engine.load answers WeasyPrint's library lookups from the linker's cache (quicker): every
    library it needs is still found, HarfBuzz's subsetter included (without it PDFs take five
    times longer), and ctypes' own lookup is put back."""
    script = ("import ctypes.util; before = ctypes.util.find_library\n"
              "from aimap_publish import engine; engine.load()\n"
              "from weasyprint.text import ffi\n"
              "assert ffi.harfbuzz_subset is not None and ffi.pango is not None and ffi.fontconfig is not None\n"
              "assert ctypes.util.find_library is before\n"
              "import weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "HarfBuzz" not in result.stderr
