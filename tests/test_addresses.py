"""Web addresses as readers meet them: the sharing tags a chat app reads, addresses in running
text copied whole from the deck, the web page and the PDFs, links where links can be, and lines
that break an address only after a slash."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MARKER, REPORT, run_cli, seed_cache

ID = "china-ai-map-2026"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TRIALS = "https://example.org/trials"
DATA = "https://example.org/data/ev-battery-2026"
LONG = ("https://example.org/reports/china-ai-map-2026/appendix/"
        "regional_innovation_zones_consumer_electronics_2026.html?from=qr&lang=zh-CN")
ADDRESSES = (TRIALS, DATA, LONG)
# what a renderer may put between characters to bind or break them; none may sit in an address
INVISIBLE = "\u2060\u00a0\u200b\u00ad\u2010"
# Sentences with addresses at the end of a paragraph and of a card, in both languages; in the
# Chinese, an address Chinese text follows at once.
WITH_ADDRESSES = (
    ("使得中国AI产业具备了从基础研究到规模量产的完整能力。",
     f"使得中国AI产业具备了从基础研究到规模量产的完整能力。访问{TRIALS}查询正在招募的试验，完整数据见{DATA}。"),
    ("            research to mass production.\n",
     f"            research to mass production. Search {TRIALS} for open trials; the full data are at {DATA}.\n"),
    ("硬件与软件的融合速度在全球范围内领先。", f"硬件与软件的融合速度在全球范围内领先。详见{LONG}。"),
    ("                globally.\n          - region: suzhou", f"                globally. See {LONG}.\n          - region: suzhou"),
)


def meta_tags(index: Path) -> dict[str, str]:
    """The page's meta tags by name; a name given twice (og:image: the card, then the square
    thumbnail) keeps its first, with the others under "<name> 2", "<name> 3"…"""
    tags = re.findall(r'<meta (?:property|name|itemprop)="([^"]+)" content="([^"]*)"', index.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for name, content in tags:
        key, n = name, 1
        while key in found:
            n += 1
            key = f"{name} {n}"
        found[key] = html.unescape(content)
    return found


@pytest.mark.parametrize("url, folder, page", [
    ("https://example.org/map?from=qr&lang=zh-CN", "https://example.org/map/",
     "https://example.org/map?from=qr&lang=zh-CN"),
    ("https://example.org/map#top", "https://example.org/map/", "https://example.org/map"),
    ("https://example.org/reports/index.html", "https://example.org/reports/", "https://example.org/reports/index.html"),
    ("https://example.org/reports/x", "https://example.org/reports/x/", "https://example.org/reports/x"),
])
def test_the_share_card_address_is_in_the_pages_folder(project, url, folder, page):
    """A chat app fetches og:image: it must name the card beside the page whatever the report's
    address carries (a query, a fragment, a file name), and og:url names the page."""
    project(REPORT.read_text(encoding="utf-8").replace("url: https://svtr.ai/reports/china-ai-map-2026",
                                                        f"url: {url}"))
    result = run_cli("web", "--quiet")
    assert result.returncode == 0, result.stderr
    site = Path("dist") / f"{ID}-web"
    tags = meta_tags(site / "index.html")
    for name, stem in (("og:image", "share."), ("og:image 2", "share-square.")):
        image = tags[name]
        assert image.startswith(folder + "assets/" + stem) and image.endswith(".png"), image
        assert (site / image[len(folder):]).is_file()
    assert tags["og:url"] == page


@pytest.fixture(scope="module")
def built(tmp_path_factory, warm_cache) -> Path:
    """The shipped report with addresses in its running text, built: PDFs, deck, web edition."""
    folder = tmp_path_factory.mktemp("addresses")
    text = REPORT.read_text(encoding="utf-8")
    for old, new in WITH_ADDRESSES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (folder / "data").mkdir()
    (folder / "data" / "report.yaml").write_text(text, encoding="utf-8")
    (folder / "aimap.toml").write_text(MARKER, encoding="utf-8")
    seed_cache(folder, warm_cache)
    result = run_cli("build", "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "dist"


def whole_and_clean(texts: list[str]) -> tuple[list[str], list[str]]:
    """The addresses no text holds, and the texts holding one with invisible characters in it."""
    strip = str.maketrans("", "", INVISIBLE)
    missing = [a for a in ADDRESSES if not any(a in t for t in texts)]
    broken = [t for t in texts for a in ADDRESSES if a in t.translate(strip) and a not in t]
    return missing, broken


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_addresses_are_whole_in_the_decks_text(built):
    from pptx import Presentation
    from pptx.oxml.ns import qn

    deck = Presentation(str(built / f"{ID}.pptx"))
    parts = [slide.element for slide in deck.slides]
    parts += [slide.notes_slide.element for slide in deck.slides if slide.has_notes_slide]
    texts = [t.text or "" for part in parts for t in part.iter(qn("a:t"))]
    assert whole_and_clean(texts) == ([], [])
    assert any("https://svtr.ai/reports/china-ai-map-2026" == t for t in texts)       # the share slide


def test_addresses_are_whole_in_the_web_pages_text(built):
    page = (built / f"{ID}-web" / "index.html").read_text(encoding="utf-8")
    body = html.unescape(re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1]))       # the text nodes, joined
    assert whole_and_clean([body]) == ([], [])
    assert not re.search(f"[{INVISIBLE}]", "".join(re.findall(r"https?://[^\s<\"，。]+", page)))


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_addresses_are_whole_in_the_pdfs_text(built, edition):
    text = pdf_text(built / f"{ID}-{edition}.pdf")
    assert whole_and_clean([text.replace("\n", "")]) == ([], [])      # an address may go on on the next line


def test_a_line_too_narrow_for_an_address_cuts_it_after_its_slashes_without_hyphens():
    from aimap_publish.linebreak import wrap

    lines = wrap(f"见{LONG}。", 24, len)
    assert "".join(lines) == f"见{LONG}。"
    assert lines[:4] == ["见", "https://example.org/", "reports/", "china-ai-map-2026/"]
    assert not any(ch in "".join(lines) for ch in INVISIBLE)


# ---- Links: on screen and on the web, never in print ------------------------------------------

def uris_by_page(pdf_path: Path) -> list[set[str]]:
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        return [{str(a.A.URI) for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"
                 and "/A" in a and "/URI" in a.A} for page in pdf.pages]


def test_addresses_in_text_are_links_on_their_pages_of_the_screen_pdf(built):
    pdf = built / f"{ID}-screen.pdf"
    uris = uris_by_page(pdf)
    for address in ADDRESSES:
        pages = [n for n, text in enumerate(pdf_text(pdf).split("\f")) if address in text.replace("\n", "")]
        assert pages and all(address in uris[n] for n in pages), address
    # each ends where its sentence or the Chinese text after it begins
    # (besides the report's address, of the QR code and the closing, and the end matter's contact)
    assert set().union(*uris) - {"https://svtr.ai/reports/china-ai-map-2026", "https://svtr.ai"} == set(ADDRESSES)


def test_the_print_pdf_has_no_annotations(built):
    import pikepdf

    with pikepdf.open(built / f"{ID}-print.pdf") as pdf:
        assert [n for n, page in enumerate(pdf.pages, 1) if "/Annots" in page.obj] == []


def test_addresses_in_text_are_links_on_the_web_page(built):
    page = (built / f"{ID}-web" / "index.html").read_text(encoding="utf-8")
    hrefs = {html.unescape(h) for h in re.findall(r'<a [^>]*href="(https?://[^"]*)"', page)}
    # beside the report's own address, the end matter's contact (https://svtr.ai)
    assert hrefs - {"https://svtr.ai/reports/china-ai-map-2026", "https://svtr.ai"} == set(ADDRESSES)
    assert 'href="https://example.org/reports/china-ai-map-2026/appendix/' in page and "?from=qr&amp;lang=zh-CN" in page


# ---- Breaking: only after a slash -------------------------------------------------------------

def line_ends_in_addresses(text: str) -> list[str]:
    """Each part of an address that ends a line (the address going on on the next line)."""
    lines = "\n".join(line.strip() for line in text.splitlines())
    return [address[:i] for address in ADDRESSES for i in range(1, len(address))
            if f"{address[:i]}\n{address[i:]}" in lines]


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_pdf_lines_break_an_address_only_after_a_slash(built, edition):
    ends = line_ends_in_addresses(pdf_text(built / f"{ID}-{edition}.pdf"))
    assert ends, "the long address is expected to need more than one line"
    long_part = LONG.rsplit("/", 1)[0] + "/"                 # past its last slash: wider than a column
    assert [end for end in ends if not end.endswith("/") and not end.startswith(long_part)] == []
    assert [end for end in ends if end.endswith(("//", ":"))] == []
    layout = pdf_text(built / f"{ID}-{edition}.pdf", "-layout")
    assert [line for line in layout.splitlines() if line.rstrip().endswith(("https://", "https:"))] == []


@pytest.mark.parametrize("width", [375, 320])
def test_a_card_holding_a_long_address_fits_a_phone(built, width):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": width, "height": 812}).new_page()
        page.goto((built / f"{ID}-web" / "index.html").resolve().as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        copied = page.evaluate("[...document.querySelectorAll('a.address')].map(a => a.innerText)")
        browser.close()
    assert scroll_width <= width
    assert set(ADDRESSES) <= set(copied)


def test_the_screen_pdf_with_links_in_text_passes_verapdf_pdf_ua1(built):
    """Each line of a link is one annotation, tagged under its Link (PDF/UA 7.18.5)."""
    from conftest import ROOT
    from test_pdf import verapdf_classpath

    result = subprocess.run(["java", "-cp", verapdf_classpath(), str(ROOT / "tests/tools/VeraCheck.java"), "ua1",
                             str(built / f"{ID}-screen.pdf")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(": compliant")
