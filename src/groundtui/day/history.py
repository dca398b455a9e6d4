"""Matching logged records to planned slots, as a restart sees the day: the one rule the app's
tracker and the status line share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from groundtui.day.offers import COUNTED_ROLES, Item, ItemStatus
from groundtui.matching import match_logged
from groundtui.planner.times import instant

__all__ = ["Logged", "logged_here", "logged_status", "match_items", "match_logged", "unlogged"]


class Logged(Protocol):
    """What matching needs of a log record (``groundtui.log.LogRecord`` is one)."""

    @property
    def gap_start(self) -> datetime: ...

    @property
    def gap_end(self) -> datetime: ...

    @property
    def exercise(self) -> str: ...

    @property
    def outcome(self) -> str: ...


def logged_here(item: Item, record: Logged) -> bool:
    """Whether a log record belongs to ``item``'s gap (or to the closing after the day)."""
    # instants: a datetime in the hour that comes twice never equals one in another zone
    # (PEP 495), so the plan's 01:50 (zone) would never match the log's 01:50-04:00
    if item.gap is not None:
        return instant(item.gap.end) == instant(record.gap_end)
    return instant(item.window_start) in (instant(record.gap_start), instant(record.gap_end))


def logged_status(record: Logged) -> ItemStatus:
    """The offer's status a record stands for (a row left 'running' by a crash is partial)."""
    return _LOGGED.get(record.outcome, "partial")


_LOGGED: dict[str, ItemStatus] = {
    "done": "done",
    "partial": "partial",
    "skipped": "skipped",
    "missed": "missed",
}


def match_items(items: Sequence[Item], records: Iterable[Logged]) -> list[tuple[Logged, Item]]:
    """Which untouched offer each logged record fills (``match_logged`` on the day's items)."""
    return match_logged(
        [i for i in items if not i.handled],
        records,
        in_place=logged_here,
        exercise_of=lambda item: item.reset.id,
        counted=lambda item: item.role in COUNTED_ROLES,
    )


def unlogged(items: Sequence[Item], records: Iterable[Logged]) -> list[Item]:
    """The offers among ``items`` that no logged record fills."""
    taken = {id(item) for _record, item in match_items(items, records)}
    return [i for i in items if id(i) not in taken]
