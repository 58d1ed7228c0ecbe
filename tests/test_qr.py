"""The share QR code read back as a phone reads it (zbar): in the print and screen PDFs, the deck
and the web page of the shipped report, of the second fixture report and (`pytest -m corpus`)
of each corpus report, every QR code decodes to the report's address, exactly."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from aimap_publish.content import load_report
from aimap_publish.project import find_project
from conftest import REPORT, ROOT, fixture_copy, normalize, run_cli
from test_deck import walk

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REPORTS = ["shipped", "second", *(pytest.param(folder.name, marks=pytest.mark.corpus)
                                  for folder in (sorted(CORPUS.iterdir()) if CORPUS.is_dir() else [])
                                  if (folder / "aimap.toml").is_file())]


@dataclass(frozen=True)
class Built:
    outputs: Path           # the folder the build wrote
    id: str
    url: str
    shares: int             # share blocks: each shows the QR code once in every output


def share_blocks(report) -> int:
    blocks = [*report.cover, *(b for section in report.sections for b in section.blocks), *report.closing]
    return sum(block.kind == "share" for block in blocks)


def corpus_outputs(name: str, folder: Path, warm: Path) -> Path:
    project = fixture_copy(CORPUS / name, folder, warm)
    result = run_cli("build", "--quiet", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "dist"


@pytest.fixture(scope="module", params=REPORTS)
def built(request, tmp_path_factory, warm_cache) -> Built:
    """Every output of the report (the shipped and the second ones shared with other test files)."""
    if request.param in ("shipped", "second"):
        outputs = request.getfixturevalue(f"{request.param}_outputs")
    else:
        outputs = corpus_outputs(request.param, tmp_path_factory.mktemp("corpus") / "project", warm_cache)
    data = REPORT if request.param == "shipped" else find_project(root=outputs.parent).data
    report = load_report(data).report
    return Built(outputs, report.id, report.url, share_blocks(report))


def decoded(image: Path) -> list[str]:
    """The QR codes zbar reads in a picture, one address each."""
    result = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
                            capture_output=True, text=True, timeout=60)
    return result.stdout.splitlines()


def pages_showing(pdf: Path, url: str) -> list[int]:
    """The pages (from 1) whose text holds the address, as the share block prints it beside its QR code."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [number for number, page in enumerate(text.split("\f"), 1) if normalize(url) in normalize(page)]


def read_pdf(pdf: Path, url: str, folder: Path) -> list[str]:
    codes = []
    for number in pages_showing(pdf, url):
        image = folder / f"page-{number}"
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(number), "-l", str(number), "-singlefile",
                        str(pdf), str(image)], check=True, timeout=120)
        codes += decoded(image.with_suffix(".png"))
    return codes


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_the_pdfs_qr_code_opens_the_report(built, edition, tmp_path):
    codes = read_pdf(built.outputs / f"{built.id}-{edition}.pdf", built.url, tmp_path)
    assert codes == [built.url] * built.shares


def test_the_decks_qr_code_opens_the_report(built, tmp_path):
    deck = Presentation(str(built.outputs / f"{built.id}.pptx"))
    pictures = [shape for slide in deck.slides for shape in walk(slide.shapes) if shape.name == "share QR code"]
    codes = []
    for number, picture in enumerate(pictures):
        image = tmp_path / f"qr-{number}.{picture.image.ext}"
        image.write_bytes(picture.image.blob)
        codes += decoded(image)
    assert codes == [built.url] * built.shares


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def test_the_web_pages_qr_code_opens_the_report(built, browser, tmp_path):
    """The page as a desktop shows it (a phone, already showing the page, gets a share hint
    instead); each QR code (named "QR: <address>" for screen readers) is photographed where it
    stands."""
    index = (built.outputs / f"{built.id}-web" / "index.html").as_uri()
    phone = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    phone.goto(index)
    assert phone.get_by_role("img", name=re.compile(r"^QR: ")).count() == 0
    phone.context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.goto(index)
    page.wait_for_load_state("load")
    codes = page.get_by_role("img", name=re.compile(r"^QR: "))
    read = []
    for number in range(codes.count()):
        image = tmp_path / f"qr-{number}.png"
        codes.nth(number).screenshot(path=str(image))
        read += decoded(image)
    context.close()
    assert read == [built.url] * built.shares
