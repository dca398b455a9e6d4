"""Log writes go through one background thread, in order, and nothing is lost on close."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from groundtui.logqueue import QueuedLog

NY = ZoneInfo("America/New_York")
T = datetime(2026, 11, 24, 9, 50, tzinfo=NY)


class ListStore:
    """A store that remembers every call, with ids like a database would give."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.next_id = 100

    def begin(self, **fields: Any) -> int:
        self.next_id += 1
        self.calls.append(("begin", (self.next_id, fields["exercise"])))
        return self.next_id

    def finish(self, record_id: int, **fields: Any) -> None:
        self.calls.append(("finish", (record_id, fields["outcome"])))

    def record(self, **fields: Any) -> int:
        self.calls.append(("record", fields["outcome"]))
        return 0


def _begin(log: QueuedLog, exercise: str) -> int:
    return log.begin(
        gap_start=T, gap_end=T, exercise=exercise, kind="breathing", started_at=T, before=None
    )


def test_writes_arrive_in_order_with_real_ids() -> None:
    store = ListStore()
    log = QueuedLog(store)
    first = _begin(log, "box-breathing")
    log.record(gap_start=T, gap_end=T, exercise="x", kind="breathing", outcome="skipped")
    log.finish(first, outcome="done", ended_at=T)
    log.close()
    assert store.calls == [
        ("begin", (101, "box-breathing")),
        ("record", "skipped"),
        ("finish", (101, "done")),
    ]


def test_writes_before_the_store_is_attached_wait_for_it() -> None:
    log = QueuedLog()
    handle = _begin(log, "cyclic-sighing")
    log.finish(handle, outcome="partial", ended_at=T)
    store = ListStore()
    log.attach(store)
    log.flush()
    assert [c[0] for c in store.calls] == ["begin", "finish"]
    log.close()


def test_a_failing_write_is_reported_and_the_queue_goes_on() -> None:
    errors: list[Exception] = []

    class Flaky(ListStore):
        def record(self, **fields: Any) -> int:
            if fields["outcome"] == "missed":
                raise OSError("disk full")
            return super().record(**fields)

    store = Flaky()
    log = QueuedLog(store, on_error=errors.append)
    log.record(gap_start=T, gap_end=T, exercise="x", kind="breathing", outcome="missed")
    log.record(gap_start=T, gap_end=T, exercise="y", kind="breathing", outcome="skipped")
    log.close()
    assert [str(e) for e in errors] == ["disk full"]
    assert store.calls == [("record", "skipped")]
