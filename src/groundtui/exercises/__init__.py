"""Exercises: the TOML files users read and edit, loaded into frozen values.

One exercise per ``.toml`` file; ``exercises/README.md`` documents every key. ``check_file``
finds every problem with its line and column, ``load_exercise`` raises the first one, and
``load_library`` merges the bundled exercises with the user's own (a user file overrides a
bundled one with the same id; a broken user file is skipped and reported, never raised).

The parts: ``model`` (the values), ``fields`` and ``check`` (the checker), ``files`` (reading
files and folders), ``library``, ``templates`` (writing files) and ``edit``.
"""

from __future__ import annotations

from groundtui.exercises.check import Checker
from groundtui.exercises.edit import editor_command, prepare_edit
from groundtui.exercises.fields import slugify
from groundtui.exercises.files import check_file, check_paths, exercise_files, load_exercise
from groundtui.exercises.library import Library, library_signature, load_library
from groundtui.exercises.model import (
    DEFAULT_CUES,
    DEFAULT_MIN_SECONDS,
    FITS,
    KINDS,
    MAX_SECONDS,
    PHASE_NAMES,
    SECONDS_TOLERANCE,
    Exercise,
    Pattern,
    Phase,
    PhaseState,
    Step,
    StepState,
    phase_at,
    step_at,
)
from groundtui.exercises.templates import dump_exercise, template
from groundtui.tomlcheck import KeyPath, Spot, TomlLocator

__all__ = [
    "DEFAULT_CUES",
    "DEFAULT_MIN_SECONDS",
    "FITS",
    "KINDS",
    "MAX_SECONDS",
    "PHASE_NAMES",
    "SECONDS_TOLERANCE",
    "Checker",
    "Exercise",
    "KeyPath",
    "Library",
    "Pattern",
    "Phase",
    "PhaseState",
    "Spot",
    "Step",
    "StepState",
    "TomlLocator",
    "check_file",
    "check_paths",
    "dump_exercise",
    "editor_command",
    "exercise_files",
    "library_signature",
    "load_exercise",
    "load_library",
    "phase_at",
    "prepare_edit",
    "slugify",
    "step_at",
    "template",
]
