"""Hypothesis strategies that compose plausible bilingual reports from parts.

`reports()` draws a report as an analyst would write one: a cover with a few key numbers, one
to six sections of paragraphs, stats, cards, figures, quotes and share blocks, and a closing
page. Every text is a bilingual value whose Chinese is joined from industry phrases with
full-width punctuation and ends in 。, and whose English says it in full or condensed (always
with the same numbers, names and web addresses), 1–3 times as long, with typographic ’ and
“…”. What the report defines it uses exactly as `check` asks: each figure placed by one figure
block, each tag worn by a region, each region shown by a hub or a card, each layer drawn by a
layers figure. Lists stay within README "Limits" (a hub shows 3–16 regions).

The result is a plain dict, ready for yaml.safe_dump; nothing module-level is ever changed (the
pools are tuples, and every drawn part is a new dict).
"""
from __future__ import annotations

import datetime
import re
import string
from dataclasses import dataclass, field

from hypothesis import strategies as st

# --- The pools: (Chinese, English) pairs that translate each other. ----------------------------

# Industry nouns, the English plural and lower case where it is a common noun.
NOUNS = (
    ("产业园区", "industrial parks"), ("算力中心", "compute centres"), ("电池回收", "battery recycling"),
    ("机器人", "robots"), ("大模型", "large models"), ("晶圆制造", "wafer fabrication"),
    ("临床试验", "clinical trials"), ("智能工厂", "smart factories"), ("自动驾驶", "autonomous driving"),
    ("工业软件", "industrial software"), ("数据中心", "data centres"), ("储能电站", "storage plants"),
    ("无人机", "drones"), ("医疗影像", "medical imaging"), ("供应链", "supply chains"),
    ("创业公司", "start-ups"), ("风险投资", "venture capital"), ("高校实验室", "university labs"),
    ("芯片设计", "chip design"), ("传感器", "sensors"), ("新能源汽车", "electric vehicles"),
    ("光伏组件", "solar modules"), ("物流网络", "logistics networks"), ("开源软件社区", "open-source communities"),
    ("引导基金", "guidance funds"), ("生物医药", "biopharma"), ("智能终端", "smart devices"),
    ("AI芯片", "AI chips"), ("GPU集群", "GPU clusters"), ("工业机器人", "industrial robots"),
    ("液冷服务器", "liquid-cooled servers"), ("具身智能", "embodied AI"), ("Physical AI", "Physical AI"),
)
PLACES = (
    ("上海", "Shanghai"), ("苏州", "Suzhou"), ("深圳", "Shenzhen"), ("合肥", "Hefei"), ("杭州", "Hangzhou"),
    ("长三角地区", "the Yangtze Delta"), ("粤港澳大湾区", "the Greater Bay Area"), ("成都", "Chengdu"), ("北京", "Beijing"),
)
# Numbers the two languages state alike (the parity check reads 100亿元 and RMB 10 bn as one):
# growth, counts of companies, durations, sums of money, people.
GROWTH = (("35%", "35%"), ("七成", "70%"), ("12.5%", "12.5%"), ("四成", "40%"))
COUNTS = (("1,200家", "1,200"), ("十余家", "more than ten"), ("300多家", "more than 300"), ("86家", "86"))
DURATIONS = (("18个月", "18 months"), ("两周", "two weeks"), ("72小时", "72 hours"))
MONEY = (("100亿元", "RMB 10 bn"), ("2.3亿美元", "US$230 million"), ("50亿元", "RMB 5 billion"))
PEOPLE = (("5万人", "50,000 people"), ("3,000名工程师", "3,000 engineers"), ("两万人", "20,000 people"))
YEARS = (("2025年", "2025"), ("2026年", "2026"), ("2027年", "2027"))
SLOTS = dict(p=PLACES, y=YEARS, g=GROWTH, n=COUNTS, d=DURATIONS, m=MONEY, w=PEOPLE)

# Sentences: {a} {b} {c} nouns, {p} a place, {y} a year, {g} growth, {n} a count, {d} a
# duration, {m} money, {w} people. Each has two English versions, as translators write them: in
# full, and terse (an editor's condensed English, still with every number and name). A
# paragraph's English is 1–3 times as long as its Chinese.
SENTENCES = (
    ("{p}的{a}正在带动{b}快速发展。", "In {p}, {a} are driving the fast growth of {b}.", "In {p}, {a} lift {b}."),
    ("{a}与{b}深度融合，正在形成从研发到量产的完整闭环。",
     "{a} and {b} are merging into one loop from research to mass production.", "{a} and {b} now form one loop."),
    ("{y}，{p}的{a}规模增长了{g}。", "In {y}, {a} in {p} grew by {g}.", "{a} in {p}: up {g} in {y}."),
    ("越来越多的{a}开始进入{b}领域，并带来新的应用场景。", "More and more {a} are moving into {b}, opening new uses.",
     "{a} are entering {b}."),
    ("受访企业普遍认为，{a}是未来三年最重要的投资方向。",
     "The companies we met see {a} as their top investment for the next three years.", "Firms put {a} first."),
    ("截至{y}底，{p}已经聚集了{n}相关企业。", "By the end of {y}, {p} was home to {n} companies in the field.",
     "{p}: {n} firms by {y}."),
    ("这并非单点突破，而是{a}、{b}与{c}之间的系统协同。",
     "This is no single breakthrough but the synergy of {a}, {b} and {c}.", "{a}, {b} and {c} act as one."),
    ("“{a}的窗口期不会太长，”一位创始人对我们说。", "“The window for {a} will not stay open long,” one founder told us.",
     "“{a}: the window is short,” a founder said."),
    ("{p}的{a}已经是全国增长最快的领域之一。", "{p}’s {a} are now among China’s fastest-growing fields.",
     "{p}’s {a} grow fastest."),
    ("在政策与资本的共同推动下，{a}的交付周期缩短到{d}以内。",
     "Pushed by policy and capital, the lead time for {a} is down to {d}.", "{a} now ship within {d}."),
    ("{p}为{a}设立了规模{m}的引导基金。", "{p} has set up a {m} guidance fund for {a}.", "{p} set up a {m} fund for {a}."),
    ("{p}的{a}从业者已经超过{w}。", "More than {w} now work in {a} in {p}.", "{a} in {p}: over {w}."),
    ("与硅谷相比，{p}在{a}和{b}方面的优势更多来自制造业基础。",
     "Compared with Silicon Valley, {p}’s edge in {a} and {b} comes mostly from its manufacturing base.",
     "{p}’s edge in {a} and {b}: factories."),
    ("园区负责人表示，{a}的订单在{y}翻了一番。", "Park managers say orders for {a} doubled in {y}.",
     "{a} orders doubled in {y}."),
    ("{a}需要大量{b}，这也让{c}成为新的瓶颈。", "{a} need a great deal of {b}, which makes {c} the new bottleneck.",
     "{a} need {b}; {c} is the bottleneck."),
)
# A card text may end with the address its figures come from.
ADDRESS_SENTENCES = (
    ("完整名单见{u}。", "The full list is at {u}.", "List: {u}."),
    ("数据来源：{u}。", "Source: {u}.", "Source: {u}."),
    ("详细案例请访问{u}。", "Case studies are at {u}.", "Cases: {u}."),
)
ADDRESSES = ("https://example.org/parks/2026", "https://data.example.com/trials?year=2025",
             "https://svtr.ai/reports/robotics/", "http://example.net/compute-map")

# Innovation regions: place, short name, model of innovation, summary, icon.
REGIONS = (
    (("苏州工业园区", "Suzhou Industrial Park"), ("苏州", "Suzhou"), ("园区驱动", "Park-driven"),
     ("政策、资本与产业协同", "Policy, capital and industry in step"), "factory"),
    (("张江AI小镇", "Zhangjiang AI Town"), ("张江", "Zhangjiang"), ("产业链集群", "Full Stack"),
     ("从芯片到应用的完整产业链", "The whole chain from chips to applications"), "link"),
    (("徐汇模速空间", "Xuhui Model Speed Space"), ("徐汇", "Xuhui"), ("创业集群", "Startup Cluster"),
     ("大模型创业公司高度聚集", "A dense cluster of large-model start-ups"), "building"),
    (("马桥人工智能创新试验区", "Maqiao AI Innovation Zone"), ("马桥", "Maqiao"), ("机器人产业", "Robotics Hub"),
     ("AI进入物理世界", "AI entering the physical world"), "bot"),
    (("临港新片区", "Lingang New Area"), ("临港", "Lingang"), ("国际化平台", "Global Hub"),
     ("全球创新的入口", "A gateway for global innovation"), "globe"),
    (("合肥高新区", "Hefei High-tech Zone"), ("合肥", "Hefei"), ("国资引导", "State-capital Guided"),
     ("引导基金撬动产业集聚", "Guidance funds drawing industry together"), "battery"),
    (("杭州未来科技城", "Hangzhou Future Sci-Tech City"), ("杭州", "Hangzhou"), ("平台经济", "Platform Economy"),
     ("电商与云服务孵化AI应用", "E-commerce and cloud services incubating AI applications"), "building"),
    (("深圳南山科技园", "Shenzhen Nanshan Science Park"), ("深圳", "Shenzhen"), ("硬件生态", "Hardware Ecosystem"),
     ("大湾区的AI硬件生态", "The Greater Bay Area’s AI hardware ecosystem"), "smartphone"),
    (("北京海淀中关村", "Beijing Zhongguancun, Haidian"), ("北京", "Beijing"), ("科研驱动", "Research-driven"),
     ("高校与研究院的大模型研发", "Large-model research in universities and institutes"), "graduation-cap"),
    (("无锡物联网产业园", "Wuxi IoT Industrial Park"), ("无锡", "Wuxi"), ("传感网络", "Sensor Networks"),
     ("传感器与工业物联网的规模部署", "Sensors and the industrial Internet of Things at scale"), "radio-tower"),
    (("宁波前湾新区", "Ningbo Qianwan New Area"), ("宁波", "Ningbo"), ("智能制造", "Smart Manufacturing"),
     ("港口与工厂的自动化升级", "Automating the port and its factories"), "anchor"),
    (("常州机器人产业园", "Changzhou Robotics Park"), ("常州", "Changzhou"), ("机器人整机", "Robot Assembly"),
     ("机器人整机与核心零部件", "Complete robots and their core components"), "robot-arm"),
    (("成都天府软件园", "Chengdu Tianfu Software Park"), ("成都", "Chengdu"), ("软件服务", "Software Services"),
     ("西部的软件人才与游戏引擎", "Western China’s software talent and game engines"), "panda"),
    (("西安航天基地", "Xi’an Aerospace Base"), ("西安", "Xi’an"), ("航天应用", "Aerospace Applications"),
     ("遥感数据与卫星AI", "Remote-sensing data and satellite AI"), "satellite"),
    (("武汉光谷", "Wuhan Optics Valley"), ("武汉", "Wuhan"), ("光电产业", "Optoelectronics"),
     ("光通信与激光器件", "Optical communication and laser devices"), "lightbulb"),
    (("广州南沙", "Guangzhou Nansha"), ("南沙", "Nansha"), ("临床转化", "Clinical Translation"),
     ("生物医药与临床试验平台", "Biopharma and clinical-trial platforms"), "dna"),
)
# Layers of an industry structure and items on them (long-ish names, as figures must set).
LAYER_NAMES = (
    ("应用与整机层", "Applications & Complete Systems"), ("终端与传感层", "Devices & Sensing"),
    ("模型与软件层", "Models & Software"), ("芯片与数据层", "Chips & Data"), ("算力基础设施层", "Compute Infrastructure"),
    ("能源与材料层", "Energy & Materials"), ("行业解决方案层", "Industry Solutions"), ("资本与政策层", "Capital & Policy"),
)
ITEMS = (
    ("面向制造业的工业视觉检测", "Industrial vision inspection for manufacturing"),
    ("服务机器人", "Service robots"), ("多模态大模型训练与评测", "Multimodal model training and evaluation"),
    ("车规级AI芯片设计", "Automotive-grade AI chip design"), ("液冷数据中心", "Liquid-cooled data centres"),
    ("动力电池回收与梯次利用", "Battery recycling and second-life use"), ("晶圆制造", "Wafer fabrication"),
    ("临床试验数据平台", "Clinical-trial data platforms"), ("开源模型社区", "Open-source model communities"),
    ("工业物联网网关", "Industrial IoT gateways"), ("智能终端", "Smart devices"),
    ("自动驾驶仿真测试", "Autonomous-driving simulation and testing"), ("遥感数据服务", "Remote-sensing data services"),
    ("光伏组件与储能系统", "Solar modules and storage systems"), ("产业引导基金", "Industrial guidance funds"),
    ("AI服务器整机", "AI server systems"), ("医疗影像辅助诊断", "AI-assisted medical imaging"),
    ("供应链金融", "Supply-chain finance"), ("具身智能", "Embodied AI"), ("开发工具", "Developer tools"),
)
LAYERS_FIGURE_ITEMS = 24       # the items a layers figure always fits on a page (tests/test_figures.py)
FLOW = (("数据", "Data"), ("模型", "Models"), ("产品", "Products"), ("产业", "Industry"), ("资本", "Capital"),
        ("人才", "Talent"))
TAG_NAMES = (
    ("应用层", "Application"), ("产业协同", "Synergy"), ("模型层", "Model Layer"), ("Physical AI", "Physical AI"),
    ("基础层", "Foundation"), ("国际化", "Global"), ("资本引导", "Guided Capital"), ("硬件生态", "Hardware"),
)
# Stats: values as analysts write them, and labels of 2–12 Chinese characters and 1–6 English
# words (a label states no number, so the one value serves both languages).
STAT_VALUES = ("2,300 km", "RMB 10 bn", "PUE 1.15", "≥95%", "H200×1024", "1.8 MW", "30+", "50,000", "7",
               "35%", "US$5B", "120+", "3.2 GW", "<50 ms", "8×", "Top 3", "24/7", "2027", "¥120 bn")
STAT_LABELS = (
    ("天", "Days"), ("座城市", "Cities"), ("家企业", "Companies"), ("位AI创始人", "AI founders"),
    ("骨干光纤网络", "Backbone fibre network"), ("产业引导基金规模", "Size of the guidance funds"),
    ("数据中心平均能效", "Average data-centre efficiency"), ("国产芯片自给目标", "Domestic chip self-sufficiency target"),
    ("最大单体算力集群", "Largest single compute cluster"), ("单机柜功率上限", "Peak power per rack"),
    ("每年新增工程师数量", "New engineers trained every year"), ("园区内的机器人整机企业总数", "Complete-robot makers in the park"),
    ("端到端时延", "End-to-end latency"), ("储能装机", "Storage installed"), ("临床试验项目", "Clinical trials under way"),
)
HEADINGS = (
    ("核心**发现**", "Key **Findings**"), ("中国AI创新的**六种范式**", "Six Innovation **Paradigms**"),
    ("**三层**产业结构", "A **Three-layer** Industry Structure"), ("AI进入**物理世界**", "AI Entering the **Physical World**"),
    ("全球协作的**新格局**", "A New Map of Global **Collaboration**"), ("算力**基础设施**", "Compute **Infrastructure**"),
    ("**电池回收**的下一站", "What Comes Next for **Battery Recycling**"), ("临床试验**数字化**", "**Digital** Clinical Trials"),
    ("机器人**产业链**", "The Robotics **Supply Chain**"), ("展望", "Outlook"), ("方法与**数据来源**", "Methods and **Sources**"),
)
FIGURE_TITLES = (
    ("中国AI创新模式地图", "China AI Innovation Models Map"), ("区域算力布局", "Where the Compute Is"),
    ("产业结构", "Industry Structure"), ("从芯片到应用的产业链", "The Chain from Chips to Applications"),
    ("全球AI协作格局", "Global AI Collaboration Landscape"), ("三种发展路径", "Three Paths of Development"),
    ("机器人产业集群", "Robotics Clusters"),
)
HUB_CENTRES = (("中国AI生态", "China AI Ecosystem"), ("长三角AI版图", "The Yangtze Delta’s AI Map"),
               ("区域创新网络", "A Network of Regional Innovation"))
COLUMNS = (
    (("硅谷", "Silicon Valley"), "brain-circuit"), (("中国", "China"), "factory"), (("欧洲", "Europe"), "globe"),
    (("政府引导", "Government-led"), "landmark"), (("平台驱动", "Platform-driven"), "building"), (("科研驱动", "Research-driven"), "microscope"),
)
COLUMN_HEADINGS = (("核心优势领域", "Core Strengths"), ("特点", "Traits"), ("代表企业", "Leading Companies"))
BRIDGES = (("协同", "SYNERGY"), ("互补", "Complement"), ("对比", "Versus"))
CARD_TITLES = (
    ("AI与产业深度融合", "Deep Industry Integration"), ("创新集群效应", "Cluster Network Effects"),
    ("完整供应链能力", "End-to-end Supply Chain"), ("电池回收", "Battery Recycling"), ("算力调度", "Compute Scheduling"),
    ("临床试验提速", "Faster Clinical Trials"), ("晶圆制造扩产", "More Wafer Capacity"), ("人才回流", "Talent Coming Home"),
)
SLIDE_TITLES = (
    ("中国AI创新：六种范式，一个系统化生态", "Six paradigms, one systematic ecosystem"),
    ("三层架构：从技术到产品到产业的完整闭环", "Three layers: one loop from technology to industry"),
    ("AI正在走出屏幕，进入物理世界", "AI is moving beyond screens into the physical world"),
    ("算力正在向能源充足的地区迁移", "Compute is moving to where the power is"),
)
POINTS = (
    ("中国AI创新并非单一模式", "China’s AI innovation is not monolithic"),
    ("六种创新范式共同构成系统化的产业生态", "Six paradigms together form a systematic industrial ecosystem"),
    ("具备从基础研究到规模量产的完整能力", "Complete capability from research to mass production"),
    ("电池回收的规模增长了35%", "Battery recycling grew by 35%"),
    ("产业园区提供政策与资本", "Industrial parks bring policy and capital"),
    ("机器人订单在2025年翻了一番", "Robot orders doubled in 2025"),
)
SHARES = (
    (("微信扫码分享", "Scan to Share on WeChat"), ("打开微信扫一扫，分享给好友", "Open WeChat and scan to share")),
    (("把这份报告分享给同事", "Share This Report with a Colleague"),
     ("用手机扫码，在浏览器中打开", "Scan with your phone to open it in a browser")),
)
QUOTES = (
    ("Physical AI可能是未来十年AI产业最大的增长方向之一。",
     "Physical AI may be one of the largest growth areas in AI over the next decade."),
    ("真正的优势来自各层之间的**协同**，而不是任何一层的单点突破。",
     "The real advantage comes from the **synergy** between the layers, not from a breakthrough in any one of them."),
    ("“AI不只在一个地方发生。”", "“AI doesn’t happen in just one place.”"),
)
SUBTITLES = (
    ("SVTR全球AI创始人中国行观察报告", "SVTR Global AI Founders China Tour — Field Observations"),
    ("十个城市、四个产业层：AI如何在中国各地生根的实地观察",
     "Ten cities, four industry layers: a field report on how AI takes root across China’s regions"),
    ("算力、能源与机器人：长三角产业观察", "Compute, energy and robots: notes from the Yangtze Delta"),
)

# Where each kind may stand (placement.py), as weights of what an analyst writes most.
SECTION_KINDS = ("paragraph",) * 4 + ("stats", "cards", "cards", "figure", "figure", "quote", "share")
COVER_KINDS = ("paragraph", "quote")
CLOSING_KINDS = ("paragraph", "stats", "quote")


def text(zh: str, en: str) -> dict:
    """One bilingual value, a new dict each time."""
    return {"zh": zh, "en": en}


def capitalised(sentence: str) -> str:
    """The sentence with its first letter upper case (after an opening quote)."""
    match = re.search(r"[A-Za-z]", sentence)
    if match is None:
        return sentence
    i = match.start()
    return sentence[:i] + sentence[i].upper() + sentence[i + 1:]


def chooser(draw):
    """`choose(pool)`: one element of the pool, drawn (the composers below take any chooser,
    so a seeded random.Random().choice makes the same kinds of text without Hypothesis)."""
    return lambda pool: draw(st.sampled_from(pool))


def compose_sentence(choose, templates=SENTENCES) -> tuple[str, str, str]:
    """One sentence: its Chinese, its English in full and terse, the slots filled alike."""
    zh, *ens = choose(templates)
    pools = {**SLOTS, "u": tuple((a, a) for a in ADDRESSES)}
    pairs: dict[str, tuple[str, str]] = {}
    for slot in (name for _, name, _, _ in string.Formatter().parse(zh) if name):
        nouns = tuple(n for n in NOUNS if n not in pairs.values())
        pairs[slot] = choose(nouns if slot in "abc" else pools[slot])
    return (fill(zh, pairs, 0), *(capitalised(fill(en, pairs, 1)) for en in ens))


def fill(template: str, pairs: dict[str, tuple[str, str]], lang: int) -> str:
    """The template with each slot filled by its pair's Chinese (0) or English (1)."""
    return template.format(**{slot: pair[lang] for slot, pair in pairs.items()})


def compose_paragraph(choose, count: int, address: bool = False, emphasis: bool = True) -> dict:
    """`count` sentences joined in both languages, the English 1–3 times as long as the
    Chinese; an address sentence at the end when `address`; sometimes the first emphasised."""
    sentences = [compose_sentence(choose) for _ in range(count)]
    if address:
        sentences.append(compose_sentence(choose, ADDRESS_SENTENCES))
    terse = [choose((False, True)) for _ in sentences]
    zh = "".join(s[0] for s in sentences)
    en = within_ratio(zh, sentences, terse)
    if emphasis and choose((False, False, False, True)):
        zh, en = emphasised(zh, sentences[0][0]), emphasised(en, en.split(". ")[0])
    return text(zh, en)


@st.composite
def paragraph_text(draw, least: int = 1, most: int = 5, address: bool = False, emphasis: bool = True) -> dict:
    return compose_paragraph(chooser(draw), draw(st.integers(least, most)), address, emphasis)


def within_ratio(zh: str, sentences: list[tuple[str, str, str]], terse: list[bool]) -> str:
    """The English, its sentences in full or terse as drawn, then made terse (or full) one by
    one until it is 1–3 times as long as the Chinese."""
    english = lambda: " ".join(s[1 + t] for s, t in zip(sentences, terse))  # noqa: E731
    for i in range(len(terse)):
        if len(english()) <= 3 * len(zh):
            break
        terse[i] = True
    for i in range(len(terse)):
        if len(english()) >= len(zh):
            break
        terse[i] = False
    return english()


def emphasised(whole: str, first: str) -> str:
    """`whole` with its first sentence (less its end mark) marked **…**."""
    body = first.rstrip("。.")
    return f"**{body}**{whole[len(body):]}"


def pick(pool) -> st.SearchStrategy[dict]:
    """A pair of the pool as a bilingual value."""
    return st.sampled_from(pool).map(lambda pair: text(*pair))


# --- The report as it is drawn: what is defined, to be used exactly once or more. -------------


@dataclass
class Defined:
    """Regions, tags, layers and figures drawn so far, and which regions a hub or card shows."""

    regions: list[dict]
    tags: list[dict] = field(default_factory=list)
    layers: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)

    def region_ids(self) -> list[str]:
        return [r["id"] for r in self.regions]


def slug(english: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")


@st.composite
def regions_and_tags(draw) -> Defined:
    """None, or 3–16 regions of the pool, each wearing one of 1–6 tags, each tag worn."""
    count = draw(st.just(0) | st.integers(3, 16))
    chosen = draw(st.permutations(REGIONS))[:count]
    regions = [region(entry, draw(st.booleans())) for entry in chosen]
    defined = Defined(regions)
    if not regions:
        return defined
    tag_count = draw(st.integers(1, min(6, count)))
    names = draw(st.permutations(TAG_NAMES))[:tag_count]
    defined.tags = [{"id": slug(en), "label": text(zh, en)} for zh, en in names]
    for i, r in enumerate(regions):       # each tag worn by one region at least
        r["tag"] = defined.tags[i % tag_count]["id"] if i < tag_count else draw(st.sampled_from(defined.tags))["id"]
    return defined


def region(entry, with_icon: bool) -> dict:
    place, short, model, summary, icon = entry
    found = {"id": slug(short[1]), "place": text(*place), "short": text(*short), "model": text(*model),
             "summary": text(*summary)}
    if with_icon:
        found["icon"] = icon
    return found


# --- Blocks. ------------------------------------------------------------------------------------


@st.composite
def slide_version(draw) -> dict:
    points = draw(st.lists(st.sampled_from(POINTS), min_size=1, max_size=4, unique=True))
    return {"title": draw(pick(SLIDE_TITLES)), "points": [text(*p) for p in points]}


@st.composite
def paragraph_block(draw) -> dict:
    block = {"kind": "paragraph", "text": draw(paragraph_text())}
    if draw(st.integers(0, 4)) == 0:
        block["slide"] = draw(slide_version())
    return block


@st.composite
def stats_block(draw, least: int = 1, most: int = 6) -> dict:
    count = draw(st.integers(least, most))
    values = draw(st.lists(st.sampled_from(STAT_VALUES), min_size=count, max_size=count))
    labels = draw(st.lists(st.sampled_from(STAT_LABELS), min_size=count, max_size=count, unique=True))
    return {"kind": "stats", "items": [{"value": v, "label": text(*label)} for v, label in zip(values, labels)]}


@st.composite
def quote_block(draw) -> dict:
    quote = draw(st.one_of(pick(QUOTES), paragraph_text(1, 2, emphasis=False)))
    return {"kind": "quote", "text": quote}


@st.composite
def share_block(draw) -> dict:
    title, hint = draw(st.sampled_from(SHARES))
    return {"kind": "share", "title": text(*title), "hint": text(*hint)}


@st.composite
def cards_block(draw, defined: Defined) -> dict:
    """1–20 cards: region cards (each region once in the block) and cards with their own title;
    some texts end with a web address."""
    count = draw(st.integers(1, 20))
    regions = draw(st.permutations(defined.region_ids()))
    titles = draw(st.permutations(CARD_TITLES))
    items = []
    for _ in range(count):
        if regions and (not titles or draw(st.booleans())):
            card = {"region": regions.pop()}
            defined.shown.add(card["region"])
        elif titles:
            card = {"title": text(*titles.pop())}
        else:
            break
        card["text"] = draw(paragraph_text(1, 3, address=draw(st.integers(0, 4)) == 0))
        items.append(card)
    block = {"kind": "cards", "items": items}
    if draw(st.integers(0, 4)) == 0:
        block["slide"] = draw(slide_version())
    return block


@st.composite
def figure_block(draw, defined: Defined, kind: str | None = None) -> dict:
    """A new figure (of `kind`, or of a kind the regions and layers left allow), placed by
    this block."""
    kinds = ["comparison"]
    if len(defined.regions) >= 3:
        kinds.append("hub")
    if len(defined.layers) <= 12 - 2:
        kinds.append("layers")
    kind = kind or draw(st.sampled_from(kinds))
    number = len(defined.figures) + 1
    title = text(*draw(st.sampled_from(FIGURE_TITLES)))
    data = draw({"hub": hub_data, "layers": layers_data, "comparison": comparison_data}[kind](defined))
    defined.figures.append({"id": f"figure-{number}", "kind": kind, "title": title, "data": data})
    return {"kind": "figure", "figure": f"figure-{number}"}


@st.composite
def hub_data(draw, defined: Defined) -> dict:
    ids = defined.region_ids()
    count = draw(st.integers(3, min(16, len(ids))))
    chosen = draw(st.permutations(ids))[:count]
    defined.shown.update(chosen)
    return {"center": draw(pick(HUB_CENTRES)), "regions": chosen}


@st.composite
def layers_data(draw, defined: Defined) -> dict:
    """2–6 new layers (at most 12 in the report) of 1–8 items, at most LAYERS_FIGURE_ITEMS in
    all (what a page holds whatever their length: README "Limits"); layers may name their regions."""
    count = draw(st.integers(2, min(6, 12 - len(defined.layers))))
    most = min(8, LAYERS_FIGURE_ITEMS // count)
    names = draw(st.permutations(LAYER_NAMES))[:count]
    ids = []
    for zh, en in names:
        layer_id = f"{slug(en)}-{len(defined.layers) + 1}"
        items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=most, unique=True))
        layer = {"id": layer_id, "name": text(zh, en), "items": [text(*item) for item in items]}
        if defined.regions and draw(st.booleans()):
            layer["regions"] = draw(st.lists(st.sampled_from(defined.region_ids()), min_size=1, max_size=3,
                                             unique=True))
        defined.layers.append(layer)
        ids.append(layer_id)
    data = {"layers": ids}
    if draw(st.booleans()):
        data["flow"] = [text(*step) for step in draw(st.permutations(FLOW))[:draw(st.integers(2, 6))]]
    return data


@st.composite
def comparison_data(draw, defined: Defined) -> dict:
    count = draw(st.integers(2, 4))
    heading = draw(st.sampled_from(COLUMN_HEADINGS))
    columns = []
    for name, icon in draw(st.permutations(COLUMNS))[:count]:
        items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=8, unique=True))
        column = {"name": text(*name), "heading": text(*heading), "items": [text(*i) for i in items]}
        if draw(st.booleans()):
            column["icon"] = icon
        columns.append(column)
    data = {"columns": columns}
    if draw(st.booleans()):
        data["bridge"] = draw(pick(BRIDGES))
    return data


@st.composite
def section_block(draw, defined: Defined) -> dict:
    kind = draw(st.sampled_from(SECTION_KINDS))
    if kind == "cards" and not defined.regions and draw(st.booleans()):
        kind = "paragraph"
    makers = {"paragraph": paragraph_block(), "stats": stats_block(), "quote": quote_block(),
              "share": share_block(), "cards": cards_block(defined), "figure": figure_block(defined)}
    return draw(makers[kind])


@st.composite
def section(draw, defined: Defined, number: int) -> dict:
    heading = draw(pick(HEADINGS))
    blocks = [draw(section_block(defined)) for _ in range(draw(st.integers(1, 6)))]
    found = {"id": f"section-{number}", "heading": heading, "blocks": blocks}
    if draw(st.integers(0, 3)) == 0:
        found["slide"] = draw(slide_version())
    return found


@st.composite
def show_the_rest(draw, defined: Defined, sections: list[dict]) -> None:
    """Regions no hub or card has shown yet get a card each, in the last section: a region
    defined and never shown would be missing from every output."""
    rest = [r["id"] for r in defined.regions if r["id"] not in defined.shown]
    if rest:
        cards = [{"region": rid, "text": draw(paragraph_text(1, 2))} for rid in rest]
        sections[-1]["blocks"].append({"kind": "cards", "items": cards})
        defined.shown.update(rest)


@st.composite
def tag_layers(draw, defined: Defined) -> None:
    """Some tags take a layer's colour by naming it."""
    for tag in defined.tags:
        if defined.layers and draw(st.booleans()):
            tag["layer"] = draw(st.sampled_from(defined.layers))["id"]


# --- The report. --------------------------------------------------------------------------------


@st.composite
def labels(draw) -> dict:
    """The layouts' words (captions' and folios' formats are the house's: the theme's)."""
    found = {
        "contents": draw(pick((("目录", "Contents"), ("本期目录", "In This Issue")))),
    }
    if draw(st.booleans()):
        found["figures"] = text("图表", "Figures")
    if draw(st.booleans()):
        found["languages"] = {"label": text("语言", "Language"), "chinese": text("中文", "中文"),
                              "english": text("English", "English"), "both": text("双语", "Bilingual")}
    return found


@st.composite
def meta(draw, year: int) -> dict:
    found = {
        "masthead": text(f"SVTR Research · {year}", f"SVTR Research · {year}"),
        "title": draw(pick(((f"中国AI**产业地图** {year}", f"China AI **Industry Map** {year}"),
                            (f"长三角**算力与机器人** {year}", f"Yangtze Delta **Compute and Robots** {year}"),
                            ("电池回收**产业观察**", "Battery Recycling: **Field Notes**")))),
        "subtitle": draw(pick(SUBTITLES)),
        "author": draw(pick((("SVTR（硅谷科技评论）", "SVTR Research"), ("长三角研究", "Delta Research")))),
    }
    if draw(st.booleans()):
        found["keywords"] = [text(*pair) for pair in draw(st.lists(st.sampled_from(NOUNS), min_size=1, max_size=5,
                                                                    unique=True))]
    return found


@st.composite
def cover(draw) -> list[dict]:
    """The cover: a stats block of 2–6 stats, sometimes with a paragraph or a quote."""
    blocks = [draw(stats_block(2, 6))]
    for kind in draw(st.lists(st.sampled_from(COVER_KINDS), max_size=2)):
        block = draw(paragraph_block() if kind == "paragraph" else quote_block())
        blocks.insert(draw(st.integers(0, len(blocks))), block)
    return blocks


@st.composite
def closing(draw) -> list[dict]:
    """The closing page: at most one share block, with paragraphs, stats or quotes."""
    makers = {"paragraph": paragraph_block(), "stats": stats_block(1, 4), "quote": quote_block()}
    blocks = [draw(makers[kind]) for kind in draw(st.lists(st.sampled_from(CLOSING_KINDS), max_size=3))]
    if draw(st.booleans()):
        blocks.append(draw(share_block()))
    return blocks


@st.composite
def reports(draw, most_sections: int = 6) -> dict:
    """A valid, plausible bilingual report as a dict for yaml.safe_dump, of 1 to
    `most_sections` sections."""
    defined = draw(regions_and_tags())
    sections = [draw(section(defined, n)) for n in range(1, draw(st.integers(1, most_sections)) + 1)]
    if defined.regions and not defined.shown and draw(st.booleans()):
        sections[-1]["blocks"].append(draw(figure_block(defined, "hub")))
    draw(show_the_rest(defined, sections))
    draw(tag_layers(defined))
    name = draw(st.sampled_from(("china-ai-map", "delta-robotics", "compute-atlas", "battery-loop")))
    year = draw(st.integers(2024, 2030))
    report = {
        "id": f"{name}-{year}",
        "date": datetime.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28))),
        "url": f"https://example.org/reports/{name}-{year}",
        "meta": draw(meta(year)),
        "labels": draw(labels()),
        "cover": draw(cover()),
        "sections": sections,
        "closing": draw(closing()),
    }
    for name in ("layers", "tags", "regions", "figures"):
        if getattr(defined, name):
            report[name] = getattr(defined, name)
    return report


def shape(report: dict) -> list[str]:
    """What a report is made of, in words for Hypothesis' statistics (`event`)."""
    blocks = [b for s in report["sections"] for b in s["blocks"]]
    kinds = sorted({f["kind"] for f in report.get("figures", ())})
    cards = [len(b["items"]) for b in blocks if b["kind"] == "cards"]
    slides = any("slide" in x for x in [*report["sections"], *blocks])
    return [f"sections: {len(report['sections'])}", f"regions: {bucket(len(report.get('regions', ())))}",
            f"figures: {', '.join(kinds) or 'none'}", f"most cards in a block: {bucket(max(cards, default=0))}",
            f"slide versions: {'some' if slides else 'none'}",
            f"closing: {', '.join(b['kind'] for b in report['closing']) or 'empty'}"]


def bucket(count: int) -> str:
    for most, name in ((0, "0"), (3, "1-3"), (8, "4-8"), (12, "9-12"), (16, "13-16")):
        if count <= most:
            return name
    return "13+"
