"""iCalendar errors say what is wrong with which event: an event that does not recur is never
called recurring, the event's line is named where it can be found, and no message quotes a
SUMMARY or DESCRIPTION (not even an upper-case one, which looks like a rule word)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import load
from groundtui.schedule.sources import clear_cache

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
LABEL = "ZELDA QUIXOTE"
"""Upper case on purpose: it has the form of a recurrence rule's word."""


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def calendar(*events: list[str]) -> str:
    body = []
    for uid, lines in enumerate(events, start=1):
        body += ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{LABEL}", f"DESCRIPTION:{LABEL} notes"]
        body += [*lines, "END:VEVENT"]
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:t", *body, "END:VCALENDAR", ""])


def error_of(tmp_path: Path, text: str) -> ScheduleError:
    path = tmp_path / "cal.ics"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScheduleError) as caught:
        load(path, DAY, NY)
    message = str(caught.value)
    assert "\n" not in message
    for word in LABEL.split():
        assert word.lower() not in message.lower(), message
    return caught.value


ONE_OFF_PAST_9999 = {
    "duration": ["DTSTART:20261124T090000", "DURATION:P99999999D"],
    "start": ["DTSTART:99991231T230000", "DURATION:PT5H"],
}


@pytest.mark.parametrize("lines", ONE_OFF_PAST_9999.values(), ids=ONE_OFF_PAST_9999.keys())
def test_a_one_off_event_that_breaks_is_not_called_recurring(
    tmp_path: Path, lines: list[str]
) -> None:
    err = error_of(tmp_path, calendar(lines))
    assert not re.search(r"recur", str(err), re.IGNORECASE), str(err)
    assert "the event here" in str(err) and "9999" in str(err)
    assert err.line == 4  # its BEGIN:VEVENT


def test_the_event_at_fault_is_found_among_others(tmp_path: Path) -> None:
    fine = ["DTSTART:20261124T090000", "DTEND:20261124T095000"]
    err = error_of(tmp_path, calendar(fine, fine, ONE_OFF_PAST_9999["duration"]))
    assert err.line == 4 + 2 * 7  # the third event's BEGIN:VEVENT
    assert "recur" not in str(err)


def test_a_rule_that_matches_no_date_is_not_said_to_recur(tmp_path: Path) -> None:
    rule = ["DTSTART:20261124T090000", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"]
    err = error_of(tmp_path, calendar(rule))
    assert "never happens" in str(err) and "recur" not in str(err)
    assert err.line == 9  # the RRULE line


def test_a_bad_rule_of_a_recurring_event_is_named_by_its_rrule_line(tmp_path: Path) -> None:
    rule = ["DTSTART:20261124T090000", "RRULE:FREQ=WEEKLY;COUNT=-5"]
    err = error_of(tmp_path, calendar(rule))
    assert "bad RRULE 'FREQ=WEEKLY;COUNT=-5'" in str(err)
    assert err.line == 9


@pytest.mark.parametrize(
    "rule",
    [
        f"RRULE:FREQ=WEEKLY;COUNT=-5;X-NAME={LABEL.split()[0]}",
        f"RRULE:FREQ={LABEL.split()[0]}",
        f"RRULE:FREQ=WEEKLY;COUNT={LABEL.split()[1]}",
        f"RRULE:FREQ=WEEKLY;BYDAY={LABEL.split()[0]}",
        f"EXRULE:FREQ={LABEL.split()[1]}",
    ],
)
def test_an_upper_case_label_in_a_rule_is_never_quoted(tmp_path: Path, rule: str) -> None:
    error_of(tmp_path, calendar(["DTSTART:20261124T090000", rule]))


def test_a_rule_word_that_is_no_label_is_still_quoted(tmp_path: Path) -> None:
    err = error_of(tmp_path, calendar(["DTSTART:20261124T090000", "RRULE:FREQ=SOMETIMES"]))
    assert "SOMETIMES" in str(err)
