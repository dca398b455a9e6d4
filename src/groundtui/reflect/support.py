"""Support sessions: supervision, consultation, peer groups — not client sessions.

The rule lives with the planner (``planner.caseload``), which also needs it (the arrival cue's
wording, the day's heavy share); it is re-exported here for the week view and the closing."""

from __future__ import annotations

from groundtui.planner.caseload import is_support
from groundtui.planner.caseload import support_pattern as keyword_pattern

__all__ = ["is_support", "keyword_pattern"]
