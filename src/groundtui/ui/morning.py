"""The plan's gentle warnings (heavy sessions without a buffer, the day's heavy share) as one
calm toast, the first time the day is read that day; the marker is read in a thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groundtui.ui.background import Cancelled, off_thread

if TYPE_CHECKING:
    from groundtui.planner import DayPlan
    from groundtui.ui.app import GroundApp

MORNING_SECONDS = 20.0
"""How long the notice stays: long enough to read, then it goes by itself."""
MORNING_TITLE = "For today"


def morning_text(plan: DayPlan) -> str:
    """The warnings as the toast says them: one per line, each a plain sentence."""
    return "\n".join(f"{w}." if not w.endswith(".") else w for w in plan.warnings)


def greet_day(app: GroundApp, plan: DayPlan) -> None:
    """Show ``plan``'s warnings once a day (none: nothing happens)."""
    if not plan.warnings:
        return
    from groundtui import paths
    from groundtui.day.morning import MorningMarker

    if app.morning is None:
        app.morning = MorningMarker(None if plan.demo else paths.morning_file())
    marker, day, text = app.morning, plan.date, morning_text(plan)
    if marker.shown == day:
        return  # shown (or being looked up) already in this run
    marker.shown = day

    def check() -> None:
        try:
            due = off_thread(lambda: marker.first_on_disk(day), name="groundtui-morning")
        except Cancelled:
            return
        if due:
            app.call_from_thread(app.notify, text, title=MORNING_TITLE, timeout=MORNING_SECONDS)

    app.run_worker(check, name="morning", group="morning", thread=True)
