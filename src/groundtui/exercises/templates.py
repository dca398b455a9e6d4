"""Writing exercise files: the commented template for a new one, and an exercise as TOML."""

from __future__ import annotations

from typing import Any

from groundtui.errors import ExerciseError
from groundtui.exercises.model import FITS, KINDS, Exercise, Fit, Kind, is_kind
from groundtui.tomlcheck import did_you_mean


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


_EXAMPLES: dict[Kind, tuple[str, list[Fit], str, str, list[tuple[str, int]]]] = {
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
    if not is_kind(kind):
        raise ExerciseError(
            f"unknown kind '{kind}'{did_you_mean(kind, KINDS)} (one of: {', '.join(KINDS)})"
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
