"""Across the weeks: the weekly self-check, the heavy-session share, support sessions, the
private journal and what helps. Core: no Textual, no Rich; its files are apart from the log."""

from groundtui.reflect.journal import Entry, Journal
from groundtui.reflect.selfcheck import DOMAINS, QUESTIONS, SCALE, SelfCheck, SelfCheckStore
from groundtui.reflect.support import is_support
from groundtui.reflect.week import DayCount, Week, build_week, day_share_warning

__all__ = [
    "DOMAINS",
    "QUESTIONS",
    "SCALE",
    "DayCount",
    "Entry",
    "Journal",
    "SelfCheck",
    "SelfCheckStore",
    "Week",
    "build_week",
    "day_share_warning",
    "is_support",
]
