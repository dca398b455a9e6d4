"""The log screen: today's rows, counts, the strip, the week view, closing keys, slow stores."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from log_apps import NY, TODAY, LogHost, demo_store, snapshot_app
from textual.pilot import Pilot
from textual.widgets import Static

from groundtui.log import LogRecord, LogSummaryInput, QueuedLog, ResetEntry, memory_store
from groundtui.ui.screens.log import (
    EMPTY_TODAY,
    KIND_LINE,
    LOADING,
    NONE_DONE_LINE,
    LogScreen,
    exercise_title,
    join_wrapped,
    week_row,
)
from groundtui.ui.widgets.daystrip import DayStrip, bar, strip_lines


async def loaded(pilot: Pilot) -> LogScreen:
    """Wait for the screen's worker and the rows it mounts."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LogScreen)
    return screen


def text(screen: LogScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def rows(screen: LogScreen, selector: str) -> list[list[str]]:
    return [
        [str(cell.content) for cell in row.query(Static)]
        for row in screen.query(f"{selector}")
        if row.display
    ]


async def test_today_rows_counts_and_minutes() -> None:
    app = LogHost(demo_store(), plan_summary=LogSummaryInput(gaps=6, back_to_back_runs=2))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert text(screen, "#log-summary") == (
            "5 resets · 2 done · 1 partly done · 1 skipped · 1 passed by · 13 min for yourself"
        )
        assert text(screen, "#log-context") == (
            "6 gaps in the plan · 2 back-to-back runs · "
            "average activation 5.5 → 3.5 (0–10, 2 rated)"
        )
        assert rows(screen, "#log-today .log-row") == [
            ["08:51", "Box breathing", "● done", "4 min", "6 → 3"],
            ["10:50", "Step outside", "○ skipped", "", ""],
            ["11:51", "Body scan", "◐ partly done", "2 min", ""],
            ["13:50", "Grounding 5-4-3-2-1", "· passed by", "", ""],
            ["14:51", "Self compassion break", "● done", "7 min", "5 → 4"],
        ]
        assert text(screen, "#log-kind") == KIND_LINE
        assert text(screen, "#log-date") == "Today · Tue 24 Nov"
        assert not screen.query_one("#log-warning").display
        assert not screen.query_one("#log-week").display


async def test_the_strip_has_fourteen_days_ending_today() -> None:
    async with LogHost(demo_store()).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        strip = screen.query_one(DayStrip)
        assert len(strip.days) == 14
        assert strip.days[-1].date == TODAY and strip.days[-1].taken == 3
        assert strip.days[0].date == date(2026, 11, 11)
        assert [d.taken for d in strip.days if d.date.weekday() >= 5] == [0, 0, 0, 0]
        bars, numbers = strip_lines(strip.days)
        assert numbers.split() == [str(n) for n in range(11, 25)]
        assert len(bars) == 14 * 3 - 1


async def test_w_toggles_the_week_view() -> None:
    async with LogHost(demo_store()).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert screen.week
        assert screen.query_one("#log-week").display
        assert not screen.query_one("#log-today").display
        assert text(screen, "#log-date") == "Week · 18 Nov – 24 Nov"
        week = rows(screen, "#log-week .week-row")
        assert len(week) == 7
        assert week == [
            ["Wed 18 Nov", "3 of 3 taken", "9 min"],
            ["Thu 19 Nov", "1 offered", ""],
            ["Fri 20 Nov", "2 of 2 taken", "6 min"],
            ["Sat 21 Nov", "nothing logged", ""],
            ["Sun 22 Nov", "nothing logged", ""],
            ["Mon 23 Nov", "3 of 4 taken", "9 min"],
            ["Tue 24 Nov", "3 of 5 taken", "13 min"],
        ]
        assert text(screen, "#log-summary") == (
            "15 resets · 10 done · 1 partly done · 1 skipped · 3 passed by · 37 min for yourself"
        )  # one line at 100 columns
        await pilot.press("w")
        await pilot.pause()
        assert not screen.week
        assert screen.query_one("#log-today").display
        assert text(screen, "#log-summary").startswith("5 resets")


@pytest.mark.parametrize("key", ["q", "escape", "l"])
async def test_close_keys_dismiss_without_quitting(key: str) -> None:
    app = LogHost(demo_store())
    async with app.run_test(size=(50, 30)) as pilot:
        await loaded(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, LogScreen)
        assert app.is_running
        assert app.return_code is None


async def test_empty_day_is_said_kindly() -> None:
    async with LogHost(memory_store()).run_test(size=(50, 30)) as pilot:
        screen = await loaded(pilot)
        assert text(screen, "#log-summary") == "0 resets"
        assert [str(s.content) for s in screen.query("#log-today .log-empty")] == [EMPTY_TODAY]
        assert text(screen, "#log-kind") == NONE_DONE_LINE
        assert not screen.query_one("#log-context").display
        assert all(d.taken == 0 for d in screen.query_one(DayStrip).days)


class SlowStore:
    """A store whose read blocks until the test lets it go."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inner = demo_store()
        self.warning = None

    def records(self, since: date, until: date) -> list[LogRecord]:
        assert self.release.wait(10)
        return self.inner.records(since, until)


async def test_a_slow_store_never_blocks_the_screen() -> None:
    store = SlowStore()
    async with LogHost(store).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LogScreen)
        assert text(screen, "#log-summary") == LOADING
        await pilot.press("w")  # the UI still answers while the worker waits
        await pilot.pause()
        assert text(screen, "#log-date").startswith("Week")
        assert text(screen, "#log-summary") == LOADING
        store.release.set()
        await loaded(pilot)
        assert text(screen, "#log-summary").startswith("15 resets")


class LockedStore:
    """A store whose writes wait, as on a log another window holds locked (SQLite's busy
    timeout), until the test lets them go."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inner = demo_store()
        self.warning = None

    def record(self, entry: ResetEntry) -> int:
        assert self.release.wait(10)
        return self.inner.record(entry)

    def records(self, since: date, until: date) -> list[LogRecord]:
        return self.inner.records(since, until)


async def test_the_log_flush_waits_in_the_worker_not_on_the_screen() -> None:
    """Opening the log flushes the queued writes first: that wait happens in the worker."""
    store = LockedStore()
    log = QueuedLog(store)
    start = datetime.combine(TODAY, time(16, 0), NY)
    log.record(
        ResetEntry(start, start + timedelta(minutes=10), "box-breathing", "breathing", "skipped")
    )
    try:
        async with LogHost(log).run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, LogScreen)
            assert text(screen, "#log-summary") == LOADING
            await pilot.press("w")  # the UI answers while the flush waits for the writer
            await pilot.pause()
            assert text(screen, "#log-date").startswith("Week")
            store.release.set()
            await loaded(pilot)
            assert text(screen, "#log-summary").startswith("16 resets")
    finally:
        store.release.set()
        log.close()


class BrokenStore:
    warning = None

    def records(self, since: date, until: date) -> list[LogRecord]:
        raise OSError("disk I/O error")


async def test_a_failing_store_shows_a_line_not_a_crash() -> None:
    async with LogHost(BrokenStore()).run_test(size=(50, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.query_one("#log-warning").display
        assert text(screen, "#log-warning") == (
            "The log could not be read just now (disk I/O error)."
        )
        assert text(screen, "#log-summary") == "0 resets"


async def test_a_degraded_store_shows_its_warning() -> None:
    store = demo_store()
    store.problem = "The reset log at /x could not be opened (locked); kept in memory only."
    async with LogHost(store).run_test(size=(50, 30)) as pilot:
        screen = await loaded(pilot)
        assert text(screen, "#log-warning") == store.warning
        assert text(screen, "#log-summary").startswith("5 resets")


async def test_the_app_can_pass_back_to_back_runs_alone() -> None:
    async with LogHost(demo_store(), back_to_back_runs=1).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert text(screen, "#log-context").startswith("1 back-to-back run · average activation")


async def test_narrow_hides_the_checkin_column_wide_shows_it() -> None:
    async with LogHost(demo_store()).run_test(size=(50, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.has_class("-narrow")
        assert text(screen, "#log-summary") == (
            "5 resets · 2 done · 1 partly done ·\n1 skipped · 1 passed by · 13 min for yourself"
        )
        for cell in screen.query(".log-row .outcome").results(Static):
            assert cell.content_region.width >= len(str(cell.content))  # never cut short
        first = screen.query(".log-row").first()
        assert not first.query_one(".checkin").display
        name = first.query_one(".name")
        assert name.region.right <= first.query_one(".outcome").region.x
        assert screen.query_one(DayStrip).region.right <= 50
    async with LogHost(demo_store()).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.has_class("-wide")
        assert screen.query(".log-row").first().query_one(".checkin").display


async def test_exercise_names_can_be_given() -> None:
    names = {"box-breathing": "Box breathing (4-4-4-4)"}
    async with LogHost(demo_store(), exercise_names=names).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert rows(screen, "#log-today .log-row")[0][1] == "Box breathing (4-4-4-4)"


def test_pure_helpers() -> None:
    assert exercise_title("box-breathing") == "Box breathing"
    assert exercise_title("step_outside") == "Step outside"
    assert exercise_title("x", {"x": "Named"}) == "Named"
    assert exercise_title("grounding-5-4-3-2-1") == "Grounding 5-4-3-2-1"
    assert exercise_title("4-7-8-breathing") == "4-7-8 breathing"
    assert (
        join_wrapped(["5 resets", "2 done", "1 passed by"], 19)
        == "5 resets · 2 done ·\n1 passed by"
    )
    assert (
        join_wrapped(["5 resets", "2 done", "1 passed by"], 18)
        == "5 resets ·\n2 done ·\n1 passed by"
    )
    assert (
        join_wrapped(["5 resets", "2 done", "1 passed by"], 80) == "5 resets · 2 done · 1 passed by"
    )
    assert (
        join_wrapped(["a much longer part than fits", "b"], 10)
        == "a much longer part than fits ·\nb"
    )
    assert join_wrapped([], 10) == ""
    assert bar(0, 5) == "·"
    assert bar(5, 5) == "█"
    assert bar(1, 8) == "▁"
    assert bar(3, 0) == "·"


def test_week_row_words() -> None:
    from groundtui.log import DayTotals

    assert week_row(DayTotals(date(2026, 11, 24), 5, 2, 13.0)) == (
        "Tue 24 Nov",
        "2 of 5 taken",
        "13 min",
    )
    assert week_row(DayTotals(date(2026, 11, 23), 2, 0, 0.0)) == ("Mon 23 Nov", "2 offered", "")
    assert week_row(DayTotals(date(2026, 11, 22), 0, 0, 0.0)) == (
        "Sun 22 Nov",
        "nothing logged",
        "",
    )


# --------------------------------------------------------------------------- snapshots


async def _loaded(pilot: Pilot) -> None:
    await loaded(pilot)


def test_snapshot_today_100x30(snap_compare) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(100, 30), run_before=_loaded)


def test_snapshot_today_50x30(snap_compare) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(50, 30), run_before=_loaded)


def test_snapshot_week_50x30(snap_compare) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(50, 30), run_before=_loaded, press=["w"])


def test_a_reset_started_on_ones_own_counts_as_taken_not_offered() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from groundtui.log import ResetEntry, daily_totals
    from groundtui.reflect.week import done_per_day

    t = datetime(2026, 11, 24, 12, 30, tzinfo=ZoneInfo("America/New_York"))
    own = ResetEntry(t, t, "box-breathing", "breathing", "partial", started_at=t, ended_at=t)
    records = [own.as_record(1), own.as_record(2), own.as_record(3)]  # from the palette, stopped
    (totals,) = daily_totals(records, t.date(), t.date())
    assert week_row(totals)[1] == "3 of 3 taken"  # not "3 offered"
    assert done_per_day(records) == {t.date(): 3}  # `groundtui week`'s resets_done agrees
