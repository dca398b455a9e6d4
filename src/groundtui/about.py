"""An exercise as a user reads it: what it is, how it goes, and where it comes from.

Pure and plain text (no Rich markup, so a ``[`` in a source is only a bracket), shared by
``groundtui exercises show ID`` and the reset screen's "about" key.
"""

from __future__ import annotations

import re
import textwrap

from groundtui.exercises import Exercise, Pattern

_HANGING = re.compile(r"^( *(?:- |\d+\. )?)")

PHASE_WORDS = {
    "inhale": "in",
    "top_up": "top-up in",
    "hold": "hold",
    "exhale": "out",
    "hold_after": "hold, empty",
}
"""How each part of a breath is named in the pattern line."""


def seconds_words(seconds: float) -> str:
    """'4 s', '4.5 s': a phase or step length, to a tenth of a second."""
    rounded = round(seconds, 1)
    return f"{rounded:g} s"


def length_words(seconds: float) -> str:
    """'1:36': a whole exercise's length in minutes and seconds."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def breaths_per_minute(pattern: Pattern) -> float | None:
    """How many breaths a minute the pattern paces (None for an empty cycle)."""
    cycle = pattern.cycle_seconds
    return 60.0 / cycle if cycle > 0 else None


def pattern_lines(pattern: Pattern) -> list[str]:
    """'in 4 s · hold 4 s · out 4 s · hold, empty 4 s' and the breath's length and rate."""
    parts = [
        f"{PHASE_WORDS.get(p.name, p.name)} {seconds_words(p.seconds)}" for p in pattern.phases
    ]
    rate = breaths_per_minute(pattern)
    breaths = "1 breath" if pattern.cycles == 1 else f"{pattern.cycles} breaths"
    detail = f"one breath {seconds_words(pattern.cycle_seconds)}"
    if rate is not None:
        detail += f", about {rate:.1f} breaths a minute"
    return [" · ".join(parts), f"{detail}; {breaths} in all"]


def wrap(text: str, width: int) -> str:
    """Wrap every line to ``width``, continuing under its indent, bullet or step number."""
    out: list[str] = []
    for line in text.splitlines():
        match = _HANGING.match(line)
        hang = " " * len(match.group(1)) if match else ""
        out += textwrap.wrap(line, width, subsequent_indent=hang, break_on_hyphens=False) or [""]
    return "\n".join(out)


def about_text(exercise: Exercise, width: int | None = None) -> str:
    """The exercise as a user reads it: name, kind, length, intro, its steps or breathing
    pattern (with breaths per minute), its closing, and its sources.

    With ``width``, lines are wrapped to it (for a terminal); without, a widget wraps them.
    """
    lines = [exercise.name]
    length = length_words(exercise.seconds)
    shortest = exercise.shortest_seconds
    if shortest + 0.5 < exercise.seconds:
        length += f" (at least {length_words(shortest)} when time is short)"
    lines.append(f"{exercise.kind.replace('_', ' ')} · {length} · id {exercise.id}")
    if exercise.summary:
        lines += ["", exercise.summary]
    if exercise.intro:
        lines += ["", "Before you start", f"  {exercise.intro}"]
    if exercise.pattern is not None:
        lines += ["", "Breathing pattern"]
        lines += [f"  {line}" for line in pattern_lines(exercise.pattern)]
    elif exercise.steps:
        lines += ["", "Steps"]
        for number, step in enumerate(exercise.steps, start=1):
            lines.append(f"  {number}. {step.text} ({seconds_words(step.seconds)})")
    if exercise.closing:
        lines += ["", "At the end", f"  {exercise.closing}"]
    lines += ["", "Sources"]
    if exercise.sources:
        lines += [f"  - {source}" for source in exercise.sources]
    else:
        lines.append("  none given")
    text = "\n".join(lines)
    return wrap(text, width) if width else text
