"""Time arithmetic for the planner: everything runs in UTC, so a day with a DST change still has
the right gap lengths; values handed out are in the plan's zone. Ties follow a hash of the date,
never the clock."""

from __future__ import annotations

import datetime as dt
import hashlib
from datetime import datetime, timedelta

from groundtui.fmt import hhmm as _hhmm  # noqa: F401  (the planner's rules name times so)

UTC = dt.UTC
_EPS = 1e-6


def instant(t: datetime) -> datetime:
    """``t`` as an instant (in UTC). Two datetimes of one zone compare as wall times (PEP 495),
    which in the hour that comes twice, or the one skipped, is not their order in time."""
    return t.astimezone(UTC)


def _seconds_between(a: datetime, b: datetime) -> float:
    """Real seconds from a to b (correct across DST changes, unlike same-zone subtraction)."""
    return (instant(b) - instant(a)).total_seconds()


def _shift(t: datetime, seconds: float) -> datetime:
    """``t`` plus real seconds, in t's zone."""
    return (instant(t) + timedelta(seconds=seconds)).astimezone(t.tzinfo)


def _tiebreak(day: dt.date, slot: int, exercise_id: str) -> int:
    """A stable pseudo-random number per day, slot and exercise: ties never follow the clock."""
    digest = hashlib.blake2b(f"{day.isoformat()}|{slot}|{exercise_id}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def _earliest(a: datetime, b: datetime) -> datetime:
    return a if instant(a) <= instant(b) else b.astimezone(a.tzinfo)
