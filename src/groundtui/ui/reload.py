"""Picking up edited files while the app runs: config.toml (new settings; a broken file keeps the
old ones) and the schedule, exercise and day edits files (the day is read again, in a worker)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from groundtui.config import Config
from groundtui.ui.notify import Signaller

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp


def check_files(app: GroundApp) -> None:
    """Take a changed config.toml, and read the day again when its files changed."""
    if app.session is None:
        return
    from groundtui.day import ConfigWatch, day_files_signature

    if app.config_watch is None:
        app.config_watch = ConfigWatch(app.settings.config_path, app.config_stamp)
    change = app.config_watch.poll()
    if isinstance(change, Config):
        app.notices.put("settings")
        app.show_notices()
        apply_config(app, change)
    elif change is not None:
        app.notices.put("settings", f"Settings: {change} — keeping the previous settings")
        app.show_notices()
    settings = app.settings
    signature = day_files_signature(
        settings.schedule, settings.bundled_dir, settings.exercises_dir, app.day
    )
    if app.store is not None and signature != app.files_signature:
        app.files_signature = signature
        app.load_day(app.day)


def apply_config(app: GroundApp, config: Config) -> None:
    """config.toml changed: take its new settings (and its schedule, unless one was given)."""
    from groundtui.launch import config_schedule

    schedule = app.settings.schedule
    if not app.settings.schedule_fixed:
        schedule = config_schedule(config)
    app.settings = replace(app.settings, config=config, schedule=schedule)
    app.config = config
    app.labels = config.labels
    app.reduced_motion = config.reduced_motion
    app.signaller = Signaller(bell=config.bell, desktop=config.notify)
    if app.session is not None:
        app.session.apply_settings(config.planner)
    app.feeds.follow()
    if app.demo != (not schedule):
        app.demo = not schedule
        if app.today is not None:
            app.today.show_demo(app.demo)
    app.refresh_today()
