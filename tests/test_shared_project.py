"""A shared project cannot hurt its user: the attacks a project from a colleague or a download
might bring, each a test named after what it tried. The build writes only what it made, project
templates run without Python, and the live preview answers only this machine."""
from __future__ import annotations

import http.client
import os
import signal
import time
from pathlib import Path

from conftest import held_build, process_state, run_cli


ID = "china-ai-map-2026"
WEB = Path("dist") / f"{ID}-web"


def test_a_symlinked_assets_folder_is_refused_and_nothing_it_points_to_is_deleted(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "precious.txt").write_text("keep me", encoding="utf-8")
    WEB.mkdir(parents=True)
    (WEB / "assets").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("web", "--quiet")
    assert result.returncode == 1, result.stderr
    assert "a symbolic link" in result.stderr and "remove the link" in result.stderr
    assert "Traceback" not in result.stderr
    assert (elsewhere / "precious.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]


def test_files_the_user_added_to_the_web_folder_are_kept(project):
    assert run_cli("web", "--quiet").returncode == 0
    (WEB / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    (WEB / "assets" / "analytics.js").write_text("/* the user's own */\n", encoding="utf-8")
    before = {p.name for p in (WEB / "assets").iterdir()}
    text = Path("data/report.yaml").read_text(encoding="utf-8")
    project(text.replace("核心发现", "核心的发现", 1))           # a new page: new content-hashed assets
    assert run_cli("web", "--quiet").returncode == 0
    assert (WEB / "robots.txt").is_file() and (WEB / "assets" / "analytics.js").is_file()
    after = {p.name for p in (WEB / "assets").iterdir()}
    assert "analytics.js" in after and before & after        # ours replaced as needed, the user's kept


def test_a_project_template_cannot_reach_python(project):
    project("{{ cycler.__init__.__globals__.os.popen('echo pwned-by-template').read() }}\n",
            name="templates/web/index.html.j2")
    result = run_cli("web", "--quiet")
    assert result.returncode == 1, result.stderr
    assert "template error" in result.stderr and "Traceback" not in result.stderr
    assert not WEB.exists() or "pwned-by-template" not in (WEB / "index.html").read_text(encoding="utf-8")


def test_a_template_linked_to_a_file_outside_the_project_is_not_read(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("secret") / "secret.env"
    secret.write_text("API_KEY=do-not-publish\n", encoding="utf-8")
    Path("templates/web").mkdir(parents=True)
    Path("templates/web/index.html.j2").symlink_to(secret)
    result = run_cli("web", "--quiet")
    assert result.returncode == 1, result.stderr
    assert "do-not-publish" not in result.stderr
    assert not WEB.exists() or "do-not-publish" not in (WEB / "index.html").read_text(encoding="utf-8")


def test_the_preview_answers_only_this_machine(project, tmp_path_factory):
    from aimap_publish.preview import Preview

    assert run_cli("web", "--quiet").returncode == 0
    outside = tmp_path_factory.mktemp("outside")
    (outside / "private.txt").write_text("private", encoding="utf-8")
    (WEB / "leak").symlink_to(outside, target_is_directory=True)
    preview = Preview(WEB.resolve(), 0)
    port = preview.server.server_address[1]

    def get(path: str, host: str = f"127.0.0.1:{port}") -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body

    try:
        assert get("/")[0] == 200
        assert get("/", f"localhost:{port}")[0] == 200
        assert get("/", "attacker.example:80")[0] == 421                # DNS rebinding: another host's page
        assert get("/", f"127.0.0.1.attacker.example:{port}")[0] == 421
        assert get("/leak/private.txt")[0] == 404                         # no link followed out of the folder
        assert get("/assets/")[0] == 404                                   # no folder listing
        assert get("/%00")[0] == 400 and get("/%ff")[0] == 400            # bad paths, no traceback
        asset = next(p.name for p in (WEB / "assets").iterdir() if p.suffix == ".css")
        status, body = get(f"/assets/{asset}")
        assert status == 200 and body == (WEB / "assets" / asset).read_bytes()
    finally:
        preview.close()
        os.unlink(WEB / "leak")


def test_a_report_named_outside_the_project_is_refused_without_its_contents(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("secret") / "secret.env"
    secret.write_text("API_KEY: do-not-publish\n", encoding="utf-8")
    for named in (str(secret), "../" * 12 + str(secret).lstrip("/")):
        project(f'report = "{named}"\n', name="aimap.toml")
        result = run_cli("check")
        assert result.returncode == 1, result.stderr
        assert "aimap.toml:1: report: the report file must lie inside the project's folder" in result.stderr
        assert "do-not-publish" not in result.stderr + result.stdout


# ---- Caches it can trust --------------------------------------------------------------------

EVIL = '<script>document.title="pwned-by-cache"</script>'


def poison(cache: Path) -> int:
    """Put a script into every SVG of `cache`, as a shared project's cache might; how many."""
    svgs = list(cache.rglob("*.svg"))
    for svg in svgs:
        svg.write_text(svg.read_text(encoding="utf-8").replace("</svg>", f"{EVIL}</svg>"), encoding="utf-8")
    return len(svgs)


def test_a_cache_another_user_wrote_is_never_read(project, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("their-config")))
    assert run_cli("build", "--quiet").returncode == 0            # their machine fills the cache
    assert poison(Path(".aimap-cache")) > 0
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("my-config")))
    result = run_cli("build", "--quiet")                            # the project arrives here
    assert result.returncode == 0, result.stderr
    published = [WEB / "index.html", *Path("dist/figures").glob("*.svg")]
    assert len(published) > 1
    assert not [p for p in published if "pwned-by-cache" in p.read_text(encoding="utf-8")]


def test_a_script_in_this_users_cached_web_figure_is_drawn_over(project):
    assert run_cli("web", "--quiet").returncode == 0
    assert poison(Path(".aimap-cache/web-figures")) > 0
    result = run_cli("web", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "pwned-by-cache" not in (WEB / "index.html").read_text(encoding="utf-8")
    assert not [p for p in Path(".aimap-cache/web-figures").glob("*.svg") if "pwned" in p.read_text(encoding="utf-8")]


def test_svg_put_into_the_page_passes_the_allow_list():
    from aimap_publish.trust import svg_problem

    figure = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
              'viewBox="0 0 10 10"><style type="text/css">*{stroke-linecap: butt}</style>'
              '<g id="a"><path d="M0 0L1 1" style="fill: #123456"/>{}</g></svg>')
    assert svg_problem(figure.replace("{}", '<image xlink:href="data:image/png;base64,iVBORw0K"/>')) is None
    for attack in ('<script>alert(1)</script>', '<image xlink:href="x" onerror="alert(1)"/>',
                   '<a href="javascript:alert(1)"><text>t</text></a>', '<foreignObject><p>x</p></foreignObject>',
                   '<style>@import url(https://attacker.example/x.css);</style>',
                   '<path d="M0 0" style="fill: url(https://attacker.example/x)"/>',
                   '<image xlink:href="https://attacker.example/pixel.png"/>', '<animate onbegin="alert(1)"/>'):
        assert svg_problem(figure.replace("{}", attack)) is not None, attack


# ---- Writes only what it made, all or nothing ----------------------------------------------

def test_a_failed_commit_puts_every_previous_output_back(project, monkeypatch, capsys):
    from aimap_publish import output
    from aimap_publish.cli import main

    assert main(["build", "--quiet"]) == 0
    before = {p: p.read_bytes() for p in Path("dist").rglob("*") if p.is_file()}
    text = Path("data/report.yaml").read_text(encoding="utf-8")
    project(text.replace("核心发现", "核心的发现", 1))             # every output changes
    calls = []

    def fail_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        os.replace(source, target)

    monkeypatch.setattr(output, "replace", fail_second)
    assert main(["build", "--quiet"]) == 1
    assert len(calls) == 2 and "no space left on the device" in capsys.readouterr().err
    after = {p: p.read_bytes() for p in Path("dist").rglob("*") if p.is_file()}
    assert after == before                                     # the first, renamed, is back as it was
    assert not [p for p in Path("dist").rglob("*.tmp")]


def test_two_builds_committing_into_one_folder_leave_an_index_whose_assets_exist(tmp_path):
    from aimap_publish.output import Staging
    from aimap_publish.web import stage_web

    folder = tmp_path / "r-web"

    def files(style: bytes, name: str) -> dict[str, bytes]:
        return {"index.html": f'<link href="assets/{name}">'.encode(), f"assets/{name}": style}

    first = files(b"a{}", "app.1111111111.css")
    with Staging() as staging:
        stage_web(first, folder, staging)
        staging.commit()
    a, b = Staging(), Staging()
    stage_web(first, folder, a)                                   # A: its asset is there already
    stage_web(files(b"b{}", "app.2222222222.css"), folder, b)
    b.commit()                                                    # B removes A's asset (not in B's build)
    assert not (folder / "assets" / "app.1111111111.css").exists()
    a.commit()                                                    # A's index: its asset is written again
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index == '<link href="assets/app.1111111111.css">'
    assert (folder / "assets" / "app.1111111111.css").read_bytes() == b"a{}"
    assert sorted(p.name for p in (folder / "assets").iterdir()) == ["app.1111111111.css"]


def test_a_failed_first_build_leaves_no_new_folders(project):
    project("{% if %}\n", name="templates/web/index.html.j2")      # fails after the figures are staged
    result = run_cli("build", "--quiet")
    assert result.returncode == 1, result.stderr
    assert not Path("dist").exists()


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_children_die_with_a_killed_build(project):
    proc = held_build("lay out pdf", "build", "--quiet")         # the print PDF is being made in a child
    children = children_of(proc.pid)
    assert children, "the build runs its print PDF in a child process"
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 2
    while [c for c in children if process_state(c) not in ("", "Z")] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [c for c in children if process_state(c) not in ("", "Z")] == []


def test_a_stop_after_the_commit_exits_0_with_the_new_outputs(project):
    proc = held_build("commit", "build")
    proc.send_signal(signal.SIGINT)                               # arrives as the process ends
    proc.send_signal(signal.SIGCONT)
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert "wrote dist/china-ai-map-2026.pptx" in err and "stopped" not in err


# ---- A preview only for this machine --------------------------------------------------------

def test_the_preview_follows_the_reports_id(project):
    from aimap_publish.build import Options
    from aimap_publish.preview import Preview
    from aimap_publish.project import find_project
    from aimap_publish.watch import _rebuild_once

    assert run_cli("web", "--quiet").returncode == 0
    preview = Preview(WEB.resolve(), 0)
    try:
        text = Path("data/report.yaml").read_text(encoding="utf-8")
        project(text.replace(f"id: {ID}", "id: renamed-map", 1))
        options = Options.of(find_project(None, None), quiet=True, stages=frozenset({"figures", "web"}))
        _rebuild_once(options, preview)
        assert preview.folder.name == "renamed-map-web" and (preview.folder / "index.html").is_file()
    finally:
        preview.close()


def test_links_out_of_the_project_are_refused_before_anything_is_read_or_written(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "theme.toml").write_text('[colours]\nsecret = "do-not-publish"\n', encoding="utf-8")
    (outside / "cache").mkdir()
    for link, target in (("theme.toml", outside / "theme.toml"), (".aimap-cache", outside / "cache"),
                         ("fonts/brand.otf", Path("/usr/share/fonts"))):
        Path(link).parent.mkdir(parents=True, exist_ok=True)
        if Path(link).is_dir() and not Path(link).is_symlink():
            os.rename(link, f"{link}.kept")
        Path(link).symlink_to(target)
        result = run_cli("build", "--quiet")
        assert result.returncode == 1, (link, result.stderr)
        assert f"\n{link}: a symbolic link out of the project" in "\n" + result.stderr
        assert "do-not-publish" not in result.stderr and "Traceback" not in result.stderr
        assert list((outside / "cache").iterdir()) == [] and not Path("dist").exists()
        os.unlink(link)
