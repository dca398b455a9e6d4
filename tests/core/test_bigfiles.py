"""Big schedule files parsed in a child process while the app runs (``day.bigfiles``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.day import bigfiles
from groundtui.day.child import ChildFailed
from groundtui.errors import ScheduleError
from groundtui.schedule import sources
from groundtui.schedule.sources import open_source, parse_file

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
CHICAGO = ZoneInfo("America/Chicago")
DAY = date(2026, 11, 24)


@pytest.fixture
def every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(bigfiles, "BIG_BYTES", 1)
    stop = bigfiles.parse_in_child()
    yield
    stop()


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes((SAMPLES / name).read_bytes())
    return path


@pytest.mark.usefixtures("every_file_is_big")
@pytest.mark.parametrize("name", ["simplepractice_style.ics", "outlook_style.ics"])
def test_the_child_lists_the_sessions_the_process_would(tmp_path: Path, name: str) -> None:
    path = _copy(tmp_path, name)
    source = open_source(path)
    assert isinstance(source, bigfiles.ChildSource)
    here = parse_file(path)
    for offset in range(-25, 10):  # inside the span one child sends, and beyond it
        day = DAY + timedelta(days=offset)
        assert source.sessions_on(day, CHICAGO) == here.sessions_on(day, CHICAGO), day
    assert any(source.sessions_on(DAY, CHICAGO))


@pytest.mark.usefixtures("every_file_is_big")
def test_a_broken_big_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026112\nSUMMARY:Private Name\nEND:VEVENT\n"
        "END:VCALENDAR\n",
        encoding="utf-8",
    )
    with pytest.raises(ScheduleError) as here:
        parse_file(path).sessions_on(DAY, CHICAGO)
    with pytest.raises(ScheduleError) as child:
        open_source(path).sessions_on(DAY, CHICAGO)
    assert str(child.value) == str(here.value)
    assert child.value.line == here.value.line is not None
    assert "Private Name" not in str(child.value)


@pytest.mark.usefixtures("every_file_is_big")
def test_without_a_child_the_file_is_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path, "simplepractice_style.ics")

    def no_child(*args: object) -> object:
        raise ChildFailed("no child in this test")

    monkeypatch.setattr(bigfiles, "run_child", no_child)
    source = open_source(path)
    assert source.sessions_on(DAY, CHICAGO) == parse_file(path).sessions_on(DAY, CHICAGO)


def test_small_files_and_the_cli_parse_in_the_process(tmp_path: Path) -> None:
    path = _copy(tmp_path, "simplepractice_style.ics")
    assert not isinstance(open_source(path), bigfiles.ChildSource)  # no app: no child
    stop = bigfiles.parse_in_child()
    try:
        assert path.stat().st_size < bigfiles.BIG_BYTES
        path.write_bytes(path.read_bytes() + b"\n")  # a new version, read again
        assert not isinstance(open_source(path), bigfiles.ChildSource)
    finally:
        stop()


def test_stopping_forgets_the_child_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bigfiles, "BIG_BYTES", 1)
    path = _copy(tmp_path, "outlook_style.ics")
    stop = bigfiles.parse_in_child()
    assert isinstance(open_source(path), bigfiles.ChildSource)
    stop()
    stop()  # twice is once
    assert sources._big_file_opener is None
    assert not isinstance(open_source(path), bigfiles.ChildSource)


def _crowded_calendar(path: Path) -> None:
    """Over ``MAX_NEARBY`` one-off events on 2026-11-10 (14 days before DAY), one on DAY."""
    events = [
        f"BEGIN:VEVENT\nUID:x{i}\nDTSTART:20261110T{i // 60 % 24:02d}{i % 60:02d}00Z\n"
        f"DTEND:20261110T{i // 60 % 24:02d}{i % 60:02d}30Z\nSUMMARY:Private Name\nEND:VEVENT\n"
        for i in range(2100)
    ]
    events.append(
        "BEGIN:VEVENT\nUID:today\nDTSTART:20261124T150000Z\nDTEND:20261124T160000Z\n"
        "SUMMARY:Private Name\nEND:VEVENT\n"
    )
    path.write_text("BEGIN:VCALENDAR\n" + "".join(events) + "END:VCALENDAR\n", encoding="utf-8")


@pytest.mark.usefixtures("every_file_is_big")
def test_a_day_the_file_cannot_list_fails_alone(tmp_path: Path) -> None:
    """A crowded day in the span the child lists (two weeks back) fails only that day, as in
    the process: today's sessions still come, and the crowded day's error is the process's."""
    path = tmp_path / "crowded.ics"
    _crowded_calendar(path)
    here = parse_file(path)
    source = open_source(path)
    assert isinstance(source, bigfiles.ChildSource)
    assert source.sessions_on(DAY, CHICAGO) == here.sessions_on(DAY, CHICAGO)
    crowded = date(2026, 11, 10)
    with pytest.raises(ScheduleError) as in_process:
        here.sessions_on(crowded, CHICAGO)
    with pytest.raises(ScheduleError) as in_child:
        source.sessions_on(crowded, CHICAGO)
    assert str(in_child.value) == str(in_process.value)


def test_a_shut_down_app_leaves_no_child_parsing_and_parses_nothing_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app quits while its day worker waits on a child: the child is told to stop (and
    killed), and the file is not parsed in the process instead; a read after the quit starts
    no child at all."""
    monkeypatch.setattr(bigfiles, "BIG_BYTES", 1)
    path = _copy(tmp_path, "outlook_style.ics")
    stop = bigfiles.parse_in_child()
    source = open_source(path)
    assert isinstance(source, bigfiles.ChildSource)
    children: list[bool] = []

    def quit_mid_parse(
        module: str, request: object, seconds: float, cancelled: Callable[[], bool]
    ) -> object:
        assert not cancelled()
        stop()  # the app's shutdown, on the UI thread
        children.append(cancelled())
        raise ChildFailed("cancelled or timed out")

    def parsed_here(*args: object) -> object:
        raise AssertionError("parsed in the process after the app shut down")

    monkeypatch.setattr(bigfiles, "run_child", quit_mid_parse)
    monkeypatch.setattr(bigfiles.sources, "parse_file", parsed_here)
    with pytest.raises(ScheduleError, match="shut down"):
        source.sessions_on(DAY, CHICAGO)
    assert children == [True]  # run_child saw the cancel (it kills the child)
    with pytest.raises(ScheduleError, match="shut down"):
        source.sessions_on(DAY + timedelta(days=1), CHICAGO)
    assert children == [True]  # no second child
