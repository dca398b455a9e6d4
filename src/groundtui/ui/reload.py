"""Picking up edited files while the app runs: config.toml (new settings; a broken file keeps the
old ones) and the schedule, exercise and day edits files (the day is read again). The files are
looked at in a thread worker, never on the UI thread."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from groundtui.config import Config
from groundtui.ui.background import Cancelled, off_thread
from groundtui.ui.messages import FilesChecked
from groundtui.ui.notify import Signaller

if TYPE_CHECKING:
    from groundtui.day import ConfigWatch
    from groundtui.options import AppSettings
    from groundtui.ui.app import GroundApp


def check_files(app: GroundApp) -> None:
    """Start a check of config.toml and the day's files on a thread (stat calls, and a read of
    config.toml once it changed: on a slow or locked disk they never freeze the screen);
    ``FilesChecked`` brings the answer back to ``files_checked``. One check at a time."""
    if app.session is None or app.files_check_running:
        return
    from groundtui.day import ConfigWatch

    if app.config_watch is None:
        app.config_watch = ConfigWatch(app.settings.config_path, app.config_stamp)
    watch, settings, day = app.config_watch, app.settings, app.day
    app.files_check_running = True

    def check() -> None:
        try:
            checked = off_thread(lambda: read_files(watch, settings, day), name="groundtui-files")
        except Cancelled:
            return  # quitting
        app.post_message(checked)

    app.run_worker(check, name="file-check", group="files", thread=True)


def read_files(watch: ConfigWatch, settings: AppSettings, day: date) -> FilesChecked:
    """Off the UI thread: config.toml's news, and the fingerprint of the day's files."""
    from groundtui.day import day_files_signature

    change = watch.poll()
    signature = day_files_signature(
        settings.schedule, settings.bundled_dir, settings.exercises_dir, day
    )
    return FilesChecked(change, signature)


def files_checked(app: GroundApp, checked: FilesChecked) -> None:
    """On the UI thread: take a changed config.toml, and read the day again when its files (or,
    through the config, its sources) changed."""
    app.files_check_running = False
    schedule = app.settings.schedule
    change = checked.change
    if isinstance(change, Config):
        app.notices.put("settings")
        app.show_notices()
        apply_config(app, change)
    elif change is not None:
        app.notices.put("settings", f"Settings: {change} — keeping the previous settings")
        app.show_notices()
    moved = app.settings.schedule != schedule
    if app.store is not None and (moved or checked.signature != app.files_signature):
        app.files_signature = checked.signature
        app.load_day(app.day)


def apply_config(app: GroundApp, config: Config) -> None:
    """config.toml changed: take its new settings (and its schedule, unless one was given)."""
    from groundtui.options import config_schedule

    schedule = app.settings.schedule
    if not app.settings.schedule_fixed:
        schedule = config_schedule(config)
    app.settings = replace(app.settings, config=config, schedule=schedule)
    app.config = config
    app.labels = config.labels
    app.reduced_motion = config.reduced_motion
    app.signaller = Signaller(bell=config.bell, desktop=config.notify)
    if app.session is not None:
        app.session.sound = config.sound
        app.session.apply_settings(config.planner)
    app.feeds.follow()
    if app.demo != (not schedule):
        app.demo = not schedule
        if app.today is not None:
            app.today.show_demo(app.demo)
    app.refresh_today()
