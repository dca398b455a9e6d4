"""Calendar feeds: an ``http(s)://`` or ``webcal://`` address as a schedule source.

A feed address is a secret (it works without a password), so it lives in a ``FeedURL`` whose
``str()`` and ``repr()`` show its host only, and every failure is mapped to a message of our own
that names the host and the reason, never the address (the HTTP library's messages quote it).

The download is one GET with the standard library. Measured against httpx for this one request
(benchmarks/bench_feeds.py ``--imports``): ``urllib.request`` plus a TLS context load in about
60 ms, httpx plus a client in about 150 ms and five more packages; what httpx adds here (gzip
decoding, refusing non-http redirects) is a few lines below, and what neither gives (a deadline
for the whole download, not per read) has to be written for both. So:

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

import contextlib
import hashlib
import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

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
from groundtui.schedule.sources import ScheduleSource, decode, detect_format, parse_text

if TYPE_CHECKING:
    import urllib.request

SCHEMES = {"http": "http", "https": "https", "webcal": "https", "webcals": "https"}
"""Feed address schemes and the one each is fetched with (``webcal://`` means ``https://``)."""

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FeedURL:
    """A calendar feed address. ``str()``/``repr()`` show its host only: the rest is a secret."""

    secret: str = field(repr=False)
    """The full address (``webcal://`` already read as ``https://``): for the request only."""

    @classmethod
    def parse(cls, text: str) -> FeedURL:
        """The feed at ``text``; a ScheduleError (without the address) if it is not one."""
        from urllib.parse import urlsplit

        text = text.strip()
        scheme, sep, rest = text.partition(":")
        fetch_as = SCHEMES.get(scheme.lower()) if sep else None
        if fetch_as is None or not rest.startswith("//"):
            raise ScheduleError(
                "not a calendar feed address (expected http://, https://, webcal://)"
            )
        address = f"{fetch_as}:{rest}"
        try:
            host = urlsplit(address).hostname
            urlsplit(address).port  # noqa: B018 - raises for a bad port
        except ValueError:
            host = None
        if not host:
            raise ScheduleError("a calendar feed address needs a host name")
        return cls(address)

    @property
    def host(self) -> str:
        """The host name: all of the address that may be shown."""
        from urllib.parse import urlsplit

        return urlsplit(self.secret).hostname or "calendar feed"

    @property
    def key(self) -> str:
        """A hash of the address: names its cached copy without revealing it."""
        return hashlib.sha256(self.secret.encode("utf-8")).hexdigest()[:32]

    def __str__(self) -> str:
        return self.host

    def __repr__(self) -> str:
        return f"FeedURL(host={self.host!r})"


def is_feed_address(text: str) -> bool:
    """Whether ``text`` names a feed (by its scheme) rather than a file."""
    scheme, sep, rest = text.strip().partition(":")
    return bool(sep) and scheme.lower() in SCHEMES and rest.startswith("//")


def as_source(text: str | Path, base: Path | None = None) -> Path | FeedURL:
    """``--schedule`` or config.toml's ``schedule``: a feed, or a file (relative to ``base``)."""
    if isinstance(text, str) and is_feed_address(text):
        return FeedURL.parse(text)
    path = Path(text).expanduser()
    return path if base is None or path.is_absolute() else base / path


class FeedError(ScheduleError):
    """A feed could not be read. The message names the host and the reason, never the address."""

    def __init__(self, url: FeedURL, reason: str) -> None:
        self.reason = reason
        super().__init__(reason, url.host)


@dataclass(frozen=True)
class Download:
    """What one GET brought: a new body, or ``None`` when the server said 304 Not Modified."""

    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def download(
    url: FeedURL,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Download:
    """GET the feed, conditionally when validators are given; every failure is a FeedError."""
    import time

    deadline = time.monotonic() + timeout
    try:
        return _download(url, etag, last_modified, timeout, deadline, max_bytes)
    except FeedError:
        raise
    except Exception as err:  # mapped: library messages quote the address
        raise FeedError(url, _reason(err, timeout)) from None


def _download(
    url: FeedURL,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    deadline: float,
    max_bytes: int,
) -> Download:
    import urllib.error
    import urllib.request

    from groundtui import __version__

    headers = {
        "User-Agent": f"groundtui/{__version__}",
        "Accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
        "Accept-Encoding": "gzip",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url.secret, headers=headers)
    try:
        response = _opener().open(request, timeout=timeout)
    except urllib.error.HTTPError as err:
        err.close()
        if err.code == 304:
            return Download(None, etag, last_modified)
        raise FeedError(url, _http_reason(err.code)) from None
    with response:
        size = response.headers.get("Content-Length", "")
        encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
        if size.isdigit() and not encoding and int(size) > max_bytes:
            raise FeedError(url, _too_large(max_bytes))
        body = _read_capped(url, response, encoding, deadline, timeout, max_bytes)
        return Download(
            body,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )


def _read_capped(
    url: FeedURL, response: object, encoding: str, deadline: float, timeout: float, cap: int
) -> bytes:
    """The body, decoded, read in chunks: stops at ``cap`` bytes and at the deadline."""
    import time
    import zlib

    decoder = zlib.decompressobj(47) if encoding in ("gzip", "x-gzip", "deflate") else None
    if encoding and decoder is None and encoding != "identity":
        raise FeedError(url, f"the server sent an encoding groundtui does not read ({encoding})")
    parts: list[bytes] = []
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FeedError(url, _timed_out(timeout))
        _limit_wait(response, left)
        chunk = response.read1(_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            break
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, cap + 1 - total)
            except zlib.error:
                raise FeedError(url, "the server sent a damaged compressed answer") from None
            if decoder.unconsumed_tail:
                raise FeedError(url, _too_large(cap))
        total += len(chunk)
        if total > cap:
            raise FeedError(url, _too_large(cap))
        parts.append(chunk)
    if getattr(response, "length", None):  # fewer bytes came than Content-Length announced
        raise FeedError(url, "the download was cut off")
    if decoder is not None:
        if not decoder.eof:
            raise FeedError(url, "the download was cut off")
        tail = decoder.flush()
        total += len(tail)
        if total > cap:
            raise FeedError(url, _too_large(cap))
        parts.append(tail)
    return b"".join(parts)


def _limit_wait(response: object, seconds: float) -> None:
    """Let the next read on the response's socket wait at most ``seconds`` (best effort: the
    socket sits inside http.client's buffered reader)."""
    raw = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.settimeout(max(seconds, 0.001))


def _opener() -> urllib.request.OpenerDirector:
    """An opener with the proxy, HTTP, HTTPS and (http/https-only) redirect handlers: no file,
    ftp or data handler, so nothing but HTTP can ever be opened."""
    import ssl
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = _MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            if newurl.split(":", 1)[0].lower() not in ("http", "https"):
                raise _RefusedRedirect
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),  # https_proxy, http_proxy, no_proxy from the environment
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _RefusedRedirect(Exception):
    """A redirect to something other than http(s)."""


# --------------------------------------------------------------------------- failure wording


def _too_large(cap: int) -> str:
    return f"the calendar is larger than {cap / 1024 / 1024:g} MB"


def _timed_out(timeout: float) -> str:
    return f"no complete answer within {timeout:g} s"


def _http_reason(code: int) -> str:
    if 300 <= code < 400:
        return "it redirects to an address that is not http or https (refused)"
    if code in (401, 403):
        return f"HTTP {code}: access refused (has the feed address been reset?)"
    if code in (404, 410):
        return f"HTTP {code}: no calendar at that address (has it been reset?)"
    return f"HTTP {code}"


def _reason(err: BaseException, timeout: float) -> str:
    """A short reason for ``err`` that cannot hold the address."""
    import http.client
    import socket
    import ssl
    import urllib.error

    if isinstance(err, _RefusedRedirect):
        return _http_reason(302)
    if isinstance(err, urllib.error.HTTPError):
        return _http_reason(err.code)
    if isinstance(err, urllib.error.URLError) and isinstance(err.reason, BaseException):
        err = err.reason
    if isinstance(err, TimeoutError | socket.timeout):
        return _timed_out(timeout)
    if isinstance(err, ssl.SSLCertVerificationError):
        return "its TLS certificate could not be verified"
    if isinstance(err, ssl.SSLError):
        return "the secure connection failed"
    if isinstance(err, socket.gaierror):
        return "host not found (offline?)"
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, http.client.IncompleteRead):
        return "the download was cut off"
    if isinstance(err, ConnectionError | http.client.RemoteDisconnected):
        return "the connection was closed before the calendar arrived"
    if isinstance(err, http.client.HTTPException):
        return "the server's answer was not valid HTTP"
    if isinstance(err, OSError):
        return f"cannot connect ({err.strerror})" if err.strerror else "cannot connect"
    if isinstance(err, urllib.error.URLError):
        return "cannot connect"
    return f"cannot read it ({type(err).__name__})"


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
