"""Following the calendar feeds: read in a worker every ``[feeds] refresh_minutes`` and on
demand; a change re-reads the day the way an edited schedule file does."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.timer import Timer

from groundtui.errors import GroundError
from groundtui.ui.background import Cancelled, off_thread
from groundtui.ui.messages import CalendarRead

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp


class FeedFollower:
    """The app's calendar feeds: when they were last read, and the timer that reads them."""

    def __init__(self, app: GroundApp) -> None:
        self.app = app
        self.calendar_at: datetime | None = None
        """When the calendar feeds were last read (shown quietly in the top bar)."""
        self._stamp: object = None
        self._timer: Timer | None = None

    def _has_feeds(self) -> bool:
        from groundtui.schedule.combined import has_feeds

        return has_feeds(self.app.settings.schedule)

    def follow(self) -> None:
        """Read the feeds now and every ``[feeds] refresh_minutes`` (real minutes)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._has_feeds():
            self.calendar_at = None
            return
        seconds = max(1.0, self.app.config.feeds.refresh_minutes * 60)
        self._timer = self.app.set_interval(seconds, self.refresh, name="feed-refresh")
        self.refresh()

    def refresh_now(self) -> None:
        """The palette's "Refresh the calendar"."""
        if not self._has_feeds():
            self.app.notify("No calendar feed is set up (schedule in config.toml).", timeout=4)
            return
        self.app.notify("Reading the calendar…", timeout=2)
        self.refresh()

    def refresh(self) -> None:
        """Read the calendar feeds again in a worker (never on the UI thread)."""
        self.app.run_worker(self._read, thread=True, exclusive=True, group="feeds")

    def _read(self) -> None:
        from textual.worker import get_current_worker

        from groundtui.day import read_sessions
        from groundtui.day.refresh import ChildFailed, refresh_schedule

        app = self.app
        settings, day, tz, now = app.settings, app.day, app.tz, app.clock.now()
        worker = get_current_worker()
        try:
            try:  # download and parse in a child process: off this process's GIL
                read = refresh_schedule(
                    settings.schedule,
                    day,
                    tz,
                    settings.config,
                    now,
                    cancelled=lambda: worker.is_cancelled,
                )
            except ChildFailed:
                if worker.is_cancelled:
                    return
                read = off_thread(  # no child to be had: read here, as before
                    lambda: read_sessions(settings.schedule, day, tz, settings.config, now=now),
                    name="groundtui-feed",
                )
        except Cancelled:
            return
        except GroundError as err:
            app.post_message(CalendarRead(None, None, (), str(err)))
            return
        app.post_message(CalendarRead(read.stamp, read.calendar_at, read.warnings))

    def read(self, message: CalendarRead) -> None:
        """A worker read the feeds: show how fresh they are; re-read the day if they changed."""
        app = self.app
        if message.error is not None:  # no copy to fall back on: say so, keep the day as it is
            app.notices.put("schedule", f"Schedule: {message.error}")
            app.notify(message.error, title="Could not read the schedule", severity="error")
            app.show_notices()
            return
        self.state(message.calendar_at, message.warnings)
        if message.stamp != self._stamp:
            self._stamp = message.stamp
            if app.session is not None and app.store is not None:
                app.load_day(app.day)  # the same path as an edited schedule file
        app.refresh_today()

    def state(self, calendar_at: datetime | None, warnings: tuple[str, ...]) -> None:
        """The feeds' freshness for the top bar, and their warnings as one notice each."""
        app = self.app
        self.calendar_at = calendar_at
        old = app.notices.get("calendar")
        new = tuple(f"Calendar: {w}" for w in warnings)
        if old == new:
            return
        app.notices.put("calendar", *new)
        for warning in warnings:
            if f"Calendar: {warning}" not in old:
                app.notify(warning, title="Calendar", severity="warning", timeout=10)
        app.show_notices()
