"""At 50 columns: toasts leave the timeline in sight, a broken exercise's notice names its file
on every line it shows, and a session extended after its booked end says so."""

from __future__ import annotations

from pathlib import Path

from app_factory import at, make_app, settle
from textual.widgets import Static
from textual.widgets._toast import Toast


def headline(app: object) -> str:
    return str(app.screen.query_one("#now-headline", Static).content)  # type: ignore[attr-defined]


async def test_toasts_are_compact_bands_in_a_narrow_pane(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:53"))
    async with app.run_test(size=(50, 30), notifications=True) as pilot:
        await settle(pilot)
        app.notify("No reset is offered right now.", timeout=30)
        app.notify("Running late: the 09:00 session now ends 09:55.", title="Day", timeout=30)
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 2
        assert sum(t.region.height for t in toasts) <= 4  # was 10 rows over the timeline
        assert all(t.region.width >= 45 for t in toasts)  # across the pane, not a tall column
        now = app.screen.query_one("#now").region
        assert all(t.region.y >= now.bottom + 8 for t in toasts)  # the day's next items show
    wide, _ = make_app(tmp_path, at("09:53"))
    async with wide.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert not wide.screen.has_class("-narrow")  # the wide layout keeps Textual's toasts


async def test_a_broken_exercise_notice_names_its_file_once_per_file(tmp_path: Path) -> None:
    user = tmp_path / "config" / "exercises"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text('name = "Mine"\nkind = "breathing"\ninhail = 4\n')
    (user / "other.toml").write_text('name = "Other"\nkind = "breathng"\n')
    app, _ = make_app(tmp_path, at("09:53"))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        lines = app.notices.get("exercises")
        assert len(lines) == 2  # one per file, not one per problem
        assert lines[0].startswith("Skipped a broken exercise file: mine.toml:")
        assert lines[0].endswith("(+1 more)") and str(tmp_path) not in lines[0]
        assert lines[1].startswith("Skipped a broken exercise file: other.toml:2")


async def test_running_late_after_the_end_says_extended_session(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:52"))  # 09:00-09:50 is over: in its notes time
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        app.running_late(5)
        await pilot.pause()
        app.refresh_today()
        await pilot.pause()
        assert headline(app) == "Extended session · ends 09:55"
        detail = str(app.screen.query_one("#now-detail", Static).content)
        assert "booked to 09:50, extended to 09:55" in detail
        clock.advance(4 * 60)
        app.tick()
        await pilot.pause()
        assert headline(app).startswith("Gap")


async def test_running_late_in_session_still_says_in_session_until_the_booked_end(
    tmp_path: Path,
) -> None:
    app, _ = make_app(tmp_path, at("09:40"))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        app.running_late(10)
        app.refresh_today()
        await pilot.pause()
        assert headline(app) == "In session"
