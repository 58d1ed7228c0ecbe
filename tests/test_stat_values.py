"""A stat's value is one string ("30+") or one per language ({zh: 7天, en: 7 days}): checked
like any bilingual text, and every output shows each language its own value."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from aimap_publish.cli import main
from aimap_publish.content import load_report
from conftest import REPORT, run_broken, run_cli

GOOD = REPORT.read_text(encoding="utf-8")
SEVEN = '      - {value: "7", label: {zh: 天, en: Days}}'
ID = "china-ai-map-2026"
LINE = GOOD[: GOOD.index(SEVEN)].count("\n") + 1
PATH = "cover[0].items[3].value"
ON_THE_ROAD = """      - kind: stats
        items:
          - {value: {zh: 7天, en: 7 days}, label: {zh: 行程, en: On the road}}
          - {value: "6", label: {zh: 核心区域, en: Key Regions}}
"""


def with_value(value: str) -> str:
    assert SEVEN in GOOD
    return GOOD.replace(SEVEN, "      - {value: " + value + ", label: {zh: 天, en: Days}}")


def test_a_value_in_each_language(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_text(with_value('{zh: 7天, en: "7 days"}'), encoding="utf-8")
    loaded = load_report(path)
    assert loaded.problems == ()
    stats = loaded.report.cover[0].items
    assert [s.value_in("zh") for s in stats] == ["30+", "6", "6", "7天"]
    assert [s.value_in("en") for s in stats] == ["30+", "6", "6", "7 days"]


def test_a_value_that_is_neither_is_one_problem(project, capsys):
    assert run_broken(project, capsys, with_value("[7, 8]"), ["check"]) == [
        f"data/report.yaml:{LINE}: {PATH}: expected text or a mapping of zh and en texts, found a list"]


def test_a_value_missing_a_language(project, capsys):
    assert run_broken(project, capsys, with_value("{zh: 7天}"), ["check"]) == [
        f"data/report.yaml:{LINE}: {PATH}.en: missing English text"]


def test_each_language_of_a_value_within_16_characters(project, capsys):
    assert run_broken(project, capsys, with_value('{zh: 7天, en: "7 days on the road"}'), ["check"]) == [
        f"data/report.yaml:{LINE}: {PATH}.en: a stat value is 18 characters; at most 16"]


def test_parity_sees_a_value_in_each_language(project, capsys):
    project(with_value('{zh: 7天, en: "8 days"}'))
    assert main(["check", "--quiet"]) == 0
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"data/report.yaml:{LINE}: {PATH}.en: warning: number '7' of the Chinese text is missing here",
        f"data/report.yaml:{LINE}: {PATH}.zh: warning: number '8' of the English text is missing here"]


def test_every_output_shows_each_language_its_value(project):
    from pptx import Presentation

    project(GOOD.replace("    blocks:\n", "    blocks:\n" + ON_THE_ROAD, 1))
    result = run_cli("build", "--quiet")
    assert result.returncode == 0, result.stderr
    page = Path(f"dist/{ID}-web/index.html").read_text(encoding="utf-8")
    # each value its number with its unit set smaller beside it
    assert re.search(r'<span class="stat-value zh" lang="zh-CN" style="--em: [\d.]+">7<span class="unit">天</span></span>'
                     r'<span class="stat-value en alt" lang="en" style="--em: [\d.]+">7<span class="unit">\u00a0days</span>'
                     r'</span>', page), page
    assert re.search(r'<span class="stat-value" style="--em: [\d.]+">6</span>', page)      # one value for both
    pdf = subprocess.run(["pdftotext", "-raw", f"dist/{ID}-print.pdf", "-"], capture_output=True, text=True,
                         check=True).stdout
    assert re.search(r"7天\s+7 days\s+行程\s+On the road", pdf)
    notes = [slide.notes_slide.notes_text_frame.text.replace("\xa0", " ").replace("\u2060", "")
             for slide in Presentation(f"dist/{ID}.pptx").slides if slide.has_notes_slide]
    assert any("7天 行程" in text and "7 days On the road" in text for text in notes)
