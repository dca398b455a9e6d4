"""Log writes go through one background thread, in order; a write the file does not take is
kept, said at once, retried, and never lost in silence."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from groundtui.log import LogWriteError, QueuedLog, ResetEntry, memory_store

NY = ZoneInfo("America/New_York")
T = datetime(2026, 11, 24, 9, 50, tzinfo=NY)
DAY = date(2026, 11, 24)


def entry(exercise: str, outcome: str | None = None, **more: Any) -> ResetEntry:
    return ResetEntry(
        gap_start=T,
        gap_end=T + timedelta(minutes=10),
        exercise=exercise,
        kind="breathing",
        outcome=outcome,  # type: ignore[arg-type]
        started_at=T if outcome is None else None,
        **more,
    )


class ListStore:
    """A store that remembers every call, with ids like a database would give."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.next_id = 100

    def begin(self, entry: ResetEntry) -> int:
        self.next_id += 1
        self.calls.append(("begin", (self.next_id, entry.exercise)))
        return self.next_id

    def finish(self, record_id: int, **fields: Any) -> None:
        self.calls.append(("finish", (record_id, fields["outcome"])))

    def record(self, entry: ResetEntry) -> int:
        self.calls.append(("record", entry.outcome))
        return 0


class Flaky(ListStore):
    """Refuses every write while ``broken`` (a full disk), like ``LogStore`` does."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = True

    def _check(self) -> None:
        if self.broken:
            raise LogWriteError("The reset log at /x could not be written (disk full).")

    def begin(self, entry: ResetEntry) -> int:
        self._check()
        return super().begin(entry)

    def finish(self, record_id: int, **fields: Any) -> None:
        self._check()
        super().finish(record_id, **fields)

    def record(self, entry: ResetEntry) -> int:
        self._check()
        return super().record(entry)


def test_writes_arrive_in_order_with_real_ids() -> None:
    store = ListStore()
    log = QueuedLog(store)
    first = log.begin(entry("box-breathing"))
    log.record(entry("x", "skipped"))
    log.finish(first, outcome="done", ended_at=T)
    assert log.close() == []
    assert store.calls == [
        ("begin", (101, "box-breathing")),
        ("record", "skipped"),
        ("finish", (101, "done")),
    ]


def test_writes_before_the_store_is_attached_wait_for_it() -> None:
    log = QueuedLog()
    handle = log.begin(entry("cyclic-sighing"))
    log.finish(handle, outcome="partial", ended_at=T)
    store = ListStore()
    log.attach(store)
    log.flush()
    assert [c[0] for c in store.calls] == ["begin", "finish"]
    log.close()


def test_a_failing_write_is_said_at_once_kept_and_written_when_the_file_heals() -> None:
    said: list[str | None] = []
    store = Flaky()
    log = QueuedLog(store, on_status=said.append, retry_seconds=3600)
    handle = log.begin(entry("box-breathing"))
    log.record(entry("body-scan", "skipped"))
    log.finish(handle, outcome="done", ended_at=T + timedelta(minutes=3), after=2)
    log.flush()
    assert store.calls == []
    assert said and said[-1] is not None and "disk full" in said[-1] and "2 waiting" in said[-1]
    waiting = sorted((r.exercise, r.outcome, r.after) for r in log.waiting())
    assert waiting == [("body-scan", "skipped", None), ("box-breathing", "done", 2)]
    assert "disk full" in (log.warning or "")
    store.broken = False
    log.retry()
    log.flush()
    assert [c[0] for c in store.calls] == ["begin", "record", "finish"]
    assert said[-1] is None
    assert log.waiting() == [] and log.warning is None
    assert log.close() == []


def test_the_waiting_writes_are_shown_with_the_stored_ones() -> None:
    store = memory_store()
    log = QueuedLog(store)
    handle = log.begin(entry("box-breathing"))
    log.flush()
    real = store.records(DAY, DAY)[0].id

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise LogWriteError("The reset log at /x could not be written (disk full).")

    store.finish = refuse  # type: ignore[method-assign]
    store.record = refuse  # type: ignore[method-assign]
    log.finish(handle, outcome="done", ended_at=T + timedelta(minutes=2))
    log.record(entry("body-scan", "missed"))
    shown = log.records(DAY, DAY)
    assert [(r.exercise, r.outcome) for r in shown] == [
        ("body-scan", "missed"),
        ("box-breathing", "done"),
    ]
    assert shown[1].id == real  # the stored row, finished in memory: shown once
    log.close()


def test_what_cannot_be_saved_by_quit_is_returned_and_reported_as_json() -> None:
    store = Flaky()
    log = QueuedLog(store, retry_seconds=3600)
    log.record(entry("body-scan", "done", ended_at=T + timedelta(minutes=4)))
    lost = log.close()
    assert [(r.exercise, r.outcome) for r in lost] == [("body-scan", "done")]
    lines = log.unsaved_report()
    assert lines[0].startswith("groundtui: warning: 1 reset could not be saved.")
    assert "/x" in lines[0] and "disk full" in lines[0]
    record = json.loads(lines[-1])
    assert record["exercise"] == "body-scan" and record["outcome"] == "done"


def test_a_write_that_can_never_succeed_is_said_and_does_not_block_the_rest() -> None:
    said: list[str | None] = []

    class Picky(ListStore):
        def record(self, entry: ResetEntry) -> int:
            if entry.outcome == "missed":
                raise ValueError("the reset log is closed")
            return super().record(entry)

    store = Picky()
    log = QueuedLog(store, on_status=said.append)
    log.record(entry("x", "missed"))
    log.record(entry("y", "skipped"))
    log.close()
    assert store.calls == [("record", "skipped")]
    assert said and said[0] is not None and "closed" in said[0]
