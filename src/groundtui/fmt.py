"""How times and durations read, everywhere: one hh:mm helper and one duration formatter.

Core and pure (no Textual, no Rich). Durations are given in seconds; each function names how it
rounds, so the screens, the status line, the log and the plan say a length the same way.
"""

from __future__ import annotations

import math
from datetime import datetime, tzinfo

_EPS = 1e-9
"""Float noise: 600.0000000001 seconds left still reads '10:00', not '10:01'."""


def hhmm(when: datetime, tz: tzinfo | None = None, *, seconds: bool = False) -> str:
    """'09:05': a wall time, in ``tz`` when given (else in ``when``'s own zone); with
    ``seconds``, '09:50:40' for a time off the minute (the short cues in the plan)."""
    local = when.astimezone(tz) if tz is not None else when
    return f"{local:%H:%M:%S}" if seconds and local.second else f"{local:%H:%M}"


def span(start: datetime, end: datetime, tz: tzinfo | None = None) -> str:
    """'09:00–09:50'."""
    return f"{hhmm(start, tz)}–{hhmm(end, tz)}"


def _up(value: float) -> int:
    """``value`` rounded up to a whole number (never below 0)."""
    return max(0, math.ceil(value - _EPS))


def _hours_minutes(whole_minutes: int) -> str:
    """'25 min', '1 h', '1 h 5 min'."""
    if whole_minutes < 60:
        return f"{whole_minutes} min"
    hours, rest = divmod(whole_minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def countdown(seconds: float, *, hours: bool = False) -> str:
    """A clock face of time left: '4:05', rounded up so '0:00' shows only at the very end;
    with ``hours``, 'h:mm:ss' past an hour (else the minutes run on: '75:00')."""
    total = _up(seconds)
    mins, secs = divmod(total, 60)
    if hours and mins >= 60:
        hrs, mins = divmod(mins, 60)
        return f"{hrs}:{mins:02d}:{secs:02d}"
    return f"{mins}:{secs:02d}"


def big_minutes(seconds: float) -> str:
    """The now panel's big number while the time runs down to something: whole minutes left,
    rounded up as in a session ('5'), and the last minute in seconds ('0:45'). It changes once
    a minute rather than every second: calm beside the EHR, and an idle gap costs the screen
    nearly nothing. The switch is made on the seconds ``countdown`` shows, so float noise
    just over 60 s reads '1:00', never a lone '1'."""
    if _up(seconds) > 60:
        return str(_up(seconds / 60))
    return countdown(seconds)


def length(seconds: float) -> str:
    """A length to the nearest minute: '45 s' under a minute, '2 min', '1 h 10 min'."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{round(seconds)} s"
    return _hours_minutes(round(seconds / 60))


def minutes_left(seconds: float) -> str:
    """Time left in whole minutes, rounded up (10 s left reads '1 min'): '23 min', '1 h 5 min'.
    The now panel and the status line both say time left this way, so they agree."""
    if seconds <= 0:
        return "0 min"
    return _hours_minutes(max(1, _up(seconds / 60)))


def rough_minutes(seconds: float) -> str:
    """Minutes to the nearest one, for totals in the log: '11 min', '<1 min' for a few seconds."""
    if 0 < seconds < 30:
        return "<1 min"
    return f"{round(seconds / 60)} min"


def minutes_seconds(seconds: float) -> str:
    """A short length to the second: '45 s', '1 min 50 s', '2 min', '1 h 5 min' (for the plan,
    where '0.8 min' would make the reader do arithmetic). Negative or not finite: '0 s'."""
    if not math.isfinite(seconds) or seconds <= 0:
        return "0 s"
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    mins, secs = divmod(total, 60)
    if mins >= 60 or not secs:
        return _hours_minutes(mins) if not secs else f"{_hours_minutes(mins)} {secs} s"
    return f"{mins} min {secs} s"
