"""App-wide messages: the day's data arriving from workers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class DayLoaded(Message):
    """A worker read the schedule, exercises and log, and planned the day."""

    plan: Any
    sessions: list[Any]
    library: Any
    history: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class DayFailed(Message):
    """The schedule could not be read: the one-line error to show."""

    error: str


@dataclass
class StoreOpened(Message):
    """The log store is open (maybe in memory, with a warning)."""

    store: Any
    warning: str | None = None
