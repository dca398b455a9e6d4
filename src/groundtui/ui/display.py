"""How the app shows things, changed from the palette or a key: session labels, reduced motion,
the log screen opened over the day; and the reset log's health."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groundtui.config import LABEL_MODES
from groundtui.ui.closing import reflection_reader
from groundtui.ui.messages import LogHealth

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp


def cycle_labels(app: GroundApp) -> None:
    """Session labels: hidden → initials → full → hidden."""
    modes = list(LABEL_MODES)
    app.labels = modes[(modes.index(app.labels) + 1) % len(modes)]
    app.notify(f"Session labels: {app.labels}.", timeout=3)
    app.refresh_today()


def toggle_motion(app: GroundApp) -> None:
    """Reduced motion: the breathing pacer as text only."""
    app.reduced_motion = not app.reduced_motion
    app.notify(f"Reduced motion {'on' if app.reduced_motion else 'off'}.", timeout=3)


def open_log(app: GroundApp) -> None:
    """The reset log over the day: today's records (also those still waiting to be written)."""
    from groundtui.ui.screens.log import LogScreen

    if app.store is None:
        app.notify("The log is still opening.", timeout=3)
        return
    plan = app.session.plan if app.session is not None else None
    library = app.library.exercises.values() if app.library is not None else ()
    app.push_screen(
        LogScreen(
            app.log_sink,  # the file's records and those still waiting to be written
            app.day,
            app.tz,
            gaps=len(plan.gaps) if plan else None,
            back_to_back_runs=plan.back_to_back_runs if plan else None,
            exercise_names={ex.id: ex.name for ex in library},
            reflection=reflection_reader(app),
        )
    )


def log_health(app: GroundApp, text: str | None) -> None:
    """Log writes wait (one line on the main screen at once) or are all saved again."""
    failing = any(line.startswith(LogHealth.PREFIX) for line in app.notices.get("log"))
    app.notices.put("log", *filter(None, [text]))
    if text and not failing:
        app.notify(text, severity="error", timeout=15)
    elif not text and failing:
        app.notify("The reset log is written again; nothing was lost.", timeout=5)
    app.show_notices()
