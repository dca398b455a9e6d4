"""Log writes off the UI thread, in order, with nothing lost on quit.

The app never waits on the database: ``begin`` hands back a local handle at once and a single
writer thread does the real work in the order it was asked. ``close`` drains the queue.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol


class LogSink(Protocol):
    """What the day tracker needs from a log store (``logstore.LogStore`` is one)."""

    def begin(
        self,
        *,
        gap_start: datetime,
        gap_end: datetime,
        exercise: str,
        kind: str,
        started_at: datetime,
        before: int | None = None,
    ) -> int: ...

    def finish(
        self,
        record_id: int,
        *,
        outcome: str,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> None: ...

    def record(
        self,
        *,
        gap_start: datetime,
        gap_end: datetime,
        exercise: str,
        kind: str,
        outcome: str,
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        before: int | None = None,
        after: int | None = None,
    ) -> int: ...


class QueuedLog:
    """A ``LogSink`` that forwards every call to ``store`` on one background thread."""

    def __init__(
        self, store: LogSink | None = None, on_error: Callable[[Exception], None] | None = None
    ) -> None:
        self.store = store
        self._ready = threading.Event()
        if store is not None:
            self._ready.set()
        self._on_error = on_error
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._ids: dict[int, int] = {}
        self._next_handle = 1
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="groundtui-log", daemon=True)
        self._thread.start()

    def attach(self, store: LogSink) -> None:
        """Give the queue its store; writes asked for before this now go through, in order."""
        self.store = store
        self._ready.set()

    def _run(self) -> None:
        self._ready.wait()
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except Exception as err:  # report, never lose the writer thread
                if self._on_error is not None:
                    self._on_error(err)
            finally:
                self._jobs.task_done()

    def _handle(self) -> int:
        with self._lock:
            handle = self._next_handle
            self._next_handle += 1
            return handle

    def begin(self, **fields: Any) -> int:
        handle = self._handle()

        def job() -> None:
            assert self.store is not None
            self._ids[handle] = self.store.begin(**fields)

        self._jobs.put(job)
        return handle

    def finish(self, record_id: int, **fields: Any) -> None:
        def job() -> None:
            real = self._ids.pop(record_id, None)
            if real is not None and self.store is not None:
                self.store.finish(real, **fields)

        self._jobs.put(job)

    def record(self, **fields: Any) -> int:
        handle = self._handle()

        def job() -> None:
            assert self.store is not None
            self.store.record(**fields)

        self._jobs.put(job)
        return handle

    def flush(self) -> None:
        """Wait until every queued write is done (no-op while no store is attached)."""
        if self._ready.is_set():
            self._jobs.join()

    def close(self) -> None:
        """Drain the queue and stop the writer thread."""
        if self._thread.is_alive() and self._ready.is_set():
            self._jobs.put(None)
            self._thread.join()
