"""App-wide messages: the day's data arriving from workers, the log's health from its writer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.message import Message

if TYPE_CHECKING:
    from groundtui.config import Config
    from groundtui.day import DayData
    from groundtui.errors import GroundError


@dataclass
class DayLoaded(Message):
    """A worker read the schedule, exercises and log, and planned the day."""

    data: DayData


@dataclass
class CalendarRead(Message):
    """A worker read the calendar feeds again (the day is re-read only if they changed)."""

    stamp: tuple[object, ...] | None
    calendar_at: datetime | None
    warnings: tuple[str, ...]
    error: str | None = None


@dataclass
class FilesChecked(Message):
    """The file check's worker looked at config.toml and the day's files."""

    change: Config | GroundError | None
    """config.toml's new settings, why they cannot be read, or None: unchanged."""
    signature: tuple[object, ...]
    """The day's files' fingerprint (``day_files_signature``)."""


@dataclass
class LogHealth(Message):
    """The reset log's writer thread: writes wait (``text`` says why, one line) or all are
    saved again (None)."""

    PREFIX: ClassVar[str] = "The reset log"
    """How every line about the log begins (the open warning too), to replace the last one."""

    text: str | None
