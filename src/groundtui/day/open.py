"""Opening a day for the app: the reset log first, then the day read with what it holds."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.day.load import DayData
    from groundtui.log.store import LogStore
    from groundtui.options import AppSettings


def open_day(settings: AppSettings, day: date) -> tuple[LogStore, DayData]:
    """Open the reset log, then read the day with what it already holds (in that order, so an
    earlier run's resets today are never offered or logged twice)."""
    from groundtui.day.load import read_day
    from groundtui.log.open import memory_store, open_store

    # The log's crash sweep compares against real time, not the (maybe shifted) app clock.
    # The demo day (no schedule set up) is never logged: its resets go to a log in memory.
    path = settings.log_path if settings.schedule else None
    store = open_store(path) if path is not None else memory_store()
    if path is not None:  # resets an earlier run could not save go in first
        from groundtui.log.unsaved import replay_unsaved, unsaved_folders

        replay_unsaved(store, unsaved_folders(path))
    data = read_day(
        settings.schedule,
        day,
        settings.clock.tz,
        settings.config,
        bundled_dir=settings.bundled_dir,
        user_dir=settings.exercises_dir,
        store=store,
        now=settings.clock.now(),
    )
    return store, data
