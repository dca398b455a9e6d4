"""iCalendar (.ics) schedules: exports and feeds from EHRs, Google, Outlook, iCloud.

Modules, one job each: ``structure`` (one pass over the lines: nesting, kept properties, caps on
events and dates), ``props`` (values off a parsed component), ``bounds`` (how far a rule walks,
refused before it starts), ``messages`` (errors that never quote a label) and ``source``
(``parse_ics`` and ``IcsSource``, which expands any day).
"""

from __future__ import annotations

from groundtui.schedule.ics.bounds import MAX_FILE_WALK, MAX_WALK, check_walk
from groundtui.schedule.ics.source import MAX_BLAME, MAX_NEARBY, IcsSource, parse_ics
from groundtui.schedule.ics.structure import MAX_DATES, MAX_EVENTS, scan

__all__ = [
    "MAX_BLAME",
    "MAX_DATES",
    "MAX_EVENTS",
    "MAX_FILE_WALK",
    "MAX_NEARBY",
    "MAX_WALK",
    "IcsSource",
    "check_walk",
    "parse_ics",
    "scan",
]
