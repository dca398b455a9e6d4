"""The changeovers the clock passes while the app watches: where one session ends exactly as the
next begins, a short cue (three breaths) is given once. Core: no Textual.

Nothing here is logged: the cue is an invitation, like the arrival cue.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.planner import DayPlan
    from groundtui.planner.model import Changeover


class ChangeoverWatch:
    """Which changeovers the clock has passed since the last look, each reported once."""

    def __init__(self, opened_at: datetime) -> None:
        self.last = opened_at
        """When the clock was last looked at: a changeover at or before this was not seen
        happen (it was already past, or under way, when the app opened)."""
        self._given: set[datetime] = set()
        """The changeovers already cued (by their instant: a re-plan makes new objects)."""

    def passed(self, plan: DayPlan, now: datetime) -> list[Changeover]:
        """The changeovers whose moment came after the last look and whose cue still holds
        ``now`` (a laptop waking long after one gets none), never one twice."""
        since, self.last = self.last, now
        due = []
        for change in plan.changeovers:
            if change.at in self._given or not since < change.at <= now:
                continue
            self._given.add(change.at)
            if now < change.at + timedelta(seconds=change.seconds):
                due.append(change)
        return due
