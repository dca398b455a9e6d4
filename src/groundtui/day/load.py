"""One day, ready to show: the schedule (or the demo day) read and planned.

Shared by ``groundtui plan``, ``groundtui status`` and the TUI. Core: no Textual, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundtui.config import Config
from groundtui.paths import modified_at
from groundtui.planner import DayPlan, LibraryLike, plan_day
from groundtui.schedule.model import Session

if TYPE_CHECKING:
    from groundtui.exercises import Library

# (start, end, label, heavy): a typical clinic day with the planner's cases in it.
_DEMO_DAY: tuple[tuple[str, str, str, bool], ...] = (
    ("09:00", "09:50", "Demo client A", False),
    ("10:00", "10:50", "Demo client B (intake)", True),  # heavy: step outside after it
    ("11:00", "11:50", "Demo client C", False),
    ("13:00", "13:50", "Demo client D", False),  # after the lunch gap: a longer practice
    ("13:51", "14:40", "Demo client E", False),  # back to back with D
    ("14:50", "15:40", "Demo client F", False),
    ("15:45", "16:30", "Demo client G", False),  # a 5-minute gap: no arrival cue
)


def demo_sessions(day: date, tz: tzinfo) -> list[Session]:
    """The built-in demo clinic day on ``day``: used when no schedule is set up."""
    return [
        Session(
            start=datetime.combine(day, time.fromisoformat(start), tzinfo=tz),
            end=datetime.combine(day, time.fromisoformat(end), tzinfo=tz),
            heavy=heavy,
            label=label,
        )
        for start, end, label, heavy in _DEMO_DAY
    ]


def load_sessions(schedule_path: Path | None, day: date, tz: tzinfo) -> list[Session]:
    """The day's sessions from the schedule file, or the demo day when there is none.

    A broken file raises ``ScheduleError`` (one line, with path and line).
    """
    if schedule_path is None:
        return demo_sessions(day, tz)
    from groundtui import schedule

    return list(schedule.load(schedule_path, day, tz))


def load_day(
    schedule_path: Path | None,
    day: date,
    tz: tzinfo,
    config: Config,
    library: LibraryLike,
    *,
    now: datetime | None = None,
) -> DayPlan:
    """Read the day's sessions (the demo day when ``schedule_path`` is None) and plan them."""
    sessions = load_sessions(schedule_path, day, tz)
    plan = plan_day(sessions, library, config.planner, day, tz, now=now)
    return replace(plan, demo=schedule_path is None)


def load_exercises() -> LibraryLike:
    """The bundled and the user's exercises (a user file overrides a bundled one by id)."""
    from groundtui.exercises import load_library

    return load_library()


@dataclass(frozen=True)
class DayData:
    """Everything the app needs to show a day, read off the UI thread in one go."""

    plan: DayPlan
    library: Library
    history: tuple[Any, ...] = ()
    """Today's log records so far (an earlier run today): those offers are not made again."""
    problems: tuple[str, ...] = ()
    """One-line notices: broken exercise files, an unreadable log."""
    schedule_error: str | None = None
    """The schedule could not be read: the day is shown empty with this message."""
    signature: tuple[Any, ...] = ()
    """The exercise files' and the schedule's modification times, to notice edits."""


def read_day(
    schedule_path: Path | None,
    day: date,
    tz: tzinfo,
    config: Config,
    *,
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
    store: Any = None,
) -> DayData:
    """Read exercises, schedule and today's log and plan the day; never raises for bad files."""
    from groundtui.errors import GroundError
    from groundtui.exercises import library_signature, load_library

    signature = (library_signature(bundled_dir, user_dir), modified_at(schedule_path))
    library = load_library(bundled_dir, user_dir)
    problems = [f"Skipped a broken exercise file: {p}" for p in library.problems]
    error = None
    try:
        plan = load_day(schedule_path, day, tz, config, library)
    except GroundError as err:
        error = str(err)
        plan = plan_day([], library, config.planner, day, tz)
    history: tuple[Any, ...] = ()
    if store is not None:
        try:
            history = tuple(store.records(day, day))
        except Exception as err:  # a read problem must not stop the day
            problems.append(f"Could not read today's log: {err}")
    return DayData(plan, library, history, tuple(problems), error, signature)
