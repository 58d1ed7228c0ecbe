"""A shared project cannot hurt its user: the attacks a project from a colleague or a download
might bring, each a test named after what it tried. The build writes only what it made, project
templates run without Python, and the live preview answers only this machine."""
from __future__ import annotations

import http.client
import os
from pathlib import Path

from conftest import run_cli

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
