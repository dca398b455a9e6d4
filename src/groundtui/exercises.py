"""Exercises: the TOML files users read and edit, loaded into frozen values.

One exercise per ``.toml`` file; ``exercises/README.md`` documents every key. ``check_file``
finds every problem with its line and column, ``load_exercise`` raises the first one, and
``load_library`` merges the bundled exercises with the user's own (a user file overrides a
bundled one with the same id; a broken user file is skipped and reported, never raised).
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import threading
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from groundtui import paths
from groundtui.errors import ExerciseError, GroundError, toml_error_location, toml_error_message
from groundtui.safetext import visible

KINDS: tuple[str, ...] = (
    "breathing",
    "body_scan",
    "step_outside",
    "grounding",
    "reflection",
    "movement",
    "compassion",
)

FITS: tuple[str, ...] = (
    "before_session",
    "after_session",
    "after_heavy",
    "short_gap",
    "long_gap",
    "arrive",
    "end_of_day",
    "outside",
    "indoors",
)

PHASE_NAMES: tuple[str, ...] = ("inhale", "top_up", "hold", "exhale", "hold_after")
"""The parts of one breath, in the order they happen."""

DEFAULT_CUES: Mapping[str, str] = MappingProxyType(
    {
        "inhale": "Breathe in",
        "top_up": "A little more in",
        "hold": "Hold",
        "exhale": "Breathe out",
        "hold_after": "Rest",
    }
)
"""The words shown during a phase when the file gives no ``[pattern.cues]``."""

MAX_SECONDS = 3600.0
"""No exercise lasts longer than an hour (a typo guard: 6000 for 600)."""

SECONDS_TOLERANCE = 1.0
"""How far a stated ``seconds`` may differ from the sum of its parts."""

DEFAULT_MIN_SECONDS = 60.0
"""The default ``min_seconds`` (or the whole exercise, when it is shorter)."""

_EPS = 1e-9


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Phase:
    """One phase of a breathing cycle."""

    name: str
    """'inhale', 'top_up', 'hold', 'exhale' or 'hold_after'."""
    seconds: float
    cue: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "cue", visible(self.cue))


@dataclass(frozen=True)
class Pattern:
    """A breathing pattern: phases repeated ``cycles`` times."""

    phases: tuple[Phase, ...]
    cycles: int

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)

    @property
    def seconds(self) -> float:
        return self.cycle_seconds * self.cycles


@dataclass(frozen=True)
class Step:
    """One prompt of a stepped exercise (body scan, grounding, …)."""

    text: str
    seconds: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", visible(self.text, newlines=True))


@dataclass(frozen=True)
class Exercise:
    """One exercise, as read from its TOML file."""

    id: str
    name: str
    kind: str
    seconds: float
    summary: str = ""
    fits: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pattern: Pattern | None = None
    steps: tuple[Step, ...] = ()
    intro: str = ""
    """Shown before the exercise starts (optional)."""
    closing: str = ""
    """A gentle closing cue, e.g. the 'welcome back' after a step outside."""
    min_seconds: float = DEFAULT_MIN_SECONDS
    """The shortest version the planner may shrink it to."""
    path: Path | None = field(default=None, compare=False)
    source: str = "bundled"
    """'bundled' or 'user'."""

    def __post_init__(self) -> None:
        # Texts from a file are shown as text: a control character is made visible here, once,
        # so no screen or command can pass an escape sequence on to the terminal.
        for name in ("id", "name", "summary"):
            object.__setattr__(self, name, visible(getattr(self, name)))
        for name in ("intro", "closing"):
            object.__setattr__(self, name, visible(getattr(self, name), newlines=True))
        for name in ("fits", "sources"):
            object.__setattr__(self, name, tuple(visible(v) for v in getattr(self, name)))

    @property
    def shortest_seconds(self) -> float:
        """How long ``scaled`` can make it at the least (whole cycles for breathing)."""
        floor = min(self.min_seconds, self.seconds)
        if self.pattern is not None and self.pattern.cycle_seconds > 0:
            return self._min_cycles() * self.pattern.cycle_seconds
        return floor

    def fits_in(self, seconds: float) -> bool:
        """Whether some version of it (see ``scaled``) lasts at most ``seconds``."""
        return self.shortest_seconds <= seconds + _EPS

    def scaled(self, seconds: float) -> Exercise:
        """A version lasting at most ``seconds`` (never below ``min_seconds``).

        Breathing drops whole cycles (at least one), keeping enough cycles to reach
        ``min_seconds``; stepped exercises shorten every step in proportion, keeping all
        prompts. An exercise already short enough is returned unchanged.
        """
        if seconds >= self.seconds:
            return self
        if self.pattern is not None and self.pattern.cycle_seconds > 0:
            cycle = self.pattern.cycle_seconds
            cycles = max(self._min_cycles(), math.floor(seconds / cycle + _EPS))
            if cycles >= self.pattern.cycles:
                return self
            pattern = replace(self.pattern, cycles=cycles)
            return replace(self, pattern=pattern, seconds=pattern.seconds)
        target = max(seconds, min(self.min_seconds, self.seconds))
        if self.steps:
            total = sum(s.seconds for s in self.steps)
            factor = target / total if total else 1.0
            steps = [replace(s, seconds=s.seconds * factor) for s in self.steps]
            rest = target - sum(s.seconds for s in steps[:-1])
            steps[-1] = replace(steps[-1], seconds=max(rest, 0.0))
            return replace(self, steps=tuple(steps), seconds=target)
        return replace(self, seconds=target)

    def _min_cycles(self) -> int:
        assert self.pattern is not None
        floor = min(self.min_seconds, self.seconds)
        needed = math.ceil(floor / self.pattern.cycle_seconds - _EPS)
        return min(self.pattern.cycles, max(1, needed))


@dataclass(frozen=True)
class PhaseState:
    """Where a breathing exercise stands ``elapsed`` seconds after it started."""

    index: int
    phase: Phase
    cycle: int
    """1-based cycle number."""
    phase_elapsed: float
    phase_remaining: float
    finished: bool


def phase_at(pattern: Pattern, elapsed: float) -> PhaseState:
    """The phase at ``elapsed`` seconds: pure, so timing never drifts with frame rate."""
    phases = pattern.phases
    cycle_len = pattern.cycle_seconds
    total = cycle_len * pattern.cycles
    if elapsed >= total or cycle_len <= 0:
        last = phases[-1]
        return PhaseState(len(phases) - 1, last, pattern.cycles, last.seconds, 0.0, True)
    elapsed = max(0.0, elapsed)
    cycle_index, into = divmod(elapsed, cycle_len)
    for i, phase in enumerate(phases):
        if into < phase.seconds:
            return PhaseState(i, phase, int(cycle_index) + 1, into, phase.seconds - into, False)
        into -= phase.seconds
    last = phases[-1]  # float edge: land at the end of the cycle
    return PhaseState(len(phases) - 1, last, int(cycle_index) + 1, last.seconds, 0.0, False)


@dataclass(frozen=True)
class StepState:
    """Where a stepped exercise stands."""

    index: int
    step: Step
    step_elapsed: float
    step_remaining: float
    finished: bool


def step_at(steps: tuple[Step, ...], elapsed: float) -> StepState:
    """The step at ``elapsed`` seconds into a stepped exercise."""
    elapsed = max(0.0, elapsed)
    for i, step in enumerate(steps):
        if elapsed < step.seconds:
            return StepState(i, step, elapsed, step.seconds - elapsed, False)
        elapsed -= step.seconds
    last = steps[-1]
    return StepState(len(steps) - 1, last, last.seconds, 0.0, True)


# --------------------------------------------------------------------------- key positions

KeyPath = tuple[str | int, ...]
"""A path into the TOML data: ``("pattern", "inhale")``, ``("step", 2, "text")``."""


@dataclass(frozen=True)
class Spot:
    """Where a key (or table header, or array item) and its value start; 1-based."""

    line: int
    col: int
    value_line: int
    value_col: int


class TomlLocator:
    """Line and column of every key in a TOML text, by key path.

    tomllib gives values but no positions, so this small scanner walks text that tomllib
    has already accepted and notes where each key, table header and array item starts. The
    n-th ``[[step]]`` header is ``("step", n)``. A path it does not know falls back to its
    table, and finally to 1:1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spots: dict[KeyPath, Spot] = {}
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._i = 0
        self._aot: dict[KeyPath, int] = {}
        # Keep what was found on any surprise; unknown paths fall back to their table.
        with contextlib.suppress(IndexError, ValueError, RecursionError, tomllib.TOMLDecodeError):
            self._scan()

    def key(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the key at ``path`` (or of the nearest known table)."""
        while path:
            spot = self.spots.get(path)
            if spot is not None:
                return spot.line, spot.col
            path = path[:-1]
        return 1, 1

    def value(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or where its key is)."""
        spot = self.spots.get(path)
        if spot is not None:
            return spot.value_line, spot.value_col
        return self.key(path)

    # -- scanning (text is valid TOML; any surprise ends the scan, see __init__)

    def _pos(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _peek(self) -> str:
        return self.text[self._i] if self._i < len(self.text) else ""

    def _skip_ws(self) -> None:
        while self._peek() in (" ", "\t"):
            self._i += 1

    def _skip_trivia(self) -> None:
        while True:
            c = self._peek()
            if c in (" ", "\t", "\r", "\n"):
                self._i += 1
            elif c == "#":
                end = self.text.find("\n", self._i)
                self._i = len(self.text) if end < 0 else end
            else:
                return

    def _scan(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_trivia()
            if self._i >= len(self.text):
                return
            start = self._i
            if self._peek() == "[":
                table = self._header()
            else:
                self._keyval(table)
            if self._i <= start:
                raise ValueError("scanner made no progress")

    def _note(self, path: KeyPath, key: tuple[int, int], value: tuple[int, int]) -> None:
        self.spots.setdefault(path, Spot(*key, *value))

    def _header(self) -> KeyPath:
        start = self._i
        is_array = self.text.startswith("[[", start)
        self._i += 2 if is_array else 1
        parts = self._key()
        self._skip_ws()
        self._i += 2 if is_array else 1
        pos = self._pos(start)
        resolved: KeyPath = ()
        for name, _ in parts[:-1]:
            resolved = (*resolved, name)
            self._note(resolved, pos, pos)
            if resolved in self._aot:
                resolved = (*resolved, self._aot[resolved] - 1)
        resolved = (*resolved, parts[-1][0])
        if is_array:
            count = self._aot.get(resolved, 0)
            self._aot[resolved] = count + 1
            self._note(resolved, pos, pos)
            resolved = (*resolved, count)
        self.spots[resolved] = Spot(*pos, *pos)
        return resolved

    def _key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self._skip_ws()
            start = self._i
            c = self._peek()
            if c == '"':
                self._basic_string()
                name = tomllib.loads("k = " + self.text[start : self._i])["k"]
            elif c == "'":
                end = self.text.index("'", start + 1)
                name = self.text[start + 1 : end]
                self._i = end + 1
            else:
                while (ch := self._peek()) and (ch.isascii() and (ch.isalnum() or ch in "-_")):
                    self._i += 1
                name = self.text[start : self._i]
                if not name:
                    raise ValueError("expected a key")
            parts.append((name, start))
            self._skip_ws()
            if self._peek() != ".":
                return parts
            self._i += 1

    def _keyval(self, prefix: KeyPath) -> None:
        parts = self._key()
        self._skip_ws()
        if self._peek() != "=":
            raise ValueError("expected '='")
        self._i += 1
        self._skip_ws()
        path = prefix
        for name, offset in parts[:-1]:
            path = (*path, name)
            pos = self._pos(offset)
            self._note(path, pos, pos)
        path = (*path, parts[-1][0])
        self.spots[path] = Spot(*self._pos(parts[-1][1]), *self._pos(self._i))
        self._value(path)

    def _value(self, path: KeyPath) -> None:
        start = self._i
        c = self._peek()
        if c == "{":
            self._inline_table(path)
        elif c == "[":
            self._array(path)
        elif c == '"':
            self._basic_string()
        elif c == "'":
            self._literal_string()
        else:
            while (ch := self._peek()) and ch not in ",]}#\r\n":
                self._i += 1
        if self._i <= start:
            raise ValueError("expected a value")

    def _array(self, path: KeyPath) -> None:
        self._i += 1
        index = 0
        while True:
            self._skip_trivia()
            c = self._peek()
            if c == "]":
                self._i += 1
                return
            if not c:
                raise ValueError("unterminated array")
            if c == ",":
                self._i += 1
                continue
            pos = self._pos(self._i)
            item = (*path, index)
            self.spots[item] = Spot(*pos, *pos)
            self._value(item)
            index += 1

    def _inline_table(self, path: KeyPath) -> None:
        self._i += 1
        while True:
            self._skip_trivia()
            c = self._peek()
            if c == "}":
                self._i += 1
                return
            if not c:
                raise ValueError("unterminated inline table")
            if c == ",":
                self._i += 1
                continue
            self._keyval(path)

    def _basic_string(self) -> None:
        text = self.text
        if text.startswith('"""', self._i):
            self._i += 3
            while True:
                if text[self._i] == "\\":
                    self._i += 2
                elif text.startswith('"""', self._i):
                    self._i += 3
                    for _ in range(2):  # up to two quotes may end the content
                        if self._peek() == '"':
                            self._i += 1
                    return
                else:
                    self._i += 1
        self._i += 1
        while True:
            c = text[self._i]
            self._i += 2 if c == "\\" else 1
            if c == '"':
                return

    def _literal_string(self) -> None:
        text = self.text
        if text.startswith("'''", self._i):
            self._i = text.index("'''", self._i + 3) + 3
            for _ in range(2):
                if self._peek() == "'":
                    self._i += 1
            return
        self._i = text.index("'", self._i + 1) + 1


# --------------------------------------------------------------------------- checking

_TOP_KEYS = (
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
_PATTERN_KEYS = (*PHASE_NAMES, "cycles", "cues")
_STEP_KEYS = ("text", "seconds")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    import difflib  # only when a word is unknown

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _fmt(value: float) -> str:
    """A number as people write it: 120, 4.5."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _describe(value: Any) -> str:
    """A value's type in words, for 'must be a number, got text "ten"'."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'text "{shown}"'
    if isinstance(value, int | float):
        return f"the number {_fmt(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def slugify(name: str) -> str:
    """A file-name-safe id from a display name: 'Box Breathing 2' -> 'box-breathing-2'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _where(at: KeyPath) -> str:
    """' in [pattern]', ' in step 2', or '' for the top of the file."""
    if not at:
        return ""
    if at[0] == "step" and len(at) >= 2 and isinstance(at[1], int):
        return f" in step {at[1] + 1}"
    return " in [" + ".".join(str(k) for k in at) + "]"


class _Checker:
    """Validates one parsed exercise file, collecting every problem with its position."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], source: str) -> None:
        self.path = path
        self.data = data
        self.source = source
        self._text = text
        self.problems: list[ExerciseError] = []
        self.id: str | None = None
        self.id_from_key = False
        """The id was written as ``id = ...`` (else it is the file name)."""

    @functools.cached_property
    def where(self) -> TomlLocator:
        """Positions in the file, found only when a message needs one (most files need none)."""
        return TomlLocator(self._text)

    def id_at(self) -> tuple[int, int]:
        """Where the id is written: its value, or the top of the file for a file-name id."""
        return self.where.value(("id",)) if self.id_from_key else (1, 1)

    def problem(self, message: str, at: KeyPath, *, value: bool = False) -> None:
        line, col = self.where.value(at) if value else self.where.key(at)
        self.problems.append(ExerciseError(message, self.path, line, col))

    # -- generic getters

    def unknown_keys(self, table: Mapping[str, Any], at: KeyPath, known: Sequence[str]) -> None:
        for key in table:
            if key in known:
                continue
            hint = _did_you_mean(key, known)
            if not hint and not at and key in _PATTERN_KEYS:
                hint = " (it belongs under [pattern])"
            elif not hint and not at and key in _STEP_KEYS:
                hint = " (it belongs under a [[step]])"
            self.problem(f"unknown key '{key}'{hint}", (*at, key))

    def missing(self, key: str, at: KeyPath, hint: str = "") -> None:
        self.problem(f"missing key '{key}'{_where(at)}{hint}", at)

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
                f"{key}{_where(at)} must be text in quotes, got {_describe(value)}",
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
        label = f"{key}{_where(at)}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(
                f"{label} must be a number, got {_describe(value)}", (*at, key), value=True
            )
            return None
        if not math.isfinite(value):
            self.problem(f"{label} must be a finite number, got {value}", (*at, key), value=True)
            return None
        if value < 0 and zero_ok:
            self.problem(
                f"{label} cannot be negative, got {_fmt(value)} (use 0 to leave it out)",
                (*at, key),
                value=True,
            )
            return None
        if value <= 0 and not zero_ok:
            self.problem(f"{label} must be more than 0, got {_fmt(value)}", (*at, key), value=True)
            return None
        return float(value)

    def text_list(self, key: str, choices: Sequence[str] = ()) -> tuple[str, ...]:
        if key not in self.data:
            return ()
        value = self.data[key]
        if not isinstance(value, list):
            self.problem(
                f'{key} must be a list in square brackets, e.g. {key} = ["..."], '
                f"got {_describe(value)}",
                (key,),
                value=True,
            )
            return ()
        items: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(
                    f"{key} item {i + 1} must be text in quotes, got {_describe(item)}",
                    (key, i),
                    value=True,
                )
            elif choices and item not in choices:
                self.problem(
                    f"unknown {key[:-1]} '{item}'{_did_you_mean(item, choices)}"
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

    def check_id(self) -> str | None:
        if "id" in self.data:
            value = self.text(self.data, (), "id")
            if value is None:
                return None
            if not _ID_RE.match(value):
                suggestion = slugify(value)
                example = f" (e.g. '{suggestion}')" if suggestion else ""
                self.problem(
                    f"id '{value}' may only use lowercase letters, digits, '-' and '_'{example}",
                    ("id",),
                    value=True,
                )
                return None
            self.id_from_key = True
            return value
        stem = self.path.stem
        if not _ID_RE.match(stem):
            suggestion = slugify(stem) or "my-exercise"
            self.problem(
                f"the file name '{stem}' cannot be an id: rename the file to "
                f"'{suggestion}.toml' or add id = \"{suggestion}\"",
                (),
            )
            return None
        return stem

    def check_kind(self) -> str | None:
        if "kind" not in self.data:
            self.missing("kind", (), f" (one of: {', '.join(KINDS)})")
            return None
        kind = self.text(self.data, (), "kind")
        if kind is None:
            return None
        if kind not in KINDS:
            self.problem(
                f"unknown kind '{kind}'{_did_you_mean(kind, KINDS)} (one of: {', '.join(KINDS)})",
                ("kind",),
                value=True,
            )
            return None
        return kind

    def check_cues(self, pattern: Mapping[str, Any]) -> dict[str, str]:
        if "cues" not in pattern:
            return {}
        cues = pattern["cues"]
        at: KeyPath = ("pattern", "cues")
        if not isinstance(cues, dict):
            self.problem(
                f"cues must be a table [pattern.cues], got {_describe(cues)}", at, value=True
            )
            return {}
        self.unknown_keys(cues, at, PHASE_NAMES)
        found: dict[str, str] = {}
        for name in PHASE_NAMES:
            text = self.text(cues, at, name)
            if text is not None:
                found[name] = text
        return found

    def check_pattern(self, seconds: float | None, seconds_given: bool) -> Pattern | None:
        if "pattern" not in self.data:
            self.problem(
                "a breathing exercise needs a [pattern] table (inhale, exhale, and cycles)", ()
            )
            return None
        raw = self.data["pattern"]
        at: KeyPath = ("pattern",)
        if not isinstance(raw, dict):
            self.problem(
                f"pattern must be a table: write [pattern] on its own line, then one part per "
                f"line; got {_describe(raw)}",
                at,
                value=True,
            )
            return None
        self.unknown_keys(raw, at, _PATTERN_KEYS)
        lengths: dict[str, float] = {}
        ok = True
        for name in PHASE_NAMES:
            required = name in ("inhale", "exhale")
            value = self.number(raw, at, name, required=required, zero_ok=not required)
            if value is not None:
                lengths[name] = value
            elif required or name in raw:
                ok = False
        cues = self.check_cues(raw)
        cycles: int | None = None
        if "cycles" in raw:
            value = raw["cycles"]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(
                    f"cycles must be a whole number of breaths, got {_describe(value)}",
                    (*at, "cycles"),
                    value=True,
                )
                ok = False
            elif value < 1:
                self.problem(f"cycles must be at least 1, got {value}", (*at, "cycles"), value=True)
                ok = False
            else:
                cycles = value
        if not ok or (seconds_given and seconds is None):
            return None
        phases = tuple(
            Phase(name, lengths[name], cues.get(name, DEFAULT_CUES[name]))
            for name in PHASE_NAMES
            if lengths.get(name, 0.0) > 0
        )
        cycle = sum(p.seconds for p in phases)
        if cycles is None and seconds is None:
            self.problem(
                "say how long it lasts: cycles = 8 under [pattern], or seconds = 120 at the top",
                at,
            )
            return None
        if (
            cycles is not None
            and seconds is not None
            and abs(seconds - cycles * cycle) > SECONDS_TOLERANCE
        ):
            self.problem(
                f"seconds ({_fmt(seconds)}) does not match its pattern "
                f"({cycles} cycles of {_fmt(cycle)} s = {_fmt(cycles * cycle)} s); "
                "give either cycles or seconds",
                ("seconds",),
                value=True,
            )
            return None
        if cycles is None:
            assert seconds is not None
            cycles = max(1, math.floor(seconds / cycle + 0.5))
        return Pattern(phases, cycles)

    def check_steps(
        self, kind: str | None, seconds: float | None, seconds_given: bool
    ) -> tuple[Step, ...] | None:
        if "step" in self.data and "prompts" in self.data:
            self.problem("use either [[step]] or prompts, not both", ("prompts",))
            return None
        if "prompts" in self.data:
            return self.check_prompts(seconds, seconds_given)
        if "step" not in self.data:
            if kind is not None:
                self.problem(
                    f"a {kind} exercise needs at least one [[step]] with text and seconds", ()
                )
            return None
        raw = self.data["step"]
        if isinstance(raw, dict):
            self.problem(
                "write each step as [[step]] with double brackets, one per prompt", ("step",)
            )
            return None
        if not isinstance(raw, list):
            self.problem(
                f"step must be a list of [[step]] tables, got {_describe(raw)}",
                ("step",),
                value=True,
            )
            return None
        if not raw:
            self.problem("there are no steps: add a [[step]] with text and seconds", ("step",))
            return None
        steps: list[Step] = []
        ok = True
        for i, item in enumerate(raw):
            at: KeyPath = ("step", i)
            if not isinstance(item, dict):
                self.problem(
                    f"step {i + 1} must be a table with text and seconds, got {_describe(item)}",
                    at,
                    value=True,
                )
                ok = False
                continue
            self.unknown_keys(item, at, _STEP_KEYS)
            text = self.text(item, at, "text", required=True)
            if text is not None and not text.strip():
                self.problem(f"text{_where(at)} is empty", (*at, "text"), value=True)
                text = None
            step_seconds = self.number(item, at, "seconds", required=True)
            if text is None or step_seconds is None:
                ok = False
                continue
            steps.append(Step(text, step_seconds))
        if not ok:
            return None
        total = sum(s.seconds for s in steps)
        if seconds is not None and abs(seconds - total) > SECONDS_TOLERANCE:
            self.problem(
                f"seconds ({_fmt(seconds)}) does not match its steps ({_fmt(total)})",
                ("seconds",),
                value=True,
            )
            return None
        return tuple(steps)

    def check_prompts(self, seconds: float | None, seconds_given: bool) -> tuple[Step, ...] | None:
        raw = self.data["prompts"]
        if not isinstance(raw, list):
            self.problem(
                f'prompts must be a list, e.g. prompts = ["...", "..."], got {_describe(raw)}',
                ("prompts",),
                value=True,
            )
            return None
        if not raw:
            self.problem("prompts is empty: add at least one", ("prompts",), value=True)
            return None
        texts: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not item.strip():
                got = "empty text" if isinstance(item, str) else _describe(item)
                self.problem(
                    f"prompts item {i + 1} must be text in quotes, got {got}",
                    ("prompts", i),
                    value=True,
                )
            else:
                texts.append(item)
        if len(texts) != len(raw):
            return None
        if not seconds_given:
            self.problem(
                "prompts need seconds at the top (the time is shared equally between them)",
                ("prompts",),
            )
            return None
        if seconds is None:
            return None
        return tuple(Step(text, seconds / len(texts)) for text in texts)

    def run(self) -> Exercise | None:
        data = self.data
        self.unknown_keys(data, (), _TOP_KEYS)
        self.id = self.check_id()
        name = self.text(data, (), "name", required=True)
        if name is not None and not name.strip():
            self.problem("name is empty", ("name",), value=True)
        kind = self.check_kind()
        summary = self.text(data, (), "summary")
        intro = self.text(data, (), "intro")
        closing = self.text(data, (), "closing")
        fits = self.text_list("fits", FITS)
        sources = self.text_list("sources")
        seconds = self.number(data, (), "seconds")
        min_seconds = self.number(data, (), "min_seconds")

        pattern: Pattern | None = None
        steps: tuple[Step, ...] | None = None
        total: float | None = None
        if kind == "breathing" or (kind is None and "pattern" in data):
            for key in ("step", "prompts"):
                if key in data and kind == "breathing":
                    self.problem(
                        f"a breathing exercise uses [pattern], not {key}; "
                        "change kind or remove the steps",
                        (key,),
                    )
            pattern = self.check_pattern(seconds, "seconds" in data)
            total = pattern.seconds if pattern is not None else None
        else:
            if "pattern" in data and kind is not None:
                self.problem(
                    f"[pattern] is only for breathing exercises; a {kind} exercise uses [[step]]",
                    ("pattern",),
                )
            steps = self.check_steps(kind, seconds, "seconds" in data)
            total = sum(s.seconds for s in steps) if steps else None

        if total is not None and total > MAX_SECONDS:
            at: KeyPath = ("seconds",) if "seconds" in data else ("pattern", "cycles")
            self.problem(
                f"it lasts {_fmt(round(total))} seconds, more than an hour", at, value=True
            )
        if min_seconds is not None and total is not None and min_seconds > total + _EPS:
            self.problem(
                f"min_seconds ({_fmt(min_seconds)}) is longer than the exercise itself "
                f"({_fmt(round(total, 1))})",
                ("min_seconds",),
                value=True,
            )
        if self.problems:
            return None
        assert self.id is not None and name is not None and kind is not None
        assert total is not None
        return Exercise(
            id=self.id,
            name=name,
            kind=kind,
            seconds=total,
            summary=summary or "",
            fits=fits,
            sources=sources,
            pattern=pattern,
            steps=steps or (),
            intro=intro or "",
            closing=closing or "",
            min_seconds=min_seconds if min_seconds is not None else min(60.0, total),
            path=self.path,
            source=self.source,
        )


@dataclass
class _Result:
    """What reading one file gave: the exercise (if valid), its problems and its id."""

    exercise: Exercise | None
    problems: list[ExerciseError]
    id: str | None = None
    locate_id: Callable[[], tuple[int, int]] | None = None

    @property
    def id_at(self) -> tuple[int, int]:
        """Where the id is written (located on demand: only duplicate ids need it)."""
        return self.locate_id() if self.locate_id is not None else (1, 1)


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _read(path: Path, source: str) -> _Result:
    """Read, parse and check one exercise file; never raises for any content."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return _Result(None, [ExerciseError(f"cannot read: {err.strerror or err}", path, 1, 1)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        message = "this is not UTF-8 text (save the file as UTF-8)"
        return _Result(None, [ExerciseError(message, path, line, col)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, col = toml_error_location(err)
        if line is None:
            line, col = _end_position(text)
        return _Result(None, [ExerciseError(toml_error_message(err), path, line, col or 1)])
    except RecursionError:
        message = "values are nested too deeply to read"
        return _Result(None, [ExerciseError(message, path, 1, 1)])
    checker = _Checker(path, text, data, source)
    exercise = checker.run()
    problems = sorted(checker.problems, key=lambda e: (e.line or 0, e.col or 0))
    return _Result(exercise, problems, checker.id, checker.id_at)


def load_exercise(path: Path, source: str = "user") -> Exercise:
    """Read one exercise file; raises ExerciseError (its first problem) if it is broken."""
    result = _read(Path(path), source)
    if result.problems or result.exercise is None:
        raise result.problems[0]
    return result.exercise


def check_file(path: Path) -> list[ExerciseError]:
    """Every problem in one exercise file, each with path, line and column; [] if fine."""
    return _read(Path(path), "user").problems


def _toml_files(folder: Path) -> list[Path]:
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
                files.extend(_toml_files(p))
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
            files = _toml_files(p) if p.is_dir() else [p]
        except OSError as err:
            problems.append(ExerciseError(f"cannot read: {err.strerror or err}", p, 1, 1))
            continue
        for file in files:
            resolved = file.resolve()
            if resolved in seen_files:
                continue
            seen_files.add(resolved)
            result = _read(file, "user")
            found = list(result.problems)
            if result.id is not None:
                first = seen_ids.get(result.id)
                if first is None:
                    seen_ids[result.id] = (file, result.id_at[0])
                else:
                    found.append(_duplicate(result.id, file, result.id_at, first))
                    found.sort(key=lambda e: (e.line or 0, e.col or 0))
            problems.extend(found)
    return problems


def _duplicate(
    exercise_id: str, path: Path, at: tuple[int, int], first: tuple[Path, int]
) -> ExerciseError:
    return ExerciseError(
        f"duplicate id '{exercise_id}' (also in {first[0]}:{first[1]})", path, at[0], at[1]
    )


# --------------------------------------------------------------------------- the library


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


def _dirs(bundled_dir: Path | None, user_dir: Path | None) -> tuple[Path, Path]:
    bundled = Path(bundled_dir) if bundled_dir is not None else paths.bundled_exercises_dir()
    user = Path(user_dir) if user_dir is not None else paths.user_exercises_dir()
    return bundled, user


def _dir_signature(folder: Path) -> tuple[Any, ...]:
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
) -> tuple[Any, ...]:
    """A cheap fingerprint (folder and file mtimes and sizes): equal means nothing changed."""
    bundled, user = _dirs(bundled_dir, user_dir)
    return (_dir_signature(bundled), _dir_signature(user))


_cache_lock = threading.Lock()
_cache: dict[tuple[Path, Path], tuple[tuple[Any, ...], Library]] = {}


def load_library(bundled_dir: Path | None = None, user_dir: Path | None = None) -> Library:
    """The bundled exercises merged with the user's own; never raises for broken files.

    A user file overrides a bundled one with the same id and adds new ones. A file that
    does not check is skipped and its problems are in ``Library.problems``. Results are
    cached by ``library_signature``, so calling this often is cheap and edits show up.
    """
    bundled, user = _dirs(bundled_dir, user_dir)
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
    for folder, source in ((bundled, "bundled"), (user, "user")):
        if not folder.is_dir():
            continue
        try:
            files = _toml_files(folder)
        except OSError as err:
            problems.append(ExerciseError(f"cannot read: {err.strerror or err}", folder))
            continue
        found: dict[str, tuple[Exercise, _Result]] = {}
        for file in files:
            result = _read(file, source)
            if result.exercise is None:
                problems.extend(result.problems)
                continue
            exercise = result.exercise
            if exercise.id in found:
                first, first_result = found[exercise.id]
                assert first.path is not None
                first_at = (first.path, first_result.id_at[0])
                problems.append(_duplicate(exercise.id, file, result.id_at, first_at))
                continue
            found[exercise.id] = (exercise, result)
        exercises.update((ex_id, ex) for ex_id, (ex, _) in found.items())
    return Library(exercises, tuple(problems))


# --------------------------------------------------------------------------- writing files


def _toml_string(value: str) -> str:
    import tomli_w

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def dump_exercise(exercise: Exercise) -> str:
    """The exercise as TOML (no comments) that loads back to an equal Exercise."""
    import tomli_w

    data: dict[str, Any] = {"id": exercise.id, "name": exercise.name, "kind": exercise.kind}
    for key in ("summary", "intro", "closing"):
        if getattr(exercise, key):
            data[key] = getattr(exercise, key)
    if exercise.fits:
        data["fits"] = list(exercise.fits)
    if exercise.sources:
        data["sources"] = list(exercise.sources)
    data["min_seconds"] = exercise.min_seconds
    if exercise.pattern is not None:
        pattern: dict[str, Any] = {p.name: p.seconds for p in exercise.pattern.phases}
        pattern["cycles"] = exercise.pattern.cycles
        pattern["cues"] = {p.name: p.cue for p in exercise.pattern.phases}
        data["pattern"] = pattern
    else:
        data["step"] = [{"text": s.text, "seconds": s.seconds} for s in exercise.steps]
    return tomli_w.dumps(data)


_EXAMPLES: dict[str, tuple[str, list[str], str, str, list[tuple[str, int]]]] = {
    # kind: (summary, fits, intro, closing, steps)
    "body_scan": (
        "A short scan from the feet up, noticing without changing anything.",
        ["short_gap", "after_session"],
        "Sit back in your chair. Let your eyes close or rest on the floor.",
        "Open your eyes and look around the room.",
        [
            ("Notice your feet on the floor and the weight of your legs.", 20),
            ("Move your attention up through your belly, chest and back.", 20),
            ("Notice your shoulders, neck and face. Let your jaw soften.", 20),
        ],
    ),
    "step_outside": (
        "A few minutes outside, then a gentle way back in.",
        ["after_heavy", "outside"],
        "Leave your notes where they are. Step outside, or to an open window.",
        "Welcome back. Take one slow breath before you open the door.",
        [
            ("Walk outside, or to a window. Let your eyes rest on something far away.", 40),
            ("Notice the air on your face and three sounds around you.", 40),
            ("Feel your feet on the ground. Start walking back when you are ready.", 40),
        ],
    ),
    "grounding": (
        "Back to the here and now through the senses.",
        ["short_gap", "after_heavy"],
        "Sit or stand, feet on the floor.",
        "Notice that you are here, in this room, now.",
        [
            ("Press your feet gently into the floor and feel it press back.", 20),
            ("Name three things you can see around you.", 20),
            ("Take one slow breath and notice the chair holding you.", 20),
        ],
    ),
    "reflection": (
        "A short check-in with yourself.",
        ["short_gap", "after_session"],
        "There are no right answers. Just notice.",
        "Take what you noticed into the rest of your day.",
        [
            ("How does my body feel right now?", 20),
            ("What am I feeling?", 20),
            ("What do I need before the next session?", 20),
        ],
    ),
    "movement": (
        "Gentle movement to reset posture and breath.",
        ["after_heavy", "indoors"],
        "Stand up if you can. Move slowly and stay within what is comfortable.",
        "Sit down again and notice how your body feels.",
        [
            ("Roll your shoulders back slowly, five times.", 20),
            ("Reach both arms overhead, then let them float down.", 20),
            ("Turn your head gently to the left, then to the right.", 20),
        ],
    ),
    "compassion": (
        "A few kind words for yourself.",
        ["long_gap"],
        "Sit comfortably. If it helps, place a hand on your chest.",
        "Let the words go and notice how you feel.",
        [
            ("Acknowledge it: this is a hard moment.", 20),
            ("Remember: hard moments are part of this work, and part of being human.", 20),
            ("Offer yourself a kind phrase: may I be kind to myself.", 20),
        ],
    ),
}


def template(name: str, kind: str) -> str:
    """The commented starting file ``groundtui exercises new NAME --kind KIND`` writes."""
    if kind not in KINDS:
        raise ExerciseError(
            f"unknown kind '{kind}'{_did_you_mean(kind, KINDS)} (one of: {', '.join(KINDS)})"
        )
    if not name.strip():
        raise ExerciseError("the exercise needs a name")
    title = "".join(ch for ch in " ".join(name.split()) if ch.isprintable())
    head = [
        f"# {title}",
        "#",
        "# A groundtui exercise: one exercise per file. Lines starting with # are notes for",
        "# you; groundtui ignores them. After you change something, check the file with:",
        "#     groundtui exercises check <this file>",
        '# Every key is explained in the README next to the bundled exercises ("groundtui',
        "# exercises path\" shows where they are). The exercise's id is the file name",
        '# without .toml; add id = "..." to choose another.',
        "",
        f"name = {_toml_string(name)}",
        f'kind = "{kind}"',
    ]
    fits_help = [
        "# fits: when the planner should prefer it. Any of:",
        "#   " + ", ".join(FITS[:5]) + ",",
        "#   " + ", ".join(FITS[5:]),
    ]
    if kind == "breathing":
        return "\n".join(
            [
                *head,
                'summary = "Slow breathing with a longer breath out."',
                *fits_help,
                'fits = ["short_gap"]',
                '# sources: where the practice comes from, e.g. ["Author (year). Title."]',
                "sources = []",
                'intro = "Sit comfortably. Breathe through your nose if you can."',
                'closing = "Let your breath find its own rhythm again."',
                "# The shortest version groundtui may shrink it to, in seconds:",
                "min_seconds = 60",
                "",
                "# Seconds for each part of one breath. Decimals are fine (4.5);",
                "# 0 leaves a part out.",
                "[pattern]",
                "inhale = 4        # breathe in",
                "top_up = 0        # a second, short breath in on top (cyclic sighing)",
                "hold = 0          # hold, lungs full",
                "exhale = 6        # breathe out",
                "hold_after = 0    # rest, lungs empty",
                "# How many breaths (here 10 x 10 s = 100 s). Or delete this line and put",
                "# seconds = 120 at the top: groundtui then works out the number of breaths.",
                "cycles = 10",
                "",
                "# Optional: the words shown during each part (delete to use the defaults).",
                "[pattern.cues]",
                'inhale = "Breathe in through your nose"',
                'exhale = "Breathe out slowly"',
                "",
            ]
        )
    summary, fits, intro, closing, steps = _EXAMPLES[kind]
    lines = [
        *head,
        f"summary = {_toml_string(summary)}",
        *fits_help,
        "fits = [" + ", ".join(f'"{f}"' for f in fits) + "]",
        '# sources: where the practice comes from, e.g. ["Author (year). Title."]',
        "sources = []",
        f"intro = {_toml_string(intro)}",
        f"closing = {_toml_string(closing)}",
        "# The shortest version groundtui may shrink it to, in seconds:",
        "min_seconds = 30",
        "",
        "# One [[step]] per prompt, shown in order; seconds = how long it stays on screen.",
        "# Add, remove or reorder steps freely.",
    ]
    for text, seconds in steps:
        lines += ["", "[[step]]", f"text = {_toml_string(text)}", f"seconds = {seconds}"]
    return "\n".join([*lines, ""])


# --------------------------------------------------------------------------- editing


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
    bundled, user = _dirs(bundled_dir, user_dir)
    library = load_library(bundled, user)
    exercise = library.get(exercise_id)
    if exercise is not None and exercise.source == "user" and exercise.path is not None:
        return exercise.path
    own = user / f"{exercise_id}.toml"
    if own.is_file():
        return own
    if exercise is None or exercise.path is None:
        raise ExerciseError(
            f"unknown exercise '{exercise_id}'{_did_you_mean(exercise_id, library.ids)}"
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
