"""``groundtui status``: one line for a tmux status bar or a shell prompt. Never loads the TUI."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

STATUS_BUSY_TIMEOUT = 1.0
"""Seconds a status line waits for a locked log: a tmux bar must never hang."""


def logged_on(day: date) -> list[Any]:
    """The log's records of ``day``; none when there is no log yet or it cannot be read (then
    one line on stderr says so: the counts would be wrong in silence otherwise)."""
    from groundtui import paths

    if not paths.log_db_path().exists():
        return []
    from groundtui.log.open import open_store

    store = open_store(read_only=True, busy_timeout=STATUS_BUSY_TIMEOUT)
    try:
        records = [] if store.problem else store.records(day, day)
        if store.warning:
            print(f"groundtui: warning: {store.warning}", file=sys.stderr)
        return records
    finally:
        store.close()


def run_status(args: argparse.Namespace) -> int:
    """Print where the day stands at ``--now`` (default: the real time); leave the day in the
    day cache for the next call (``groundtui.fastpath``)."""
    from groundtui.day import edited_sessions, load_exercises, read_sessions
    from groundtui.fastpath.build import Probe, said_on_stderr
    from groundtui.options import note_demo, parse_now, parse_zone, read_config, schedule_sources
    from groundtui.planner import plan_day
    from groundtui.status import day_status, resets_taken

    probe = Probe(getattr(args, "schedule", None), getattr(args, "tz", None))
    with said_on_stderr() as said:
        config = read_config()
        tz = parse_zone(getattr(args, "tz", None), config)
        if getattr(args, "now", None):
            now = parse_now(args.now, tz)
        else:
            from groundtui.clock import SystemClock

            now = SystemClock(tz).now()
        day = now.date()
        sources = schedule_sources(getattr(args, "schedule", None), config)
        probe.sources(sources, feeds=True)
        probe.day(day)
        if not sources:
            note_demo()
        # A feed is never read here: its last good copy answers (the app or `plan` refreshes it).
        read = read_sessions(sources, day, tz, config, fetch="never", labels=False, now=now)
        for warning in read.warnings:
            print(f"groundtui: warning: {warning}", file=sys.stderr)
    sessions = read.sessions if not sources else edited_sessions(day, read.sessions)
    library = load_exercises()
    plan = plan_day(sessions, library, config.planner, day, tz, now=now)
    baseline = plan_day(sessions, library, config.planner, day, tz)
    planned = len(baseline.planned)
    logged = logged_on(day)
    done = resets_taken(r.outcome for r in logged)
    status = day_status(plan, now, done, planned, logged)
    if getattr(args, "format", "text") == "json":
        print(json.dumps(status.to_json()))
    else:
        print(status.text)
    sys.stdout.flush()
    _remember(probe, baseline, said.getvalue(), now, sessions, library, config)
    return 0


def _remember(
    probe: Any, baseline: Any, notes: str, now: Any, sessions: Any, library: Any, config: Any
) -> None:
    """Put the day into the day cache; a cache that cannot be made is no error."""
    from groundtui.fastpath.build import add_gap_table, merge_status, status_entry
    from groundtui.planner import plan_day

    try:
        entry = status_entry(baseline, notes)
        settings, day, tz = config.planner, baseline.date, baseline.tz
        add_gap_table(entry, now, lambda t: plan_day(sessions, library, settings, day, tz, now=t))
        probe.save(day, tz, "status", entry, merge_status)
    except Exception:  # only a cache
        return
