"""groundtui's own schedule.toml: a week template of sessions at local wall times.

Every error names the file and the line (and column) of the key it is about, so a clinician can
fix a typo without reading Python. Labels never appear in messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from groundtui.errors import ScheduleError
from groundtui.schedule.cells import WEEKDAYS, format_clock, parse_clock_time, parse_weekday
from groundtui.schedule.model import Session, overlaps_day, sort_sessions, wall_span
from groundtui.tomlcheck import TomlDoc, did_you_mean, load_toml

DEFAULT_SESSION_MINUTES = 50.0
"""A session's length when it gives neither ``end`` nor ``minutes`` and [defaults] is silent."""

TOP_KEYS = frozenset({"timezone", "defaults", "session"})
DEFAULT_KEYS = frozenset({"session_minutes", "heavy", "days"})
SESSION_KEYS = frozenset({"start", "end", "minutes", "label", "heavy", "days", "date"})

_MAX_MINUTES = 24 * 60
_MIDNIGHT = re.compile(r"^\s*24[:.]?00(?:[:.]00)?\s*$")
"""``end = "24:00"``: midnight at the end of the day, as the CSV reader takes it."""
_CLOCKISH = re.compile(r"[0-9:.\sapmAPM]{1,16}")
"""A value that looks like a time, so quoting it in an error cannot leak a name."""


@dataclass(frozen=True)
class TemplateSession:
    """One ``[[session]]``: a start time, a length, and the days it happens on."""

    start: time
    length: timedelta
    heavy: bool | None = None
    """As the file says; None: the planner's keywords decide (``defaults.heavy = false`` too)."""
    label: str | None = field(default=None, repr=False)
    weekdays: frozenset[int] | None = None
    """Weekday numbers (Monday 0) it repeats on; None with no ``date`` means every day."""
    on: date | None = None
    """The one date of a one-off session."""

    def happens_on(self, day: date) -> bool:
        """Whether this session is booked on ``day`` (a date in the schedule's zone)."""
        if self.on is not None:
            return day == self.on
        return self.weekdays is None or day.weekday() in self.weekdays


@dataclass(frozen=True)
class TomlSource:
    """A parsed schedule.toml."""

    path: Path
    sessions: tuple[TemplateSession, ...] = field(repr=False)
    zone: tzinfo | None = None
    """The file's ``timezone``; None means the zone asked for in ``sessions_on``."""
    format: str = "toml"

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        """The template's sessions overlapping the local ``day`` in ``tz``, sorted."""
        zone = self.zone or tz
        found: list[Session] = []
        # A session may cross midnight, and the file's zone may differ from ``tz``.
        for offset in (-1, 0, 1):
            booked_day = day + timedelta(days=offset)
            for s in self.sessions:
                if not s.happens_on(booked_day):
                    continue
                wall = datetime.combine(booked_day, s.start)
                start, end = wall_span(wall, wall + s.length, zone)
                start, end = start.astimezone(tz), end.astimezone(tz)
                if overlaps_day(start, end, day, tz):
                    found.append(Session(start, end, s.heavy, s.label))
        return sort_sessions(found)


_BARE_CLOCK = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)(\d{1,2}:\d{2})(\s*(?:#.*)?)$", re.MULTILINE)


def _relax(text: str) -> str:
    """Quote bare ``start = 9:00`` times, which TOML itself rejects (it wants 09:00:00)."""
    return _BARE_CLOCK.sub(r'\1"\2"\3', text)


def parse_toml(path: Path, text: str) -> TomlSource:
    """Parse schedule.toml text; raise ScheduleError with file:line:col on any problem."""
    return _Reader(load_toml(text, ScheduleError, path=path, relax=_relax)).read()


class _Reader:
    """Checks the decoded TOML, key by key, and builds the template."""

    def __init__(self, doc: TomlDoc[ScheduleError]) -> None:
        assert doc.path is not None
        self.doc = doc
        self.path = doc.path

    def error(self, message: str, *where: str | int, value: bool = True) -> ScheduleError:
        """An error at the value (or, ``value=False``, the key) at ``where``."""
        return self.doc.error(message, where, value=value)

    def unknown(self, key: str, known: frozenset[str], *where: str | int) -> ScheduleError:
        return self.doc.unknown_key(where, known)

    def read(self) -> TomlSource:
        data = self.doc.data
        for key in data:
            if key not in TOP_KEYS:
                raise self.unknown(key, TOP_KEYS, key)
        zone = self.zone(data.get("timezone"))
        defaults = data.get("defaults", {})
        if not isinstance(defaults, dict):
            raise self.error("'defaults' must be a table: [defaults]", "defaults", value=False)
        for key in defaults:
            if key not in DEFAULT_KEYS:
                raise self.unknown(key, DEFAULT_KEYS, "defaults", key)
        minutes = self.minutes(
            defaults.get("session_minutes", DEFAULT_SESSION_MINUTES), "defaults", "session_minutes"
        )
        # A default of true marks every session heavy unless it says otherwise; a default of
        # false leaves it to the heavy keywords. Only a session's own 'heavy' is explicit.
        heavy = self.flag(defaults.get("heavy", False), "defaults", "heavy") or None
        days = self.days(defaults["days"], "defaults", "days") if "days" in defaults else None

        raw = data.get("session", [])
        if isinstance(raw, dict):
            raise self.error(
                "write each session as [[session]] (two brackets), not [session]",
                "session",
                value=False,
            )
        if not isinstance(raw, list):
            raise self.error("'session' must be a list of [[session]] tables", "session")
        sessions = tuple(
            self.session(item, index, minutes, heavy, days) for index, item in enumerate(raw)
        )
        return TomlSource(self.path, sessions, zone)

    def zone(self, name: Any) -> tzinfo | None:
        if name is None:
            return None
        if not isinstance(name, str) or not name.strip():
            raise self.error(
                "'timezone' must be a time zone name such as 'Europe/London'", "timezone"
            )
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise self.error(
                f"unknown time zone '{name}' (use an IANA name such as 'America/New_York')",
                "timezone",
            ) from None

    def minutes(self, value: Any, *where: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(f"'{where[-1]}' must be a number of minutes, such as 50", *where)
        if not 0 < value <= _MAX_MINUTES:
            raise self.error(f"'{where[-1]}' must be between 1 and {_MAX_MINUTES} minutes", *where)
        return float(value)

    def flag(self, value: Any, *where: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(f"'{where[-1]}' must be true or false", *where)
        return value

    def clock(self, value: Any, *where: Any) -> time:
        name = where[-1]
        if isinstance(value, time) and not isinstance(value, datetime):
            if value.tzinfo is not None:
                raise self.error(f"'{name}' must be a local time without a zone", *where)
            return value
        if isinstance(value, str):
            parsed = parse_clock_time(value)
            if parsed is not None:
                return parsed
            shown = f": '{value}'" if _CLOCKISH.fullmatch(value) else ""
            raise self.error(f"'{name}' is not a time{shown} (write it like \"09:30\")", *where)
        raise self.error(f"'{name}' must be a time, such as \"09:30\"", *where)

    def days(self, value: Any, *where: Any) -> frozenset[int]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise self.error(
                f'\'{where[-1]}\' must be a list of days, such as ["mon", "wed"]', *where
            )
        found: set[int] = set()
        for item in items:
            if not isinstance(item, str):
                raise self.error(f"'{where[-1]}' must hold day names, such as \"mon\"", *where)
            numbers = parse_weekday(item)
            if numbers is None:
                hint = did_you_mean(item, [d[:3] for d in WEEKDAYS] + list(WEEKDAYS))
                raise self.error(f"unknown day '{item}'{hint}", *where)
            found |= numbers
        return frozenset(found)

    def one_date(self, value: Any, *where: Any) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error("'date' must be a date such as 2026-11-24", *where)

    def session(
        self,
        item: Any,
        index: int,
        default_minutes: float,
        default_heavy: bool | None,
        default_days: frozenset[int] | None,
    ) -> TemplateSession:
        at = ("session", index)
        if not isinstance(item, dict):
            raise self.error("each session must be a [[session]] table", *at, value=False)
        for key in item:
            if key not in SESSION_KEYS:
                raise self.unknown(key, SESSION_KEYS, *at, key)
        if "start" not in item:
            raise self.error("this session has no 'start' time", *at, value=False)
        start = self.clock(item["start"], *at, "start")
        if "end" in item and "minutes" in item:
            raise self.error(
                "give either 'end' or 'minutes', not both", *at, "minutes", value=False
            )
        if "end" in item:
            midnight = isinstance(item["end"], str) and _MIDNIGHT.match(item["end"]) is not None
            end = time(0, 0) if midnight else self.clock(item["end"], *at, "end")
            if midnight:  # '24:00', as in CSV: the end of the day
                length = datetime.combine(date.min + timedelta(days=1), end) - datetime.combine(
                    date.min, start
                )
            elif end <= start:
                word = "the same as" if end == start else "before"
                raise self.error(
                    f"end {format_clock(end)} is {word} start {format_clock(start)}"
                    " (for a session past midnight, give 'minutes' instead)",
                    *at,
                    "end",
                )
            else:
                length = datetime.combine(date.min, end) - datetime.combine(date.min, start)
        elif "minutes" in item:
            length = timedelta(minutes=self.minutes(item["minutes"], *at, "minutes"))
        else:
            length = timedelta(minutes=default_minutes)
        label = item.get("label")
        if label is not None and not isinstance(label, str):
            raise self.error("'label' must be text in quotes", *at, "label")
        heavy = self.flag(item["heavy"], *at, "heavy") if "heavy" in item else default_heavy
        if "days" in item and "date" in item:
            raise self.error("give either 'days' or 'date', not both", *at, "date", value=False)
        on = self.one_date(item["date"], *at, "date") if "date" in item else None
        weekdays = self.days(item["days"], *at, "days") if "days" in item else default_days
        return TemplateSession(
            start=start,
            length=length,
            heavy=heavy,
            label=label or None,
            weekdays=None if on is not None else weekdays,
            on=on,
        )
