"""Today's timeline: sessions, gaps and their resets, with where the day stands."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from groundtui.fmt import hhmm, length, span
from groundtui.ui.text import session_name

if TYPE_CHECKING:
    from groundtui.day import DayTracker, Item
    from groundtui.planner import Gap
    from groundtui.planner.model import Changeover

MARKS = {
    "done": ("✓", "done", "timeline--done"),
    "partial": ("◐", "partly", "timeline--partial"),
    "skipped": ("–", "skipped", "timeline--muted"),
    "missed": ("·", "passed by", "timeline--muted"),
    "passed": ("·", "", "timeline--muted"),
    "running": ("▸", "now", "timeline--now"),
    "pending": ("○", "", "timeline--pending"),
}


def _item_line(item: Item, now: datetime) -> Text:
    glyph, word, _ = MARKS.get(item.status, ("○", "", ""))
    if item.status == "pending" and item.snoozed_until and now < item.snoozed_until:
        word = f"snoozed to {hhmm(item.snoozed_until)}"
    style = {
        "done": "bold",
        "running": "bold reverse",
        "skipped": "dim",
        "missed": "dim",
        "passed": "dim",
        "partial": "",
    }.get(item.status, "")
    line = Text("  ")
    line.append(f"{hhmm(item.reset.start)}  ", style="dim")
    line.append(f"{glyph} ", style=style)
    role = {"arrive": "arrive: ", "closing": "close the day: ", "outside": ""}.get(item.role, "")
    line.append(f"{role}{item.reset.exercise.name}", style=style)
    line.append(f" · {length(item.reset.seconds)}", style="dim")
    if word:
        line.append(f"  {word}", style="italic dim" if item.status != "done" else "italic")
    return line


def _changeover_line(change: Changeover, now: datetime) -> Text:
    """A changeover's cue, like an arrival cue's row: its time, its breaths, how long."""
    end = change.at + timedelta(seconds=change.seconds)
    here = change.at <= now < end
    style = "bold reverse" if here else "dim" if end <= now else ""
    line = Text("  ")
    line.append(f"{hhmm(change.at)}  ", style="dim")
    line.append("~ ", style=style)
    line.append(f"changeover: {change.exercise.name}", style=style)
    line.append(f" · {length(change.seconds)}", style="dim")
    if here:
        line.append("  now", style="italic dim")
    return line


def render_day(tracker: DayTracker, now: datetime, labels: str = "hidden") -> tuple[Text, int]:
    """The timeline as text, and the line where 'now' is (to keep it in view)."""
    plan = tracker.plan
    out = Text()
    current_line = 0
    line_no = 0

    def add(line: Text) -> None:
        nonlocal line_no
        out.append_text(line)
        out.append("\n")
        line_no += 1

    def add_gap(gap: Gap) -> None:
        nonlocal current_line
        in_gap = gap.start <= now < gap.end
        head = Text("▶ " if in_gap else "  ", style="bold" if in_gap else "")
        label = "back-to-back" if gap.back_to_back else f"{length(gap.minutes * 60)} gap"
        head.append(f"{span(gap.start, gap.end)}  ", style="dim")
        head.append(label, style="italic")
        if not gap.back_to_back and gap.notes_end > gap.notes_start:
            notes = (gap.notes_end - gap.notes_start).total_seconds()  # after the breaths
            head.append(f" · notes {length(notes)}", style="dim")
        if in_gap:
            current_line = line_no
        add(head)
        for item in tracker.items_in(gap):
            add(_item_line(item, now))

    # Each gap is drawn once, just before the first session after it (sessions may overlap).
    gaps = list(plan.gaps)
    changes = list(plan.changeovers)  # each just before the session that begins with it
    for index, session in enumerate(plan.sessions):
        while gaps and gaps[0].end <= session.start:
            add_gap(gaps.pop(0))
        while changes and changes[0].at <= session.start:
            add(_changeover_line(changes.pop(0), now))
        here = session.start <= now < session.end
        heavy = plan.heavy[index] if index < len(plan.heavy) else session.heavy
        line = Text("▶ " if here else "  ", style="bold" if here else "")
        line.append(span(session.start, session.end), style="bold" if here else "")
        line.append("  ● ", style="dim")
        line.append(session_name(session, labels), style="bold" if here else "")
        if heavy:
            line.append(" · heavy", style="italic dim")
        if session.end <= now:
            line.stylize("dim")
        if here:
            current_line = line_no
        add(line)
    for gap in gaps:
        add_gap(gap)
    for change in changes:
        add(_changeover_line(change, now))
    if plan.sessions and now >= max(s.end for s in plan.sessions):
        current_line = line_no  # the day's sessions are over: keep its end in view
    for item in tracker.items_in(None) if plan.sessions else ():
        add(_item_line(item, now))
    if not plan.sessions:
        add(Text("  No sessions today.", style="italic dim"))
    return out, current_line


class Timeline(Static):
    """The day, one line per session, gap and reset."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._shown: str | None = None
        self.current_line = 0

    def show(self, tracker: DayTracker, now: datetime, labels: str) -> bool:
        """Re-render for ``now``; returns True when something changed."""
        text, self.current_line = render_day(tracker, now, labels)
        key = text.plain + repr([s.style for s in text.spans])
        if key == self._shown:
            return False
        self._shown = key
        self.update(text)
        return True
