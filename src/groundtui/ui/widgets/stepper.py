"""A stepped practice (body scan, grounding, …): one calm prompt at a time, with its progress."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar, Static

from groundtui.exercises import Step, StepState, step_at


def step_start(steps: tuple[Step, ...], index: int) -> float:
    """The practice second at which step ``index`` begins (clamped to the steps there are)."""
    index = max(0, min(index, len(steps)))
    return sum(step.seconds for step in steps[:index])


def _set_text(widget: Static, text: str) -> None:
    """Update a text widget only when its text changes: no layout pass on every frame."""
    if widget.content != text:
        widget.update(text)


class Stepper(Vertical):
    """Shows the step at ``elapsed`` (set by the screen from its clock): prompt, count, progress."""

    steps: reactive[tuple[Step, ...]] = reactive(())
    elapsed: reactive[float] = reactive(0.0, always_update=True)
    """Seconds of practice (paused time excluded), set by whoever owns the clock."""
    state: reactive[StepState | None] = reactive(None)

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

    def __init__(
        self,
        steps: tuple[Step, ...] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(Stepper.steps, steps)

    def compose(self) -> ComposeResult:
        yield Static(id="stepper-prompt", markup=False)
        yield Label(id="stepper-count")
        with Center():
            yield ProgressBar(
                total=1.0, show_eta=False, show_percentage=False, id="stepper-progress"
            )

    def on_mount(self) -> None:
        self._update_state()

    def watch_steps(self) -> None:
        self._update_state()

    def watch_elapsed(self) -> None:
        self._update_state()

    def _update_state(self) -> None:
        self.state = step_at(self.steps, self.elapsed) if self.steps else None

    def watch_state(self, old: StepState | None, new: StepState | None) -> None:
        if new is not None:
            if new.finished:
                if old is None or not old.finished:
                    self.post_message(self.Finished(self))
            elif old is None or old.finished or old.index != new.index:
                self.post_message(self.StepChanged(self, new))
        if self.is_mounted:
            self._show(new)

    def _show(self, state: StepState | None) -> None:
        prompt = self.query_one("#stepper-prompt", Static)
        count = self.query_one("#stepper-count", Label)
        bar = self.query_one("#stepper-progress", ProgressBar)
        if state is None:
            _set_text(prompt, "")
            _set_text(count, "")
            return
        _set_text(prompt, state.step.text)
        _set_text(count, f"step {state.index + 1} of {len(self.steps)}")
        bar.update(total=max(state.step.seconds, 0.001), progress=state.step_elapsed)
