"""Every limit README.md states ("Limits") is the one `check` holds a report to: a variant of
the shipped report at the limit passes, one over it fails with a line saying what and how many."""
from __future__ import annotations

import copy

import pytest
import yaml

from aimap_publish.cli import main
from conftest import REPORT

GOOD_TEXT = REPORT.read_text(encoding="utf-8")
GOOD = yaml.safe_load(GOOD_TEXT)


def t(i: int, zh: str = "第{}项", en: str = "Item {}") -> dict:
    return {"zh": zh.format(i), "en": en.format(i)}


def grow(items: list, n: int, make) -> None:
    """`items` made `n` long with new items (`make(i)`), or cut to `n`."""
    del items[n:]
    items += [make(i) for i in range(len(items), n)]


def new_regions(doc: dict, n: int, tag=lambda i: "synergy") -> list[str]:
    """`n` regions more, used by cards of a new section; their ids."""
    ids = [f"extra-{i}" for i in range(n)]
    doc["regions"] += [{"id": rid, "icon": "factory", "place": t(i, "园区{}", "Park {}"), "short": t(i, "园{}", "Park {}"),
                        "model": {"zh": "园区驱动", "en": "Park-driven"}, "summary": t(i, "第{}个园区", "Park number {}"),
                        "tag": tag(i)} for i, rid in enumerate(ids)]
    cards = [{"region": rid, "text": t(i, "园区{}的介绍。", "About park {}.")} for i, rid in enumerate(ids)]
    blocks = [{"kind": "cards", "items": cards[i:i + 24]} for i in range(0, len(cards), 24)]
    if blocks:
        doc["sections"].append({"id": "extra-parks", "heading": {"zh": "更多园区", "en": "More Parks"}, "blocks": blocks})
    return ids


def new_figures(doc: dict, figures: list[dict]) -> None:
    """`figures` added, each placed by a figure block of new sections (40 blocks at most each)."""
    doc["figures"] += figures
    blocks = [{"kind": "figure", "figure": f["id"]} for f in figures]
    for k in range(0, len(blocks), 40):
        doc["sections"].append({"id": f"extra-figures-{k}", "heading": t(k, "图表{}", "Figures {}"),
                                "blocks": blocks[k:k + 40]})


def new_layers(doc: dict, n: int) -> list[str]:
    ids = [f"extra-{i}" for i in range(n)]
    doc["layers"] += [{"id": lid, "name": t(i, "第{}层", "Layer {}"), "items": [t(i)]} for i, lid in enumerate(ids)]
    return ids


def sections(doc, n):
    grow(doc["sections"], n, lambda i: {"id": f"s{i}", "heading": t(i, "第{}章", "Part {}"),
                                        "blocks": [{"kind": "quote", "text": t(i, "第{}句。", "Line {}.")}]})


def blocks(doc, n):
    grow(doc["sections"][0]["blocks"], n, lambda i: {"kind": "quote", "text": t(i, "第{}句。", "Line {}.")})


def cover(doc, n):
    grow(doc["cover"], n, lambda i: {"kind": "quote", "text": t(i, "第{}句。", "Line {}.")})


def closing(doc, n):
    grow(doc["closing"], n, lambda i: {"kind": "quote", "text": t(i, "第{}句。", "Line {}.")})


def figures(doc, n):
    new_figures(doc, [{"id": f"extra-{i}", "kind": "layers", "title": t(i, "图表{}", "Figure {}"),
                       "data": {"layers": ["foundation"]}} for i in range(n - len(doc["figures"]))])


def regions(doc, n):
    new_regions(doc, n - len(doc["regions"]))


def layers(doc, n):
    ids = new_layers(doc, n - len(doc["layers"]))
    new_figures(doc, [{"id": f"extra-structure-{k}", "kind": "layers", "title": t(k, "结构{}", "Structure {}"),
                       "data": {"layers": ids[k:k + 8]}} for k in range(0, len(ids), 8)])


def tags(doc, n):
    """Each tag used by a region of its own, as far as the regions' limit allows (one over the
    tags' limit leaves a tag unused: not news beside the problem)."""
    more = n - len(doc["tags"])
    doc["tags"] += [{"id": f"extra-tag-{i}", "label": t(i, "标签{}", "Tag {}")} for i in range(more)]
    new_regions(doc, min(more, 50 - len(doc["regions"])), tag=lambda i: f"extra-tag-{i}")


def keywords(doc, n):
    grow(doc["meta"]["keywords"], n, lambda i: t(i, "关键词{}", "keyword {}"))


def hub_regions(doc, n):
    hub = doc["figures"][0]["data"]["regions"]
    hub += new_regions(doc, n - len(hub))[: n - len(hub)]


def figure_layers(doc, n):
    figure = doc["figures"][1]["data"]["layers"]
    figure += new_layers(doc, n - len(figure))


def flow(doc, n):
    grow(doc["figures"][1]["data"]["flow"], n, lambda i: t(i, "阶段{}", "Stage {}"))


def layer_items(doc, n):
    grow(doc["layers"][0]["items"], n, lambda i: t(i))


def columns(doc, n):
    grow(doc["figures"][2]["data"]["columns"], n, lambda i: {"name": t(i, "地区{}", "Area {}"),
                                                            "heading": t(i, "优势{}", "Strength {}"), "items": [t(i)]})


def column_items(doc, n):
    grow(doc["figures"][2]["data"]["columns"][0]["items"], n, lambda i: t(i))


def stats_block(doc, items: list[dict]) -> None:
    """A stats block of `items` after the first paragraph of the findings."""
    doc["sections"][0]["blocks"].insert(1, {"kind": "stats", "items": items})


def stats(doc, n):
    stats_block(doc, [{"value": str(i), "label": t(i, "第{}项", "Item {}")} for i in range(n)])


def cards(doc, n):
    grow(doc["sections"][1]["blocks"][2]["items"], n,
         lambda i: {"title": t(i, "卡片{}", "Card {}"), "text": t(i, "第{}张卡片。", "Card number {}.")})


def points(doc, n):
    grow(doc["sections"][0]["slide"]["points"], n, lambda i: t(i, "要点{}", "Point {}"))


def long(length: int, unit: str) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def text(doc, n):
    """The first paragraph of a section with a slide version: the slide shows the version."""
    doc["sections"][0]["blocks"][0]["text"] = {"zh": "创始人与团队见面。" * 20, "en": long(n, "Founders met the teams. ")}


def heading(doc, n):
    doc["sections"][0]["heading"]["en"] = long(n, "Key Findings ")


def title(doc, n):
    doc["sections"][1]["blocks"][2]["items"][0]["title"] = {"zh": "AWE", "en": long(n, "AWE Shanghai ")}
    del doc["sections"][1]["blocks"][2]["items"][0]["region"]


def stat_label(doc, n):
    stats_block(doc, [{"value": "30+", "label": {"zh": "AI创始人", "en": long(n, "AI Founders ")}}])


def figure_label(doc, n):
    doc["regions"][0]["summary"]["en"] = long(n, "AI rapidly entering consumer products ")


def stat_value(doc, n):
    stats_block(doc, [{"value": long(n, "7"), "label": {"zh": "天", "en": "Days"}}])


def report_id(doc, n):
    doc["id"] = "china-ai-map-" + long(n - len("china-ai-map-"), "2026")


def address(doc, n):
    doc["url"] = "https://svtr.ai/" + long(n - len("https://svtr.ai/"), "reports/")


def icon(doc, n):
    doc["regions"][0]["icon"] = "🚀" + "\ufe0f" * (n - 1)


LIMITS = [
    # (README's words, the variant, its limit, the field over it, the line saying so but for the count)
    ("100 sections", sections, 100, "sections", "{n} sections; at most 100 (see README: Limits)"),
    ("sections of at most 40 blocks", blocks, 40, "sections[0].blocks", "{n} blocks; at most 40 (see README: Limits)"),
    ("a cover of at most 6 blocks", cover, 6, "cover", "{n} blocks; at most 6 (what the cover page holds)"),
    ("a closing page of at most 6 blocks", closing, 6, "closing", "{n} blocks; at most 6 (what the closing page holds)"),
    ("50 figures", figures, 50, "figures", "{n} figures; at most 50 (see README: Limits)"),
    ("50 regions", regions, 50, "regions", "{n} regions; at most 50 (see README: Limits)"),
    ("12 layers", layers, 12, "layers", "{n} layers; at most 12 (see README: Limits)"),
    ("layers of at most 12 items", layer_items, 12, "layers[0].items", "{n} items; at most 12 (what a page and a slide hold)"),
    ("50 tags", tags, 50, "tags", "{n} tags; at most 50 (see README: Limits)"),
    ("20 keywords", keywords, 20, "meta.keywords", "{n} keywords; at most 20 (see README: Limits)"),
    ("a hub at most 16 regions", hub_regions, 16, "figures[0].data.regions",
     "{n} regions; at most 16 (a hub shows sixteen at readable sizes)"),
    ("a layers figure 8 layers", figure_layers, 8, "figures[1].data.layers", "{n} layers; at most 8 (layers stacked on one page)"),
    ("a 6-step flow", flow, 6, "figures[1].data.flow", "{n} steps; at most 6 (a flow across one page)"),
    ("a comparison 4 columns", columns, 4, "figures[2].data.columns", "{n} columns; at most 4 (columns side by side on a page)"),
    ("of 12 items", column_items, 12, "figures[2].data.columns[0].items", "{n} items; at most 12 (what a page and a slide hold)"),
    ("a stats block 8 stats", stats, 8, "sections[0].blocks[1].items", "{n} stats; at most 8 (two rows of four on a slide)"),
    ("each value at most 16 characters", stat_value, 16, "sections[0].blocks[1].items[0].value",
     "a stat value is {n} characters; at most 16"),
    ("a cards block 24 cards", cards, 24, "sections[1].blocks[2].items", "{n} cards; at most 24 (what a page and a slide hold)"),
    ("a slide version 4 points", points, 4, "sections[0].slide.points", "{n} points; at most 4 (what a slide says to the room)"),
    ("texts at most 4,000 characters", text, 4000, "sections[0].blocks[0].text.en", "text is {n:,} characters; at most 4,000 here"),
    ("a title at most 120", title, 120, "sections[1].blocks[2].items[0].title.en", "text is {n} characters; at most 120 here"),
    ("a heading at most 120", heading, 120, "sections[0].heading.en", "text is {n} characters; at most 120 here"),
    ("a stat's label at most 120", stat_label, 120, "sections[0].blocks[1].items[0].label.en",
     "text is {n} characters; at most 120 here"),
    ("labels inside the figures at most 120", figure_label, 120, "regions[0].summary.en",
     "text is {n} characters; at most 120 here"),
    ("ids 64 characters", report_id, 64, "id", "id is {n} characters; at most 64 (it names the output files)"),
    ("the report's address 300", address, 300, "url",
     "the address is {n} characters; at most 300 fit a QR code a phone reads"),
    ("an icon one emoji (at most 16 code points)", icon, 16, "regions[0].icon",
     "icon is {n} characters; name a drawn icon, like rocket, or give one emoji (at most 16 code points)"),
]


# What README.md's "Limits" says of each (its words, white space aside).
README_WORDS = {
    "100 sections": "at most 100 sections",
    "sections of at most 40 blocks": "of at most 40 blocks",
    "a cover of at most 6 blocks": "a cover and a closing page of at most 6 blocks each",
    "a closing page of at most 6 blocks": "a cover and a closing page of at most 6 blocks each",
    "layers of at most 12 items": "12 layers of at most 12 items",
    "12 layers": "12 layers of at most 12 items",
    "a comparison 4 columns": "a comparison 4 columns of 12 items",
    "of 12 items": "a comparison 4 columns of 12 items",
    "texts at most 4,000 characters": "texts: at most 4,000 characters",
    "each value at most 16 characters": "each value at most 16 characters (in each language)",
    **dict.fromkeys(["a title at most 120", "a heading at most 120", "a stat's label at most 120",
                     "labels inside the figures at most 120"],
                    "a title, a heading, a stat's label and the texts of regions, layers, tags and figures "
                    "(labels inside the figures) at most 120"),
}


def test_each_limit_tested_here_is_the_one_the_readme_states():
    readme = " ".join((REPORT.parents[1] / "README.md").read_text(encoding="utf-8").split())
    limits = readme[readme.index("### Limits"): readme.index("### Speed")]
    for words, *_ in LIMITS:
        assert README_WORDS.get(words, words) in limits, words
    for words in ("dates 1980–2099", "at most 2,000,000 bytes (2 MB) and 40 levels deep"):
        assert words in limits, words


def test_each_limit_check_holds_is_tested_here():
    from aimap_publish.content import checks, source

    assert sorted(most for most, _, _ in checks.LIST_LIMITS.values()) == sorted(
        most for _, _, most, _, message in LIMITS if message.startswith("{n} "))
    assert (checks.MAX_ID, checks.MAX_URL, checks.MAX_ICON, checks.MAX_STAT, checks.MAX_TEXT, checks.MAX_LABEL,
            checks.FIRST_YEAR, checks.LAST_YEAR, source.MAX_BYTES, source.MAX_DEPTH) == (
        64, 300, 16, 16, 4000, 120, 1980, 2099, 2_000_000, 40)


def check(project, capsys, content: str) -> tuple[int, list[str]]:
    """`check` on `content`: the exit code and the problem lines without their file and line."""
    project(content)
    code = main(["check", "--quiet"])
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1].startswith("aimap-publish: ") if lines else code == 0
    return code, [line.split(": ", 1)[1] for line in lines if not line.startswith("aimap-publish: ")]


def variant(make, n: int) -> str:
    doc = copy.deepcopy(GOOD)
    make(doc, n)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)




@pytest.mark.parametrize("words, make, most, path, message", LIMITS, ids=[case[0] for case in LIMITS])
def test_a_limit_at_its_value_passes(project, capsys, words, make, most, path, message):
    code, lines = check(project, capsys, variant(make, most))
    lines = [line for line in lines if "warning: the emoji" not in line]     # an emoji icon: warned of
    assert not [line for line in lines if line.startswith(f"{path}:")]        # the limit holds
    assert (code, lines) == (0, [])


@pytest.mark.parametrize("words, make, most, path, message", LIMITS, ids=[case[0] for case in LIMITS])
def test_one_over_a_limit_fails_saying_so(project, capsys, words, make, most, path, message):
    code, lines = check(project, capsys, variant(make, most + 1))
    assert code == 1
    assert lines == [f"{path}: {message.format(n=most + 1)}"]


@pytest.mark.parametrize("date, fails", [("1979-12-31", True), ("1980-01-01", False), ("2099-12-31", False),
                                         ("2100-01-01", True)])
def test_dates_from_1980_to_2099(project, capsys, date, fails):
    code, lines = check(project, capsys, GOOD_TEXT.replace("date: 2026-03-15", f"date: {date}"))
    assert (code, lines) == ((1, [f"date: {date} is out of range (a year from 1980 to 2099)"]) if fails else (0, []))


@pytest.mark.parametrize("size", [2_000_000, 2_000_001])
def test_the_report_file_at_most_2_mb(project, capsys, size):
    padding = size - len(GOOD_TEXT.encode()) - 3
    code, lines = check(project, capsys, GOOD_TEXT + "# " + "x" * padding + "\n")
    assert (code, lines) == ((1, [f"file is {size:,} bytes; the limit is 2,000,000"]) if size > 2_000_000 else (0, []))


@pytest.mark.parametrize("levels", [40, 41])
def test_the_report_file_at_most_40_levels_deep(project, capsys, levels):
    """Nothing in a report nests that deep: the limit is met or not before the fields are read."""
    code, lines = check(project, capsys, GOOD_TEXT + "extra: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n")
    assert code == 1
    deep = "nesting deeper than 40 levels"
    assert (deep in lines[0]) == (levels > 40), lines
