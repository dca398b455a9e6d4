"""About an exercise: what it is, how it goes and where it comes from, over the reset."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from groundtui.about import about_text
from groundtui.exercises import Exercise
from groundtui.ui.widgets.keybar import KeyBar


class AboutScreen(ModalScreen[None]):
    """The exercise as a user reads it (``groundtui.about``), the same text as
    ``groundtui exercises show ID``."""

    CSS_PATH = "about.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("a,q", "dismiss", "Close", show=False),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about-body"):
            yield Static(about_text(self.exercise), id="about-text", markup=False)
        yield KeyBar()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
