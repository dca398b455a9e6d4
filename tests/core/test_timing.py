"""Timer accuracy (issue 9): phase changes land on their planned times, and nothing drifts.

The reset screen reads ``PracticeTimer.elapsed()`` on every tick and maps it through
``phase_at``; these tests drive exactly that with a manual clock and irregular ticks.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

import pytest

from groundtui.clock import ManualClock
from groundtui.exercises import Pattern, Phase, phase_at
from groundtui.ui.timing import PracticeTimer

T0 = datetime(2026, 11, 24, 9, 50, tzinfo=ZoneInfo("America/New_York"))
TOLERANCE = 0.050  # seconds

FOUR_SEVEN_EIGHT = Pattern(
    (Phase("inhale", 4.0), Phase("hold", 7.0), Phase("exhale", 8.0)), cycles=32
)  # 608 s
BOX = Pattern(
    (Phase("inhale", 4.0), Phase("hold", 4.0), Phase("exhale", 4.0), Phase("hold_after", 4.0)),
    cycles=38,
)  # 608 s
CYCLIC_SIGHING = Pattern(
    (Phase("inhale", 2.5), Phase("top_up", 0.7), Phase("exhale", 6.3)), cycles=64
)  # 608 s, with decimals


def planned_starts(pattern: Pattern) -> list[tuple[int, int, float]]:
    """(cycle, phase index, practice second it begins) for every phase, from the durations."""
    durations = [phase.seconds for _ in range(pattern.cycles) for phase in pattern.phases]
    starts = [0.0, *accumulate(durations)][:-1]
    keys = [(c + 1, i) for c in range(pattern.cycles) for i in range(len(pattern.phases))]
    return [(cycle, index, start) for (cycle, index), start in zip(keys, starts, strict=True)]


def run(
    pattern: Pattern,
    ticks: tuple[float, float],
    seed: int,
    pauses: dict[int, float] | None = None,
) -> tuple[list[tuple[int, int, float, datetime, datetime]], list[float]]:
    """Drive a timer like the screen does; record each phase change when a tick first sees it.

    Returns (cycle, index, began practice second, began wall time, wall time of the tick that
    saw it) per change, and the wall-clock pause offsets in force at each change.
    """
    rng = random.Random(seed)
    clock = ManualClock(T0)
    timer = PracticeTimer(clock, T0)
    pauses = pauses or {}
    seen: list[tuple[int, int, float, datetime, datetime]] = []
    paused_before: list[float] = []
    last: tuple[int, int] | None = None
    tick = 0
    while True:
        elapsed = timer.elapsed()
        state = phase_at(pattern, elapsed)
        if state.finished:
            break
        if (state.cycle, state.index) != last:
            last = (state.cycle, state.index)
            began = elapsed - state.phase_elapsed
            seen.append((state.cycle, state.index, began, timer.when(began), clock.now()))
            paused_before.append(timer.paused_seconds())
        tick += 1
        if tick in pauses:
            timer.pause()
            clock.advance(pauses[tick])
            timer.resume()
        clock.advance(rng.uniform(*ticks))
    return seen, paused_before


@pytest.mark.parametrize("pattern", [FOUR_SEVEN_EIGHT, BOX, CYCLIC_SIGHING], ids=str)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_phase_changes_land_on_planned_times_with_coarse_irregular_ticks(
    pattern: Pattern, seed: int
) -> None:
    pauses = {300: 12.345, 1500: 61.0}
    seen, paused_before = run(pattern, (0.03, 0.4), seed, pauses)
    planned = planned_starts(pattern)
    # every phase is seen, once, in order: ticks (<= 0.4 s) never skip a phase (>= 0.7 s)
    assert [(c, i) for c, i, *_ in seen] == [(c, i) for c, i, _ in planned]
    for (_, _, began, began_at, seen_at), (_, _, start), pause in zip(
        seen, planned, paused_before, strict=True
    ):
        assert abs(began - start) < TOLERANCE
        planned_at = T0 + timedelta(seconds=start + pause)
        assert abs((began_at - planned_at).total_seconds()) < TOLERANCE
        # and the tick that saw it came after it, by at most one tick
        assert timedelta(0) <= seen_at - began_at <= timedelta(seconds=0.4 + TOLERANCE)


@pytest.mark.parametrize("seed", [7, 8])
def test_with_fine_ticks_the_change_is_seen_within_50ms(seed: int) -> None:
    seen, paused_before = run(BOX, (0.005, 0.05), seed, {2000: 3.3})
    planned = planned_starts(BOX)
    assert len(seen) == len(planned)
    for (*_, seen_at), (_, _, start), pause in zip(seen, planned, paused_before, strict=True):
        lag = (seen_at - (T0 + timedelta(seconds=start + pause))).total_seconds()
        assert -1e-6 <= lag <= TOLERANCE


def test_no_drift_after_ten_minutes_of_irregular_ticks() -> None:
    rng = random.Random(42)
    clock = ManualClock(T0)
    timer = PracticeTimer(clock, T0)
    cycles_started = 0
    last_cycle = 0
    while clock.now() < T0 + timedelta(seconds=600):
        state = phase_at(BOX, timer.elapsed())
        if state.cycle != last_cycle:
            cycles_started += 1
            last_cycle = state.cycle
        clock.advance(
            min(rng.uniform(0.03, 0.4), (T0 + timedelta(seconds=600) - clock.now()).total_seconds())
        )
    # 600 s of 16 s cycles: 37 whole ones, the 38th half way, exactly
    assert timer.elapsed() == pytest.approx(600.0, abs=1e-6)
    state = phase_at(BOX, timer.elapsed())
    assert (state.cycle, state.index) == (38, 2)
    assert state.phase_elapsed == pytest.approx(0.0, abs=1e-6)
    assert cycles_started == 38


def test_pause_excludes_paused_time_and_when_dates_the_past() -> None:
    clock = ManualClock(T0)
    timer = PracticeTimer(clock, T0)
    clock.advance(10)
    timer.pause()
    clock.advance(30)
    assert timer.paused and timer.elapsed() == pytest.approx(10.0)
    assert timer.when(4.0) == T0 + timedelta(seconds=4)
    timer.resume()
    clock.advance(5)
    assert timer.elapsed() == pytest.approx(15.0)
    assert timer.paused_seconds() == pytest.approx(30.0)
    assert timer.when(15.0) == clock.now()
    assert timer.when(20.0) == clock.now() + timedelta(seconds=5)


def test_jump_moves_the_practice_and_keeps_counting_from_there() -> None:
    clock = ManualClock(T0)
    timer = PracticeTimer(clock, T0)
    clock.advance(25)
    timer.jump(40.0)
    assert timer.elapsed() == pytest.approx(40.0)
    clock.advance(2)
    assert timer.elapsed() == pytest.approx(42.0)
    timer.jump(0.0)
    assert timer.elapsed() == pytest.approx(0.0)
    timer.jump(-5.0)
    assert timer.elapsed() == 0.0
