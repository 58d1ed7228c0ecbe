"""The live preview of `watch`: the web edition's folder served on 127.0.0.1, and a stream of
events (Server-Sent Events) telling the open pages that the content changed or has a problem.

The page served is the built index.html with one script added (nothing of it is in the
published folder): on "changed" it fetches the new page and swaps its body in, keeping the
reader's place; on "problem" it shows the problem over the last good content.

The preview is for this machine only: a request naming another host (a page elsewhere reaching
it by DNS rebinding) is refused (421), only regular files inside the served folder are served
(no symbolic link out of it, no folder listing), and a malformed path is a 400.
"""
from __future__ import annotations

import json
import mimetypes
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .parallel import FORK_SAFE

LIVE = """<script>
(function () {
  var events = new EventSource("/__events");
  function note(text) {
    var box = document.getElementById("__problem");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "__problem";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:8px;right:8px;bottom:8px;max-height:50vh;overflow:auto;margin:0;" +
        "padding:12px;background:#fff3f3;color:#8a0015;border:2px solid #c8102e;font:14px/1.5 monospace;" +
        "white-space:pre-wrap;z-index:9999";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }
  events.onmessage = function (event) {
    var message = JSON.parse(event.data);
    if (message.kind === "problem") { note(message.text); return; }
    fetch("/index.html", {cache: "no-store"}).then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var y = window.scrollY;
        document.body.replaceWith(page.body);
        window.scrollTo(0, y);
        var again = document.createElement("script");          // the language switch, on the new body
        again.src = page.querySelector("script[src]").getAttribute("src");
        document.body.appendChild(again);
        note("");
        window.__aimapVersion = message.version;
      });
  };
})();
</script>"""


class _Server(ThreadingHTTPServer):
    """Each request in a thread named fork-safe: it only reads files and writes to its socket, so
    the build may fork its children while pages are open (parallel.can_fork)."""

    def process_request(self, request, client_address):
        threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True,
                         name=f"{FORK_SAFE}request").start()


class Preview:
    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.version = 0
        self.last: dict | None = None
        self.condition = threading.Condition()
        handler = partial(_Handler, preview=self)
        self.server = _Server(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name=f"{FORK_SAFE}server")
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def changed(self) -> None:
        self._send({"kind": "changed"})

    def problem(self, text: str) -> None:
        self._send({"kind": "problem", "text": text})

    def _send(self, message: dict) -> None:
        with self.condition:
            self.version += 1
            self.last = {**message, "version": self.version}
            self.condition.notify_all()

    def wait(self, seen: int, timeout: float) -> dict | None:
        """The newest message after version `seen`, or None after `timeout` seconds."""
        with self.condition:
            self.condition.wait_for(lambda: self.version > seen, timeout)
            return self.last if self.version > seen else None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:          # the watch's own lines are enough
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            return self._refuse(421, "this preview answers only http://127.0.0.1:%d/" % port)
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            path = None
        if path is None or "\0" in path or not path.startswith("/"):
            return self._refuse(400, "bad path")
        if path == "/__events":
            return self._events()
        if path in ("/", "/index.html"):
            page = (self.preview.folder / "index.html").read_text(encoding="utf-8")
            return self._send_body(page.replace("</body>", LIVE + "\n</body>", 1).encode(), "text/html; charset=utf-8")
        return self._file(path)

    def _file(self, path: str) -> None:
        """A regular file inside the served folder (after following any link), else 404."""
        root = self.preview.folder.resolve()
        try:
            target = (root / path.lstrip("/")).resolve()
            inside = target.is_relative_to(root) and target.is_file()
        except (OSError, ValueError):
            inside = False
        if not inside:
            return self._refuse(404, "not found")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return self._send_body(target.read_bytes(), kind)

    def _send_body(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, code: int, text: str) -> None:
        body = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = self.preview.version
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                message = self.preview.wait(seen, 15.0)
                if message is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    seen = message["version"]
                    self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
