"""Where ``now`` falls in the day: in a session, in a gap, before the first session, after the
last one, or a day without sessions; and the time left. The one answer the app, the status line
and the tracker share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from groundtui.planner import DayPlan, Gap
from groundtui.planner.times import instant
from groundtui.schedule.model import Session

PositionState = Literal["before", "session", "gap", "after", "free"]
"""'before' (first session ahead), 'session', 'gap', 'after' (last session over), 'free' (a day
without sessions)."""


@dataclass(frozen=True)
class Position:
    """Where the day stands at one instant."""

    state: PositionState
    until: datetime | None = None
    """End of the session or gap, or the start of the first session ('before')."""
    session: Session | None = None
    session_index: int | None = None
    gap: Gap | None = None

    def seconds_left(self, now: datetime) -> float | None:
        """Seconds until ``until`` (never below 0); None when there is nothing to wait for."""
        return None if self.until is None else max(0.0, (self.until - now).total_seconds())


def position(plan: DayPlan, now: datetime) -> Position:
    """Where ``now`` falls in the day's plan (the plan's own look-ups, which compare instants)."""
    sessions = plan.sessions
    if not sessions:
        return Position("free")
    index = plan.session_index_at(now)
    if index is not None:  # overlapping sessions: the one that ends last
        session = sessions[index]
        return Position("session", session.end, session, index)
    gap = plan.gap_at(now)
    if gap is not None:
        return Position("gap", gap.end, gap=gap)
    if instant(now) < instant(sessions[0].start):
        return Position("before", sessions[0].start)
    return Position("after")


def session_running_late(plan: DayPlan, now: datetime) -> Session | None:
    """The session that 'running late' moves: the current one, or the one that just ended while
    its notes time has not passed."""
    here = position(plan, now)
    if here.session is not None:
        return here.session
    if here.gap is not None and now < here.gap.notes_end:
        ended = [s for s in plan.sessions if s.end == here.gap.start]
        return ended[-1] if ended else None
    return None


def session_to_cancel(plan: DayPlan, now: datetime) -> Session | None:
    """The session 'cancel' takes by default: the current one, else the next one."""
    here = position(plan, now)
    return here.session or next((s for s in plan.sessions if s.start > now), None)
