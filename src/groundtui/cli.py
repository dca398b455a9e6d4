"""The command line. The only place that prints errors and sets exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from groundtui import __version__
from groundtui.errors import GroundError
from groundtui.options import SCHEDULES_VARIABLE
from groundtui.output import output_failed

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


SCHEDULE_AFTER = "schedule_after"
"""Where a sub-command's own ``--schedule`` values go, to be merged after the top level's."""


def _add_clock_options(p: argparse.ArgumentParser, *, now: bool = False, top: bool = False) -> None:
    """``--schedule`` and ``--tz`` (and ``--now``), on the top-level parser and on each
    sub-command that reads them. A sub-command's copies default to SUPPRESS: argparse copies a
    sub-parser's values over the top level's, so a default there would undo
    ``groundtui --tz Z plan``; its ``--schedule`` values are merged after the top level's."""
    default = None if top else argparse.SUPPRESS
    p.add_argument(
        "--schedule",
        action="append",
        dest="schedule" if top else SCHEDULE_AFTER,
        default=default,
        metavar="PATH",
        help="schedule file (.toml, .ics or .csv) or calendar feed URL; repeat to merge",
    )
    p.add_argument(
        "--tz", default=default, metavar="ZONE", help="IANA time zone (default: the system's)"
    )
    if now:
        now_help = "start the clock at this time" if top else "this time instead of now"
        p.add_argument("--now", default=default, metavar="ISO_DATETIME", help=now_help)


def _add_zone_option(p: argparse.ArgumentParser) -> None:
    """``--tz`` alone, for a sub-command with no schedule (see ``_add_clock_options``)."""
    p.add_argument(
        "--tz",
        default=argparse.SUPPRESS,
        metavar="ZONE",
        help="IANA time zone (default: the system's)",
    )


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with ``commands=False`` the top level alone (its usage still
    says ``COMMAND ...``), which is all the TUI's own start needs (see ``tui_only``)."""
    parser = argparse.ArgumentParser(
        prog="groundtui",
        description="Short, guided resets between clinical sessions.",
        epilog="Run 'groundtui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"groundtui {__version__}")
    _add_clock_options(parser, now=True, top=True)
    parser.add_argument("--schedules-from-env", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--speed", type=speed_factor, default=1.0, metavar="FACTOR", help="run the clock faster"
    )
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    if commands:
        _add_commands(sub)
    return parser


TUI_OPTIONS = frozenset({"--schedule", "--tz", "--now", "--speed"})
"""The top level's options that take a value: all a command line that starts the TUI holds
(with ``--schedules-from-env``)."""


def tui_only(argv: Sequence[str]) -> bool:
    """Whether ``argv`` holds only the top level's own options, spelled in full: then it names
    no sub-command, and the sub-commands' parsers (a good part of the start's parsing time) are
    not built. Anything else (a sub-command, ``--help``, ``--version``, an abbreviated option,
    a stray word) goes to the whole parser; a value the top level refuses is refused by the
    same option there, with the same usage line."""
    i = 0
    while i < len(argv):
        name, equals, _ = argv[i].partition("=")
        if name in TUI_OPTIONS:
            i += 1 if equals else 2
        elif argv[i] == "--schedules-from-env":
            i += 1
        else:
            return False
    return i == len(argv)


def _add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    _add_clock_options(status, now=True)
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(func=cmd_status)

    serve = sub.add_parser("serve", help="serve the app to a browser tab on this machine")
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    serve.add_argument("--host", help="listen address (default: 127.0.0.1, this machine only)")
    serve.add_argument("--open", action="store_true", help="open the URL in the browser")
    # The TUI's options, for every tab's app; also accepted before 'serve'.
    _add_clock_options(serve, now=True)
    serve.add_argument("--speed", type=speed_factor, metavar="FACTOR", default=argparse.SUPPRESS)
    serve.set_defaults(func=cmd_serve)

    log = sub.add_parser("log", help="show the reset log")
    when = log.add_mutually_exclusive_group()
    when.add_argument("--date", metavar="YYYY-MM-DD")
    when.add_argument("--week", action="store_true", help="the last 7 days")
    when.add_argument("--since", metavar="YYYY-MM-DD")
    log.add_argument("--until", metavar="YYYY-MM-DD")
    log.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_zone_option(log)
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
    _add_zone_option(journal)
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


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, with ``--schedule``, ``--tz`` and ``--now`` taken before a sub-command
    as well as after it (after wins for ``--tz``/``--now``; ``--schedule`` values all merge)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not tui_only(argv))
    args = parser.parse_args(argv)
    after = vars(args).pop(SCHEDULE_AFTER, None)
    if after:
        args.schedule = [*(args.schedule or []), *after]
    if vars(args).pop("schedules_from_env", False):
        args.schedule = [*(args.schedule or []), *_schedules_from_env(parser)]
    return args


def _schedules_from_env(parser: argparse.ArgumentParser) -> list[str]:
    """The schedules ``groundtui serve`` passed in the environment (see SCHEDULES_VARIABLE)."""
    import json

    try:
        value = json.loads(os.environ[SCHEDULES_VARIABLE])
    except (KeyError, ValueError):
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        parser.error(f"--schedules-from-env: {SCHEDULES_VARIABLE} holds no list of schedules")
    return value


def run(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
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
        return output_failed(err)
    except SystemExit as exit_:
        if isinstance(exit_.__context__, OSError):  # Rich exits quietly on a broken pipe
            return output_failed(exit_.__context__)
        raise

    except Exception as err:  # a bug: one line, and the frames (no file contents) in a file
        from groundtui.crash import crash_line

        print(crash_line(err), file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> None:
    from groundtui import crash

    crash.install()  # also for threads, and for whatever escapes run()
    sys.exit(run(argv))
