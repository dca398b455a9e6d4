"""Small builders for UI tests that need a plan without a schedule file."""

from __future__ import annotations

from app_factory import BUNDLED, at

from groundtui.exercises import Library, load_library
from groundtui.schedule.model import Session


def session(start: str, end: str) -> Session:
    return Session(at(start), at(end))


def library() -> Library:
    return load_library(BUNDLED, BUNDLED / "no-user-dir")
