"""Gentle sound cues for practices done with the eyes closed or away from the screen: when they
fall (step changes, breathing phases, the end), per config.toml's ``sound``. Core: no Textual.

Never a sound in session: the app asks ``DaySession`` where now falls before it rings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from groundtui.config import SOUND_MODES, SoundMode

if TYPE_CHECKING:
    from groundtui.exercises import Exercise

__all__ = ["SOUND_MODES", "SoundMode", "crossed", "cue_marks"]


def cue_marks(exercise: Exercise, mode: SoundMode) -> tuple[float, ...]:
    """The practice seconds (after 0, before its end) at which a cue sounds: step changes
    ('steps' and 'phases'), and breathing phase changes ('phases')."""
    if mode not in ("steps", "phases"):
        return ()
    marks: list[float] = []
    at = 0.0
    pattern = exercise.pattern
    if exercise.kind == "breathing" and pattern is not None:
        if mode != "phases":
            return ()
        for _ in range(pattern.cycles):
            for phase in pattern.phases:
                at += phase.seconds
                marks.append(at)
    else:
        for step in exercise.steps:
            at += step.seconds
            marks.append(at)
    total = at
    return tuple(m for m in marks if 0 < m < total - 1e-6)


def crossed(marks: tuple[float, ...], before: float, now: float) -> bool:
    """Whether a mark lies in ``(before, now]``: the practice passed a cue since last seen."""
    return any(before < m <= now for m in marks)
