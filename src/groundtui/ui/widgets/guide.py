"""The shared base of the timed guides that walk through steps (``Stepper``, ``Countdown``): the
screen sets ``elapsed`` from its clock, ``state`` follows, and each guide shows it its own way,
as Textual's ``ToggleButton`` serves ``Checkbox`` and ``RadioButton``."""

from __future__ import annotations

from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from groundtui.exercises import Step, StepState, step_at


def set_text(widget: Static, text: str) -> None:
    """Update a text widget only when its text changes: no layout pass on every frame."""
    if widget.content != text:
        widget.update(text)


class StepGuide(Vertical):
    """Follows the step at ``elapsed``; a subclass shows it (``_show``) and says what changed
    (``_announce``)."""

    steps: reactive[tuple[Step, ...]] = reactive(())
    elapsed: reactive[float] = reactive(0.0, always_update=True)
    """Seconds of practice (paused time excluded), set by whoever owns the clock."""
    state: reactive[StepState | None] = reactive(None)

    def __init__(
        self,
        steps: tuple[Step, ...] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(StepGuide.steps, steps)

    def on_mount(self) -> None:
        self._update_state()

    def watch_steps(self) -> None:
        self._update_state()

    def watch_elapsed(self) -> None:
        self._update_state()

    def _update_state(self) -> None:
        self.state = step_at(self.steps, self.elapsed) if self.steps else None

    def watch_state(self, old: StepState | None, new: StepState | None) -> None:
        self._announce(old, new)
        if self.is_mounted:
            self._show(new)

    def _announce(self, old: StepState | None, new: StepState | None) -> None:
        """Post the guide's messages for a change of state (none here)."""

    def _show(self, state: StepState | None) -> None:
        """Show ``state`` (None: no steps)."""
        raise NotImplementedError
