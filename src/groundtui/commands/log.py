"""``groundtui log``: the reset log for a day or a range, as a Rich table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date, timedelta, tzinfo
from typing import Any

from groundtui.errors import GroundError, LogError
from groundtui.fmt import rough_minutes
from groundtui.log.open import open_store
from groundtui.log.records import JSON_KEYS, LogRecord
from groundtui.log.summary import OUTCOME_GLYPHS, OUTCOME_WORDS, DaySummary
from groundtui.safetext import visible

USAGE = "usage: groundtui log [--date YYYY-MM-DD | --week | --since D [--until D]] [--format ...]"


class UsageError(Exception):
    """Options that do not go together (exit 2, like argparse)."""


def date_range(args: argparse.Namespace, tz: tzinfo) -> tuple[date, date]:
    """The inclusive ``(since, until)`` asked for: --date, --week, --since/--until, or today."""
    from groundtui.options import parse_date

    until_text = getattr(args, "until", None)
    since_text = getattr(args, "since", None)
    if until_text and not since_text:
        raise UsageError("--until needs --since (e.g. --since 2026-11-01 --until 2026-11-07)")
    today = parse_date(None, tz)
    if getattr(args, "date", None):
        day = parse_date(args.date, tz)
        return day, day
    if getattr(args, "week", False):
        return today - timedelta(days=6), today
    if since_text:
        since = parse_date(since_text, tz)
        until = parse_date(until_text, tz) if until_text else today
        if until < since:
            raise GroundError(f"the range ends before it starts (--since {since}, --until {until})")
        return since, until
    return today, today


def run_log(args: argparse.Namespace) -> int:
    """Print the records of the asked-for days (times in ``--tz``); never prints labels."""
    from groundtui.options import parse_zone, read_config

    tz = parse_zone(getattr(args, "tz", None), read_config())
    try:
        since, until = date_range(args, tz)
    except UsageError as err:
        print(f"{USAGE}\ngroundtui log: error: {err}", file=sys.stderr)
        return 2
    store = open_store(read_only=True)
    try:
        records = [] if store.problem else store.records(since, until)
        if store.problem:
            raise LogError(store.problem)
        for note in store.notes:  # rows left out, a read-only folder: said, and the log shown
            print(f"groundtui: warning: {note}", file=sys.stderr)
    finally:
        store.close()
    fmt = getattr(args, "format", "table")
    if fmt == "json":
        write_json(records, tz)
    elif fmt == "csv":
        write_csv(records, tz)
    else:
        print_table([r.in_zone(tz) for r in records], since, until, names=exercise_names())
    return 0


def exercise_names() -> dict[str, str]:
    """Exercise ids to the names a user reads (an exercise since removed keeps its id)."""
    from groundtui.day import load_exercises
    from groundtui.planner.model import exercises_of

    try:
        return {ex.id: ex.name for ex in exercises_of(load_exercises()).values()}
    except Exception:  # a table of the log must not fail over an exercise file
        return {}


def write_json(records: Sequence[LogRecord], tz: tzinfo) -> None:
    """A JSON list, one record per line (quick to write for years of records, easy to grep)."""
    if not records:
        print("[]")
        return
    lines = ",\n  ".join(json.dumps(r.to_json(tz)) for r in records)
    sys.stdout.write(f"[\n  {lines}\n]\n")


def write_csv(records: Sequence[LogRecord], tz: tzinfo) -> None:
    """A header and one row per record, the JSON keys as columns (empty for null)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(JSON_KEYS)
    for r in records:
        data = r.to_json(tz)
        writer.writerow(["" if data[k] is None else data[k] for k in JSON_KEYS])


def describe_range(since: date, until: date) -> str:
    """'Tuesday 24 November 2026', or '18 Nov 2026 – 24 Nov 2026'."""
    if since == until:
        return f"{since:%A} {since.day} {since:%B %Y}"
    return f"{since.day} {since:%b %Y} – {until.day} {until:%b %Y}"


TABLE_HEADERS = ("time", "exercise", "kind", "outcome", "min", "check-in")
RIGHT = frozenset({"min"})


def column_style(header: str) -> dict[str, Any]:
    """How a column behaves when the terminal is too narrow for the table: times and numbers
    stay whole, words wrap."""
    if header in ("time", "min"):
        return {"no_wrap": True}
    return {"overflow": "fold"}


def table_cells(
    records: Sequence[LogRecord],
    since: date,
    until: date,
    names: Mapping[str, str] | None = None,
) -> list[list[str]]:
    """Each record as the table's cells, exercises by ``names``; a range has a date column
    (with the year when it spans more than one)."""
    names = names or {}
    many_days = since != until
    years = since.year != until.year
    rows = []
    for r in records:
        row = []
        if many_days:
            row.append(f"{r.date:%a} {r.date.day} {r.date:%b}" + (f" {r.date:%Y}" if years else ""))
        row += [
            f"{r.when:%H:%M}",
            visible(
                names.get(r.exercise, r.exercise)
            ),  # rows groundtui did not write may hold anything
            r.kind.replace("_", " "),
            f"{OUTCOME_GLYPHS[r.outcome]} {OUTCOME_WORDS[r.outcome]}",
            rough_minutes(r.minutes * 60).removesuffix(" min") if r.minutes else "",
            r.checkin_text(),
        ]
        rows.append(row)
    return rows


def print_table(
    records: Sequence[LogRecord],
    since: date,
    until: date,
    names: Mapping[str, str] | None = None,
) -> None:
    """A Rich table of the records, then a kind summary line.

    Rich lays out every cell of a table, which takes seconds for years of records. When the
    rows fit the width (always, into a file or a pipe), the columns get fixed widths, Rich
    draws the title, header and first row, and the other rows are written in the same layout
    (a test checks the result is what Rich draws for the whole table).
    """
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    span = describe_range(since, until)
    if not records:
        when = f"for {span}" if since == until else f"between {span.replace(' – ', ' and ')}"
        console.print(
            f"Nothing logged {when} yet. Resets you take will show up here.", markup=False
        )
        return
    headers = (("date",) if since != until else ()) + TABLE_HEADERS
    rows = table_cells(records, since, until, names)
    widths = [max(cell_len(h), *(cell_len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    needed = sum(widths) + 3 * (len(widths) - 1)
    if not console.is_terminal:
        console.width = max(console.width, needed)  # into a file or a pipe: nothing to wrap
    fits = needed <= console.width
    table = Table(title=span, title_justify="left", show_edge=False, pad_edge=False)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(
            header,
            justify="right" if header in RIGHT else "left",
            width=width if fits else None,
            **column_style(header),
        )
    for row in rows[:1] if fits else rows:
        table.add_row(*row)
    console.print(table, markup=False)
    if fits and len(rows) > 1:
        lines = []
        for row in rows[1:]:
            cells = [
                " " * (w - cell_len(c)) + c if h in RIGHT else c + " " * (w - cell_len(c))
                for h, w, c in zip(headers, widths, row, strict=True)
            ]
            lines.append(" │ ".join(cells))
        console.file.write("\n".join(lines) + "\n")
    summary = DaySummary.of(records)
    console.print(summary.line(), markup=False)
    if summary.checkin_line():
        console.print(summary.checkin_line(), markup=False)
