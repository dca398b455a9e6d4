"""A reset the day's session starts: the guided screen, its sound cues, and its result handed
back to the session (also when the app closes with the reset still on screen)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.day import Item, Start
    from groundtui.ui.app import GroundApp
    from groundtui.ui.screens.reset import ResetResult


def run_reset(app: GroundApp, start: Start) -> None:
    """Push the guided screen for ``start``; its result goes to the day's session."""
    from groundtui.ui.screens.reset import ResetScreen

    screen = ResetScreen(
        start.exercise,
        app.clock,
        deadline=start.deadline,
        reduced_motion=app.reduced_motion,
        checkin=app.config.checkin,
        started_at=start.started_at,
        sound=app.config.sound,
        cue=partial(cue, app, start.exercise.name),
    )
    app.push_screen(screen, lambda result: reset_ended(app, start.item, result))


def cue(app: GroundApp, name: str, kind: str) -> None:
    """A sound cue from a running reset ('step' or 'end'): never while in session."""
    from groundtui.day import position

    session = app.session
    if session is not None and position(session.plan, app.clock.now()).state == "session":
        return
    if kind == "end":
        app.signaller.signal(app, "Reset over", f"{name} is over.")
    else:
        app.signaller.ring(app)


def reset_ended(app: GroundApp, item: Item, result: ResetResult | None) -> None:
    if result is not None:
        r = result
        app.route(lambda s: s.finish(item, r.outcome, r.ended_at, r.after, r.before))


def finish_on_screen(app: GroundApp) -> None:
    """Log a reset still on screen as it stands (done if its practice was over, else partial)."""
    from groundtui.ui.screens.reset import ResetScreen

    if app.session is None:
        return
    running = app.session.running()
    screens = [s for s in app.screen_stack if isinstance(s, ResetScreen)]
    if running is not None and screens:
        r = screens[-1].result()
        app.session.finish(running, r.outcome, r.ended_at, r.after, r.before)
