"""Heavy: the schedule's own flag wins, keywords match whole words, EHR service codes count;
EHR statuses of visits that did not happen are not sessions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from planner_fixtures import at, make_library

from groundtui.config import PlannerSettings
from groundtui.planner import is_heavy, plan_day
from groundtui.schedule.model import Session, not_held
from groundtui.schedule.sources import parse_file

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
REPORT = Path(__file__).parents[1] / "data" / "csv" / "ehr_report_codes.csv"
RULES = PlannerSettings()


def heavy(label: str | None = None, flag: bool | None = None, service: str | None = None) -> bool:
    s = Session(at("09:00"), at("09:50"), heavy=flag, label=label, service=service)
    return is_heavy(s, RULES.heavy_keywords, RULES.heavy_codes)


def test_an_explicit_heavy_false_wins_over_a_keyword() -> None:
    assert heavy("J.D. intake")
    assert not heavy("J.D. intake", flag=False)
    assert not heavy("Crisis", flag=False, service="90839 crisis")
    assert heavy("J.D.", flag=True)


@pytest.mark.parametrize(
    "label",
    ["Intake - M.R.", "INTAKE", "intakes", "Trauma (CPT)", "trauma work", "Crisis follow-up",
     "risk assessment", "EMDR", "Trauma-focused CBT", "crisis, J.", "re-intake", "Post-trauma"],
)  # fmt: skip
def test_heavy_keywords_match_whole_words(label: str) -> None:
    assert heavy(label)


@pytest.mark.parametrize(
    "label",
    ["Trauma-informed yoga group", "Crisis-free check", "pintake", "Reassessments due",
     "Trauma-sensitive care", "J.D.", ""],
)  # fmt: skip
def test_heavy_keywords_do_not_match_inside_other_words(label: str) -> None:
    assert not heavy(label)


def test_heavy_keywords_are_tunable() -> None:
    session = Session(at("09:00"), at("09:50"), label="Trauma-informed yoga group")
    assert is_heavy(session, ("trauma-informed",))
    assert not is_heavy(session, ())


@pytest.mark.parametrize("service", ["90791", "CPT 90839", "90840-95", "90792 Intake w/ med"])
def test_heavy_codes_in_the_service_text(service: str) -> None:
    assert heavy(service=service)


@pytest.mark.parametrize("service", ["90837", "907910", "90834 Psychotherapy"])
def test_other_codes_are_not_heavy(service: str) -> None:
    assert not heavy(service=service)


@pytest.mark.parametrize(
    "status",
    ["No Show", "No-Show", "no show", "NOSHOW", "Late Cancel", "Canceled", "CANCELLED",
     "Rescheduled", "Deleted", " late cancel. "],
)  # fmt: skip
def test_statuses_of_visits_that_did_not_happen(status: str) -> None:
    assert not_held(status)


@pytest.mark.parametrize(
    "status", ["Scheduled", "Confirmed", "Arrived", "Confirmed (no show last time)", ""]
)
def test_other_statuses_are_sessions(status: str) -> None:
    assert not not_held(status)


def test_an_ehr_report_with_codes_and_statuses() -> None:
    sessions = parse_file(REPORT).sessions_on(DAY, NY)
    spans = [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in sessions]
    # No Show, No-Show, Late Cancel, CANCELED, cancelled, Rescheduled, Deleted are left out
    assert spans == [
        "08:00-08:50",
        "09:00-09:53",
        "10:00-11:00",
        "11:00-11:30",
        "11:40-12:30",
        "12:40-13:30",
        "15:00-15:50",
        "16:00-16:50",
        "17:00-17:30",
    ]
    assert sessions[0].service == "90791 · Psychiatric Diagnostic Evaluation"
    plan = plan_day(sessions, make_library(), RULES, DAY, NY)
    assert plan.heavy == (True, False, True, True, False, True, False, False, False)


def test_the_service_text_never_reaches_the_plan_json() -> None:
    from groundtui.planner import plan_json

    sessions = parse_file(REPORT).sessions_on(DAY, NY)
    text = str(plan_json(plan_day(sessions, make_library(), RULES, DAY, NY)))
    assert "Psychiatric" not in text and "90791" not in text and "A. One" not in text
