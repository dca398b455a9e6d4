"""textual-serve's server, made private: every route sits under the URL's secret, only this
machine's names are answered, and the page loads nothing from any other host.

textual-serve gives the page handler, the websocket handler (one app process per tab) and the
terminal's scripts, styles and fonts; this module gives the routes, the guard, our own page and
the life cycle (no access log, every tab's app told to quit on shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

HERE = Path(__file__).parent
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
QUIT_SECONDS = 10.0
"""How long shutdown waits for the tabs' apps to log what they were doing and exit."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_secret() -> str:
    """A fresh secret for the URL (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one), made here so the URL holds
    the real port before the server starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class Redact(logging.Filter):
    """Keeps the secret out of every log line, whatever logs it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "[secret]"), None
        return True


class PrivateServer(Server):
    """Serves ``command`` (one process per browser tab) at ``http://HOST:PORT/SECRET/``."""

    def __init__(
        self,
        command: str,
        sock: socket.socket,
        *,
        secret: str,
        title: str = "groundtui",
        names: Iterable[str] = (),
    ) -> None:
        host, port = sock.getsockname()[:2]
        url_host = f"[{host}]" if ":" in host else host
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=f"http://{url_host}:{port}",
            templates_path=HERE / "templates",
        )
        self.sock = sock
        self.secret = secret
        self.prefix = f"/{secret}"
        hosts = {*LOOPBACK_NAMES, host, *names}
        self.hosts = {f"[{h}]:{port}" if ":" in h else f"{h}:{port}" for h in hosts}
        """The Host headers answered (a DNS-rebinding page sends its own name: refused)."""
        self.origins = {f"http://{h}" for h in self.hosts}
        self.tabs: set[asyncio.Task[object]] = set()
        self.stopping = asyncio.Event()
        """Set once shutdown begins: no new tab starts an app."""
        self._stop = asyncio.Event()

    @property
    def url(self) -> str:
        """The URL to open: it holds the secret."""
        return f"{self.public_url}{self.prefix}/"

    # ------------------------------------------------------------------ the web app

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get(f"{self.prefix}/", self.handle_index, name="index"),
                web.get(f"{self.prefix}/ws", self.handle_websocket, name="websocket"),
                web.static(f"{self.prefix}/static", self.statics_path, name="static"),
                web.static(f"{self.prefix}/local", HERE / "local", name="local"),
            ]
        )
        app.on_shutdown.append(self.close_tabs)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what does not carry the secret (404: nothing here), what names another
        host, and a websocket opened from another site's page; then set the page's limits."""
        if request.host not in self.hosts:
            raise web.HTTPMisdirectedRequest()
        first = request.raw_path.split("?", 1)[0].split("/", 2)[1]
        if not secrets.compare_digest(first.encode(), self.secret.encode()):
            raise web.HTTPNotFound()
        origin = request.headers.get("Origin")
        if origin is not None and origin not in self.origins:
            raise web.HTTPForbidden()
        response = await handler(request)
        if not response.prepared:
            self.limit(response)
        return response

    def limit(self, response: web.StreamResponse) -> None:
        """The page may load from this server only, is never framed, never cached, and sends
        no Referer (its URL holds the secret)."""
        sockets = " ".join(f"ws://{h}" for h in sorted(self.hosts) if not h.startswith("["))
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"font-src 'self'; img-src 'self' data:; connect-src 'self' {sockets}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: textual-serve starts the app and relays it; the task is kept so shutdown
        can close the tab (which tells its app to quit)."""
        if self.stopping.is_set():
            raise web.HTTPServiceUnavailable()
        task = asyncio.current_task()
        assert task is not None
        self.tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.tabs.discard(task)

    async def close_tabs(self, _app: web.Application | None = None) -> None:
        """Close every tab: textual-serve sends each app its quit, so a running reset is
        logged as the terminal app would log it, then waits for the process to end."""
        self.stopping.set()
        tabs = list(self.tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=QUIT_SECONDS)

    # ------------------------------------------------------------------ running

    async def run(self, ready: Callable[[], None] = lambda: None) -> None:
        """Serve until SIGINT or SIGTERM (or :meth:`stop`), then close every tab."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not here / thread
                loop.add_signal_handler(signum, self.stop)
        runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=QUIT_SECONDS)
        await runner.setup()
        try:
            await web.SockSite(runner, self.sock).start()
            ready()
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def stop(self) -> None:
        """Ask :meth:`run` to shut down."""
        self._stop.set()

    def quiet_logging(self) -> None:
        """textual-serve's own messages on stderr, at warnings only, with the secret redacted;
        no access log at all."""
        handler = logging.StreamHandler()
        handler.addFilter(Redact(self.secret))
        handler.setFormatter(logging.Formatter("groundtui serve: %(message)s"))
        for name in ("textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.WARNING)
            logger.propagate = False
