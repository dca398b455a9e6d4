"""Slow reads that never hold up quitting.

Textual's thread workers run on asyncio's default executor, and the app's event loop waits for
those threads when it closes: a 40 MB calendar still being parsed would keep a quit waiting.
``off_thread`` runs the work on a daemon thread instead and waits for it from inside the
worker, giving up as soon as the worker is cancelled (the app quitting, or a newer read
replacing this one). An abandoned read ends with the process; it never writes anything the
user logged (the log's own writer thread is separate and drained on quit).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.worker import get_current_worker

T = TypeVar("T")

POLL_SECONDS = 0.05


class Cancelled(Exception):
    """The worker waiting for the work was cancelled; nothing should use the result."""


class _Box(Generic[T]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: T | None = None
        self.error: BaseException | None = None


def off_thread(work: Callable[[], T], *, name: str = "groundtui-read") -> T:
    """``work()`` run on a daemon thread; call from a thread worker. Raises ``Cancelled`` when
    the worker is cancelled first, and re-raises whatever ``work`` raised."""
    box: _Box[T] = _Box()

    def run() -> None:
        try:
            box.value = work()
        except BaseException as err:  # handed to the waiting worker
            box.error = err
        finally:
            box.done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    worker = get_current_worker()
    while not box.done.wait(POLL_SECONDS):
        if worker.is_cancelled:
            raise Cancelled
    if worker.is_cancelled:
        raise Cancelled
    if box.error is not None:
        raise box.error
    return box.value  # type: ignore[return-value]
