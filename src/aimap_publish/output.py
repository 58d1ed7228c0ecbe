"""Writing safely: every output of a build is written to a temporary file beside its target and
renamed into place only when all of them are written (with the stop signals held back for
those few renames), so a failed, stopped or killed build leaves the previous outputs as they
were. Caches are written the same way, one file at a time, under names made from their content
so that builds running at once never read each other's files.

Temporary files are named `.<name>.<pid>.<random><tag>.tmp`, the tag a keyed hash of the rest
(only this user's builds make it); one left by a killed build is removed by the next build that
writes into the same folder, and no other file.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
from contextlib import contextmanager
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TMP = re.compile(r"^\.(.+)\.(\d+)\.([0-9a-f]{8})([0-9a-f]{8})\.tmp$")
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
    """A new temporary name beside `target`, unique to this process and call, and signed
    (trust.cache_name): a user's file that only looks like one is never taken for it."""
    pid, nonce = os.getpid(), secrets.token_hex(4)
    return target.with_name(f".{target.name}.{pid}.{nonce}{_tag(target.name, pid, nonce)}.tmp")


def _tag(name: str, pid: int, nonce: str) -> str:
    from .trust import cache_name

    return cache_name("temporary", name, str(pid), nonce, length=8)


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
        if (match and match.group(4) == _tag(match.group(1), int(match.group(2)), match.group(3))
                and not _running(int(match.group(2)))):
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
    """Temporary files for a build's outputs; `commit` puts them all in place, `discard`
    removes them (and the folders made for them)."""

    def __init__(self):
        self._pending: dict[Path, Path] = {}
        self._expected: dict[Path, bytes] = {}
        self._prune: list[tuple[Path, set[str]]] = []
        self._made: list[Path] = []

    def prune(self, folder: Path, keep: set[str]) -> None:
        """At the commit, remove the files this tool wrote into `folder` before (its manifest
        `.aimap-outputs-<folder>` beside it, or without one its content-hashed names) that are
        not in `keep`; files others put there stay. The folder's new manifest names `keep`."""
        self._prune.append((folder, set(keep)))

    def expect(self, target: Path, data: bytes) -> None:
        """`target` is an output that should hold `data` already (an unchanged asset): the
        commit writes it if, by then, it does not (another build into the folder removed it)."""
        self._expected[target] = data

    def _mkdir(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self._made += [p for p in reversed(missing) if p not in self._made]

    def path(self, target: Path) -> Path:
        """Where to write the output `target` until the commit (a new place each time: what was
        staged for it before is dropped)."""
        self._mkdir(target.parent)
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
            self.expect(target, data)
            return False
        self.path(target).write_bytes(data)
        return True

    def commit(self) -> list[Path]:
        """Put every staged file in place, all or nothing: with the stop signals held and the
        output folders locked against other builds committing into them, each target is renamed
        over (its previous file kept aside until all are in); if any rename fails, every target
        gets its previous file back and the error is raised. Then the manifests are renewed and
        the files they no longer name removed."""
        from .interrupts import check, committed

        check()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            with _locked(sorted({t.parent for t in (*self._pending, *self._expected)} | {f for f, _ in self._prune})):
                for target, data in self._expected.items():
                    if target not in self._pending and not _holds(target, data):
                        self.path(target).write_bytes(data)
                stale = self._manifests()
                self._replace_all()
                committed()
                for path in stale:
                    try:
                        path.unlink()       # a link itself, never what it points to
                    except OSError:
                        pass                # left for the next build: it is still in no manifest
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        done = [t for t in self._pending if not t.name.startswith(MANIFEST)]
        self._pending, self._expected, self._prune, self._made = {}, {}, [], []
        return done

    def _manifests(self) -> list[Path]:
        """Stage each pruned folder's new manifest; the files to remove once all are in place."""
        stale: list[Path] = []
        for folder, keep in self._prune:
            manifest = folder.with_name(f"{MANIFEST}-{folder.name}")
            try:
                wrote = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else None
            except (OSError, UnicodeDecodeError):
                wrote = None
            if wrote is None:
                wrote = {p.name for p in folder.iterdir() if HASHED.match(p.name)} if folder.is_dir() else set()
            self.path(manifest).write_text("\n".join(sorted(keep)) + "\n", encoding="utf-8")
            if not folder.is_symlink():
                stale += [folder / name for name in sorted(wrote - keep)
                          if "/" not in name and name not in (".", "..")
                          and ((folder / name).is_file() or (folder / name).is_symlink())]
        return stale

    def _replace_all(self) -> None:
        kept: list[tuple[Path, Path | None]] = []       # each target put in place, and its previous file
        try:
            for target, tmp in self._pending.items():
                aside = None
                if target.is_file() and not target.is_symlink():
                    aside = temporary(target)
                    os.link(target, aside)
                kept.append((target, aside))
                replace(tmp, target)
        except BaseException:
            for target, aside in reversed(kept):
                try:
                    if aside is not None:
                        os.replace(aside, target)
                    else:
                        target.unlink(missing_ok=True)
                except OSError:
                    pass
            raise
        finally:
            for _, aside in kept:
                if aside is not None:
                    aside.unlink(missing_ok=True)

    def discard(self) -> None:
        for tmp in self._pending.values():
            tmp.unlink(missing_ok=True)
        self._pending, self._expected, self._prune = {}, {}, []
        for folder in reversed(self._made):      # the folders made for this build, if still empty
            try:
                folder.rmdir()
            except OSError:
                pass
        self._made = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.discard()


replace = os.replace      # the rename of a commit (a test makes the n-th one fail)


@contextmanager
def _locked(folders):
    """An exclusive lock on each existing folder (flock on the folder itself: no lock file),
    taken in one order so that two commits never wait on each other."""
    import fcntl

    held = []
    try:
        for folder in folders:
            try:
                fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                continue
            held.append(fd)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in held:
            os.close(fd)


def _holds(target: Path, data: bytes) -> bool:
    try:
        return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False
