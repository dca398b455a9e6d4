"""``groundtui day cancel|late|add|undo|show``: the day's edits from a shell or a tmux key.

The edits go to the same file the app keeps (``day/edits.py``); a running app picks them up by
itself. Times only: nothing here reads or prints a label.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from groundtui.day.edits import (
    MAX_MINUTES,
    DayEdits,
    Edit,
    apply_edits,
    day_edits,
    overlapping,
)
from groundtui.errors import GroundError
from groundtui.fmt import hhmm, span
from groundtui.schedule.model import Session

if TYPE_CHECKING:
    from collections.abc import Callable

    from groundtui.config import Config
    from groundtui.schedule.combined import Source


def run_day(args: argparse.Namespace) -> int:
    """Make, undo or show one day's edits (default: today in ``--tz``)."""
    from groundtui.options import parse_date, parse_zone, read_config, schedule_sources

    config = read_config()
    tz = parse_zone(getattr(args, "tz", None), config)
    day = parse_date(getattr(args, "date", None), tz)
    kept = day_edits()
    edits = kept.load(day)
    action = args.action
    if action == "show":
        return _show(edits, tz, getattr(args, "format", "text"))
    if action == "undo":
        undone: list[Edit] = []

        def drop(current: DayEdits) -> DayEdits:
            rest, dropped = current.undo()
            undone.extend([dropped] if dropped is not None else [])
            return rest

        kept.update(day, drop)
        if not undone:
            print(f"{day:%a %d %b}: no edits to undo")
            return 0
        print(f"{day:%a %d %b}: undone: {undone[0].describe(tz)}")
        return 0

    sources = schedule_sources(getattr(args, "schedule", None), config)
    if not sources:
        raise GroundError(
            "no schedule is set up, so today is the demo day, which is never edited or logged "
            "(run 'groundtui schedule init' or pass --schedule)"
        )
    sessions = _sessions(sources, day, tz, config, edits)
    start = _at(args.time, day, tz)
    if action == "add":
        minutes = _minutes(args.minutes)
        new = Session(start, start + timedelta(minutes=minutes), heavy=bool(args.heavy))
        for other in overlapping(sessions, new):
            print(
                f"groundtui: warning: it overlaps the {_span(other, tz)} session",
                file=sys.stderr,
            )
        change: Callable[[DayEdits], DayEdits] = partial(DayEdits.add, session=new)
    else:
        target = next((s for s in sessions if s.start == start), None)
        if target is None:
            starts = ", ".join(hhmm(s.start, tz) for s in sessions) or "none"
            raise GroundError(
                f"no session starts at {args.time} on {day:%a %d %b} (starts: {starts})"
            )
        if action == "cancel":
            change = partial(DayEdits.cancel, start=target.start)
        else:
            minutes = _minutes(args.minutes)
            change = partial(DayEdits.running_late, start=target.start, minutes=minutes)
    # on top of the edits as they are now: the app may have kept one while the schedule was read
    edits = kept.update(day, change)
    print(f"{day:%a %d %b}: {edits.edits[-1].describe(tz)}")
    return 0


def _show(edits: DayEdits, tz: tzinfo, fmt: str) -> int:
    if fmt == "json":
        print(json.dumps(edits.to_json(), indent=2))
    elif not edits:
        print("no edits")
    else:
        for edit in edits.edits:
            print(edit.describe(tz))
    return 0


def _sessions(
    sources: tuple[Source, ...], day: date, tz: tzinfo, config: Config, edits: DayEdits
) -> list[Session]:
    """The day's sessions with its edits so far; a feed is read from its last good copy."""
    from groundtui.day import read_sessions

    read = read_sessions(sources, day, tz, config, fetch="never", labels=False)
    for warning in read.warnings:
        print(f"groundtui: warning: {warning}", file=sys.stderr)
    return apply_edits(read.sessions, edits)


def _at(text: str, day: date, tz: tzinfo) -> datetime:
    """``HH:MM`` on ``day`` in ``tz``."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise GroundError(f"bad time '{text}' (expected HH:MM, e.g. 14:30)")
    return datetime.combine(day, time(int(match[1]), int(match[2])), tzinfo=tz)


def _minutes(text: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        raise GroundError(f"bad minutes '{text}' (expected a whole number, e.g. 10)") from None
    if not 0 < minutes <= MAX_MINUTES:
        raise GroundError(f"minutes must be from 1 to {MAX_MINUTES}, not {text}")
    return minutes


def _span(session: Session, tz: tzinfo) -> str:
    return span(session.start, session.end, tz)
