"""The whole app on a manual clock: a clinic day driven in milliseconds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from app_factory import at, make_app, settle
from textual.pilot import Pilot

from groundtui.log import open_store
from groundtui.ui.app import GroundApp
from groundtui.ui.display import cycle_labels
from groundtui.ui.screens.reset import ResetScreen
from groundtui.ui.screens.today import TodayScreen
from groundtui.ui.widgets.keybar import KeyBar
from groundtui.ui.widgets.now_panel import NowPanel

DAY = date(2026, 11, 24)


async def move(app: GroundApp, pilot: Pilot, clock, seconds: float) -> None:
    """Advance the manual clock and let the app see it (what its interval timer does)."""
    clock.advance(seconds)
    app.tick()
    if isinstance(app.screen, ResetScreen):
        app.screen.refresh_from_clock()
    await pilot.pause()


def records(tmp_path: Path) -> list:
    store = open_store(tmp_path / "data" / "log.sqlite3")
    try:
        return store.records(DAY, DAY)
    finally:
        store.close()


def now_text(app: GroundApp) -> str:
    view = app.screen.query_one(NowPanel).view
    return " ".join([view.headline, view.detail, view.offer, view.hint])


async def test_demo_day_offer_start_and_done_is_never_logged(tmp_path: Path) -> None:
    """The foundation path: one minute before a session ends, wait, space, done; the demo day
    leaves the user's log untouched."""
    app, clock = make_app(tmp_path, at("09:49"), schedule=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.demo and app.screen.query_one("#demo-banner").display
        assert "In session" in now_text(app)
        await move(app, pilot, clock, 61)
        assert "space start" in now_text(app)
        offered = app.tracker.offer(clock.now())
        await pilot.press("space")
        assert isinstance(app.screen, ResetScreen)
        await move(app, pilot, clock, 10)
        await pilot.press("d")
        await pilot.pause()
        if isinstance(app.screen, ResetScreen):  # a closing cue waits for enter
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert offered.status == "done"
        await pilot.press("q")
    assert not (tmp_path / "data" / "log.sqlite3").exists()


async def test_skip_then_missed_then_partial_on_quit(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:49"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await move(app, pilot, clock, 5 * 60)  # 09:54, in the first gap
        first = app.tracker.offer(clock.now())
        await pilot.press("x")
        assert first.status == "skipped"
        await move(app, pilot, clock, 60 * 60)  # 10:54: first gap over, second gap begun
        await move(app, pilot, clock, 20 * 60)  # 11:14: second gap passed untouched
        outcomes = [i.status for i in app.tracker.items if i.gap and i.gap.start == at("10:50")]
        assert "missed" in outcomes
        await move(app, pilot, clock, 60 * 60)  # 12:14, closing is offered
        app._schedule_tick()
        assert app.tick_wait > 5  # the evening's closing offer has no countdown: quiet ticks
        await pilot.press("n")  # there is no other closing: said plainly, not "this gap"
        assert "one closing practice" in list(app._notifications)[-1].message
        await pilot.press("space")
        assert isinstance(app.screen, ResetScreen)
        await pilot.press("q")
    got = [r.outcome for r in records(tmp_path)]
    assert got[0] == "skipped"
    assert "missed" in got
    assert got[-1] == "partial"


async def test_reset_still_running_when_the_session_starts_is_partial(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        assert isinstance(app.screen, ResetScreen)
        await move(app, pilot, clock, 20)
        await pilot.press("space")  # pause, then forget about it
        await move(app, pilot, clock, 7 * 60)  # the 10:00 session has begun
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert [r.outcome for r in records(tmp_path)] == ["partial"]


async def test_snooze_hides_the_offer_then_it_returns_smaller(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("10:54"))  # after the breaths and the notes time
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        item = app.tracker.offer(clock.now())
        before = app.tracker.fitted(item, clock.now()).seconds
        await pilot.press("s")
        assert "Snoozed" in now_text(app)
        await move(app, pilot, clock, 60)
        assert app.tracker.offer(clock.now()) is None
        await move(app, pilot, clock, 75)  # 10:56:15, the snooze is over
        assert app.tracker.offer(clock.now()) is item
        assert app.tracker.fitted(item, clock.now()).seconds <= before
        assert "space start" in now_text(app)


async def test_another_changes_the_offer(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.tracker.offer(clock.now()).reset.id
        await pilot.press("n")
        assert app.tracker.offer(clock.now()).reset.id != first


async def test_running_late_replans_the_gap(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("10:40"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.running_late(5)
        await pilot.pause()
        gap = app.tracker.plan.gaps[1]
        assert gap.start == at("10:55")
        assert all(r.start >= gap.notes_end for r in gap.resets if r.role != "before_note")
        await move(app, pilot, clock, 5 * 60)  # 10:45: in session, as booked so far
        assert now_text(app).startswith("In session")
        await move(app, pilot, clock, 6 * 60)  # 10:51: still in the late session, past its booking
        assert now_text(app).startswith("Extended session · ends 10:55")


async def test_cancelled_session_becomes_free_time(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("10:20"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.cancel_session()
        await pilot.pause()
        assert len(app.tracker.plan.sessions) == 2
        assert "Gap" in now_text(app)


async def test_midnight_rolls_to_the_next_day(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("23:59"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.tracker.plan.date == DAY
        await move(app, pilot, clock, 120)
        await settle(pilot)
        assert app.tracker.plan.date == date(2026, 11, 25)
        assert "Before your first session" in now_text(app)


async def test_labels_hidden_by_default_and_shown_when_turned_on(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#timeline").render())
        assert "Alice" not in text and "Bob" not in text
        cycle_labels(app)  # initials
        cycle_labels(app)  # full
        await pilot.pause()
        assert "Alice Example" in str(app.screen.query_one("#timeline").render())


async def test_broken_schedule_shows_an_error_and_the_app_keeps_running(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"), schedule="[[session]\nstart = 1")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notice = app.screen.query_one("#notice")
        assert notice.display
        assert "schedule.toml" in str(notice.render())
        assert app.tracker is not None and app.tracker.plan.sessions == ()
        # not "No sessions today … be kind to yourself": the day is unknown, not free
        assert now_text(app).startswith("Could not read today's schedule")


async def test_broken_user_exercise_is_skipped_with_a_notice(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    user = tmp_path / "config" / "exercises"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text('name = "Mine"\nkind = "breathng"\n', encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notice = str(app.screen.query_one("#notice").render())
        assert "mine.toml:2" in notice
        assert app.library.get("box-breathing") is not None


async def test_help_and_log_screens_open_and_close(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert bar.startswith(" esc Close") and "Start" not in bar  # the help's own keys
        await pilot.press("escape")
        await pilot.press("l")
        await settle(pilot)
        assert type(app.screen).__name__ == "LogScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_config_change_moves_the_schedule_without_a_restart(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    other = tmp_path / "other.csv"
    other.write_text("date,start,end\n2026-11-24,09:00,12:00\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    app.settings = replace(app.settings, config_path=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(app.tracker.plan.sessions) == 3
        config.write_text(f'schedule = "{other}"\nlabels = "full"\n', encoding="utf-8")
        app.check_files()
        await settle(pilot)
        assert len(app.tracker.plan.sessions) == 1
        assert app.labels == "full"
        config.write_text("labels = = 1\n", encoding="utf-8")
        import os

        os.utime(config, (1, 1))
        app.check_files()
        await settle(pilot)
        assert "config.toml:1" in str(app.screen.query_one("#notice").render())


async def test_the_log_comes_up_when_the_day_is_done(tmp_path: Path) -> None:
    from groundtui.config import Config, PlannerSettings

    config = Config(bell=False, notify=False, planner=PlannerSettings(closing=False))
    app, clock = make_app(tmp_path, at("11:50"), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await move(app, pilot, clock, 11 * 60)
        await settle(pilot)
        assert type(app.screen).__name__ == "LogScreen"


async def test_a_second_run_today_remembers_what_was_logged(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.tracker.offer(clock.now()).reset.id
        await pilot.press("x")
        await pilot.press("q")
    again, clock = make_app(tmp_path, at("09:55"))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        skipped = [i for i in again.tracker.items if i.reset.id == first and i.gap]
        assert skipped and skipped[0].status == "skipped"
        offer = again.tracker.offer(clock.now())
        assert offer is None or offer.reset.id != first
        await move(again, pilot, clock, 10 * 60)  # the gap passes: nothing logged twice
        await pilot.press("q")
    outcomes = [(r.exercise, r.outcome) for r in records(tmp_path)]
    assert outcomes.count((first, "skipped")) == 1
    assert (first, "missed") not in outcomes


async def test_narrow_pane_keeps_the_offer_keys_working(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        assert app.screen.narrow
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert {"space", "l", "question_mark", "q"} <= shown
        first = app.tracker.offer(clock.now())
        await pilot.press("x")
        assert first.status == "skipped"
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.narrow


async def test_a_reset_covered_by_the_palette_goes_on_and_ends(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, ResetScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await move(app, pilot, clock, 10 * 60)  # long past the end of the practice and gap
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert [r.outcome for r in records(tmp_path)] in (["done"], ["partial"])
    assert records(tmp_path)[0].ended_at <= at("10:00")


async def test_quitting_on_the_closing_cue_keeps_the_reset_done(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        assert isinstance(app.screen, ResetScreen) and app.screen.stage == "intro"
        await pilot.press("space")  # the intro is read
        seconds = app.screen.exercise.seconds
        await move(app, pilot, clock, seconds + 1)  # the practice is over: its closing cue
        assert isinstance(app.screen, ResetScreen) and app.screen.stage == "closing"
        await pilot.press("q")
    rows = records(tmp_path)
    assert [r.outcome for r in rows] == ["done"]
    assert rows[0].ended_at == at("09:54") + timedelta(seconds=seconds)


async def test_a_reset_running_at_midnight_is_still_logged(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("23:58"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_exercise("body-scan-5")
        assert isinstance(app.screen, ResetScreen)
        await move(app, pilot, clock, 150)  # past midnight: the day rolls over
        await settle(pilot)
        assert app.tracker.plan.date == date(2026, 11, 25)
        await pilot.press("q")
    store_rows = open_store(tmp_path / "data" / "log.sqlite3")
    try:
        rows = store_rows.records(DAY, date(2026, 11, 25))
    finally:
        store_rows.close()
    assert [r.outcome for r in rows] == ["partial"]
    assert rows[0].ended_at is not None


async def test_a_broken_config_is_named_on_the_first_screen(tmp_path: Path) -> None:
    built, _clock = make_app(tmp_path, at("09:10"))
    problem = "config.toml:1:8: expected true or false — running with default settings"
    app = GroundApp(replace(built.settings, config_problem=problem))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen) and len(app.screen_stack) == 1
        notice = app.screen.query_one("#notice")
        assert notice.display and "config.toml:1:8" in str(notice.render())


async def test_offer_keys_are_left_out_when_nothing_is_offered(tmp_path: Path) -> None:
    def lit(app: GroundApp) -> dict[str, bool]:
        bar = app.screen.query_one(KeyBar)
        return {hint.key: hint.enabled for hint in bar.read_hints()[0]}

    app, clock = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = lit(app)  # in session: only the keys that do something now
        assert not {"space", "d", "x", "n", "s"} & set(keys)
        assert keys["l"] and keys["question_mark"]
        await pilot.press("d")  # still answers, kindly
        await pilot.pause()
        assert app._notifications and "No reset is offered" in list(app._notifications)[-1].message
        await move(app, pilot, clock, 43 * 60)  # 09:53: the gap's reset is offered
        await pilot.pause()
        keys = lit(app)
        assert [keys[k] for k in ("space", "d", "x", "n", "s")] == [True] * 5


def test_quiet_wait_follows_what_the_screen_shows() -> None:
    from groundtui.ui.ticking import QUIET_TICK_SECONDS, quiet_wait

    now = at("09:10").replace(second=30)
    # in a session: the top bar's minute (30 s) or the next "N min left" step, at most 10 s
    assert quiet_wait(now, "session", at("09:50")) == QUIET_TICK_SECONDS
    assert quiet_wait(now, "session", now + timedelta(seconds=64)) == 4.0
    assert quiet_wait(now.replace(second=57), "session", at("09:50")) == 3.0
    assert quiet_wait(now, "session", now) is None  # the session is over: a gap is starting
    assert quiet_wait(now, "after", None) == QUIET_TICK_SECONDS
    assert quiet_wait(now, "gap", at("09:50")) is None  # offers come and go at any second
    # before the first session: whole minutes, then its last minute in seconds
    assert quiet_wait(now, "before", at("09:50")) == QUIET_TICK_SECONDS
    assert quiet_wait(now, "before", now + timedelta(seconds=64)) == 4.0
    assert quiet_wait(now, "before", now + timedelta(seconds=60)) is None


async def test_an_idle_session_ticks_seldom_and_a_gap_every_second(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app._schedule_tick()
        assert app.tick_wait > 5  # in session, nothing offered
        app.cancel_session()  # the first session is off: before the next, in whole minutes
        await pilot.pause()
        assert app.tick_wait > 5
        clock.advance(49 * 60 + 30)  # 09:59:30: the last minute before it counts seconds
        app.tick()
        app._schedule_tick()
        assert app.tick_wait == 1.0
        clock.advance(51 * 60)  # 10:50:30: a gap, whose offers come and go at any second
        app.tick()
        app._schedule_tick()
        assert app.tick_wait == 1.0


def test_the_keys_hint_breaks_between_keys_in_a_narrow_pane() -> None:
    from groundtui.ui.widgets.now_panel import START_HINT, fit_hint

    assert fit_hint(START_HINT, 80) == START_HINT
    lines = fit_hint(START_HINT, 46).splitlines()
    assert len(lines) == 2 and all(len(line) <= 46 for line in lines)
    assert " · ".join(lines) == START_HINT  # nothing lost, no key split from its word
