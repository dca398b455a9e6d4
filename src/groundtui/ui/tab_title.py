"""The browser tab's title under ``groundtui serve``: groundtui and where the day stands
("groundtui · gap · 7 min left"). No labels, as in the status line.

The app keeps the state as its ``sub_title``; only under the web driver is it sent on (as an
OSC 2 title, which groundtui's page picks up). In a terminal the terminal's title is left alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from groundtui.fmt import hhmm

if TYPE_CHECKING:
    from textual.app import App

    from groundtui.day import DayTracker
    from groundtui.ui.app import GroundApp


def day_state(tracker: DayTracker | None, now: datetime, demo: bool = False) -> str:
    """'gap · 7 min left', 'in session · 23 min left', 'first session at 09:00', 'day done',
    'no sessions today'; '' while the day is being read."""
    if tracker is None:
        return ""
    from groundtui.status import format_left

    where = tracker.position(now)
    left = where.seconds_left(now)
    if where.state == "session" and left is not None:
        text = f"in session · {format_left(left / 60)} left"
    elif where.state == "gap" and left is not None:
        text = f"gap · {format_left(left / 60)} left"
    elif where.state == "before" and where.until is not None:
        text = f"first session at {hhmm(where.until, now.tzinfo)}"
    elif where.state == "after":
        text = "day done"
    else:
        text = "no sessions today"
    return f"demo · {text}" if demo else text


def follow_day(app: GroundApp) -> None:
    """Bring ``app.sub_title`` up to date and, when it changed, the browser tab's title."""
    state = day_state(app.tracker, app.clock.now(), app.demo)
    if state != app.sub_title:
        app.sub_title = state
        show_title(app, f"{app.title} · {state}" if state else app.title)


def show_title(app: App[Any], title: str) -> None:
    """Set the browser tab's title (an OSC 2 sequence, which groundtui's page picks up)."""
    driver = app._driver
    if driver is None or not app.is_web:
        return
    clean = "".join(ch for ch in title if ch.isprintable())
    driver.write(f"\x1b]2;{clean}\x07")
