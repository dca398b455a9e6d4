"""How long the app may sleep between ticks: a second while the screen counts seconds, longer
while it shows only minutes, so an idle session costs almost nothing."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from groundtui.day import DaySession

QUIET_TICK_SECONDS = 10.0
"""The longest the app sleeps between ticks while nothing on screen counts seconds (a laptop
that wakes from sleep is up to date again within this)."""


def quiet_wait(now: datetime, state: str, until: datetime | None) -> float | None:
    """Seconds (on the app's clock) until the day screen next changes while it shows only
    minutes — in a session, before the first session (until its last minute), once the day's
    sessions are over — or None while the app ticks every second (a gap, whose offers come and
    go at any second; the last minute before the first session, counted in seconds)."""
    early = state == "before" and until is not None and (until - now).total_seconds() > 60
    if state not in ("session", "after", "free") and not early:
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
    """Real seconds to the next tick: a second (half a second when the clock runs fast; at
    real speed, just after the clock's next whole second), or longer while the screen only
    shows minutes and nothing is offered or running."""
    base = 0.5 if speed > 1 else 1.0
    if session is None or session.running() is not None:
        return base
    now = session.clock.now()
    second = on_the_second(now, base) if speed == 1 else base
    offer = session.offer()
    if offer is not None and offer.gap is not None:  # a gap's offer: it may change at any second
        return second
    if session.plan.changeover_at(now) is not None:  # its cue counts down its few seconds
        return second
    where = session.tracker.position(now)
    wait = quiet_wait(now, where.state, where.until)
    return second if wait is None else max(base, wait / speed + 0.02)


ON_THE_SECOND = 0.02
"""A tick this soon after a whole second of the app's clock counts as on it: the next comes a
second later; any later, the next is moved to just after the clock's next whole second."""


def on_the_second(now: datetime, wait: float) -> float:
    """A second's ``wait`` moved so the tick falls just after the clock's next whole second
    (where a countdown in seconds changes), so timer drift never skips a second on screen."""
    into = now.microsecond / 1e6
    if into <= ON_THE_SECOND:
        return wait
    return wait - into + ON_THE_SECOND / 4


class Ticker:
    """Runs ``tick`` once after a wait, on the event loop itself (``loop.call_later``).

    A Textual timer is a task, an event and a look at the callback's signature for each tick;
    a gap ticks every second all day, so its tick is this plain callback (in the app's
    context, as a timer's would be; its errors end the app as a timer's do).
    """

    def __init__(self, app: App[Any], tick: Callable[[], None]) -> None:
        self._app = app
        self._tick = tick
        self._context = contextvars.copy_context()
        self._handle: asyncio.TimerHandle | None = None

    def start(self, wait: float) -> None:
        """Tick once ``wait`` seconds from now (instead of any tick still waiting)."""
        self.stop()
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(wait, self._run, context=self._context)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _run(self) -> None:
        self._handle = None
        app = self._app
        if app._exit or not app.is_running:
            return
        try:
            self._tick()
        except Exception as error:  # as a Textual timer: the app shows it and ends
            app._handle_exception(error)
