"""Tiny host apps and exercises for the reset screen tests (no bundled exercise files)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from textual.app import App

from groundtui.clock import ManualClock
from groundtui.exercises import Exercise, Pattern, Phase, Step
from groundtui.ui.screens.reset import ResetResult, ResetScreen

NY = ZoneInfo("America/New_York")
T0 = datetime(2026, 11, 24, 9, 50, tzinfo=NY)


def box_breathing(cycles: int = 2, side: float = 4.0, closing: str = "") -> Exercise:
    pattern = Pattern(
        phases=(
            Phase("inhale", side, "Slowly, through the nose."),
            Phase("hold", side),
            Phase("exhale", side),
            Phase("hold_after", side),
        ),
        cycles=cycles,
    )
    return Exercise(
        id="box-breathing",
        name="Box breathing",
        kind="breathing",
        seconds=pattern.seconds,
        summary="Four equal sides: in, hold, out, hold.",
        pattern=pattern,
        closing=closing,
    )


def four_seven_eight(cycles: int = 32) -> Exercise:
    """4-7-8 breathing; 32 cycles of 19 s is 608 s, just over ten minutes."""
    pattern = Pattern(
        phases=(Phase("inhale", 4.0), Phase("hold", 7.0), Phase("exhale", 8.0)),
        cycles=cycles,
    )
    return Exercise(
        id="four-seven-eight",
        name="4-7-8 breathing",
        kind="breathing",
        seconds=pattern.seconds,
        pattern=pattern,
    )


def body_scan() -> Exercise:
    steps = (
        Step("Notice your feet on the floor.", 20),
        Step("Let your shoulders drop, a little.", 20),
        Step("Soften your jaw and the space between your eyebrows.", 20),
        Step("Notice your hands. Let them rest.", 20),
    )
    return Exercise(
        id="body-scan",
        name="Short body scan",
        kind="body_scan",
        seconds=sum(s.seconds for s in steps),
        summary="A slow scan from the feet up.",
        steps=steps,
    )


def step_outside() -> Exercise:
    steps = (
        Step("Stand up and walk outside, or to a window.", 30),
        Step("Look at something far away.", 60),
        Step("Head back in, slowly.", 30),
    )
    return Exercise(
        id="step-outside",
        name="Step outside",
        kind="step_outside",
        seconds=120,
        steps=steps,
        closing="Welcome back.",
    )


class ResetHost(App[None]):
    """Pushes one ResetScreen on mount and records what it is dismissed with."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, exercise: Exercise, clock: ManualClock, **screen_kwargs: Any) -> None:
        super().__init__()
        self.exercise = exercise
        self.clock = clock
        self.screen_kwargs = {"intro": False, **screen_kwargs}
        """``intro=False`` unless asked: these tests time the practice itself."""
        self.results: list[ResetResult] = []

    def on_mount(self) -> None:
        self.push_screen(
            ResetScreen(self.exercise, self.clock, **self.screen_kwargs), self.results.append
        )

    @property
    def reset(self) -> ResetScreen:
        screen = self.screen
        assert isinstance(screen, ResetScreen)
        return screen


def snapshot_app(which: str) -> ResetHost:
    """A host with a fixed clock for the snapshot tests."""
    clock = ManualClock(T0)
    if which == "breathing":
        return ResetHost(box_breathing(cycles=8), clock)
    if which == "reduced":
        return ResetHost(box_breathing(cycles=8), clock, reduced_motion=True)
    if which == "body_scan":
        return ResetHost(body_scan(), clock)
    if which == "checkin":
        return ResetHost(box_breathing(cycles=8), clock, checkin=True)
    if which == "outside":
        return ResetHost(step_outside(), clock)
    raise ValueError(which)


class WidgetHost(App[None]):
    """Mounts one widget on its own and keeps every message it posts."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.messages: list[Any] = []

    def compose(self) -> Any:
        yield self.widget

    def on_pacer_phase_changed(self, message: Any) -> None:
        self.messages.append(message)

    def on_pacer_finished(self, message: Any) -> None:
        self.messages.append(message)
