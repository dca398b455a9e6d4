"""The screen the clinician keeps open all day: the now panel over today's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from groundtui.ui.widgets.keybar import KeyBar
from groundtui.ui.widgets.now_panel import NowPanel, describe
from groundtui.ui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp

DEMO_HINT = (
    "Demo day — no schedule is set up yet. Run `groundtui schedule init` to write "
    'schedule.toml in your config folder, or set `schedule = "…/calendar.ics"` in config.toml. '
    "Press ? for help."
)


NARROW = 72
"""Below this many columns the screen is laid out for a pane beside the EHR."""
OFFER_ACTIONS = frozenset({"done", "skip", "another", "snooze"})


class TodayScreen(Screen[None]):
    """Now panel, timeline and the day's keys."""

    BINDINGS = [
        Binding("space", "start", "Start"),
        Binding("space", "start('quiet')", show=False),
        Binding("d", "done", "Done"),
        Binding("x", "skip", "Skip"),
        Binding("n", "another", "Another"),
        Binding("s", "snooze", "Snooze"),
        Binding("l", "log", "Log"),
        Binding("e", "edit", "Edit", show=False),
        Binding("question_mark", "help", "Help"),
        # The offer's keys again, without a key bar entry: in a narrow pane the bar leaves
        # them to the offer's own hint line, and these keep the keys working.
        Binding("d", "done('quiet')", show=False),
        Binding("x", "skip('quiet')", show=False),
        Binding("n", "another('quiet')", show=False),
        Binding("s", "snooze('quiet')", show=False),
    ]

    _parts: tuple[Static, NowPanel] | None = None
    _timeline_key: object = None
    """What the timeline was last drawn for: it is redrawn only when this changes."""

    @property
    def ground(self) -> GroundApp:
        return cast("GroundApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Static(DEMO_HINT, id="demo-banner", markup=False)
        yield Static(id="notice", markup=False)
        yield NowPanel(id="now")
        with VerticalScroll(id="timeline-scroll"):
            yield Timeline(id="timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#demo-banner").display = self.ground.demo
        self.show_notice(self.ground.notices.text())  # found before mount
        self.refresh_day()

    narrow = False
    """Laid out for a narrow pane: the key bar without the offer's keys."""

    def on_resize(self) -> None:
        """In a narrow pane the key bar leaves the offer's keys to the offer's hint line (the
        keys still work), so Start, Log, Help and Quit stay visible."""
        narrow = self.size.width < NARROW
        self.set_class(narrow, "-narrow")  # compact toasts over the timeline (app.tcss)
        if narrow != self.narrow:
            self.narrow = narrow
            self.refresh_bindings()

    offered = False
    """A reset is offered now: the offer's keys show, else they are left out of the key bar."""
    free = False
    """Free time in a gap: `n` offers a reset on demand."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters:
            return True  # the quiet twins always work (and say when there is nothing to do)
        if action in OFFER_ACTIONS and self.narrow:
            return False
        if action == "another" and self.free:
            return True
        if action in OFFER_ACTIONS or action == "start":
            return self.offered  # only the keys that do something now
        return True

    def on_screen_resume(self) -> None:
        self.refresh_day()

    def refresh_day(self) -> None:
        """Bring every part of the screen to the app's current time, repainting only what
        changed (this runs every second all day, so an idle second should cost nearly nothing)."""
        app = self.ground
        now = app.clock.now()
        demo = " · DEMO" if app.demo else ""
        if self._parts is None:  # found once: this runs every second of a gap
            self._parts = (self.query_one("#topbar", Static), self.query_one(NowPanel))
        topbar, now_panel = self._parts
        title = f"groundtui · {now:%a %d %b} · {now:%H:%M}{demo}"
        if app.feeds.calendar_at is not None:  # quietly: how fresh the calendar feeds are
            title += f" · calendar {app.feeds.calendar_at.astimezone(app.tz):%H:%M}"
        if topbar.content != title:
            topbar.update(title)
        now_panel.view = describe(app.tracker, now, app.labels, app.schedule_error)
        offered = app.current_offer() is not None
        free = app.session.free_time() if app.session is not None else False
        if (offered, free) != (self.offered, self.free):
            self.offered, self.free = offered, free
            self.refresh_bindings()
        tracker = app.tracker
        if tracker is None:
            return
        where = tracker.position(now)
        key = (
            now.replace(second=0, microsecond=0),
            where.state,
            where.until,
            app.labels,
            id(tracker.plan),
            tracker.signature(),
        )
        if key == self._timeline_key:
            return
        self._timeline_key = key
        timeline = self.query_one(Timeline)
        if timeline.show(tracker, now, app.labels):
            # Scroll once the new text is laid out, or the target is clamped to the old height.
            scroll = self.query_one("#timeline-scroll", VerticalScroll)
            line = max(0, timeline.current_line - 2)
            self.call_after_refresh(scroll.scroll_to, y=line, animate=False)

    def show_notice(self, text: str | None) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(text or "")
        notice.display = bool(text)

    def show_demo(self, demo: bool) -> None:
        self.query_one("#demo-banner").display = demo

    # Actions are the app's: the screen only routes its keys there.
    def action_start(self, _how: str = "") -> None:
        self.ground.route(lambda s: s.start())

    def action_done(self, _how: str = "") -> None:
        self.ground.route(lambda s: s.mark_done())

    def action_skip(self, _how: str = "") -> None:
        self.ground.route(lambda s: s.skip())

    def action_another(self, _how: str = "") -> None:
        self.ground.route(lambda s: s.another())

    def action_snooze(self, _how: str = "") -> None:
        self.ground.route(lambda s: s.snooze())

    def action_log(self) -> None:
        self.ground.open_log()

    def action_edit(self) -> None:
        self.ground.edit_exercise()

    def action_help(self) -> None:
        self.ground.open_help()
