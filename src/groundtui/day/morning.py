"""The plan's warnings, shown once a day: the first time the day is read that day, and not again
after a restart the same day (a tiny marker holds the date, nothing else)."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path


class MorningMarker:
    """Remembers the last day the morning notice was shown: in a file (``path``) and in memory
    (``path`` None: the demo day, which writes nothing)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.shown: date | None = None

    def claim(self, day: date) -> bool:
        """True the first time this is asked for ``day`` (and marks it shown); False after."""
        if self.shown == day:
            return False
        self.shown = day
        return self.first_on_disk(day)

    def first_on_disk(self, day: date) -> bool:
        """The file's half of ``claim`` (read and written off the UI thread): True unless the
        marker already holds ``day``; then it does."""
        if self.path is None:
            return True
        try:
            if self.path.read_text(encoding="utf-8").strip() == day.isoformat():
                return False
        except (OSError, UnicodeDecodeError):
            pass  # no marker yet, or unreadable: show it
        from groundtui.paths import write_private

        with contextlib.suppress(OSError):  # a read-only disk: once per run, still no alarm
            write_private(self.path, day.isoformat() + "\n")
        return True
