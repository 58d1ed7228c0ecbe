"""Parts of the web edition a reader meets before the page: the share cards' type fitting (every
word, never cut), where a display title may break, the stats' balanced rows, the figures' SVG
written compactly."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from aimap_publish.content import load_report
from aimap_publish.content.inline import plain
from aimap_publish.content.model import Text
from aimap_publish.editions import EDITIONS
from aimap_publish.fonts import load_policy
from aimap_publish.theme import load_theme
from aimap_publish import web
from conftest import REPORT, ROOT

LOADED = load_report(REPORT)
POLICY = load_policy(ROOT / "fonts" / "policy.toml")
THEME = load_theme()

LONG_TITLE = Text("长三角人工智能与先进制造**产业集群**发展地图：从研发到量产的完整闭环 2026",
                  "The Yangtze Delta **AI and Advanced Manufacturing** Cluster Map: the Complete Loop "
                  "from Research to Volume Production, 2026")
LONG_SUBTITLE = Text("一份关于上海、苏州、杭州、合肥与南京五座城市的实地考察报告，涵盖十二个园区、"
                     "四十余家企业与三所高校实验室的访谈记录",
                     "A field report on five cities (Shanghai, Suzhou, Hangzhou, Hefei and Nanjing) covering "
                     "twelve parks, more than forty companies and three university laboratories")


def context_for(title: Text, subtitle: Text, edition: str = "bilingual") -> web.WebContext:
    meta = dataclasses.replace(LOADED.report.meta, title=title, subtitle=subtitle)
    loaded = dataclasses.replace(LOADED, report=dataclasses.replace(LOADED.report, meta=meta))
    return web.WebContext(loaded, EDITIONS[edition], POLICY, THEME, {}, Path("/nonexistent"), Path("/nonexistent"))


def words(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


@pytest.mark.parametrize("size", [web.CARD_SIZE, web.SQUARE_SIZE])
@pytest.mark.parametrize("title, subtitle", [(LOADED.report.meta.title, LOADED.report.meta.subtitle),
                                             (LONG_TITLE, LONG_SUBTITLE)])
def test_a_share_card_shows_every_word_it_carries_inside_the_card(size, title, subtitle):
    plan = web.card_plan(context_for(title, subtitle), size)
    assert plan.fits
    from PIL import Image, ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (8, 8)))
    y = plan.top
    shown = {"title": [], "subtitle": [], "subtitle-alt": []}
    for index, (lines, face, line_h, role) in enumerate(plan.blocks):
        y += plan.gap if role == "subtitle" and index else 0
        text = "".join(piece for line in lines for piece, _ in line)
        shown[role].append(re.sub(r"\s+", "", text))
        for line in lines:
            assert draw.textlength("".join(piece for piece, _ in line), font=face) <= plan.width + 0.5
        y += len(lines) * line_h
    assert y <= plan.bottom
    assert shown["title"][0] == words(title.zh)                    # the title, whole
    for role, lang in (("subtitle", "zh"), ("subtitle-alt", "en")):
        assert all(text == words(subtitle[lang]) for text in shown[role])      # never cut with "…"
    if size == web.CARD_SIZE and title == LOADED.report.meta.title:
        assert len(shown["title"]) == 2 and shown["subtitle"] and shown["subtitle-alt"]   # all of it


def test_the_long_card_sets_its_type_smaller_then_leaves_out_the_second_subtitle_whole():
    short, long = (web.card_plan(context_for(t, s)) for t, s in
                   ((LOADED.report.meta.title, LOADED.report.meta.subtitle), (LONG_TITLE, LONG_SUBTITLE)))
    assert long.blocks[0][2] < short.blocks[0][2]           # the title's line height: a smaller step
    assert [role for *_, role in short.blocks] == ["title", "title", "subtitle", "subtitle-alt"]
    assert [role for *_, role in long.blocks] == ["title", "title", "subtitle"]     # never a cut one


def test_a_share_card_is_a_png_of_its_size():
    import io

    from PIL import Image

    for size in (web.CARD_SIZE, web.SQUARE_SIZE):
        image = Image.open(io.BytesIO(web.share_card(context_for(LONG_TITLE, LONG_SUBTITLE), size)))
        assert image.size == size and image.format == "PNG"


@pytest.mark.parametrize("title, breaks", [
    ("粤港澳大湾区AI硬件地图", ["粤港澳大湾区", "AI", "硬件地图"]),
    ("中国（上海）自由贸易试验区", ["中国", "（上海）", "自由贸易", "试验区"]),
    ("东数西算：算力网络2026", ["东数西算：", "算力网络", "2026"]),
    ("China AI Industry Map 2026", ["China ", "AI ", "Industry ", "Map ", "2026"]),
])
def test_a_display_title_breaks_only_between_words(title, breaks, tmp_path):
    assert web.phrases(title, tmp_path) == breaks
    assert "".join(web.phrases(title, tmp_path)) == title


def test_the_segmenter_keeps_its_index_in_the_projects_cache(tmp_path):
    web.phrases("长三角人工智能产业集群发展报告", tmp_path / "cache")
    html = web.display_html("中国AI**产业地图** 2026", tmp_path / "cache")
    assert str(html) == "中国<wbr>AI<wbr><strong>产业地图</strong><wbr> <wbr>2026"


@pytest.mark.parametrize("count, wide, phone", [
    (1, [1], [1]), (3, [3], [3]), (4, [4], [2, 2]), (5, [3, 2], [3, 2]), (6, [3, 3], [3, 3]),
    (7, [4, 3], [3, 2, 2]), (8, [4, 4], [3, 3, 2]), (9, [3, 3, 3], [3, 3, 3]),
])
def test_stats_sit_in_balanced_rows_that_fill_the_width(count, wide, phone):
    grid = web.stat_grid(count)
    for tracks, spans, rows in ((grid.tracks, grid.spans, wide), (grid.tracks_phone, grid.spans_phone, phone)):
        assert len(spans) == count and all(tracks % span == 0 for span in spans)
        laid, i = [], 0
        for row in rows:
            assert sum(spans[i:i + row]) == tracks          # each row fills the width
            laid.append(row)
            i += row
        assert i == count and max(laid) - min(laid) <= 1


def test_a_figures_svg_is_written_compactly_and_each_text_says_its_language():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 170.07874 100">\n <defs>\n  <style type="text/css">'
           '*{stroke-linejoin: round}</style>\n </defs>\n <g id="text_1">\n  <text style="font-size: 7px" '
           'x="85.03937" y="21.534724" transform="rotate(-0 85.03937 21.534724)">中国AI生态</text>\n </g>\n'
           ' <g id="text_2">\n  <text style="font-size: 7px" x="85.03937" y="35.028512">China AI</text>\n </g>\n'
           ' <path d="M 0 1.234567 \nL 170.07874 0 \nz\n" clip-path="url(#p27eecf212e)" style="fill: #ffffff"/>\n</svg>')
    out = web.compact(svg)
    assert '<text lang="zh-CN" style="font-size: 7px" x="85" y="21.5">中国AI生态</text>' in out
    assert '<text lang="en" style="font-size: 7px" x="85" y="35">China AI</text>' in out
    assert 'd="M 0 1.2 L 170.1 0 z"' in out and "clip-path" not in out and "rotate" not in out
    assert "<style" not in out and "<g" not in out
    styled, rules = web.styled([out, out])
    assert styled[0] == styled[1] and 'style="' not in styled[0]
    assert ".figure-svg .f0 { font-size: 7px }" in rules and web.SVG_DEFAULTS in rules
    assert 'lang="zh-CN"' in web.compact(svg, "zh-CN") and 'lang="en"' not in web.compact(svg, "zh-CN")
