"""The tool as a user installs it: a wheel into a fresh environment, then a new report project
made by `init` in an empty folder builds every output and writes nothing outside it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import ROOT

PACKAGED = {"aimap_publish/resources/theme.toml", "aimap_publish/resources/icc/FOGRA39.icc", "aimap_publish/resources/fonts/policy.toml",
            "aimap_publish/resources/templates/report.html.j2", "aimap_publish/resources/templates/report.css.j2",
            "aimap_publish/resources/templates/blocks/share.html.j2", "aimap_publish/resources/starter/report.yaml",
            "aimap_publish/resources/starter/aimap.toml", "aimap_publish/resources/labels.yaml"}


def build_wheel(tmp: Path) -> Path:
    """A wheel built from a copy of the repository's sources (the build leaves no files in it)."""
    source = tmp / "source"
    for name in ("src", "templates", "fonts"):
        shutil.copytree(ROOT / name, source / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp / "wheel"), str(source)], check=True, capture_output=True, timeout=300)
    return next((tmp / "wheel").glob("aimap_publish-*.whl"))


def fresh_environment(tmp: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed; its dependencies are taken from this
    environment's site-packages (a path entry, so nothing of this checkout comes with it)."""
    env = tmp / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = next(env.glob("lib/python*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--quiet",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    return env


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_the_wheel_carries_the_defaults_and_builds_a_new_project(tmp_path):
    wheel = build_wheel(tmp_path)
    assert PACKAGED <= set(zipfile.ZipFile(wheel).namelist())
    env = fresh_environment(tmp_path, wheel)
    tool = str(env / "bin" / "aimap-publish")
    where = subprocess.run([str(env / "bin" / "python"), "-c", "import aimap_publish; print(aimap_publish.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.startswith(str(env))                       # the installed copy, not this checkout

    empty = tmp_path / "work"
    empty.mkdir()
    assert subprocess.run([tool, "init", "new"], cwd=empty, capture_output=True).returncode == 0
    before = {"env": tree(env), "work": tree(empty), "home": tree(tmp_path / "wheel")}
    home = tmp_path / "home"
    home.mkdir()
    env_vars = {**os.environ, "HOME": str(home)}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "MPLCONFIGDIR"):
        env_vars.pop(name, None)
    result = subprocess.run([tool, "build", "--quiet"], cwd=empty / "new", capture_output=True, text=True,
                            timeout=600, env=env_vars)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (empty / "new" / "dist").iterdir()) == [
        "example-report-print.pdf", "example-report-screen.pdf", "example-report-slides.pdf", "example-report-web",
        "example-report.pptx", "figures"]
    after_work = {k: v for k, v in tree(empty).items() if not k.startswith("new/")}
    assert after_work == {k: v for k, v in before["work"].items() if not k.startswith("new/")}
    assert tree(env) == before["env"] and tree(tmp_path / "wheel") == before["home"]
    # no caches in the user's home either: only the key that names them (trust.py), the user's alone
    assert list(tree(home)) == [".config/aimap-publish/cache-key"]
    assert (home / ".config/aimap-publish/cache-key").stat().st_mode & 0o077 == 0
