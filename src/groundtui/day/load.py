"""One day, ready to show: the schedule (or the demo day) read and planned.

Shared by ``groundtui plan``, ``groundtui status`` and the TUI. Core: no Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from groundtui.config import Config
from groundtui.planner import DayPlan, LibraryLike, plan_day
from groundtui.schedule.combined import Schedule, as_sources
from groundtui.schedule.model import Session

if TYPE_CHECKING:
    from groundtui.day.edits import DayEdits
    from groundtui.errors import GroundError
    from groundtui.exercises import Library
    from groundtui.schedule.combined import ScheduleRead
    from groundtui.schedule.feeds import FeedOptions

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


def feed_options(
    config: Config, *, fetch: str = "always", labels: bool = True, now: datetime | None = None
) -> FeedOptions:
    """How calendar feeds are read with ``config``: its ``[feeds]`` limits, and heavy and
    support worked out from the labels (before the label-free copy drops them)."""
    from groundtui import paths
    from groundtui.planner import is_heavy
    from groundtui.reflect.support import is_support
    from groundtui.schedule.feeds import FeedOptions

    heavy_words, heavy_codes = config.planner.heavy_keywords, config.planner.heavy_codes
    support_words = config.reflect.support_keywords

    def classify(session: Session) -> tuple[bool, bool]:
        return is_heavy(session, heavy_words, heavy_codes), is_support(session, support_words)

    if now is None:
        from groundtui.clock import SystemClock, local_zone

        now = SystemClock(local_zone()).now()
    return FeedOptions(
        cache_dir=paths.cache_dir(),
        now=now,
        classify=classify,
        fetch=fetch,
        labels=labels,
        timeout=config.feeds.timeout_seconds,
        max_bytes=int(config.feeds.max_megabytes * 1024 * 1024),
    )


def read_sessions(
    schedule: Schedule,
    day: date,
    tz: tzinfo,
    config: Config | None = None,
    *,
    fetch: str = "always",
    labels: bool = True,
    now: datetime | None = None,
) -> ScheduleRead:
    """The day's sessions from every schedule source (the demo day when there is none), with
    the feeds' warnings and freshness. A broken file raises ``ScheduleError`` (one line)."""
    from groundtui.schedule.combined import ScheduleRead, as_sources, has_feeds, read_schedule

    if not as_sources(schedule):
        return ScheduleRead(demo_sessions(day, tz))
    feeds = None
    if has_feeds(schedule):
        feeds = feed_options(config or Config(), fetch=fetch, labels=labels, now=now)
    return read_schedule(schedule, day, tz, feeds)


def load_sessions(
    schedule: Schedule, day: date, tz: tzinfo, config: Config | None = None, **feeds: Any
) -> list[Session]:
    """The day's sessions (see ``read_sessions``)."""
    return read_sessions(schedule, day, tz, config, **feeds).sessions


def load_day(
    schedule: Schedule,
    day: date,
    tz: tzinfo,
    config: Config,
    library: LibraryLike,
    *,
    now: datetime | None = None,
    fetch: str = "always",
    labels: bool = True,
) -> DayPlan:
    """Read the day's sessions (the demo day without a schedule) and plan them; a feed read
    from its last good copy puts its one-line warning first in the plan's warnings."""
    read = read_sessions(schedule, day, tz, config, fetch=fetch, labels=labels)
    demo = not as_sources(schedule)
    sessions = read.sessions if demo else edited_sessions(day, read.sessions)
    plan = plan_day(sessions, library, config.planner, day, tz, now=now)
    return replace(plan, demo=demo, warnings=(*read.warnings, *plan.warnings))


def edited_sessions(day: date, sessions: list[Session]) -> list[Session]:
    """``day``'s sessions with the day edits kept for it (``groundtui day``, the app's palette);
    never for the demo day, which is never written."""
    from groundtui.day.edits import apply_day_edits

    return apply_day_edits(day, sessions)


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
    calendar_at: datetime | None = None
    """When the calendar feeds were last read (None without feeds)."""
    feed_warnings: tuple[str, ...] = ()
    """Feeds planned from their last good copy: one line each, host only."""
    edits: DayEdits | None = None
    """The day's edits as read from their file (``plan`` is the day as booked, without them);
    None: not read here (the demo day keeps its edits in memory)."""


def exercise_notices(problems: Sequence[GroundError]) -> list[str]:
    """One notice line per broken exercise file, each naming its file (by name: the folder is
    in `groundtui exercises path`) and its first problem, with how many more there are: in a
    narrow pane every line the banner shows still says which file it is about."""
    by_file: dict[str | None, list[GroundError]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    lines = []
    for path, found in by_file.items():
        first = found[0]
        where = ":".join(
            str(part)
            for part in (PurePath(path).name if path else None, first.line, first.col)
            if part is not None
        )
        more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
        text = f"{where}: {first.message}" if where else first.message
        lines.append(f"Skipped a broken exercise file: {text}{more}")
    return lines


def read_day(
    schedule: Schedule,
    day: date,
    tz: tzinfo,
    config: Config,
    *,
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
    store: Any = None,
    fetch: str = "missing",
    now: datetime | None = None,
) -> DayData:
    """Read exercises, schedule and today's log and plan the day; never raises for bad files.

    Feeds are read per ``fetch`` (default: only when nothing is in hand; the app refreshes them
    on its own timer)."""
    from groundtui.day.edits import day_edits
    from groundtui.day.watch import day_files_signature
    from groundtui.errors import GroundError
    from groundtui.exercises import load_library

    demo = not as_sources(schedule)
    signature = day_files_signature(schedule, bundled_dir, user_dir, day)
    library = load_library(bundled_dir, user_dir)
    problems = exercise_notices(library.problems)
    error = None
    read = None
    try:
        read = read_sessions(schedule, day, tz, config, fetch=fetch, now=now)
        plan = plan_day(read.sessions, library, config.planner, day, tz)
        plan = replace(plan, demo=demo)
    except GroundError as err:
        error = str(err)
        plan = plan_day([], library, config.planner, day, tz)
    history: tuple[Any, ...] = ()
    if store is not None:
        try:
            history = tuple(store.records(day, day))
        except Exception as err:  # a read problem must not stop the day
            problems.append(f"Could not read today's log: {err}")
    edits = None
    if not demo:
        try:
            edits = day_edits().load(day)
        except GroundError as err:
            problems.append(f"Day edits: {err}")
    calendar_at = read.calendar_at if read is not None else None
    warnings = read.warnings if read is not None else ()
    return DayData(
        plan, library, history, tuple(problems), error, signature, calendar_at, warnings, edits
    )
