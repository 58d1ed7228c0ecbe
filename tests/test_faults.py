"""Faults a build meets in the field, injected for real: stop signals at the end of each stage
(the build holds itself there through its test hook), a full disk and a read-only folder
(small tmpfs mounts, as root), two reports built at once, stale temporary files, and a print profile rebuilt from a clean cache. Wherever a build is
stopped or fails, the previous outputs stay byte-identical and no temporary file is left."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MARKER, REPORT, held_build, run_cli, seed_cache

GOOD = REPORT.read_text(encoding="utf-8")
# One edit that changes a paragraph and a figure: a torn commit would show old beside new.
CHANGED = GOOD.replace("核心**发现**", "核心**新发现**").replace("{zh: 开发工具, en: Dev Tools}", "{zh: 工具链, en: Toolchains}")
ROOT_USER = os.geteuid() == 0


def snapshot(out: Path) -> dict[str, bytes]:
    """The outputs in `out` (temporary files aside: `temporary_files` looks at those)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix != ".tmp"}


def temporary_files(*folders: Path) -> list[str]:
    return [p.name for folder in folders if folder.is_dir() for p in folder.rglob("*.tmp")]


@pytest.fixture(scope="module")
def last_good(tmp_path_factory, warm_cache) -> Path:
    """A project with a complete last good build in dist/."""
    folder = tmp_path_factory.mktemp("faults")
    (folder / "data").mkdir()
    (folder / "data" / "report.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "aimap.toml").write_text(MARKER, encoding="utf-8")
    seed_cache(folder, warm_cache)
    result = run_cli("build", "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def copy_project(last_good: Path, target: Path) -> Path:
    shutil.copytree(last_good, target, symlinks=True)
    (target / "data" / "report.yaml").write_text(CHANGED, encoding="utf-8")
    return target


STAGES = [("check content", signal.SIGINT), ("draw figures", signal.SIGTERM), ("lay out pdf", signal.SIGHUP),
          ("render slides", signal.SIGINT), ("write pdf", signal.SIGTERM), ("render web", signal.SIGHUP)]


@pytest.mark.parametrize("stage, sig", STAGES, ids=[f"{signal.Signals(s).name}-{n.replace(' ', '-')}" for n, s in STAGES])
def test_a_stop_signal_at_each_stage_leaves_the_previous_outputs(last_good, tmp_path, stage, sig):
    project = copy_project(last_good, tmp_path / "p")
    before = snapshot(project / "dist")
    proc = held_build(stage, "build", cwd=project)     # held at the end of the stage: no race with it
    proc.send_signal(sig)
    proc.send_signal(signal.SIGCONT)
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 128 + sig, err
    assert err.strip().splitlines()[-1] == (f"aimap-publish: stopped by {signal.Signals(sig).name}; "
                                            "previous outputs left as they were")
    assert snapshot(project / "dist") == before
    assert temporary_files(project / "dist", project / ".aimap-cache") == []


def test_a_killed_build_leaves_old_or_new_outputs_and_the_next_build_cleans_up(last_good, tmp_path):
    project = copy_project(last_good, tmp_path / "p")
    before = snapshot(project / "dist")
    proc = held_build("lay out pdf", "build", cwd=project)      # the PDFs staged or being staged
    proc.kill()
    proc.wait(timeout=60)
    after = snapshot(project / "dist")
    assert after == before                       # killed before the commit: nothing of it shows
    leftovers = temporary_files(project / "dist", project / ".aimap-cache")
    again = run_cli("build", "--quiet", cwd=project)
    assert again.returncode == 0, again.stderr
    assert temporary_files(project / "dist", project / ".aimap-cache") == []
    assert snapshot(project / "dist") != before
    print(f"temporary files left by the killed build, then removed: {len(leftovers)}")


def signed_temporary(folder: Path, name: str, pid: int) -> Path:
    """A temporary file as a build of `pid` names it (output.temporary)."""
    from aimap_publish.output import _tag

    return folder / f".{name}.{pid}.0badf00d{_tag(name, pid, '0badf00d')}.tmp"


def test_temporary_files_of_a_running_build_are_left_alone(last_good, tmp_path):
    project = copy_project(last_good, tmp_path / "p")
    dead = signed_temporary(project / "dist", "china-ai-map-2026.pptx", 999999999)
    alive = signed_temporary(project / "dist", "china-ai-map-2026.pptx", os.getpid())
    dead.write_bytes(b"x")
    alive.write_bytes(b"x")
    assert run_cli("slides", "--quiet", cwd=project).returncode == 0
    assert not dead.exists() and alive.exists()


def test_a_user_file_named_like_a_dead_builds_temporary_file_is_kept(last_good, tmp_path):
    project = copy_project(last_good, tmp_path / "p")
    lookalike = project / "dist" / ".china-ai-map-2026.pptx.999999999.0badf00d0badf00d.tmp"
    lookalike.write_bytes(b"the user's own")
    assert run_cli("slides", "--quiet", cwd=project).returncode == 0
    assert lookalike.read_bytes() == b"the user's own"


@pytest.fixture
def tmpfs(tmp_path):
    """A 1 MB tmpfs at tmp_path/mnt: too small for the outputs, and able to turn read-only."""
    if not ROOT_USER or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def stand_ins(out: Path) -> dict[str, bytes]:
    """Stand-ins for the last good outputs in `out`."""
    (out / "figures").mkdir(parents=True)
    for name in ("china-ai-map-2026-print.pdf", "china-ai-map-2026-screen.pdf", "china-ai-map-2026.pptx",
                 "figures/innovation-map.svg"):
        (out / name).write_bytes(b"last good build " + name.encode())
    return snapshot(out)


def test_a_full_disk_is_one_line_and_leaves_the_previous_outputs(last_good, tmp_path, tmpfs):
    before = stand_ins(tmpfs / "dist")
    result = run_cli("build", "--quiet", "--out", str(tmpfs / "dist"), cwd=last_good)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("aimap-publish: cannot use ") and "no space left on the device" in lines[0]
    assert snapshot(tmpfs / "dist") == before
    assert temporary_files(tmpfs) == []


def test_a_read_only_folder_is_one_line_and_leaves_the_previous_outputs(last_good, tmpfs):
    before = stand_ins(tmpfs / "dist")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = run_cli("slides", "--quiet", "--out", str(tmpfs / "dist"), cwd=last_good)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the file system is read-only" in lines[0], result.stderr
    assert snapshot(tmpfs / "dist") == before


def test_two_reports_built_at_once_never_swap_figures(last_good, tmp_path):
    """Two versions of one report (same id, other hub centre) built into two folders at once
    from one project: each PDF shows its own figure."""
    project = copy_project(last_good, tmp_path / "p")
    for name, centre in (("a", "中国AI生态甲"), ("b", "中国AI生态乙")):
        (project / "data" / f"{name}.yaml").write_text(GOOD.replace("center: {zh: 中国AI生态,", f"center: {{zh: {centre},"),
                                                       encoding="utf-8")
    for attempt in range(1):            # before staging, 6 of 6 such runs mixed the figures
        procs = {name: subprocess.Popen([sys.executable, "-m", "aimap_publish", "pdf", "--quiet", "--edition", "print",
                                         "--data", f"data/{name}.yaml", "--out", f"out-{name}-{attempt}"],
                                        cwd=project, stderr=subprocess.PIPE, text=True) for name in "ab"}
        for name, proc in procs.items():
            assert proc.wait(timeout=300) == 0, proc.stderr.read()
        for name, mine, other in (("a", "甲", "乙"), ("b", "乙", "甲")):
            text = subprocess.run(["pdftotext", str(project / f"out-{name}-{attempt}" / "china-ai-map-2026-print.pdf"),
                                   "-"], capture_output=True, text=True, check=True).stdout
            assert f"中国AI生态{mine}" in text and f"中国AI生态{other}" not in text


def test_environment_problems_are_one_line_each(last_good, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    os.mkfifo(tmp_path / "fifo.yaml")
    cases = [
        (["slides", "--out", str(tmp_path / "a-file")], 2, "is a file, not a folder: give --out a folder"),
        (["check", "--data", str(tmp_path / "loop1")], 2, "a symbolic link loop: give the report file itself"),
        (["check", "--data", str(tmp_path / "fifo.yaml")], 1, "not a regular file: give the report's YAML file"),
    ]
    for args, code, message in cases:
        result = run_cli(*args, cwd=last_good)
        assert result.returncode == code and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_an_unexpected_fault_is_one_line_with_exit_3_and_details_on_request(last_good, tmp_path):
    """A cached icon that is not an image (a damaged cache) is no content problem: an internal
    error, one line, the traceback only with --debug."""
    project = copy_project(last_good, tmp_path / "p")
    for icon in (project / ".aimap-cache" / "icons").glob("*.png"):
        icon.write_bytes(b"not a png")
    before = snapshot(project / "dist")
    result = run_cli("slides", "--quiet", cwd=project)
    assert result.returncode == 3
    assert result.stderr.startswith("aimap-publish: internal error: ") and "--debug" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    detailed = run_cli("slides", "--quiet", "--debug", cwd=project)
    assert detailed.returncode == 3 and "Traceback" in detailed.stderr
    assert snapshot(project / "dist") == before


def test_a_broken_project_template_names_its_file_and_line(last_good, tmp_path):
    project = copy_project(last_good, tmp_path / "p")
    (project / "templates" / "blocks").mkdir(parents=True)
    (project / "templates" / "blocks" / "quote.html.j2").write_text("<blockquote>\n{% if %}\n</blockquote>\n",
                                                                    encoding="utf-8")
    result = run_cli("pdf", "--quiet", "--edition", "screen", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0].startswith("templates/blocks/quote.html.j2:2: template error: ")
