"""Step outside: a large, simple countdown, the current prompt, and a welcome back at the end."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Digits, Static

from groundtui.exercises import Step, StepState
from groundtui.fmt import countdown
from groundtui.ui.widgets.guide import StepGuide, set_text


class Countdown(StepGuide):
    """Time left in big digits; the screen sets ``elapsed`` from its clock."""

    closing: reactive[str] = reactive("")
    """Shown in place of the prompt once the time is up, e.g. 'Welcome back.'"""

    @dataclass
    class Finished(Message):
        """The time is up."""

        countdown: Countdown

        @property
        def control(self) -> Countdown:
            return self.countdown

    def __init__(
        self,
        steps: tuple[Step, ...] = (),
        *,
        closing: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(steps, name=name, id=id, classes=classes)
        self.set_reactive(Countdown.closing, closing)

    @property
    def total(self) -> float:
        return sum(step.seconds for step in self.steps)

    def compose(self) -> ComposeResult:
        yield Digits(countdown(self.total), id="countdown-digits")
        yield Static(id="countdown-prompt", markup=False)

    def watch_closing(self) -> None:
        if self.is_mounted:
            self._show(self.state)

    def _announce(self, old: StepState | None, new: StepState | None) -> None:
        if new is not None and new.finished and (old is None or not old.finished):
            self.post_message(self.Finished(self))

    def _show(self, state: StepState | None) -> None:
        digits = self.query_one("#countdown-digits", Digits)
        prompt = self.query_one("#countdown-prompt", Static)
        face = countdown(self.total - self.elapsed)
        if digits.value != face:
            digits.update(face)
        self.set_class(state is not None and state.finished, "-finished")
        if state is None:
            set_text(prompt, "")
        elif state.finished:
            set_text(prompt, self.closing or state.step.text)
        else:
            set_text(prompt, state.step.text)
