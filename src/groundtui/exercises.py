"""Exercises: the TOML files users read and edit, loaded into frozen values.

MODEL ONLY for now — the loader/checker is being written (see issue 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

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


@dataclass(frozen=True)
class Phase:
    """One phase of a breathing cycle."""

    name: str
    """'inhale', 'top_up', 'hold', 'exhale' or 'hold_after'."""
    seconds: float
    cue: str = ""


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
    min_seconds: float = 60.0
    """The shortest version the planner may shrink it to."""
    path: Path | None = field(default=None, compare=False)
    source: str = "bundled"
    """'bundled' or 'user'."""

    def fits_in(self, seconds: float) -> bool:
        return self.min_seconds <= seconds

    def scaled(self, seconds: float) -> Exercise:
        """A version lasting at most ``seconds`` (never below ``min_seconds``).

        Breathing drops whole cycles (at least one); stepped exercises shorten every step in
        proportion, keeping all prompts.
        """
        target = max(min(seconds, self.seconds), min(self.min_seconds, self.seconds))
        if target >= self.seconds:
            return self
        if self.pattern is not None and self.pattern.cycle_seconds > 0:
            cycles = max(1, int(target // self.pattern.cycle_seconds))
            pattern = replace(self.pattern, cycles=cycles)
            return replace(self, pattern=pattern, seconds=pattern.seconds)
        if self.steps:
            total = sum(s.seconds for s in self.steps)
            factor = target / total if total else 1.0
            steps = tuple(replace(s, seconds=s.seconds * factor) for s in self.steps)
            return replace(self, steps=steps, seconds=sum(s.seconds for s in steps))
        return replace(self, seconds=target)


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
