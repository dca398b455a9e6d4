"""Build the real app for tests: a manual clock, temp dirs, a schedule file or the demo day."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from groundtui.clock import ManualClock
from groundtui.config import Config
from groundtui.options import AppSettings
from groundtui.schedule.combined import Source
from groundtui.ui.app import GroundApp

if TYPE_CHECKING:
    from textual.pilot import Pilot

NY = ZoneInfo("America/New_York")
REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "exercises"

SCHEDULE = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"
label = "Alice Example"

[[session]]
start = "10:00"
end = "10:50"
label = "Intake - Bob Sample"
heavy = true

[[session]]
start = "11:10"
end = "12:00"
label = "Carol Person"
"""


def make_app(
    tmp_path: Path,
    now: datetime,
    *,
    schedule: str | None = SCHEDULE,
    config: Config | None = None,
    sources: tuple[Source, ...] = (),
) -> tuple[GroundApp, ManualClock]:
    """The app as `groundtui` builds it, but on a manual clock and in ``tmp_path``; ``sources``
    (files or feeds) are read as well as ``schedule``."""
    clock = ManualClock(now)
    paths: tuple[Source, ...] = ()
    if schedule is not None:
        path = tmp_path / "schedule.toml"
        path.write_text(schedule, encoding="utf-8")
        paths = (path,)
    settings = AppSettings(
        config=config or Config(bell=False, notify=False),
        clock=clock,
        schedule=paths + sources,
        log_path=tmp_path / "data" / "log.sqlite3",
        exercises_dir=tmp_path / "config" / "exercises",
        bundled_dir=BUNDLED,
    )
    return GroundApp(settings), clock


def at(hhmm: str, day: str = "2026-11-24") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=NY)


async def settle(pilot: Pilot[object], rounds: int = 2) -> None:
    """Let the app's workers finish and the messages they post land; ``rounds`` times, for a
    worker whose result starts another (reading the day, then the feeds or the closing)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
