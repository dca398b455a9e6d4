"""The typed getters the exercise checker reads a file with, each problem at its position."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from groundtui.errors import ExerciseError
from groundtui.exercises.model import PHASE_NAMES, Source
from groundtui.tomlcheck import KeyPath, TomlDoc, describe, did_you_mean, fmt_number, number_problem

TOP_KEYS = (
    "id",
    "name",
    "kind",
    "summary",
    "seconds",
    "fits",
    "sources",
    "intro",
    "closing",
    "min_seconds",
    "pattern",
    "step",
    "prompts",
)
PATTERN_KEYS = (*PHASE_NAMES, "cycles", "cues")
STEP_KEYS = ("text", "seconds")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def slugify(name: str) -> str:
    """A file-name-safe id from a display name: 'Box Breathing 2' -> 'box-breathing-2'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def where_in(at: KeyPath) -> str:
    """' in [pattern]', ' in step 2', or '' for the top of the file."""
    if not at:
        return ""
    if at[0] == "step" and len(at) >= 2 and isinstance(at[1], int):
        return f" in step {at[1] + 1}"
    return " in [" + ".".join(str(k) for k in at) + "]"


class Fields:
    """One parsed exercise file and its problems, with getters that note each problem
    (wrong type, missing, unknown key) at its line and column."""

    def __init__(self, doc: TomlDoc[ExerciseError], source: Source) -> None:
        assert doc.path is not None
        self.doc = doc
        self.path = doc.path
        self.data = doc.data
        self.source = source
        self.problems: list[ExerciseError] = []
        self.id: str | None = None
        self.id_from_key = False
        """The id was written as ``id = ...`` (else it is the file name)."""

    def id_at(self) -> tuple[int, int]:
        """Where the id is written: its value, or the top of the file for a file-name id."""
        return self.doc.where.value(("id",)) if self.id_from_key else (1, 1)

    def problem(self, message: str, at: KeyPath, *, value: bool = False) -> None:
        self.problems.append(self.doc.error(message, at, value=value))

    # -- generic getters

    def unknown_keys(self, table: Mapping[str, Any], at: KeyPath, known: Sequence[str]) -> None:
        for key in table:
            if key in known:
                continue
            hint = ""
            if not at and key in PATTERN_KEYS:
                hint = " (it belongs under [pattern])"
            elif not at and key in STEP_KEYS:
                hint = " (it belongs under a [[step]])"
            self.problems.append(self.doc.unknown_key((*at, key), known, hint))

    def missing(self, key: str, at: KeyPath, hint: str = "") -> None:
        self.problem(f"missing key '{key}'{where_in(at)}{hint}", at)

    def text(
        self, table: Mapping[str, Any], at: KeyPath, key: str, *, required: bool = False
    ) -> str | None:
        if key not in table:
            if required:
                self.missing(key, at)
            return None
        value = table[key]
        if not isinstance(value, str):
            self.problem(
                f"{key}{where_in(at)} must be text in quotes, got {describe(value)}",
                (*at, key),
                value=True,
            )
            return None
        return value

    def number(
        self,
        table: Mapping[str, Any],
        at: KeyPath,
        key: str,
        *,
        required: bool = False,
        zero_ok: bool = False,
    ) -> float | None:
        if key not in table:
            if required:
                self.missing(key, at)
            return None
        value = table[key]
        label = f"{key}{where_in(at)}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{label} must be a number, got {describe(value)}", (*at, key), value=True)
            return None
        problem = number_problem(value)
        if problem is not None:
            self.problem(f"{label} must be a finite number, {problem}", (*at, key), value=True)
            return None
        if value < 0 and zero_ok:
            self.problem(
                f"{label} cannot be negative, got {fmt_number(value)} (use 0 to leave it out)",
                (*at, key),
                value=True,
            )
            return None
        if value <= 0 and not zero_ok:
            self.problem(
                f"{label} must be more than 0, got {fmt_number(value)}", (*at, key), value=True
            )
            return None
        return float(value)

    def text_list(self, key: str, choices: Sequence[str] = ()) -> tuple[str, ...]:
        if key not in self.data:
            return ()
        value = self.data[key]
        if not isinstance(value, list):
            self.problem(
                f'{key} must be a list in square brackets, e.g. {key} = ["..."], '
                f"got {describe(value)}",
                (key,),
                value=True,
            )
            return ()
        items: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(
                    f"{key} item {i + 1} must be text in quotes, got {describe(item)}",
                    (key, i),
                    value=True,
                )
            elif choices and item not in choices:
                self.problem(
                    f"unknown {key[:-1]} '{item}'{did_you_mean(item, choices)}"
                    f" (one of: {', '.join(choices)})",
                    (key, i),
                    value=True,
                )
            elif not item.strip():
                self.problem(f"{key} item {i + 1} is empty", (key, i), value=True)
            elif item not in items:
                items.append(item)
        return tuple(items)

    # -- the parts of an exercise
