"""The plan's warnings (heavy sessions without a buffer, the day's heavy share) as one calm
notice the first time the day is read that day; not again after a restart the same day."""

from __future__ import annotations

from pathlib import Path

from app_factory import at, make_app, settle

from groundtui import paths
from groundtui.day.morning import MorningMarker
from groundtui.ui.morning import MORNING_TITLE

HEAVY_DAY = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"
heavy = true

[[session]]
start = "09:50"
end = "10:40"
heavy = true

[[session]]
start = "11:00"
end = "11:50"
"""


def morning_toasts(app: object) -> list[str]:
    notes = list(app._notifications)  # type: ignore[attr-defined]
    return [n.message for n in notes if n.title == MORNING_TITLE]


async def test_the_plans_warnings_are_shown_once_in_the_morning(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("08:30"), schedule=HEAVY_DAY)
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot, rounds=3)
        shown = morning_toasts(app)
        assert len(shown) == 1
        assert "09:00 and 09:50" in shown[0] and "10-minute buffer" in shown[0]
        notes = [n for n in app._notifications if n.title == MORNING_TITLE]
        assert notes[0].severity == "information"  # a notice, not an alarm
        app.load_day(app.day)  # the day read again (an edit, a file change): not again
        await settle(pilot, rounds=3)
        assert len(morning_toasts(app)) == 1
    assert paths.morning_file().read_text(encoding="utf-8").strip() == "2026-11-24"
    again, _ = make_app(tmp_path, at("09:10"), schedule=HEAVY_DAY)
    async with again.run_test(size=(50, 30)) as pilot:
        await settle(pilot, rounds=3)
        assert morning_toasts(again) == []  # restarted the same day: already said


async def test_a_day_without_warnings_says_nothing(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("08:30"))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot, rounds=3)
        assert not app.session.plan.warnings
        assert morning_toasts(app) == []
    assert not paths.morning_file().exists()


def test_the_marker_holds_a_date_only_and_is_private(tmp_path: Path) -> None:
    marker = MorningMarker(tmp_path / "m")
    day = at("08:00").date()
    assert marker.claim(day) and not marker.claim(day)
    assert MorningMarker(tmp_path / "m").claim(day) is False
    assert (tmp_path / "m").read_text() == "2026-11-24\n"
    assert (tmp_path / "m").stat().st_mode & 0o777 == 0o600
    assert MorningMarker(tmp_path / "m").claim(at("08:00", "2026-11-25").date())
    assert MorningMarker(None).claim(day)  # the demo day: memory only
