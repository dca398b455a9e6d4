"""Calendar feeds, read from a local server: the GET, the copy, and falling back on it."""

from __future__ import annotations

import gzip
import json
import stat
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from feed_server import LABELS, SECRET, FeedServer, Route, calendar

from groundtui.config import Config
from groundtui.errors import ScheduleError
from groundtui.schedule.cache import copy_path, read_copy
from groundtui.schedule.feeds import (
    FeedError,
    FeedOptions,
    FeedURL,
    as_source,
    download,
    forget_feeds,
    open_feed,
)

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 8, 57, tzinfo=NY)
LATER = datetime(2026, 11, 24, 9, 12, tzinfo=NY)


pytestmark = pytest.mark.usefixtures("fresh_feeds")


def options(tmp_path: Path, now: datetime = NOW, **kw: object) -> FeedOptions:
    from groundtui.day import feed_options

    return FeedOptions(
        **{
            **feed_options(Config(), now=now).__dict__,
            "cache_dir": tmp_path / "cache",
            **kw,
        }
    )


def times(sessions: list) -> list[str]:
    return [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in sessions]


# --------------------------------------------------------------------------- addresses


def test_a_feed_address_shows_only_its_host() -> None:
    url = FeedURL.parse(f"webcal://calendar.example.org/feeds/{SECRET}/c.ics")
    assert url.secret.startswith("https://")  # webcal means https
    assert str(url) == "calendar.example.org"
    assert SECRET not in repr(url) and SECRET not in f"{url}" and SECRET not in url.key
    assert SECRET not in repr(Config(schedule=(url,)))


def test_sources_tell_feeds_from_files(tmp_path: Path) -> None:
    assert isinstance(as_source("https://h.example/x.ics"), FeedURL)
    assert isinstance(as_source("HTTP://h.example/x.ics"), FeedURL)
    assert as_source("cal.ics", tmp_path) == tmp_path / "cal.ics"
    with pytest.raises(ScheduleError, match="needs a host"):
        FeedURL.parse("https:///no-host")


# --------------------------------------------------------------------------- the GET


def test_etag_and_last_modified_give_a_conditional_get(server: FeedServer) -> None:
    url = FeedURL.parse(
        server.serve(body=calendar(), etag='"v1"', last_modified="Tue, 24 Nov 2026 13:00:00 GMT")
    )
    first = download(url)
    assert first.body == calendar() and first.etag == '"v1"'
    again = download(url, etag=first.etag, last_modified=first.last_modified)
    assert again.body is None  # 304: nothing downloaded
    sent = server.requests[-1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 24 Nov 2026 13:00:00 GMT"
    assert "gzip" in sent["Accept-Encoding"]


def test_gzip_is_accepted(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), gzip=True))
    assert download(url).body == calendar()


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 500}, "HTTP 500"),
        ({"status": 404}, "HTTP 404"),
        ({"status": 302, "location": "file:///etc/passwd"}, "not http or https"),
        ({"status": 301, "location": "ftp://files.example/cal.ics"}, "not http or https"),
        ({"body": calendar(), "cut_at": 200}, "cut off"),
        ({"body": calendar(), "gzip": True, "cut_at": 60}, "cut off"),
    ],
)
def test_failures_are_one_line_with_the_host_only(
    server: FeedServer, route: dict, reason: str
) -> None:
    url = FeedURL.parse(server.serve(**route))
    with pytest.raises(FeedError) as caught:
        download(url)
    message = str(caught.value)
    assert reason in message and message.startswith("127.0.0.1: ")
    assert SECRET not in message and "\n" not in message
    err = caught.value  # no chained library error (its text quotes the address)
    assert err.__cause__ is None and (err.__context__ is None or err.__suppress_context__)


def test_a_redirect_to_http_is_followed(server: FeedServer) -> None:
    target = server.serve("/moved.ics", body=calendar())
    url = FeedURL.parse(server.serve(status=302, location=target))
    assert download(url).body == calendar()


def test_a_slow_server_is_given_up_on_at_the_timeout(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), slow=True))
    with pytest.raises(FeedError, match=r"no complete answer within 0\.2 s"):
        download(url, timeout=0.2)


def test_a_body_that_stalls_midway_is_given_up_on_at_the_timeout(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar() * 20, slow_body=True))
    with pytest.raises(FeedError, match="no complete answer within"):
        download(url, timeout=0.2)


@pytest.mark.parametrize(
    "route",
    [
        {"body": calendar() * 100},  # Content-Length says it at once
        {"body": calendar() * 100, "length": False},  # only streaming finds out
        {"body": b"\0" * 5_000_000, "gzip": True},  # 5 KB on the wire, 5 MB decoded
    ],
)
def test_an_oversized_body_is_stopped_at_the_cap(server: FeedServer, route: dict) -> None:
    url = FeedURL.parse(server.serve(**route))
    with pytest.raises(FeedError, match="larger than"):
        download(url, max_bytes=20_000)


def test_proxy_variables_are_honoured(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["*"] = Route(body=calendar())
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.port}")
    url = FeedURL.parse(f"http://calendar.invalid/{SECRET}/feed.ics")  # resolvable only by proxy
    assert download(url).body == calendar()
    assert server.requests[-1].path == url.secret  # the proxy was asked for the absolute URL


def test_a_server_that_is_gone_is_connection_refused(server: FeedServer) -> None:
    url = FeedURL.parse(server.serve(body=calendar()))
    server.stop()
    with pytest.raises(FeedError, match="connection refused"):
        download(url)


# --------------------------------------------------------------------------- the copy


def test_a_feed_reads_like_the_same_file(server: FeedServer, tmp_path: Path) -> None:
    from groundtui.schedule.sources import open_source

    for sample in ("simplepractice_style.ics", "outlook_style.ics"):
        data = (Path(__file__).parents[1] / "data" / "samples" / sample).read_bytes()
        url = FeedURL.parse(server.serve(f"/{sample}", body=data))
        got = open_feed(url, DAY, NY, options(tmp_path))
        (tmp_path / sample).write_bytes(data)
        for day in (DAY, date(2026, 11, 25), date(2026, 12, 1)):
            from_file = open_source(tmp_path / sample).sessions_on(day, NY)
            from_feed = got.source.sessions_on(day, NY)
            assert [(s.start, s.end, s.label) for s in from_feed] == [
                (s.start, s.end, s.label) for s in from_file
            ]


def test_the_copy_is_label_free_private_and_named_by_a_hash(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    got = open_feed(url, DAY, NY, options(tmp_path))
    assert got.warning is None and got.fetched_at == NOW
    assert [s.label for s in got.source.sessions_on(DAY, NY)] == list(LABELS)  # in memory
    path = copy_path(tmp_path / "cache", url.key)
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files == [path]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    for secret in (SECRET, *LABELS, "Jane", "Quietname", "Keeper", "555-0100", "feed.ics"):
        assert secret not in text and secret not in str(path)
    copy = read_copy(path)
    assert copy is not None and copy.covers(DAY)
    on_day = [s for s in copy.sessions if s.start.astimezone(NY).date() == DAY]
    assert [(s.heavy, s.support) for s in on_day] == [(True, False), (False, True), (False, False)]
    assert json.loads(text)["etag"] == '"v1"'


def test_offline_the_last_good_copy_plans_with_one_warning(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar()))
    open_feed(url, DAY, NY, options(tmp_path))
    forget_feeds()  # a new process: only the copy on disk is left
    server.serve(status=500)
    got = open_feed(url, DAY, NY, options(tmp_path, LATER))
    assert got.warning == "127.0.0.1 unreachable since 09:12 (HTTP 500) — using the 08:57 copy"
    sessions = got.source.sessions_on(DAY, NY)
    assert times(sessions) == ["09:00-09:50", "10:00-10:50", "11:10-12:00"]
    assert [s.heavy for s in sessions] == [True, False, False]
    assert all(s.label is None for s in sessions)
    # status reads the same copy without asking the network, and says the same
    before = len(server.requests)
    later = open_feed(url, DAY, NY, options(tmp_path, LATER, fetch="never"))
    assert later.warning == got.warning and len(server.requests) == before


def test_a_failure_keeps_its_first_time_and_a_good_read_clears_it(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar()))
    open_feed(url, DAY, NY, options(tmp_path))
    server.serve(status=503)
    open_feed(url, DAY, NY, options(tmp_path, LATER))
    third = open_feed(url, DAY, NY, options(tmp_path, datetime(2026, 11, 24, 9, 40, tzinfo=NY)))
    assert third.warning is not None and "since 09:12" in third.warning  # still the first failure
    server.serve(body=calendar(cancel_second=True))
    good = open_feed(url, DAY, NY, options(tmp_path, datetime(2026, 11, 24, 9, 45, tzinfo=NY)))
    assert good.warning is None
    assert times(good.source.sessions_on(DAY, NY)) == ["09:00-09:50", "11:10-12:00"]


def test_a_body_cut_off_mid_event_falls_back_on_the_copy(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar()))
    open_feed(url, DAY, NY, options(tmp_path))
    body = calendar()
    server.serve(body=body[: body.index(b"SUMMARY:Alice")], length=False)  # ends mid-event
    got = open_feed(url, DAY, NY, options(tmp_path, LATER))
    assert got.warning is not None and "damaged calendar" in got.warning
    assert "cut off" in got.warning and SECRET not in got.warning
    assert len(got.source.sessions_on(DAY, NY)) == 3


def test_without_a_copy_a_failure_is_the_error(server: FeedServer, tmp_path: Path) -> None:
    url = FeedURL.parse(server.serve(status=500))
    with pytest.raises(FeedError, match="HTTP 500; there is no saved copy of it yet"):
        open_feed(url, DAY, NY, options(tmp_path))
    with pytest.raises(FeedError, match="no saved copy"):
        open_feed(url, DAY, NY, options(tmp_path, fetch="never"))
    assert server.requests and all(SECRET in r.path for r in server.requests)


def test_the_app_refresh_asks_with_the_etag_and_keeps_the_labels(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    first = open_feed(url, DAY, NY, options(tmp_path))
    again = open_feed(url, DAY, NY, options(tmp_path, LATER))
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert again.stamp == first.stamp and again.fetched_at == LATER
    assert [s.label for s in again.source.sessions_on(DAY, NY)] == list(LABELS)


def test_a_new_process_without_labels_asks_with_the_saved_etag(
    server: FeedServer, tmp_path: Path
) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    open_feed(url, DAY, NY, options(tmp_path))
    forget_feeds()
    got = open_feed(url, DAY, NY, options(tmp_path, LATER, labels=False))
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert len(got.source.sessions_on(DAY, NY)) == 3
    forget_feeds()
    open_feed(url, DAY, NY, options(tmp_path, LATER))  # labels wanted: the whole feed again
    assert "If-None-Match" not in server.requests[-1].headers


def test_a_gzip_bomb_is_not_written_anywhere(server: FeedServer, tmp_path: Path) -> None:
    url = FeedURL.parse(server.serve(body=b"\0" * 3_000_000, gzip=True))
    assert len(gzip.compress(b"\0" * 3_000_000)) < 10_000
    with pytest.raises(FeedError, match="larger than"):
        open_feed(url, DAY, NY, options(tmp_path, max_bytes=1_000_000))
    assert not (tmp_path / "cache").exists()
