"""``groundtui schedule init``: write a commented, working schedule.toml into the config dir."""

from __future__ import annotations

import argparse
from pathlib import Path

from groundtui import paths
from groundtui.errors import GroundError

TEMPLATE = """\
# groundtui schedule: your usual week of sessions.
#
# groundtui reads this file to find the gaps between your sessions and offers a short reset
# in each gap. Change the example sessions below to match your own week, save, and check the
# result with:   groundtui plan
#
# How this file works:
#   - A line starting with # is a note for you; groundtui ignores it.
#   - Times are clock times, written in quotes: "09:00", "13:30", "4:15 pm".
#   - Each session starts with a line [[session]] (two square brackets on each side).
#   - Labels (client initials, for example) are optional. They stay in memory and are shown on
#     screen only if you turn labels on in config.toml. They are never written to the log.
#
# Using a calendar instead? groundtui can also read an .ics export from your EHR or calendar
# app, or a .csv appointment list:   groundtui --schedule ~/Downloads/appointments.ics

# timezone: the time zone these clock times are in, as a name such as "America/New_York",
# "Europe/London" or "Australia/Sydney". Leave it out (keep the # in front) to use the
# computer's own time zone.
# timezone = "America/New_York"

# [defaults]: settings every session below uses unless it says otherwise.
[defaults]
# session_minutes: how long a session lasts when it gives a start but no end.
session_minutes = 50
# heavy: true makes every session heavy unless it says heavy = false; false leaves it to each
# session and to the heavy keywords in config.toml ([planner] heavy_keywords: "intake", ...).
# After a heavy session groundtui prefers a reset that takes you outside or into your body.
heavy = false
# days: the days a session happens on unless it says otherwise. Use "mon", "tue", "wed",
# "thu", "fri", "sat", "sun" (full names work too). With no days at all: every day.
days = ["mon", "tue", "wed", "thu", "fri"]

# Each session below has:
#   start    when it starts (required), e.g. "09:00"
#   end      when it ends, e.g. "09:50"; or instead:
#   minutes  how long it lasts, e.g. 50 (leave both out to use session_minutes above)
#   label    optional note such as client initials, e.g. "J.A."
#   heavy    true for a session you expect to be heavy (an intake, trauma work); false for
#            one that is not, whatever its label says (the session's own flag always wins)
#   days     which days it happens on, e.g. ["mon", "thu"] (default: the days above)
#   date     or one single date instead of days, e.g. "2026-11-24"

[[session]]
start = "09:00"
end = "09:50"

[[session]]
start = "10:00"
minutes = 50
label = "Intake"
heavy = true
days = ["tue", "thu"]

[[session]]
start = "11:10"
end = "12:00"

[[session]]
start = "13:00"
end = "13:50"
days = ["mon", "wed", "fri"]

[[session]]
start = "14:00"
end = "14:50"
"""


def run_schedule(args: argparse.Namespace) -> int:
    """Dispatch ``groundtui schedule ACTION``."""
    if getattr(args, "action", "init") != "init":
        raise GroundError(f"unknown schedule action '{args.action}'")
    path = write_template(paths.schedule_file(), force=bool(getattr(args, "force", False)))
    print(f"Wrote {path}")
    print("Edit it to match your week, then check it with: groundtui plan")
    return 0


def write_template(path: Path, force: bool = False) -> Path:
    """Write the commented schedule.toml to ``path``; refuse to overwrite unless ``force``.

    It is the file meant to hold labels, so it is the owner's only (0600, in a 0700 folder).
    """
    if path.exists() and not force:
        raise GroundError("already exists; use --force to replace it", path)
    try:
        paths.write_private(path, TEMPLATE, replace=force)
    except FileExistsError:
        raise GroundError("already exists; use --force to replace it", path) from None
    except OSError as err:
        raise GroundError(f"cannot write: {err.strerror or 'write error'}", path) from None
    return path
