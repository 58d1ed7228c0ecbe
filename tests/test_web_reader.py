"""The web edition as a phone reader in WeChat meets it, for every report we have: the shipped
one, tests/fixtures/second and each report under tests/fixtures/corpus/ (a report added there is
checked unchanged). Each is built in its three editions and opened in Debian's Chromium (driven
by Playwright) in every language mode at three phone widths and a desktop's: the language the
reader chose is the only one shown, nothing pans sideways, display titles break between words,
stats sit in balanced rows, tap targets are 44 px, English lines stay under 45 em, a phone is
shown a share hint instead of a QR code to scan, the page weighs under a megabyte and axe-core
finds nothing serious."""
from __future__ import annotations

import shutil
import subprocess
import sys
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, shipped_copy, seed_cache
from test_web import AXE, CHROMIUM

FIXTURES = ROOT / "tests" / "fixtures"
EDITIONS = ("bilingual", "zh", "en")
PHONES = (320, 375, 414)
DESKTOP = 1280
MODES = ("zh", "en", "both")


def reports() -> dict[str, Path | None]:
    found: dict[str, Path | None] = {"shipped": None, "second": FIXTURES / "second"}
    for folder in sorted((FIXTURES / "corpus").glob("*/")):
        if (folder / "aimap.toml").is_file() or (folder / "report.yaml").is_file():
            found[f"corpus/{folder.name}"] = folder
    return found


REPORTS = reports()


def _build(project: Path, lang: str, out: Path) -> tuple[str, int, str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run([sys.executable, "-m", "aimap_publish", "web", "--quiet", "--lang", lang,
                             "--project", str(project), "--out", str(out)], cwd=project, capture_output=True,
                            text=True, env=env, timeout=600)
    return lang, result.returncode, result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory, warm_cache) -> dict[tuple[str, str], Path]:
    """(report, edition) -> the web edition's folder; the builds run two at a time."""
    base = tmp_path_factory.mktemp("readers")
    jobs = []
    for name, folder in REPORTS.items():
        project = base / name.replace("/", "-")
        if folder is None:
            shipped_copy(project, warm_cache)
        else:
            shutil.copytree(folder, project, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
            seed_cache(project, warm_cache)
        jobs += [(name, project, lang) for lang in EDITIONS]
    # one edition of each project first (its figures and fonts cached), then the other two
    firsts = [job for job in jobs if job[2] == "bilingual"]
    rest = [job for job in jobs if job[2] != "bilingual"]
    found = {}
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for batch in (firsts, rest):
            for (name, project, lang), (_, code, stderr) in zip(
                    batch, pool.map(lambda job: _build(job[1], job[2], job[1] / "dist"), batch)):
                assert code == 0, f"{name} {lang}: {stderr}"
                found[(name, lang)] = next((project / "dist").glob(f"*{'' if lang == 'bilingual' else '-' + lang}-web"))
    return found


def site_of(sites, name: str, edition: str) -> Path:
    """The edition's folder (the bilingual one's name has no language suffix)."""
    folder = sites[(name, edition)]
    if edition == "bilingual":
        assert not folder.name.endswith(("-zh-web", "-en-web"))
    return folder


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_site(browser, site: Path, width: int, query: str = "", height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto((site / "index.html").as_uri() + query)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page


def views(name: str):
    """(edition, mode) pairs a reader can see: the bilingual edition in each mode of its switch,
    the one-language editions as they are."""
    return [("bilingual", mode) for mode in MODES] + [("zh", "zh"), ("en", "en")]


CASES = [(name, edition, mode) for name in REPORTS for edition, mode in views(name)]


# Visible text in a language other than the mode's: a text node shown on screen whose element (or
# nearest element with a lang) is in the other language, unless it is a name the same in both
# languages (class "zh en") or the switch (each language's name in itself). In English, also any
# Han character outside those.
OTHER_LANGUAGE = """(mode) => {
  const other = mode === 'zh' ? 'en' : 'zh';
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement, text = node.textContent.trim();
    if (!text || !element) continue;
    const rects = element.getClientRects();
    if (!rects.length || element.closest('[hidden], [aria-hidden="true"]:not(svg)')) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden') continue;
    if (element.closest('.switch') || element.closest('.zh.en')) continue;
    const lang = (element.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
    const han = /[\\u3400-\\u9fff]/.test(text);
    if (lang.toLowerCase().startsWith(other) || (mode === 'en' && han)) found.push(lang + ': ' + text.slice(0, 40));
  }
  return found;
}"""


@pytest.mark.parametrize("name, edition, mode", CASES)
def test_the_chosen_language_is_the_only_one_shown(browser, sites, name, edition, mode):
    site = site_of(sites, name, edition)
    query = f"?lang={mode}" if edition == "bilingual" else ""
    page = open_site(browser, site, 375, query)
    for width in (375, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        if edition == "bilingual":
            assert page.evaluate("document.documentElement.dataset.lang") == mode
        if mode != "both":
            assert page.evaluate(OTHER_LANGUAGE, mode) == [], f"{name} {edition} {mode} at {width} px"
            expected = page.evaluate("document.documentElement.dataset.title" + mode.capitalize()) if edition == "bilingual" else None
            if expected:                                  # the document's title too
                assert page.title() == expected
        else:                                             # both: each paragraph in both languages
            shown = page.evaluate("""() => [...document.querySelectorAll('.paragraph p')]
                .filter(p => p.getClientRects().length).map(p => p.lang)""")
            assert shown.count("zh-CN") == shown.count("en") > 0
        assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("name, edition, mode", CASES)
def test_nothing_pans_sideways_on_any_phone(browser, sites, name, edition, mode):
    site = site_of(sites, name, edition)
    page = open_site(browser, site, PHONES[0], f"?lang={mode}" if edition == "bilingual" else "")
    for width in (*PHONES, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} {edition} {mode}: {wide} px wide in a {width} px screen"
    outside = [url for url in page.requests if not url.startswith(site.as_uri())]
    assert outside == []
    page.context.close()


# A display heading's line broken inside a phrase: two characters of one text node (the page
# puts a <wbr> between phrases, so a node never spans two) on two lines.
BROKEN_WORDS = """() => {
  const found = [];
  for (const display of document.querySelectorAll('.display')) {
    if (!display.getClientRects().length) continue;
    const walker = document.createTreeWalker(display, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.textContent;
      let last = null;
      for (let i = 0; i < text.length; i++) {
        if (/\\s/.test(text[i]) || /[-\u2010\u2013\u2014\\/]/.test(text[i - 1] || '')) { last = null; if (/\\s/.test(text[i])) continue; }
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (last !== null && rect.top > last + 4) found.push(text.slice(Math.max(0, i - 4), i) + ' / ' + text.slice(i, i + 4));
        last = rect.top;
      }
    }
  }
  return found;
}"""

# Rows of each stats block: the count of stats whose tops are level.
STAT_ROWS = """() => [...document.querySelectorAll('.stats')].filter(s => s.getClientRects().length).map(stats => {
  const rows = new Map();
  for (const stat of stats.children) {
    const top = Math.round(stat.getBoundingClientRect().top);
    rows.set(top, (rows.get(top) || 0) + 1);
  }
  return [...rows.keys()].sort((a, b) => a - b).map(top => rows.get(top));
})"""


@pytest.mark.parametrize("name", list(REPORTS))
def test_titles_break_between_words_and_stats_sit_in_balanced_rows(browser, sites, name):
    site = site_of(sites, name, "bilingual")
    for mode in MODES:
        page = open_site(browser, site, 320, f"?lang={mode}")
        for width in (320, 375, 414, DESKTOP):
            page.set_viewport_size({"width": width, "height": 800})
            assert page.evaluate(BROKEN_WORDS) == [], f"{name} {mode} at {width} px"
            for rows in page.evaluate(STAT_ROWS):
                assert max(rows) - min(rows) <= 1, f"{name} at {width} px: stats in rows of {rows}"
        page.context.close()


TAP_TARGETS = """() => [...document.querySelectorAll('.switch button, .contents a, .to-top')]
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 20), r.width, r.height]; })"""

MEASURES = """() => [...document.querySelectorAll('main p')].filter(p => p.getClientRects().length)
  .map(p => [p.textContent.trim().slice(0, 30), p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize)])"""


@pytest.mark.parametrize("name", list(REPORTS))
def test_tap_targets_measure_and_a_header_that_stays(browser, sites, name):
    site = site_of(sites, name, "bilingual")
    phone = open_site(browser, site, 375, "?lang=both")
    targets = phone.evaluate(TAP_TARGETS)
    assert targets and all(w >= 44 and h >= 44 for _, w, h in targets), [t for t in targets if min(t[1:]) < 44]
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    phone.wait_for_timeout(100)
    assert phone.evaluate("Math.round(document.querySelector('.switch').getBoundingClientRect().top)") >= 0
    assert phone.evaluate("document.querySelector('.bar').getBoundingClientRect().top") == 0     # sticky
    progress = phone.evaluate("getComputedStyle(document.querySelector('.progress span')).transform")
    assert progress not in ("none", "matrix(0, 0, 0, 1, 0, 0)"), progress                      # it moved
    phone.context.close()
    for mode in ("en", "both"):
        desktop = open_site(browser, site, DESKTOP, f"?lang={mode}")
        english = [(text, ems) for text, ems in desktop.evaluate(MEASURES) if ems > 45]
        assert english == [], f"{name} {mode}: lines wider than 45 em: {english[:3]}"
        desktop.context.close()


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_cover_says_it_once_and_a_phone_is_not_asked_to_scan(browser, sites, name):
    site = site_of(sites, name, "bilingual")
    page = open_site(browser, site, 375)
    for width in (375, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("[...document.querySelectorAll('main img')].filter(i => i.getClientRects().length).length") == 0
        assert page.evaluate("[...document.querySelectorAll('img')].some(i => i.complete && i.naturalWidth)") is False
        qr = page.evaluate("[...document.querySelectorAll('.qr-box')].map(q => q.getClientRects().length > 0)")
        hint = page.evaluate("[...document.querySelectorAll('.share-phone')].map(q => q.getClientRects().length > 0)")
        assert all(qr) == (width == DESKTOP) and all(hint) == (width != DESKTOP)
        # every block of the cover and the closing starts at the column's left edge, as the title
        lefts = page.evaluate("""() => [...document.querySelectorAll('.cover > *, .closing > *')]
            .filter(e => e.getClientRects().length).map(e => [e.className, Math.round(e.getBoundingClientRect().left)])""")
        column = page.evaluate("Math.round(document.querySelector('#report-title').getBoundingClientRect().left)")
        assert [b for b in lefts if b[1] != column] == [], (width, column)
    page.context.close()


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_first_load_weighs_under_a_megabyte(browser, sites, name):
    for edition in EDITIONS:
        site = site_of(sites, name, edition)
        page = open_site(browser, site, 375)
        files = {Path(url[len("file://"):]) for url in page.requests if url.startswith("file://")}
        total = sum(f.stat().st_size for f in files)
        print(f"{name} {edition}: {total / 1024:.0f} KB in {len(files)} files")
        assert total <= 1_000_000
        page.context.close()


@pytest.mark.parametrize("name", list(REPORTS))
def test_axe_core_finds_nothing_serious_in_any_mode(browser, sites, name):
    site = site_of(sites, name, "bilingual")
    for mode in MODES:
        page = open_site(browser, site, 375, f"?lang={mode}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{name} {mode}: {serious}"
        page.context.close()


@pytest.mark.parametrize("asked, mode", [("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh_cn", "zh"),
                                         ("en", "en"), ("en-US", "en"), ("EN-gb", "en"), ("both", "both"),
                                         ("fr", "both"), ("", "both")])
def test_lang_in_the_address_in_any_form(browser, sites, asked, mode):
    page = open_site(browser, site_of(sites, "shipped", "bilingual"), 375, f"?lang={asked}")
    assert page.evaluate("document.documentElement.dataset.lang") == mode
    assert page.evaluate("document.documentElement.lang") == ("en" if mode == "en" else "zh-CN")
    pressed = page.evaluate("document.querySelector('.switch [aria-pressed=true]').dataset.lang")
    assert pressed == mode
    page.context.close()


# ---- A report of another shape ------------------------------------------------------------------

def test_a_composed_report_reads_as_well_in_every_mode(browser, warm_cache, tmp_path_factory):
    """Reports composed as analysts write them (tests/reports.py: other sections, stats, cards,
    figures, quotes, share blocks), each built and read as the fixture reports are: the chosen
    language alone, nothing panning sideways at any phone width, titles broken between words,
    stats in balanced rows."""
    from hypothesis import HealthCheck, given, settings

    from reports import reports
    from test_properties import write_project

    @settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(doc=reports(most_sections=3))
    def read(doc):
        root = tmp_path_factory.mktemp("composed")
        write_project(root, doc)
        seed_cache(root, warm_cache)
        _, code, stderr = _build(root, "bilingual", root / "dist")
        assert code == 0, stderr
        site = next((root / "dist").glob("*-web"))
        for mode in MODES:
            page = open_site(browser, site, PHONES[0], f"?lang={mode}")
            for width in (*PHONES, DESKTOP):
                page.set_viewport_size({"width": width, "height": 800})
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (mode, width)
                if mode != "both":
                    assert page.evaluate(OTHER_LANGUAGE, mode) == [], (mode, width)
                assert page.evaluate(BROKEN_WORDS) == [], (mode, width)
                for rows in page.evaluate(STAT_ROWS):
                    assert max(rows) - min(rows) <= 1, (mode, width, rows)
            assert page.errors == []
            page.context.close()

    read()
