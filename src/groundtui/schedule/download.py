"""One GET of a calendar feed with the standard library (see ``schedule.feeds`` for why not
httpx): conditional, with a deadline for the whole download, a size cap counted on the decoded
bytes, redirects only to http(s), TLS verified, the proxy variables honoured, gzip accepted. The
modules that speak HTTP are imported inside ``download``, so a day read from files never loads
them."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from groundtui.schedule.feedurl import FeedError, FeedURL

if TYPE_CHECKING:
    import urllib.request

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5


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
