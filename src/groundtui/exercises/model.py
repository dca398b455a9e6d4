"""The exercise values: kinds, fits, phases, patterns, steps, and where a running one stands."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TypeGuard, get_args

from groundtui.safetext import visible

Kind = Literal[
    "breathing",
    "body_scan",
    "step_outside",
    "grounding",
    "reflection",
    "movement",
    "compassion",
]
"""What an exercise is (the contract's list of kinds)."""
KINDS: tuple[Kind, ...] = get_args(Kind)

Fit = Literal[
    "before_session",
    "after_session",
    "after_heavy",
    "short_gap",
    "long_gap",
    "arrive",
    "end_of_day",
    "outside",
    "indoors",
    "before_note",
    "changeover",
]
"""When the planner should prefer an exercise."""
FITS: tuple[Fit, ...] = get_args(Fit)

PhaseName = Literal["inhale", "top_up", "hold", "exhale", "hold_after"]
PHASE_NAMES: tuple[PhaseName, ...] = get_args(PhaseName)
"""The parts of one breath, in the order they happen."""

Source = Literal["bundled", "user"]
"""Where an exercise comes from: shipped with groundtui, or the user's own folder."""


def is_kind(value: object) -> TypeGuard[Kind]:
    return value in KINDS


def is_fit(value: object) -> TypeGuard[Fit]:
    return value in FITS


DEFAULT_CUES: Mapping[PhaseName, str] = MappingProxyType(
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

EPS = 1e-9

# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Phase:
    """One phase of a breathing cycle."""

    name: PhaseName
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
    kind: Kind
    seconds: float
    summary: str = ""
    fits: tuple[Fit, ...] = ()
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
    source: Source = "bundled"

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
        return self.shortest_seconds <= seconds + EPS

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
            cycles = max(self._min_cycles(), math.floor(seconds / cycle + EPS))
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
        needed = math.ceil(floor / self.pattern.cycle_seconds - EPS)
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
