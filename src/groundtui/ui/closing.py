"""The end of the day beyond the closing reflection: the closing's prompts (the weekly
self-check, support, one moment that mattered), then the day's log; and the week view's
reflection data, read in the log screen's worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp


def close_day(app: GroundApp) -> None:
    """Read the closing's prompts in a worker, then show them (or go straight to the log)."""
    from groundtui.reflect.closing import read_closing

    schedule, day, tz, config = app.settings.schedule, app.day, app.tz, app.config

    def read() -> None:
        try:
            closing = read_closing(schedule, day, tz, config)
        except Exception:  # never let the extras stand between the user and the log
            closing = None
        app.call_from_thread(show_closing, app, closing)

    app.run_worker(read, thread=True, exclusive=True, group="closing")


def show_closing(app: GroundApp, closing: Any) -> None:
    from groundtui.ui.screens.closing import ClosingScreen

    if closing is None or not closing.prompts:
        app.open_log()
        return
    reflect = app.config.reflect
    screen = ClosingScreen(
        app.day,
        closing.prompts,
        closing.totals,
        clock=app.clock,
        level=reflect.self_check_level,
        support_days=reflect.support_days,
    )
    app.push_screen(screen, lambda _: app.open_log())


def reflection_reader(app: GroundApp) -> Callable[[], Any]:
    """Reads the week view's share, self-check trend and what works (in the log's worker)."""
    from groundtui.reflect.read import read_reflection

    schedule, day, tz, config = app.settings.schedule, app.day, app.tz, app.config
    return lambda: read_reflection(schedule, day, tz, config, app.library)


def open_self_check(app: GroundApp) -> None:
    """The weekly self-check (palette, and offered at the closing)."""
    from groundtui.reflect.selfcheck import SelfCheckStore
    from groundtui.ui.screens.selfcheck import SelfCheckScreen

    level = app.config.reflect.self_check_level
    app.push_screen(SelfCheckScreen(app.clock.now().date(), SelfCheckStore(), level))
