"""Where the day stands at one instant, as one line for a status bar. Core: no Textual, no Rich.

No labels ever: the line names states, times and exercises only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from groundtui.day.history import Logged, unlogged
from groundtui.day.offers import build_items
from groundtui.day.position import position
from groundtui.fmt import hhmm
from groundtui.planner import DayPlan, Gap, Reset
from groundtui.planner.times import instant
from groundtui.timewords import (  # format_left, resets_taken, day_done_words: re-exported
    FREE_TEXT,
    before_text,
    closing_words,
    day_done_words,
    format_left,
    gap_text,
    resets_taken,
    session_text,
)

StatusState = Literal["session", "gap", "before", "done", "free"]
"""The status line's words for ``day.position``'s states ('after' reads 'done')."""
STATES: tuple[StatusState, ...] = get_args(StatusState)

__all__ = [
    "STATES",
    "Status",
    "StatusState",
    "day_done_words",
    "day_status",
    "format_left",
    "resets_taken",
]


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
    """Real minutes from ``a`` to ``b``: on the instants, so a DST change in between counts
    (two datetimes in the same zone object subtract as wall times)."""
    return max(0.0, (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 60)


def _closing(plan: DayPlan, now: datetime, logged: Sequence[Logged]) -> Reset | None:
    """The closing practice, while it is still offered (not logged, its window not over)."""
    items = [i for i in build_items(plan) if i.role == "closing"]
    at = instant(now)
    open_items = [
        i for i in unlogged(items, logged) if instant(i.window_start) <= at < instant(i.window_end)
    ]
    return open_items[0].reset if open_items else None


def _upcoming(
    plan: DayPlan, gap: Gap, now: datetime, logged: Sequence[Logged] = ()
) -> Reset | None:
    """The gap's reset that is running or next at ``now`` (offered ones before the cue),
    leaving out what was already logged in this gap (matched as the app matches them)."""
    here = [i for i in build_items(plan) if i.gap is not None and i.gap.end == gap.end]
    ahead = [i.reset for i in unlogged(here, logged) if instant(i.reset.end) > instant(now)]
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
        return Status("free", FREE_TEXT, resets_done=tally.done, resets_planned=tally.planned)
    if here.state == "session":
        assert here.until is not None
        left = _minutes(now, here.until)
        return Status(
            "session",
            session_text(left),
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
        # the breaths before the note come first: no "notes, then …" for them
        first = reset is not None and reset.role == "before_note"
        in_notes = instant(now) < instant(gap.notes_end)
        notes_left = _minutes(now, gap.notes_end) if in_notes and not first else None
        name = reset.exercise.name if reset is not None else None
        text = gap_text(left, gap.back_to_back, name, notes_left)
        return Status(
            "gap", text, left, until, reset, resets_done=tally.done, resets_planned=tally.planned
        )
    if here.state == "before":
        assert here.until is not None
        first_local = here.until.astimezone(tz)
        return Status(
            "before",
            before_text(hhmm(first_local)),
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
