"""Schedule sources: groundtui's TOML week template, iCalendar exports and CSV.

``load(path, day, tz)`` reads the sessions of one local day; ``open_source(path)`` parses a file
once (cached by mtime and size) and answers for any day. The format is detected by content.
"""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

from groundtui.schedule.model import Session, day_bounds, overlaps_day, sort_sessions
from groundtui.schedule.sources import ScheduleSource, detect_format, open_source

__all__ = [
    "ScheduleSource",
    "Session",
    "day_bounds",
    "detect_format",
    "load",
    "open_source",
    "overlaps_day",
    "sort_sessions",
]


def load(path: str | Path, day: date, tz: tzinfo) -> list[Session]:
    """Sessions of the local ``day`` in ``tz`` from the schedule file at ``path``."""
    return open_source(Path(path)).sessions_on(day, tz)
