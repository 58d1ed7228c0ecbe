"""Web addresses as readers meet them: the sharing tags a chat app reads, addresses in running
text copied whole from the deck, the web page and the PDFs, links where links can be, and lines
that break an address only after a slash."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import REPORT, run_cli

ID = "china-ai-map-2026"


def meta_tags(index: Path) -> dict[str, str]:
    tags = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', index.read_text(encoding="utf-8"))
    return {name: html.unescape(content) for name, content in tags}


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
    image = tags["og:image"]
    assert image.startswith(folder + "assets/share.") and image.endswith(".png"), image
    assert (site / image[len(folder):]).is_file()
    assert tags["og:url"] == page
