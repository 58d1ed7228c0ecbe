"""Stopping a build: SIGINT (Ctrl-C), SIGTERM and SIGHUP end it with exit 128 + the signal,
its temporary files removed and the previous outputs untouched.

The handler records the signal and raises `Interrupted`. Raised inside a C callback of the PDF
engine the exception can be swallowed, so the recorded signal is checked again at the end of
every stage and before the outputs are committed: a stopped build never commits. A signal
that arrives during the commit (held back until it is done) or after it ends nothing: the build
is complete.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .output import STOP_SIGNALS

_received: list[int] = []
_committed: list[bool] = []        # once the outputs are in place, a stop only ends the process


class Interrupted(BaseException):
    """The build was asked to stop (a BaseException, so `except Exception` does not hold it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _handler(signum, frame):
    _received.append(signum)
    if not _committed:
        raise Interrupted(signum)


@contextmanager
def stoppable():
    """Within the block, a stop signal raises `Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    _committed.clear()
    previous = {sig: signal.signal(sig, _handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check() -> None:
    """Raise `Interrupted` if a stop signal arrived (even one whose exception was swallowed)."""
    if _received and not _committed:
        raise Interrupted(_received[0])


def rearm() -> None:
    """A new build begins (watch runs many): a stop signal undoes it again until it commits."""
    _committed.clear()
    check()


def was_committed() -> bool:
    """Whether the last build put its outputs in place."""
    return bool(_committed)


def committed() -> None:
    """The outputs are in place: a stop signal from now on no longer undoes the build."""
    _committed.append(True)
