"""Shared fixtures: the shipped report, a small project to break, and the source text."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests replay the same examples each run (a new failure found there would
# stop an unrelated change); locally they explore new examples every run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "fixtures" / "source" / "china-ai-map-2026.txt"
REPORT = ROOT / "data" / "report.yaml"
MARKER = 'report = "data/report.yaml"\n'
SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")


def normalize(text: str) -> str:
    """Compare text as a reader would: width, quotes, markup and white space do not count."""
    text = unicodedata.normalize("NFKC", text).replace("**", "")
    # soft hyphens and the hyphens of words cut at a line end (U+2010) are not part of the text
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00ad": None, "\u2010": None, "\u2060": None}))
    return re.sub(r"\s+", "", text)


def source_fragments() -> list[str]:
    """Every sentence and label of the source, as the published text must contain them."""
    fragments = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"[\U0001F000-\U0001FFFF•]", " ", line).strip()
        if not line or line.startswith("<"):
            continue
        if re.search(r"[。！？]|[.!?](\s|$)", line):
            fragments += [s for s in SENTENCE_END.split(line) if s.strip()]
        else:
            fragments += [part for part in re.split(r"\s+—\s+|\s{1}", line) if part.strip()]
    # Symbols alone (the → of the flow) are drawn as shapes in the figures, not set as text.
    return [normalize(f) for f in fragments if any(ch.isalnum() for ch in f)]


def missing_fragments(published: str) -> list[str]:
    text = normalize(published)
    return [f for f in source_fragments() if f not in text]


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """The cache of a build of the shipped report's web edition (its figures, icons, font tables,
    web fonts), made once per test process: new projects start from a copy of it, as a second
    build would, so only tests about a cold cache pay for one."""
    folder = tmp_path_factory.mktemp("warm")
    (folder / "data").mkdir()
    shutil.copy(REPORT, folder / "data" / "report.yaml")
    (folder / "aimap.toml").write_text(MARKER, encoding="utf-8")
    result = run_cli("web", "--quiet", cwd=folder)            # the figures, icons, fonts, web assets
    assert result.returncode == 0, result.stderr
    return folder / ".aimap-cache"


def seed_cache(project_root: Path, warm: Path) -> None:
    """Give a new project the warm cache (not the remembered pagination: it searches its own)."""
    shutil.copytree(warm, project_root / ".aimap-cache", ignore=shutil.ignore_patterns("plans"),
                    dirs_exist_ok=True)


@pytest.fixture
def project(tmp_path, monkeypatch, warm_cache):
    """A working folder holding a copy of the shipped report and a warm cache; returns a
    writer for variants."""
    (tmp_path / "data").mkdir()
    shutil.copy(REPORT, tmp_path / "data" / "report.yaml")
    (tmp_path / "aimap.toml").write_text(MARKER, encoding="utf-8")
    seed_cache(tmp_path, warm_cache)
    monkeypatch.chdir(tmp_path)

    def write(text: str | bytes | None = None, name: str = "data/report.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command line as a user runs it, in a fresh process."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "aimap_publish", *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=600)


LAST_GOOD = ("dist/china-ai-map-2026-print.pdf", "dist/china-ai-map-2026-screen.pdf", "dist/china-ai-map-2026.pptx")


def run_broken(project, capsys, content, args=("build",)) -> list[str]:
    """Write `content` beside stand-in outputs of a 'last good build', run the command line in
    this process, and return the problem lines after checking what every failure must do:
    exit 1, no traceback, the last good outputs untouched, the closing summary line."""
    from aimap_publish.cli import main

    project(content)
    for name in LAST_GOOD:
        project(b"last good build", name)
    code = main([*args, "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    for name in LAST_GOOD:
        assert project(None, name).read_bytes() == b"last good build"
    lines = err.strip().splitlines()
    assert lines[-1].endswith("nothing was written")
    return lines[:-1]

