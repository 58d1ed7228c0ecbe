"""The web edition as readers open it: the folder checked as a static host would serve it, then
opened from file:// in Debian's Chromium driven by Playwright (the system browser, nothing
downloaded) at a phone's and a desktop's size, with axe-core run in the page."""
from __future__ import annotations

import html
import re
import shutil
import struct
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aimap_publish.content import load_report
from conftest import REPORT, ROOT, missing_fragments, run_cli

SHIPPED = load_report(REPORT).report
SECOND = ROOT / "tests" / "fixtures" / "second"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"phone": (375, 812), "narrow phone": (320, 640), "desktop": (1280, 800)}


@pytest.fixture(scope="module")
def sites(tmp_path_factory, shipped_project, second_outputs) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("web")
    found = {}
    for lang in ("bilingual", "zh", "en"):
        result = run_cli("web", "--quiet", "--lang", lang, "--out", str(out), cwd=shipped_project)
        assert result.returncode == 0, result.stderr
        found[lang] = out / f"china-ai-map-2026{'' if lang == 'bilingual' else '-' + lang}-web"
    found["second"] = second_outputs / "delta-robotics-2027-web"
    return found


class Page(HTMLParser):
    """What a static host serves: the references of a page and its meta tags."""

    def __init__(self):
        super().__init__()
        self.refs, self.meta, self.lang, self.english_untagged = [], {}, None, []
        self.images: list[str] = []
        self.stack: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for key in ("src", "href"):
            if key in attrs and tag not in ("a",):
                self.refs.append(attrs[key])
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], attrs.get("content"))
            if attrs.get("property") == "og:image":
                self.images.append(attrs["content"])
        classes = attrs.get("class", "").split()
        if "en" in classes and "zh" not in classes and attrs.get("lang") != "en":
            self.english_untagged.append(tag)


def parsed(site: Path) -> Page:
    page = Page()
    page.feed((site / "index.html").read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("name", ["bilingual", "second"])
def test_the_pages_fonts_hold_every_character_it_shows(sites, name):
    """The subsets are cut from the page's own text: a character missing from them would be
    drawn in whatever face the phone has, beside the report's own."""
    from fontTools.ttLib import TTFont

    site = sites[name]
    shown = set(re.sub(r"<[^>]+>", " ", html.unescape((site / "index.html").read_text(encoding="utf-8"))))
    cjk = {c for c in shown if unicodedata.east_asian_width(c) in "WF" and unicodedata.category(c) != "So"}
    latin = {c for c in shown if c.isascii() and c.isalnum()}
    for face, wanted in (("sc-regular", cjk), ("sc-bold", cjk), ("latin-regular", latin), ("latin-bold", latin)):
        font = TTFont(next(site.glob(f"assets/{face}.*.woff2")))
        covered = set(map(chr, font.getBestCmap()))
        assert len(wanted) > 20 and wanted <= covered, (face, sorted(wanted - covered)[:10])
        assert len(covered) < 3 * len(wanted) + 200, (face, len(covered))        # a subset, not the face


@pytest.mark.parametrize("name", ["bilingual", "zh", "en", "second"])
def test_the_folder_is_self_contained_and_under_a_megabyte(sites, name):
    site = sites[name]
    page = parsed(site)
    css = next(site.glob("assets/site.*.css")).read_text(encoding="utf-8")
    refs = page.refs + [f"assets/{u}" for u in re.findall(r'url\("([^"]+)"\)', css)]
    assert refs and all(not re.match(r"^[a-z]+:", ref) for ref in refs), refs      # relative, no other host
    files = [site / "index.html", *(site / ref for ref in refs)]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    total = sum(f.stat().st_size for f in set(files))
    print(f"{name}: first load {total / 1024:.0f} KB in {len(set(files))} files")
    assert total <= 1_000_000
    assert all(re.fullmatch(r"[a-z-]+\.[0-9a-f]{10}\.[a-z0-9]+", f.name) for f in site.glob("assets/*"))


def test_sharing_tags_and_card(sites):
    """The card a chat app draws: a title and description that fit it (both languages where
    they do), the 1200 x 630 card first and the square thumbnail, each a PNG of its size."""
    from aimap_publish.web import SHARE_DESCRIPTION_COLUMNS, SHARE_TITLE_COLUMNS, columns

    page = parsed(sites["bilingual"])
    url = SHIPPED.url
    assert page.meta["og:url"] == url and page.meta["og:title"] == "中国AI产业地图 2026 · China AI Industry Map 2026"
    assert columns(page.meta["og:title"]) <= SHARE_TITLE_COLUMNS
    assert page.meta["og:description"] == page.meta["description"]
    assert 0 < columns(page.meta["description"]) <= SHARE_DESCRIPTION_COLUMNS
    card, square = page.images
    assert card.startswith(url + "/assets/share.") and square.startswith(url + "/assets/share-square.")
    for image, size in ((card, (1200, 630)), (square, (600, 600))):
        png = (sites["bilingual"] / image[len(url) + 1:]).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == size


@pytest.mark.parametrize("name", ["bilingual", "second"])
def test_every_english_element_says_it_is_english(sites, name):
    page = parsed(sites[name])
    assert page.lang == "zh-CN" and page.english_untagged == []


# ---- In the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, site: Path, size: str, query: str = ""):
    """A fresh page (its own storage) on the site, with what it logged and requested."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto((site / "index.html").as_uri() + query)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page


SMALLEST_TEXT = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    const svg = element.closest('svg');
    if (svg) {
      const box = element.getBoundingClientRect();
      if (!box.width) continue;
      size *= svg.getScreenCTM().a;
    }
    sizes.push([size, node.textContent.trim().slice(0, 30)]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  return sizes[0];
}"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", ["bilingual", "second"])
def test_no_overflow_no_error_nothing_fetched_from_elsewhere(browser, sites, name, size):
    site = sites[name]
    page = open_page(browser, site, size)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    assert page.errors == []
    outside = [url for url in page.requests if not url.startswith(site.as_uri())]
    assert outside == []
    if size != "narrow phone":
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest[0] >= 11.95, smallest
    page.context.close()


def test_every_source_sentence_is_on_the_page(browser, sites):
    page = open_page(browser, sites["bilingual"], "desktop")
    assert missing_fragments(page.evaluate("document.body.innerText")) == []
    page.context.close()


def test_the_language_switch_works_is_remembered_and_addressable(browser, sites):
    site = sites["bilingual"]
    page = open_page(browser, site, "phone")
    shown = "(sel) => getComputedStyle(document.querySelector(sel)).display !== 'none'"
    assert page.evaluate(shown, "p.zh:not(.en)") and page.evaluate(shown, "p.en:not(.zh)")
    english = page.get_by_role("button", name="English")
    english.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert english.get_attribute("aria-pressed") == "true"
    assert not page.evaluate(shown, "p.zh:not(.en)") and page.evaluate(shown, "p.en:not(.zh)")
    assert "lang=en" in page.url
    page.goto((site / "index.html").as_uri())                    # the choice is remembered
    assert page.evaluate("document.documentElement.getAttribute('data-lang')") == "en"
    page.context.close()
    chinese = open_page(browser, site, "phone", "?lang=zh")           # and addressable
    assert chinese.evaluate(shown, "p.zh:not(.en)") and not chinese.evaluate(shown, "p.en:not(.zh)")
    assert chinese.evaluate("document.documentElement.lang") == "zh-CN"
    chinese.context.close()


def test_without_javascript_everything_shows(browser, sites):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((sites["bilingual"] / "index.html").as_uri())
    assert missing_fragments(page.inner_text("body")) == []
    assert page.locator(".switch").is_hidden()
    context.close()


def test_one_h1_headings_in_order_and_landmarks(browser, sites):
    page = open_page(browser, sites["bilingual"], "desktop")
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert page.evaluate("!!document.querySelector('header') && !!document.querySelector('main') && "
                         "!!document.querySelector('footer') && !!document.querySelector('nav')")
    page.context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_core_finds_nothing_serious(browser, sites, size):
    page = open_page(browser, sites["bilingual"], size)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    print(f"axe-core ({size}):", [(v["id"], v["impact"]) for v in result["violations"]] or "no violations")
    assert serious == []
    page.context.close()


def test_the_live_preview_shows_an_edit_and_a_problem_on_the_page(browser, project):
    """watch serves the web edition; a saved paragraph edit reaches the open page without a
    reload, and a content error shows on the page over the last good content."""
    import os
    import signal
    import subprocess
    import sys
    import time

    good = REPORT.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "aimap_publish", "watch", "--port", "0"], stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        first = proc.stderr.readline()
        url = first.rsplit(" ", 1)[1].strip()
        assert first.startswith("watch: previewing the web edition at http://127.0.0.1:"), first
        assert proc.stderr.readline().startswith("watch: rebuilt in ")
        context = browser.new_context(viewport={"width": 375, "height": 812})
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => document.body.innerText.replace(/\u2060/g, '').includes('核心发现')")
        page.wait_for_timeout(300)                                  # the event stream is open
        start = time.perf_counter()
        project(good.replace("核心**发现**", "核心**新发现**"))
        page.wait_for_function("() => document.body.innerText.replace(/\u2060/g, '').includes('核心新发现')", timeout=20_000)
        shown = time.perf_counter() - start
        print(f"live preview: a paragraph edit on the page {shown:.2f} s after the save")
        assert proc.stderr.readline().startswith("watch: rebuilt in ")
        project(good.replace("date: 2026-03-15", "date: someday"))
        page.wait_for_selector("#__problem", timeout=20_000)
        problem = page.inner_text("#__problem")
        assert "report.yaml:8: date: expected a date (YYYY-MM-DD)" in problem
        assert "核心新发现" in page.inner_text("main").replace("\u2060", "")       # the last good content stays
        context.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 143
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_every_text_of_the_second_report_is_on_its_page(browser, sites):
    """Every text of another report's data, its figures' labels included (SVG text)."""
    from aimap_publish.content import iter_strings
    from aimap_publish.content.inline import plain
    from conftest import normalize

    report = load_report(SECOND / "report.yaml").report
    page = open_page(browser, sites["second"], "desktop")
    shown = normalize(page.evaluate("document.body.textContent"))
    wanted = [normalize(plain(text)) for path, text in iter_strings(report)
              if path.endswith((".zh", ".en")) and not path.startswith(
                  ("labels.figure_caption", "labels.page", "labels.languages.label",   # the switch's aria-label
                   "labels.figures",                                     # the PDF's list of figures
                   "labels.notes", "labels.end"))]                       # the print edition's own pages
    assert [t for t in wanted if t not in shown] == []
    page.context.close()
