"""Reading exercise files: one file, or files and folders with ids used twice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from groundtui.errors import ExerciseError
from groundtui.exercises.check import Checker
from groundtui.exercises.model import Exercise, Source
from groundtui.tomlcheck import load_toml


@dataclass
class FileResult:
    """What reading one file gave: the exercise (if valid), its problems and its id."""

    exercise: Exercise | None
    problems: list[ExerciseError]
    id: str | None = None
    locate_id: Callable[[], tuple[int, int]] | None = None

    @property
    def id_at(self) -> tuple[int, int]:
        """Where the id is written (located on demand: only duplicate ids need it)."""
        return self.locate_id() if self.locate_id is not None else (1, 1)


def read_one(path: Path, source: Source) -> FileResult:
    """Read, parse and check one exercise file; never raises for any content."""
    try:
        doc = load_toml(path, ExerciseError)
    except ExerciseError as err:
        if err.line is None:  # cannot read, not a regular file, too large
            err = ExerciseError(err.message, path, 1, 1)
        return FileResult(None, [err])
    checker = Checker(doc, source)
    exercise = checker.run()
    problems = sorted(checker.problems, key=lambda e: (e.line or 0, e.col or 0))
    return FileResult(exercise, problems, checker.id, checker.id_at)


def load_exercise(path: Path, source: Source = "user") -> Exercise:
    """Read one exercise file; raises ExerciseError (its first problem) if it is broken."""
    result = read_one(Path(path), source)
    if result.problems or result.exercise is None:
        raise result.problems[0]
    return result.exercise


def check_file(path: Path) -> list[ExerciseError]:
    """Every problem in one exercise file, each with path, line and column; [] if fine."""
    return read_one(Path(path), "user").problems


def toml_files(folder: Path) -> list[Path]:
    """The exercise files in a folder: ``*.toml``, not hidden, sorted by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file()
    )


def exercise_files(paths_: Iterable[Path]) -> list[Path]:
    """The files ``check_paths`` would check: files as given, folders' ``*.toml``."""
    files: list[Path] = []
    for p in map(Path, paths_):
        if p.is_dir():
            try:
                files.extend(toml_files(p))
            except OSError:
                files.append(p)
        else:
            files.append(p)
    return files


def check_paths(paths_: Iterable[Path]) -> list[ExerciseError]:
    """Every problem in the given files and folders, plus ids used by more than one file."""
    problems: list[ExerciseError] = []
    seen_ids: dict[str, tuple[Path, int]] = {}
    seen_files: set[Path] = set()
    for p in map(Path, paths_):
        if not p.exists():
            problems.append(ExerciseError("no such file or folder", p, 1, 1))
            continue
        try:
            files = toml_files(p) if p.is_dir() else [p]
        except OSError as err:
            problems.append(ExerciseError(f"cannot read: {err.strerror or err}", p, 1, 1))
            continue
        for file in files:
            resolved = file.resolve()
            if resolved in seen_files:
                continue
            seen_files.add(resolved)
            result = read_one(file, "user")
            found = list(result.problems)
            if result.id is not None:
                first = seen_ids.get(result.id)
                if first is None:
                    seen_ids[result.id] = (file, result.id_at[0])
                else:
                    found.append(duplicate_id(result.id, file, result.id_at, first))
                    found.sort(key=lambda e: (e.line or 0, e.col or 0))
            problems.extend(found)
    return problems


def duplicate_id(
    exercise_id: str, path: Path, at: tuple[int, int], first: tuple[Path, int]
) -> ExerciseError:
    return ExerciseError(
        f"duplicate id '{exercise_id}' (also in {first[0]}:{first[1]})", path, at[0], at[1]
    )
