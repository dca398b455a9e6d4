"""Time for the whole app. Only this module calls ``datetime.now()``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
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
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.tz = start.tzinfo
        self.start = start
        self.speed = speed
        self._monotonic = monotonic
        self._t0 = monotonic()

    def now(self) -> datetime:
        elapsed = (self._monotonic() - self._t0) * self.speed
        return (self.start + timedelta(seconds=elapsed)).astimezone(self.tz)


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
        self._now = self._now + timedelta(seconds=seconds, **kwargs)
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
