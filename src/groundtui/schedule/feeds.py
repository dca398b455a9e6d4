"""Calendar feeds: an ``http(s)://`` or ``webcal://`` address as a schedule source.

A feed address is a secret (it works without a password), so it lives in a ``FeedURL`` whose
``str()`` and ``repr()`` show its host only, and every failure is mapped to a message of our own
that names the host and the reason, never the address (the HTTP library's messages quote it).

The download (``schedule.download``) is one GET with the standard library. Measured against
httpx for this one request (benchmarks/bench_feeds.py ``--imports``): ``urllib.request`` plus a
TLS context load in about 60 ms, httpx plus a client in about 150 ms and five more packages; what
httpx adds here (gzip decoding, refusing non-http redirects) is a few lines there, and what
neither gives (a deadline for the whole download, not per read) has to be written for both. So:

- a conditional GET (``If-None-Match`` / ``If-Modified-Since``; a 304 keeps the copy in hand);
- a deadline for the whole download (``timeout`` seconds: every read waits at most what is left);
- a size cap, counted on the decoded bytes while they stream in, stopped at the cap (so a small
  gzip bomb is as "too large" as a big plain body);
- redirects followed only to ``http``/``https`` (no file, ftp or data handler is even installed);
- TLS verified with the system's certificates; the proxy variables (``https_proxy``,
  ``no_proxy``...) honoured; ``gzip`` accepted.

The modules that speak HTTP are imported inside ``download``, so a day read from files never
loads them.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from pathlib import Path

from groundtui.errors import ScheduleError
from groundtui.schedule.cache import (
    Classify,
    CopySource,
    FeedCopy,
    copy_days,
    copy_path,
    make_copy,
    read_copy,
    write_copy,
)
from groundtui.schedule.download import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Download, download
from groundtui.schedule.feedurl import SCHEMES, FeedError, FeedURL, as_source, is_feed_address
from groundtui.schedule.sources import ScheduleSource, decode, detect_format, parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "SCHEMES",
    "Download",
    "FeedError",
    "FeedOptions",
    "FeedRead",
    "FeedURL",
    "as_source",
    "download",
    "forget_feeds",
    "is_feed_address",
    "open_feed",
]


# --------------------------------------------------------------------------- reading a feed

FETCH_MODES = ("always", "missing", "never")


@dataclass(frozen=True)
class FeedOptions:
    """How the feeds of one load are read."""

    cache_dir: Path
    now: datetime
    """The time to record a read at (the app's clock)."""
    classify: Classify
    """(heavy, support) of a session, worked out before its label is dropped from the copy."""
    fetch: str = "always"
    """``always``: read the feed now (``plan``, a refresh); ``missing``: only when nothing is in
    hand for the day (the app's start); ``never``: the copy in hand (``status``)."""
    labels: bool = True
    """Labels are wanted: a 304 is only asked for when the labelled feed is in memory."""
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class FeedRead:
    """A feed, ready to answer for a day: the live parse or the label-free copy."""

    url: FeedURL
    source: ScheduleSource
    fetched_at: datetime | None
    """When the calendar in use was last read (or confirmed unchanged)."""
    warning: str | None = None
    """'calendar.example.org unreachable since 09:12 (HTTP 500) — using the 08:57 copy'."""
    stamp: str = ""
    """Changes when the feed's sessions may have."""


@dataclass(frozen=True)
class _Live:
    """The last good parse of a feed in this process (labels in memory only)."""

    source: ScheduleSource
    digest: str
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    days: frozenset[date] | None = None
    """The days ``source`` answers for (a refresh read in a child process sends back only the
    days of the copy's window, in ``tz``); None: every day (a whole parse)."""
    tz: tzinfo | None = None

    def covers(self, day: date, tz: tzinfo) -> bool:
        return self.days is None or (day in self.days and tz == self.tz)


_live: dict[str, _Live] = {}
_live_lock = threading.Lock()


def forget_feeds() -> None:
    """Drop every feed parsed in this process (for tests)."""
    with _live_lock:
        _live.clear()


def open_feed(url: FeedURL, day: date, tz: tzinfo, options: FeedOptions) -> FeedRead:
    """The feed for ``day``: read now, or in hand, per ``options.fetch``.

    A feed that cannot be read falls back to the last good copy with a warning; with no copy,
    the FeedError (one line, host only) is raised.
    """
    path = copy_path(options.cache_dir, url.key)
    copy = read_copy(path)
    with _live_lock:
        live = _live.get(url.key)
    if live is not None and not live.covers(day, tz):
        live = None  # sessions sent back for other days: read as if none were in hand
    in_hand = live is not None or (copy is not None and copy.covers(day))
    if options.fetch == "always" or (options.fetch == "missing" and not in_hand):
        return _refresh(url, day, tz, options, path, copy, live)
    if live is not None:
        fetched = copy.fetched_at if copy is not None else live.fetched_at
        warning = _warning(url, copy, tz, options.now)
        return FeedRead(url, live.source, fetched, warning, live.digest)
    if copy is None:
        raise FeedError(
            url,
            "no saved copy of this calendar feed yet: 'groundtui plan' or the app reads it "
            "(status never waits on the network)",
        )
    source = CopySource(Path(url.host), copy)
    warning = _warning(url, copy, tz, options.now)
    return FeedRead(url, source, copy.fetched_at, warning, copy.digest)


def _refresh(
    url: FeedURL,
    day: date,
    tz: tzinfo,
    options: FeedOptions,
    path: Path,
    copy: FeedCopy | None,
    live: _Live | None,
) -> FeedRead:
    now = options.now
    if live is not None:
        etag, modified = live.etag, live.last_modified
    elif copy is not None and not options.labels and copy.covers(day):
        etag, modified = copy.etag, copy.last_modified
    else:
        etag = modified = None
    try:
        got = download(
            url,
            etag=etag,
            last_modified=modified,
            timeout=options.timeout,
            max_bytes=options.max_bytes,
        )
        if got.body is None:  # 304: what is in hand is current
            if live is not None:
                live = replace(live, fetched_at=now)
                source, digest = live.source, live.digest
            elif copy is not None:
                source, digest = CopySource(Path(url.host), copy), copy.digest
            else:
                raise FeedError(url, "the server answered 304 to a first request")
            if copy is not None:
                write_copy(path, replace(copy, fetched_at=now, failing_since=None, failure=None))
        else:
            text = decode(got.body)
            fmt = detect_format(Path("feed.ics"), text)  # by content; a tie reads as .ics
            source = parse_text(Path(url.host), text, fmt)
            digest = hashlib.sha256(got.body).hexdigest()[:16]
            new_copy = make_copy(
                source,
                copy_days(now.astimezone(tz).date(), day),
                tz,
                options.classify,
                now,
                got.etag,
                got.last_modified,
            )
            write_copy(path, new_copy)
            live = _Live(source, digest, now, got.etag, got.last_modified)
        with _live_lock:
            if live is not None:
                _live[url.key] = live
        return FeedRead(url, source, now, None, digest)
    except ScheduleError as err:
        reason = err.reason if isinstance(err, FeedError) else _damaged(err)
        if live is None and copy is None:
            if isinstance(err, FeedError):
                raise FeedError(url, f"{reason}; there is no saved copy of it yet") from None
            raise
        if copy is not None:
            copy = replace(copy, failing_since=copy.failing_since or now, failure=reason)
            write_copy(path, copy)
        if live is not None:
            source, digest, fetched = live.source, live.digest, live.fetched_at
        else:
            assert copy is not None
            source, digest = CopySource(Path(url.host), copy), copy.digest
            fetched = copy.fetched_at
        if copy is not None:
            fetched = copy.fetched_at
        since = copy.failing_since if copy is not None else now
        warning = _failing(url, since, reason, fetched, tz, now)
        return FeedRead(url, source, fetched, warning, digest)


def _damaged(err: ScheduleError) -> str:
    where = f"line {err.line}: " if err.line is not None else ""
    return f"it sent a damaged calendar: {where}{err.message}"


def _warning(url: FeedURL, copy: FeedCopy | None, tz: tzinfo, now: datetime) -> str | None:
    if copy is None or copy.failing_since is None:
        return None
    return _failing(url, copy.failing_since, copy.failure, copy.fetched_at, tz, now)


def _failing(
    url: FeedURL,
    since: datetime | None,
    reason: str | None,
    copy_at: datetime | None,
    tz: tzinfo,
    now: datetime,
) -> str:
    """'calendar.example.org unreachable since 09:12 (HTTP 500) — using the 08:57 copy'."""
    why = f" ({reason})" if reason else ""
    when = f" since {_clock(since, tz, now)}" if since is not None else ""
    copy = f"the {_clock(copy_at, tz, now)} copy" if copy_at is not None else "the last copy"
    return f"{url.host} unreachable{when}{why} — using {copy}"


def _clock(when: datetime, tz: tzinfo, now: datetime) -> str:
    """'09:12', or 'Mon 23 Nov 09:12' when ``when`` is not on ``now``'s day."""
    local = when.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return f"{local:%H:%M}"
    return f"{local:%a %d %b %H:%M}"
