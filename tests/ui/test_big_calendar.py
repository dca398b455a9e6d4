"""A big calendar file is parsed in a child process while the app runs: the day is the same,
the app's own process never parses it, and an edit to the file is followed."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_factory import at, make_app, settle

from groundtui.day import bigfiles
from groundtui.schedule import ics, sources

CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
{events}END:VCALENDAR
"""
EVENT = """\
BEGIN:VEVENT
UID:{uid}@test
DTSTAMP:20261101T000000Z
DTSTART;TZID=America/New_York:20261124T{start}00
DTEND;TZID=America/New_York:20261124T{end}00
SUMMARY:Client {uid}
END:VEVENT
"""


def _calendar(times: list[tuple[str, str]]) -> str:
    events = "".join(EVENT.format(uid=i, start=s, end=e) for i, (s, e) in enumerate(times))
    return CALENDAR.format(events=events)


async def test_a_big_calendar_is_read_in_a_child_and_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bigfiles, "BIG_BYTES", 1)  # every file is big here

    def not_here(*args: object) -> object:
        raise AssertionError("the app's process parsed the calendar")

    monkeypatch.setattr(ics, "parse_ics", not_here)
    path = tmp_path / "calendar.ics"
    path.write_text(_calendar([("0900", "0950"), ("1000", "1050")]), encoding="utf-8")
    app, _ = make_app(tmp_path, at("09:10"), schedule=None, sources=(path,))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, rounds=3)
        assert app.tracker is not None
        assert [f"{s.start:%H:%M}" for s in app.tracker.plan.sessions] == ["09:00", "10:00"]
        assert sources._big_file_opener is not None
        path.write_text(
            _calendar([("0900", "0950"), ("1000", "1050"), ("1300", "1350")]), encoding="utf-8"
        )
        app.check_files()
        await settle(pilot, rounds=3)
        assert [f"{s.start:%H:%M}" for s in app.tracker.plan.sessions] == [
            "09:00",
            "10:00",
            "13:00",
        ]
    assert sources._big_file_opener is None  # the app is gone: the CLI parses in its process
