"""What makes edits fast: unchanged figures are not redrawn, and watch rebuilds on a change."""
from __future__ import annotations

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
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 143                        # stopped, like a build
    finally:
        proc.terminate()
        proc.wait(timeout=30)
