"""A stepped practice (body scan, grounding, …): one calm prompt at a time, with its progress."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Center
from textual.message import Message
from textual.widgets import Label, ProgressBar, Static

from groundtui.exercises import Step, StepState
from groundtui.ui.widgets.guide import StepGuide, set_text


def step_start(steps: tuple[Step, ...], index: int) -> float:
    """The practice second at which step ``index`` begins (clamped to the steps there are)."""
    index = max(0, min(index, len(steps)))
    return sum(step.seconds for step in steps[:index])


class Stepper(StepGuide):
    """Shows the step at ``elapsed`` (set by the screen from its clock): prompt, count, progress."""

    @dataclass
    class StepChanged(Message):
        """A new step began (also the first one)."""

        stepper: Stepper
        state: StepState

        @property
        def control(self) -> Stepper:
            return self.stepper

    @dataclass
    class Finished(Message):
        """The last step is over."""

        stepper: Stepper

        @property
        def control(self) -> Stepper:
            return self.stepper

    def compose(self) -> ComposeResult:
        yield Static(id="stepper-prompt", markup=False)
        yield Label(id="stepper-count")
        with Center():
            yield ProgressBar(
                total=1.0, show_eta=False, show_percentage=False, id="stepper-progress"
            )

    def _announce(self, old: StepState | None, new: StepState | None) -> None:
        if new is not None:
            if new.finished:
                if old is None or not old.finished:
                    self.post_message(self.Finished(self))
            elif old is None or old.finished or old.index != new.index:
                self.post_message(self.StepChanged(self, new))

    def _show(self, state: StepState | None) -> None:
        prompt = self.query_one("#stepper-prompt", Static)
        count = self.query_one("#stepper-count", Label)
        bar = self.query_one("#stepper-progress", ProgressBar)
        if state is None:
            set_text(prompt, "")
            set_text(count, "")
            return
        set_text(prompt, state.step.text)
        set_text(count, f"step {state.index + 1} of {len(self.steps)}")
        bar.update(total=max(state.step.seconds, 0.001), progress=state.step_elapsed)
