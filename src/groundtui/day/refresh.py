"""A calendar feed refresh in a child process, so the download and the parse never hold the
UI process's GIL.

A 5,000-event feed takes a few hundred milliseconds to parse, and the garbage collections
that parse triggers ran in the app's worker thread with the GIL held: frames waited 150–280 ms
(benchmarks/bench_feeds.py). Here the app's worker starts ``python -m
groundtui.day.refresh``, hands it the request on stdin (the feed address is a secret: it
is never on a command line or in the environment) and reads the answer from its stdout. The
child does what a refresh in the process would (``open_feed`` with ``fetch="always"``: the
conditional GET, the label-free copy on disk, the warnings) and sends back only the day's
sessions, labels included, through the pipe: labels stay in memory, never on disk.

The parent keeps what the child read as the feed's live parse for that one day; another day
is read from the label-free copy until the next refresh reads the feed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from groundtui.day.child import STARTUP_SECONDS, ChildFailed, answer, run_child
from groundtui.errors import ScheduleError
from groundtui.schedule import feeds
from groundtui.schedule.feeds import FeedURL, open_feed
from groundtui.schedule.model import Session

if TYPE_CHECKING:
    from groundtui.config import Config
    from groundtui.schedule.combined import Schedule, ScheduleRead


@dataclass(frozen=True)
class DaySource:
    """A feed's sessions for the days a child process sent back (labels in memory only)."""

    path: Path
    by_day: dict[date, list[Session]]
    format: str = "feed"

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        if day not in self.by_day:
            raise ScheduleError(f"no sessions of this calendar feed in hand for {day}", self.path)
        return list(self.by_day[day])


class _Kept:
    """In the child: the parent's live parse, which the child does not have. A 304 or a failed
    read answers with it; the parent then uses its own."""

    path = Path("kept")
    format = "feed"

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:  # pragma: no cover
        raise AssertionError("the parent's parse is not in the child")


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None
    digest: str
    fetched_at: datetime


@dataclass(frozen=True)
class Request:
    urls: tuple[FeedURL, ...]
    day: date
    tz: tzinfo
    now: datetime
    config: Config
    cache_dir: Path
    kept: dict[str, Validators] = field(default_factory=dict)
    """Per feed key: the parent's live parse of ``day`` (for the conditional GET)."""


@dataclass(frozen=True)
class Reply:
    key: str
    error: tuple[str, str | None, int | None, int | None] | None = None
    """A ScheduleError's message, path, line, column (the feed has no copy to fall back on)."""
    sessions: list[Session] | None = None
    """The day's sessions; None: the parent's own parse is current (304, or a failed read)."""
    fetched_at: datetime | None = None
    warning: str | None = None
    stamp: str = ""
    live: Validators | None = None
    """The live parse after the refresh, as the child holds it."""


# --------------------------------------------------------------------------- the child


def serve(request: Request) -> list[Reply]:
    """Refresh every feed of ``request`` in this process; stop at the first that fails."""
    from groundtui.day.load import feed_options

    options = feed_options(request.config, fetch="always", labels=True, now=request.now)
    options = replace(options, cache_dir=request.cache_dir)
    with feeds._live_lock:
        for key, kept in request.kept.items():
            feeds._live[key] = feeds._Live(
                _Kept(),
                kept.digest,
                kept.fetched_at,
                kept.etag,
                kept.last_modified,
            )
    replies: list[Reply] = []
    for url in request.urls:
        try:
            got = open_feed(url, request.day, request.tz, options)
            sessions = None
            if not isinstance(got.source, _Kept):
                sessions = got.source.sessions_on(request.day, request.tz)
        except ScheduleError as err:
            replies.append(Reply(url.key, error=(err.message, err.path, err.line, err.col)))
            break
        with feeds._live_lock:
            live = feeds._live.get(url.key)
        validators = None
        if live is not None:
            validators = Validators(live.etag, live.last_modified, live.digest, live.fetched_at)
        replies.append(
            Reply(url.key, None, sessions, got.fetched_at, got.warning, got.stamp, validators)
        )
    return replies


def main() -> None:
    answer(serve)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the parent


def refresh_schedule(
    schedule: Schedule,
    day: date,
    tz: tzinfo,
    config: Config,
    now: datetime,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> ScheduleRead:
    """``read_sessions(schedule, day, tz, config, fetch="always", now=now)`` with the feeds read
    in a child process. Raises ``ChildFailed`` when the child gives no answer (the caller may
    read in the process instead) and the first broken source's ``ScheduleError``."""
    from groundtui import paths
    from groundtui.paths import modified_at
    from groundtui.schedule.combined import ScheduleRead, as_sources
    from groundtui.schedule.model import sort_sessions
    from groundtui.schedule.sources import open_source

    sources = as_sources(schedule)
    urls = tuple(s for s in sources if isinstance(s, FeedURL))
    lives: dict[str, feeds._Live] = {}
    with feeds._live_lock:
        for url in urls:
            live = feeds._live.get(url.key)
            if live is not None and live.covers(day, tz):
                lives[url.key] = live
    kept = {
        k: Validators(v.etag, v.last_modified, v.digest, v.fetched_at) for k, v in lives.items()
    }
    request = Request(urls, day, tz, now, config, paths.cache_dir(), kept)
    seconds = STARTUP_SECONDS + len(urls) * config.feeds.timeout_seconds
    replies = {r.key: r for r in _run_child(request, seconds, cancelled)}

    sessions: list[Session] = []
    warnings: list[str] = []
    stamp: list[object] = []
    fresh: list[datetime] = []
    for source in sources:
        if not isinstance(source, FeedURL):
            sessions.extend(open_source(source).sessions_on(day, tz))
            stamp.append(modified_at(source))
            continue
        reply = replies.get(source.key)
        if reply is None:
            raise ChildFailed("no answer for a feed")
        if reply.error is not None:
            raise ScheduleError(*reply.error)
        mine = lives.get(source.key)
        live = _install(source, reply, mine, day, tz)
        if reply.sessions is not None:
            sessions.extend(reply.sessions)
        elif live is not None:
            sessions.extend(live.source.sessions_on(day, tz))
        else:
            raise ChildFailed("the feed's parse is not in hand")
        if reply.warning:
            warnings.append(reply.warning)
        if reply.fetched_at is not None:
            fresh.append(reply.fetched_at)
        stamp.append(reply.stamp)
    return ScheduleRead(
        sort_sessions(sessions), tuple(warnings), min(fresh, default=None), tuple(stamp)
    )


def _install(
    url: FeedURL, reply: Reply, mine: feeds._Live | None, day: date, tz: tzinfo
) -> feeds._Live | None:
    """Keep what the child read as this process's live parse of the feed (for ``day``)."""
    got = reply.live
    if got is None:
        return mine
    if reply.sessions is None:
        if mine is None:
            return None
        live = replace(mine, fetched_at=got.fetched_at)
    else:
        source = DaySource(Path(url.host), {day: list(reply.sessions)})
        live = feeds._Live(
            source,
            got.digest,
            got.fetched_at,
            got.etag,
            got.last_modified,
            days=frozenset({day}),
            tz=tz,
        )
    with feeds._live_lock:
        feeds._live[url.key] = live
    return live


def _run_child(request: Request, seconds: float, cancelled: Callable[[], bool]) -> list[Reply]:
    replies = run_child("groundtui.day.refresh", request, seconds, cancelled)
    if not isinstance(replies, list):
        raise ChildFailed("unreadable answer")
    return replies


if __name__ == "__main__":  # run as a module: answer with the module's own classes
    from groundtui.day.refresh import main as _main

    _main()
