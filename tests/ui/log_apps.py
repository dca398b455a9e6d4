"""A tiny host app for the log screen tests: a fixed day, fixed records, no clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from textual.app import App
from textual.binding import Binding

from groundtui.log import LogStore, ResetEntry, memory_store
from groundtui.ui.screens.log import LogScreen

NY = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 24)  # a Tuesday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=NY)


def log_today(store: LogStore, day: date = TODAY) -> None:
    """Five resets: two done (one rated), one partly done, one skipped, one passed by."""
    rid = store.begin(
        ResetEntry(
            gap_start=at(day, 8, 50),
            gap_end=at(day, 9),
            exercise="box-breathing",
            kind="breathing",
            started_at=at(day, 8, 51),
            before=6,
        )
    )
    store.finish(rid, outcome="done", ended_at=at(day, 8, 55), after=3)
    store.record(
        ResetEntry(
            gap_start=at(day, 10, 50),
            gap_end=at(day, 11),
            exercise="step-outside",
            kind="step_outside",
            outcome="skipped",
        )
    )
    store.record(
        ResetEntry(
            gap_start=at(day, 11, 50),
            gap_end=at(day, 12),
            exercise="body-scan",
            kind="body_scan",
            outcome="partial",
            started_at=at(day, 11, 51),
            ended_at=at(day, 11, 53),
        )
    )
    store.record(
        ResetEntry(
            gap_start=at(day, 13, 50),
            gap_end=at(day, 14),
            exercise="grounding-5-4-3-2-1",
            kind="grounding",
            outcome="missed",
        )
    )
    store.record(
        ResetEntry(
            gap_start=at(day, 14, 50),
            gap_end=at(day, 15, 5),
            exercise="self-compassion-break",
            kind="compassion",
            outcome="done",
            started_at=at(day, 14, 51),
            ended_at=at(day, 14, 58),
            before=5,
            after=4,
        )
    )


def log_earlier_days(store: LogStore, today: date = TODAY) -> None:
    """Thirteen earlier days, weekdays only, with a steady made-up rhythm."""
    for back in range(1, 14):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        done = (back * 3) % 5
        for n in range(done + back % 2):
            start = at(day, 9 + n, 50)
            outcome = "done" if n < done else "missed"
            store.record(
                ResetEntry(
                    gap_start=start,
                    gap_end=start + timedelta(minutes=10),
                    exercise="box-breathing",
                    kind="breathing",
                    outcome=outcome,
                    started_at=start if outcome == "done" else None,
                    ended_at=start + timedelta(minutes=3) if outcome == "done" else None,
                )
            )


def demo_store() -> LogStore:
    store = memory_store()
    log_earlier_days(store)
    log_today(store)
    return store


class LogHost(App[None]):
    """Pushes a LogScreen at start; ``q`` quits here, as in the real app."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, store: Any, **screen_kwargs: Any) -> None:
        super().__init__()
        self.store = store
        self.screen_kwargs = screen_kwargs

    def on_mount(self) -> None:
        self.push_screen(LogScreen(self.store, TODAY, NY, **self.screen_kwargs))


def snapshot_app() -> LogHost:
    from groundtui.log import LogSummaryInput

    return LogHost(demo_store(), plan_summary=LogSummaryInput(gaps=6, back_to_back_runs=2))
