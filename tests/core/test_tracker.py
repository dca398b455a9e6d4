"""The day as it happens, driven by a manual clock: offers, outcomes and what is logged."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner_fixtures import DAY, NY, FakeLibrary, MemoryLog, at, clinic_day, session

from groundtui.clock import ManualClock
from groundtui.config import PlannerSettings
from groundtui.day import DayTracker, GapStarted, Missed, position
from groundtui.planner import plan_day
from groundtui.schedule.model import Session

SETTINGS = PlannerSettings()


def make(opened: str = "08:30", sessions: list | None = None) -> tuple[DayTracker, MemoryLog]:
    library = FakeLibrary()
    plan = plan_day(sessions or clinic_day(), library, SETTINGS, DAY, NY)
    log = MemoryLog()
    tracker = DayTracker(plan, log, opened_at=at(opened), library=library, settings=SETTINGS)
    return tracker, log


def test_position_follows_the_day() -> None:
    tracker, _ = make()
    assert position(tracker.plan, at("08:00")).state == "before"
    assert position(tracker.plan, at("09:10")).state == "session"
    assert position(tracker.plan, at("09:55")).state == "gap"
    assert position(tracker.plan, at("16:00")).state == "after"
    assert position(tracker.plan, at("09:55")).until == at("10:00")


def test_offer_start_and_finish_logs_done() -> None:
    tracker, log = make()
    now = at("09:53")
    item = tracker.offer(now)
    assert item is not None and item.gap is not None and item.gap.start == at("09:50")
    exercise = tracker.start(item, now)
    assert exercise.seconds <= (at("10:00") - now).total_seconds()
    assert log.outcomes() == [(exercise.id, "running")]
    tracker.finish(item, "done", now + timedelta(seconds=exercise.seconds), after=3, before=6)
    row = log.rows[1]
    assert (row["outcome"], row["before"], row["after"]) == ("done", 6, 3)
    assert tracker.offer(at("09:58")) is None or tracker.offer(at("09:58")).role == "arrive"


def test_skip_logs_skipped_and_the_offer_moves_on() -> None:
    tracker, log = make()
    item = tracker.offer(at("09:54"))
    assert item is not None
    tracker.skip(item, at("09:54"))
    assert log.outcomes() == [(item.reset.id, "skipped")]
    following = tracker.offer(at("09:54"))
    assert following is not item


def test_a_gap_passing_untouched_is_logged_missed_once() -> None:
    tracker, log = make()
    tracker.tick(at("09:55"))
    events = tracker.tick(at("10:01"))
    missed = [e for e in events if isinstance(e, Missed)]
    assert missed and all(m.item.role != "arrive" for m in missed)
    assert [o for _, o in log.outcomes()] == ["missed"] * len(missed)
    assert tracker.tick(at("10:02")) == []  # nothing logged twice
    assert len(log.rows) == len(missed)


def test_gap_start_signals_once_and_not_for_a_gap_under_way_at_open() -> None:
    tracker, _ = make(opened="09:52")
    assert not [e for e in tracker.tick(at("09:53")) if isinstance(e, GapStarted)]
    events = tracker.tick(at("10:51"))
    started = [e for e in events if isinstance(e, GapStarted)]
    assert len(started) == 1 and started[0].gap is not None
    assert started[0].gap.start == at("10:50")
    assert not [e for e in tracker.tick(at("10:52")) if isinstance(e, GapStarted)]


def test_gaps_before_the_app_opened_are_not_logged() -> None:
    tracker, log = make(opened="12:30")
    tracker.tick(at("12:31"))
    assert log.rows == {}


def test_snooze_hides_the_offer_for_two_minutes_once() -> None:
    tracker, _ = make()
    now = at("10:53")
    item = tracker.offer(now)
    assert item is not None
    assert tracker.snooze(item, now)
    assert tracker.offer(now + timedelta(seconds=60)) is None
    assert tracker.snoozed(now + timedelta(seconds=60)) is item
    later = now + timedelta(minutes=2)
    assert tracker.offer(later) is item
    assert not tracker.snooze(item, later)


def test_snoozed_offer_shrinks_to_what_is_left() -> None:
    tracker, _ = make()
    item = tracker.offer(at("10:53"))
    assert item is not None
    full = tracker.fitted(item, at("10:53")).seconds
    late = tracker.fitted(item, at("11:07")).seconds
    assert late < full
    assert late >= min(item.reset.exercise.min_seconds, item.reset.exercise.seconds)


def test_another_offers_a_different_exercise() -> None:
    tracker, _ = make()
    now = at("11:05")
    item = tracker.offer(now)
    assert item is not None
    first = item.reset.id
    assert tracker.another(item, now)
    assert item.reset.id != first


def test_running_late_replan_keeps_what_happened() -> None:
    tracker, _ = make()
    item = tracker.offer(at("09:52"))
    assert item is not None
    tracker.skip(item, at("09:52"))
    sessions = clinic_day()
    sessions[1] = session("10:00", "10:55", "Intake - M.R.", heavy=True)
    now = at("10:45")
    plan = plan_day(sessions, FakeLibrary(), SETTINGS, DAY, NY, now=now)
    tracker.replan(plan, now)
    assert any(i.status == "skipped" for i in tracker.items)
    offer = tracker.offer(at("10:56"))
    assert offer is not None and offer.gap is not None and offer.gap.start == at("10:55")


def test_history_from_an_earlier_run_is_not_offered_again() -> None:
    library = FakeLibrary()
    plan = plan_day(clinic_day(), library, SETTINGS, DAY, NY)
    first = plan.gaps[0].resets[0]

    class Record:
        gap_start = plan.gaps[0].start
        gap_end = plan.gaps[0].end
        exercise = first.id
        outcome = "done"

    tracker = DayTracker(plan, MemoryLog(), opened_at=at("09:51"), history=[Record()])
    offer = tracker.offer(at("09:53"))
    assert offer is None or offer.reset.id != first.id


def test_quit_logs_a_running_reset_partial() -> None:
    tracker, log = make()
    item = tracker.offer(at("09:53"))
    assert item is not None
    tracker.start(item, at("09:53"))
    tracker.quit(at("09:54"))
    assert log.outcomes()[-1][1] == "partial"


def test_mark_done_logs_done_with_planned_minutes() -> None:
    tracker, log = make()
    item = tracker.offer(at("09:55"))
    assert item is not None
    tracker.mark_done(item, at("09:58"))
    row = log.rows[1]
    assert row["outcome"] == "done"
    assert row["started_at"] >= at("09:50") and row["ended_at"] == at("09:58")


def test_closing_is_offered_after_the_last_session() -> None:
    tracker, _ = make()
    events = tracker.tick(at("15:36"))
    assert any(isinstance(e, GapStarted) and e.gap is None for e in events)
    item = tracker.offer(at("15:40"))
    assert item is not None and item.role == "closing"


def test_a_whole_day_on_a_manual_clock() -> None:
    """Every minute of the day: statuses only ever move forward, nothing logged twice."""
    tracker, log = make()
    clock = ManualClock(at("08:30"))
    done = 0
    while clock.now() < datetime(2026, 11, 24, 23, 0, tzinfo=NY):
        tracker.tick(clock.now())
        item = tracker.offer(clock.now())
        if item is not None and item.role in ("main", "outside", "long"):
            done += 1
            ex = tracker.start(item, clock.now())
            tracker.finish(item, "done", clock.now() + timedelta(seconds=ex.seconds))
        clock.advance(minutes=1)
    outcomes = [o for _, o in log.outcomes()]
    assert outcomes.count("done") == done >= 3
    assert "running" not in outcomes


def test_without_a_closing_the_end_of_the_day_is_signalled_once() -> None:
    library = FakeLibrary()
    settings = PlannerSettings(closing=False)
    plan = plan_day(clinic_day(), library, settings, DAY, NY)
    tracker = DayTracker(plan, MemoryLog(), opened_at=at("14:00"), settings=settings)
    events = tracker.tick(at("15:40"))
    assert [e for e in events if isinstance(e, GapStarted) and e.item is None and e.gap is None]
    assert not [e for e in tracker.tick(at("15:41")) if isinstance(e, GapStarted)]


def test_history_of_another_exercise_still_fills_its_slot() -> None:
    """After `n` the log names a different exercise: a restart must not offer the slot again."""
    library = FakeLibrary()
    plan = plan_day(clinic_day(), library, SETTINGS, DAY, NY)
    gap = plan.gaps[1]

    class Record:
        gap_start = gap.start
        gap_end = gap.end
        exercise = "boundary-reset"  # not what the plan offered there
        outcome = "done"

    log = MemoryLog()
    planned = plan.gaps[1].resets[0].id
    tracker = DayTracker(plan, log, opened_at=at("10:56"), library=library, history=[Record()])
    first = tracker.items_in(gap)[0]
    assert first.status == "done"
    assert first.reset.id == "boundary-reset" != planned  # the timeline names what was done
    tracker.tick(at("11:11"))
    assert all(r["exercise"] != planned for r in log.rows.values())


def test_an_overnight_gap_is_not_logged_missed() -> None:
    library = FakeLibrary()
    yesterday_late = Session(at("00:00") - timedelta(minutes=30), at("00:30"))
    sessions = [yesterday_late, session("09:00", "09:50")]
    plan = plan_day(sessions, library, SETTINGS, DAY, NY)
    log = MemoryLog()
    tracker = DayTracker(plan, log, opened_at=at("00:00"))
    tracker.tick(at("09:01"))
    assert log.rows == {}


def test_missed_and_skipped_rows_carry_their_slots_planned_start() -> None:
    tracker, log = make()
    item = tracker.offer(at("09:54"))
    assert item is not None
    tracker.skip(item, at("09:54"))
    tracker.tick(at("10:51"))
    tracker.tick(at("11:20"))  # the next gap passes by untouched
    rows = list(log.rows.values())
    skipped = next(r for r in rows if r["outcome"] == "skipped")
    assert skipped["slot_at"] == item.reset.start and skipped["started_at"] is None
    missed = [r for r in rows if r["outcome"] == "missed"]
    assert missed and all(r["started_at"] is None for r in missed)
    assert all(r["gap_start"] <= r["slot_at"] < r["gap_end"] for r in missed)
    assert any(r["slot_at"] != r["gap_start"] for r in missed)


def test_step_outside_started_late_still_leaves_a_minute_to_walk_back() -> None:
    from groundtui.planner.model import WALK_BACK_SECONDS

    tracker, _ = make()
    outside = next(i for i in tracker.items if i.reset.exercise.kind == "step_outside")
    assert outside.gap is not None
    cue = next(i for i in tracker.items_in(outside.gap) if i.role == "arrive")
    # started late: as late as still leaves room for its shortest form and the walk back
    least = outside.reset.exercise.shortest_seconds
    late = cue.reset.start - timedelta(seconds=least + WALK_BACK_SECONDS + 30)
    assert tracker.offer(late) is outside or outside.window_start > late
    seconds = tracker.available_seconds(outside, late)
    assert late + timedelta(seconds=seconds + WALK_BACK_SECONDS) <= cue.reset.start
    exercise = tracker.start(outside, late)
    assert late + timedelta(seconds=exercise.seconds + WALK_BACK_SECONDS) <= cue.reset.start
    # a breathing reset in the same place may still run right up to the cue
    other = next(i for i in tracker.items if i.reset.exercise.kind == "breathing" and i.gap)
    cue_other = next(i for i in tracker.items_in(other.gap) if i.role == "arrive")
    at_other = max(other.window_start, cue_other.reset.start - timedelta(seconds=200))
    assert at_other + timedelta(seconds=tracker.available_seconds(other, at_other)) == (
        cue_other.reset.start
    )
