"""Where the day stands at one instant, as one line for a status bar. Core: no Textual, no Rich.

No labels ever: the line names states, times and exercises only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from groundtui.planner import OFFERED_ROLES, DayPlan, Gap, Reset, match_logged


class Logged(Protocol):
    """What the status line needs of a log record (``groundtui.log.LogRecord`` is one)."""

    @property
    def gap_end(self) -> datetime: ...

    @property
    def exercise(self) -> str: ...


STATES = ("session", "gap", "before", "done", "free")


@dataclass(frozen=True)
class Status:
    """The day at ``now``: state, time left, the offered reset, and the day's tally."""

    state: str
    """'session', 'gap', 'before' (first session ahead), 'done' (last one over), 'free'."""
    text: str
    """The one line, e.g. 'gap · Box breathing · 7 min left'."""
    minutes_left: float | None = None
    """Minutes until ``until``; None when there is nothing to wait for."""
    until: datetime | None = None
    """End of the session or gap, or the first session's start ('before')."""
    reset: Reset | None = None
    """The reset offered now or next in this gap."""
    resets_done: int = 0
    resets_planned: int = 0

    def to_json(self) -> dict[str, Any]:
        """The ``groundtui status --format json`` object."""
        return {
            "state": self.state,
            "minutes_left": self.minutes_left,
            "exercise": self.reset.id if self.reset is not None else None,
            "kind": self.reset.kind if self.reset is not None else None,
            "until": self.until.isoformat() if self.until is not None else None,
            "resets_done": self.resets_done,
            "resets_planned": self.resets_planned,
        }


def _minutes(a: datetime, b: datetime) -> float:
    return max(0.0, (b - a).total_seconds() / 60)


def format_left(minutes: float) -> str:
    """'23 min' (rounded up, so 10 s left reads '1 min'); '1 h 5 min' past the hour."""
    whole = max(1, math.ceil(minutes - 1e-9)) if minutes > 0 else 0
    if whole >= 60:
        hours, rest = divmod(whole, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{whole} min"


def _not_logged(resets: Sequence[Reset], logged: Sequence[Logged]) -> list[Reset]:
    """The gap's resets without the ones an earlier run already logged there, matched as the
    app matches them (``match_logged``)."""
    filled = match_logged(
        resets,
        logged,
        in_place=lambda _reset, _record: True,  # the records are this gap's already
        exercise_of=lambda reset: reset.id,
        counted=lambda reset: reset.role in OFFERED_ROLES,
    )
    taken = {id(reset) for _record, reset in filled}
    return [r for r in resets if id(r) not in taken]


def _upcoming(gap: Gap, now: datetime, logged: Sequence[Logged] = ()) -> Reset | None:
    """The gap's reset that is running or next at ``now`` (offered ones before the cue),
    leaving out what was already logged in this gap."""
    mine = [r for r in logged if r.gap_end == gap.end]
    ahead = [r for r in _not_logged(gap.resets, mine) if r.end > now]
    offered = [r for r in ahead if r.role != "arrive"]
    return (offered or ahead or [None])[0]


def day_status(
    plan: DayPlan,
    now: datetime,
    resets_done: int = 0,
    resets_planned: int | None = None,
    logged: Sequence[Logged] = (),
) -> Status:
    """Where ``now`` falls in the plan (best made with ``plan_day(..., now=now)``).

    ``resets_planned`` defaults to the plan's count; pass the count of the plan made without
    ``now`` so the day's total does not shrink as a gap runs out. ``logged``: today's log
    records, so a reset already done, skipped or missed is not named as the one offered.
    """
    tz = plan.tz
    now = now.astimezone(tz)
    planned = len(plan.planned) if resets_planned is None else resets_planned
    tally = {"resets_done": resets_done, "resets_planned": planned}
    if not plan.sessions:
        return Status("free", "no sessions today", **tally)

    index = plan.session_index_at(now)
    if index is not None:
        session = plan.sessions[index]
        left = _minutes(now, session.end)
        return Status(
            "session",
            f"in session · {format_left(left)} left",
            left,
            session.end.astimezone(tz),
            **tally,
        )

    gap = plan.gap_at(now)
    if gap is not None:
        left = _minutes(now, gap.end)
        reset = _upcoming(gap, now, logged)
        until = gap.end.astimezone(tz)
        if gap.back_to_back:
            text = f"back to back · {format_left(left)} left"
        elif reset is None:
            text = f"gap · free · {format_left(left)} left"
        elif now < gap.notes_end:
            text = (
                f"notes · {format_left(_minutes(now, gap.notes_end))}, then {reset.exercise.name}"
            )
        else:
            text = f"gap · {reset.exercise.name} · {format_left(left)} left"
        return Status("gap", text, left, until, reset, **tally)

    first = plan.sessions[0].start
    if now < first:
        first_local = first.astimezone(tz)
        return Status(
            "before",
            f"before first session · {first_local:%H:%M}",
            _minutes(now, first),
            first_local,
            **tally,
        )
    return Status("done", f"day done · {resets_done}/{planned} resets", **tally)
