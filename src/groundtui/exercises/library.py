"""The library: bundled exercises merged with the user's own, cached by file signatures."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from groundtui import paths
from groundtui.errors import ExerciseError
from groundtui.exercises.files import FileResult, duplicate_id, read_one, toml_files
from groundtui.exercises.model import FITS, KINDS, Exercise, Source

DirSignature = tuple[str, int | None, tuple[tuple[str, int, int], ...] | None]
"""A folder, its mtime, and each ``*.toml`` in it with its mtime and size (None: unreadable)."""
LibrarySignature = tuple[DirSignature, DirSignature]
"""The bundled and the user folder's signatures."""


@dataclass(frozen=True)
class Library:
    """All usable exercises by id (sorted), plus the problems of files that were skipped."""

    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    problems: tuple[ExerciseError, ...] = ()

    def __post_init__(self) -> None:
        ordered = dict(sorted(self.exercises.items()))
        object.__setattr__(self, "exercises", MappingProxyType(ordered))
        object.__setattr__(self, "problems", tuple(self.problems))

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.exercises)

    def by_kind(self, kind: str) -> list[Exercise]:
        """Exercises of one kind, sorted by id; ValueError for a kind that does not exist."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of {KINDS}")
        return [ex for ex in self.exercises.values() if ex.kind == kind]

    def with_fit(self, fit: str) -> list[Exercise]:
        """Exercises tagged with ``fit``, sorted by id; ValueError for an unknown fit."""
        if fit not in FITS:
            raise ValueError(f"unknown fit {fit!r}; one of {FITS}")
        return [ex for ex in self.exercises.values() if fit in ex.fits]

    def __iter__(self) -> Iterator[Exercise]:
        """The exercises, sorted by id."""
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises


def exercise_dirs(bundled_dir: Path | None, user_dir: Path | None) -> tuple[Path, Path]:
    bundled = Path(bundled_dir) if bundled_dir is not None else paths.bundled_exercises_dir()
    user = Path(user_dir) if user_dir is not None else paths.user_exercises_dir()
    return bundled, user


def _dir_signature(folder: Path) -> DirSignature:
    try:
        folder_mtime = folder.stat().st_mtime_ns
    except OSError:
        return (str(folder), None, ())
    files: list[tuple[str, int, int]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.endswith(".toml") or entry.name.startswith("."):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                files.append((entry.name, st.st_mtime_ns, st.st_size))
    except OSError:
        return (str(folder), folder_mtime, None)
    return (str(folder), folder_mtime, tuple(sorted(files)))


def library_signature(
    bundled_dir: Path | None = None, user_dir: Path | None = None
) -> LibrarySignature:
    """A cheap fingerprint (folder and file mtimes and sizes): equal means nothing changed."""
    bundled, user = exercise_dirs(bundled_dir, user_dir)
    return (_dir_signature(bundled), _dir_signature(user))


_cache_lock = threading.Lock()
_cache: dict[tuple[Path, Path], tuple[LibrarySignature, Library]] = {}


def load_library(bundled_dir: Path | None = None, user_dir: Path | None = None) -> Library:
    """The bundled exercises merged with the user's own; never raises for broken files.

    A user file overrides a bundled one with the same id and adds new ones. A file that
    does not check is skipped and its problems are in ``Library.problems``. Results are
    cached by ``library_signature``, so calling this often is cheap and edits show up.
    """
    bundled, user = exercise_dirs(bundled_dir, user_dir)
    signature = (_dir_signature(bundled), _dir_signature(user))
    key = (bundled, user)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == signature:
            return hit[1]
    library = _build_library(bundled, user)
    with _cache_lock:
        _cache[key] = (signature, library)
    return library


def _build_library(bundled: Path, user: Path) -> Library:
    exercises: dict[str, Exercise] = {}
    problems: list[ExerciseError] = []
    sources: tuple[tuple[Path, Source], ...] = ((bundled, "bundled"), (user, "user"))
    for folder, source in sources:
        if not folder.is_dir():
            continue
        try:
            files = toml_files(folder)
        except OSError as err:
            problems.append(ExerciseError(f"cannot read: {err.strerror or err}", folder))
            continue
        found: dict[str, tuple[Exercise, FileResult]] = {}
        for file in files:
            result = read_one(file, source)
            if result.exercise is None:
                problems.extend(result.problems)
                continue
            exercise = result.exercise
            if exercise.id in found:
                first, first_result = found[exercise.id]
                assert first.path is not None
                first_at = (first.path, first_result.id_at[0])
                problems.append(duplicate_id(exercise.id, file, result.id_at, first_at))
                continue
            found[exercise.id] = (exercise, result)
        exercises.update((ex_id, ex) for ex_id, (ex, _) in found.items())
    return Library(exercises, tuple(problems))
