"""Start the TUI from parsed command-line arguments (the only bridge from cli to ui)."""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundtui import paths
from groundtui.clock import Clock, ShiftedClock, SystemClock
from groundtui.config import Config
from groundtui.errors import GroundError

if TYPE_CHECKING:
    from groundtui.day import DayData
    from groundtui.schedule.combined import Source
    from groundtui.ui.app import GroundApp


@dataclass(frozen=True)
class AppSettings:
    """Everything the app needs to start, resolved from the command line and config.toml."""

    config: Config
    clock: Clock
    schedule: tuple[Source, ...]
    """Schedule files and calendar feeds, merged; empty: the built-in demo day."""
    log_path: Path | None
    """None: keep the log in memory (tests)."""
    exercises_dir: Path | None = None
    """The user's exercises dir (None: the platformdirs default)."""
    bundled_dir: Path | None = None
    config_problem: str | None = None
    """config.toml could not be read: the app runs on defaults and says so."""
    config_path: Path | None = None
    """config.toml, re-read when it changes (None: never re-read, as in tests)."""
    schedule_fixed: bool = False
    """The schedule came from --schedule, so config.toml's `schedule` does not move it."""


def config_schedule(config: Config) -> tuple[Source, ...]:
    """The schedule config.toml points at, else schedule.toml in the config dir if it exists."""
    if config.schedule:
        return config.schedule
    default = paths.schedule_file()
    return (default,) if default.exists() else ()


def settings_from_args(args: argparse.Namespace) -> AppSettings:
    """Resolve ``--schedule``, ``--now``, ``--speed`` and ``--tz`` against config.toml."""
    from groundtui.cli import DEFAULT_USED, parse_now, parse_zone, schedule_sources
    from groundtui.config import read_config_file

    config, problems = read_config_file(paths.config_file())
    problem = "; ".join(str(p) for p in problems) + f" — {DEFAULT_USED}" if problems else None
    tz = parse_zone(args.tz, config)
    if args.speed is not None and not (math.isfinite(args.speed) and args.speed > 0):
        raise GroundError("--speed must be a positive number")
    clock: Clock
    if args.now:
        clock = ShiftedClock(parse_now(args.now, tz), speed=args.speed or 1.0)
    elif args.speed and args.speed != 1.0:
        clock = ShiftedClock(SystemClock(tz).now(), speed=args.speed)
    else:
        clock = SystemClock(tz)
    return AppSettings(
        config=config,
        clock=clock,
        schedule=schedule_sources(args.schedule, config),
        log_path=paths.log_db_path(),
        exercises_dir=paths.user_exercises_dir(),
        config_problem=problem,
        config_path=paths.config_file(),
        schedule_fixed=bool(args.schedule),
    )


def open_day(settings: AppSettings, day: date) -> tuple[Any, DayData]:
    """Open the reset log, then read the day with what it already holds (in that order, so an
    earlier run's resets today are never offered or logged twice)."""
    from groundtui.day import read_day
    from groundtui.log.open import memory_store, open_store

    # The log's crash sweep compares against real time, not the (maybe shifted) app clock.
    # The demo day (no schedule set up) is never logged: its resets go to a log in memory.
    path = settings.log_path
    demo = not settings.schedule
    store = open_store(path) if path is not None and not demo else memory_store()
    if path is not None and not demo:  # resets an earlier run could not save go in first
        from groundtui.log.unsaved import replay_unsaved

        replay_unsaved(store, unsaved_folders(path))
    data = read_day(
        settings.schedule,
        day,
        settings.clock.tz,
        settings.config,
        bundled_dir=settings.bundled_dir,
        user_dir=settings.exercises_dir,
        store=store,
        now=settings.clock.now(),
    )
    return store, data


def make_app(settings: AppSettings) -> GroundApp:
    from groundtui.ui.app import GroundApp

    return GroundApp(settings)


def launch_tui(args: argparse.Namespace) -> int:
    """Run the TUI until the user quits."""
    settings = settings_from_args(args)
    app = make_app(settings)
    app.run()
    # Resets the log file never took (disk full, read-only) are not lost in silence: said here,
    # once the terminal is back, with the records themselves.
    report = app.log_sink.unsaved_report()
    if report and settings.log_path is not None:
        # kept in a private file too (the terminal may be gone): added to the log next start
        from groundtui.log.unsaved import save_unsaved

        kept = save_unsaved(
            app.log_sink.waiting(), unsaved_folders(settings.log_path), settings.clock.now()
        )
        if kept is not None:
            report.append(f"groundtui: they are kept in {kept} and go into the log next start.")
    for line in report:
        print(line, file=sys.stderr)
    return app.return_code or 0


def unsaved_folders(log_path: Path) -> list[Path]:
    """Where resets the log did not take are kept: beside the log, else in the cache dir."""
    return [log_path.parent, paths.cache_dir()]
