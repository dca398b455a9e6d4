"""The day's offers: each planned reset as an ``Item`` with what became of it, and the events
the tracker reports as the clock moves. Core: no Textual."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from groundtui.planner import OFFERED_ROLES, DayPlan, Gap, Reset, Role

ItemStatus = Literal["pending", "running", "done", "partial", "skipped", "missed", "passed"]
"""pending (not yet touched) · running · done · partial · skipped · missed (logged: its time
went by untouched) · passed (its time went by, not logged: an invitation, or a gap the app did
not see)."""

COUNTED_ROLES: frozenset[Role] = OFFERED_ROLES
"""Roles whose offer counts as "missed" when its time passes untouched. The arrival cue and the
closing reflection are invitations: they are logged only when started or declined."""


@dataclass
class Item:
    """One offered reset and what became of it."""

    key: tuple[datetime, str, int]
    """(gap end, role or 'adhoc', ordinal): stable when the current session runs late."""
    gap: Gap | None
    """None for the closing reflection."""
    reset: Reset
    window_start: datetime
    window_end: datetime
    status: ItemStatus = "pending"
    snoozed_until: datetime | None = None
    declined: list[str] = field(default_factory=list)
    handle: int | None = None
    started_at: datetime | None = None
    before: int | None = None

    @property
    def role(self) -> Role:
        return self.reset.role

    @property
    def handled(self) -> bool:
        return self.status != "pending"

    @property
    def gap_bounds(self) -> tuple[datetime, datetime]:
        if self.gap is not None:
            return self.gap.start, self.gap.end
        return self.window_start, self.window_end


@dataclass(frozen=True)
class GapStarted:
    """A gap (or the end of the day) began while the app was watching: signal once."""

    item: Item | None
    gap: Gap | None


@dataclass(frozen=True)
class Missed:
    """An offer passed untouched; it has been logged ``missed``."""

    item: Item


@dataclass(frozen=True)
class Ended:
    """A running reset was ended because its gap ran out; logged ``partial``."""

    item: Item


Event = GapStarted | Missed | Ended


def build_items(plan: DayPlan) -> list[Item]:
    """The offers of a plan, in order. Each can be taken any time in its gap, one after another;
    the breaths before the note until the notes time ends; the arrival cue comes forward at its
    planned time, just before the next session."""
    items: list[Item] = []
    for gap in plan.gaps:
        resets = [r for r in gap.resets if r.role != "transition"]
        for ordinal, reset in enumerate(resets):
            start = reset.start if reset.role == "arrive" else gap.start
            # The breaths before the note are offered until the notes time is over, so they
            # never hold back the gap's reset.
            end = max(gap.notes_end, reset.end) if reset.role == "before_note" else gap.end
            items.append(Item((gap.end, reset.role, ordinal), gap, reset, start, end))
    if plan.closing is not None:
        last_end = max(s.end for s in plan.sessions)
        day_end = datetime.combine(plan.date + timedelta(days=1), datetime.min.time(), plan.tz)
        window_end = max(day_end, plan.closing.end)
        items.append(Item((last_end, "closing", 0), None, plan.closing, last_end, window_end))
    return items
