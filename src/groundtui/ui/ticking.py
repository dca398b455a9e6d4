"""How long the app may sleep between ticks: a second while the screen counts seconds, longer
while it shows only minutes, so an idle session costs almost nothing."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.day import DaySession

QUIET_TICK_SECONDS = 10.0
"""The longest the app sleeps between ticks while nothing on screen counts seconds (a laptop
that wakes from sleep is up to date again within this)."""


def quiet_wait(now: datetime, state: str, until: datetime | None) -> float | None:
    """Seconds (on the app's clock) until the day screen next changes while it shows only
    minutes — in a session, or once the day's sessions are over — or None while it counts
    seconds (a gap, the time before the first session)."""
    if state not in ("session", "after", "free"):
        return None
    wait = 60.0 - (now.second + now.microsecond / 1e6)  # the top bar's clock
    if until is not None:
        left = (until - now).total_seconds()
        if left <= 0:
            return None
        # "N min left" changes each time the time left passes a whole minute
        wait = min(wait, left % 60.0 or 60.0, left)
    return min(wait, QUIET_TICK_SECONDS)


def tick_interval(session: DaySession | None, speed: float) -> float:
    """Real seconds to the next tick: a second (half a second when the clock runs fast), or
    longer while the screen only shows minutes and nothing is offered or running."""
    base = 0.5 if speed > 1 else 1.0
    if session is None or session.running() is not None:
        return base
    offer = session.offer()
    if offer is not None and offer.gap is not None:  # a gap's offer: its countdown runs
        return base
    now = session.clock.now()
    if session.plan.changeover_at(now) is not None:  # its cue counts down its few seconds
        return base
    where = session.tracker.position(now)
    wait = quiet_wait(now, where.state, where.until)
    return base if wait is None else max(base, wait / speed + 0.02)
