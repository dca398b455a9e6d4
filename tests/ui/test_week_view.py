"""The log's week view: the heavy share against the limit, the self-check trend, what works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_factory import at, make_app
from log_apps import LogHost, demo_store
from textual.pilot import Pilot
from week_view_apps import reflection, week_view_app

from groundtui.reflect.read import Reflection
from groundtui.reflect.selfcheck import SelfCheck, SelfCheckStore
from groundtui.ui.screens.log import LogScreen
from groundtui.ui.widgets.trend import WeekTrend, bars, reflection_text


async def _loaded(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def panel_text(app) -> str:
    return str(app.screen.query_one(WeekTrend).render())


def test_panel_words() -> None:
    text = reflection_text(reflection())
    assert "15 of 20 client sessions heavy" in text and "your limit 50%" in text
    assert "rule of thumb, not a standard; the limit is yours to set" in text
    assert "1 support session" in text
    assert "This week: total 9 of 16" in text and "Not a clinical measure" in text
    assert "box-breathing  6.0 → 3.5 (4 rated)" in text
    assert "lower is not always better" in text
    assert bars((None, 0, 16)) == "·· ▁▁ ██"


def test_panel_without_a_check_says_where_it_is_without_reproach() -> None:
    data = reflection()
    from dataclasses import replace

    assert data.week is not None
    empty = replace(data, week=replace(data.week, self_check=None, trend=(None,) * 12))
    text = reflection_text(empty)
    assert "None yet" in text and "palette" in text
    assert "missed" not in text and "should" not in text


async def test_the_panel_shows_in_the_week_view_only() -> None:
    app = week_view_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _loaded(pilot)
        trend = app.screen.query_one(WeekTrend)
        assert not trend.display
        await pilot.press("w")
        await pilot.pause()
        assert trend.display and "client sessions heavy" in panel_text(app)


async def test_a_failing_reader_leaves_the_log_as_it_was() -> None:
    def broken() -> Reflection:
        raise OSError("disk gone")

    app = LogHost(demo_store(), reflection=broken)
    async with app.run_test(size=(50, 30)) as pilot:
        await _loaded(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert not app.screen.query_one(WeekTrend).display


async def test_the_apps_week_view_reads_the_self_check_back(tmp_path: Path) -> None:
    SelfCheckStore().add(SelfCheck(date(2026, 11, 24), (1, 2, 1, 0)))
    app, _ = make_app(tmp_path, at("12:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _loaded(pilot)
        await pilot.press("l")
        await _loaded(pilot)
        await pilot.press("w")
        await pilot.pause()
        text = panel_text(app)
        assert "This week: total 4 of 16" in text
        assert "7 of 21 client sessions heavy (33%) · your limit 50%" in text  # every day


def test_snapshot_week_view_with_trend_100x30(snap_compare) -> None:
    assert snap_compare(week_view_app(), terminal_size=(100, 30), run_before=_loaded, press=["w"])


def test_snapshot_week_view_with_trend_50x30(snap_compare) -> None:
    assert snap_compare(week_view_app(), terminal_size=(50, 30), run_before=_loaded, press=["w"])
