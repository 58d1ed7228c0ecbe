"""The deck as a PDF for participants (`dist/<id>-slides.pdf`): the same slides, fonts embedded.

LibreOffice Impress prints the deck it was given (`soffice --headless --convert-to pdf`), so the
PDF is the deck as an office program lays it out, in the faces the deck names. LibreOffice runs
with a profile made for this conversion alone, in the project's cache, and removed after it:
a profile found in a project (a downloaded one, say) is configuration that could run macros, so
none is ever reused. Its temporary files and its home go there too; a build writes nowhere else.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import UsageError

PACKAGE = "libreoffice-impress"
TIMEOUT = 600                      # seconds: a deck of a thousand slides takes about five minutes
# Impress's PDF export: tagged (headings and reading order for screen readers), the slides only.
FILTER = 'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def soffice() -> str:
    """LibreOffice's command, or a usage error saying how to get it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UsageError(f"the deck's PDF needs LibreOffice, which is not installed: install Debian package "
                         f"{PACKAGE} (make setup), or leave the PDF out with --no-slides-pdf")
    return found


class Conversion:
    """LibreOffice converting `deck` to `target`, started at once; `join` waits for it and puts
    the PDF in place, `kill` stops it (a failed or stopped build)."""

    def __init__(self, deck: Path, name: str, target: Path, cache: Path, into: list):
        """`deck`: the staged deck; `name`: its file name once in place (LibreOffice names the
        PDF after it); `target`: where the PDF is staged."""
        command = soffice()
        cache.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="slides-pdf-", dir=cache))
        (self.folder / "tmp").mkdir()
        self.deck, self.target = self.folder / name, target
        shutil.copyfile(deck, self.deck)
        home = self.folder / "home"
        # LibreOffice's temporary files, and what its libraries keep in a home (dconf's settings,
        # caches), stay in the conversion's folder
        env = {**os.environ, "TMPDIR": str(self.folder / "tmp"), "HOME": str(home),
               "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_DATA_HOME": str(home / ".local/share"), "GSETTINGS_BACKEND": "memory"}
        self.process = subprocess.Popen(
            [command, "--headless", "--norestore", "--nolockcheck",
             f"-env:UserInstallation={(self.folder / 'profile').as_uri()}",
             "--convert-to", FILTER, "--outdir", str(self.folder / "out"), str(self.deck)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            start_new_session=True)
        into.append(self)

    def join(self) -> None:
        try:
            try:
                output, _ = self.process.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()
                raise UsageError(f"LibreOffice did not finish the deck's PDF in {TIMEOUT} s") from None
            made = self.folder / "out" / f"{self.deck.stem}.pdf"
            if self.process.returncode != 0 or not made.is_file():
                said = " ".join(output.decode("utf-8", "replace").split())[-300:]
                raise UsageError(f"LibreOffice could not make the deck's PDF (exit {self.process.returncode}"
                                 f"{': ' + said if said else ''})")
            shutil.move(made, self.target)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def kill(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
