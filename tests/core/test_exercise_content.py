"""The bundled exercises as a clinician reads them: safety notes, honest texts, sources.

The rules find what needs a safety note by its shape (breath holds, a top-up breath, the
body-scan kind, muscle tension in a step), so a future file without one fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from groundtui import paths
from groundtui.cli import run
from groundtui.exercises import Exercise, Pattern, Phase, Step, load_library

BUNDLED = paths.bundled_exercises_dir()
LIBRARY = load_library(BUNDLED, Path("/nonexistent/groundtui-user"))
EXERCISES = sorted(LIBRARY, key=lambda e: e.id)

TENSION = re.compile(r"\b(tense|tighten|squeeze|clench|scrunch)", re.IGNORECASE)
NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|sixty|ninety)"
FALSE_WHEN_SHORTENED = [
    # a length: "two minutes", "a minute and a half", "90 seconds" (breathing phases aside)
    re.compile(rf"\b(?:{NUMBER}|one|a|an)[- ](?:minutes?|hours?)\b(?<!breaths a minute)", re.I),
    re.compile(r"\bhalf an? (?:minute|hour)\b|\bminute and a half\b", re.I),
    # a count that the time must make room for: "three slow breaths", "five times", "twice"
    re.compile(rf"\b{NUMBER}\s+(?:\w+\s+)?(?:breaths?|times)\b(?! a minute)", re.I),
    re.compile(r"\btwice\b", re.I),
]
A_LIMIT = re.compile(rf"\b(?:no more than|at most|up to)\s+{NUMBER}\b", re.I)
"""A maximum ("no more than four breaths at a time") stays true when the practice is shorter."""


def holds_breath(pattern: Pattern | None) -> bool:
    return pattern is not None and any(
        p.seconds > 0 for p in pattern.phases if p.name in ("hold", "hold_after", "top_up")
    )


def breath_out_longer(pattern: Pattern) -> bool:
    """A paced breath out longer than the breath in: paced for longer than a minute (a few
    breaths before a note or at a changeover aside), slowing down can make one light-headed."""
    seconds = {p.name: p.seconds for p in pattern.phases}
    return seconds.get("exhale", 0) > seconds.get("inhale", 0)


def tension_steps(exercise: Exercise) -> list[int]:
    return [i for i, step in enumerate(exercise.steps) if TENSION.search(step.text)]


def safety_gaps(exercise: Exercise) -> list[str]:
    """What the intro's safety note is missing for this exercise (empty: nothing)."""
    intro = exercise.intro.lower()
    missing: list[str] = []

    def need(*words: str) -> None:
        missing.extend(w for w in words if w not in intro)

    if holds_breath(exercise.pattern):
        need("heart or lung", "pregnancy", "panic", "light-headed", '"longer breath out"')
    paced = exercise.pattern is not None and exercise.seconds > 60
    if paced and exercise.pattern is not None and breath_out_longer(exercise.pattern):
        need("light-headed", "breathe normally")
    if exercise.kind == "body_scan" or "body scan" in exercise.name.lower():
        need("eyes open", "skip", "move", "feet", "hands", "sounds", "stop")
    if tension_steps(exercise):
        need("hurt", "injured or painful", "skip")
        steps = " ".join(s.text.lower() for s in exercise.steps)
        if "belly" in steps or "abdom" in steps:
            need("pregnancy", "abdominal surgery")
        if any(w in steps for w in ("legs", "calves", "toes", "feet into")):
            need("cramp")
    return missing


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_safety_notes_where_holds_body_scans_and_muscle_tension_are_involved(
    exercise: Exercise,
) -> None:
    assert safety_gaps(exercise) == [], f"{exercise.id}: intro lacks a safety note"


def test_the_safety_rule_catches_a_file_without_a_note() -> None:
    holds = Exercise(
        "x", "X", "breathing", 32,
        pattern=Pattern((Phase("inhale", 4), Phase("hold", 4), Phase("exhale", 8)), 2),
        intro="Breathe.",
    )  # fmt: skip
    scan = Exercise("y", "Y", "body_scan", 30, steps=(Step("Feet.", 30),), intro="Sit.")
    pmr = Exercise("z", "Z", "movement", 30, steps=(Step("Tighten your belly.", 30),))
    assert "light-headed" in safety_gaps(holds)
    assert "eyes open" in safety_gaps(scan)
    assert {"hurt", "pregnancy", "abdominal surgery"} <= set(safety_gaps(pmr))


def test_the_rules_find_what_they_should_among_the_bundled() -> None:
    assert {e.id for e in EXERCISES if holds_breath(e.pattern)} >= {
        "box-breathing", "breathing-4-7-8", "cyclic-sighing",
    }  # fmt: skip
    assert {e.id for e in EXERCISES if e.kind == "body_scan"} >= {"body-scan-3", "body-scan-5"}
    assert "pmr-short" in {e.id for e in EXERCISES if tension_steps(e)}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_text_states_a_length_or_count_that_shortening_makes_false(exercise: Exercise) -> None:
    texts = [exercise.summary, exercise.intro, exercise.closing, *(s.text for s in exercise.steps)]
    for text in map(lambda t: A_LIMIT.sub("", t), texts):
        for rule in FALSE_WHEN_SHORTENED:
            assert not rule.search(text), f"{exercise.id}: {rule.search(text)!r} in {text!r}"


NAME_WITH_A_LENGTH = re.compile(
    rf"\b{NUMBER}[- ]?(?:minutes?|mins?|seconds?|secs?|hours?)\b|\b(?:minute|second)s?\b", re.I
)
"""A name is shown beside the planned length ("Body scan, 5 minutes · 2 min"): it states none."""


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_name_states_a_length_the_planner_can_make_false(exercise: Exercise) -> None:
    assert not NAME_WITH_A_LENGTH.search(exercise.name), f"{exercise.id}: {exercise.name!r}"


def test_the_name_rule_catches_the_old_names() -> None:
    for old in ("Body scan, 3 minutes", "60-second check-in", "Three-minute breathing space"):
        assert NAME_WITH_A_LENGTH.search(old), old
    for new in ("Short body scan", "Quick check-in", "Three breaths", "5-4-3-2-1 grounding"):
        assert not NAME_WITH_A_LENGTH.search(new), new


def test_the_length_rule_catches_the_old_wording() -> None:
    def flagged(text: str) -> bool:
        return any(rule.search(text) for rule in FALSE_WHEN_SHORTENED)

    assert flagged("This takes a minute and a half.")
    assert flagged("Four breaths is enough.")
    assert flagged("Sit back and take three slow breaths.")
    assert flagged("Two minutes outside.")
    assert flagged("Roll your shoulders, five times. Twice more.")
    assert not flagged("Slow breathing at about six breaths a minute: five seconds in.")
    assert not flagged("Name five things you can see.")
    assert A_LIMIT.sub("", "No more than four breaths at a time.") == " breaths at a time."


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if tension_steps(e)], ids=lambda e: e.id)
def test_muscle_release_never_shrinks_below_15_seconds(exercise: Exercise) -> None:
    shortest = exercise.scaled(exercise.shortest_seconds)
    for index in tension_steps(exercise):
        release = shortest.steps[index + 1]
        assert not TENSION.search(release.text)
        assert release.seconds >= 15, f"{exercise.id}: {release.text!r} {release.seconds:.1f} s"
        assert shortest.steps[index].seconds >= 5  # Bernstein & Borkovec: tense 5-7 s


def test_every_bundled_file_passes_exercises_check(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(BUNDLED.glob("*.toml"))
    assert run(["exercises", "check", *map(str, files)]) == 0
    assert capsys.readouterr().out.strip() == f"ok: {len(files)} files"


def sources(exercise_id: str) -> str:
    exercise = LIBRARY.get(exercise_id)
    assert exercise is not None, exercise_id
    return "\n".join(exercise.sources)


def test_sources_as_the_clinical_review_corrected_them() -> None:
    assert "Sianoja" in sources("step-outside") and "Sianoja" not in sources("stretch-reset")
    assert "Rothschild B, with Rand ML (2006)" in sources("boundary-reset")
    assert "doi:10.1023/A:1009554825745" in sources("resonance-breathing")
    assert "mechanism study in mice" in sources("cyclic-sighing")
    for exercise_id in ("cyclic-sighing", "box-breathing"):
        assert "five minutes a day" in sources(exercise_id)
    assert "Salzberg S (1995). Lovingkindness" in sources("loving-kindness")
    assert "Treleaven" in sources("body-scan-3") and "Treleaven" in sources("body-scan-5")
    assert "keep the ratio and count faster" in sources("breathing-4-7-8")


def test_practices_the_review_asked_for() -> None:
    feet = LIBRARY.get("feet-on-floor")
    assert feet is not None and "Notice what is here" in feet.steps[0].text  # acknowledge
    kindness = LIBRARY.get("loving-kindness")
    assert kindness is not None
    texts = " ".join(s.text for s in kindness.steps)
    assert "a pet, a place" in texts and "I can care without being able to fix it" in texts
    closing = LIBRARY.get("day-closing")
    assert closing is not None
    texts = " ".join(s.text for s in closing.steps)
    assert "numbness" in texts and "supervision or your own therapy" in texts
    assert "why this work matters" in texts and "tonight" not in texts
    compassion = LIBRARY.get("self-compassion-break")
    assert compassion is not None and "hardest in the last session" not in compassion.intro
    assert "mild to moderate" in compassion.intro
    boundary = LIBRARY.get("boundary-reset")
    assert boundary is not None and any("no need to replay it" in s.text for s in boundary.steps)
    for new, kind in (("not-yours-to-carry", "compassion"), ("grounding-object", "grounding")):
        exercise = LIBRARY.get(new)
        assert exercise is not None and exercise.kind == kind and exercise.sources
