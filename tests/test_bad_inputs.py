"""The bad-input suite: broken content an editor might save, each with the exact message, exit
code 1, no traceback, and the outputs of the last good build untouched. The case number in each
test name counts the inputs tried."""
from __future__ import annotations

import pytest

from aimap_publish.cli import main
from conftest import REPORT, run_broken

GOOD = REPORT.read_text(encoding="utf-8")
F = "data/report.yaml"


def line_of(needle: str, text: str = GOOD) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def sub(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def deep(levels: int) -> str:
    return GOOD + "extra: " + "[" * levels + "]" * levels + "\n"


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

SEVEN = '{value: "7"'
ROBOT = '    icon: bot'
CONTENTS = "  contents: {zh: 目录, en: Contents}"


def own_caption(en: str) -> str:
    """The shipped report giving its own caption pattern (beside its contents label)."""
    return sub(CONTENTS, f'  figure_caption: {{zh: "图{{number}}：{{title}}", en: "{en}"}}\n{CONTENTS}')
FIRST_BLOCKS = "    blocks:\n      - kind: paragraph\n        text:\n          zh: >-\n            2026"
ROCKET = '    icon: rocket'
CASES = [
    ("root is a list", "- id: x\n- date: 2026-01-01\n",
     [f"{F}:1: expected a mapping of id, date, url, meta, labels, sections, cover, closing, layers, tags, "
      "regions, figures, end, found a list"]),
    ("root is a scalar", "just some words\n",
     [f"{F}:1: expected a mapping of id, date, url, meta, labels, sections, cover, closing, layers, tags, "
      "regions, figures, end, found str 'just some words'"]),
    ("top-level typo", sub("sections:\n", "sectons:\n"),
     [f"{F}:{line_of('sections:')}: sectons: unknown field 'sectons' (did you mean 'sections'?)"]),
    ("id not usable in file names", sub("id: china-ai-map-2026", "id: China AI Map"),
     [f"{F}:7: id: id 'China AI Map' must be lower-case letters, digits and hyphens (it names the output files)"]),
    ("address is not a web address", sub("url: https://svtr.ai/reports/china-ai-map-2026", "url: svtr dot ai"),
     [f"{F}:9: url: 'svtr dot ai' is not a web address (expected https://…, no spaces or control characters)"]),
    ("address is a local file", sub("url: https://svtr.ai/reports/china-ai-map-2026", "url: file:///etc/passwd"),
     [f"{F}:9: url: 'file:///etc/passwd' is not a web address (expected https://…, no spaces or control characters)"]),
    ("blocks is not a list", sub("    blocks:\n      - kind: paragraph\n        text:\n          zh: >-\n            2026",
                                 "    blocks: paragraph\n    junk:\n      - kind: paragraph\n        text:\n          zh: >-\n            2026"),
     [f"{F}:{line_of(FIRST_BLOCKS)}: sections[0].blocks: expected a list, found str 'paragraph'",
      f"{F}:{line_of(FIRST_BLOCKS) + 1}: sections[0].junk: unknown field 'junk' (expected one of: blocks, heading, "
      "id, slide)"]),
    ("block without kind", sub("      - kind: quote\n", "      - \n"),
     [f"{F}:{line_of('      - kind: quote') + 1}: sections[4].blocks[2]: missing field 'kind' "
      "(one of: cards, figure, paragraph, quote, share, stats)"]),
    ("stat value is yes/no", sub('{value: "7", label', "{value: yes, label"),
     [f"{F}:{line_of(SEVEN)}: cover[0].items[3].value: expected text, found bool 'yes'"]),
    ("unknown figure kind", sub("    kind: layers\n", "    kind: pie\n"),
     [f"{F}:{line_of('    kind: layers')}: figures[1].kind: unknown kind 'pie' (expected one of: comparison, hub, layers)"]),
    ("hub without its centre", sub("      center: {zh: 中国AI生态, en: China AI Ecosystem}\n", ""),
     [f"{F}:{line_of('      center:')}: figures[0].data.center: missing field 'center'"]),
    ("hub names a missing region", sub("regions: [awe, suzhou, xuhui, maqiao, zhangjiang, lingang]",
                                       "regions: [awe, suzhou, xuhui, maqiao, zhangjiang, lingan]"),
     [f"{F}:{line_of('regions: [awe, suzhou, xuhui')}: figures[0].data.regions[5]: no region with id 'lingan' "
      "(known: awe, suzhou, xuhui, maqiao, zhangjiang, lingang)"]),
    ("structure names a missing layer", sub("layers: [application, model, foundation]",
                                            "layers: [application, models, foundation]"),
     [f"{F}:{line_of('layers: [application, model, foundation]')}: figures[1].data.layers[1]: no layer with id "
      "'models' (known: application, model, foundation)"]),
    ("tag names a missing layer", sub("label: {zh: 基础层, en: Foundation}, layer: foundation}",
                                      "label: {zh: 基础层, en: Foundation}, layer: base}"),
     [f"{F}:{line_of('{id: foundation, label')}: tags[4].layer: no layer with id 'base' "
      "(known: application, model, foundation)"]),
    ("duplicate key", sub("  contents: {zh: 目录, en: Contents}", "  contents: {zh: 目录, zh: 目录, en: Contents}"),
     [f"{F}:{line_of('  contents:')}: duplicate key 'zh'"]),
    ("tab indentation", sub("  contents: {zh: 目录, en: Contents}", "\tcontents: {zh: 目录, en: Contents}"),
     [f"{F}:{line_of('  contents:')}: YAML syntax error: line {line_of('  contents:')}, column 1: a tab: indent with "
      "spaces, not tabs"]),
    ("control character pasted", sub("AI技术快速进入消费产品，", "AI技术快速进入\x0b消费产品，"),
     [f"{F}:{line_of('AI技术快速进入消费产品，')}: invisible control character U+000B (delete it; it often comes "
      "with pasted text)"]),
    ("emoji in body text", sub("硬件与软件的融合速度", "硬件与软件🚀的融合速度"),
     [f'{F}:{line_of("硬件与软件的融合速度")}: sections[1].blocks[2].items[0].text.zh: no font covers "🚀" (U+1F680)']),
    ("rare character no font has", sub("政府角色从管理者", "政府角色𠀀从管理者"),
     [f'{F}:{line_of("政府角色从管理者")}: sections[1].blocks[2].items[1].text.zh: no font covers "𠀀" (U+20000)']),
    ("icon named outside the set", sub(ROBOT, '    icon: robot'),
     [f"{F}:{line_of(ROBOT)}: regions[3].icon: no drawn icon is named 'robot' (did you mean bot, robot-arm?): "
      "the names are Lucide's (README: Icons)"]),
    ("file over 2 MB", GOOD + "# " + "x" * 2_100_000 + "\n",
     [f"{F}: file is {len(GOOD.encode()) + 2_100_003:,} bytes; the limit is 2,000,000"]),
    ("nesting 60 levels deep", deep(60), [f"{F}:{GOOD.count(chr(10)) + 1}: nesting deeper than 40 levels"]),
    ("billion laughs", LAUGHS, [f"{F}:1: anchors and aliases (&, *) are not supported: write the value out"]),
    ("Latin-1 file", ("id: caf\xe9\n").encode("latin-1"),
     [f"{F}:1: file is not UTF-8 (byte 0xe9); it looks like Latin-1/Windows-1252: re-save it as UTF-8"]),
    ("blank translation", sub("{zh: 数据, en: Data}", '{zh: 数据, en: "   "}'),
     [f"{F}:{line_of('{zh: 数据, en: Data}')}: layers[2].items[2].en: missing English text"]),
    ("empty emphasis", sub("**互补与协同**", "****互补与协同"),
     [f"{F}:{line_of('**互补与协同**')}: sections[5].blocks[0].text.zh: empty emphasis ****"]),
    ("heading emphasis left open", sub("heading: {zh: 三个**结构性优势**", "heading: {zh: 三个**结构性优势"),
     [f"{F}:{line_of('heading: {zh: 三个')}: sections[3].heading.zh: unbalanced ** (emphasis must be opened and "
      "closed in the same text)"]),
    ("section without heading", sub("    heading: {zh: 系统化创新**生态**, en: A Systematic Innovation **Ecosystem**}\n", ""),
     [f"{F}:{line_of('  - id: ecosystem')}: sections[6].heading: missing field 'heading'"]),
    ("impossible date", sub("date: 2026-03-15", "date: 2026-02-30"),
     [f"{F}:8: date: expected a date (YYYY-MM-DD), found str '2026-02-30'"]),
    ("keywords not a list", sub("  keywords:\n    - {zh: 人工智能, en: artificial intelligence}\n",
                                "  keywords: 5\n  x:\n    - {zh: 人工智能, en: artificial intelligence}\n"),
     [f"{F}:18: meta.keywords: expected a list, found int '5'",
      f"{F}:19: meta.x: unknown field 'x' (expected one of: author, keywords, masthead, subtitle, title)"]),
    ("figure shown twice numbering", sub("        figure: industry-structure", "        figure: nothing-here"),
     [f"{F}:{line_of('        figure: industry-structure')}: sections[2].blocks[1].figure: no figure with id "
      "'nothing-here' (known: innovation-map, industry-structure, collaboration)"]),
    # The placement table: a block where its kind cannot stand, one too many on the cover.
    ("cards on the cover", sub("cover:\n", "cover:\n  - kind: cards\n    items:\n      - region: awe\n"
                                           "        text: {zh: 封面卡片, en: A cover card}\n"),
     [f"{F}:{line_of(chr(10) + 'cover:' + chr(10)) + 2}: cover[0]: a cards block cannot stand in the cover (it can in: section)"]),
    ("two stats blocks on the cover", sub("cover:\n", "cover:\n  - kind: stats\n    items:\n"
                                                      "      - {value: '1', label: {zh: 天, en: Day}}\n"),
     [f"{F}:{line_of(chr(10) + 'cover:' + chr(10)) + 5}: cover[1]: the cover holds at most one stats block"]),
    ("figure placed twice", sub("        figure: collaboration\n", "        figure: collaboration\n"
                                "      - kind: figure\n        figure: innovation-map\n"),
     [f"{F}:{line_of('        figure: collaboration') + 2}: sections[5].blocks[2].figure: figure 'innovation-map' is "
      "already placed at sections[1].blocks[1]"]),
    ("empty list of regions", sub("      regions: [awe, suzhou, xuhui, maqiao, zhangjiang, lingang]", "      regions: []"),
     [f"{F}:{line_of('      regions: [awe, suzhou')}: figures[0].data.regions: 'regions' is empty (list at least one)"]),
    ("tag never used", sub("  - {id: global, label: {zh: 国际化, en: Global}}\n",
                           "  - {id: global, label: {zh: 国际化, en: Global}}\n  - {id: spare, label: {zh: 备用, en: Spare}}\n"),
     [f"{F}:{line_of('  - {id: global, label') + 1}: tags[6].id: tag 'spare' is defined but never used (use it or delete it)"]),
    # Content is text, never code; values within the limits the outputs can take.
    ("nesting 600 levels deep", GOOD + "x: " + "[" * 600 + "]" * 600 + "\n",
     [f"{F}:{GOOD.count(chr(10)) + 1}: nesting deeper than 40 levels"]),
    ("escaped NUL inside a string", sub("  contents: {zh: 目录,", '  contents: {zh: "目\\0录",'),
     [f"{F}:{line_of('  contents: {zh: 目录,')}: labels.contents.zh: invisible control character U+0000 "
      "(delete it; it often comes with pasted text)"]),
    ("a date no file can carry", sub("date: 2026-03-15", "date: 9999-12-31"),
     [f"{F}:{line_of('date: 2026-03-15')}: date: 9999-12-31 is out of range (a year from 1980 to 2099)"]),
    ("an icon of joiners only", sub(ROCKET, '    icon: "\\u200d\\ufe0f"'),
     [f"{F}:{line_of(ROCKET)}: regions[0].icon: icon draws nothing (only invisible characters): "
      "name a drawn icon, like rocket"]),
    ("an address too long for a QR code", sub("url: https://svtr.ai/reports/china-ai-map-2026",
                                              "url: https://svtr.ai/" + "r" * 2500),
     [f"{F}:{line_of('url: https://svtr.ai')}: url: the address is 2516 characters; at most 300 fit a QR code a "
      "phone reads"]),
    ("a caption placeholder misspelt", own_caption("Figure {numbr}: {title}"),
     [f"{F}:{line_of(CONTENTS)}: labels.figure_caption.en: unknown placeholder {{numbr}} (placeholders: {{number}}, "
      "{title})"]),
    ("a positional caption placeholder", own_caption("Figure {0}: {title}"),
     [f"{F}:{line_of(CONTENTS)}: labels.figure_caption.en: unknown placeholder {{0}} (placeholders: {{number}}, "
      "{title})"]),
    ("an id too long for a file name", sub("id: china-ai-map-2026", "id: " + "a" * 250),
     [f"{F}:{line_of('id: china-ai-map-2026')}: id: id is 250 characters; at most 64 (it names the output files)"]),
    ("a bidirectional override", sub("{zh: 芯片, en: Chips}", "{zh: 芯片, en: \"Ch\\u202eips\"}"),
     [f"{F}:{line_of('{zh: 芯片, en: Chips}')}: layers[2].items[0].en: bidirectional control character U+202E "
      "(delete it: it reorders the text around it invisibly)"]),
    ("a label of 5,000 characters", sub("{zh: 芯片, en: Chips}", "{zh: 芯片, en: " + "Chips " * 833 + "}"),
     [f"{F}:{line_of('{zh: 芯片, en: Chips}')}: layers[2].items[0].en: text is 4,997 characters; at most 120 here"]),
    ("caption pattern reaching into Python", own_caption("Figure {title.__class__}"),
     [f"{F}:{line_of(CONTENTS)}: labels.figure_caption.en: unknown placeholder {{title.__class__}} "
      "(placeholders: {number}, {title})"]),
]

TITLE = "中国AI创新：六种范式，一个系统化生态"
CASES.append(("slide title too long for its slide even at its floor",
              sub(f"title: {{zh: {TITLE},", f"title: {{zh: {TITLE * 5},"),
              [f'{F}:{line_of(TITLE)}: sections[0].slide.title.zh: slide 3 (text): text does not fit even at 24 pt: '
               f'"{(TITLE * 5)[:60]}": shorten it (theme: slide-type-floor.title)']))

STRICT_CASES = [
    ("ASCII comma inside Chinese", sub("它们之间相互补充，", "它们之间相互补充,"),
     [f"{F}:{line_of('它们之间相互补充')}: sections[1].blocks[0].text.zh: ASCII ',' inside Chinese text (use '，')"]),
    ("unbalanced Chinese quotes", sub("“竞争”关系", "“竞争关系"),
     [f"{F}:{line_of('“竞争”关系')}: sections[5].blocks[0].text.zh: unbalanced “”"]),
    ("stray space in Chinese", sub("三者之间形成了", "三者之间 形成了"),
     [f"{F}:{line_of('三者之间形成了')}: sections[2].blocks[0].text.zh: space between Chinese characters: '间 形'"]),
    ("mixed Chinese-Latin spacing", sub("包括AWE上海", "包括 AWE上海"),
     [f"{F}:{line_of('包括AWE上海')}: sections[0].blocks[0].text.zh: spacing between Chinese and Latin letters "
      "changes within the text (space in some places, not in others)"]),
    ("a report's own caption format", own_caption("Fig. {number} — {title}"),
     [f"{F}:{line_of(CONTENTS)}: labels.figure_caption: figure captions follow the house "
      "style, the same in every report (theme.toml [formats] figure-caption: “图{number}：{title}” / “Figure {number}: "
      "{title}”); this report's own is not used: delete it, or change the theme for every report"]),
    ("an emoji as an icon", sub(ROCKET, '    icon: "🚀"'),
     [f"{F}:{line_of(ROCKET)}: regions[0].icon: the emoji 🚀 is drawn from the emoji face, in its own colours "
      "and weight, unlike the drawn icons: write icon: rocket"]),
    ("a flag as an icon", sub(ROBOT, '    icon: "🇨🇳"'),
     [f"{F}:{line_of(ROBOT)}: regions[3].icon: a flag as an icon (🇨🇳) reads as a statement about the place, and "
      "sides drawn as flags as a political one: name a drawn icon for what the column is (icon: landmark)"]),
    ("traditional forms in Simplified Chinese", sub("三者之间形成了", "三者之間形成了"),
     [f"{F}:{line_of('三者之间形成了')}: sections[2].blocks[0].text.zh: traditional forms in Simplified Chinese: 間→间"]),
]


@pytest.mark.parametrize("case", [f"{i:02d}-{c[0]}" for i, c in enumerate(CASES, 1)])
def test_bad_input(project, capsys, case):
    _, content, expected = CASES[int(case[:2]) - 1]
    lines = run_broken(project, capsys, content, ["build"])
    assert lines and all(line.startswith(f"{F}:") or line.startswith(f"{F}: ") for line in lines)
    assert lines == expected


@pytest.mark.parametrize("case", [f"{len(CASES) + i:02d}-{c[0]}" for i, c in enumerate(STRICT_CASES, 1)])
def test_typography_fails_with_strict(project, capsys, case):
    _, content, expected = STRICT_CASES[int(case[:2]) - len(CASES) - 1]
    assert run_broken(project, capsys, content, ["check", "--strict"]) == expected


def test_typography_only_warns_without_strict(project, capsys):
    project(STRICT_CASES[0][1])
    assert main(["check", "--quiet"]) == 0
    assert STRICT_CASES[0][2][0].replace(": ASCII", ": warning: ASCII") in capsys.readouterr().err


def test_the_suite_tries_at_least_30_inputs():
    print(f"bad inputs tried: {len(CASES) + len(STRICT_CASES)}")
    assert len(CASES) + len(STRICT_CASES) >= 30
