"""One day, as it happens. Core: no Textual, no Rich.

load      the schedule (or the demo day) read and planned; ``DayData`` for the app
position  where now falls: in a session, a gap, before, after; the time left
offers    each planned reset as an ``Item`` with its status; the tracker's events
history   matching logged records to planned offers (the app and the status line)
tracker   ``DayTracker``: offers, starts, skips and logs the resets as the clock moves
edits     ``DayEdits``: running late, cancelled, added; kept per date in the data dir
session   ``DaySession``: the day's rules behind the app's keys, returning what to show
"""

from __future__ import annotations

from groundtui.day.history import Logged, match_items, match_logged, unlogged
from groundtui.day.load import (
    DayData,
    demo_sessions,
    edited_sessions,
    feed_options,
    load_day,
    load_exercises,
    load_sessions,
    read_day,
    read_sessions,
)
from groundtui.day.offers import (
    COUNTED_ROLES,
    Ended,
    Event,
    GapStarted,
    Item,
    ItemStatus,
    Missed,
    build_items,
)
from groundtui.day.position import Position, PositionState, position
from groundtui.day.session import DaySession, NewDay, Reply, Start
from groundtui.day.tracker import DayTracker
from groundtui.day.watch import ConfigWatch, day_files_signature

__all__ = [
    "COUNTED_ROLES",
    "ConfigWatch",
    "DayData",
    "DaySession",
    "DayTracker",
    "Ended",
    "Event",
    "GapStarted",
    "Item",
    "ItemStatus",
    "Logged",
    "Missed",
    "NewDay",
    "Position",
    "PositionState",
    "Reply",
    "Start",
    "build_items",
    "day_files_signature",
    "demo_sessions",
    "edited_sessions",
    "feed_options",
    "load_day",
    "load_exercises",
    "load_sessions",
    "match_items",
    "match_logged",
    "position",
    "read_day",
    "read_sessions",
    "unlogged",
]
