"""The day's rules (``DaySession``) without the app: a manual clock drives a whole day."""

from __future__ import annotations

from datetime import date, timedelta

from planner_fixtures import DAY, NY, FakeLibrary, MemoryLog, at, clinic_day

from groundtui.clock import ManualClock
from groundtui.config import PlannerSettings
from groundtui.day import DayData, DaySession, NewDay, Reply, Start, position
from groundtui.day.session import NO_OFFER
from groundtui.planner import plan_day
from groundtui.status import day_status

SETTINGS = PlannerSettings()


def data(day: date = DAY, sessions: list | None = None, history: tuple = ()) -> DayData:
    library = FakeLibrary()
    plan = plan_day(clinic_day() if sessions is None else sessions, library, SETTINGS, day, NY)
    return DayData(plan, library, history)  # type: ignore[arg-type]


def open_day(when: str = "08:30") -> tuple[DaySession, ManualClock, MemoryLog]:
    clock = ManualClock(at(when))
    log = MemoryLog()
    return DaySession(data(), log, clock, SETTINGS), clock, log  # type: ignore[arg-type]


def test_a_whole_day_runs_on_a_manual_clock() -> None:
    day, clock, log = open_day()
    replies: list[Reply | NewDay] = []
    while clock.now() < at("23:59"):
        clock.advance(minutes=1)
        replies += day.tick()
    titles = [r.title for r in replies if isinstance(r, Reply) and r.signal]
    assert titles.count("Session over") == 4  # 09:50, 10:50, 12:00, 14:40 (13:50 is touching)
    assert titles[-1] == "Day done"
    passed = [r.text for r in replies if isinstance(r, Reply) and "passed by" in r.text]
    assert passed and all(outcome == "missed" for _, outcome in log.outcomes())
    assert len(log.outcomes()) == len(passed)
    assert not any(isinstance(r, NewDay) for r in replies)


def test_midnight_asks_for_the_next_day() -> None:
    day, clock, _ = open_day("23:50")
    clock.set(at("00:00:30", DAY + timedelta(days=1)))
    assert day.tick() == [NewDay(DAY + timedelta(days=1))]
    assert day.day == DAY + timedelta(days=1)
    assert day.tick() == []  # asked once, while the new day is read


def test_the_keys_say_so_when_nothing_is_offered() -> None:
    day, _, log = open_day("09:10")  # in session
    assert day.mark_done() == NO_OFFER
    assert day.skip() == NO_OFFER
    assert day.another() == NO_OFFER
    assert day.snooze() == NO_OFFER
    assert day.start() == Reply("Nothing to start right now.")
    assert log.outcomes() == []


def test_mark_done_logs_the_offer_as_done() -> None:
    day, _, log = open_day("09:55")
    offer = day.offer()
    assert offer is not None
    reply = day.mark_done()
    assert reply.text == f"{offer.reset.exercise.name}: marked done." and not reply.open_log
    assert log.outcomes() == [(offer.reset.id, "done")]


def test_skip_declines_the_offer() -> None:
    day, _, log = open_day("09:55")
    offer = day.offer()
    assert offer is not None
    assert day.skip().text == "Skipped. The time is still yours."
    assert log.outcomes() == [(offer.reset.id, "skipped")]
    assert day.offer() is not offer


def test_another_offers_a_different_exercise() -> None:
    day, _, _ = open_day("09:55")
    first = day.offer()
    assert first is not None
    first_id = first.reset.id
    assert day.another() == Reply(toast=False)
    second = day.offer()
    assert second is not None and second.reset.id != first_id


def test_snooze_works_once() -> None:
    day, clock, _ = open_day("09:55")
    assert day.snooze().text == "Snoozed for 2 minutes."
    assert day.tracker.offer(clock.now()) is None
    assert day.offer() is not None  # the snoozed offer is still what the keys act on
    assert day.snooze().text.startswith("Already snoozed once")


def test_start_and_finish_log_the_reset() -> None:
    day, clock, log = open_day("09:55")
    started = day.start()
    assert isinstance(started, Start)
    assert started.deadline == at("10:00") and started.started_at == at("09:55")
    assert day.start() is None  # one at a time
    assert day.start_exercise(started.exercise.id) == Reply("A reset is already under way.")
    clock.advance(minutes=2)
    reply = day.finish(started.item, "done", clock.now())
    assert reply.text.endswith(": done.") and not reply.open_log
    assert log.outcomes() == [(started.exercise.id, "done")]


def test_the_closing_reflection_ends_with_the_log() -> None:
    day, clock, _ = open_day("15:50")
    started = day.start()
    assert isinstance(started, Start) and started.item.role == "closing"
    assert started.deadline is None
    assert day.finish(started.item, "partial", clock.now()) == Reply(
        toast=False, open_log=True, closing_over=True
    )


def test_running_late_moves_the_session_end() -> None:
    day, clock, _ = open_day("09:30")
    text = day.running_late(5).text
    assert text == "This session runs 5 min late (to 09:55); the gap is re-planned."
    assert day.plan.sessions[0].end == at("09:55")
    clock.set(at("09:56"))  # the notes time after it: still that session
    day.running_late(5)
    assert day.plan.sessions[0].end == at("10:00")
    clock.set(at("12:30"))  # a long gap, well after its notes time
    assert day.running_late(5) == Reply("Not in a session right now.")


def test_cancel_takes_the_current_or_next_session() -> None:
    day, clock, _ = open_day("08:30")
    assert day.cancel().text == "Session at 09:00 cancelled for today."
    assert day.plan.sessions[0].start == at("10:00")
    assert day.cancel(at("14:45")).text == "Session at 14:45 cancelled for today."
    assert len(day.plan.sessions) == 4
    clock.set(at("16:00"))
    assert day.cancel() == Reply("No session left to cancel.")
    assert [s.start for s in day.sessions_ahead()] == []


def test_add_books_a_session_from_this_minute() -> None:
    day, _, _ = open_day("12:10:40")
    assert day.add(20).text == "Added a 20-minute session at 12:10."
    assert position(day.plan, at("12:20")).state == "session"


def test_a_new_day_keeps_a_reset_under_way_at_midnight() -> None:
    day, _, _ = open_day("09:55")
    started = day.start()
    assert isinstance(started, Start)
    day.running_late(5)
    day.load(data(DAY + timedelta(days=1)))
    assert day.running() is started.item  # still finished and logged
    assert day.edits.late == {}  # edits are for one day


def test_a_reload_keeps_the_edits() -> None:
    day, _, _ = open_day("09:30")
    day.running_late(10)
    day.load(data())
    assert day.plan.sessions[0].end == at("10:00")


def test_new_settings_replan_the_rest_of_the_day() -> None:
    day, _, _ = open_day("08:30")
    assert day.plan.closing is not None
    day.apply_settings(PlannerSettings(closing=False))
    assert day.plan.closing is None


def test_status_and_app_agree_where_now_is() -> None:
    day, clock, _ = open_day("08:30")
    words = {"after": "done"}
    for hhmm in ("08:30", "09:10", "09:55", "13:50", "16:00"):
        clock.set(at(hhmm))
        here = position(day.plan, clock.now()).state
        assert day_status(day.plan, clock.now()).state == words.get(here, here)


def test_a_gap_that_opens_with_breaths_says_they_come_before_the_note() -> None:
    """The first cue of a gap is the breaths before the note: the signal says so, and never
    'when your note is done' for them."""
    from planner_fixtures import make_library

    library = FakeLibrary(make_library(cues=True))
    plan = plan_day(clinic_day(), library, SETTINGS, DAY, NY)
    clock = ManualClock(at("09:49"))
    day = DaySession(DayData(plan, library, ()), MemoryLog(), clock, SETTINGS)  # type: ignore[arg-type]
    clock.advance(minutes=1)
    signals = [r for r in day.tick() if isinstance(r, Reply) and r.signal]
    assert [r.title for r in signals] == ["Session over"]
    assert signals[0].text.startswith("Before you write the note:")


def changeover_day(when: str, sound: str = "ends") -> tuple[DaySession, ManualClock]:
    """The clinic day with the bundled cues: 13:00–13:50 and 13:50–14:40 touch at 13:50."""
    from planner_fixtures import make_library

    library = FakeLibrary(make_library(cues=True))
    plan = plan_day(clinic_day(), library, SETTINGS, DAY, NY)
    assert [c.at for c in plan.changeovers] == [at("13:50")]
    clock = ManualClock(at(when))
    log = MemoryLog()
    day = DaySession(DayData(plan, library, ()), log, clock, SETTINGS, sound=sound)  # type: ignore[arg-type]
    return day, clock


def changeover_replies(replies: list[Reply | NewDay]) -> list[Reply]:
    return [r for r in replies if isinstance(r, Reply) and r.title == "Changeover"]


def test_a_changeover_the_clock_passes_is_cued_once_with_the_bell() -> None:
    day, clock = changeover_day("13:49:30")
    replies: list[Reply | NewDay] = []
    for _ in range(90):  # 13:49:30 to 13:51, a tick a second
        clock.advance(seconds=1)
        replies += day.tick()
    cues = changeover_replies(replies)
    assert len(cues) == 1
    assert cues[0].signal and cues[0].toast
    assert cues[0].text == "Three breaths before the next session."
    # the clock set back over it (a re-plan, a test clock): still never twice
    clock.set(at("13:49:59"))
    day.tick()
    clock.set(at("13:50:01"))
    assert changeover_replies(day.tick()) == []
    assert not any(r.signal for r in replies if isinstance(r, Reply) and r is not cues[0])


def test_a_changeover_with_sound_off_is_a_toast_without_the_bell() -> None:
    day, clock = changeover_day("13:49:55", sound="off")
    clock.set(at("13:50:01"))
    cues = changeover_replies(day.tick())
    assert len(cues) == 1 and not cues[0].signal and cues[0].toast


def test_a_changeover_not_seen_happen_gets_no_cue() -> None:
    """Opened during the cue, or long after it: the app was not there as it began. A laptop
    that wakes after the cue's 20 s gets none either."""
    during, clock = changeover_day("13:50:05")
    clock.advance(seconds=1)
    assert changeover_replies(during.tick()) == []
    later, clock = changeover_day("15:00")
    clock.advance(seconds=1)
    assert changeover_replies(later.tick()) == []
    asleep, clock = changeover_day("13:49")
    clock.set(at("13:50:30"))
    assert changeover_replies(asleep.tick()) == []
    clock.set(at("13:50:05"))  # and the clock going back never brings it back
    assert changeover_replies(asleep.tick()) == []
