"""Noticing edited files without a restart: config.toml, the schedule, the exercise folders, the
day edits.
Cheap fingerprints (modification times and sizes), compared on the app's timer."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundtui.config import Config, load_config
from groundtui.errors import GroundError
from groundtui.paths import modified_at

if TYPE_CHECKING:
    from groundtui.schedule.combined import Schedule


def day_files_signature(
    schedule: Schedule, bundled_dir: Path | None, user_dir: Path | None, day: date
) -> tuple[Any, ...]:
    """The exercise files', the schedule's and the day edits' fingerprint; equal means nothing
    changed (``DayData.signature``). An edit made with ``groundtui day`` shows here."""
    from groundtui.day.edits import day_edits
    from groundtui.exercises import library_signature
    from groundtui.schedule.combined import as_sources, sources_stamp

    edits = day_edits(demo=not as_sources(schedule)).stamp(day)
    return (library_signature(bundled_dir, user_dir), sources_stamp(schedule), edits)


class ConfigWatch:
    """config.toml as last read: ``poll()`` reads it again once it changed."""

    def __init__(self, path: Path | None, stamp: float | None) -> None:
        self.path = path
        self.stamp = stamp
        """``modified_at(path)`` of the version in use (None: there was no file)."""

    def poll(self) -> Config | GroundError | None:
        """The new settings, the reason they cannot be read (keep the old ones), or None when
        the file has not changed."""
        stamp = modified_at(self.path)
        if self.path is None or stamp == self.stamp:
            return None
        self.stamp = stamp
        try:
            return load_config(self.path)
        except GroundError as err:
            return err
