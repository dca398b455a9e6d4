"""Where the day stands at one instant, as one line for a status bar. Core: no Textual, no Rich.

No labels ever: the line names states, times and exercises only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from groundtui.day.history import Logged, unlogged
from groundtui.day.offers import build_items
from groundtui.day.position import position
from groundtui.planner import DayPlan, Gap, Reset

StatusState = Literal["session", "gap", "before", "done", "free"]
"""The status line's words for ``day.position``'s states ('after' reads 'done')."""
STATES: tuple[StatusState, ...] = get_args(StatusState)


@dataclass(frozen=True)
class Status:
    """The day at ``now``: state, time left, the offered reset, and the day's tally."""

    state: StatusState
    """'session', 'gap', 'before' (first session ahead), 'done' (last one over: the closing
    practice, while offered, is ``reset``), 'free'."""
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


@dataclass(frozen=True)
class _Tally:
    done: int
    planned: int


def _minutes(a: datetime, b: datetime) -> float:
    return max(0.0, (b - a).total_seconds() / 60)


def format_left(minutes: float) -> str:
    """'23 min' (rounded up, so 10 s left reads '1 min'); '1 h 5 min' past the hour."""
    whole = max(1, math.ceil(minutes - 1e-9)) if minutes > 0 else 0
    if whole >= 60:
        hours, rest = divmod(whole, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{whole} min"


TAKEN = frozenset({"done", "partial"})
"""Outcomes that count as a reset taken (started, whether or not it ran to its end)."""


def resets_taken(outcomes: Iterable[str]) -> int:
    """How many resets were taken today: the one count the status line and the app show."""
    return sum(1 for outcome in outcomes if outcome in TAKEN)


def day_done_words(taken: int) -> str:
    """The day's end in calm, neutral words (a count, never a score): 'day done · 2 resets
    today'. The app shows the same words, capitalised."""
    if taken <= 0:
        return "day done"
    return f"day done · {taken} reset{'' if taken == 1 else 's'} today"


def closing_words(name: str) -> str:
    """After the last session, while the closing practice is still offered."""
    return f"sessions over · to close the day: {name}"


def _closing(plan: DayPlan, now: datetime, logged: Sequence[Logged]) -> Reset | None:
    """The closing practice, while it is still offered (not logged, its window not over)."""
    items = [i for i in build_items(plan) if i.role == "closing"]
    open_items = [i for i in unlogged(items, logged) if i.window_start <= now < i.window_end]
    return open_items[0].reset if open_items else None


def _upcoming(
    plan: DayPlan, gap: Gap, now: datetime, logged: Sequence[Logged] = ()
) -> Reset | None:
    """The gap's reset that is running or next at ``now`` (offered ones before the cue),
    leaving out what was already logged in this gap (matched as the app matches them)."""
    here = [i for i in build_items(plan) if i.gap is not None and i.gap.end == gap.end]
    ahead = [i.reset for i in unlogged(here, logged) if i.reset.end > now]
    offered = [r for r in ahead if r.role != "arrive"]
    choices = offered or ahead
    return choices[0] if choices else None


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
    tally = _Tally(resets_done, planned)
    here = position(plan, now)
    if here.state == "free":
        return Status(
            "free", "no sessions today", resets_done=tally.done, resets_planned=tally.planned
        )
    if here.state == "session":
        assert here.until is not None
        left = _minutes(now, here.until)
        return Status(
            "session",
            f"in session · {format_left(left)} left",
            left,
            here.until.astimezone(tz),
            resets_done=tally.done,
            resets_planned=tally.planned,
        )
    if here.gap is not None:
        gap = here.gap
        left = _minutes(now, gap.end)
        reset = _upcoming(plan, gap, now, logged)
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
        return Status(
            "gap", text, left, until, reset, resets_done=tally.done, resets_planned=tally.planned
        )
    if here.state == "before":
        assert here.until is not None
        first_local = here.until.astimezone(tz)
        return Status(
            "before",
            f"before first session · {first_local:%H:%M}",
            _minutes(now, here.until),
            first_local,
            resets_done=tally.done,
            resets_planned=tally.planned,
        )
    closing = _closing(plan, now, logged)
    if closing is not None:
        text = closing_words(closing.exercise.name)
    else:
        text = day_done_words(resets_done)
    return Status("done", text, reset=closing, resets_done=tally.done, resets_planned=tally.planned)
