"""``groundtui exercises``: list, check, create and edit exercise files."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from groundtui import paths
from groundtui.errors import GroundError
from groundtui.exercises import (
    Exercise,
    Library,
    check_file,
    check_paths,
    editor_command,
    exercise_files,
    load_library,
    prepare_edit,
    slugify,
    template,
)


def run_exercises(args: argparse.Namespace) -> int:
    """Dispatch ``groundtui exercises ACTION``."""
    action = args.action
    if action == "list":
        return list_exercises(getattr(args, "format", "table"))
    if action == "check":
        return check_exercises([Path(p) for p in getattr(args, "paths", [])])
    if action == "new":
        return new_exercise(args.name, getattr(args, "kind", "breathing"))
    if action == "edit":
        return edit_exercise(args.name)
    if action == "show":
        return show_exercise(args.exercise_id)
    if action == "path":
        print(f"bundled: {paths.bundled_exercises_dir()}")
        print(f"user: {paths.user_exercises_dir()}")
        return 0
    raise GroundError(f"unknown action '{action}'")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _json_seconds(seconds: float) -> int | float:
    rounded = round(seconds, 1)
    return int(rounded) if rounded.is_integer() else rounded


def _length(seconds: float) -> str:
    """m:ss, e.g. '1:36'."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def list_exercises(fmt: str) -> int:
    """Every usable exercise; broken files are listed below (table) or warned about (json)."""
    library = load_library()
    if fmt == "json":
        items = [
            {
                "id": ex.id,
                "name": ex.name,
                "kind": ex.kind,
                "seconds": _json_seconds(ex.seconds),
                "source": ex.source,
            }
            for ex in library
        ]
        print(json.dumps(items, indent=2, ensure_ascii=False))
        for problem in library.problems:
            print(f"groundtui: warning: skipped: {problem}", file=sys.stderr)
        return 0
    _print_table(library)
    return 0


def _print_table(library: Library) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Exercises", title_justify="left", header_style="bold", box=box.SIMPLE)
    table.add_column("id", no_wrap=True)
    table.add_column("name (fits)", min_width=16)
    table.add_column("kind", no_wrap=True)
    table.add_column("length", justify="right", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for ex in library:
        name = Text(ex.name)
        if ex.fits:
            name.append("\n" + ", ".join(ex.fits), style="dim")
        table.add_row(
            Text(ex.id),
            name,
            Text(ex.kind),
            Text(_length(ex.seconds)),
            Text(ex.source, style="bold" if ex.source == "user" else "dim"),
        )
    console = Console()
    console.print(table)
    user = sum(1 for ex in library if ex.source == "user")
    console.print(
        Text(f"{_plural(len(library), 'exercise')} ({user} your own). "),
        Text("Change one: groundtui exercises edit ID", style="dim"),
    )
    if library.problems:
        files = {p.path for p in library.problems}
        print()
        print(f"Skipped {_plural(len(files), 'broken file')}:")
        for problem in library.problems:
            print(f"  {problem}")
        sys.stdout.flush()


def find_exercise(library: Library, wanted: str) -> Exercise:
    """The exercise with id ``wanted`` (or whose name makes that id); else a one-line error."""
    exercise = library.get(wanted) or library.get(slugify(wanted))
    if exercise is not None:
        return exercise
    import difflib  # only on a miss

    close = difflib.get_close_matches(slugify(wanted) or wanted, library.ids, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise GroundError(f"unknown exercise '{wanted}'{hint}; groundtui exercises list shows them")


def show_exercise(exercise_id: str) -> int:
    """Print an exercise as a user reads it, with its sources (``groundtui.about``)."""
    import shutil

    from groundtui.about import about_text

    exercise = find_exercise(load_library(), exercise_id)
    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))
    print(about_text(exercise, width))
    return 0


def check_exercises(targets: list[Path]) -> int:
    """Print FILE:LINE:COL: message for every problem; raise GroundError (exit 1) if any."""
    if targets:
        files = exercise_files(targets)
        problems = check_paths(targets)
    else:
        folders = [paths.bundled_exercises_dir(), paths.user_exercises_dir()]
        folders = [f for f in folders if f.is_dir()]
        files = exercise_files(folders)
        problems = [p for folder in folders for p in check_paths([folder])]
    for problem in problems:
        print(problem)
    if problems:
        broken = len({p.path for p in problems})
        raise GroundError(
            f"{_plural(len(problems), 'problem')} in {_plural(broken, 'file')} "
            f"(of {_plural(len(files), 'file')} checked)"
        )
    print(f"ok: {_plural(len(files), 'file')}")
    return 0


def new_exercise(name: str, kind: str) -> int:
    """Write a commented template into the user's exercises folder and print its path."""
    text = template(name, kind)
    slug = slugify(name)
    if not slug:
        raise GroundError(f"cannot make a file name from '{name}': use letters or digits")
    existing: Exercise | None = load_library().get(slug)
    if existing is not None and existing.source == "bundled":
        raise GroundError(
            f"'{slug}' is a bundled exercise; to change it run: groundtui exercises edit {slug}"
        )
    folder = paths.user_exercises_dir()
    target = folder / f"{slug}.toml"
    if target.exists():
        raise GroundError(
            f"already exists; to change it run: groundtui exercises edit {slug}", target
        )
    try:
        paths.write_private(target, text, replace=False)
    except FileExistsError as err:
        raise GroundError("already exists", target) from err
    except OSError as err:
        raise GroundError(f"cannot write: {err.strerror or err}", target) from err
    print(target)
    return 0


def edit_exercise(exercise_id: str) -> int:
    """Open an exercise in $VISUAL/$EDITOR (a bundled one is copied first), then check it."""
    target = prepare_edit(exercise_id)
    command = editor_command()
    try:
        finished = subprocess.run([*command, str(target)], check=False)
    except OSError as err:
        raise GroundError(
            f"cannot start the editor '{command[0]}' ({err.strerror or err}); "
            "set $EDITOR to the editor you use"
        ) from err
    if finished.returncode != 0:
        raise GroundError(
            f"the editor '{command[0]}' stopped with status {finished.returncode}; "
            "the file is as it was left",
            target,
        )
    problems = check_file(target)
    for problem in problems:
        print(problem)
    if problems:
        raise GroundError(
            f"{_plural(len(problems), 'problem')} in {target}; the exercise is skipped until "
            f"they are fixed: groundtui exercises edit {exercise_id}"
        )
    print(f"ok: {target}")
    return 0
