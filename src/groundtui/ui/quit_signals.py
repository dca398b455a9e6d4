"""A closed terminal (SIGHUP) or a kill (SIGTERM) ends the app as `q` does: the running reset is
logged partial and every waiting log write is tried before the process ends.

Textual leaves both signals at their default, which ends the process at once: a reset under way
then stays 'running' in the log until the next start closes it without an end time, and writes
still in the queue are gone.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import Protocol

HANG_UP_GRACE = 5.0
"""Seconds the app may take to end after the log is saved on a hang-up (the terminal is gone,
so nothing waits on it), before the process ends by itself."""


class Quittable(Protocol):
    is_headless: bool

    def shutdown(self) -> None: ...

    def exit(self, result: None = None, return_code: int = 0) -> None: ...


def quit_signals() -> tuple[signal.Signals, ...]:
    """The signals that end the app gently, where the platform has them."""
    names = ("SIGHUP", "SIGTERM")
    return tuple(getattr(signal, n) for n in names if hasattr(signal, n))


def follow_quit_signals(app: Quittable) -> None:
    """Make SIGHUP and SIGTERM save the day's log and end the app (a real terminal only: a
    headless test app leaves the test runner's signals alone)."""
    if app.is_headless or threading.current_thread() is not threading.main_thread():
        return
    loop = asyncio.get_running_loop()
    for sig in quit_signals():
        try:
            loop.add_signal_handler(sig, on_quit_signal, app, sig)
        except (NotImplementedError, RuntimeError, ValueError):  # no signals here (Windows)
            return


def on_quit_signal(app: Quittable, sig: int) -> None:
    """Log the running reset and save the queue first, then end like `q` (exit 128 + sig)."""
    app.shutdown()
    code = 128 + int(sig)
    if sig == getattr(signal, "SIGHUP", None):
        # The terminal is gone: restoring it may block on a dead line. Everything is saved, so
        # the process ends by itself if Textual does not finish in time.
        ender = threading.Timer(HANG_UP_GRACE, os._exit, args=(code,))
        ender.daemon = True
        ender.start()
    app.exit(return_code=code)
