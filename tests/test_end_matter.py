"""The publication's own pages: the end matter from the data with the colophon, notes pages that
are designed pages (heading and folio, never bare rules), a pair of paragraphs kept on one page,
and a screen edition with screen furniture (page of pages, one running head, the QR a link)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

ID = "china-ai-map-2026"


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def count(pdf: Path) -> int:
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def test_the_end_matter_says_every_part_in_both_languages_on_the_inside_back_cover(shipped_outputs):
    pdf = shipped_outputs / f"{ID}-print.pdf"
    pages = count(pdf)
    text = page_text(pdf, pages - 1)
    for heading in ("关于本报告", "About this report", "研究方法", "Method", "免责声明", "Disclaimer",
                    "版权", "Copyright", "版本", "Edition", "联系", "Contact"):
        assert heading in text, heading
    flat = "".join(text.split()).replace("\u2060", "")
    assert "投资建议" in flat and "investment" in flat
    assert "© 2026 SVTR Research" in text and "2026-03-15" in text
    # the colophon at the foot of the page, under the parts
    words = subprocess.run(["pdftotext", "-bbox", "-f", str(pages - 1), "-l", str(pages - 1), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    about = float(words.split(">About<")[0].rsplit('yMin="', 1)[1].split('"')[0])
    date = float(words.split(">2026-03-15<")[0].rsplit('yMin="', 1)[1].split('"')[0])
    assert date - about > 400            # points: the colophon sits low on the page, not after the parts
    assert f"第{pages - 1}页 / 共{pages}页" in text


def test_padding_is_notes_pages_with_heading_and_folio_before_the_end_matter(shipped_outputs):
    pdf = shipped_outputs / f"{ID}-print.pdf"
    pages = count(pdf)
    notes = [n for n in range(1, pages + 1) if "笔记" in page_text(pdf, n)]
    assert notes and notes[-1] == pages - 2 and notes == list(range(notes[0], pages - 1))
    for n in notes:
        text = page_text(pdf, n)
        assert "Notes" in text and f"第{n}页 / 共{pages}页" in text
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[-1].startswith("关于本报告") and sum(t.startswith("笔记") for t in titles) == len(notes)


def test_a_report_without_end_matter_sets_its_colophon_after_the_last_section(second_outputs):
    pdf = second_outputs / "delta-robotics-2027-print.pdf"
    pages = count(pdf)
    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    colophon = [n for n, t in enumerate(texts, 1) if "https://example.org/reports/" in t and "2027-" in t]
    assert colophon and colophon[0] < pages
    assert not any("关于本报告" in t for t in texts)
    assert all(len(t.split()) >= 2 for t in texts)           # no page is left blank


def test_the_screen_edition_counts_pages_without_print_furniture_and_links_its_qr(shipped_outputs):
    pdf = shipped_outputs / f"{ID}-screen.pdf"
    pages = count(pdf)
    assert f"3 / {pages}" in page_text(pdf, 3) and not re.search(r"共\d+页", page_text(pdf, 3))
    with pikepdf.open(pdf) as doc:
        last = doc.pages[-1]
        uris = [str(a.A.URI) for a in last.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert uris.count("https://svtr.ai/reports/china-ai-map-2026") >= 2          # the QR code and the address
    # one running head, at the same place on every body page (print mirrors it on facing pages)
    lefts = []
    for n in (4, 5):
        words = subprocess.run(["pdftotext", "-bbox", "-f", str(n), "-l", str(n), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        first = words.split("<word ", 1)[1]
        lefts.append(float(first.split('xMin="', 1)[1].split('"')[0]))
    assert abs(lefts[0] - lefts[1]) < 1 and lefts[0] < 100


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_no_chinese_paragraph_ends_a_page_whose_next_begins_with_its_english(shipped_outputs, edition):
    from aimap_publish.preflight.pdf import read_layout, split_pairs
    from aimap_publish.theme import load_theme

    layout = read_layout(shipped_outputs / f"{ID}-{edition}.pdf", load_theme())
    assert len(layout.pages) >= 8 and list(split_pairs(layout)) == []


def test_the_web_edition_ends_with_the_end_matter_in_both_languages(shipped_outputs):
    """The page a reader finishes on a phone says what the PDF's end matter says: each part under
    its heading, in both languages, before the author and the address."""
    from html.parser import HTMLParser

    from aimap_publish.content import load_report
    from conftest import REPORT

    html = (shipped_outputs / f"{ID}-web" / "index.html").read_text(encoding="utf-8")
    foot = html[html.index('<footer class="foot">'):]
    texts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data):
            texts.append(data)

    Text().feed(foot)
    shown = "".join(texts).replace("\u2060", "").replace("\u00a0", " ")   # joiners keeping a last line whole
    report = load_report(REPORT).report
    parts = report.end.parts()
    assert [name for name, _ in parts] == ["about", "method", "disclaimer", "copyright", "edition", "contact"]
    for name, text in parts:
        for lang in ("zh", "en"):
            assert getattr(report.labels.end, name)[lang] in shown and text[lang] in shown, (name, lang)
    assert shown.index(parts[-1][1].en) < shown.index("2026-03-15")


def test_a_figure_a_little_too_tall_is_set_smaller_to_stay_with_its_section(shipped_outputs):
    """The collaboration section's text and figure fit the page after the previous section's
    end only with the figure a little smaller: the figure is set smaller rather than the section
    starting a fresh page and leaving the page before it two-thirds empty."""
    pdf = shipped_outputs / f"{ID}-print.pdf"
    pages = [page_text(pdf, n) for n in range(1, count(pdf) + 1)]
    heading = next(n for n, text in enumerate(pages, 1) if "全球AI协作的新格局" in text and "目录" not in text)
    caption = next(n for n, text in enumerate(pages, 1) if "图3：" in text and "目录" not in text)
    assert heading == caption
    flat = "".join(pages[heading - 1].split()).replace("\u2060", "")
    assert "PhysicalAI可能是未来十年" in flat               # the section before ends on the same page
