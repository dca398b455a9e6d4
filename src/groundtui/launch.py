"""Start the TUI from parsed command-line arguments: the only door from the CLI into the UI.

Only ``cli`` imports this module; the settings it builds live in the core ``options`` module, so
the UI never imports back through here.
"""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING

from groundtui.options import AppSettings, config_schedule, settings_from_args

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp

GIL_SWITCH_SECONDS = 0.0005
"""How soon a thread that holds the GIL hands it to another that waits, while the app runs."""

__all__ = ["AppSettings", "config_schedule", "launch_tui", "make_app", "settings_from_args"]


def make_app(settings: AppSettings) -> GroundApp:
    from groundtui.ui.app import GroundApp

    return GroundApp(settings)


def launch_tui(args: argparse.Namespace) -> int:
    """Run the TUI until the user quits."""
    settings = settings_from_args(args)
    # The cyclic garbage collector pauses while the first screen is built: Textual's import,
    # the app and its first frame make ~90 collections (10-15 ms) that find next to nothing.
    # The app turns it on again at its first frame (``GroundApp.on_ready``); here if it never
    # got that far.
    gc.disable()
    # Textual's output thread writes each frame to the terminal, and needs the GIL for it: at
    # the default 5 ms a step it waited behind the UI thread's own work (the first frame
    # reached the terminal ~20 ms after it was made). 0.5 ms while the app runs; nothing
    # changes while only one thread has work, as when the app is idle.
    switch = sys.getswitchinterval()
    sys.setswitchinterval(min(switch, GIL_SWITCH_SECONDS))
    try:
        app = make_app(settings)
        app.run()
    finally:
        gc.enable()
        sys.setswitchinterval(switch)
    # Resets the log file never took (disk full, read-only) are not lost in silence: said here,
    # once the terminal is back, with the records themselves.
    report = app.log_sink.unsaved_report()
    if report and settings.log_path is not None:
        # kept in a private file too (the terminal may be gone): added to the log next start
        from groundtui.log.unsaved import save_unsaved, unsaved_folders

        kept = save_unsaved(
            app.log_sink.waiting(), unsaved_folders(settings.log_path), settings.clock.now()
        )
        if kept is not None:
            report.append(f"groundtui: they are kept in {kept} and go into the log next start.")
    for line in report:
        print(line, file=sys.stderr)
    return app.return_code or 0
