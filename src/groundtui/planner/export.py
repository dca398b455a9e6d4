"""The plan as the contract's ``groundtui plan --format json`` object."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from groundtui.planner.model import Changeover, DayPlan, Reset


def tz_name(tz: tzinfo) -> str:
    """The IANA key of a zone where it has one, else its abbreviation."""
    key = getattr(tz, "key", None)
    if key:
        return str(key)
    return tz.tzname(None) or str(tz)


ROLE_NAMES: dict[str, str] = {"outside": "main"}
"""A role as the contract names it: stepping outside after a heavy session is the gap's main
reset (its kind says it is ``step_outside``)."""


def _reset_json(reset: Reset, tz: tzinfo) -> dict[str, str]:
    return {
        "exercise": reset.id,
        "kind": reset.kind,
        "start": reset.start.astimezone(tz).isoformat(),
        "end": reset.end.astimezone(tz).isoformat(),
        "role": ROLE_NAMES.get(reset.role, reset.role),
    }


def _changeover_json(change: Changeover, tz: tzinfo) -> dict[str, Any]:
    seconds = change.seconds
    return {
        "at": change.at.astimezone(tz).isoformat(),
        "exercise": change.reset.id,
        "seconds": int(seconds) if float(seconds).is_integer() else seconds,
    }


def plan_json(plan: DayPlan, *, show_labels: bool = False) -> dict[str, Any]:
    """The contract's ``groundtui plan --format json`` object; labels only with show_labels."""
    tz = plan.tz
    sessions = []
    for session, heavy in zip(plan.sessions, plan.heavy, strict=True):
        item: dict[str, Any] = {
            "start": session.start.astimezone(tz).isoformat(),
            "end": session.end.astimezone(tz).isoformat(),
            "heavy": heavy,
        }
        if show_labels:
            item["label"] = session.label
        sessions.append(item)
    return {
        "date": plan.date.isoformat(),
        "timezone": tz_name(tz),
        "sessions": sessions,
        "gaps": [
            {
                "start": gap.start.astimezone(tz).isoformat(),
                "end": gap.end.astimezone(tz).isoformat(),
                "minutes": float(gap.minutes),
                "resets": [_reset_json(r, tz) for r in gap.resets if r.role != "transition"],
            }
            for gap in plan.gaps
        ],
        "closing": _reset_json(plan.closing, tz) if plan.closing is not None else None,
        "changeovers": [_changeover_json(c, tz) for c in plan.changeovers],
        "warnings": list(plan.warnings),
    }
