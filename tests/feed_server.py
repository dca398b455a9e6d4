"""A calendar feed server on 127.0.0.1, in a thread, for the feed tests.

Each path answers as its ``Route`` says: a body with ETag / Last-Modified (and 304 to a matching
conditional GET), a status, a redirect, gzip, a body cut off, or an answer held back until the
test sets ``release`` (the slow server). ``stop()`` makes it disappear.
"""

from __future__ import annotations

import gzip
import http.server
import threading
from dataclasses import dataclass, field

SECRET = "s3cr3t-token-8f2a"
"""A part of every feed path: it must never show anywhere but in the request."""

LABELS = ("Intake - Jane Quietname", "Supervision with Dr Keeper", "Alice Example")


def calendar(*, cancel_second: bool = False, extra: str = "") -> bytes:
    """A feed with three sessions on Tue 24 Nov 2026 in New York: a heavy intake (by keyword),
    a supervision (support) and a plain one; ``cancel_second`` drops the 10:00 one."""
    events = [
        ("0900", "0950", LABELS[0], "a"),
        ("1000", "1050", LABELS[1], "b"),
        ("1110", "1200", LABELS[2], "c"),
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//groundtui tests//feed//EN",
    ]
    for start, end, summary, uid in events:
        if cancel_second and uid == "b":
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@example.invalid",
            "DTSTAMP:20261120T120000Z",
            f"DTSTART;TZID=America/New_York:20261124T{start}00",
            f"DTEND;TZID=America/New_York:20261124T{end}00",
            f"SUMMARY:{summary}",
            "DESCRIPTION:Client phone 555-0100",
            "END:VEVENT",
        ]
    if extra:
        lines.append(extra)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    gzip: bool = False
    length: bool = True
    """Send Content-Length (else the body ends when the connection closes)."""
    cut_at: int | None = None
    """Send only this many bytes of the body, then close."""
    slow: bool = False
    """Wait for ``release`` before answering."""
    slow_body: bool = False
    """Send the headers and half the body, then wait for ``release``."""


@dataclass
class Seen:
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    """``server.url(path)``; ``server.routes[path] = Route(...)``; ``server.requests``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.release = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.requests.append(Seen(self.path, dict(self.headers.items())))
                route = outer.routes.get(self.path.split("?")[0]) or outer.routes.get("*")
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.slow:
                    outer.release.wait(10)
                if route.location is not None:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag, since = (
                    self.headers.get("If-None-Match"),
                    self.headers.get("If-Modified-Since"),
                )
                if (route.etag and etag == route.etag) or (
                    route.last_modified and since == route.last_modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if route.length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                if route.slow_body:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    outer.release.wait(10)
                    return
                self.wfile.write(body if route.cut_at is None else body[: route.cut_at])
                if route.cut_at is not None:
                    self.close_connection = True

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (the point of several tests)

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, name: str = "/feed.ics") -> str:
        return f"http://127.0.0.1:{self.port}/{SECRET}{name}"

    def path(self, name: str = "/feed.ics") -> str:
        return f"/{SECRET}{name}"

    def serve(self, name: str = "/feed.ics", **route: object) -> str:
        """Answer ``name`` as ``route`` says; returns its URL."""
        self.routes[self.path(name)] = Route(**route)  # type: ignore[arg-type]
        return self.url(name)

    def stop(self) -> None:
        """The server disappears: nothing listens on its port any more."""
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
