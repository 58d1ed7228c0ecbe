"""Work beside the build: a stage run in a forked child process while the build goes on, so a
build keeps every core busy (the print PDF is laid out while the screen PDF, the deck and the
web edition are made). The child only writes its staged temporary file; the build waits for it
before committing, and what the child raised is raised again in the build, as if it had run
there. On any failure or stop of the build the children are killed first, then the staged
files are discarded."""
from __future__ import annotations

import errno
import os
import pickle
import signal
import threading
from typing import Callable

from .errors import ContentError
from .interrupts import Interrupted
from .output import STOP_SIGNALS


FORK_SAFE = "aimap-fork-safe-"    # names threads that take no lock a forked child needs


def can_fork() -> bool:
    """More than one core, and no thread but the main one and those named FORK_SAFE (the live
    preview's server, which only answers sockets): a thread holding a lock at the fork would
    leave it held in the child."""
    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and all(t is threading.main_thread() or t.name.startswith(FORK_SAFE) for t in threading.enumerate()))


class Child:
    def __init__(self, work: Callable[[], object], into: list):
        """Fork a child doing `work` and add it to `into` (the build's children) with the stop
        signals held, so a stop never finds a child the build does not know of."""
        read, write = os.pipe()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:                                # the child: do the work, report, leave at once
                _die_with(parent)
                for sig in STOP_SIGNALS:                # a stop ends it; the build kills it anyway
                    signal.signal(sig, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                os.close(read)
                try:
                    code, payload = 0, ("ok", work())
                except BaseException as error:          # noqa: BLE001 - carried to the build
                    code, payload = 1, _portable(error)
                try:
                    with os.fdopen(write, "wb") as out:
                        pickle.dump(payload, out)
                finally:
                    os._exit(code)                      # no cleanup of the build's: it is the parent's
            os.close(write)
            self.pid, self.read, self.joined, self.value = pid, read, False, None
            into.append(self)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def join(self):
        """Wait for the child; return what its work returned, or raise what it raised (once: a
        child joined before returns its value again)."""
        if self.joined:
            return self.value
        with os.fdopen(self.read, "rb") as source:
            try:
                payload = pickle.load(source)
            except EOFError:
                payload = None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if payload is not None and payload[0] != "ok":
            raise _restored(payload)
        if status != 0 or payload is None:
            raise RuntimeError(f"a rendering process ended abnormally (status {status})")
        self.joined, self.value = True, payload[1]
        return self.value

    def kill(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.pid = None
        try:
            os.close(self.read)
        except OSError:
            pass


def _die_with(parent: int) -> None:
    """The child is killed when the build's process ends, however it ends (SIGKILL too): the
    kernel's parent-death signal (Linux), and at once if the parent is already gone."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass                                            # not Linux: the build kills it on the way out
    if os.getppid() != parent:
        os._exit(1)


def _portable(error: BaseException) -> tuple:
    if isinstance(error, ContentError):
        return ("content", error.problems)
    if isinstance(error, Interrupted):
        return ("stop", error.signum)
    if isinstance(error, OSError):
        return ("os", error.errno, error.strerror, error.filename)
    return ("other", type(error).__name__, str(error))


def _restored(payload: tuple) -> BaseException:
    kind, *rest = payload
    if kind == "content":
        return ContentError(rest[0])
    if kind == "stop":
        return Interrupted(rest[0])
    if kind == "os":
        number, text, filename = rest
        return OSError(number, text or os.strerror(number or errno.EIO), filename)
    return RuntimeError(f"{rest[0]}: {rest[1]}")
