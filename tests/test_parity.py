"""The bilingual parity check reads a translation as a translator would: correct translations
of numbers, names and addresses pass `check --strict`, a number or address really left out of
one language is still a warning, and a writer can accept one warning with `# check: ok`."""
from __future__ import annotations

import pytest

from aimap_publish.cli import main
from aimap_publish.content.addresses import find_addresses
from aimap_publish.content.typography import typography_warnings
from conftest import REPORT, run_broken

GOOD = REPORT.read_text(encoding="utf-8")
F = "data/report.yaml"


def warnings(zh: str, en: str) -> list[str]:
    return [f"{path}: {message}" for path, message in typography_warnings([("x.zh", zh), ("x.en", en)])]


TRANSLATIONS = [
    # Chinese numerals and scale words
    ("七成企业已部署", "70% of firms have deployed it"),
    ("三成", "30%"),
    ("两家公司", "2 companies"),
    ("十三个城市", "13 cities"),
    ("二十五家", "25 firms"),
    ("一百位创始人", "100 founders"),
    ("百分之三十", "30%"),
    ("5万人", "50,000 people"),
    ("3万元", "RMB 30,000"),
    ("3万元", "RMB30,000"),
    ("100亿元", "RMB 10 billion"),
    ("100亿元", "RMB 10 bn"),
    ("1.5亿用户", "150 million users"),
    ("2千台", "2,000 units"),
    ("两千台", "2 thousand units"),
    ("千亿级市场", "a hundred-billion market"),
    ("5家", "five"),
    ("八个", "eight"),
    ("十余家", "more than ten"),
    ("十余家", "10+ companies"),
    ("30+位创始人", "30+ founders"),
    ("30多位创始人", "30+ founders"),
    ("30+位创始人", "Over thirty founders"),
    ("二〇二六年", "in 2026"),
    # English number words
    ("12个月", "a dozen months"),
    ("230万", "2.3 million"),
    ("第1名", "first"),
    ("第十", "tenth"),
    ("1000位", "a thousand"),
    ("21家", "twenty-one"),
    ("10亿", "one billion"),
    ("90", "ninety"),
    # decades and months
    ("80年代", "the 1980s"),
    ("80年代", "the eighties"),
    ("2020年代", "the 2020s"),
    ("2026年3月", "March 2026"),
    ("3月", "March"),
    # Latin names: plurals, joiners, case
    ("GPU与NPU", "GPUs & NPUs"),
    ("CDMO企业", "CDMOs"),
    ("AI赋能的CDMO", "AI-powered CDMOs"),
    ("AI Agent平台", "platforms for AI agents"),
    ("SVTR观察", "SVTR’s observations"),
    # addresses
    ("详见https://example.org/trials。", "See https://example.org/trials."),
    ("https://example.org/trials查询正在招募的试验", "Recruiting trials: https://example.org/trials"),
    ("详见https://example.org/trials/", "See https://example.org/trials."),
    # figures with separators and units keep working
    ("2300公里", "2,300 km"),
    ("1.6 Tbps带宽", "1.6 Tbps of bandwidth"),
    ("PUE 1.15", "a PUE of 1.15"),
    ("7天", "7 Days"),
]


@pytest.mark.parametrize("zh, en", TRANSLATIONS, ids=[f"{zh}={en}" for zh, en in TRANSLATIONS])
def test_a_correct_translation_is_not_a_warning(zh, en):
    assert warnings(zh, en) == []


DROPS = [
    ("2025年营收增长35%", "Revenue grew in 2025", ["x.en: number '35%' of the Chinese text is missing here"]),
    ("七成", "60%", ["x.zh: number '60%' of the English text is missing here"]),
    ("5万人", "5,000 people", ["x.en: number '5万' of the Chinese text is missing here",
                               "x.zh: number '5,000' of the English text is missing here"]),
    ("30+位创始人", "Many founders", ["x.en: number '30+' of the Chinese text is missing here"]),
    ("2026年3月", "2026", ["x.en: number '3' of the Chinese text is missing here"]),
    ("详见https://example.org/trials。", "See the trial register.",
     ["x.en: web address 'https://example.org/trials' of the Chinese text is missing here"]),
    ("详见登记网站。", "See https://example.org/trials.",
     ["x.zh: web address 'https://example.org/trials' of the English text is missing here"]),
    ("详见https://example.org/a", "See https://example.org/b",
     ["x.en: web address 'https://example.org/a' of the Chinese text is missing here",
      "x.zh: web address 'https://example.org/b' of the English text is missing here"]),
    ("AWE上海", "Shanghai", ["x.en: 'AWE' of the Chinese text is missing here"]),
]


@pytest.mark.parametrize("zh, en, expected", DROPS, ids=[f"{zh}/{en}" for zh, en, _ in DROPS])
def test_what_one_language_really_lacks_is_still_a_warning(zh, en, expected):
    assert warnings(zh, en) == expected


@pytest.mark.parametrize("text, addresses", [
    ("详见https://example.org/trials。", ["https://example.org/trials"]),
    ("See https://example.org/trials.", ["https://example.org/trials"]),
    ("https://example.org/trials查询正在招募的试验", ["https://example.org/trials"]),
    ("（https://example.org/a?b=1&c=2）", ["https://example.org/a?b=1&c=2"]),
    ("(see https://example.org/x), and https://example.org/y; done!",
     ["https://example.org/x", "https://example.org/y"]),
    ("https://en.wikipedia.org/wiki/Mars_(planet).", ["https://en.wikipedia.org/wiki/Mars_(planet)"]),
    ("Is it https://example.org/v1.2?", ["https://example.org/v1.2"]),
])
def test_an_address_ends_where_the_sentence_or_the_chinese_goes_on(text, addresses):
    assert find_addresses(text) == addresses


# Lines of the shipped report, as the writer edits them.
POINT = '        - {zh: 每种模式代表一种独特的创新驱动逻辑, en: "Each represents a distinct innovation logic"}'
TITLE = '      title: {zh: 六种核心创新模式，相互补充, en: "Six core paradigms that complement each other"}'
PARAGRAPH = "          zh: >-\n            通过此次参访，SVTR将中国AI创新生态总结为六种核心创新模式。"
MASTHEAD = '  masthead: {zh: "SVTR Research · 2026.03", en: "SVTR Research · 2026.03"}'


def edited(*changes: tuple[str, str]) -> str:
    text = GOOD
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def line_of(needle: str, text: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_check_ok_comment_accepts_the_warnings_of_its_value_only(project, capsys):
    text = edited(
        (POINT, POINT.replace("每种模式", "35%的模式") + "  # check: ok, the English leaves the share out"),
        (TITLE, TITLE.replace("六种核心", "35%的核心")),
        (PARAGRAPH, PARAGRAPH.replace("zh: >-", "zh: >-  # check: ok").replace("通过", "35%通过")),
        (MASTHEAD, MASTHEAD.replace('en: "SVTR Research · 2026.03"', 'en: ""') + "  # check: ok"))
    assert run_broken(project, capsys, text, ["check", "--strict"]) == [
        f"{F}:{line_of('  masthead:', text)}: meta.masthead.en: missing English text",
        f"{F}:{line_of('35%的核心', text)}: sections[1].slide.title.en: "
        "number '35%' of the Chinese text is missing here"]


def test_a_report_whose_only_warning_is_accepted_passes_strict(project, capsys):
    project(edited((TITLE, TITLE.replace("六种核心", "35%的核心") + "  # check: ok")))
    assert main(["check", "--strict", "--quiet"]) == 0
    assert "warning" not in capsys.readouterr().err
