"""Time for the whole app. Only this module calls ``datetime.now()``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    """Something that tells the time, as an aware datetime in the user's zone."""

    tz: tzinfo

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock in zone ``tz``."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


MAX_SPEED = 100_000.0
"""The fastest ``--speed``: a clock any faster leaves the years a datetime can hold within days."""


def after(start: datetime, seconds: float) -> datetime:
    """``start`` plus ``seconds`` of real time, in ``start``'s zone.

    The sum is taken on the instant (UTC), so an hour that a DST change skips is never shown
    and an hour it repeats is counted twice; a sum past the end of the calendar stops there.
    """
    tz = start.tzinfo
    try:
        return (start.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(tz)
    except OverflowError:
        edge = datetime.max - timedelta(days=1) if seconds > 0 else datetime.min + timedelta(days=1)
        return edge.replace(tzinfo=UTC).astimezone(tz)


class ShiftedClock:
    """Starts at ``start`` and runs on at ``speed`` times real time (``--now``/``--speed``)."""

    def __init__(
        self,
        start: datetime,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if start.tzinfo is None:
            raise ValueError("ShiftedClock needs an aware start time")
        if not 0 < speed <= MAX_SPEED:  # also refuses nan
            raise ValueError(f"speed must be above 0 and at most {MAX_SPEED:g}")
        self.tz = start.tzinfo
        self.start = start
        self.speed = speed
        self._monotonic = monotonic
        self._t0 = monotonic()

    def now(self) -> datetime:
        return after(self.start, (self._monotonic() - self._t0) * self.speed)


class ManualClock:
    """A clock for tests: it only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self.tz = start.tzinfo
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float = 0.0, **kwargs: float) -> datetime:
        """Move forward by ``seconds`` (and/or ``minutes=``, ``hours=``)."""
        step = timedelta(seconds=seconds, **kwargs).total_seconds()
        self._now = after(self._now, step)
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(self.tz)


FakeClock = ManualClock


def wall_time() -> datetime:
    """The real local time now, whatever the app's clock says (to name files)."""
    return SystemClock(local_zone()).now()


def local_zone() -> tzinfo:
    """The system's local zone, as an IANA zone where it can be found."""
    tzname = os.environ.get("TZ")
    if tzname:
        try:
            return ZoneInfo(tzname.lstrip(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        link = os.readlink("/etc/localtime")
        marker = "zoneinfo/"
        if marker in link:
            return ZoneInfo(link.split(marker, 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return tz
