"""`aimap-publish preflight` run as a user runs it: on outputs made bad on purpose (pages set by
WeasyPrint with the theme's margins, a deck whose text does not fit its boxes, a report whose
card holds a word too long for a phone), on the shipped report's build, and without the tools
it uses."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPORT, ROOT, run_cli

ZH = "中国AI创新不局限于软件层，而是直接进入制造业、机器人、消费电子和智能终端等实体产业。"
EN = "AI innovation in China extends beyond software into manufacturing, robotics and smart devices. "
LONE = "产业基础设施的深度积累产业基础设施的深度积。"      # set 20.5 em wide: its last line holds '积。'


def preflight(out: Path, report_id: str, cwd: Path, *extra: str, path: str | None = None):
    """The command on the outputs in `out` of a report with this id (`path`: the PATH it gets)."""
    (cwd / "report.yaml").write_text(f"id: {report_id}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore", **({"PATH": path} if path else {})}
    return subprocess.run([sys.executable, "-m", "aimap_publish", "preflight", "--data", "report.yaml", "--out",
                           str(out), *extra], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def bad_pages(path: Path) -> None:
    """Five A4 pages in the theme's type area with folios: a section left two thirds empty before
    a page that starts none, a paragraph ending on one character, an address broken after its
    scheme, and a Chinese paragraph whose English the page break pushes over."""
    from weasyprint import HTML

    top, right, bottom, left = (f"{mm}mm" for mm in (22, 20, 24, 20))
    HTML(string=f"""<html lang="zh-CN"><head><style>
      @page {{ size: A4; margin: {top} {right} {bottom} {left};
               @bottom-center {{ content: "第" counter(page) "页"; font-size: 8pt }} }}
      @page :first {{ @bottom-center {{ content: none }} }}
      body {{ font-family: "Noto Sans CJK SC"; font-size: 10pt; line-height: 1.6 }}
      h1 {{ break-before: page; margin-top: 0; font-size: 16pt }} .next {{ break-before: page }}
    </style></head><body>
      <p>封面</p>
      <h1>核心发现 Key Findings</h1><p>{ZH}</p><p lang="en">{EN}</p>
      <p class="next">{ZH}</p><p style="width: 20.5em">{LONE}</p><p style="width: 25mm">见 https://svtr.ai/reports</p>
      <div style="height: 150mm"></div><p>{ZH}</p><p lang="en" class="next">{EN}</p>
      <h1>结语 Closing</h1><p>{ZH}</p>
    </body></html>""").write_pdf(path)


def test_pages_report_a_split_pair_an_empty_page_a_lone_character_and_a_broken_address(tmp_path):
    bad_pages(tmp_path / "bad-print.pdf")
    result = preflight(tmp_path, "bad", tmp_path, "--quiet")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "bad-print.pdf: page 2: 89% of the type area is empty and page 3 starts no section",
        "bad-print.pdf: page 3: a Chinese paragraph ends the page and its English starts page 4 "
        "('…制造业、机器人、消费电子和智能终端等实体产业。' / 'AI innovation in China extends beyond s…')",
        "bad-print.pdf: page 3: a paragraph ends on a lone Chinese character: '度积累产业基础设施的深度 / 积。'",
        "bad-print.pdf: page 3: an address breaks right after its scheme: '见 https://'",
    ]
    assert result.stderr == ""


def bad_deck(path: Path) -> None:
    """One 16:9 slide: a point too long for its box, two titles set one over the other, a
    source line at 9 pt."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    for name, (x, y, w, h), size, text in (
            ("point", (1, 1, 3, 0.6), 24, "Cluster network effects: dense networks speed up resource matching"),
            ("title", (6, 1, 5, 1), 28, "Deep industry integration"),
            ("second title", (6, 1.1, 5, 1), 28, "Supply chain advantage"),
            ("source", (1, 6, 5, 0.5), 9, "Source: field notes")):
        shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        shape.name, shape.text_frame.word_wrap, shape.text_frame.auto_size = name, True, MSO_AUTO_SIZE.NONE
        run = shape.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = text, Pt(size)
    deck.save(path)


def test_the_deck_reports_text_out_of_its_box_over_other_text_and_too_small(tmp_path):
    bad_deck(tmp_path / "bad.pptx")
    result = preflight(tmp_path, "bad", tmp_path, "--quiet")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    assert re.fullmatch(r"bad\.pptx: slide 1: text runs out of its box 'point' \(\"Cluster network effects…\"\) "
                        r"\(\d+ words outside: '.+'\)", lines[0]), lines[0]
    assert lines[1] == ("bad.pptx: slide 1: the text of 'title' (\"Deep industry integrati…\") overlaps the text "
                        "of 'second title' (\"Supply chain advantage\") ('Deep' / 'Supply')")
    assert lines[2] == ("bad.pptx: slide 1: the deck's smallest text is 9 pt ('Source: field notes'), under the "
                        "theme's slide min-text of 14 pt")


def test_a_word_too_long_for_a_phone_wraps_and_a_page_that_still_pans_is_named(project):
    """A card's English holding one unbreakable token wraps inside its card (no finding). A
    project's own template that keeps a paragraph on one line makes the page scroll sideways on
    every phone, in each language mode: the widest element in it is named, with its text."""
    text = REPORT.read_text(encoding="utf-8")
    token = "Manufacturing_Robotics_ConsumerElectronics_SmartDevices"
    source = project(text.replace("extends beyond software into manufacturing, robotics,",
                                  f"extends beyond software into {token}, robotics,", 1))
    assert token in source.read_text(encoding="utf-8")
    built = run_cli("web", "--quiet")
    assert built.returncode == 0, built.stderr
    clean = run_cli("preflight", "--quiet")
    assert clean.returncode == 0 and clean.stdout == "", clean.stdout
    project('{% import "web/macros.html.j2" as m with context %}\n'
            '<div class="paragraph" style="white-space: nowrap">{{ m.t(block.text, "p") }}</div>\n',
            "templates/web/blocks/paragraph.html.j2")
    built = run_cli("web", "--quiet")
    assert built.returncode == 0, built.stderr
    result = run_cli("preflight", "--quiet")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{width} px, ?lang={mode}" for width in (320, 375, 414)
                                                       for mode in ("both", "zh", "en")], lines
    for line in lines:
        assert re.fullmatch(r"dist/china-ai-map-2026-web: \d+ px, \?lang=\w+: the page is \d+ px wide and scrolls "
                            r"sideways; widest: <[\w.]+> reaching \d+ px \('.+'\)", line), line


def test_the_shipped_reports_build_has_no_finding(shipped_project, tmp_path):
    """Every output of the bilingual edition is clean: no split pair (a Chinese paragraph and its
    English are one unit on the page), no overflow, no lone last line."""
    built = run_cli("build", "--quiet", "--project", str(shipped_project), "--out", str(tmp_path), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    result = run_cli("preflight", "--project", str(shipped_project), "--out", str(tmp_path), cwd=tmp_path)
    assert result.stdout.splitlines() == []
    assert result.returncode == 0
    checked = re.findall(r"aimap-publish: preflight: (\S+) [\d.]+ s", result.stderr)
    assert checked == ["china-ai-map-2026-print.pdf", "china-ai-map-2026-screen.pdf", "china-ai-map-2026.pptx",
                       "china-ai-map-2026-web"], result.stderr
    print(result.stderr)


def test_nothing_built_is_exit_2(tmp_path):
    result = preflight(tmp_path / "dist", "bad", tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("aimap-publish: preflight: nothing built to check in dist")


def test_without_libreoffice_or_chromium_those_parts_are_skipped_with_a_note(tmp_path):
    """Only poppler on the PATH: the deck and the web edition are noted as not checked, the PDF
    still is, and the exit code is the findings' alone."""
    bad_pages(tmp_path / "bad-print.pdf")
    bad_deck(tmp_path / "bad.pptx")
    (tmp_path / "bad-web").mkdir()
    (tmp_path / "bad-web" / "index.html").write_text("<html><body><p>web</p></body></html>", encoding="utf-8")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pdftotext").symlink_to(shutil.which("pdftotext"))
    result = preflight(tmp_path, "bad", tmp_path, "--quiet", path=str(tools))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 4                       # the PDF's findings
    assert result.stderr.splitlines() == [
        "aimap-publish: preflight: bad.pptx: not checked: soffice is not installed (Debian package "
        "libreoffice-impress)",
        "aimap-publish: preflight: bad-web: not checked: Chromium is not installed (Debian package chromium)",
    ]
