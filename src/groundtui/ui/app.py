"""The groundtui app: routes keys to the day's session (core) and renders what it returns; reads
the day and the files in workers."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property, partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from groundtui.config import LabelMode
from groundtui.options import AppSettings
from groundtui.paths import modified_at
from groundtui.ui.background import Cancelled, off_thread
from groundtui.ui.closing import close_day, open_self_check
from groundtui.ui.commands import GroundCommands
from groundtui.ui.display import log_health, open_log
from groundtui.ui.editor import edit_exercise
from groundtui.ui.feeds import FeedFollower
from groundtui.ui.messages import CalendarRead, DayLoaded, FilesChecked, LogHealth
from groundtui.ui.morning import greet_day
from groundtui.ui.notices import Notices
from groundtui.ui.notify import Signaller
from groundtui.ui.quit_signals import follow_quit_signals
from groundtui.ui.reload import check_files, files_checked
from groundtui.ui.resets import finish_on_screen, run_reset
from groundtui.ui.safe_app import SafeApp
from groundtui.ui.screens.today import TodayScreen
from groundtui.ui.tab_title import follow_day
from groundtui.ui.text import STILL_READING
from groundtui.ui.theme import CALM, ThemedApp
from groundtui.ui.ticking import Ticker, tick_interval

# The day's modules (planner, day, exercises, log) load in the worker that reads the day, after
# the first paint: only what the first screen needs is imported here.
if TYPE_CHECKING:
    from groundtui.day import ConfigWatch, DayData, DaySession, DayTracker, Item, Reply, Start
    from groundtui.day.morning import MorningMarker
    from groundtui.exercises import Library
    from groundtui.log.queue import QueuedLog
    from groundtui.log.store import LogStore
    from groundtui.schedule.model import Session

RECHECK_SECONDS = 10.0
"""How often (in real seconds) the schedule and exercise files are checked for edits."""


class GroundApp(SafeApp, ThemedApp):
    """Today's sessions, the resets between them, and the log of what was done."""

    CSS_PATH = "app.tcss"
    TITLE = "groundtui"
    COMMANDS = App.COMMANDS | {GroundCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.settings = settings
        self.clock = settings.clock
        self.tz = settings.clock.tz
        self.config = settings.config
        self.labels: LabelMode = settings.config.labels
        self.reduced_motion = settings.config.reduced_motion
        self.demo = not settings.schedule
        self._first_day: date = self.clock.now().date()
        self.session: DaySession | None = None
        """The day's rules (core); None until the day has been read."""
        self.store: LogStore | None = None
        self.notices = Notices(*filter(None, [settings.config_problem]))
        self.schedule_error: str | None = None
        """Why the schedule file could not be read last time, if it could not."""
        self.signaller = Signaller(bell=settings.config.bell, desktop=settings.config.notify)
        self.files_signature: object = None
        """The day's files as last read (``DayData.signature``)."""
        self._shut_down = False
        self._big_files: Callable[[], None] = lambda: None  # see open_day
        self.config_stamp = modified_at(settings.config_path)
        self.config_watch: ConfigWatch | None = None
        self.files_check_running = False
        self.feeds = FeedFollower(self)
        """The calendar feeds: read in a worker now and then (none: nothing happens)."""
        self.morning: MorningMarker | None = None
        """When the plan's warnings were last shown (``ui.morning.greet_day``)."""
        self.start_theme(self.config.theme or CALM.name)

    @cached_property
    def log_sink(self) -> QueuedLog:
        """Every log write goes through here, off the UI thread; it waits for the store, keeps
        and retries what the file does not take. Made with the day, after the first paint."""
        from groundtui.log.queue import QueuedLog

        return QueuedLog(on_status=lambda text: self.post_message(LogHealth(text)))

    @property
    def day(self) -> date:
        return self.session.day if self.session is not None else self._first_day

    @property
    def tracker(self) -> DayTracker | None:
        return self.session.tracker if self.session is not None else None

    @property
    def library(self) -> Library | None:
        return self.session.library if self.session is not None else None

    def get_default_screen(self) -> TodayScreen:
        """Today's screen is the app's base screen (not pushed over an empty one, which would
        lay out and paint a screen nobody sees)."""
        return TodayScreen()

    def on_mount(self) -> None:
        follow_quit_signals(self)  # a closed terminal or a kill saves the log as `q` does
        self._schedule_tick()
        self.set_interval(RECHECK_SECONDS, self.check_files, name="file-check")

    def on_ready(self) -> None:
        # Ready comes with the first frame: the garbage collector (``launch_tui`` pauses it) runs
        # again, and the day is read in a worker, whose imports now do not race the paint.
        gc.enable()
        self.open_day()

    @property
    def today(self) -> TodayScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, TodayScreen)), None)

    @work(thread=True, exclusive=True, group="day")
    def open_day(self) -> None:
        """Open the reset log, then read the day (off the UI thread, once at start-up)."""
        from groundtui.day.bigfiles import parse_in_child
        from groundtui.day.open import open_day

        self._big_files = parse_in_child()  # a big calendar is parsed off this process's GIL
        if self._shut_down:  # quit before this worker ran: the opener must not outlive the app
            self._big_files()
        settings, day = self.settings, self.day
        try:
            store, data = off_thread(lambda: open_day(settings, day))
        except Cancelled:
            return  # quitting before the day was read: nothing to show or log
        self.call_from_thread(self._start_day, store, data)

    def _start_day(self, store: LogStore, data: DayData) -> None:
        self.store = store
        self.log_sink.attach(store)
        self.feeds.follow()
        warning = getattr(store, "warning", None)
        if warning:
            self.notices.put("log", warning)
            self.notify(warning, severity="warning", timeout=15)
        self.on_day_loaded(DayLoaded(data))

    def on_log_health(self, message: LogHealth) -> None:
        log_health(self, message.text)

    @work(thread=True, exclusive=True, group="day")
    def load_day(self, day: date) -> None:
        """Read the schedule, the exercises and the day's log again (edits, midnight)."""
        from groundtui.day import read_day

        s = self.settings
        now = self.clock.now()
        read = partial(read_day, s.schedule, day, self.tz, self.config, store=self.store, now=now)
        try:
            data = off_thread(lambda: read(bundled_dir=s.bundled_dir, user_dir=s.exercises_dir))
        except Cancelled:
            return
        self.post_message(DayLoaded(data))

    def on_day_loaded(self, message: DayLoaded) -> None:
        from groundtui.day import DaySession

        data = message.data
        self.files_signature = data.signature
        self.notices.put("exercises", *data.problems)
        error = self.schedule_error = data.schedule_error
        self.notices.put("schedule", *([f"Schedule: {error}"] if error else []))
        if error:
            self.notify(error, title="Could not read the schedule", severity="error", timeout=15)
        self.feeds.state(data.calendar_at, data.feed_warnings)
        self.show_notices()
        if self.session is None:
            from groundtui.day.edits import day_edits

            kept = day_edits(demo=data.plan.demo)
            self.session = DaySession(
                data, self.log_sink, self.clock, self.config.planner, kept, sound=self.config.sound
            )
        else:
            self.session.load(data)
        greet_day(self, self.session.plan)
        self.tick()  # at once: offers already past show as passed, not open till the next tick

    def on_calendar_read(self, message: CalendarRead) -> None:
        self.feeds.read(message)

    def show_notices(self) -> None:
        today = self.today
        if today is not None and today.is_mounted:
            today.show_notice(self.notices.text())

    def check_files(self) -> None:
        """Pick up an edited config, schedule or exercise file without a restart (in a worker)."""
        check_files(self)

    def on_files_checked(self, message: FilesChecked) -> None:
        files_checked(self, message)

    _ticker: Ticker | None = None
    tick_wait: float = 0.0
    """Real seconds the app sleeps before its next tick (for tests and the curious)."""

    def _tick_interval(self) -> float:
        return tick_interval(self.session, getattr(self.clock, "speed", 1.0))

    def _schedule_tick(self) -> None:
        if self._ticker is None:
            self._ticker = Ticker(self, self._timed_tick)
        self.tick_wait = self._tick_interval()
        self._ticker.start(self.tick_wait)

    def _timed_tick(self) -> None:
        self.tick()
        self._schedule_tick()

    def tick(self) -> None:
        """Move the day on: new gaps signal once, passed offers are logged, midnight rolls."""
        from groundtui.day import NewDay

        if self.session is None:
            self.refresh_today()  # the clock in the top bar moves on while the day is read
            return
        for reply in self.session.tick():
            if isinstance(reply, NewDay):
                self.load_day(reply.day)
                return
            self.show(reply, refresh=False)
        self.refresh_today()

    def refresh_today(self) -> None:
        """Bring the day screen up to date; skipped while another screen covers it."""
        today = self.today
        if today is not None and today.is_mounted and today is self.screen:
            today.refresh_day()
        follow_day(self)  # the browser tab's title, under `groundtui serve`
        if self.tick_wait > 1.0 and self._tick_interval() <= 1.0:
            self._schedule_tick()  # an edit or a key made seconds count again: tick now on

    def route(self, action: Callable[[DaySession], Reply | Start | None]) -> None:
        """Hand a key to the day's session and show what it answers."""
        if self.session is None:
            self.notify(STILL_READING, timeout=3)
            return
        self.show(action(self.session))

    def show(self, reply: Reply | Start | None, *, refresh: bool = True) -> None:
        """Render the session's answer: a toast, a signal, the guided screen, the log."""
        from groundtui.day import Start

        if isinstance(reply, Start):
            run_reset(self, reply)
        elif reply is not None:
            if reply.signal:
                self.signaller.signal(self, reply.title, reply.text)
            if reply.toast and reply.text:
                self.notify(reply.text, title=reply.title, timeout=reply.seconds)
        if refresh:
            self.refresh_today()
        if reply is not None and not isinstance(reply, Start) and reply.closing_over:
            close_day(self)  # the closing's prompts, if any, then the day's log
        elif reply is not None and not isinstance(reply, Start) and reply.open_log:
            self.open_log()

    def current_offer(self) -> Item | None:
        """The offer the day's keys act on: the one shown, or the one snoozed just now."""
        return self.session.offer() if self.session is not None else None

    def start_exercise(self, exercise_id: str) -> None:
        self.route(lambda s: s.start_exercise(exercise_id))

    def running_late(self, minutes: int = 5) -> None:
        self.route(lambda s: s.running_late(minutes))

    def cancel_session(self, start: datetime | None = None) -> None:
        self.route(lambda s: s.cancel(start))

    def add_session(
        self,
        minutes: int = 50,
        in_minutes: int = 0,
        at: datetime | None = None,
        heavy: bool = False,
    ) -> None:
        self.route(lambda s: s.add(minutes, in_minutes, at=at, heavy=heavy))

    def undo_edit(self) -> None:
        self.route(lambda s: s.undo())

    def sessions_ahead(self) -> list[Session]:
        return self.session.sessions_ahead() if self.session is not None else []

    def open_log(self) -> None:
        open_log(self)

    def open_self_check(self) -> None:
        open_self_check(self)

    def open_help(self) -> None:
        from groundtui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.settings))

    def redraw_labels(self) -> None:
        """Repaint the day screen (the one that shows labels), even under a modal screen."""
        today = self.today
        if today is not None and today.is_mounted:
            today.refresh_day()

    def edit_exercise(self, exercise_id: str | None = None) -> None:
        edit_exercise(self, exercise_id)

    def shutdown(self) -> None:
        """Log a reset still on screen as it stands (done if its practice was over, else
        partial) and make sure every write reached the database."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.session is not None:
            finish_on_screen(self)
            self.session.quit()
        self.log_sink.close()
        if self.store is not None:
            self.store.close()
        self._big_files()

    async def action_quit(self) -> None:
        self.shutdown()
        self.exit()

    def on_unmount(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
        self.shutdown()
