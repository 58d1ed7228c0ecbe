"""Report projects: found from the data file or the working folder, overridden by their own
theme.toml and templates, started with `init`; the command line around them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from aimap_publish.cli import main
from aimap_publish.errors import ContentError, UsageError
from aimap_publish.project import find_project
from aimap_publish.theme import load_theme
from conftest import REPORT, ROOT, run_cli


def test_the_project_is_found_from_the_data_file_or_the_working_folder(tmp_path_factory):
    tmp_path, other = tmp_path_factory.mktemp("project"), tmp_path_factory.mktemp("other")
    (tmp_path / "aimap.toml").write_text('report = "content/r.yaml"\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    data = tmp_path / "content" / "r.yaml"
    data.write_text("id: x\n", encoding="utf-8")
    assert find_project(data) == find_project(cwd=tmp_path / "content") == find_project(root=tmp_path)
    assert find_project(data).root == tmp_path.resolve() and find_project(data).data == data.resolve()
    assert find_project(data).cache == tmp_path.resolve() / ".aimap-cache"
    alone = other / "elsewhere" / "report.yaml"              # no aimap.toml above: its own folder
    alone.parent.mkdir()
    alone.write_text("id: y\n", encoding="utf-8")
    assert find_project(alone).root == alone.parent.resolve()
    with pytest.raises(UsageError, match="no report here"):
        find_project(cwd=other)


def test_a_project_file_with_an_unknown_key_is_a_problem_with_its_line(tmp_path):
    (tmp_path / "aimap.toml").write_text('# project\nreport = "r.yaml"\nreprot = "x"\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        find_project(cwd=tmp_path)
    assert [str(p).replace(str(tmp_path), "T") for p in caught.value.problems] == [
        "T/aimap.toml:3: reprot: unknown key 'reprot' (expected: report)"]


def test_outside_a_project_the_command_says_what_to_do(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("aimap-publish: no report here") and "aimap-publish init" in result.stderr


def test_init_writes_a_starter_that_passes_strict_check_and_refuses_to_overwrite(tmp_path):
    new = tmp_path / "new"
    result = run_cli("init", str(new), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in new.iterdir()) == [".gitignore", "aimap.toml", "report.yaml"]
    starter = (new / "report.yaml").read_text(encoding="utf-8")
    assert starter.count("\n#") > 10                             # it explains its fields
    result = run_cli("check", "--strict", cwd=new)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    before = {p: p.read_bytes() for p in new.iterdir() if p.is_file()}
    again = run_cli("init", str(new), cwd=tmp_path)
    assert again.returncode == 2 and "already has aimap.toml, report.yaml, .gitignore" in again.stderr
    assert {p: p.read_bytes() for p in new.iterdir() if p.is_file()} == before


def test_the_starter_uses_every_block_kind_and_every_figure_kind():
    from aimap_publish.content import load_report
    from aimap_publish.content.model import BLOCKS, FIGURES
    from aimap_publish.starter import STARTER

    report = load_report(STARTER / "report.yaml").report
    blocks = [*report.cover, *(b for s in report.sections for b in s.blocks), *report.closing]
    assert {b.kind for b in blocks} == set(BLOCKS)
    assert {f.kind for f in report.figures} == set(FIGURES)


THEME = """# a designer's change
[colours]
accent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 0] }
"""


def test_a_project_theme_changes_the_deck_and_the_pdf_without_code(project):
    project(THEME, "theme.toml")
    assert main(["slides", "--quiet", "--lang", "en"]) == 0
    with zipfile.ZipFile("dist/china-ai-map-2026-en.pptx") as deck:
        slides = "".join(deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/slide"))
    assert "0A6CFF" in slides and "C2202E" not in slides
    theme = load_theme(Path("theme.toml"))
    assert theme.accent.rgb == "#0a6cff" and theme.accent.cmyk == (0.85, 0.5, 0, 0)
    assert theme.ink == load_theme().ink                      # what it does not set stays


@pytest.mark.parametrize("text, expected", [
    ('[colours]\nacent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 0] }\n',
     "theme.toml:2: colours.acent: unknown key 'acent' (did you mean 'accent'?)"),
    ('[colours]\naccent = { rgb = "#0a6cf", cmyk = [85, 50, 0, 0] }\n',
     "theme.toml:2: colours.accent.rgb: expected \"#rrggbb\" (six hex digits), found '#0a6cf'"),
    ('\n[colours]\naccent = { rgb = "#0a6cff", cmyk = [85, 50, 0, 120] }\n',
     "theme.toml:3: colours.accent.cmyk: expected four percentages 0–100 (cyan, magenta, yellow, black), "
     "found [85, 50, 0, 120]"),
    ('[type]\nbody-zh = "big"\n', "theme.toml:2: type.body-zh: expected a number from 4 to 48 pt, like 10.5, found 'big'"),
    ('[colours\n', "theme.toml:1: TOML syntax error: Expected ']' at the end of a table declaration"),
])
def test_theme_problems_name_file_line_and_key(project, capsys, text, expected):
    project(text, "theme.toml")
    project(b"last good build", "dist/china-ai-map-2026.pptx")
    assert main(["slides", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == expected and "Traceback" not in err
    assert project(None, "dist/china-ai-map-2026.pptx").read_bytes() == b"last good build"


def test_a_project_template_shadows_the_packaged_one(project):
    project('{% import "macros.html.j2" as m with context %}\n'
            '<blockquote class="quote">{{ m.t(block.text, "p") }}<p lang="en">(pull-quote)</p></blockquote>\n',
            "templates/blocks/quote.html.j2")
    assert main(["pdf", "--quiet", "--edition", "screen", "--lang", "en"]) == 0
    text = subprocess.run(["pdftotext", "dist/china-ai-map-2026-en-screen.pdf", "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "(pull-quote)" in text


_WRITES: list[tuple[str, str]] | None = None     # (event, path) while a build is being watched
_WRITE_EVENTS = {"os.mkdir": (0,), "os.rename": (0, 1), "os.replace": (0, 1), "os.remove": (0,),
                 "os.rmdir": (0,), "os.truncate": (0,), "os.symlink": (1,), "os.link": (1,),
                 "shutil.copyfile": (1,), "shutil.rmtree": (0,), "os.chmod": (0,)}


def _record_writes(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (mode and any(c in mode for c in "wax+")) or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and isinstance(path, (str, bytes, os.PathLike)):
            _WRITES.append((event, os.fsdecode(path)))
    elif event in _WRITE_EVENTS:
        _WRITES.extend((event, _in_folder(os.fsdecode(args[i]), args[_DIR_FDS[event][k]] if event in _DIR_FDS else None))
                       for k, i in enumerate(_WRITE_EVENTS[event]) if isinstance(args[i], (str, bytes, os.PathLike)))


# events whose paths may be relative to an open folder (shutil.rmtree removes by folder descriptor)
_DIR_FDS = {"os.mkdir": (2,), "os.remove": (1,), "os.rmdir": (1,), "os.rename": (2, 3), "os.replace": (2, 3)}


def _in_folder(path: str, dir_fd) -> str:
    """`path` as a path from the root when it is relative to the open folder `dir_fd`."""
    if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return path


def test_builds_write_only_into_the_project(project):
    """Every file the build opens for writing, creates, moves or removes is in the project's
    cache or output folder: seen through Python's audit hooks, so other tests building the
    shipped report beside this one cannot disturb the check."""
    global _WRITES
    if not getattr(test_builds_write_only_into_the_project, "hooked", False):
        sys.addaudithook(_record_writes)
        test_builds_write_only_into_the_project.hooked = True
    shutil.rmtree(".aimap-cache")                   # a cold build: every cache is written
    _WRITES = []
    try:
        assert main(["slides", "--quiet"]) == 0
        writes = list(_WRITES)
    finally:
        _WRITES = None
    here = Path.cwd().resolve()
    places = [Path(os.path.abspath(path)).resolve() for _, path in writes]
    outside = [str(place) for place in places if not place.is_relative_to(here)]
    assert places and outside == []
    assert {place.relative_to(here).parts[0] for place in places} == {".aimap-cache", "dist"}
    assert sorted(p.name for p in Path.cwd().iterdir()) == [".aimap-cache", "aimap.toml", "data", "dist"]
    assert sorted(p.name for p in Path("dist").iterdir()) == ["china-ai-map-2026-slides.pdf", "china-ai-map-2026.pptx",
                                                             "figures"]


def test_figures_honours_lang_and_announces_every_file(shipped_project, tmp_path):
    result = run_cli("figures", "--lang", "en", "--out", str(tmp_path), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    written = sorted(Path(line.split("wrote ", 1)[1]).name for line in result.stderr.splitlines() if "wrote " in line)
    files = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert files == written == sorted(f"{f}-en.{ext}" for f in ("innovation-map", "industry-structure", "collaboration")
                                      for ext in ("svg", "png"))


def test_version_and_examples():
    result = run_cli("--version")
    assert result.returncode == 0 and re.fullmatch(r"aimap-publish \d+\.\d+\.\d+\n", result.stdout)
    helped = run_cli("--help").stdout
    assert "examples:" in helped and "aimap-publish init" in helped


def test_every_kind_of_problem_of_a_file_is_reported_in_one_run(project, capsys):
    text = REPORT.read_text(encoding="utf-8")
    text = text.replace("  author: {zh:", "  autor: {zh: 甲, en: A}\n  author: {zh:", 1)        # schema
    text = text.replace("regions: [xuhui, suzhou]", "regions: [xuhui, suzou]", 1)             # reference
    text = text.replace("summary: {zh: 全球创新入口,", "summary: {zh: 全球创新入口𠀀,", 1)       # font coverage
    text = text.replace("政府角色从管理者转向赋能者。", "政府角色从管理者转向赋能者.", 1)         # typography
    project(text)
    assert main(["check", "--strict", "--quiet"]) == 1
    lines = capsys.readouterr().err.splitlines()[:-1]
    assert [re.sub(r"^data/report.yaml:\d+: ", "", line) for line in lines] == [
        "meta.autor: unknown field 'autor' (did you mean 'author'?)",
        "layers[1].regions[1]: no region with id 'suzou' (known: awe, suzhou, xuhui, maqiao, zhangjiang, lingang)",
        'regions[5].summary.zh: no font covers "𠀀" (U+20000)',
        "sections[1].blocks[2].items[1].text.zh: ASCII full stop ending a Chinese sentence (use '。')",
    ]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("zh, en, warning", [
    ("世界的AI", "the world’s AI, its “best” hope", None),
    ("世界的AI", "the world's AI", "ASCII ' in English text"),
    ("世界的AI", 'the "best" AI', 'ASCII " in English text'),
    ("30+位创始人", "Many founders", "number '30+' of the Chinese text is missing here"),
    ("7天", "Days", "number '7' of the Chinese text is missing here"),
    ("2026年3月", "March 2026", None),
    ("AWE上海", "Shanghai", "'AWE' of the Chinese text is missing here"),
    ("鴻海和臺積電", "Foxconn and TSMC", "traditional forms in Simplified Chinese: 鴻→鸿、臺→台、積→积、電→电"),
    ("他看著我，著名的乾隆", "He looked at me; the famous Qianlong", None),
    ("访问 https://a.org", "visit the site", "web address 'https://a.org' of the Chinese text is missing here"),
])
def test_bilingual_checks(zh, en, warning):
    from aimap_publish.content.typography import typography_warnings

    found = [message for _, message in typography_warnings([("x.zh", zh), ("x.en", en)])]
    if warning is None:
        assert found == []
    else:
        assert len(found) == 1 and warning in found[0]


def test_the_packaged_defaults_come_from_the_top_level_folders():
    from aimap_publish.project import RESOURCES

    assert (RESOURCES / "templates").resolve() == (ROOT / "templates").resolve()
    assert (RESOURCES / "fonts" / "policy.toml").read_bytes() == (ROOT / "fonts" / "policy.toml").read_bytes()
