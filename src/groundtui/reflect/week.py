"""One ISO week at a glance: client, heavy and support sessions per day, the heavy share, the
resets taken, and the weekly self-check. Pure: what it reads comes in as functions and values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any

from groundtui.config import Config
from groundtui.planner.caseload import day_share_warning as day_share_warning
from groundtui.planner.caseload import heavy_share, is_support
from groundtui.planner.caseload import share_text as share_text
from groundtui.reflect.selfcheck import SelfCheck, history, of_week, trend, week_start
from groundtui.schedule.model import Session

SHARE_NOTE = (
    "40–50% heavy is a practitioners' rule of thumb, not a standard; the limit is yours to set "
    "([reflect] heavy_share_limit in config.toml)."
)

SessionsOn = Callable[[date], Sequence[Session]]
"""A day's sessions as read from the schedule."""

DayEditor = Callable[[date, list[Session]], list[Session]]
"""A day's sessions with the user's day edits applied (running late, cancel, add)."""


def no_edits(day: date, sessions: list[Session]) -> list[Session]:
    """The day as booked (the demo day, which is never edited)."""
    return sessions


@dataclass(frozen=True)
class DayCount:
    """One day of the week."""

    date: date
    sessions: int
    """Client sessions (support sessions are not counted here)."""
    heavy: int
    """Heavy client sessions."""
    support: int
    resets_done: int
    resets_offered: int
    """The resets the day's plan offers (gap resets and the closing), as `plan` lists them."""

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "sessions": self.sessions,
            "heavy": self.heavy,
            "support": self.support,
            "resets_done": self.resets_done,
            "resets_offered": self.resets_offered,
        }


@dataclass(frozen=True)
class Week:
    """The week's counts, the heavy share against the user's limit, and the self-check."""

    start: date
    timezone: str
    days: tuple[DayCount, ...]
    heavy_share_limit: float
    self_check: SelfCheck | None = None
    self_check_history: tuple[dict[str, object], ...] = ()
    trend: tuple[int | None, ...] = field(default=())
    """The self-check totals of the 12 weeks ending with this one (None: not taken)."""
    demo: bool = False
    """No schedule is set up: the demo day on its weekdays (the table says so; not in JSON)."""

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def sessions(self) -> int:
        return sum(d.sessions for d in self.days)

    @property
    def heavy(self) -> int:
        return sum(d.heavy for d in self.days)

    @property
    def support(self) -> int:
        return sum(d.support for d in self.days)

    @property
    def heavy_share(self) -> float:
        """Heavy client sessions over client sessions (0 without sessions)."""
        return heavy_share(self.heavy, self.sessions)

    @property
    def over_limit(self) -> bool:
        return self.heavy_share > self.heavy_share_limit

    def to_json(self) -> dict[str, Any]:
        """The contract's ``groundtui week --format json`` object."""
        return {
            "week_start": self.start.isoformat(),
            "week_end": self.end.isoformat(),
            "timezone": self.timezone,
            "days": [d.to_json() for d in self.days],
            "sessions": self.sessions,
            "heavy": self.heavy,
            "heavy_share": round(self.heavy_share, 3),
            "heavy_share_limit": self.heavy_share_limit,
            "support_sessions": self.support,
            "self_check": self.self_check.to_json() if self.self_check else None,
            "self_check_history": list(self.self_check_history),
        }


def count_day(
    day: date,
    sessions: Sequence[Session],
    heavy: Sequence[bool],
    support_keywords: Iterable[str],
    *,
    offered: int,
    done: int,
) -> DayCount:
    """Count one day's planned sessions: support ones apart, heavy only among client ones."""
    words = tuple(support_keywords)
    support = [is_support(s, words) for s in sessions]
    return DayCount(
        date=day,
        sessions=sum(1 for s in support if not s),
        heavy=sum(1 for s, h in zip(support, heavy, strict=True) if h and not s),
        support=sum(support),
        resets_done=done,
        resets_offered=offered,
    )


def build_week(
    day: date,
    tz: tzinfo,
    config: Config,
    library: Any,
    sessions_on: SessionsOn,
    *,
    edits: DayEditor = no_edits,
    done: Mapping[date, int] | None = None,
    checks: Sequence[SelfCheck] = (),
) -> Week:
    """The ISO week holding ``day``: each day planned as ``plan`` plans it (with ``edits``
    applied: the one call that brings in the persisted day edits), then counted."""
    from groundtui.planner import plan_day, tz_name

    start = week_start(day)
    done = done or {}
    days: list[DayCount] = []
    for n in range(7):
        d = start + timedelta(days=n)
        sessions = edits(d, list(sessions_on(d)))
        plan = plan_day(sessions, library, config.planner, d, tz)
        days.append(
            count_day(
                d,
                plan.sessions,
                plan.heavy,
                config.reflect.support_keywords,
                offered=len(plan.planned),
                done=done.get(d, 0),
            )
        )
    return Week(
        start=start,
        timezone=tz_name(tz),
        days=tuple(days),
        heavy_share_limit=config.reflect.heavy_share_limit,
        self_check=of_week(checks, day),
        self_check_history=tuple(history(checks, day)),
        trend=tuple(trend(checks, day)),
    )


def done_per_day(records: Iterable[Any]) -> dict[date, int]:
    """Resets taken per date (done or partly done, the resets the user started on their own
    included), from log records (anything with ``date`` and ``outcome``): ``resets_done`` counts
    as ``status`` does, so the week and the status line agree."""
    from groundtui.timewords import TAKEN

    out: dict[date, int] = {}
    for r in records:
        if r.outcome in TAKEN:
            out[r.date] = out.get(r.date, 0) + 1
    return out
