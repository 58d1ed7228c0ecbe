"""A project's own files, each broken as a shared or hand-edited project might bring it: fonts in
fonts/, the font policy, the theme, the labels, aimap.toml and the report file's encoding. Every
case is a content error (exit 1) naming the file, its line where it has one, and the field;
never an internal error, a hang or a traceback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPORT, run_cli

GOOD = REPORT.read_text(encoding="utf-8")
NOTO_SANS = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
POLICY = """[roles.cjk]
families = ["Noto Sans CJK SC"]
package = "fonts-noto-cjk"

[roles.latin]
families = ["Noto Sans"]
package = "fonts-noto-core"

[roles.emoji]
families = ["Noto Color Emoji"]
package = "fonts-noto-color-emoji"
"""


def check(*args: str, timeout: float = 300) -> list[str]:
    """`check` run as a user runs it: the problem lines, after what every failure must do (exit 1,
    no traceback, the closing summary line)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run([sys.executable, "-m", "aimap_publish", "check", "--quiet", *args],
                            capture_output=True, text=True, env=env, timeout=timeout)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].endswith("nothing was written"), result.stderr
    return lines[:-1]


# ---- fonts/: the files a project drops in beside its policy ---------------------------------

def test_a_garbage_file_named_like_a_font(project):
    project(os.urandom(2000), "fonts/brand.ttf")
    [line] = check()
    assert line.startswith("fonts/brand.ttf: not a font file that can be read (")
    assert line.endswith("): replace the file, or remove it from fonts/")


def test_a_truncated_font(project):
    project(NOTO_SANS.read_bytes()[: NOTO_SANS.stat().st_size // 2], "fonts/NotoSans-Half.ttf")
    assert check() == ["fonts/NotoSans-Half.ttf: the font file is cut short (its 'glyf' table ends past the end of "
                       "the file): replace the file, or remove it from fonts/"]


def test_an_empty_font_file(project):
    project(b"", "fonts/empty.otf")
    assert check() == ["fonts/empty.otf: the font file is empty: replace the file, or remove it from fonts/"]


def test_a_fifo_named_like_a_font_is_not_opened(project):
    Path("fonts").mkdir()
    os.mkfifo("fonts/brand.otf")
    assert check(timeout=120) == ["fonts/brand.otf: not a regular file (a font in fonts/ must be a font file): "
                                  "replace the file, or remove it from fonts/"]


def test_a_font_linked_to_a_device_is_not_opened(project):
    Path("fonts").mkdir()
    Path("fonts/brand.ttf").symlink_to("/dev/zero")
    assert check(timeout=120) == ["fonts/brand.ttf: a symbolic link out of the project: a shared project reads and "
                                  "writes only inside its folder; put the file or folder itself there"]


def test_a_font_linked_to_a_fifo_inside_the_project_is_not_opened(project):
    Path("fonts").mkdir()
    os.mkfifo("fonts/pipe")
    Path("fonts/brand.ttf").symlink_to("pipe")
    assert check(timeout=120) == ["fonts/brand.ttf: not a regular file (a font in fonts/ must be a font file): "
                                  "replace the file, or remove it from fonts/"]


# ---- fonts/policy.toml ----------------------------------------------------------------------

POLICY_CASES = {
    "without families": (POLICY.replace('families = ["Noto Sans"]\n', ""),
                         ['fonts/policy.toml:5: roles.latin.families: missing families (the font families in order '
                          'of preference, like ["Noto Sans"])']),
    "roles is a number": ("roles = 5\n",
                          ["fonts/policy.toml:1: roles: expected tables [roles.cjk], [roles.latin] and [roles.emoji], "
                           "found a number 5"]),
    "deck latin is a number": (POLICY + "\n[deck]\nlatin = 5\n",
                               ['fonts/policy.toml:14: deck.latin: expected a font family name, like "Noto Sans", '
                                "found a number 5"]),
    "deck is a number": ("deck = 5\n" + POLICY,
                         ['fonts/policy.toml:1: deck: expected a table: [deck] latin = "…", ea = "…", found a number 5']),
    "a role is text": (POLICY.replace('[roles.emoji]\nfamilies = ["Noto Color Emoji"]\npackage = "fonts-noto-color-emoji"\n',
                                      "").replace("[roles.cjk]", '[roles]\nemoji = "Noto Color Emoji"\n\n[roles.cjk]'),
                       ['fonts/policy.toml:2: roles.emoji: expected a table: families = ["…"], package = "…", '
                        "found text 'Noto Color Emoji'"]),
    "families is text": (POLICY.replace('families = ["Noto Sans"]', 'families = "Noto Sans"'),
                         ['fonts/policy.toml:6: roles.latin.families: expected a list of font family names, like '
                          "[\"Noto Sans\"], found text 'Noto Sans'"]),
    "families is empty": (POLICY.replace('families = ["Noto Sans"]', "families = []"),
                          ['fonts/policy.toml:6: roles.latin.families: expected a list of font family names, like '
                           '["Noto Sans"], found an empty list']),
    "a family is a number": (POLICY.replace('families = ["Noto Sans"]', 'families = ["Noto Sans", 7]'),
                             ['fonts/policy.toml:6: roles.latin.families[1]: expected a font family name, like '
                              '"Noto Sans", found a number 7']),
    "package is a number": (POLICY.replace('package = "fonts-noto-core"', "package = 1"),
                            ['fonts/policy.toml:7: roles.latin.package: expected a Debian package name, like '
                             '"fonts-noto-core", found a number 1']),
    "an unknown role": (POLICY + '\n[roles.math]\nfamilies = ["Noto Sans Math"]\n',
                        ["fonts/policy.toml:13: roles.math: unknown role 'math' (expected one of: cjk, latin, emoji)"]),
    "an unknown key": (POLICY.replace('package = "fonts-noto-core"', 'package = "fonts-noto-core"\nsize = 10'),
                       ["fonts/policy.toml:8: roles.latin.size: unknown key 'size' (expected: families, package)"]),
    "a role left out": (POLICY.replace('[roles.emoji]\nfamilies = ["Noto Color Emoji"]\npackage = "fonts-noto-color-emoji"\n', ""),
                        ["fonts/policy.toml: roles.emoji: missing role (every policy names cjk, latin and emoji)"]),
}


@pytest.mark.parametrize("case", POLICY_CASES)
def test_a_font_policy_of_the_wrong_shape(project, case):
    text, expected = POLICY_CASES[case]
    project(text, "fonts/policy.toml")
    assert check() == expected


@pytest.mark.parametrize("family", ['Evil"; } body { color: red', "Noto</style><script>", "Noto;Sans",
                                    "Noto\nSans", "Noto {Sans}"])
def test_a_font_family_name_that_would_inject_css_is_refused(project, family):
    escaped = family.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    project(POLICY.replace('families = ["Noto Sans"]', f'families = ["{escaped}", "Noto Sans"]'), "fonts/policy.toml")
    [line] = check()
    assert line.startswith(f"fonts/policy.toml:6: roles.latin.families[0]: font family name {family!r} holds ")
    assert line.endswith("a family name is letters, digits, spaces and - . + (starting with a letter or digit)")


def test_a_deck_typeface_that_would_inject_markup_is_refused(project):
    project(POLICY + '\n[deck]\nea = "Noto\\"/><a:latin typeface=\\"x"\n', "fonts/policy.toml")
    [line] = check()
    assert line.startswith("fonts/policy.toml:14: deck.ea: font family name ")


# ---- theme.toml: every number within what builds -------------------------------------------

THEME_CASES = {
    "text size of 1e9": ("[type]\nbody-zh = 1e9\n",
                         "theme.toml:2: type.body-zh: expected a number from 4 to 48 pt, like 10.5, found 1e+09"),
    "text size of inf": ("[type]\nbody-zh = inf\n",
                         "theme.toml:2: type.body-zh: expected a number from 4 to 48 pt, like 10.5, found inf"),
    "text size of nan": ("[type]\nbody-en = nan\n",
                         "theme.toml:2: type.body-en: expected a number from 4 to 48 pt, like 9.5, found nan"),
    "text size of true": ("[type]\ncaption = true\n",
                          "theme.toml:2: type.caption: expected a number from 4 to 48 pt, like 8.5, found true"),
    "line height of 10": ("[type]\nline-height-zh = 10\n",
                          "theme.toml:2: type.line-height-zh: expected a number from 1 to 2.5 times the type size, "
                          "like 1.7, found 10"),
    "figure box of 1e-9": ("[slide]\nfigure-box = [1e-9, 1e-9]\n",
                           "theme.toml:2: slide.figure-box: expected 2 numbers (from 50 to 330 mm wide; from 30 to "
                           "150 mm high), like [306, 130], found [1e-09, 1e-09]"),
    "page margins of 1e6": ("[space]\npage-margins = [1e6, 20, 24, 20]\n",
                            "theme.toml:2: space.page-margins: expected 4 numbers from 5 to 60 mm, like "
                            "[22, 20, 24, 20], found [1000000.0, 20, 24, 20]"),
    "a negative gap": ("[space]\nblock-gap = -1\n",
                       "theme.toml:2: space.block-gap: expected a number from 0 to 50 mm, like 5, found -1"),
    "slide sizes of 1e-9": ("[slide-type]\ntitle = [1e-9, 1e-9, 1e-9]\n",
                            "theme.toml:2: slide-type.title: expected 3 numbers from 6 to 96 pt, like [28, 28, 20], "
                            "found [1e-09, 1e-09, 1e-09]"),
    "slide floor of inf": ("[slide-type-floor]\nquote = [22, inf, 16]\n",
                           "theme.toml:2: slide-type-floor.quote: expected 3 numbers from 6 to 96 pt, like "
                           "[24, 24, 16], found [22, inf, 16]"),
    "min text of 1e9": ("[slide]\nmin-text = 1e9\n",
                        "theme.toml:2: slide.min-text: expected a number from 6 to 40 pt, like 14, found 1e+09"),
    "slide budget of inf": ("[slide]\nmost-chars-zh = inf\n",
                            "theme.toml:2: slide.most-chars-zh: expected a whole number from 10 to 1000 characters, "
                            "like 90, found inf"),
    "slide budget of a fraction": ("[slide]\nmost-words-en = 60.5\n",
                                   "theme.toml:2: slide.most-words-en: expected a whole number from 5 to 1000 words, "
                                   "like 60, found 60.5"),
    "a caption format naming a field": ('[formats]\nfigure-caption = { zh = "图{number}", en = "Figure {title.__class__}" }\n',
                                        "theme.toml:2: formats.figure-caption.en: unknown placeholder {title.__class__} "
                                        "(placeholders: {number}, {title})"),
    "a folio format of a number": ("[formats]\nfolio = { zh = 3, en = \"{page}\" }\n",
                                   "theme.toml:2: formats.folio.zh: expected a text, like '第{page}页 / 共{pages}页', "
                                   "found 3"),
}


@pytest.mark.parametrize("case", THEME_CASES)
def test_a_theme_number_out_of_range(project, case):
    text, expected = THEME_CASES[case]
    project(text, "theme.toml")
    assert check() == [expected]


def theme_at(end: str) -> str:
    """A theme.toml with every number of the PDF's type and spacing at the least or the most its
    range allows."""
    from aimap_publish.settings import read_toml
    from aimap_publish.theme import DEFAULT, bounds_of

    default, _, _ = read_toml(DEFAULT)
    lines = []
    for table in ("type", "type-floor", "space"):
        lines.append(f"[{table}]")
        for key, value in default[table].items():
            bound = bounds_of(f"{table}.{key}")
            number = getattr(bound, end)
            lines.append(f"{key} = {[number] * len(value) if isinstance(value, list) else number}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("end", ["least", "most"])
def test_a_theme_at_the_ends_of_its_ranges_builds_the_pdf(project, end):
    project(theme_at(end), "theme.toml")
    result = run_cli("pdf", "--quiet")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("end", ["least", "most"])
def test_a_deck_at_the_ends_of_its_ranges_is_checked_without_a_fault(project, end):
    from aimap_publish.settings import read_toml
    from aimap_publish.theme import DEFAULT, bounds_of

    default, _, _ = read_toml(DEFAULT)
    lines = []
    for table in ("slide", "slide-type", "slide-type-floor"):
        lines.append(f"[{table}]")
        for key, value in default[table].items():
            bound = bounds_of(f"{table}.{key}")
            bounds = bound if isinstance(bound, tuple) else (bound,) * (len(value) if isinstance(value, list) else 1)
            numbers = [getattr(b, end) for b in bounds]
            lines.append(f"{key} = {numbers if isinstance(value, list) else numbers[0]}")
    project("\n".join(lines) + "\n", "theme.toml")
    result = run_cli("check", "--quiet")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# ---- labels: words, never markup, wherever the layouts put them --------------------------

def test_markup_in_the_page_label_is_printed_not_read(project):
    page = '</style><h1 id=\\"injected\\">Injected</h1> \\\\ \\" {page}'
    project(GOOD.replace("contents: {zh: 目录, en: Contents}", 'contents: {zh: 目录, en: "<b>Contents</b>"}'))
    project(f'[formats]\nfolio = {{ zh = "第{{page}}页", en = "{page}" }}\n'
            'figure-caption = { zh = "图{number}：{title}", en = "<i>Figure</i> {number}: {title}" }\n', "theme.toml")
    result = run_cli("pdf", "--edition", "print", "--lang", "en", "--quiet")     # the print folio is the label's
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", "dist/china-ai-map-2026-en-print.pdf", "-"],
                          capture_output=True, text=True, check=True).stdout
    assert '</style><h1 id="injected">Injected</h1> \\ " 3' in text        # the folio, as written
    assert "<b>Contents</b>" in text and "<i>Figure</i> 1:" in text


# ---- aimap.toml and the command line ---------------------------------------------------------

MARKER_CASES = {
    "a NUL in report": ('report = "data/report.yaml\\u0000"\n',
                        "aimap.toml:1: report: expected the report file's path"),
    "report is a number": ("report = 5\n", "aimap.toml:1: report: expected the report file's path"),
    "report is a list": ('report = ["data/report.yaml"]\n', "aimap.toml:1: report: expected the report file's path"),
    "report is a table": ('[report]\nfile = "data/report.yaml"\n', "aimap.toml:1: report: expected the report file's path"),
    "report is true": ("report = true\n", "aimap.toml:1: report: expected the report file's path"),
    "report is empty": ('report = ""\n', "aimap.toml:1: report: expected the report file's path"),
    "report is a folder": ('report = "data"\n', "data: not a regular file: give the report's YAML file"),
    "an unknown key": ('report = "data/report.yaml"\ntheme = "dark"\n',
                       "aimap.toml:2: theme: unknown key 'theme' (expected: report)"),
    "a raw NUL": ('report = "data/report.yaml\0"\n', "aimap.toml:1: TOML syntax error: Illegal character '\\x00'"),
    "not UTF-8": (b'report = "data/r\xe9port.yaml"\n', "aimap.toml:1: file is not UTF-8 (byte 0xe9): re-save it as UTF-8"),
}


@pytest.mark.parametrize("case", MARKER_CASES)
def test_an_aimap_toml_of_the_wrong_shape(project, case):
    text, expected = MARKER_CASES[case]
    project(text, "aimap.toml")
    assert check() == [expected]


@pytest.mark.parametrize("port", ["70000", "-1", "abc", "65536"])
def test_a_watch_port_out_of_range_is_a_usage_error(project, port):
    result = run_cli("watch", f"--port={port}", "--quiet")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"aimap-publish watch: error: argument --port: '{port}' is not a port: give a number from 1 to 65535 "
        "(0: any free port)")


def test_a_watch_port_in_use_is_named(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("watch", "--port", str(port), "--quiet")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (f"aimap-publish: cannot preview on 127.0.0.1 port {port} (address already in "
                                     "use): give --port another number from 1 to 65535 (0: any free port)")


# ---- report.yaml: a list as a field name, and its encoding ----------------------------------

@pytest.mark.parametrize("key", ["? [a, b]\n: c\n", "? {a: b}\n: c\n", "[a, b]: c\n"])
def test_a_yaml_complex_key_in_the_report(project, key):
    project(GOOD.replace("date: 2026-03-15\n", "date: 2026-03-15\n" + key, 1))
    line = GOOD[: GOOD.index("date: 2026-03-15")].count("\n") + 2
    assert check() == [f"data/report.yaml:{line}: a field name must be plain text, not a list or mapping (remove "
                       "the '?' or the brackets)"]


TRADITIONAL = """id: china-ai-map-2026
meta:
  title: {zh: 中國AI產業地圖2026, en: China AI Industry Map 2026}
  subtitle: {zh: SVTR全球AI創始人中國行觀察報告, en: Field Observations}
sections:
  - id: findings
    heading: {zh: 核心發現, en: Key Findings}
    blocks:
      - kind: paragraph
        text:
          zh: 2026年，矽谷科技評論組織全球AI創始人走訪中國，從上海到蘇州，觀察人工智慧如何進入實體產業。
          en: In 2026 SVTR took founders from Shanghai to Suzhou.
"""
JAPANESE = """id: japan-ai-map-2026
meta:
  title: {zh: 日本のAI産業地図, en: Japan AI Industry Map}
sections:
  - id: findings
    heading: {zh: 主な発見, en: Key Findings}
    blocks:
      - kind: paragraph
        text:
          zh: 2026年、私たちは東京から大阪まで、人工知能が製造業にどのように入り込んでいるかを観察しました。
          en: In 2026 we travelled from Tokyo to Osaka.
"""


@pytest.mark.parametrize("text, codec, name", [(TRADITIONAL, "big5", "Big5"), (JAPANESE, "shift_jis", "Shift JIS"),
                                               (GOOD, "gb18030", "GB18030/GBK")], ids=["big5", "shift-jis", "gb18030"])
def test_a_report_in_a_legacy_encoding_is_named(project, text, codec, name):
    raw = text.encode(codec)
    first = next(i for i, byte in enumerate(raw) if byte > 0x7F)
    line = raw[:first].count(b"\n") + 1
    project(raw)
    assert check() == [f"data/report.yaml:{line}: file is not UTF-8 (byte 0x{raw[first]:02x}); "
                       f"it looks like {name}: re-save it as UTF-8"]
