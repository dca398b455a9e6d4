"""A feed refresh read in a child process: the same day, labels back through the pipe only,
the copy on disk label-free, the address never on the child's command line."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from feed_server import LABELS, SECRET, FeedServer, calendar

from groundtui.config import Config
from groundtui.day import read_sessions
from groundtui.day.refresh import refresh_schedule
from groundtui.errors import ScheduleError
from groundtui.schedule.feeds import FeedURL, forget_feeds
from groundtui.schedule.sources import clear_cache

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 8, 57, tzinfo=NY)
LATER = datetime(2026, 11, 24, 9, 12, tzinfo=NY)


pytestmark = pytest.mark.usefixtures("fresh_feeds")


@pytest.fixture
def commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command lines and environments of the children started."""
    seen: list[list[str]] = []
    real = subprocess.Popen

    def spy(args: list[str], *rest: Any, **kw: Any) -> Any:
        seen.append([*args, *(kw.get("env") or {}).values()])  # its command line and env
        return real(args, *rest, **kw)

    monkeypatch.setattr(subprocess, "Popen", spy)
    return seen


def test_the_child_reads_the_day_as_the_process_would(
    server: FeedServer, commands: list[list[str]], tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    got = refresh_schedule((url,), DAY, NY, Config(), NOW)
    assert len(commands) == 1 and not any(SECRET in arg for arg in commands[0])
    assert [s.label for s in got.sessions] == list(LABELS)  # labels came back in memory
    assert got.calendar_at == NOW and got.warnings == ()
    for path in (tmp_path / "cache").rglob("*"):  # the copy the child wrote: no label
        if path.is_file():
            text = path.read_text()
            assert not any(label in text for label in LABELS) and SECRET not in text
    forget_feeds()
    clear_cache()
    here = read_sessions((url,), DAY, NY, Config(), now=NOW)
    assert [(s.start, s.end, s.label) for s in here.sessions] == [
        (s.start, s.end, s.label) for s in got.sessions
    ]
    assert here.stamp == got.stamp


def test_the_day_read_after_a_refresh_keeps_the_labels(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    refresh_schedule((url,), DAY, NY, Config(), NOW)
    again = read_sessions((url,), DAY, NY, Config(), fetch="missing", now=NOW)
    assert [s.label for s in again.sessions] == list(LABELS)
    other = read_sessions((url,), date(2026, 11, 25), NY, Config(), fetch="never", now=NOW)
    assert other.sessions == []  # another day: from the label-free copy


def test_a_304_keeps_the_parse_in_hand_and_a_failure_warns(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    first = refresh_schedule((url,), DAY, NY, Config(), NOW)
    second = refresh_schedule((url,), DAY, NY, Config(), LATER)
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert [s.label for s in second.sessions] == list(LABELS)
    assert second.stamp == first.stamp and second.calendar_at == LATER
    server.serve(status=500)
    failed = refresh_schedule((url,), DAY, NY, Config(), datetime(2026, 11, 24, 9, 30, tzinfo=NY))
    assert [s.label for s in failed.sessions] == list(LABELS)
    assert failed.warnings == (
        "127.0.0.1 unreachable since 09:30 (HTTP 500) — using the 09:12 copy",
    )


def test_a_feed_with_no_copy_that_fails_raises_its_one_line(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(status=500))
    with pytest.raises(ScheduleError) as err:
        refresh_schedule((url,), DAY, NY, Config(), NOW)
    assert "HTTP 500" in str(err.value) and SECRET not in str(err.value)
