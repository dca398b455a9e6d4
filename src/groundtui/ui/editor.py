"""Opening an exercise in ``$EDITOR`` from inside the app (a bundled one is copied first)."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from textual.app import App, SuspendNotSupported

from groundtui.errors import GroundError
from groundtui.ui.text import STILL_READING

if TYPE_CHECKING:
    from groundtui.options import AppSettings
    from groundtui.ui.app import GroundApp


def edit_exercise(app: GroundApp, exercise_id: str | None = None) -> None:
    """Open the offered (or named) exercise in $EDITOR; a bundled one is copied first. The
    files are checked right after, so the edit shows at once."""
    if exercise_id is None:
        if app.session is None:
            app.notify(STILL_READING, timeout=3)
            return
        exercise_id = app.session.exercise_to_edit()
        if exercise_id is None:
            app.notify("No exercise is offered right now.", timeout=3)
            return
    if edit_in_editor(app, exercise_id, app.settings):
        app.check_files()


def edit_in_editor(app: App[None], exercise_id: str, settings: AppSettings) -> bool:
    """Suspend the app, run the editor on the exercise's file, come back. False (with a toast
    saying why) when the file or the editor could not be opened."""
    from groundtui.exercises import editor_command, prepare_edit

    try:
        path = prepare_edit(exercise_id, settings.bundled_dir, settings.exercises_dir)
        command = editor_command()
    except GroundError as err:
        app.notify(str(err), severity="error", timeout=8)
        return False
    try:
        with app.suspend():
            subprocess.run([*command, str(path)], check=False)
    except (OSError, SuspendNotSupported) as err:
        reason = getattr(err, "strerror", None) or "this terminal cannot hand over to it"
        app.notify(
            f"Could not open the editor {command[0]!r} ({reason}). The file is {path}",
            severity="error",
            timeout=10,
        )
        return False
    return True
