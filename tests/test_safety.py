"""Hostile content is shown as text and reads nothing; concurrent and interrupted builds lose
nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from pptx import Presentation

from aimap_publish import pdf
from aimap_publish.content import load_report
from aimap_publish.errors import ContentError
from conftest import REPORT, normalize, run_cli

ID = "china-ai-map-2026"
GOOD = REPORT.read_text(encoding="utf-8")
HOSTILE = ('<script>alert(1)</script> {{ 7*7 }} {% include "/etc/passwd" %} '
           '<img src="file:///etc/passwd"> <a href="http://127.0.0.1:9/">x</a> ../../etc/passwd &amp;')


def test_html_and_template_syntax_in_content_is_printed_as_text(project, tmp_path):
    quoted = HOSTILE.replace('"', '\\"')
    project(GOOD.replace("          zh: AI技术快速进入消费产品，",
                         f'          zh: "{quoted}"\n          x: ', 1).replace("          x: ", "          #", 1))
    result = run_cli("pdf", "--edition", "screen", "--lang", "zh", "--quiet")
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-raw", "dist/china-ai-map-2026-zh-screen.pdf", "-"],
                          capture_output=True, text=True).stdout
    assert normalize(HOSTILE) in normalize(text)
    with pikepdf.open("dist/china-ai-map-2026-zh-screen.pdf") as doc:
        uris = [str(a.A.URI) for page in doc.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    # the address typed in the text is a link to itself, as any address in text is; the <a>
    # around it stays text and links nothing
    assert sorted(set(uris)) == ["http://127.0.0.1:9/", "https://svtr.ai", load_report(REPORT).report.url]


def test_an_svg_with_external_references_cannot_read_files(shipped_project, tmp_path):
    """Even a figure file that asks for /etc/passwd or the network gets nothing: the build fails."""
    from aimap_publish.build import Options, _icons, check_content
    from aimap_publish.editions import EDITIONS
    from aimap_publish.project import find_project

    options = Options.of(find_project(root=shipped_project))
    loaded = load_report(options.project.data)
    look = check_content(loaded, options)
    evil = tmp_path / "evil.svg"
    evil.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                    'width="10" height="10"><image xlink:href="file:///etc/passwd" width="5" height="5"/>'
                    '<image xlink:href="http://127.0.0.1:9/x.png" width="5" height="5"/></svg>')
    assets = {f.id: pdf.FigureAsset(f.id, 1, f.title, f.title, evil) for f in loaded.report.figures}
    icons = _icons(loaded, look, options)
    context = pdf.PageContext(loaded, EDITIONS["en"], "screen", look.policy, look.theme, assets, icons,
                              pdf.share_qr("https://x.org", "screen", look.theme))
    templates = options.project.templates
    with pytest.raises(ContentError) as caught:
        pdf.render_pdf(context, tmp_path / "out.pdf", templates, (*templates, options.cache, tmp_path))
    message = str(caught.value)
    assert "refused to read /etc/passwd" in message and "refused to fetch http://127.0.0.1:9/x.png" in message


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_two_builds_at_once_into_one_folder_leave_valid_outputs(shipped_project, tmp_path):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    args = [sys.executable, "-m", "aimap_publish", "build", "--quiet", "--out", str(tmp_path / "dist")]
    procs = [subprocess.Popen(args, cwd=shipped_project, env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
    names = sorted(p.name for p in (tmp_path / "dist").iterdir() if p.is_file())
    assert names == [f"{ID}-print.pdf", f"{ID}-screen.pdf", f"{ID}-slides.pdf", f"{ID}.pptx"]   # no temporary files left
    assert len(list((tmp_path / "dist" / "figures").iterdir())) == 6
    slides = len(Presentation(str(tmp_path / "dist" / names[3])).slides)
    assert slides >= 12
    for name in names[:2]:
        with pikepdf.open(tmp_path / "dist" / name) as doc:
            assert len(doc.pages) >= 8
    with pikepdf.open(tmp_path / "dist" / names[2]) as doc:
        assert len(doc.pages) == slides


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_build_leaves_the_previous_outputs(shipped_project, tmp_path, sig):
    out = tmp_path / "dist"
    first = run_cli("build", "--quiet", "--out", str(out), cwd=shipped_project)
    assert first.returncode == 0, first.stderr
    before = outputs(out)
    changed = tmp_path / "report.yaml"
    changed.write_text(GOOD.replace("核心**发现**", "核心**新发现**"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "aimap_publish", "build", "--data", str(changed),
                             "--out", str(out)], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:                       # interrupt while the PDF is being rendered
        if "draw figures" in line:
            time.sleep(0.5)
            proc.send_signal(sig)
            break
    code = proc.wait(timeout=300)
    assert code != 0
    if sig == signal.SIGINT:
        assert code == 130
    assert {k: v for k, v in outputs(out).items() if not k.startswith(".")} == before
    if sig == signal.SIGINT:
        assert not [p for p in out.iterdir() if p.name.startswith(".")]
