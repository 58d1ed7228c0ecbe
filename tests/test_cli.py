"""The command line as editors use it: subcommands, exit codes, progress lines, output names,
and outputs that carry every sentence of the source."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPORT, ROOT, missing_fragments, run_cli

ID = "china-ai-map-2026"


@pytest.fixture(scope="module")
def built(shipped_outputs) -> Path:
    return shipped_outputs


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_build_writes_every_output_by_report_id(built):
    assert sorted(p.name for p in built.iterdir()) == [f"{ID}-print.pdf", f"{ID}-screen.pdf", f"{ID}-slides.pdf",
                                                       f"{ID}-web", f"{ID}.pptx", "figures"]
    assert (built / f"{ID}-web" / "index.html").is_file()
    assert sorted(p.name for p in (built / "figures").iterdir()) == sorted(
        f"{fig}.{ext}" for fig in ("innovation-map", "industry-structure", "collaboration") for ext in ("svg", "png"))


@pytest.mark.parametrize("name", [f"{ID}-print.pdf", f"{ID}-screen.pdf"])
def test_every_source_sentence_reaches_the_pdf(built, name):
    assert missing_fragments(pdf_text(built / name)) == []


def test_single_language_edition_is_named_and_drops_the_other_language(shipped_project, tmp_path):
    result = run_cli("pdf", "--lang", "zh", "--edition", "screen", "--quiet", "--out", str(tmp_path),
                     cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = pdf_text(tmp_path / f"{ID}-zh-screen.pdf")
    assert "核心发现" in re.sub(r"\s", "", text)
    assert "Key Findings" not in text and "In March 2026" not in text


def test_check_prints_one_timed_line_per_stage(project):
    result = run_cli("check")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert [re.sub(r"[\d.]+ s$", "T s", line) for line in lines] == [
        "aimap-publish: load content T s", "aimap-publish: check content T s", "aimap-publish: check slides T s"]


def test_content_error_exits_1_without_traceback(project):
    project(REPORT.read_text(encoding="utf-8").replace("date: 2026-03-15", "date: 2026-13-45"))
    result = run_cli("pdf", "--quiet")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("data/report.yaml:")
    assert not Path("dist").exists()


@pytest.mark.parametrize("args", [["frobnicate"], ["pdf", "--lang", "fr"], []])
def test_usage_errors_exit_2(args, tmp_path):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "usage: aimap-publish" in result.stderr


def test_console_script_is_installed():
    script = shutil.which("aimap-publish") or str(Path(ROOT / ".venv/bin/aimap-publish"))
    result = subprocess.run([script, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert all(cmd in result.stdout for cmd in ("build", "pdf", "slides", "figures", "check"))


def test_figures_command_writes_every_variant(shipped_project, tmp_path):
    result = run_cli("figures", "--quiet", "--out", str(tmp_path), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    expected = sorted(f"{fig}{suffix}.{ext}" for fig in ("innovation-map", "industry-structure", "collaboration")
                      for suffix in ("", "-zh", "-en") for ext in ("svg", "png"))
    assert names == expected
