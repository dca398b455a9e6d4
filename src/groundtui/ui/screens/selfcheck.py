"""The weekly self-check: four questions, one key 0–4 each, under a minute; skippable freely."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

from groundtui.reflect.selfcheck import (
    DOMAINS,
    MAX_TOTAL,
    NOT_A_MEASURE,
    QUESTIONS,
    SCALE,
    SelfCheck,
    SelfCheckStore,
    note_text,
    trend,
    worth_a_note,
)
from groundtui.reflect.trend import spark
from groundtui.ui.widgets.keybar import KeyBar

INTRO = (
    "Over the past week, how often… One key each. Nothing here is a test, and nothing is a grade."
)
SCALE_TEXT = " · ".join(f"{n} {word}" for n, word in enumerate(SCALE))
KEPT = "Kept as four numbers and a date, on this computer only."


class SelfCheckScreen(ModalScreen[SelfCheck | None]):
    """Asks the four questions in the contract's order and keeps the answers as numbers."""

    CSS_PATH = "selfcheck.tcss"
    BINDINGS = [
        Binding("0", "answer(0)", "answer", key_display="0–4"),
        *(Binding(str(n), f"answer({n})", show=False) for n in range(1, len(SCALE))),
        Binding("backspace", "back", "Back"),
        Binding("escape", "leave", "Not now"),
        Binding("enter", "close", "Close"),
        Binding("escape,q", "close", "Close", show=False),
    ]

    answers: reactive[tuple[int, ...]] = reactive((), init=False)
    saved: reactive[SelfCheck | None] = reactive(None, init=False)

    @dataclass
    class Saved(Message):
        """The worker kept the check; ``totals`` is the 12-week trend with it."""

        check: SelfCheck
        totals: list[int | None]
        error: str | None = None

    def __init__(self, today: date, store: SelfCheckStore, level: float = 8.0) -> None:
        super().__init__()
        self.today = today
        self.store = store
        self.level = level
        self.totals: list[int | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="selfcheck-box"):
            yield Static("Weekly self-check", id="selfcheck-title")
            yield Static(INTRO, id="selfcheck-intro")
            yield Static("", id="selfcheck-count")
            yield Static("", id="selfcheck-question")
            yield Static(SCALE_TEXT, id="selfcheck-scale")
            yield Static("", id="selfcheck-done")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        asking = self.saved is None and len(self.answers) < len(DOMAINS)
        for name in ("intro", "count", "question", "scale"):
            self.query_one(f"#selfcheck-{name}").display = asking
        self.query_one("#selfcheck-done").display = not asking
        if asking:
            n = len(self.answers)
            self.query_one("#selfcheck-count", Static).update(f"{n + 1} of {len(DOMAINS)}")
            self.query_one("#selfcheck-question", Static).update(QUESTIONS[DOMAINS[n]])
        elif self.saved is None:
            self.query_one("#selfcheck-done", Static).update("Keeping it…")
        else:
            self.query_one("#selfcheck-done", Static).update(self.done_text())

    def done_text(self) -> str:
        """What the screen says once the check is kept: the total, the trend, maybe a note."""
        assert self.saved is not None
        lines = [f"Total {self.saved.total} of {MAX_TOTAL} this week. {KEPT}"]
        if sum(t is not None for t in self.totals) > 1:
            lines.append(f"Last 12 weeks: {spark(self.totals)}")
        if worth_a_note(self.totals, self.level):
            lines.append(note_text(self.totals, self.level))
        else:
            lines.append(NOT_A_MEASURE)
        return "\n\n".join(lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        asking = self.saved is None and len(self.answers) < len(DOMAINS)
        if action in ("answer", "leave"):
            return asking
        if action == "close":
            return not asking
        if action == "back":
            return asking and bool(self.answers)
        return True

    def watch_answers(self) -> None:
        self.refresh_bindings()
        if len(self.answers) == len(DOMAINS):
            self.keep(SelfCheck(self.today, self.answers))
        self._show()

    def watch_saved(self) -> None:
        self.refresh_bindings()
        self._show()

    def action_answer(self, value: int) -> None:
        if len(self.answers) < len(DOMAINS):
            self.answers = (*self.answers, value)

    def action_back(self) -> None:
        self.answers = self.answers[:-1]

    def action_leave(self) -> None:
        """Not now: nothing is kept, and nothing is said about it."""
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(self.saved)

    @work(thread=True, exclusive=True, group="selfcheck")
    def keep(self, check: SelfCheck) -> None:
        """Append the check and read the trend back, off the UI thread."""
        from groundtui.errors import GroundError

        try:
            self.store.add(check)
            totals = trend(self.store.all(), self.today)
        except GroundError as err:
            self.post_message(self.Saved(check, [], str(err)))
            return
        self.post_message(self.Saved(check, totals))

    def on_self_check_screen_saved(self, message: Saved) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
        self.totals = message.totals or [message.check.total]
        self.saved = message.check
