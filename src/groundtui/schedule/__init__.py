"""Schedule sources: groundtui's TOML week template, iCalendar exports and CSV.

``load(path, day, tz)`` reads the sessions of one local day; ``open_source(path)`` parses a file
once (cached by mtime) and answers for any day. The format is detected by content.
"""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

from groundtui.schedule.model import Session, day_bounds, overlaps_day, sort_sessions

__all__ = ["Session", "day_bounds", "load", "overlaps_day", "sort_sessions"]


def load(path: str | Path, day: date, tz: tzinfo) -> list[Session]:
    """Sessions of the local ``day`` in ``tz`` from the schedule file at ``path``."""
    from groundtui.schedule.sources import open_source

    return open_source(Path(path)).sessions_on(day, tz)
