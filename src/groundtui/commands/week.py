"""``groundtui week``: the ISO week's client, heavy and support sessions, the heavy share, the
resets taken and the weekly self-check, as a Rich table or the contract's JSON."""

from __future__ import annotations

import argparse
import json

from groundtui.reflect.week import SHARE_NOTE, Week, share_text


def run_week(args: argparse.Namespace) -> int:
    """Print the ISO week holding ``--date`` (default today)."""
    from groundtui.options import note_demo, parse_date, parse_zone, read_config, schedule_sources
    from groundtui.reflect.read import read_week

    config = read_config()
    tz = parse_zone(getattr(args, "tz", None), config)
    day = parse_date(getattr(args, "date", None), tz)
    path = schedule_sources(getattr(args, "schedule", None), config)
    week = read_week(path, day, tz, config)
    if not path:
        note_demo()
    if getattr(args, "format", "table") == "json":
        print(json.dumps(week.to_json(), indent=2))
    else:
        print_table(week)
    return 0


def share_line(week: Week) -> str:
    """'8 of 14 client sessions heavy (57%) · your limit 50%'."""
    if not week.sessions:
        return "No client sessions this week."
    return (
        f"{week.heavy} of {week.sessions} client sessions heavy ({share_text(week.heavy_share)})"
        f" · your limit {share_text(week.heavy_share_limit)}"
    )


def self_check_line(week: Week) -> str:
    """The week's self-check total and the 12-week trend, or a plain word that there is none."""
    from groundtui.reflect.selfcheck import MAX_TOTAL
    from groundtui.reflect.trend import spark

    if week.self_check is None:
        text = "Weekly self-check: none this week (in the app's palette when you want it)."
    else:
        check = week.self_check
        text = f"Weekly self-check ({check.date:%a %-d %b}): total {check.total} of {MAX_TOTAL}."
    if any(t is not None for t in week.trend):
        text += f"  Last 12 weeks: {spark(week.trend)}"
    return text


def print_table(week: Week) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    title = f"Week {week.start:%-d %b} – {week.end:%-d %b %Y} · {week.timezone}"
    if week.demo:
        console.print("DEMO · no schedule is set up: the demo day, Monday to Friday")
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("day", no_wrap=True)
    table.add_column("client", justify="right")
    table.add_column("heavy", justify="right")
    table.add_column("support", justify="right")
    table.add_column("resets offered", justify="right")
    table.add_column("taken", justify="right")
    for d in week.days:
        table.add_row(
            f"{d.date:%a %-d %b}",
            str(d.sessions) if d.sessions else "·",
            str(d.heavy) if d.heavy else "·",
            str(d.support) if d.support else "·",
            str(d.resets_offered) if d.resets_offered else "·",
            str(d.resets_done) if d.resets_done else "·",
        )
    console.print(table)
    console.print(share_line(week))
    console.print(f"[dim]{escape(SHARE_NOTE)}[/dim]")
    n = week.support
    console.print(f"{n} support session{'s' * (n != 1)} (supervision, consultation, peer group)")
    console.print(escape(self_check_line(week)))
