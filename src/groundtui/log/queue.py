"""Log writes off the UI thread, in order; a write that fails is kept, retried and never lost
in silence.

The app never waits on the database: ``begin`` hands back a local handle at once and a single
writer thread does the real work in the order it was asked. When the file cannot take a write
(disk full, read-only, damaged) that write and every later one wait in memory, in order; the
writer says so at once (``on_status``), tries again every ``retry_seconds`` and on ``flush``,
and says when all is saved. ``close`` tries a last time and returns what could not be saved.
"""

from __future__ import annotations

import dataclasses
import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from groundtui.log.records import (
    NOT_LOGGED,
    LogRecord,
    LogWriteError,
    Outcome,
    ResetEntry,
    outcome_of,
    sort_key,
)

RETRY_SECONDS = 15.0
"""How often waiting writes are tried again."""


class LogSink(Protocol):
    """What the day needs from a log (``LogStore`` and ``QueuedLog`` are ones)."""

    def begin(self, entry: ResetEntry) -> int: ...

    def finish(
        self,
        record_id: int,
        *,
        outcome: str,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> None: ...

    def record(self, entry: ResetEntry) -> int: ...


class LogBackend(LogSink, Protocol):
    """A sink that can be read back, too (``LogStore``)."""

    def records(self, since: date, until: date) -> list[LogRecord]: ...


@dataclass(frozen=True)
class _Begin:
    handle: int
    entry: ResetEntry


@dataclass(frozen=True)
class _Finish:
    handle: int
    outcome: Outcome
    ended_at: datetime
    after: int | None
    before: int | None


@dataclass(frozen=True)
class _Record:
    handle: int
    entry: ResetEntry


_Op = _Begin | _Finish | _Record
_STOP = object()
_RETRY = object()


def _one_line(err: Exception) -> str:
    if isinstance(err, LogWriteError):
        return str(err)
    text = " ".join(str(err).split()) or type(err).__name__
    return (
        f"The reset log could not be written ({text}); new resets are kept and saved once it can."
    )


class QueuedLog:
    """A ``LogSink`` that forwards every call to ``store`` on one background thread."""

    def __init__(
        self,
        store: LogBackend | LogSink | None = None,
        *,
        on_status: Callable[[str | None], object] | None = None,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self.store = store
        self.retry_seconds = retry_seconds
        self.failure: str | None = None
        """Why the waiting writes could not be saved (one line), or None while all is saved."""
        self._on_status = on_status
        self._ready = threading.Event()
        if store is not None:
            self._ready.set()
        self._jobs: queue.Queue[object] = queue.Queue()
        self._pending: list[_Op] = []
        self._begun: dict[int, ResetEntry] = {}
        self._ids: dict[int, int] = {}
        self._next_handle = 1
        self._lock = threading.Lock()
        self._busy = threading.RLock()
        """Held while a write is applied, so a reader never sees one both waiting and saved."""
        self._thread = threading.Thread(target=self._run, name="groundtui-log", daemon=True)
        self._thread.start()

    def attach(self, store: LogBackend | LogSink) -> None:
        """Give the queue its store; writes asked for before this now go through, in order."""
        self.store = store
        self._ready.set()

    # ---------------------------------------------------------------- the sink

    def _handle(self) -> int:
        with self._lock:
            handle = self._next_handle
            self._next_handle += 1
            return handle

    def begin(self, entry: ResetEntry) -> int:
        handle = self._handle()
        self._jobs.put(_Begin(handle, entry))
        return handle

    def finish(
        self,
        record_id: int,
        *,
        outcome: str,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> None:
        self._jobs.put(_Finish(record_id, outcome_of(outcome), ended_at, after, before))

    def record(self, entry: ResetEntry) -> int:
        if entry.outcome is None:
            raise ValueError("a recorded reset needs its outcome")
        handle = self._handle()
        self._jobs.put(_Record(handle, entry))
        return handle

    # ---------------------------------------------------------------- the writer

    def _run(self) -> None:
        self._ready.wait()
        while True:
            try:
                job = self._jobs.get(timeout=self.retry_seconds if self._pending else None)
            except queue.Empty:
                self._drain()
                continue
            try:
                if isinstance(job, _Begin | _Finish | _Record):
                    with self._lock:
                        self._pending.append(job)
                self._drain()
                if job is _STOP:
                    return
            finally:
                self._jobs.task_done()

    def _drain(self) -> None:
        """Write what waits, in order; stop at the first write the file does not take."""
        while True:
            with self._busy:
                with self._lock:
                    if not self._pending:
                        break
                    op = self._pending[0]
                try:
                    self._apply(op)
                except (ValueError, TypeError) as err:
                    # A write that can never succeed (a closed store, a programming error):
                    # dropped, and said, so it does not hold up the rest.
                    self._forget(op)
                    self._status(f"The reset log refused a reset ({' '.join(str(err).split())}).")
                    continue
                except Exception as err:
                    self.failure = _one_line(err)
                    self._status(self.status_line())
                    return
                self._forget(op)
        if self.failure is not None:
            self.failure = None
            self._status(None)

    def _apply(self, op: _Op) -> None:
        store = self.store
        assert store is not None
        if isinstance(op, _Begin):
            self._ids[op.handle] = store.begin(op.entry)
        elif isinstance(op, _Record):
            store.record(op.entry)
        else:
            real = self._ids.get(op.handle)
            if real is not None:
                store.finish(
                    real, outcome=op.outcome, ended_at=op.ended_at, after=op.after, before=op.before
                )

    def _forget(self, op: _Op) -> None:
        """``op`` is done with: off the waiting list (a begin stays known for its finish)."""
        with self._lock:
            self._pending.remove(op)
            if isinstance(op, _Begin):
                self._begun[op.handle] = op.entry
            elif isinstance(op, _Finish):
                self._begun.pop(op.handle, None)
                self._ids.pop(op.handle, None)

    def _status(self, text: str | None) -> None:
        if self._on_status is not None:
            self._on_status(text)

    def status_line(self) -> str | None:
        """One line for the main screen while writes wait, else None."""
        if self.failure is None:
            return None
        count = len(self.waiting())
        return f"{self.failure} ({count} waiting)" if count else self.failure

    # ---------------------------------------------------------------- control

    def retry(self) -> None:
        """Try the waiting writes again now (on the writer thread)."""
        self._jobs.put(_RETRY)

    def flush(self) -> None:
        """Wait until every queued write has been tried (no-op while no store is attached)."""
        if self._ready.is_set() and self._thread.is_alive():
            self._jobs.join()

    def close(self) -> list[LogRecord]:
        """Try every write a last time, stop the writer; returns what could not be saved."""
        if self._thread.is_alive() and self._ready.is_set():
            self._jobs.put(_STOP)
            self._thread.join()
        return self.waiting()

    # ---------------------------------------------------------------- reading

    def waiting(self) -> list[LogRecord]:
        """The resets that have not reached the file, as a reader would see them."""
        with self._lock:
            ops = list(self._pending)
            begun = dict(self._begun)
            ids = dict(self._ids)
        shown: dict[int, LogRecord] = {}
        for op in ops:
            if isinstance(op, _Begin | _Record):
                begun.setdefault(op.handle, op.entry)
                shown[op.handle] = op.entry.as_record(-op.handle)
                continue
            entry = begun.get(op.handle)
            if entry is None or ids.get(op.handle, -1) == NOT_LOGGED:
                continue
            base = shown.get(op.handle) or entry.as_record(ids.get(op.handle) or -op.handle)
            shown[op.handle] = dataclasses.replace(
                base,
                outcome=op.outcome,
                ended_at=op.ended_at,
                after=op.after,
                before=base.before if op.before is None else op.before,
            )
        return list(shown.values())

    def records(self, since: date, until: date) -> list[LogRecord]:
        """The store's records with the waiting ones laid over them (for the log screen)."""
        self.flush()
        reader = getattr(self.store, "records", None)
        with self._busy:
            found: list[LogRecord] = reader(since, until) if reader is not None else []
            extra = [r for r in self.waiting() if since <= r.date <= until]
        if not extra:
            return found
        replaced = {r.id for r in extra}
        merged = [r for r in found if r.id not in replaced] + extra
        return sorted(merged, key=sort_key)

    @property
    def warning(self) -> str | None:
        """The store's warning and the waiting writes', on one line."""
        store = getattr(self.store, "warning", None)
        if store and self.failure:
            store = store.replace(self.failure, "").strip()
        parts = [store, self.status_line()]
        return " ".join(p for p in parts if p) or None

    def unsaved_report(self) -> list[str]:
        """Lines for stderr after quitting: why, then each unsaved reset as contract JSON."""
        lost = self.waiting()
        if not lost:
            return []
        count = f"{len(lost)} reset{'' if len(lost) == 1 else 's'}"
        why = self.failure or "the reset log could not be written"
        lines = [f"groundtui: warning: {count} could not be saved. {why}"]
        lines.append("groundtui: the unsaved resets, one JSON record per line:")
        lines += [json.dumps(r.to_json()) for r in sorted(lost, key=sort_key)]
        return lines
