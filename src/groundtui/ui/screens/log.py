"""The reset log screen: today's resets, a 14-day strip and a week view, in kind words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any, Protocol

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from groundtui.fmt import rough_minutes
from groundtui.log.records import LogRecord
from groundtui.log.summary import (
    OUTCOME_GLYPHS,
    OUTCOME_WORDS,
    DaySummary,
    DayTotals,
    LogSummaryInput,
    daily_totals,
)
from groundtui.safetext import visible
from groundtui.ui.widgets.daystrip import DayStrip
from groundtui.ui.widgets.keybar import KeyBar
from groundtui.ui.widgets.trend import WeekTrend

STRIP_DAYS = 14
"""Days in the strip, today included."""

WEEK_DAYS = 7
"""Days in the week view, today included."""

KIND_LINE = "Every reset you took is time given back to yourself."
NONE_DONE_LINE = "Busy days happen. One slow breath between sessions still counts."
EMPTY_TODAY = "Nothing logged yet today. Resets you take will show up here."
LOADING = "Reading your log…"


class RecordSource(Protocol):
    """What the screen reads from (``LogStore`` and ``QueuedLog`` are ones)."""

    def records(self, since: date, until: date) -> list[LogRecord]: ...


def exercise_title(exercise_id: str, names: Mapping[str, str] | None = None) -> str:
    """The exercise's name if known, else its id made readable: 'body-scan' → 'Body scan'."""
    if names and exercise_id in names:
        return names[exercise_id]
    exercise_id = visible(exercise_id)  # the log may hold rows groundtui did not write
    text = re.sub(r"[-_](?!\d)|(?<!\d)[-_]", " ", exercise_id).strip()
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else exercise_id


def join_wrapped(parts: Sequence[str], width: int, sep: str = " · ") -> str:
    """Join ``parts`` with ``sep``, breaking lines only between parts (never inside one)."""
    trail = sep.rstrip()
    lines: list[str] = []
    line = ""
    for i, part in enumerate(parts):
        candidate = f"{line}{sep}{part}" if line else part
        room = 0 if i == len(parts) - 1 else len(trail)  # a line that goes on ends in ' ·'
        if line and len(candidate) + room > width:
            lines.append(line + trail)
            line = part
        else:
            line = candidate
    if line:
        lines.append(line)
    return "\n".join(lines)


def context_parts(summary: DaySummary) -> list[str]:
    """['5 gaps in the plan', '2 back-to-back runs', 'average activation 6.0 → 3.5 (0–10, …)']."""
    parts: list[str] = []
    if summary.gaps is not None:
        parts.append(f"{summary.gaps} gap{'' if summary.gaps == 1 else 's'} in the plan")
    if summary.back_to_back_runs:
        runs = summary.back_to_back_runs
        parts.append(f"{runs} back-to-back run{'' if runs == 1 else 's'}")
    checkin = summary.checkin_line()
    if checkin:
        parts.append(checkin)
    return parts


def week_row(totals: DayTotals) -> tuple[str, str, str]:
    """(day, 'taken of logged', minutes) for one day of the week view: a reset started on the
    user's own counts as taken, as in the status line and on the day screen."""
    day = f"{totals.date:%a} {totals.date.day} {totals.date:%b}"
    if totals.offered == 0:
        return day, "nothing logged", ""
    if totals.taken == 0:
        return day, f"{totals.offered} offered", ""
    done = f"{totals.taken} of {totals.offered} taken"
    return day, done, rough_minutes(totals.minutes * 60) if totals.minutes else ""


@dataclass(frozen=True)
class _PlanCounts:
    gaps: int | None
    back_to_back_runs: int | None


class LogScreen(Screen[None]):
    """Today's resets and the last two weeks. Opened with ``l``; ``w`` toggles the week."""

    CSS_PATH = "log.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    BINDINGS = [
        Binding("w", "toggle_week", "Week / today"),
        Binding("escape", "close", "Close"),
        Binding("l", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    week: reactive[bool] = reactive(False, init=False)
    """Showing the week view rather than today's list."""

    @dataclass
    class Loaded(Message):
        """The worker read the last two weeks of records (times already in the screen's zone)."""

        records: list[LogRecord]
        warning: str | None = None
        reflection: Any = None
        """The week's share, self-check trend and what works (``reflect.read.Reflection``)."""

    def __init__(
        self,
        store: RecordSource,
        today: date,
        tz: tzinfo,
        plan_summary: LogSummaryInput | Any | None = None,
        *,
        gaps: int | None = None,
        back_to_back_runs: int | None = None,
        exercise_names: Mapping[str, str] | None = None,
        reflection: Callable[[], Any] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.store = store
        self.today = today
        self.tz = tz
        self.plan = _PlanCounts(
            gaps=gaps if gaps is not None else getattr(plan_summary, "gaps", None),
            back_to_back_runs=(
                back_to_back_runs
                if back_to_back_runs is not None
                else getattr(plan_summary, "back_to_back_runs", None)
            ),
        )
        self.exercise_names = dict(exercise_names or {})
        self.reflection = reflection
        """Reads the week view's reflection panel (in the worker), if the app gives one."""
        self.records: list[LogRecord] | None = None
        """The last ``STRIP_DAYS`` days of records, once loaded."""

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="log-header"):
            yield Static("Your reset log", id="log-title")
            yield Static(self._date_text(), id="log-date")
        with VerticalScroll(id="log-body"):
            yield Static("", id="log-warning", markup=False)
            yield Static(LOADING, id="log-summary")
            yield Static("", id="log-context")
            yield Vertical(id="log-today")
            yield Vertical(id="log-week")
            yield WeekTrend(lambda i: exercise_title(i, self.exercise_names), id="log-reflect")
            yield Static(f"Last {STRIP_DAYS} days · resets done", id="log-strip-label")
            yield DayStrip(id="log-strip")
        yield Static("", id="log-kind")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#log-warning").display = False
        self.query_one("#log-week").display = False
        self.query_one("#log-reflect").display = False
        self.load_records()

    # ---------------------------------------------------------------- data

    @work(thread=True, exclusive=True, group="log-screen")
    def load_records(self) -> None:
        """Read the last two weeks off the UI thread, so a slow database never blocks it."""
        since = self.today - timedelta(days=STRIP_DAYS - 1)
        try:
            records = [r.in_zone(self.tz) for r in self.store.records(since, self.today)]
        except Exception as err:  # the screen stays up whatever the database does
            reason = " ".join(str(err).split()) or type(err).__name__
            self.post_message(self.Loaded([], f"The log could not be read just now ({reason})."))
            return
        reflection = None
        if self.reflection is not None:
            try:
                reflection = self.reflection()
            except Exception:  # the week's extras never stop the log from showing
                reflection = None
        self.post_message(self.Loaded(records, getattr(self.store, "warning", None), reflection))

    def on_log_screen_loaded(self, message: Loaded) -> None:
        self.records = message.records
        warning = self.query_one("#log-warning", Static)
        warning.update(message.warning or "")
        warning.display = bool(message.warning)
        self._fill_today(self.records_on([self.today]))
        self._fill_week()
        self.query_one(WeekTrend).data = message.reflection
        strip = self.query_one(DayStrip)
        strip.today = self.today
        strip.days = tuple(
            daily_totals(self.records, self.today - timedelta(days=STRIP_DAYS - 1), self.today)
        )
        self._show()

    def records_on(self, days: Iterable[date]) -> list[LogRecord]:
        """Loaded records whose date is one of ``days``."""
        wanted = set(days)
        return [r for r in self.records or () if r.date in wanted]

    def summary(self) -> DaySummary:
        """Today's summary, or the week's in the week view."""
        if self.week:
            days = [self.today - timedelta(days=n) for n in range(WEEK_DAYS)]
            return DaySummary.of(self.records_on(days))
        # ``of`` reads any object with ``gaps`` and ``back_to_back_runs`` (None: not known);
        # its annotation names the one concrete class the log store has for that.
        return DaySummary.of(self.records_on([self.today]), self.plan)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- drawing

    def _date_text(self) -> str:
        if self.week:
            first = self.today - timedelta(days=WEEK_DAYS - 1)
            return f"Week · {first.day} {first:%b} – {self.today.day} {self.today:%b}"
        return f"Today · {self.today:%a} {self.today.day} {self.today:%b}"

    def _show(self) -> None:
        """Texts and which view is visible (the rows are built once, on load)."""
        self.query_one("#log-date", Static).update(self._date_text())
        if self.records is None:
            return
        summary = self.summary()
        today = DaySummary.of(self.records_on([self.today]))
        width = self.query_one("#log-summary").content_region.width or self.size.width - 4
        self.query_one("#log-summary", Static).update(join_wrapped(summary.parts(), width))
        context = self.query_one("#log-context", Static)
        context.update(join_wrapped(context_parts(summary), width))
        context.display = bool(context_parts(summary))
        self.query_one("#log-kind", Static).update(KIND_LINE if today.done else NONE_DONE_LINE)
        self.query_one("#log-today").display = not self.week
        self.query_one("#log-week").display = self.week
        self.query_one("#log-reflect").display = (
            self.week and self.query_one(WeekTrend).data is not None
        )

    def _fill_today(self, records: Sequence[LogRecord]) -> None:
        box = self.query_one("#log-today", Vertical)
        box.remove_children()
        if not records:
            box.mount(Static(EMPTY_TODAY, classes="log-empty"))
            return
        rows = []
        for r in records:
            rows.append(
                Horizontal(
                    Static(f"{r.when:%H:%M}", classes="cell time"),
                    Static(
                        exercise_title(r.exercise, self.exercise_names),
                        classes="cell name",
                        markup=False,
                    ),
                    Static(
                        f"{OUTCOME_GLYPHS[r.outcome]} {OUTCOME_WORDS[r.outcome]}",
                        classes=f"cell outcome -{r.outcome}",
                    ),
                    Static(rough_minutes(r.minutes * 60) if r.minutes else "", classes="cell mins"),
                    Static(r.checkin_text(), classes="cell checkin"),
                    classes=f"log-row -{r.outcome}",
                )
            )
        box.mount_all(rows)

    def _fill_week(self) -> None:
        box = self.query_one("#log-week", Vertical)
        box.remove_children()
        first = self.today - timedelta(days=WEEK_DAYS - 1)
        rows = []
        for totals in daily_totals(self.records or (), first, self.today):
            day, done, mins = week_row(totals)
            classes = "week-row -today" if totals.date == self.today else "week-row"
            if not totals.offered:
                classes += " -empty"
            rows.append(
                Horizontal(
                    Static(day, classes="cell day"),
                    Static(done, classes="cell done"),
                    Static(mins, classes="cell mins"),
                    classes=classes,
                )
            )
        box.mount_all(rows)

    # ---------------------------------------------------------------- actions

    def on_resize(self) -> None:
        self._show()

    def watch_week(self) -> None:
        self._show()

    def action_toggle_week(self) -> None:
        """Switch between today's resets and the last seven days."""
        self.week = not self.week

    def action_close(self) -> None:
        """Back to the day (q closes this screen; it never quits the app)."""
        self.dismiss()
