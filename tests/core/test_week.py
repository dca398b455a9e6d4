"""The week: client, heavy and support sessions per day, the share, and what `plan` lists."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from planner_fixtures import NY, make_library

from groundtui.config import Config, ReflectSettings
from groundtui.planner import plan_day
from groundtui.reflect.selfcheck import SelfCheck
from groundtui.reflect.week import (
    SHARE_NOTE,
    build_week,
    day_share_warning,
    done_per_day,
    heavy_share,
)
from groundtui.schedule.model import Session

LIBRARY = make_library()
MON = date(2026, 11, 30)
CONFIG = Config()


def s(day: date, hhmm: str, minutes: int = 50, label: str | None = None, heavy: bool | None = None):
    start = datetime.combine(day, time.fromisoformat(hhmm), tzinfo=NY)
    return Session(start, start + timedelta(minutes=minutes), heavy=heavy, label=label)


def booked(day: date) -> list[Session]:
    """Mon–Fri, three client sessions a day (one heavy by flag, one by keyword); Tuesday has
    peer supervision and Thursday a case conference that mentions trauma."""
    if day.weekday() >= 5:
        return []
    out = [
        s(day, "09:00", heavy=True),
        s(day, "10:00", label="Intake J.D."),
        s(day, "11:00", label="M.R."),
    ]
    if day.weekday() == 1:
        out.append(s(day, "14:00", 90, "Peer supervision"))
    if day.weekday() == 3:
        out.append(s(day, "15:00", 60, "Case conference: trauma team"))
    return out


def test_a_week_with_support_sessions() -> None:
    checks = [
        SelfCheck(date(2026, 11, 27), (2, 1, 2, 1)),
        SelfCheck(date(2026, 12, 4), (1, 0, 2, 1)),
    ]
    week = build_week(date(2026, 12, 3), NY, CONFIG, LIBRARY, booked, done={MON: 2}, checks=checks)
    data = week.to_json()
    assert data["week_start"] == "2026-11-30" and data["week_end"] == "2026-12-06"
    assert data["timezone"] == "America/New_York"
    assert [d["sessions"] for d in data["days"]] == [3, 3, 3, 3, 3, 0, 0]
    assert [d["support"] for d in data["days"]] == [0, 1, 0, 1, 0, 0, 0]
    # the case conference mentions trauma: it stays support, never a heavy client session
    assert [d["heavy"] for d in data["days"]] == [2, 2, 2, 2, 2, 0, 0]
    assert data["sessions"] == 15 and data["heavy"] == 10
    assert data["heavy_share"] == 0.667 and data["heavy_share_limit"] == 0.5
    assert data["support_sessions"] == 2
    assert data["days"][0]["resets_done"] == 2
    assert data["self_check"] == {
        "date": "2026-12-04",
        "scores": {"intrusion": 1, "avoidance": 0, "mood": 2, "body": 1},
        "total": 4,
    }
    assert data["self_check_history"] == [{"week_start": "2026-11-23", "total": 6}]
    assert list(data) == [
        "week_start",
        "week_end",
        "timezone",
        "days",
        "sessions",
        "heavy",
        "heavy_share",
        "heavy_share_limit",
        "support_sessions",
        "self_check",
        "self_check_history",
    ]
    assert week.over_limit


def test_day_edits_come_in_through_one_call() -> None:
    """Persisted day edits (issue 15) plug in as ``edits``: here Monday's 09:00 is cancelled."""

    def cancel_monday_nine(day: date, sessions: list[Session]) -> list[Session]:
        return [x for x in sessions if not (day == MON and x.start.hour == 9)]

    week = build_week(MON, NY, CONFIG, LIBRARY, booked, edits=cancel_monday_nine)
    assert week.days[0].sessions == 2 and week.days[0].heavy == 1
    assert week.sessions == 14


def test_keywords_and_limit_come_from_config() -> None:
    config = Config(reflect=ReflectSettings(support_keywords=("intake",), heavy_share_limit=0.7))
    week = build_week(MON, NY, config, LIBRARY, booked)
    assert week.days[1].support == 1  # the intake; peer supervision is now a client session
    assert week.to_json()["heavy_share_limit"] == 0.7


def test_a_week_without_sessions_has_share_zero() -> None:
    week = build_week(MON, NY, CONFIG, LIBRARY, lambda d: [])
    assert week.heavy_share == 0 and not week.over_limit and week.self_check is None


def test_day_share_warning_leaves_support_out() -> None:
    day = [s(MON, "09:00", heavy=True), s(MON, "10:00"), s(MON, "11:00", label="Supervision")]
    kw = ReflectSettings().support_keywords
    assert day_share_warning(day, [True, False, True], kw, 0.5) is None  # 1 of 2 client
    text = day_share_warning(day, [True, True, False], kw, 0.5)
    assert text == "2 of 2 client sessions today are heavy (100%, above your 50%)"


def test_share_words() -> None:
    assert heavy_share(3, 0) == 0 and heavy_share(1, 4) == 0.25
    assert "rule of thumb" in SHARE_NOTE and "yours to set" in SHARE_NOTE


def test_done_per_day_counts_taken_as_status_does() -> None:
    from groundtui.timewords import resets_taken

    class R:
        def __init__(self, d: date, outcome: str) -> None:
            self.date, self.outcome = d, outcome

    mon = [R(MON, "done"), R(MON, "skipped"), R(MON, "done"), R(MON, "partial")]
    records = [*mon, R(date(2026, 12, 1), "missed")]
    assert done_per_day(records) == {MON: 3}  # partly done counts as taken
    assert done_per_day(records)[MON] == resets_taken(r.outcome for r in mon)  # as `status`


LABELS = st.sampled_from(
    [None, "A.B.", "Intake", "trauma follow-up", "Peer supervision", "Consultation", "peer group"]
)


@st.composite
def weeks(draw: st.DrawFn) -> dict[date, list[Session]]:
    out: dict[date, list[Session]] = {}
    for n in range(7):
        day = MON + timedelta(days=n)
        items = []
        for _ in range(draw(st.integers(0, 6))):
            minute = draw(st.integers(7 * 60, 19 * 60))
            length = draw(st.sampled_from([0, 30, 45, 50, 90]))
            start = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=NY)
            items.append(
                Session(start, start + timedelta(minutes=length), draw(st.booleans()), draw(LABELS))
            )
        out[day] = items
    return out


@settings(max_examples=40, deadline=None)
@given(weeks(), st.floats(0, 1))
def test_shares_stay_in_range_and_counts_add_up_to_plans(
    booked_days: dict[date, list[Session]], limit: float
) -> None:
    config = Config(reflect=ReflectSettings(heavy_share_limit=limit))
    week = build_week(MON, NY, config, LIBRARY, lambda d: booked_days[d])
    data = week.to_json()
    assert 0 <= data["heavy_share"] <= 1
    assert data["sessions"] == sum(d["sessions"] for d in data["days"])
    assert data["heavy"] == sum(d["heavy"] for d in data["days"])
    assert data["support_sessions"] == sum(d["support"] for d in data["days"])
    assert week.over_limit == (week.heavy_share > limit)
    for count in week.days:
        plan = plan_day(booked_days[count.date], LIBRARY, config.planner, count.date, NY)
        assert count.sessions + count.support == len(plan.sessions)
        assert count.heavy <= min(sum(plan.heavy), count.sessions)
        assert count.resets_offered == len(plan.planned)
