"""Labels are optional: each one a report leaves out takes its packaged default, so a report
with no `labels:` at all has every feature (contents, folios, list of figures, language switch)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from aimap_publish.cli import main
from aimap_publish.content import load_report
from conftest import REPORT, run_broken, run_cli

GOOD = REPORT.read_text(encoding="utf-8")
WITHOUT_LABELS = GOOD[: GOOD.index("# Words the layouts")] + GOOD[GOOD.index("# The industry structure"):]
ID = "china-ai-map-2026"


def labels_of(tmp_path: Path, text: str):
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_report(path)
    assert loaded.problems == ()
    return loaded.report.labels


def words(text) -> tuple[str, str]:
    return text.zh, text.en


def test_a_report_without_labels_takes_every_default(tmp_path):
    labels = labels_of(tmp_path, WITHOUT_LABELS)
    assert labels.figure_caption is None and labels.page is None        # the house's formats stand
    assert words(labels.contents) == ("目录", "Contents")
    assert words(labels.figures) == ("图表", "Figures")
    switch = labels.languages
    assert [words(w) for w in (switch.label, switch.chinese, switch.english, switch.both)] == [
        ("语言", "Language"), ("中文", "Chinese"), ("English", "English"), ("双语", "Both")]


def test_a_report_keeps_its_own_labels_and_takes_the_rest(tmp_path):
    text = GOOD.replace("  figures: {zh: 图表, en: Figures}\n", "").replace("  contents: {zh: 目录, en: Contents}",
                                                                              "  contents: {zh: 本期目录, en: In This Issue}")
    labels = labels_of(tmp_path, text)
    assert words(labels.contents) == ("本期目录", "In This Issue")
    assert words(labels.figures) == ("图表", "Figures")
    assert words(labels.languages.both) == ("双语", "Bilingual")            # the report's own switch, whole


def test_a_language_switch_is_given_whole(project, capsys):
    text = GOOD.replace("    both: {zh: 双语, en: Bilingual}\n", "")
    line = GOOD[: GOOD.index("    label: {zh: 语言")].count("\n") + 1
    assert run_broken(project, capsys, text, ["check"]) == [
        f"data/report.yaml:{line}: labels.languages.both: missing field 'both'"]


def test_a_report_without_labels_passes_strict_check(project, capsys):
    project(WITHOUT_LABELS)
    assert main(["check", "--quiet", "--strict"]) == 0
    assert capsys.readouterr().err == ""


def test_without_labels_the_outputs_keep_every_feature(project):
    project(WITHOUT_LABELS)
    result = run_cli("build", "--quiet")
    assert result.returncode == 0, result.stderr
    page = Path(f"dist/{ID}-web/index.html").read_text(encoding="utf-8")
    buttons = [re.sub(r"<[^>]+>", " ", b).split() for b in re.findall(r"<button[^>]*>(.*?)</button>", page)]
    # each language named in itself; "both" in the language of the mode (the page shows one)
    assert buttons == [["中文"], ["English"], ["双语", "Both"]]
    assert "回到顶部" in page and "Back to top" in page
    text = subprocess.run(["pdftotext", "-raw", f"dist/{ID}-print.pdf", "-"], capture_output=True, text=True,
                          check=True).stdout
    for wanted in ("目录", "Contents", "图表", "Figures", "图1：", "Figure 1: "):
        assert wanted in text, wanted
    assert re.search(r"第3页 / 共\d+页", text)                              # the folios
