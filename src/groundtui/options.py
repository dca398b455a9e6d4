"""The parsed settings shared by the sub-commands and the TUI: zone, date, now, sources.

A core module at the bottom of the tree: the CLI, the commands and the UI import it; it imports
none of them (nothing here imports ``cli``, ``commands``, ``launch`` or ``ui``).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from groundtui import paths
from groundtui.clock import Clock, ShiftedClock, SystemClock, local_zone
from groundtui.config import Config, read_config_file
from groundtui.errors import GroundError

SCHEDULES_VARIABLE = "GROUNDTUI_SERVE_SCHEDULES"
"""Where ``groundtui serve`` hands each tab its ``--schedule`` values (a JSON list of strings),
read only when the tab's command line says ``--schedules-from-env``: a feed URL is a secret, and
a process's command line is readable by every user of the machine, its environment by its own
user only."""


if TYPE_CHECKING:
    from groundtui.schedule.combined import Source

YEARS = (1900, 2999)
"""The years a --date or --now may name."""

DEFAULT_USED = "that setting is left at its default until it is fixed"


def parse_zone(name: str | None, config: Config | None = None) -> tzinfo:
    """The ``--tz`` zone, else config.toml's ``timezone``, else the system's local zone."""
    name = name or (config.timezone if config else None)
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise GroundError(
                f"unknown time zone '{name}' (use an IANA name such as 'America/New_York')"
            ) from err
    return local_zone()


def parse_date(text: str | None, tz: tzinfo) -> date:
    """``--date YYYY-MM-DD``; default today in ``tz``."""
    if not text:
        return SystemClock(tz).now().date()
    try:
        day = date.fromisoformat(text)
    except ValueError as err:
        raise GroundError(f"bad date '{text}' (expected YYYY-MM-DD)") from err
    return _in_range(day, text)


def _in_range(day: date, text: str) -> date:
    """Dates far outside a working life overflow time-zone arithmetic: refuse them kindly."""
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise GroundError(f"date '{text}' is out of range (years {YEARS[0]}–{YEARS[1]})")
    return day


def parse_now(text: str, tz: tzinfo) -> datetime:
    """``--now``: an ISO date-time; a naive one is a wall time in ``tz``."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError as err:
        raise GroundError(f"bad --now '{text}' (expected e.g. 2026-11-24T09:49:30)") from err
    _in_range(when.date(), text)
    if when.tzinfo is None:
        return when.replace(tzinfo=tz)
    return when.astimezone(tz)


def read_config() -> Config:
    """config.toml for the sub-commands: a setting with a problem is named on stderr and left
    at its default, so a typo never stops `status` in a status bar or `log`."""
    config, problems = read_config_file(paths.config_file())
    for problem in problems:
        print(f"groundtui: warning: {problem} — {DEFAULT_USED}", file=sys.stderr)
    return config


def config_schedule(config: Config) -> tuple[Source, ...]:
    """The schedule config.toml points at, else schedule.toml in the config dir if it exists."""
    if config.schedule:
        return config.schedule
    default = paths.schedule_file()
    return (default,) if default.exists() else ()


def schedule_sources(args: Sequence[str] | str | None, config: Config) -> tuple[Source, ...]:
    """Each ``--schedule`` (a file or a feed address), else config.toml's ``schedule``, else
    schedule.toml if it exists; empty: the demo day."""
    if args:
        sources: list[Source] = []
        for arg in [args] if isinstance(args, str) else args:
            source = _as_source(arg)
            if isinstance(source, Path):
                try:
                    os.stat(source)
                except OSError as err:  # a link loop is not "no such file"
                    raise GroundError(paths.os_error_reason(err), source) from None
            sources.append(source)
        return tuple(sources)
    return config_schedule(config)


def _as_source(arg: str) -> Source:
    """``as_source`` without importing the schedule package for a plain file: every feed
    address has ``://`` in it, so the TUI's start with a schedule file loads none of the feed
    code (hashlib, json, the download) before its first screen."""
    if "://" in arg:
        from groundtui.schedule.feedurl import as_source

        return as_source(arg)
    return Path(arg).expanduser()


def note_demo() -> None:
    """Say on stderr (never in the output a script reads) that the day shown is the demo."""
    print(
        "groundtui: note: no schedule is set up, so this is the built-in demo day "
        "(run 'groundtui schedule init' or pass --schedule)",
        file=sys.stderr,
    )


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


def settings_from_args(args: argparse.Namespace) -> AppSettings:
    """Resolve ``--schedule``, ``--now``, ``--speed`` and ``--tz`` against config.toml."""
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
