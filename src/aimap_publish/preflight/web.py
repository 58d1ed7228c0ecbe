"""The preflight of the web edition, opened from file:// in Debian's Chromium (driven by
Playwright; no browser is downloaded) at the common phones' widths, in each mode of its language
switch: a page wider than the screen scrolls sideways, so the widest element is named."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

from .common import Context, Finding, Unavailable

WIDTHS = (320, 375, 414)            # CSS pixels: a small phone, the common one, a large one
MODES = ("both", "zh", "en")        # the switch's modes (a page without a switch: as it opens)
HEIGHT = 720
BROWSERS = ("chromium", "chromium-browser")
LOOKED = 300

# The element that makes the page wide: of the elements reaching past the screen's edge, the one
# whose hiding narrows the page most, the deepest of those narrowing it as much (a card grown to
# hold a long word is not the culprit, the paragraph holding the word is). At most LOOKED are
# tried, as each try lays the page out again.
WIDEST = """() => {
  const width = window.innerWidth, page = document.documentElement.scrollWidth;
  if (page <= width) return null;
  const depth = el => { let d = 0; for (; el; el = el.parentElement) d++; return d; };
  const reaching = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .sort((a, b) => depth(b) - depth(a)).slice(0, LOOKED);
  let best = null, narrowest = page;
  for (const el of reaching) {
    const display = el.style.display;
    el.style.display = 'none';
    const now = document.documentElement.scrollWidth;
    el.style.display = display;
    if (now < narrowest) { best = el; narrowest = now; }
  }
  best = best || reaching[0];
  if (!best) return {page, name: 'html', text: '', reach: page};
  const name = best.tagName.toLowerCase() + [...best.classList].map(c => '.' + c).join('');
  const text = best.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {page, name, text, reach: Math.round(best.getBoundingClientRect().right)};
}""".replace("LOOKED", str(LOOKED))


def check_web(index: Path, context: Context) -> Iterator[Finding]:
    for width, mode, found in overflow(index):
        if found:
            where = f"{width} px" + (f", ?lang={mode}" if mode else "")
            yield Finding(index, where, f"the page is {found['page']} px wide and scrolls sideways; widest: "
                                        f"<{found['name']}> reaching {found['reach']} px ('{found['text']}')")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise Unavailable("Chromium is not installed (Debian package chromium)")


def overflow(index: Path) -> list[tuple[int, str | None, dict | None]]:
    """(width, language mode or None, what overflows or None) at each phone width and mode."""
    executable = _browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise Unavailable("the playwright package is not installed (pip install 'aimap-publish[preflight]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            return [found for width in WIDTHS for found in _measure(browser, index, width)]
        finally:
            browser.close()


def _measure(browser, index: Path, width: int) -> list[tuple[int, str | None, dict | None]]:
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    try:
        page = context.new_page()
        found = []
        for mode in MODES:
            page.goto(index.resolve().as_uri() + f"?lang={mode}")
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready")
            switch = page.evaluate("!!document.querySelector('.switch')")
            found.append((width, mode if switch else None, page.evaluate(WIDEST)))
            if not switch:
                break
        return found
    finally:
        context.close()
