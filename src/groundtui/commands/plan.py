"""``groundtui plan``: the day's plan as a Rich table or as the contract's JSON."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from groundtui.planner import DayPlan, Reset, plan_json, tz_name

if TYPE_CHECKING:
    from rich.text import Text

ROLE_NOTES = {
    "outside": "after a heavy session",
    "arrive": "arrival",
    "long": "longer practice",
}


def run_plan(args: argparse.Namespace) -> int:
    """Print the plan of ``--date`` (default today) for ``--schedule`` (default: the demo day)."""
    from groundtui.cli import note_demo, parse_date, parse_zone, read_config, schedule_sources
    from groundtui.day import load_day, load_exercises
    from groundtui.fastpath.build import Probe, said_on_stderr

    show_labels = bool(getattr(args, "show_labels", False))
    as_json = getattr(args, "format", "table") == "json"
    probe = Probe(getattr(args, "schedule", None), getattr(args, "tz", None))
    with said_on_stderr() as said:
        config = read_config()
        tz = parse_zone(getattr(args, "tz", None), config)
        day = parse_date(getattr(args, "date", None), tz)
        sources = schedule_sources(getattr(args, "schedule", None), config)
        # Labels are never in the day cache; a feed is read anew by each `plan`.
        probe.sources(sources, feeds=False)
        probe.cacheable = probe.cacheable and as_json and not show_labels
        probe.day(day)
        library = load_exercises()
        # A feed is read now (a 304 is enough unless labels are shown); its warning, if it has
        # to use the last good copy, comes first in the plan's warnings.
        plan = load_day(sources, day, tz, config, library, labels=show_labels)
        if as_json and not sources:
            note_demo()
    if as_json:
        data = plan_json(plan, show_labels=show_labels)
        if plan.warnings:  # e.g. a feed read from its last good copy says so
            data.setdefault("warnings", list(plan.warnings))
        text = json.dumps(data, indent=2)
        print(text)
        sys.stdout.flush()
        if probe.cacheable:
            with contextlib.suppress(Exception):
                probe.save(day, tz, "plan", (said.getvalue(), text + "\n"))
    else:
        print_table(plan, show_labels=show_labels, problems=len(getattr(library, "problems", ())))
    return 0


def _hm(t: datetime, tz: tzinfo) -> str:
    return t.astimezone(tz).strftime("%H:%M")


def _span(a: datetime, b: datetime, tz: tzinfo) -> str:
    return f"{_hm(a, tz)}–{_hm(b, tz)}"


def _min(seconds: float) -> str:
    """Minutes with at most one decimal: '50', '2.9', '0.8'."""
    return f"{seconds / 60:.1f}".removesuffix(".0")


def _named(name: str, note: str | None = None, indent: str = "") -> Text:
    """An exercise name (from a file: plain text, never markup) with its dim note."""
    from rich.text import Text

    text = Text(indent + name)
    if note:
        text.append(f"  ({note})", style="dim")
    return text


def _reset_text(reset: Reset) -> Text:
    return _named(reset.exercise.name, ROLE_NOTES.get(reset.role), indent="  ")


def print_table(plan: DayPlan, *, show_labels: bool = False, problems: int = 0) -> None:
    """The day as one Rich table: sessions and gaps in time order, then warnings and a summary."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tz = plan.tz
    console = Console()
    title = f"{plan.date:%A %-d %B %Y} · {tz_name(tz)}"
    if plan.demo:
        console.print(
            "[bold]Demo day[/bold]: no schedule is set up, so this is a made-up clinic day. "
            "Run 'groundtui schedule init' to write yours."
        )
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("time", no_wrap=True)
    table.add_column("")
    table.add_column("min", justify="right")

    rows: list[tuple[datetime, int, Any]] = []
    for i, session in enumerate(plan.sessions):
        text = Text("session", style="bold")
        if plan.heavy[i]:
            text.append(" ● heavy", style="yellow")
        if show_labels and session.label:
            text.append(f" · {session.label}")  # a label is text, never markup
        span = _span(session.start, session.end, tz)
        rows.append((session.start, 0, (span, text, _min(_seconds(session.start, session.end)))))
    for gap in plan.gaps:
        what = "[dim]gap · back to back[/dim]" if gap.back_to_back else "[dim]gap[/dim]"
        cells: list[tuple[str, str | Text, str]] = [
            (_span(gap.start, gap.end, tz), what, _min(gap.seconds))
        ]
        if not gap.back_to_back and gap.notes_end > gap.start:
            notes = _seconds(gap.start, gap.notes_end)
            cells.append((_span(gap.start, gap.notes_end, tz), "  [dim]notes[/dim]", _min(notes)))
        for reset in gap.resets:
            span = _span(reset.start, reset.end, tz)
            cells.append((span, _reset_text(reset), _min(reset.seconds)))
        for k, cell in enumerate(cells):
            rows.append((gap.start, 1 + k, cell))
    rows.sort(key=lambda r: (r[0].astimezone(tz), r[1]))
    for _, _, (span, text, minutes) in rows:
        table.add_row(span, text, minutes)
    if plan.closing is not None:
        closing = plan.closing
        table.add_row(
            _span(closing.start, closing.end, tz),
            _named(closing.exercise.name, "closing"),
            _min(closing.seconds),
        )
    console.print(table)

    for warning in plan.warnings:
        console.print(Text("note:", style="yellow"), Text(warning))
    if problems:
        console.print(
            f"[yellow]note:[/yellow] {problems} exercise file problem(s): "
            "run 'groundtui exercises check'"
        )
    console.print(summary_line(plan))


def _seconds(a: datetime, b: datetime) -> float:
    from datetime import UTC

    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds()


def summary_line(plan: DayPlan) -> str:
    """'7 sessions · 6 gaps · 8 resets · 1 back-to-back run · closing at 16:33'."""
    if not plan.sessions:
        return "No sessions on this day."
    n = len(plan.sessions)
    parts = [f"{n} session{'s' * (n != 1)}"]
    g = len(plan.gaps)
    parts.append(f"{g} gap{'s' * (g != 1)}")
    offered = len([r for r in plan.planned if r.role != "closing"])
    parts.append(f"{offered} reset{'s' * (offered != 1)}")
    runs = plan.back_to_back_runs
    if runs:
        parts.append(f"{runs} back-to-back run{'s' * (runs != 1)}")
    if plan.closing is not None:
        parts.append(f"closing at {_hm(plan.closing.start, plan.tz)}")
    return " · ".join(parts)
