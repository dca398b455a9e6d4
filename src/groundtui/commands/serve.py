"""``groundtui serve``: the app in a browser tab on this machine, behind a secret URL.

Each tab runs ``groundtui`` with the same options in its own process (textual-serve); closing
the tab quits that app as ``q`` would. textual-serve is the ``web`` extra and is imported only
here, when ``serve`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from groundtui.errors import GroundError

INSTALL_HINT = "groundtui serve needs the web extra: pip install 'groundtui[web]'"


def app_command(args: argparse.Namespace) -> str:
    """The shell command each tab runs: this Python's groundtui with the TUI's options. The
    schedules are not on it (see :func:`tab_environment`)."""
    argv = [sys.executable, "-m", "groundtui"]
    if tab_environment(args):
        argv.append("--schedules-from-env")
    for option, value in (("--tz", args.tz), ("--now", args.now)):
        if value:
            argv += [option, value]
    if args.speed is not None and args.speed != 1.0:
        argv += ["--speed", repr(args.speed)]
    return shlex.join(argv)


def tab_environment(args: argparse.Namespace) -> dict[str, str]:
    """What each tab's environment adds: the ``--schedule`` values (paths made absolute). A
    feed URL is a secret and every user of the machine can read a command line (``ps``, or
    ``/proc/PID/cmdline``); a process's environment only its own user can."""
    from groundtui.options import SCHEDULES_VARIABLE

    schedules = args.schedule if isinstance(args.schedule, list) else [args.schedule]
    sources = [absolute(source) for source in schedules if source]
    return {SCHEDULES_VARIABLE: json.dumps(sources)} if sources else {}


def absolute(source: str) -> str:
    """A schedule path made absolute (a feed URL is left as it is)."""
    if "://" in source:
        return source
    return str(Path(source).expanduser().absolute())


def host_warning(host: str) -> str | None:
    """The warning for a host other than this machine's loopback (only an explicit ``--host``
    gets there; the default is 127.0.0.1)."""
    import ipaddress

    from groundtui.web.server import is_loopback

    if is_loopback(host):
        return None
    try:
        wildcard = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        wildcard = False
    if wildcard:  # every address at once: no one name to check requests against
        raise GroundError(f"--host {host}: give the one address to serve on")
    return (
        f"serving on {host}, not only this machine: anyone who can reach it and has the URL "
        "sees your day"
    )


def open_in_browser(url: str) -> Path | None:
    """Open ``url`` in the default browser through a private redirect file, so the secret is
    never on a command line that other users of the machine can read (``ps``)."""
    import webbrowser

    folder = Path(tempfile.mkdtemp(prefix="groundtui-serve-"))  # 0700
    page = folder / "open.html"
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(
            '<!DOCTYPE html><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
            f'<meta http-equiv="refresh" content="0;url={url}"><title>groundtui</title>'
            f'<a href="{url}">Open groundtui</a>\n'
        )
    if not webbrowser.open(page.as_uri()):
        print("groundtui: note: could not open a browser; open the URL above", file=sys.stderr)
    return page


def remove(page: Path | None) -> None:
    if page is not None:
        page.unlink(missing_ok=True)
        page.parent.rmdir()


def run_serve(args: argparse.Namespace) -> int:
    """Check the options as the TUI would, then serve until Ctrl+C."""
    import asyncio

    from groundtui.options import settings_from_args

    settings_from_args(args)  # a bad --tz, --now, --speed or schedule: one line, exit 1
    try:
        from groundtui.web.server import PrivateServer, bind, new_secret
    except ImportError as err:
        raise GroundError(INSTALL_HINT) from err
    host = args.host or "127.0.0.1"
    warning = host_warning(host)
    try:
        sock = bind(host, args.port)
    except OSError as err:
        raise GroundError(f"cannot listen on {host}:{args.port}: {err.strerror or err}") from err
    os.environ.update(tab_environment(args))  # textual-serve starts each tab with a copy
    server = PrivateServer(app_command(args), sock, secret=new_secret(), names=extra_names(host))
    server.quiet_logging()
    opened: list[Path | None] = []

    def ready() -> None:
        if warning:
            print(f"groundtui: warning: {warning}", file=sys.stderr)
        print(f"groundtui is served at {server.url}", flush=True)
        print("Open it in your browser (the address is private to you). Ctrl+C stops.")
        sys.stdout.flush()
        if args.open:
            opened.append(open_in_browser(server.url))

    try:
        asyncio.run(server.run(ready))
    finally:
        sock.close()
        for page in opened:
            remove(page)
    return 0


def extra_names(host: str) -> Iterable[str]:
    """Names besides loopback the server answers to (the host asked for, when it is not)."""
    return () if host in ("127.0.0.1", "localhost", "::1") else (host,)
