"""What the reset screen steps through, without widgets: its stages, frame intervals, how long
the intro stays, the check-in questions, and the result it is dismissed with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from groundtui.exercises import Exercise, Step

Stage = Literal["intro", "before", "running", "closing", "after", "ended"]
"""'intro' (the exercise's intro: technique and safety), 'before' (check-in, with the intro),
'running', 'closing' (the closing cue), 'after' (check-in), 'ended'."""
Outcome = Literal["done", "partial"]

BREATHING_INTERVAL = 0.2
"""Seconds between pacer frames (5 fps at most; the orb repaints only when it changes). The
orb has a few dozen shapes in a breath, so a fifth of a second shows each on time, and the
pacer costs ~2.4 % of a core rather than ~2.9 % at 8 fps (bench_app.py, A/B in tmux)."""
REDUCED_MOTION_INTERVAL = 0.25
"""The pacer's refresh with reduced motion: words and a bar only."""
STEPPED_INTERVAL = 0.5
"""Steppers and the countdown change once a second at most."""
IDLE_INTERVAL = 1.0
"""While paused, asking or closing: only the deadline and the closing cue need watching."""
CLOSING_SECONDS = 5.0
"""How long the closing cue stays before the screen closes (any key closes it sooner)."""
ASK_SECONDS = 6.0
"""How long 'q again to stop' waits for the second key."""
READING_WORDS_PER_SECOND = 3.5
"""A calm reading pace for the intro (about 210 words a minute)."""
INTRO_SECONDS = (6.0, 30.0)
"""The least and the most the intro stays before the practice begins (a key begins sooner)."""


def intro_seconds(text: str) -> float:
    """Long enough to read ``text`` at a calm pace, within ``INTRO_SECONDS``."""
    low, high = INTRO_SECONDS
    return min(high, max(low, 2.0 + len(text.split()) / READING_WORDS_PER_SECOND))


BEFORE_QUESTION = "How activated do you feel?"
AFTER_QUESTION = "And now, how activated do you feel?"


@dataclass(frozen=True)
class ResetResult:
    """How a reset went, for the log."""

    outcome: Outcome
    """'done' (ran to its end or marked done) or 'partial' (stopped, or the gap ran out)."""
    started_at: datetime
    ended_at: datetime
    before: int | None = None
    """The 0–10 check-in rating before the practice, if asked and given."""
    after: int | None = None
    """The 0–10 check-in rating after the practice, if asked and given."""


def practice_steps(exercise: Exercise) -> tuple[Step, ...]:
    """The prompts of a stepped exercise; one quiet step from its summary if it has none."""
    if exercise.steps:
        return exercise.steps
    return (Step(exercise.summary or exercise.name, exercise.seconds),)


def practice_seconds(exercise: Exercise) -> float:
    """How long the practice runs, from its pattern or steps (the parts are the truth)."""
    if exercise.kind == "breathing" and exercise.pattern is not None:
        return exercise.pattern.seconds
    return sum(step.seconds for step in practice_steps(exercise))


def key_allowed(
    action: str, stage: Stage, asking: bool, paused: bool, stepped: bool, breathing: bool
) -> bool:
    """Whether the reset screen's ``action`` works in ``stage`` (the key bar shows only these).

    ``asking``: a first q or esc waits for its second; ``stepped``: an exercise of steps (b/f
    move between them); ``breathing``: a breathing pattern (m changes its motion)."""
    if action == "begin":
        return stage == "intro" or (asking and stage == "running")
    if action == "pause":
        return stage == "running" and not paused
    if action == "resume":
        return stage == "running" and paused
    if action == "done":
        return stage in ("intro", "running")
    if action in ("back", "forward"):
        return stage == "running" and stepped
    if action == "toggle_motion":
        return breathing and stage == "running"
    if action == "stop":
        return stage != "closing"
    if action == "quit_reset":
        return stage in ("intro", "before", "running")
    if action == "close":
        return stage == "closing"
    if action == "about":
        return stage != "ended"
    return True
