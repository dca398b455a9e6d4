"""A test library shaped like the bundled exercises, built directly (no TOML), plus helpers."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from groundtui.exercises import Exercise, Pattern, Phase, Step
from groundtui.log import ResetEntry
from groundtui.schedule.model import Session

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)


def at(hhmm: str, day: date = DAY, tz: ZoneInfo = NY) -> datetime:
    """An aware datetime on the test day: at('09:50')."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz)


def session(start: str, end: str, label: str | None = None, heavy: bool | None = None) -> Session:
    return Session(at(start), at(end), heavy=heavy, label=label)


def breathing(
    id: str, phases: list[tuple[str, float]], cycles: int, fits: tuple[str, ...], min_s: float = 60
) -> Exercise:
    pattern = Pattern(tuple(Phase(n, s) for n, s in phases), cycles)
    return Exercise(
        id=id,
        name=id.replace("-", " ").capitalize(),
        kind="breathing",
        seconds=pattern.seconds,
        fits=fits,
        pattern=pattern,
        min_seconds=min_s,
    )


def stepped(
    id: str, kind: str, step_seconds: list[float], fits: tuple[str, ...], min_s: float = 60
) -> Exercise:
    steps = tuple(Step(f"step {i + 1}", s) for i, s in enumerate(step_seconds))
    return Exercise(
        id=id,
        name=id.replace("-", " ").capitalize(),
        kind=kind,
        seconds=sum(step_seconds),
        fits=fits,
        steps=steps,
        min_seconds=min_s,
    )


def cue_exercises() -> list[Exercise]:
    """The bundled short cues: the breaths before the note, and the changeover's three breaths."""
    return [
        breathing(
            "breaths-before-note", [("inhale", 4), ("exhale", 6)], 4, ("before_note",), min_s=20
        ),
        breathing(
            "three-breaths", [("inhale", 3), ("exhale", 3.5)], 3, ("changeover",), min_s=19.5
        ),
    ]


def make_library(cues: bool = False) -> dict[str, Exercise]:
    """Sixteen exercises with the bundled ids, kinds and fits; with ``cues``, also the two
    short cues (before the note, changeover), as bundled."""
    items = [
        breathing(
            "box-breathing",
            [("inhale", 4), ("hold", 4), ("exhale", 4), ("hold_after", 4)],
            8,
            ("before_session", "short_gap"),
        ),
        breathing(
            "resonance-breathing",
            [("inhale", 5.5), ("exhale", 5.5)],
            16,
            ("after_session", "short_gap"),
        ),
        breathing(
            "cyclic-sighing",
            [("inhale", 2), ("top_up", 1), ("exhale", 6)],
            20,
            ("after_session", "after_heavy"),
        ),
        breathing(
            "breathing-4-7-8",
            [("inhale", 4), ("hold", 7), ("exhale", 8)],
            4,
            ("before_session",),
            min_s=38,
        ),
        breathing(
            "extended-exhale", [("inhale", 4), ("exhale", 8)], 15, ("after_session", "short_gap")
        ),
        stepped("body-scan-3", "body_scan", [30] * 6, ("short_gap", "after_session")),
        stepped("body-scan-5", "body_scan", [30] * 10, ("long_gap",), min_s=180),
        stepped("pmr-short", "movement", [30] * 5, ("after_session",)),
        stepped("grounding-54321", "grounding", [30] * 5, ("after_heavy", "after_session")),
        stepped("feet-on-floor", "grounding", [15, 15, 15], ("arrive", "before_session"), 30),
        stepped("step-outside", "step_outside", [60] * 4, ("after_heavy", "outside"), min_s=120),
        stepped("stretch-reset", "movement", [30] * 4, ("after_heavy", "indoors")),
        stepped("loving-kindness", "compassion", [60] * 7, ("long_gap",), min_s=180),
        stepped("boundary-reset", "reflection", [30] * 3, ("after_session", "after_heavy")),
        stepped("check-in-60", "reflection", [20] * 3, ("before_session", "short_gap")),
        stepped("day-closing", "reflection", [60] * 5, ("end_of_day",), min_s=120),
    ]
    if cues:
        items += cue_exercises()
    return {e.id: e for e in items}


class FakeLibrary:
    """Duck-types exercises.Library: ``.exercises``, ``.get(id)``, ``.problems``."""

    def __init__(self, exercises: dict[str, Exercise] | None = None) -> None:
        self.exercises = exercises if exercises is not None else make_library()
        self.problems: list[object] = []

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)


def clinic_day() -> list[Session]:
    """The sample schedule.toml's Tuesday, built directly."""
    return [
        session("09:00", "09:50", "J.A."),
        session("10:00", "10:50", "Intake - M.R.", heavy=True),
        session("11:10", "12:00", "T.K."),
        session("13:00", "13:50", "Couple - L. & P."),
        session("13:50", "14:40", "S.B.", heavy=True),
        session("14:45", "15:35", "D.W."),
    ]


class MemoryLog:
    """Records every log call like a store would."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[str, Any]] = {}

    def begin(self, entry: ResetEntry) -> int:
        rid = len(self.rows) + 1
        self.rows[rid] = {**vars(entry), "outcome": "running"}
        return rid

    def finish(self, record_id: int, **fields: Any) -> None:
        self.rows[record_id].update({k: v for k, v in fields.items() if v is not None})
        self.rows[record_id]["outcome"] = fields["outcome"]

    def record(self, entry: ResetEntry) -> int:
        rid = len(self.rows) + 1
        self.rows[rid] = dict(vars(entry))
        return rid

    def outcomes(self) -> list[tuple[str, str]]:
        return [(r["exercise"], r["outcome"]) for r in self.rows.values()]
