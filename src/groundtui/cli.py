"""The command line. The only place that prints errors and sets exit codes."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from groundtui import __version__, paths
from groundtui.clock import local_zone
from groundtui.config import Config, read_config_file
from groundtui.errors import GroundError

if TYPE_CHECKING:
    from groundtui.schedule.combined import Source

# --------------------------------------------------------------------------- shared helpers

YEARS = (1900, 2999)
"""The years a --date or --now may name."""


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
        from groundtui.clock import SystemClock

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


DEFAULT_USED = "that setting is left at its default until it is fixed"


def schedule_sources(args: Sequence[str] | str | None, config: Config) -> tuple[Source, ...]:
    """Each ``--schedule`` (a file or a feed address), else config.toml's ``schedule``, else
    schedule.toml if it exists; empty: the demo day."""
    if args:
        from groundtui.schedule.feeds import as_source

        sources: list[Source] = []
        for arg in [args] if isinstance(args, str) else args:
            source = as_source(arg)
            if isinstance(source, Path):
                try:
                    os.stat(source)
                except OSError as err:  # a link loop is not "no such file"
                    raise GroundError(paths.os_error_reason(err), source) from None
            sources.append(source)
        return tuple(sources)
    from groundtui.launch import config_schedule

    return config_schedule(config)


def note_demo() -> None:
    """Say on stderr (never in the output a script reads) that the day shown is the demo."""
    print(
        "groundtui: note: no schedule is set up, so this is the built-in demo day "
        "(run 'groundtui schedule init' or pass --schedule)",
        file=sys.stderr,
    )


# --------------------------------------------------------------------------- sub-commands


def cmd_tui(args: argparse.Namespace) -> int:
    from groundtui.launch import launch_tui

    return launch_tui(args)


def cmd_plan(args: argparse.Namespace) -> int:
    from groundtui.commands.plan import run_plan

    return run_plan(args)


def cmd_schedule(args: argparse.Namespace) -> int:
    from groundtui.commands.schedule import run_schedule

    return run_schedule(args)


def cmd_status(args: argparse.Namespace) -> int:
    from groundtui.commands.status import run_status

    return run_status(args)


def cmd_log(args: argparse.Namespace) -> int:
    from groundtui.commands.log import run_log

    return run_log(args)


def cmd_day(args: argparse.Namespace) -> int:
    from groundtui.commands.day import run_day

    return run_day(args)


def cmd_week(args: argparse.Namespace) -> int:
    from groundtui.commands.week import run_week

    return run_week(args)


def cmd_journal(args: argparse.Namespace) -> int:
    from groundtui.commands.journal import run_journal

    return run_journal(args)


def cmd_exercises(args: argparse.Namespace) -> int:
    from groundtui.commands.exercises import run_exercises

    return run_exercises(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from groundtui.commands.serve import run_serve

    return run_serve(args)


# --------------------------------------------------------------------------- parser


def speed_factor(text: str) -> float:
    """``--speed``: a number above 0 and at most the fastest the clock can keep (argparse type)."""
    from groundtui.clock import MAX_SPEED

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= MAX_SPEED:  # nan and inf fail this too
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_SPEED:g}, not {text!r}")
    return value


def _add_clock_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--schedule",
        action="append",
        metavar="PATH",
        help="schedule file (.toml, .ics or .csv) or calendar feed URL; repeat to merge",
    )
    p.add_argument("--tz", metavar="ZONE", help="IANA time zone (default: the system's)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="groundtui",
        description="Short, guided resets between clinical sessions.",
        epilog="Run 'groundtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"groundtui {__version__}")
    _add_clock_options(parser)
    parser.add_argument("--now", metavar="ISO_DATETIME", help="start the clock at this time")
    parser.add_argument(
        "--speed", type=speed_factor, default=1.0, metavar="FACTOR", help="run the clock faster"
    )
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    plan = sub.add_parser("plan", help="print the day's plan")
    _add_clock_options(plan)
    plan.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    plan.add_argument("--format", choices=("table", "json"), default="table")
    plan.add_argument("--show-labels", action="store_true", help="include session labels")
    plan.set_defaults(func=cmd_plan)

    schedule = sub.add_parser("schedule", help="set up the schedule")
    schedule_sub = schedule.add_subparsers(title="actions", metavar="ACTION", required=True)
    init = schedule_sub.add_parser("init", help="write a commented schedule.toml")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=cmd_schedule, action="init")

    status = sub.add_parser("status", help="one line for a status bar")
    _add_clock_options(status)
    status.add_argument("--now", metavar="ISO_DATETIME")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(func=cmd_status)

    serve = sub.add_parser("serve", help="serve the app to a browser tab on this machine")
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    serve.add_argument("--host", help="listen address (default: 127.0.0.1, this machine only)")
    serve.add_argument("--open", action="store_true", help="open the URL in the browser")
    # The TUI's options, for every tab's app; also accepted before 'serve'.
    keep = argparse.SUPPRESS
    serve.add_argument(
        "--schedule", action="append", metavar="PATH", default=keep, help="schedule file or URL"
    )
    serve.add_argument("--tz", metavar="ZONE", default=keep, help="IANA time zone")
    serve.add_argument("--now", metavar="ISO_DATETIME", default=keep, help="start the clock here")
    serve.add_argument("--speed", type=speed_factor, metavar="FACTOR", default=keep)
    serve.set_defaults(func=cmd_serve)

    log = sub.add_parser("log", help="show the reset log")
    when = log.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="YYYY-MM-DD")
    when.add_argument("--week", action="store_true", help="the last 7 days")
    when.add_argument("--since", metavar="YYYY-MM-DD")
    log.add_argument("--until", metavar="YYYY-MM-DD")
    log.add_argument("--format", choices=("table", "csv", "json"), default="table")
    log.add_argument("--tz", metavar="ZONE")
    log.set_defaults(func=cmd_log)

    day = sub.add_parser(
        "day",
        help="the day's edits: cancel, late, add, undo, show",
        description="Edit one day's sessions (times only; a running app picks the edit up).",
    )
    day_sub = day.add_subparsers(title="actions", metavar="ACTION", required=True)
    day_actions = {
        "cancel": ("the session starting at HH:MM is not happening", ()),
        "late": ("the session that started at HH:MM ends MINUTES later", ("minutes",)),
        "add": ("an ad-hoc session at HH:MM lasting MINUTES", ("minutes",)),
        "undo": ("drop the day's last edit", None),
        "show": ("the day's edits, oldest first", None),
    }
    for name, (help_text, extra) in day_actions.items():
        action = day_sub.add_parser(name, help=help_text, description=help_text)
        if extra is not None:
            action.add_argument("time", metavar="HH:MM")
            for arg in extra:
                action.add_argument(arg, metavar=arg.upper())
        if name == "add":
            action.add_argument("--heavy", action="store_true", help="a heavy session")
        if name == "show":
            action.add_argument("--format", choices=("text", "json"), default="text")
        _add_clock_options(action)
        action.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
        action.set_defaults(func=cmd_day, action=name)

    week = sub.add_parser("week", help="the week's sessions, heavy share and self-check")
    _add_clock_options(week)
    week.add_argument("--date", metavar="YYYY-MM-DD", help="a day of the week (default: today)")
    week.add_argument("--format", choices=("table", "json"), default="table")
    week.set_defaults(func=cmd_week)

    journal = sub.add_parser(
        "journal",
        help="your private journal of moments that mattered",
        description="A private journal of meaningful moments, kept 0600 in the data dir and "
        "never part of a log export. Please leave client names out of it.",
        epilog="Export: groundtui journal --format json > journal.json. "
        'Delete all of it: rm "$(groundtui journal path)".',
    )
    journal.add_argument("--since", metavar="YYYY-MM-DD", help="entries from this day on")
    journal.add_argument("--format", choices=("text", "json"), default="text")
    journal.add_argument("--tz", metavar="ZONE")
    journal.set_defaults(func=cmd_journal, action="list")
    journal_sub = journal.add_subparsers(title="actions", metavar="ACTION")
    journal_add = journal_sub.add_parser("add", help="add one entry, dated now")
    journal_add.add_argument("text", nargs="+", metavar="TEXT")
    journal_add.set_defaults(func=cmd_journal, action="add")
    journal_path = journal_sub.add_parser("path", help="print the journal file's path")
    journal_path.set_defaults(func=cmd_journal, action="path")

    ex = sub.add_parser("exercises", help="list, check and edit exercises")
    ex_sub = ex.add_subparsers(title="actions", metavar="ACTION", required=True)
    ex_list = ex_sub.add_parser("list", help="list the exercises")
    ex_list.add_argument("--format", choices=("table", "json"), default="table")
    ex_list.set_defaults(func=cmd_exercises, action="list")
    ex_check = ex_sub.add_parser("check", help="check exercise files")
    ex_check.add_argument("paths", nargs="*", metavar="PATH")
    ex_check.set_defaults(func=cmd_exercises, action="check")
    ex_new = ex_sub.add_parser("new", help="write a commented template")
    ex_new.add_argument("name", metavar="NAME")
    ex_new.add_argument("--kind", default="breathing")
    ex_new.set_defaults(func=cmd_exercises, action="new")
    ex_edit = ex_sub.add_parser("edit", help="open an exercise in $EDITOR")
    ex_edit.add_argument("name", metavar="NAME")
    ex_edit.set_defaults(func=cmd_exercises, action="edit")
    ex_show = ex_sub.add_parser("show", help="an exercise as you read it, with its sources")
    ex_show.add_argument("exercise_id", metavar="ID")
    ex_show.set_defaults(func=cmd_exercises, action="show")
    ex_path = ex_sub.add_parser("path", help="print the exercise dirs")
    ex_path.set_defaults(func=cmd_exercises, action="path")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except GroundError as err:
        print(f"groundtui: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as err:  # above all stdout: '> /dev/full', '| head -1'
        return _os_error(err)
    except SystemExit as exit_:
        if isinstance(exit_.__context__, OSError):  # Rich exits quietly on a broken pipe
            return _os_error(exit_.__context__)
        raise

    except Exception as err:  # a bug: one line, and the frames (no file contents) in a file
        from groundtui.crash import crash_line

        print(crash_line(err), file=sys.stderr)
        return 1


def _os_error(err: OSError) -> int:
    """One line for a failed write or read outside what the commands catch; exit 1.

    After a broken pipe, stdout is pointed at /dev/null so that the interpreter's own flush at
    exit cannot fail a second time (the recipe in Python's ``signal`` documentation).
    """
    import errno

    if isinstance(err, BrokenPipeError) or err.errno == errno.EPIPE:
        reason = "the output was closed before everything was written (broken pipe)"
    else:
        reason = f"cannot write the output: {err.strerror or type(err).__name__}"
        if err.filename is not None:
            reason = f"{err.filename!r}: {err.strerror or type(err).__name__}"
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError):
        print(f"groundtui: error: {reason}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> None:
    from groundtui import crash

    crash.install()  # also for threads, and for whatever escapes run()
    sys.exit(run(argv))
