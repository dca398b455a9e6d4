"""After the closing reflection: the day's few extra prompts, one at a time, each skippable."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from groundtui.clock import Clock
from groundtui.reflect.closing import (
    JOURNAL,
    NOTE,
    SELF_CHECK,
    SUPPORT,
    remember,
    self_check_offer,
    support_text,
)
from groundtui.reflect.journal import NO_NAMES, PROMPT, Journal
from groundtui.reflect.selfcheck import SelfCheck, SelfCheckStore, note_text
from groundtui.ui.widgets.keybar import KeyBar

JOURNAL_TEXT = (
    f"If you like: a moment from today that reminded you why this work matters. {NO_NAMES}"
)

TITLES = {
    SELF_CHECK: "Weekly self-check",
    NOTE: "Your weekly self-check",
    SUPPORT: "Support",
    JOURNAL: PROMPT,
}


class ClosingScreen(ModalScreen[None]):
    """Shows the closing's prompts in turn; ``escape`` passes one by, without a word."""

    CSS_PATH = "closing.tcss"
    BINDINGS = [
        Binding("space", "take", "Take it"),
        Binding("enter", "ok", "OK"),
        Binding("escape", "next", "Not now"),
    ]

    def __init__(
        self,
        today: date,
        prompts: tuple[str, ...],
        totals: tuple[int | None, ...],
        *,
        clock: Clock,
        level: float = 8.0,
        support_days: float = 14,
        journal: Journal | None = None,
        checks: SelfCheckStore | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        self.prompts = list(prompts)
        self.totals = totals
        self.clock = clock
        self.level = level
        self.support_days = int(support_days)
        self.journal = journal or Journal()
        self.checks = checks or SelfCheckStore()
        self.index = 0

    @property
    def prompt(self) -> str | None:
        return self.prompts[self.index] if self.index < len(self.prompts) else None

    def compose(self) -> ComposeResult:
        with Vertical(id="closing-box"):
            yield Static("", id="closing-title")
            yield Static("", id="closing-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        prompt = self.prompt
        if prompt is None:
            self.dismiss(None)
            return
        self.query_one("#closing-title", Static).update(TITLES[prompt])
        self.query_one("#closing-text", Static).update(self.text(prompt))
        if prompt == JOURNAL and not self.query("#closing-input"):
            # mounted only now, so no earlier prompt's keys go into it
            field = Input(placeholder="a few words (enter keeps them)", id="closing-input")
            self.query_one("#closing-box").mount(field)
            field.focus()
        if prompt in (NOTE, SUPPORT):
            remember(prompt, self.today)
        self.refresh_bindings()

    def text(self, prompt: str) -> str:
        if prompt == SELF_CHECK:
            return self_check_offer(self.today)
        if prompt == NOTE:
            return note_text(self.totals, self.level)
        if prompt == SUPPORT:
            return support_text(self.support_days)
        return JOURNAL_TEXT

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take":
            return self.prompt == SELF_CHECK
        if action == "ok":
            return self.prompt in (NOTE, SUPPORT)
        return True

    def action_ok(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        self.index += 1
        self._show()

    def action_take(self) -> None:
        from groundtui.ui.screens.selfcheck import SelfCheckScreen

        def done(check: SelfCheck | None) -> None:
            if check is not None:
                remember(SELF_CHECK, self.today)  # its screen showed any note already
            self.action_next()

        self.app.push_screen(SelfCheckScreen(self.today, self.checks, self.level), done)

    @on(Input.Submitted, "#closing-input")
    def keep_entry(self, event: Input.Submitted) -> None:
        from groundtui.errors import GroundError

        if event.value.strip():
            try:
                self.journal.add(event.value, self.clock.now())
            except GroundError as err:
                self.notify(str(err), severity="error", timeout=6)
                return
            self.notify("Kept in your private journal.", timeout=3)
        self.action_next()
