"""Cell parsers shared by the schedule readers: wall-clock times and weekday names.

A leaf module: ``sources``, ``toml`` and ``csv`` import it; it imports none of them.
"""

from __future__ import annotations

import re
from datetime import time

_CLOCK_24 = re.compile(r"^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?$")
_CLOCK_4 = re.compile(r"^(\d{2})(\d{2})$")
_CLOCK_12 = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s*m?\.?$")


def parse_clock_time(text: str) -> time | None:
    """A wall-clock time from '9:00', '09:00:00', '9:00 AM', '9pm', '0930'; None if not one."""
    s = " ".join(text.strip().lower().split())
    m = _CLOCK_12.match(s)
    if m:
        hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m[4] == "p" else 0)
    else:
        m = _CLOCK_24.match(s) or _CLOCK_4.match(s)
        if not m:
            return None
        hour, minute = int(m[1]), int(m[2])
        second = int(m[3] or 0) if m.re is _CLOCK_24 else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def format_clock(value: time) -> str:
    """'09:00', or '09:00:30' when there are seconds: how times appear in messages."""
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_GROUPS = {
    "weekdays": frozenset(range(5)),
    "weekday": frozenset(range(5)),
    "weekend": frozenset({5, 6}),
    "weekends": frozenset({5, 6}),
    "every day": frozenset(range(7)),
    "daily": frozenset(range(7)),
}


def parse_weekday(text: str) -> frozenset[int] | None:
    """Weekday numbers (Monday 0) of 'mon', 'Tuesday', 'thurs', 'weekdays'...; None if unknown."""
    s = " ".join(text.strip().lower().replace(".", "").split())
    if s in _DAY_GROUPS:
        return _DAY_GROUPS[s]
    if len(s) < 2:
        return None
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(s)]
    if len(matches) == 1:
        return frozenset(matches)
    return None
