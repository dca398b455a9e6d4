"""The groundtui app: owns the day's state, routes keys to the core, runs IO in workers."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SuspendNotSupported
from textual.binding import Binding
from textual.theme import Theme
from textual.timer import Timer

from groundtui.config import LABEL_MODES
from groundtui.errors import GroundError
from groundtui.launch import AppSettings
from groundtui.logqueue import QueuedLog
from groundtui.paths import modified_at
from groundtui.schedule.model import Session
from groundtui.ui.background import Cancelled, off_thread
from groundtui.ui.commands import GroundCommands
from groundtui.ui.messages import DayLoaded
from groundtui.ui.notify import Signaller
from groundtui.ui.screens.today import TodayScreen

# The day's modules (planner, tracker, exercises, log) load in the worker that reads the day,
# after the first paint: only what the first screen needs is imported here.
if TYPE_CHECKING:
    from collections.abc import Callable

    from groundtui.day import DayData
    from groundtui.exercises import Library
    from groundtui.logstore import LogStore
    from groundtui.planner import DayEdits
    from groundtui.tracker import DayTracker, GapStarted, Item
    from groundtui.ui.screens.reset import ResetResult

CALM = Theme(
    name="groundtui",
    primary="#7FA7A0",
    secondary="#9AA9C8",
    accent="#C9A66B",
    foreground="#D8DEE0",
    background="#1B2024",
    surface="#222A2F",
    panel="#2B353B",
    success="#8FBF8F",
    warning="#D9B36C",
    error="#D98C8C",
    dark=True,
)

RECHECK_SECONDS = 10.0
"""How often (in real seconds) the schedule and exercise files are checked for edits."""

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


class GroundApp(App[None]):
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
        self.labels = settings.config.labels
        self.reduced_motion = settings.config.reduced_motion
        self.demo = settings.schedule is None
        self.day: date = self.clock.now().date()
        self.tracker: DayTracker | None = None
        self.store: LogStore | None = None
        self.log_sink = QueuedLog(on_error=self._log_failed)
        """Every log write goes through here, off the UI thread; it waits for the store."""
        self.library: Library | None = None
        self.sessions: list[Session] = []
        """The day's sessions as read, before the user's edits."""
        self.edits: DayEdits | None = None
        """Today's changes (running late, cancelled, added): kept for the day, never written."""
        self.problems: list[str] = [settings.config_problem] if settings.config_problem else []
        self.schedule_error: str | None = None
        """Why the schedule file could not be read last time, if it could not."""
        self.signaller = Signaller(bell=settings.config.bell, desktop=settings.config.notify)
        self._signature: object = None
        self._shut_down = False
        self._config_stamp = modified_at(settings.config_path)
        self.register_theme(CALM)
        theme = self.config.theme or "groundtui"
        self.theme = theme if theme in self.available_themes else "groundtui"

    # ------------------------------------------------------------------ life cycle

    def get_default_screen(self) -> TodayScreen:
        """Today's screen is the app's base screen (not pushed over an empty one, which would
        lay out and paint a screen nobody sees)."""
        return TodayScreen()

    def on_mount(self) -> None:
        # The day is read in a worker while the screen (date, time, keys) paints, so a big
        # calendar or a slow disk never keeps the window blank; the day follows a moment later.
        self.open_day()
        self._schedule_tick()
        self.set_interval(RECHECK_SECONDS, self.check_files, name="file-check")

    @property
    def today(self) -> TodayScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, TodayScreen):
                return screen
        return None

    @work(thread=True, exclusive=True, group="day")
    def open_day(self) -> None:
        """Open the reset log, then read the day (off the UI thread, once at start-up)."""
        from groundtui.launch import open_day

        settings, day = self.settings, self.day
        try:
            store, data = off_thread(lambda: open_day(settings, day))
        except Cancelled:
            return  # quitting before the day was read: nothing to show or log
        self.call_from_thread(self._start_day, store, data)

    def _start_day(self, store: LogStore, data: DayData) -> None:
        self.store = store
        self.log_sink.attach(store)
        warning = getattr(store, "warning", None)
        if warning:
            self.problems.append(warning)
            self.notify(warning, severity="warning", timeout=15)
        self.on_day_loaded(DayLoaded(data))

    def _log_failed(self, err: Exception) -> None:
        self.call_from_thread(
            self.notify,
            f"Could not write to the reset log: {err}",
            severity="error",
            timeout=15,
        )

    @work(thread=True, exclusive=True, group="day")
    def load_day(self, day: date) -> None:
        """Read the schedule, the exercises and the day's log again (edits, midnight)."""
        from groundtui.day import read_day

        settings, tz, config, store = self.settings, self.tz, self.config, self.store
        try:
            data = off_thread(
                lambda: read_day(
                    settings.schedule,
                    day,
                    tz,
                    config,
                    bundled_dir=settings.bundled_dir,
                    user_dir=settings.exercises_dir,
                    store=store,
                )
            )
        except Cancelled:
            return
        self.post_message(DayLoaded(data))

    def on_day_loaded(self, message: DayLoaded) -> None:
        data = message.data
        self._signature = data.signature
        new_day = self.tracker is None or self.tracker.plan.date != data.plan.date
        self.library = data.library
        self.problems = [p for p in self.problems if not p.startswith("Skipped a broken")]
        self.problems.extend(data.problems)
        self.schedule_error = data.schedule_error
        if data.schedule_error:
            self._schedule_failed(data.schedule_error)
        else:
            self.problems = [p for p in self.problems if not p.startswith("Schedule:")]
        self._show_problems()
        now = self.clock.now()
        if new_day:
            from groundtui.planner import DayEdits
            from groundtui.tracker import DayTracker

            running = self.tracker.running() if self.tracker is not None else None
            self.sessions = list(data.plan.sessions)
            self.edits = DayEdits()
            self.tracker = DayTracker(
                data.plan,
                self.log_sink,
                opened_at=now,
                library=self.library,
                settings=self.config.planner,
                history=data.history,
            )
            if running is not None:  # a reset under way at midnight is still finished and logged
                self.tracker.items.append(running)
        elif data.schedule_error is None:
            # A half-saved or broken file keeps the day as it was; a good one replaces it.
            self.sessions = list(data.plan.sessions)
            self.replan()
            assert self.tracker is not None
            self.tracker.mark_history(data.history)
        else:
            self.replan()
        self.refresh_today()

    def _schedule_failed(self, error: str) -> None:
        self.problems = [p for p in self.problems if not p.startswith("Schedule:")]
        self.problems.append(f"Schedule: {error}")
        self.notify(error, title="Could not read the schedule", severity="error", timeout=15)

    def _show_problems(self) -> None:
        today = self.today
        if today is not None and today.is_mounted:
            today.show_notice("\n".join(self.problems[-3:]) if self.problems else None)

    def check_files(self) -> None:
        """Pick up an edited config, schedule or exercise file without a restart."""
        if self.tracker is None:
            return
        from groundtui.exercises import library_signature

        self._check_config()
        signature = (
            library_signature(self.settings.bundled_dir, self.settings.exercises_dir),
            modified_at(self.settings.schedule),
        )
        if self.store is None:
            return
        if signature != self._signature:
            self._signature = signature
            self.load_day(self.day)

    def _check_config(self) -> None:
        """config.toml changed: take its new settings (a broken file keeps the old ones)."""
        from groundtui.config import load_config
        from groundtui.launch import config_schedule

        path = self.settings.config_path
        stamp = modified_at(path)
        if path is None or stamp == self._config_stamp:
            return
        self._config_stamp = stamp
        self.problems = [p for p in self.problems if not p.startswith("Settings:")]
        try:
            config = load_config(path)
        except GroundError as err:
            self.problems.append(f"Settings: {err} — keeping the previous settings")
            self._show_problems()
            return
        self._show_problems()
        schedule = self.settings.schedule
        if not self.settings.schedule_fixed:
            schedule = config_schedule(config)
        self.settings = replace(self.settings, config=config, schedule=schedule)
        self.config = config
        self.labels = config.labels
        self.reduced_motion = config.reduced_motion
        self.signaller = Signaller(bell=config.bell, desktop=config.notify)
        if self.tracker is not None:
            self.tracker.settings = config.planner
            self.replan()
        if self.demo != (schedule is None):
            self.demo = schedule is None
            if self.today is not None:
                self.today.show_demo(self.demo)
        self.refresh_today()

    # ------------------------------------------------------------------ the clock

    _tick_timer: Timer | None = None
    tick_wait: float = 0.0
    """Real seconds the app sleeps before its next tick (for tests and the curious)."""

    def _tick_interval(self) -> float:
        """A second (half a second when the clock runs fast), or longer while the screen only
        shows minutes and nothing is offered or running: an idle session costs almost nothing."""
        speed = getattr(self.clock, "speed", 1.0)
        base = 0.5 if speed > 1 else 1.0
        tracker = self.tracker
        if tracker is None or tracker.running() is not None:
            return base
        offer = self.current_offer()
        if offer is not None and offer.gap is not None:  # a gap's offer: its countdown runs
            return base
        now = self.clock.now()
        where = tracker.position(now)
        wait = quiet_wait(now, where.state, where.until)
        return base if wait is None else max(base, wait / speed + 0.02)

    def _schedule_tick(self) -> None:
        if self._tick_timer is not None:
            self._tick_timer.stop()
        self.tick_wait = self._tick_interval()
        self._tick_timer = self.set_timer(self.tick_wait, self._timed_tick, name="day-tick")

    def _timed_tick(self) -> None:
        self.tick()
        self._schedule_tick()

    def tick(self) -> None:
        """Move the day on: new gaps signal once, passed offers are logged, midnight rolls."""
        if self.tracker is None:
            self.refresh_today()  # the clock in the top bar moves on while the day is read
            return
        now = self.clock.now()
        if now.date() != self.day:
            self.tracker.tick(now)
            self.day = now.date()
            self.load_day(self.day)
            return
        from groundtui.tracker import GapStarted, Missed

        for event in self.tracker.tick(now):
            if isinstance(event, GapStarted):
                self._signal_gap(event)
            elif isinstance(event, Missed):
                self.notify(
                    f"{event.item.reset.exercise.name} passed by — that's fine.",
                    timeout=4,
                )
        self.refresh_today()

    def _signal_gap(self, event: GapStarted) -> None:
        if event.gap is None and event.item is None:
            title, text = "Day done", "Your last session is over. Here is today's reset log."
            self.signaller.signal(self, title, text)
            self.open_log()
            return
        if event.gap is None:
            title, text = "Day done", "Your last session is over. A closing reflection is ready."
        elif event.item is not None:
            title = "Session over"
            text = f"When your note is done: {event.item.reset.exercise.name}."
        else:
            title, text = "Session over", "A few slow breaths before the next one."
        self.signaller.signal(self, title, text)
        self.notify(text, title=title, timeout=6)

    def refresh_today(self) -> None:
        """Bring the day screen up to date; skipped while another screen covers it."""
        today = self.today
        if today is not None and today.is_mounted and today is self.screen:
            today.refresh_day()
        if self.tick_wait > 1.0 and self._tick_interval() <= 1.0:
            self._schedule_tick()  # an edit or a key made seconds count again: tick now on

    # ------------------------------------------------------------------ offers

    def day_ready(self) -> bool:
        """Whether the day has been read; if not, say so (a key pressed in the first moment)."""
        if self.tracker is None:
            self.notify("Today's schedule is still being read — a moment.", timeout=3)
            return False
        return True

    def current_offer(self) -> Item | None:
        """The offer the day's keys act on: the one shown, or the one snoozed just now."""
        if self.tracker is None:
            return None
        now = self.clock.now()
        return self.tracker.offer(now) or self.tracker.snoozed(now)

    def start_offer(self, item: Item | None = None) -> None:
        """Start the offered reset (or ``item``) in its guided screen."""
        from groundtui.ui.screens.reset import ResetScreen

        if not self.day_ready() or self.tracker is None:
            return
        if self.tracker.running() is not None:
            return
        item = item or self.current_offer()
        if item is None:
            self.notify("Nothing to start right now.", timeout=3)
            return
        now = self.clock.now()
        exercise = self.tracker.start(item, now)
        deadline = item.gap.end if item.gap is not None else None
        screen = ResetScreen(
            exercise,
            self.clock,
            deadline=deadline,
            reduced_motion=self.reduced_motion,
            checkin=self.config.checkin,
            started_at=now,
        )
        self.push_screen(screen, lambda result: self._reset_ended(item, result))
        self.refresh_today()

    def start_exercise(self, exercise_id: str) -> None:
        """Start any exercise now (from the command palette), in place of the offer."""
        if not self.day_ready() or self.tracker is None or self.library is None:
            return
        exercise = self.library.get(exercise_id)
        if exercise is None:
            return
        if self.tracker.running() is not None:
            self.notify("A reset is already under way.", timeout=3)
            return
        item = self.tracker.adhoc(exercise, self.clock.now())
        self.start_offer(item)

    def _reset_ended(self, item: Item, result: ResetResult | None) -> None:
        if self.tracker is None or result is None:
            return
        self.tracker.finish(
            item, result.outcome, result.ended_at, after=result.after, before=result.before
        )
        if result.outcome == "done":
            self.notify(f"{item.reset.exercise.name}: done. Well taken.", timeout=4)
        self.refresh_today()
        self._after_closing(item)

    def _after_closing(self, item: Item) -> None:
        """When the closing reflection is over, the closing's prompts (the weekly self-check,
        support, one moment that mattered), then the end-of-day log come up on their own."""
        if item.role == "closing":
            self.close_day()

    @work(thread=True, exclusive=True, group="closing")
    def close_day(self) -> None:
        from groundtui.reflect.closing import read_closing

        schedule, day, tz, config = self.settings.schedule, self.day, self.tz, self.config
        try:
            closing = read_closing(schedule, day, tz, config)
        except Exception:  # never let the extras stand between the user and the log
            closing = None
        self.call_from_thread(self._show_closing, closing)

    def _show_closing(self, closing: Any) -> None:
        from groundtui.ui.screens.closing import ClosingScreen

        if closing is None or not closing.prompts:
            self.open_log()
            return
        reflect = self.config.reflect
        screen = ClosingScreen(
            self.day,
            closing.prompts,
            closing.totals,
            clock=self.clock,
            level=reflect.self_check_level,
            support_days=reflect.support_days,
        )
        self.push_screen(screen, lambda _: self.open_log())

    def mark_done(self) -> None:
        """`d`: the offered reset was done (perhaps away from the screen)."""
        if not self.day_ready():
            return
        item = self.current_offer()
        if self.tracker is None or item is None:
            self.notify("No reset is offered right now.", timeout=3)
            return
        self.tracker.mark_done(item, self.clock.now())
        self.notify(f"{item.reset.exercise.name}: marked done.", timeout=3)
        self.refresh_today()
        self._after_closing(item)

    def skip_offer(self) -> None:
        if not self.day_ready():
            return
        item = self.current_offer()
        if self.tracker is None or item is None:
            self.notify("No reset is offered right now.", timeout=3)
            return
        self.tracker.skip(item, self.clock.now())
        self.notify("Skipped. The time is still yours.", timeout=3)
        self.refresh_today()
        self._after_closing(item)

    def another_offer(self) -> None:
        if not self.day_ready():
            return
        item = self.current_offer()
        if self.tracker is None or item is None:
            self.notify("No reset is offered right now.", timeout=3)
            return
        if item.gap is None:
            self.notify("The day has one closing practice; x skips it.", timeout=3)
        elif not self.tracker.another(item, self.clock.now()):
            self.notify("No other exercise fits what is left of this gap.", timeout=3)
        self.refresh_today()

    def snooze_offer(self) -> None:
        if not self.day_ready():
            return
        item = self.current_offer()
        if self.tracker is None or item is None:
            self.notify("No reset is offered right now.", timeout=3)
            return
        if self.tracker.snooze(item, self.clock.now()):
            self.notify("Snoozed for 2 minutes.", timeout=3)
        else:
            self.notify("Already snoozed once — start, skip or let it pass.", timeout=3)
        self.refresh_today()

    # ------------------------------------------------------------------ the day changes

    def replan(self) -> None:
        """Recompute the rest of the day from now, after an edit or a reload."""
        if self.tracker is None or self.library is None:
            return
        from groundtui.planner import apply_edits, plan_day

        now = self.clock.now()
        assert self.edits is not None  # made with the tracker
        sessions = apply_edits(self.sessions, self.edits)
        plan = plan_day(sessions, self.library, self.config.planner, self.day, self.tz, now=now)
        self.tracker.library = self.library
        self.tracker.replan(plan, now)
        self.refresh_today()

    def running_late(self, minutes: int = 5) -> None:
        """The current session runs ``minutes`` over (or the one that just ended, while its
        notes time has not passed): shift its end and re-plan."""
        if not self.day_ready() or self.tracker is None:
            return
        now = self.clock.now()
        here = self.tracker.position(now)
        session = here.session
        if session is None and here.gap is not None and now < here.gap.notes_end:
            ended = [s for s in self.tracker.plan.sessions if s.end == here.gap.start]
            session = ended[-1] if ended else None
        if session is None:
            self.notify("Not in a session right now.", timeout=3)
            return
        assert self.edits is not None
        self.edits = self.edits.running_late(session.start, minutes)
        self.replan()
        self.notify(f"Session runs {minutes} min late — the gap is re-planned.", timeout=4)

    def cancel_session(self, start: datetime | None = None) -> None:
        """A session is cancelled or a no-show (default: the current or next one); its time
        becomes part of a gap."""
        if not self.day_ready() or self.tracker is None:
            return
        now = self.clock.now()
        here = self.tracker.position(now)
        sessions = self.tracker.plan.sessions
        if start is not None:
            target = next((s for s in sessions if s.start == start), None)
        else:
            target = here.session or next((s for s in sessions if s.start > now), None)
        if target is None:
            self.notify("No session left to cancel.", timeout=3)
            return
        assert self.edits is not None
        self.edits = self.edits.cancel(target.start)
        self.replan()
        self.notify(f"Session at {target.start:%H:%M} cancelled for today.", timeout=4)

    def sessions_ahead(self) -> list[Session]:
        """The current and later sessions of today (what can still be cancelled)."""
        if self.tracker is None:
            return []
        now = self.clock.now()
        return [s for s in self.tracker.plan.sessions if s.end > now]

    def add_session(self, minutes: int = 50, in_minutes: int = 0) -> None:
        """Add an ad-hoc session (kept for today only)."""
        if not self.day_ready() or self.edits is None:
            return
        now = self.clock.now().replace(second=0, microsecond=0) + timedelta(minutes=in_minutes)
        session = Session(now, now + timedelta(minutes=minutes))
        self.edits = self.edits.add(session)
        self.replan()
        self.notify(f"Added a {minutes}-minute session at {now:%H:%M}.", timeout=4)

    # ------------------------------------------------------------------ other screens

    def open_log(self) -> None:
        from groundtui.ui.screens.log import LogScreen

        if self.store is None:
            self.notify("The log is still opening.", timeout=3)
            return
        self.log_sink.flush()
        plan = self.tracker.plan if self.tracker else None
        names = {ex.id: ex.name for ex in self.library.exercises.values()} if self.library else {}
        self.push_screen(
            LogScreen(
                self.store,
                self.day,
                self.tz,
                gaps=len(plan.gaps) if plan else None,
                back_to_back_runs=plan.back_to_back_runs if plan else None,
                exercise_names=names,
                reflection=self.reflection_reader(),
            )
        )

    def reflection_reader(self) -> Callable[[], Any]:
        """Reads the week view's share, self-check trend and what works (in the log's worker)."""
        from groundtui.reflect.read import read_reflection

        schedule, day, tz, config = self.settings.schedule, self.day, self.tz, self.config
        return lambda: read_reflection(schedule, day, tz, config, self.library)

    def open_self_check(self) -> None:
        """The weekly self-check (palette, and offered at the closing)."""
        from groundtui.reflect.selfcheck import SelfCheckStore
        from groundtui.ui.screens.selfcheck import SelfCheckScreen

        level = self.config.reflect.self_check_level
        self.push_screen(SelfCheckScreen(self.clock.now().date(), SelfCheckStore(), level))

    def open_help(self) -> None:
        from groundtui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.settings))

    def cycle_labels(self) -> None:
        modes = list(LABEL_MODES)
        self.labels = modes[(modes.index(self.labels) + 1) % len(modes)]
        self.notify(f"Session labels: {self.labels}.", timeout=3)
        self.refresh_today()

    def toggle_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        state = "on" if self.reduced_motion else "off"
        self.notify(f"Reduced motion {state}.", timeout=3)

    def edit_exercise(self, exercise_id: str | None = None) -> None:
        """Open the offered (or named) exercise in $EDITOR; a bundled one is copied first."""
        from groundtui.exercises import editor_command, prepare_edit

        if exercise_id is None:
            if not self.day_ready():
                return
            now = self.clock.now()
            item = self.current_offer() or (self.tracker.upcoming(now) if self.tracker else None)
            if item is None:
                self.notify("No exercise is offered right now.", timeout=3)
                return
            exercise_id = item.reset.id
        try:
            path = prepare_edit(exercise_id, self.settings.bundled_dir, self.settings.exercises_dir)
            command = editor_command()
        except GroundError as err:
            self.notify(str(err), severity="error", timeout=8)
            return
        try:
            with self.suspend():
                subprocess.run([*command, str(path)], check=False)
        except (OSError, SuspendNotSupported) as err:
            reason = getattr(err, "strerror", None) or "this terminal cannot hand over to it"
            self.notify(
                f"Could not open the editor {command[0]!r} ({reason}). The file is {path}",
                severity="error",
                timeout=10,
            )
            return
        self.check_files()

    # ------------------------------------------------------------------ quitting

    def shutdown(self) -> None:
        """Log a reset still on screen as it stands (done if its practice was over, else
        partial) and make sure every write reached the database."""
        from groundtui.ui.screens.reset import ResetScreen

        if self._shut_down:
            return
        self._shut_down = True
        if self.tracker is not None:
            running = self.tracker.running()
            screens = [s for s in self.screen_stack if isinstance(s, ResetScreen)]
            if running is not None and screens:
                result = screens[-1].result()
                self.tracker.finish(
                    running, result.outcome, result.ended_at, result.after, result.before
                )
            self.tracker.quit(self.clock.now())
        self.log_sink.close()
        if self.store is not None:
            self.store.close()

    async def action_quit(self) -> None:
        self.shutdown()
        self.exit()

    def on_unmount(self) -> None:
        self.shutdown()
