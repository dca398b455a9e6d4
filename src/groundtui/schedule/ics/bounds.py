"""Bounded expansion: how far the expander would walk to reach a day, refused before it starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from groundtui.errors import ScheduleError
from groundtui.schedule.ics.props import _naive, _value, _values
from groundtui.schedule.ics.structure import _Event

MAX_WALK = 200_000
"""Repetitions the expander may step through for one event to reach a day (about half a second):
a daily series goes back 500 years, a minutely one 4 months."""
MAX_FILE_WALK = 1_000_000
"""The same for all the events of a file together."""
_STEP = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
"""Seconds per step of each FREQ (the shortest month and year: never fewer steps than real)."""


@dataclass(frozen=True)
class _Rule:
    """One RRULE, as much as it takes to know how far the expander walks to reach a day.

    The expander (dateutil) steps from DTSTART, one FREQ period at a time, up to the day asked
    for, and then on to the next occurrence. So a rule that repeats every minute since 1970 is
    millions of steps from today, and one that matches no date at all (INTERVAL=0, February
    30th) walks to the year 9999 or for ever. Such rules are refused by their line.
    """

    line: int | None
    start: datetime
    """DTSTART as a naive UTC (or floating) time: an hour or two off does not matter here."""
    step: float
    """Seconds per period: FREQ times INTERVAL."""
    until: datetime | None
    count: int | None
    filtered: bool
    """Whether BY... parts leave periods without an occurrence (then COUNT bounds nothing)."""
    every: str

    def walk(self, to: datetime) -> float:
        """How many periods the expander steps through to reach ``to``."""
        end = to if self.until is None else min(to, self.until)
        steps = max(0.0, (end - self.start).total_seconds() / self.step)
        if self.count is not None and not self.filtered:
            steps = min(steps, self.count)
        return steps


def check_walk(path: Path, rules: list[_Rule], day: date) -> None:
    """Raise, naming the event, if reaching ``day`` means stepping through too many
    repetitions of one rule or of all of them."""
    to = datetime.combine(day, datetime.min.time())
    total = 0.0
    for rule in rules:
        steps = rule.walk(to)
        if steps > MAX_WALK:
            raise ScheduleError(
                f"the recurring event here repeats {rule.every} from"
                f" {rule.start:%Y-%m-%d}: over {MAX_WALK:,} repetitions to go through to reach"
                f" {day:%Y-%m-%d}; give it an UNTIL, a COUNT or a later DTSTART",
                path,
                rule.line,
            )
        total += steps
    if total > MAX_FILE_WALK:
        raise ScheduleError(
            f"the recurring events of this file together repeat too often to expand up to"
            f" {day:%Y-%m-%d} (over {MAX_FILE_WALK:,} repetitions); export a shorter range",
            path,
        )


def _screen_rules(path: Path, event: Any, where: _Event | None) -> list[_Rule]:
    """The event's RRULEs as ``_Rule``s; a rule that never ends its walk raises here."""
    start = _naive(_value(event.get("DTSTART")))
    line = where.properties.get("RRULE", where.begin) if where is not None else None
    found: list[_Rule] = []
    for recur in _values(event, "RRULE"):
        if start is None or not hasattr(recur, "get"):
            continue
        freq = str((recur.get("FREQ") or [""])[0]).upper()
        if freq not in _STEP:
            continue  # the expander reports it
        try:
            interval = int((recur.get("INTERVAL") or [1])[0])
        except (TypeError, ValueError):
            raise ScheduleError("bad RRULE: INTERVAL must be a whole number", path, line) from None
        if interval < 1:
            raise ScheduleError(
                f"bad RRULE: INTERVAL={interval} never moves on (it must be 1 or more)", path, line
            )
        count = (recur.get("COUNT") or [None])[0]
        until = _naive((recur.get("UNTIL") or [None])[0])
        every = freq.lower() if interval == 1 else f"{freq.lower()}, every {interval}"
        every = {"secondly": "every second", "minutely": "every minute", "hourly": "every hour",
                 "daily": "every day", "weekly": "every week", "monthly": "every month",
                 "yearly": "every year"}.get(every, every)  # fmt: skip
        rule = _Rule(
            line=line,
            start=start,
            step=_STEP[freq] * float(interval),
            until=until,
            count=int(count) if isinstance(count, int) else None,
            filtered=any(str(k).upper().startswith("BY") for k in recur),
            every=every,
        )
        _check_ends(path, recur, rule)
        found.append(rule)
    return found


def _check_ends(path: Path, recur: Any, rule: _Rule) -> None:
    """Raise if the rule matches no date at all (BYMONTH=2;BYMONTHDAY=30).

    Such a rule walks to the year 9999 whenever a later day is asked for. The check walks the
    last 400 years before 9999 (one whole cycle of the calendar) from a start moved there by
    whole periods: at most 146,097 days. A monthly or yearly walk is short enough as it is.
    """
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    if rule.step >= _STEP["MONTHLY"] or not rule.filtered:
        return  # a short walk, or one that matches every period
    if rule.until is not None and (rule.until - rule.start).total_seconds() <= MAX_WALK * rule.step:
        return  # its walk ends at UNTIL, within the cap
    start, latest = rule.start, datetime(9599, 1, 1)
    if start < latest:
        start += timedelta(seconds=((latest - start).total_seconds() // rule.step) * rule.step)
    spec = vRecur({k: v for k, v in recur.items() if str(k).upper() not in ("UNTIL", "COUNT")})
    try:
        first = next(iter(rrulestr(spec.to_ical().decode(), dtstart=start, cache=False)), None)
    except Exception:
        return  # a rule dateutil cannot read is reported by the expander
    if first is None:
        raise ScheduleError(
            f"the event here never happens: its RRULE ({rule.every}) matches no date",
            path,
            rule.line,
        )
