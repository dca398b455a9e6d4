"""``groundtui journal``: the private journal of meaningful moments — add, list, export.

Delete it by removing the file ``groundtui journal path`` prints. Never part of ``log``."""

from __future__ import annotations

import argparse
import json
import sys

from groundtui.fmt import hhmm
from groundtui.reflect.journal import NO_NAMES, Journal


def run_journal(args: argparse.Namespace) -> int:
    from groundtui.clock import SystemClock
    from groundtui.options import parse_date, parse_zone, read_config

    tz = parse_zone(getattr(args, "tz", None), read_config())
    journal = Journal()
    if getattr(args, "action", None) == "path":
        print(journal.path)
        return 0
    if getattr(args, "action", None) == "add":
        journal.add(" ".join(args.text), SystemClock(tz).now())
        print(f"Kept in your private journal. {NO_NAMES}", file=sys.stderr)
        return 0
    since = parse_date(args.since, tz) if getattr(args, "since", None) else None
    entries = journal.entries(since, tz)
    if getattr(args, "format", "text") == "json":
        print(json.dumps([e.to_json(tz) for e in entries], indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print('No entries yet. Add one with: groundtui journal add "..."')
        return 0
    for entry in entries:
        at = entry.at.astimezone(tz)
        print(f"{at:%a %-d %b %Y} {hhmm(at)}  {entry.text}")
    return 0
