"""What the end of the day may add after the closing reflection, each at most once:
the weekly self-check on its weekday, a gentle note when the self-check total rises or is high,
a question when no support session has been on the calendar for a while, and (opt-in) one
moment that mattered today, for the private journal. Skipping any of them says nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.schedule.combined import Schedule

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Any

from groundtui.config import WEEKDAYS, Config, ReflectSettings
from groundtui.reflect.files import read_json, state_path, write_json
from groundtui.reflect.selfcheck import (
    SelfCheck,
    SelfCheckStore,
    of_week,
    trend,
    week_start,
    worth_a_note,
)
from groundtui.reflect.support import is_support
from groundtui.schedule.model import Session

SELF_CHECK = "self_check"
NOTE = "note"
SUPPORT = "support"
JOURNAL = "journal"


def support_text(days: int) -> str:
    return (
        f"No supervision, consultation or peer group has been on your calendar for {days} days, "
        "and none is in the next few. Is one booked? If not, this may be a good week to set "
        "one up."
    )


def self_check_offer(today: date) -> str:
    return (
        f"It's {WEEKDAYS[today.weekday()].capitalize()}: the weekly self-check is here if you "
        "want it — four questions, under a minute."
    )


@dataclass(frozen=True)
class ClosingState:
    """What the closing already said (dates only)."""

    support_asked: date | None = None
    note_week: date | None = None
    """The week whose self-check note was shown."""

    @classmethod
    def read(cls, path: Path | None = None) -> ClosingState:
        data = read_json(path or state_path())

        def day(key: str) -> date | None:
            try:
                return date.fromisoformat(str(data[key]))
            except (KeyError, ValueError):
                return None

        return cls(day("support_asked"), day("note_week"))

    def write(self, path: Path | None = None) -> None:
        data = {
            "support_asked": self.support_asked.isoformat() if self.support_asked else None,
            "note_week": self.note_week.isoformat() if self.note_week else None,
        }
        write_json(path or state_path(), data)


def support_nearby(
    today: date,
    days: int,
    sessions_on: Callable[[date], Sequence[Session]],
    keywords: Iterable[str],
) -> bool:
    """Whether a support session is on the calendar in the last ``days`` days or the next ones."""
    words = tuple(keywords)
    for n in range(-days + 1, days + 1):
        day = today + timedelta(days=n)
        if any(is_support(s, words) for s in sessions_on(day)):
            return True
    return False


def closing_prompts(
    today: date,
    settings: ReflectSettings,
    checks: Sequence[SelfCheck],
    state: ClosingState,
    *,
    support_seen: bool | None,
) -> list[str]:
    """The prompts for today's closing, in order. ``support_seen`` None: not known (the demo
    day, or the schedule could not be read), so nothing is asked about it."""
    prompts: list[str] = []
    this_week = week_start(today)
    day = settings.self_check_day.strip().casefold()
    on_the_day = day != "off" and WEEKDAYS[today.weekday()][:3] == day[:3]
    if on_the_day and of_week(checks, today) is None:
        prompts.append(SELF_CHECK)
    elif (
        of_week(checks, today) is not None
        and state.note_week != this_week
        and worth_a_note(trend(checks, today), settings.self_check_level)
    ):
        prompts.append(NOTE)
    days = int(settings.support_days)
    asked = state.support_asked
    recently = asked is not None and (today - asked).days < days
    if days > 0 and support_seen is False and not recently:
        prompts.append(SUPPORT)
    if settings.journal_prompt:
        prompts.append(JOURNAL)
    return prompts


@dataclass(frozen=True)
class Closing:
    """What the closing screen needs: the prompts and the self-check trend."""

    prompts: tuple[str, ...]
    totals: tuple[int | None, ...]


def read_closing(path: Schedule, today: date, tz: tzinfo, config: Config) -> Closing:
    """Read the self-checks, the closing's memory and the nearby calendar (off the UI thread).
    The demo day (``path`` None) asks nothing about support."""
    from groundtui.day import load_sessions
    from groundtui.errors import GroundError

    settings = config.reflect
    checks = SelfCheckStore().all()
    seen: bool | None = None
    if path and settings.support_days > 0:
        cache: dict[date, Any] = {}

        def sessions_on(day: date) -> Sequence[Session]:
            if day not in cache:
                cache[day] = load_sessions(path, day, tz)
            return cache[day]

        try:
            seen = support_nearby(
                today, int(settings.support_days), sessions_on, settings.support_keywords
            )
        except GroundError:
            seen = None
    prompts = closing_prompts(today, settings, checks, ClosingState.read(), support_seen=seen)
    return Closing(tuple(prompts), tuple(trend(checks, today)))


def remember(prompt: str, today: date) -> None:
    """Note that ``prompt`` was shown today, so it is not shown again too soon."""
    state = ClosingState.read()
    if prompt == SUPPORT:
        state = ClosingState(today, state.note_week)
    elif prompt in (NOTE, SELF_CHECK):
        state = ClosingState(state.support_asked, week_start(today))
    state.write()
