"""Editing an exercise: the editor to run, and the user file to open (a bundled one copied)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from groundtui import paths
from groundtui.errors import ExerciseError, GroundError
from groundtui.exercises.library import exercise_dirs, load_library
from groundtui.tomlcheck import did_you_mean


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run: $VISUAL, else $EDITOR, else nano if installed, else vi."""
    import shlex
    import shutil

    env = os.environ if env is None else env
    for var in ("VISUAL", "EDITOR"):
        value = env.get(var, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as err:
                raise GroundError(f"cannot understand ${var} ({value!r}): {err}") from err
            if command:
                return command
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    return ["vi"]


def prepare_edit(
    exercise_id: str, bundled_dir: Path | None = None, user_dir: Path | None = None
) -> Path:
    """The user file to open for ``exercise_id``, copying a bundled exercise there first.

    A broken user file (skipped by the library) is still found by its file name, so it can
    be fixed. Raises ExerciseError for an id that exists nowhere.
    """
    bundled, user = exercise_dirs(bundled_dir, user_dir)
    library = load_library(bundled, user)
    exercise = library.get(exercise_id)
    if exercise is not None and exercise.source == "user" and exercise.path is not None:
        return exercise.path
    own = user / f"{exercise_id}.toml"
    if own.is_file():
        return own
    if exercise is None or exercise.path is None:
        raise ExerciseError(
            f"unknown exercise '{exercise_id}'{did_you_mean(exercise_id, library.ids)}"
        )
    header = (
        f'# Your own copy of the bundled exercise "{exercise.id}". While this file exists\n'
        "# it replaces the bundled one; delete it to go back to the original.\n"
    )
    try:
        text = header + exercise.path.read_text(encoding="utf-8")
        paths.write_private(own, text, replace=False)  # the owner's only, as every file of ours
    except OSError as err:
        raise ExerciseError(f"cannot write: {err.strerror or err}", own) from None
    return own
