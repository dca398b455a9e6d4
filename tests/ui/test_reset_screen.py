"""The guided reset screen, driven by a manual clock through Pilot."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from reset_apps import T0, ResetHost, body_scan, box_breathing, four_seven_eight, step_outside
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, ProgressBar, Static

from groundtui.clock import ManualClock
from groundtui.ui.screens.practice import (
    BREATHING_INTERVAL,
    CLOSING_SECONDS,
    REDUCED_MOTION_INTERVAL,
    STEPPED_INTERVAL,
    ResetResult,
    intro_seconds,
)
from groundtui.ui.screens.reset import ResetScreen
from groundtui.ui.widgets.checkin import CheckIn
from groundtui.ui.widgets.countdown import Countdown
from groundtui.ui.widgets.pacer import Orb, Pacer
from groundtui.ui.widgets.stepper import Stepper

SIZE = (50, 30)


def seconds(s: float) -> timedelta:
    return timedelta(seconds=s)


async def tick(app: ResetHost, pilot, advance: float = 0.0) -> None:
    """Move the manual clock, let the screen re-read it, and let messages settle."""
    app.clock.advance(advance)
    if isinstance(app.screen, ResetScreen):
        app.reset.refresh_from_clock()
    await pilot.pause()


async def test_breathing_runs_to_its_end_and_is_done() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))  # 32 s
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.reset.started_at == T0
        await tick(app, pilot, 31.9)
        assert app.results == []
        assert app.reset.stage == "running"
        await tick(app, pilot, 0.3)  # the tick lands 0.2 s after the end
    assert app.results == [ResetResult("done", T0, T0 + seconds(32), None, None)]


async def test_started_at_given_by_the_app_is_kept() -> None:
    start = T0 - seconds(3)
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), started_at=start)
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 29.5)
    assert app.results[0].started_at == start
    assert app.results[0].ended_at == start + seconds(32)


async def test_pause_then_resume_shifts_the_finish_by_the_paused_time() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 10)
        await pilot.press("space")
        assert app.reset.paused
        pacer = app.screen.query_one(Pacer)
        frozen = pacer.state
        await tick(app, pilot, 30)
        assert pacer.state == frozen  # nothing moves while paused
        assert "paused" in str(app.reset.query_one("#reset-left", Static).render())
        await pilot.press("space")
        assert not app.reset.paused
        await tick(app, pilot, 21.9)  # T0 + 61.9: 31.9 s of practice
        assert app.results == []
        await tick(app, pilot, 0.1)
    assert app.results == [ResetResult("done", T0, T0 + seconds(62), None, None)]


async def test_d_marks_it_done_now() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 7.5)
        await pilot.press("d")
        await pilot.pause()
    assert app.results == [ResetResult("done", T0, T0 + seconds(7.5), None, None)]


async def test_escape_asks_once_then_stops_it_partial() -> None:
    app = ResetHost(body_scan(), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 12)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [] and app.reset.stage == "running"
        status = str(app.reset.query_one("#reset-status").render())
        assert status == "esc again to stop (kept as partly done) · space goes on"
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [ResetResult("partial", T0, T0 + seconds(12), None, None)]


async def test_the_question_lapses_and_space_goes_on() -> None:
    app = ResetHost(body_scan(), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await tick(app, pilot, 7)  # the question lapses
        await pilot.press("escape")  # asks again
        await pilot.press("space")  # go on
        assert not app.reset.paused
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [] and app.reset.stage == "running"


async def test_q_asks_once_then_quits() -> None:
    app = ResetHost(body_scan(), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.reset.stage == "running"
        assert str(app.reset.query_one("#reset-status").render()).startswith(
            "q again to stop and quit"
        )
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(100, 30), (50, 30)])
async def test_the_intro_opens_every_reset_until_read_or_a_key(size: tuple[int, int]) -> None:
    exercise = replace(box_breathing(cycles=2), intro="If a hold feels strained, breathe normally.")
    app = ResetHost(exercise, ManualClock(T0), intro=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.reset
        assert screen.stage == "intro"
        intro = screen.query_one("#reset-intro")
        assert intro.display and intro.region.height >= 1
        assert "breathe normally" in str(intro.render())
        assert not screen.guide.display
        await tick(app, pilot, intro_seconds(exercise.intro) + 0.1)
        assert screen.stage == "running" and not intro.display
    again = ResetHost(exercise, ManualClock(T0), intro=True)
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert again.reset.stage == "running" and not again.reset.paused
        await tick(again, pilot, 32.5)
    assert again.results[0].outcome == "done"


async def test_deadline_passing_ends_it_partial_at_the_deadline() -> None:
    deadline = T0 + seconds(20)
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), deadline=deadline)
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 19.5)
        assert app.results == []
        await tick(app, pilot, 0.8)
    assert app.results == [ResetResult("partial", T0, deadline, None, None)]


async def test_a_deadline_already_past_ends_it_at_once() -> None:
    app = ResetHost(body_scan(), ManualClock(T0), deadline=T0 - seconds(1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ResetScreen)
    assert app.results == [ResetResult("partial", T0, T0, None, None)]


async def test_deadline_while_paused_still_ends_it() -> None:
    deadline = T0 + seconds(20)
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), deadline=deadline)
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 5)
        await pilot.press("space")
        await tick(app, pilot, 16)
    assert app.results == [ResetResult("partial", T0, deadline, None, None)]


async def test_finishing_before_a_deadline_in_the_same_tick_is_done() -> None:
    deadline = T0 + seconds(33)
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), deadline=deadline)
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 40)
    assert app.results == [ResetResult("done", T0, T0 + seconds(32), None, None)]


async def test_back_and_forward_move_between_steps_and_start_them_fresh() -> None:
    exercise = body_scan()  # four steps of 20 s
    app = ResetHost(exercise, ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        stepper = app.screen.query_one(Stepper)
        await tick(app, pilot, 25)
        assert stepper.state is not None and stepper.state.index == 1
        assert "step 2 of 4" in str(app.screen.query_one("#stepper-count", Static).render())
        await pilot.press("right")
        assert stepper.state.index == 2 and stepper.state.step_elapsed == 0.0
        assert exercise.steps[2].text in str(
            app.screen.query_one("#stepper-prompt", Static).render()
        )
        await tick(app, pilot, 3)
        await pilot.press("b")
        assert stepper.state.index == 1 and stepper.state.step_elapsed == 0.0
        await pilot.press("left", "left")
        assert stepper.state.index == 0 and stepper.state.step_elapsed == 0.0
        await pilot.press("f", "f", "f")
        assert stepper.state.index == 3
        await pilot.press("right")  # the last step has no next
        assert stepper.state.index == 3 and app.results == []
        await tick(app, pilot, 19.9)
        assert app.results == []
        await tick(app, pilot, 0.1)
    # 28 s in when it jumped to the last step's start (60 s): it ended 20 s later
    assert app.results == [ResetResult("done", T0, T0 + seconds(48), None, None)]


async def test_back_and_forward_do_nothing_while_breathing() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 5)
        before = app.reset.elapsed()
        await pilot.press("right", "left")
        assert app.reset.elapsed() == before
        assert not app.reset.check_action("forward", ())


async def test_checkin_before_and_after_are_captured() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), checkin=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        checkin = app.screen.query_one(CheckIn)
        assert app.reset.stage == "before" and checkin.display and checkin.has_focus
        assert not app.screen.query_one(Pacer).display
        await tick(app, pilot, 4)  # reading the question takes time; the practice waits
        await pilot.press("6")
        assert app.reset.stage == "running" and app.reset.before == 6
        assert app.reset.elapsed() == 0.0
        await tick(app, pilot, 32)
        assert app.reset.stage == "after" and checkin.display
        assert "now" in checkin.question
        await tick(app, pilot, 10)  # answering takes a while; the end time stays
        await pilot.press("3")
        await pilot.pause()
    assert app.results == [ResetResult("done", T0, T0 + seconds(36), 6, 3)]


async def test_checkin_plus_is_ten_and_enter_skips() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), checkin=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        assert app.reset.before == 10
        await tick(app, pilot, 5)
        await pilot.press("d")
        assert app.reset.stage == "after"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ResetResult("done", T0, T0 + seconds(5), 10, None)]


async def test_escape_on_the_checkin_skips_it_and_starts() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), checkin=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert app.reset.stage == "running" and app.reset.before is None
        await pilot.press("escape", "escape")
        await pilot.pause()
    assert app.results[0].outcome == "partial"


def test_checkin_rating_is_clamped() -> None:
    checkin = CheckIn()
    assert checkin.validate_rating(14) == 10
    assert checkin.validate_rating(-2) == 0
    assert checkin.validate_rating(None) is None


async def test_reduced_motion_has_no_animation_and_a_progress_bar() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0), reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 8)
        orb = app.screen.query_one(Orb)
        bar = app.screen.query_one("#pacer-progress", ProgressBar)
        assert not orb.display and orb.region.area == 0  # no moving picture at all
        assert bar.region.area > 0
        assert bar.progress == 8.0 and bar.total == 32.0
        assert app.reset._ticker_interval == REDUCED_MOTION_INTERVAL
        assert "Breathe out" in str(app.screen.query_one("#pacer-phase", Static).render())
        await pilot.press("m")  # motion back on
        assert orb.region.area > 0 and bar.region.area == 0
        assert app.reset._ticker_interval == BREATHING_INTERVAL


async def test_the_pacer_grows_on_the_inhale_and_shrinks_on_the_exhale() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        orb = app.screen.query_one(Orb)
        await tick(app, pilot, 0.5)
        small = orb.level
        await tick(app, pilot, 3.0)
        assert orb.level > small
        await tick(app, pilot, 2.0)  # hold: full
        assert orb.level == 1.0
        await tick(app, pilot, 4.0)  # exhale, 1.5 s in
        assert 0.0 < orb.level < 1.0
        await tick(app, pilot, 4.0)  # rest: empty
        assert orb.level == 0.0


async def test_only_the_needed_timer_runs() -> None:
    app = ResetHost(body_scan(), ManualClock(T0), deadline=T0 + seconds(600))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.reset
        assert screen._ticker_interval == STEPPED_INTERVAL
        await pilot.press("space")
        assert screen._ticker_interval == 1.0  # paused: only the deadline is watched
        await pilot.press("space")
        assert screen._ticker_interval == STEPPED_INTERVAL
        app.push_screen(Screen())
        await pilot.pause()
        assert screen._ticker is None  # not on top: no timer at all
        app.pop_screen()
        await pilot.pause()
        assert screen._ticker_interval == STEPPED_INTERVAL


async def test_paused_without_deadline_runs_no_timer() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.reset._ticker_interval == BREATHING_INTERVAL
        await pilot.press("space")
        assert app.reset._ticker is None


async def test_step_outside_counts_down_then_welcomes_back() -> None:
    app = ResetHost(step_outside(), ManualClock(T0))  # 120 s
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 45)
        assert str(app.screen.query_one(Digits).value) == "1:15"
        prompt = app.screen.query_one("#countdown-prompt", Static)
        assert "far away" in str(prompt.render())
        await tick(app, pilot, 75.5)
        assert app.results == []  # the closing cue stays a moment
        assert str(app.screen.query_one(Digits).value) == "0:00"
        assert "Welcome back." in str(prompt.render())
        await tick(app, pilot, CLOSING_SECONDS)
    assert app.results == [ResetResult("done", T0, T0 + seconds(120), None, None)]


async def test_escape_closes_the_closing_cue_as_done() -> None:
    app = ResetHost(step_outside(), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 125)
        assert app.reset.stage == "closing"
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [ResetResult("done", T0, T0 + seconds(120), None, None)]


async def test_enter_closes_the_closing_cue_sooner() -> None:
    app = ResetHost(box_breathing(cycles=1, closing="Welcome back."), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 16.5)
        closing = app.screen.query_one("#reset-closing", Static)
        assert app.reset.stage == "closing" and closing.display
        assert not app.screen.query_one("#reset-left").display  # no "0:41 left" once over
        assert not app.reset.check_action("stop", ()) and app.reset.check_action("close", ())
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ResetResult("done", T0, T0 + seconds(16), None, None)]


async def test_prompt_text_is_not_markup() -> None:
    exercise = body_scan()
    from dataclasses import replace

    from groundtui.exercises import Step

    exercise = replace(exercise, steps=(Step("Notice [bold]this[/bold] breath.", 30),), seconds=30)
    app = ResetHost(exercise, ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 1)
        prompt = app.screen.query_one("#stepper-prompt", Static)
        assert "[bold]this[/bold]" in str(prompt.render())


async def test_result_reports_partial_up_to_now_for_an_app_that_quits() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await tick(app, pilot, 9)
        assert app.reset.result() == ResetResult("partial", T0, T0 + seconds(9), None, None)


async def test_phase_changes_follow_the_clock_not_the_frames() -> None:
    """The screen's own pacer, over ten minutes of irregular ticks: every change on time."""
    import random

    rng = random.Random(9)
    seen: list[Message] = []
    exercise = four_seven_eight(cycles=32)  # 608 s
    app = ResetHost(exercise, ManualClock(T0))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        screen = app.reset
        ticks = 0
        while app.results == []:
            app.clock.advance(rng.uniform(0.03, 0.4))
            screen.refresh_from_clock()
            ticks += 1
            if ticks % 250 == 0:  # let messages and a frame through now and then
                await pilot.pause()
        await pilot.pause()
    # the hook sees a message at every pump it bubbles through: count each once
    changes = list({id(m): m for m in seen if isinstance(m, Pacer.PhaseChanged)}.values())
    assert exercise.pattern is not None
    durations = [p.seconds for p in exercise.pattern.phases] * exercise.pattern.cycles
    planned = [sum(durations[:i]) for i in range(len(durations))]
    assert len(changes) == len(planned)
    for change, start in zip(changes, planned, strict=True):
        assert abs(change.began - start) < 0.05
    assert changes[-1].state.cycle == 32
    assert app.results[0].ended_at == T0 + seconds(608)


async def test_stepper_and_countdown_post_their_messages() -> None:
    seen: list[Message] = []
    app = ResetHost(body_scan(), ManualClock(T0))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        for _ in range(9):
            await tick(app, pilot, 10)
    steps = {id(m): m for m in seen if isinstance(m, Stepper.StepChanged)}.values()
    assert [m.state.index for m in steps] == [0, 1, 2, 3]
    assert any(isinstance(m, Stepper.Finished) for m in seen)

    seen.clear()
    app = ResetHost(step_outside(), ManualClock(T0))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await tick(app, pilot, 121)
        assert any(isinstance(m, Countdown.Finished) for m in seen)
