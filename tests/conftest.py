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
SECOND = ROOT / "tests" / "fixtures" / "second"
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


OUTPUT_FOLDERS = ("dist", ".aimap-cache")


def repository_outputs() -> dict[str, int]:
    """The files and folders of the repository's own outputs and caches, and of its fixture
    projects', with their modification times."""
    fixtures = ROOT / "tests" / "fixtures"
    folders = [ROOT / name for name in OUTPUT_FOLDERS]
    folders += [folder for name in OUTPUT_FOLDERS for folder in fixtures.glob(f"**/{name}")]
    found = {}
    for folder in folders:
        for path in (folder, *folder.rglob("*")):
            try:
                found[str(path.relative_to(ROOT))] = path.stat().st_mtime_ns
            except FileNotFoundError:
                pass
    return found


@pytest.fixture(scope="session", autouse=True)
def repository_untouched():
    """Every test builds in a folder of its own: the session fails if the repository's dist/
    or .aimap-cache/ (or a fixture project's) changed while the tests ran."""
    before = repository_outputs()
    yield
    after = repository_outputs()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        pytest.fail(f"the tests wrote into the repository's own outputs or caches ({len(changed)} files "
                    f"and folders changed, among them {', '.join(changed[:8])}); build in a copy "
                    f"(shipped_copy, fixture_copy) instead", pytrace=False)


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """The cache of a build of the shipped report's web edition (its figures, icons, font tables,
    web fonts), made once per test process: new projects start from a copy of it, as a second
    build would, so only tests about a cold cache pay for one."""
    folder = shipped_copy(tmp_path_factory.mktemp("warm"))
    result = run_cli("web", "--quiet", cwd=folder)            # the figures, icons, fonts, web assets
    assert result.returncode == 0, result.stderr
    return folder / ".aimap-cache"


def seed_cache(project_root: Path, warm: Path) -> None:
    """Give a new project the warm cache (not the remembered pagination: it searches its own)."""
    shutil.copytree(warm, project_root / ".aimap-cache", ignore=shutil.ignore_patterns("plans"),
                    dirs_exist_ok=True)


def shipped_copy(folder: Path, warm: Path | None = None) -> Path:
    """`folder` made a project holding a copy of the shipped report (with the warm cache, if
    given): the tests build the shipped report there, never in the repository."""
    (folder / "data").mkdir(parents=True)
    shutil.copy(REPORT, folder / "data" / "report.yaml")
    (folder / "aimap.toml").write_text(MARKER, encoding="utf-8")
    if warm is not None:
        seed_cache(folder, warm)
    return folder


def fixture_copy(source: Path, folder: Path, warm: Path) -> Path:
    """A copy of a fixture report project (tests/fixtures/...) at `folder`, with the warm cache:
    its builds write there, never into the fixture."""
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("dist", "figures", ".aimap-cache"))
    seed_cache(folder, warm)
    return folder


@pytest.fixture(scope="session")
def shipped_project(tmp_path_factory, warm_cache) -> Path:
    """The shipped report as a project of its own, for builds that write elsewhere with --out
    (its cache warms up as they run)."""
    return shipped_copy(tmp_path_factory.mktemp("shipped"), warm_cache)


@pytest.fixture(scope="session")
def shipped_outputs(shipped_project, tmp_path_factory) -> Path:
    """Every output of the shipped report (`build`: figures, both PDFs, the deck, the web
    edition), made once per test process for the tests that only read them."""
    out = tmp_path_factory.mktemp("shipped-dist")
    result = run_cli("build", "--quiet", "--out", str(out), cwd=shipped_project)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def second_project(tmp_path_factory, warm_cache) -> Path:
    """A copy of the second fixture report (tests/fixtures/second) to build in."""
    return fixture_copy(SECOND, tmp_path_factory.mktemp("second") / "project", warm_cache)


@pytest.fixture(scope="session")
def second_outputs(second_project) -> Path:
    """Every output of the second fixture report (`build`), in its copy's dist/, made once per
    test process."""
    result = run_cli("build", "--quiet", cwd=second_project)
    assert result.returncode == 0, result.stderr
    return second_project / "dist"


@pytest.fixture
def project(tmp_path, monkeypatch, warm_cache):
    """A working folder holding a copy of the shipped report and a warm cache; returns a
    writer for variants."""
    shipped_copy(tmp_path, warm_cache)
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



def held_build(stage: str, *args: str, cwd: Path | None = None) -> subprocess.Popen:
    """A command that stops itself (SIGSTOP) once the build's stage `stage` ends (the build's
    test hook, AIMAP_PUBLISH_TEST_HOLD); returned when it has. Signals sent to it then are
    taken when it is let go on with SIGCONT."""
    import time

    env = {**os.environ, "AIMAP_PUBLISH_TEST_HOLD": stage, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "aimap_publish", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while process_state(proc.pid) != "T":
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, f"the build never reached the end of {stage!r}"
        time.sleep(0.02)
    return proc


def process_state(pid: int) -> str:
    """The state letter of process `pid` in /proc (T: stopped, Z: a zombie; "" when gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return ""
