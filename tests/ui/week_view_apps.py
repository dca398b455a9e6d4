"""A log screen host whose week view has a reflection panel: a fixed week, checks and ratings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from log_apps import NY, TODAY, LogHost, demo_store

from groundtui.config import Config
from groundtui.reflect.read import Reflection
from groundtui.reflect.selfcheck import SelfCheck
from groundtui.reflect.week import build_week
from groundtui.reflect.works import Helped
from groundtui.schedule.model import Session


def _booked(day: date) -> list[Session]:
    if day.weekday() >= 5:
        return []

    def s(hhmm: str, label: str | None = None, heavy: bool | None = None) -> Session:
        start = datetime.combine(day, time.fromisoformat(hhmm), tzinfo=NY)
        return Session(start, start + timedelta(minutes=50), heavy, label)

    out = [s("09:00", heavy=True), s("10:00", "Intake"), s("11:00"), s("13:00", "Trauma f/u")]
    if day.weekday() == 2:
        out.append(s("15:00", "Peer supervision"))
    return out


CHECKS = [
    SelfCheck(TODAY - timedelta(weeks=n), scores)
    for n, scores in [
        (10, (1, 0, 1, 1)),
        (9, (1, 1, 1, 1)),
        (7, (0, 0, 1, 1)),
        (6, (1, 0, 0, 1)),
        (5, (1, 1, 1, 2)),
        (3, (2, 1, 2, 1)),
        (2, (2, 1, 2, 2)),
        (1, (2, 2, 2, 2)),
        (0, (3, 2, 2, 2)),
    ]
]


def reflection() -> Reflection:
    from app_factory import BUNDLED

    from groundtui.exercises import load_library

    week = build_week(TODAY, NY, Config(), load_library(BUNDLED, None), _booked, checks=CHECKS)
    works = (
        Helped("box-breathing", 4, 6.0, 3.5),
        Helped("step-outside", 3, 5.3, 4.0),
        Helped("body-scan-3", 2, 4.0, 4.5),
    )
    return Reflection(week, works)


def week_view_app() -> LogHost:
    data = reflection()
    return LogHost(demo_store(), gaps=6, back_to_back_runs=2, reflection=lambda: data)
