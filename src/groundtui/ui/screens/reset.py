"""The guided reset: one exercise, timed by the injected clock, dismissed with a ResetResult."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label, Static

from groundtui.clock import Clock
from groundtui.config import SoundMode
from groundtui.exercises import Exercise
from groundtui.fmt import countdown
from groundtui.sound import crossed, cue_marks
from groundtui.ui.screens.practice import (
    AFTER_QUESTION,
    ASK_SECONDS,
    BEFORE_QUESTION,
    BREATHING_INTERVAL,
    CLOSING_SECONDS,
    IDLE_INTERVAL,
    REDUCED_MOTION_INTERVAL,
    STEPPED_INTERVAL,
    Outcome,
    ResetResult,
    Stage,
    intro_seconds,
    key_allowed,
    practice_seconds,
    practice_steps,
)
from groundtui.ui.timing import PracticeTimer
from groundtui.ui.widgets.checkin import CheckIn
from groundtui.ui.widgets.countdown import Countdown
from groundtui.ui.widgets.guide import set_text
from groundtui.ui.widgets.keybar import KeyBar
from groundtui.ui.widgets.pacer import Pacer
from groundtui.ui.widgets.stepper import Stepper, step_start


class ResetScreen(Screen[ResetResult]):
    """Guides one exercise; all timing is re-read from the clock, never counted in frames."""

    CSS_PATH = "reset.tcss"
    AUTO_FOCUS = ""

    stage: var[Stage] = var[Stage]("running", init=False)
    """Where the reset stands; the watcher shows what belongs to it (see ``Stage``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "begin", "Begin"),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("d", "done", "Done"),
        Binding("escape", "stop", "Stop"),
        Binding("left,b", "back", "Back"),
        Binding("right,f", "forward", "Next"),
        Binding("m", "toggle_motion", "Motion"),
        Binding("a", "about", "About", show=False),
        Binding("enter,escape", "close", "Close"),
        Binding("q", "quit_reset", "Quit"),
    ]

    def __init__(
        self,
        exercise: Exercise,
        clock: Clock,
        *,
        deadline: datetime | None = None,
        reduced_motion: bool = False,
        checkin: bool = False,
        started_at: datetime | None = None,
        intro: bool = True,
        sound: SoundMode = "off",
        cue: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.clock = clock
        self.deadline = deadline
        self.reduced_motion = reduced_motion
        self.checkin = checkin
        self.started_at: datetime | None = started_at
        self.total = practice_seconds(exercise)
        self.intro = exercise.intro or exercise.summary
        """The intro: how to do it, and the safety text ('if a hold feels strained…')."""
        show_intro = intro and bool(self.intro)
        stage: Stage = "before" if checkin else ("intro" if show_intro else "running")
        self.set_reactive(ResetScreen.stage, stage)
        self._intro_until: datetime | None = None
        self.sound: SoundMode = sound
        self._cue = cue
        """Rings a cue: 'step' (a step or phase changes) or 'end' (the practice is over)."""
        self._marks = cue_marks(exercise, sound) if cue is not None else ()
        self._cued_at = 0.0
        """Practice seconds as last seen for the cues (a jump with b/f does not ring)."""
        self._asking: tuple[str, datetime] | None = None
        """A first q or esc, and until when a second one stops the reset."""
        self.timer: PracticeTimer | None = None
        self.outcome: Outcome | None = None
        self.ended_at: datetime | None = None
        self.before: int | None = None
        self.after: int | None = None
        self._closing_until: datetime | None = None
        self._ticker: Timer | None = None
        self._ticker_interval: float | None = None
        self._active = False
        self._ready = False
        self._paused_for_about = False
        self.guide: Pacer | Stepper | Countdown = self._make_guide()
        """The widget that guides this kind of exercise (id ``reset-guide``)."""

    # ----------------------------------------------------------------- layout

    @property
    def breathing(self) -> bool:
        return self.exercise.kind == "breathing" and self.exercise.pattern is not None

    @property
    def stepped(self) -> bool:
        return not self.breathing and self.exercise.kind != "step_outside"

    def compose(self) -> ComposeResult:
        with Horizontal(id="reset-header"):
            yield Label(self.exercise.name, id="reset-name", markup=False)
            yield Label("", id="reset-left")
        with Vertical(id="reset-body"):
            yield Static(self.intro, id="reset-intro", markup=False)
            yield self.guide
            yield Static(self.exercise.closing, id="reset-closing", markup=False)
            yield CheckIn(BEFORE_QUESTION, id="reset-checkin")
            yield Label("", id="reset-status")
        yield KeyBar()

    def _make_guide(self) -> Pacer | Stepper | Countdown:
        if self.breathing:
            return Pacer(
                self.exercise.pattern, reduced_motion=self.reduced_motion, id="reset-guide"
            )
        if self.exercise.kind == "step_outside":
            return Countdown(
                practice_steps(self.exercise), closing=self.exercise.closing, id="reset-guide"
            )
        return Stepper(practice_steps(self.exercise), id="reset-guide")

    def on_mount(self) -> None:
        now = self.clock.now()
        if self.started_at is None:
            self.started_at = now
        if self.stage == "running":
            self.timer = PracticeTimer(self.clock, self.started_at)
        elif self.stage == "intro":
            self._intro_until = now + timedelta(seconds=intro_seconds(self.intro))
        self._ready = True
        self._show_stage()
        self.refresh_from_clock()

    def watch_stage(self, stage: Stage) -> None:
        if stage != "ended" and self._ready:  # 'ended' closes the screen: nothing to show
            self._show_stage()

    def _show_stage(self) -> None:
        """Show what belongs to the current stage, hide the rest."""
        stage = self.stage
        asking = stage in ("before", "after")
        self.set_class(asking, "-asking")
        self.set_class(stage == "closing", "-closing")
        self.set_class(stage == "intro", "-intro")
        self.query_one("#reset-intro").display = stage in ("intro", "before")
        self.query_one("#reset-left").display = stage in ("intro", "before", "running")
        checkin = self.query_one(CheckIn)
        checkin.display = asking
        outside = self.exercise.kind == "step_outside"
        ending = stage in ("closing", "after") and self.outcome == "done"
        # the countdown shows its own closing cue in place of the prompt
        self.guide.display = stage == "running" or (ending and outside)
        closing = self.query_one("#reset-closing")
        closing.display = ending and bool(self.exercise.closing) and not outside
        if asking:
            checkin.question = BEFORE_QUESTION if stage == "before" else AFTER_QUESTION
            checkin.refresh()
            checkin.focus()
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        status = self.query_one("#reset-status", Label)
        if self._asking is not None:
            key = "esc" if self._asking[0] == "escape" else self._asking[0]
            then = "stop and quit" if key == "q" else "stop"
            set_text(status, f"{key} again to {then} (kept as partly done) · space goes on")
        elif self.stage == "intro":
            set_text(status, "space to begin")
        elif self.stage == "running" and self.timer is not None and self.timer.paused:
            set_text(status, "Paused · space to go on")
        elif self.stage == "closing":
            set_text(status, "The practice is over · enter or esc to close")
        else:
            set_text(status, "")
        self.set_class(self.stage == "running" and self.paused, "-paused")

    # ------------------------------------------------------------------ timing

    @property
    def paused(self) -> bool:
        return self.timer is not None and self.timer.paused

    def elapsed(self) -> float:
        """Seconds of practice so far (0 before it starts)."""
        return 0.0 if self.timer is None else self.timer.elapsed()

    def refresh_from_clock(self) -> None:
        """Re-read the clock and show where the practice stands; the interval calls this."""
        if self.stage == "ended" or not self._ready:
            return
        now = self.clock.now()
        if self._asking is not None and now >= self._asking[1]:
            self._asking = None
            self._show_status()
        if self.stage == "intro" and self._intro_until is not None:
            if now >= self._intro_until:
                self._start_practice()
                return
            set_text(self.query_one("#reset-left", Label), f"begins in {self._intro_left(now)}")
        if self.stage == "running" and self.timer is not None:
            elapsed = min(self.timer.elapsed(now), self.total)
            self.guide.elapsed = elapsed
            if self._cue is not None and crossed(self._marks, self._cued_at, elapsed):
                self._cue("step")
            self._cued_at = elapsed
            paused = " · paused" if self.timer.paused else ""
            set_text(
                self.query_one("#reset-left", Label),
                f"{countdown(self.total - elapsed)} left{paused}",
            )
            if self.timer.elapsed(now) >= self.total:
                self._finish(self.timer.when(self.total))
        if self.stage == "ended":
            return
        if self.deadline is not None and now >= self.deadline:
            self._end_at_deadline()
            return
        if self.stage == "closing" and self._closing_until and now >= self._closing_until:
            self._end()
            return
        self._retime()

    def _intro_left(self, now: datetime) -> str:
        assert self._intro_until is not None
        return f"{max(1, math.ceil((self._intro_until - now).total_seconds() - 1e-9))} s"

    def _wanted_interval(self) -> float | None:
        if not self._active or self.stage == "ended":
            return None
        if self.stage == "running" and not self.paused:
            if self.breathing:
                return REDUCED_MOTION_INTERVAL if self.reduced_motion else BREATHING_INTERVAL
            return STEPPED_INTERVAL
        if self.deadline is not None or self.stage in ("closing", "intro") or self._asking:
            return IDLE_INTERVAL
        return None

    def _retime(self) -> None:
        """Run exactly the interval the stage needs (none while nothing can change)."""
        interval = self._wanted_interval()
        if interval == self._ticker_interval:
            return
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._ticker_interval = interval
        if interval is not None:
            self._ticker = self.set_interval(interval, self.refresh_from_clock)

    def on_screen_resume(self) -> None:
        self._active = True
        self.refresh_from_clock()
        self._retime()

    def on_screen_suspend(self) -> None:
        """Covered (palette, help): stop the timers; the clock keeps the practice's time."""
        self._active = False
        self._retime()

    # ---------------------------------------------------------------- endings

    def _start_practice(self) -> None:
        self._intro_until = None
        self.timer = PracticeTimer(self.clock, self.clock.now())
        self.stage = "running"
        self.refresh_from_clock()

    def _finish(self, ended_at: datetime) -> None:
        """The practice is over, done: close, or ask the after rating / show the closing cue."""
        self.outcome = "done"
        self.ended_at = ended_at
        if self._cue is not None and self.sound != "off":
            self._cue("end")
        guide = self.guide
        if isinstance(guide, Countdown):
            guide.elapsed = guide.total  # its final state: 0:00 and the welcome back
        if self.checkin:
            self.stage = "after"
        elif self.exercise.closing:
            self._closing_until = self.clock.now() + timedelta(seconds=CLOSING_SECONDS)
            self.stage = "closing"
        else:
            self._end()
            return
        self._retime()

    def _stop(self, ended_at: datetime) -> None:
        """Stopped before the end: partial."""
        self.outcome = "partial"
        self.ended_at = ended_at
        self._end()

    def _end_at_deadline(self) -> None:
        assert self.deadline is not None
        if self.outcome is None:
            self._stop(max(self.deadline, self.started_at or self.deadline))
        else:
            self._end()

    def result(self) -> ResetResult:
        """The result as it stands now: 'partial' up to now if the practice has not ended.

        The app can call this when it quits with the reset still on screen.
        """
        now = self.clock.now()
        started = self.started_at or now
        return ResetResult(
            outcome=self.outcome or "partial",
            started_at=started,
            ended_at=self.ended_at or max(now, started),
            before=self.before,
            after=self.after,
        )

    def _end(self) -> None:
        if self.stage == "ended":
            return
        result = self.result()
        self.stage = "ended"
        self._retime()
        self.dismiss(result)

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        asking, paused = self._asking is not None, self.paused
        return key_allowed(action, self.stage, asking, paused, self.stepped, self.breathing)

    def action_begin(self) -> None:
        """The intro is read: begin now. (After a first q or esc: go on.)"""
        if self._asking is not None:
            self._asking = None
            self._after_change()
        elif self.stage == "intro":
            self._start_practice()

    def _ask(self, key: str) -> bool:
        """A first q or esc asks; True when this is the second, which stops."""
        now = self.clock.now()
        if self._asking is not None and self._asking[0] == key and now < self._asking[1]:
            return True
        self._asking = (key, now + timedelta(seconds=ASK_SECONDS))
        self._after_change()
        return False

    async def action_quit_reset(self) -> None:
        """q: ask once, then stop (partly done) and quit, as q does on the day screen."""
        if self._ask("q"):
            self._asking = None
            await self.app.run_action("quit")

    def action_pause(self) -> None:
        if self.stage == "running" and self.timer is not None and not self.timer.paused:
            self.refresh_from_clock()
            if self.stage == "running":
                self.timer.pause()
                self._after_change()

    def action_resume(self) -> None:
        if self.stage == "running" and self.timer is not None and self.timer.paused:
            self.timer.resume()
            self._after_change()

    def action_done(self) -> None:
        if self.stage == "intro":  # done away from the screen
            self._finish(self.clock.now())
        elif self.stage == "running":
            self.refresh_from_clock()
            if self.stage == "running":
                self._finish(self.clock.now())

    def action_stop(self) -> None:
        """esc: a practice under way asks once ('esc again to stop'), then ends partly done."""
        if self.stage == "running":
            self.refresh_from_clock()
        if self.stage in ("running", "before", "intro"):
            if self._ask("escape"):
                self._stop(self.clock.now())
        else:
            self._end()

    def action_close(self) -> None:
        self._end()

    def action_about(self) -> None:
        """Show the exercise as a user reads it; a running practice waits until it closes."""
        from groundtui.ui.screens.about import AboutScreen

        running = self.stage == "running" and not self.paused
        if running:
            self.action_pause()
        self._paused_for_about = running and self.paused
        self.app.push_screen(AboutScreen(self.exercise), self._about_closed)

    def _about_closed(self, _: None = None) -> None:
        if self._paused_for_about:
            self._paused_for_about = False
            self.action_resume()

    def action_back(self) -> None:
        self._move(-1)

    def action_forward(self) -> None:
        self._move(+1)

    def _move(self, delta: int) -> None:
        """Jump to the start of the previous or next step; the last step has no next."""
        if self.stage != "running" or self.timer is None or not self.stepped:
            return
        self.refresh_from_clock()
        guide = self.guide
        if self.stage != "running" or not isinstance(guide, Stepper) or guide.state is None:
            return
        steps = guide.steps
        index = guide.state.index + delta
        if index >= len(steps):
            return
        self.timer.jump(step_start(steps, max(0, index)))
        self._cued_at = self.timer.elapsed()
        self._after_change()

    def action_toggle_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        guide = self.guide
        if isinstance(guide, Pacer):
            guide.reduced_motion = self.reduced_motion
        self._after_change()

    def _after_change(self) -> None:
        self._show_status()
        self.refresh_from_clock()
        self._retime()
        self.refresh_bindings()

    # --------------------------------------------------------------- check-in

    def on_check_in_rated(self, message: CheckIn.Rated) -> None:
        message.stop()
        if self.stage == "before":
            self.before = message.value
            self._start_practice()
        elif self.stage == "after":
            self.after = message.value
            self._end()
