"""Each kind of broken content gets one clear line naming file, line and field, exit code 1,
no traceback, and the outputs of the last good build untouched."""
from __future__ import annotations

import pytest

from aimap_publish.cli import main
from conftest import REPORT, run_broken

GOOD = REPORT.read_text(encoding="utf-8")


def publish_broken(project, capsys, content) -> list[str]:
    return run_broken(project, capsys, content)


def replace(old: str, new: str, count: int = 1) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


SUBTITLE_EN = '    en: "SVTR Global AI Founders China Tour — Field Observations"'
SYNTAX_CASES = {
    "indentation": (("  figures: {zh: 图表", " figures: {zh: 图表"), "  figures:", "line {n}, column 2: "
                    "this line's indentation does not match the lines above it (fields of one record line up, "
                    "their parts indented under them)"),
    "a colon in a value": ((SUBTITLE_EN, "    en: SVTR Global AI Founders: China Tour"), SUBTITLE_EN,
                           "line {n}, column 32: a second ': ' on the line: put quotes around a value containing "
                           "': ' or ' #'"),
    "a colon in a braced value": (("en: AI rapidly entering", "en: AI: rapidly entering"), "en: AI rapidly entering",
                                  "line {n}, column 37: a ':' inside {{…}} or […]: put quotes around a value "
                                  "containing ': ' or ' #', and separate the fields with ', '"),
    "a list item among fields": (("  figures: {zh: 图表, en: Figures}\n", "  figures: {zh: 图表, en: Figures}\n  - x\n"),
                                 "  languages:", "line {n}, column 3: a list item '- ' where a field was expected "
                                 "(indent it under a field that holds a list)"),
    "a brace never closed": (("  contents: {zh: 目录, en: Contents}", "  contents: {zh: 目录, en: Contents"),
                             "  figures:", "line {m}, column 13: this '{{' is never closed (close it on the same line)"),
    "a quote never closed": (('    zh: "SVTR全球AI创始人中国行观察报告"', '    zh: "SVTR全球AI创始人中国行观察报告'),
                             SUBTITLE_EN, "line {m}, column 9: this quote is not closed where its value ends (the "
                             "next quote mark, at line {n}, column 9, closes it)"),
    "a closing brace too many": (("    short: {zh: AWE, en: AWE}", "    short: {zh: AWE, en: AWE}}"),
                                 "    short: {zh: AWE", "line {n}, column 30: a '}}' that no bracket on the line "
                                 "opened: delete it"),
    "a tab": (("  contents: {zh: 目录", "\tcontents: {zh: 目录"), "  contents:",
              "line {n}, column 1: a tab: indent with spaces, not tabs"),
}


@pytest.mark.parametrize("case", SYNTAX_CASES)
def test_yaml_syntax_error_says_what_to_fix(project, capsys, case):
    """The parser's line, and in the message the line and column to fix with what to do there."""
    (old, new), at, message = SYNTAX_CASES[case]
    n = line_of(GOOD, at)
    lines = publish_broken(project, capsys, replace(old, new))
    assert lines == [f"data/report.yaml:{n}: YAML syntax error: " + message.format(n=n, m=n - 1)]


def test_a_list_as_a_field_name_is_a_content_error(project, capsys):
    lines = run_broken(project, capsys, replace("date: 2026-03-15\n", "date: 2026-03-15\n? [a, b]\n: c\n"), ["check"])
    assert lines == [f"data/report.yaml:{line_of(GOOD, 'date: 2026') + 1}: a field name must be plain text, not a list "
                     "or mapping (remove the '?' or the brackets)"]


def test_empty_file(project, capsys):
    assert publish_broken(project, capsys, "\n# nothing here\n") == [
        "data/report.yaml: file is empty (expected the report as YAML)"]


def test_gb18030_file_is_named(project, capsys):
    lines = publish_broken(project, capsys, GOOD.encode("gb18030"))
    assert lines == [f"data/report.yaml:{line_of(GOOD, '中国AI')}: file is not UTF-8 (byte 0xd6); "
                     "it looks like GB18030/GBK: re-save it as UTF-8"]


def test_utf16_file_is_named(project, capsys):
    lines = publish_broken(project, capsys, GOOD.encode("utf-16"))
    assert "it looks like UTF-16" in lines[0]


def test_wrong_type(project, capsys):
    bad = replace("date: 2026-03-15", "date: soon")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line_of(GOOD, 'date: 2026')}: date: expected a date (YYYY-MM-DD), found str 'soon'"]


def test_list_where_text_expected(project, capsys):
    bad = replace('  masthead: {zh: "SVTR Research · 2026.03", en: "SVTR Research · 2026.03"}',
                  "  masthead: [SVTR]")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line_of(GOOD, '  masthead:')}: meta.masthead: expected a mapping of zh and en texts, found a list"]


def test_unknown_key_suggests_the_right_one(project, capsys):
    bad = replace("    summary: {zh: AI进入物理世界", "    sumary: {zh: AI进入物理世界")
    line = line_of(GOOD, "    summary: {zh: AI进入物理世界")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: regions[3].sumary: unknown field 'sumary' (did you mean 'summary'?)",
    ]


def test_unknown_block_kind(project, capsys):
    bad = replace("      - kind: quote", "      - kind: qoute")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line_of(GOOD, '      - kind: quote')}: sections[4].blocks[2].kind: "
        "unknown kind 'qoute' (did you mean 'quote'?)"]


@pytest.mark.parametrize("lang, name", [("zh", "Chinese"), ("en", "English")])
def test_missing_language(project, capsys, lang, name):
    other = "en" if lang == "zh" else "zh"
    text = {"zh": "zh: 创新集群效应", "en": "en: Cluster Network Effects"}
    old = "          - title: {zh: 创新集群效应, en: Cluster Network Effects}"
    bad = replace(old, "          - title: {" + text[other] + "}")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line_of(GOOD, old)}: sections[3].blocks[0].items[1].title.{lang}: missing {name} text"]


def test_empty_translation(project, capsys):
    bad = replace("{zh: 开源生态, en: Open-source ecosystem}", '{zh: 开源生态, en: ""}')
    line = line_of(GOOD, "{zh: 开源生态")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: figures[2].data.columns[0].items[3].en: missing English text"]


def test_duplicate_id(project, capsys):
    bad = replace("  - id: lingang\n", "  - id: awe\n")
    line = line_of(GOOD, "  - id: lingang\n")
    lines = publish_broken(project, capsys, bad)
    assert f"data/report.yaml:{line}: regions[5].id: duplicate id 'awe' (first used by regions[0])" in lines


def test_reference_to_missing_id(project, capsys):
    bad = replace("        figure: collaboration", "        figure: colaboration")
    line = line_of(GOOD, "        figure: collaboration")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: sections[5].blocks[1].figure: no figure with id 'colaboration' "
        "(known: innovation-map, industry-structure, collaboration)"]


def test_every_problem_is_reported_at_once(project, capsys):
    bad = replace("    tag: global", "    tag: globl").replace("regions: [xuhui, suzhou]", "regions: [xuhui, suzou]")
    lines = publish_broken(project, capsys, bad)
    assert len(lines) == 2
    assert any("regions[5].tag: no tag with id 'globl'" in line for line in lines)
    assert any("layers[1].regions[1]: no region with id 'suzou'" in line for line in lines)


def test_object_tags_are_refused(project, capsys):
    bad = replace("date: 2026-03-15", "date: !!python/object/apply:os.system [echo owned]")
    lines = publish_broken(project, capsys, bad)
    assert lines == [f"data/report.yaml:{line_of(GOOD, 'date: 2026')}: "
                     "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' (only plain values)"]


def test_aliases_are_refused(project, capsys):
    bad = replace("  contents: {zh: 目录, en: Contents}", "  contents: &c {zh: 目录, en: Contents}")
    bad = bad.replace("  figures: {zh: 图表, en: Figures}", "  figures: *c")
    lines = publish_broken(project, capsys, bad)
    assert any("anchors and aliases (&, *) are not supported" in line for line in lines)


def test_unbalanced_emphasis(project, capsys):
    bad = replace("**系统化创新生态**。", "**系统化创新生态。")
    line = line_of(GOOD, "**系统化创新生态**。")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: sections[6].blocks[0].text.zh: "
        "unbalanced ** (emphasis must be opened and closed in the same text)"]


def test_character_no_font_covers(project, capsys):
    bad = replace("AI创业公司、投资机构", "AI创业公司𠀀、投资机构")
    line = line_of(GOOD, "AI创业公司、投资机构")
    assert publish_broken(project, capsys, bad) == [
        f'data/report.yaml:{line}: sections[1].blocks[2].items[2].text.zh: no font covers "𠀀" (U+20000)']


def test_missing_file(project, capsys):
    assert main(["check", "--data", "data/nope.yaml"]) == 1
    assert "data/nope.yaml: cannot read the file (no such file or directory)" in capsys.readouterr().err


def test_missing_field(project, capsys):
    bad = replace("    short: {zh: 临港, en: Lingang}\n", "")
    line = line_of(GOOD, "  - id: lingang")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: regions[5].short: missing field 'short'"]


def test_card_needs_title_or_region(project, capsys):
    bad = replace("          - region: lingang\n", "          - region: lingang\n            title: {zh: 临港, en: Lingang}\n")
    line = line_of(GOOD, "          - region: lingang")
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: sections[1].blocks[2].items[5]: a card needs either a title or a region (not both)"]


def test_unknown_field_lists_the_known_ones(project, capsys):
    bad = replace("          - region: lingang\n", "          - region: lingang\n            icon: x\n")
    line = line_of(GOOD, "          - region: lingang") + 1
    assert publish_broken(project, capsys, bad) == [
        f"data/report.yaml:{line}: sections[1].blocks[2].items[5].icon: unknown field 'icon' "
        "(expected one of: region, text, title)"]
