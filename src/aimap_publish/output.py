"""Writing safely: every output of a build is written to a temporary file beside its target and
renamed into place only when all of them are written (with the stop signals held back for
those few renames), so a failed, stopped or killed build leaves the previous outputs as they
were. Caches are written the same way, one file at a time, under names made from their content
so that builds running at once never read each other's files.

Temporary files are named `.<name>.<pid>.<random>.tmp`; one left by a killed build is removed by
the next build that writes into the same folder.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TMP = re.compile(r"^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$")
MANIFEST = ".aimap-outputs"      # beside a folder the tool prunes: the names of the files it wrote there
HASHED = re.compile(r"^[a-z0-9-]+\.[0-9a-f]{10}\.[a-z0-9]+$")      # its content-hashed assets


def real_folders(folders, display) -> None:
    """Refuse output folders that are symbolic links: what the build prunes there would be files
    elsewhere (a ContentError: the project's output folder is at fault, not the tool)."""
    from .errors import ContentError, Problem

    for folder in folders:
        if folder.is_symlink():
            raise ContentError([Problem(display(folder), 0, "", f"a symbolic link (to {os.readlink(folder)}): the "
                                                                "build writes only into real folders; remove the link")])


def temporary(target: Path) -> Path:
    """A new temporary name beside `target`, unique to this process and call."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def atomic_write(target: Path, data: bytes) -> None:
    """Write `data` to `target` all at once (readers see the old file or the new one)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_stale(folder: Path) -> None:
    """Remove temporary files in `folder` left by builds that are no longer running."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        match = TMP.match(path.name)
        if match and not _running(int(match.group(1))):
            path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Staging:
    """Temporary files for a build's outputs; `commit` renames them all, `discard` removes."""

    def __init__(self):
        self._pending: dict[Path, Path] = {}
        self._prune: list[tuple[Path, set[str]]] = []

    def prune(self, folder: Path, keep: set[str]) -> None:
        """At the commit, remove the files this tool wrote into `folder` before (its manifest, or
        without one its content-hashed names) that are not in `keep`; files others put there stay.
        The folder's new manifest names `keep`."""
        manifest = folder.with_name(f"{MANIFEST}-{folder.name}")
        try:
            wrote = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else None
        except (OSError, UnicodeDecodeError):
            wrote = None
        if wrote is None:
            wrote = {p.name for p in folder.iterdir() if HASHED.match(p.name)} if folder.is_dir() else set()
        self.path(manifest).write_text("\n".join(sorted(keep)) + "\n", encoding="utf-8")
        self._prune.append((folder, wrote - keep))

    def path(self, target: Path) -> Path:
        """Where to write the output `target` until the commit (a new place each time: what was
        staged for it before is dropped)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target.parent)
        if target in self._pending:
            self._pending[target].unlink(missing_ok=True)
        tmp = temporary(target)
        self._pending[target] = tmp
        return tmp

    def copy(self, source: Path, target: Path) -> bool:
        """Stage `target` as a copy of `source` (a cached file) unless it already holds the same
        bytes; True when it will be written."""
        data = source.read_bytes()
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
        self.path(target).write_bytes(data)
        return True

    def commit(self) -> list[Path]:
        """Rename every staged file into place, with the stop signals held until all are."""
        from .interrupts import check, committed

        check()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            for target, tmp in self._pending.items():
                os.replace(tmp, target)
            for folder, stale in self._prune:
                for name in stale:
                    path = folder / name
                    if not folder.is_symlink() and (path.is_file() or path.is_symlink()):
                        path.unlink()       # a link itself, never what it points to
            committed()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        done, self._pending, self._prune = list(self._pending), {}, []
        return done

    def discard(self) -> None:
        for tmp in self._pending.values():
            tmp.unlink(missing_ok=True)
        self._pending = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.discard()
