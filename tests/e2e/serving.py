"""The installed ``groundtui serve`` as a subprocess: start it, read the URL it prints, stop it."""

from __future__ import annotations

import os
import re
import select
import selectors
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from e2e_terminal import SAMPLES, TIMEOUT

DAY = "2026-11-24"
SCHEDULE = str(SAMPLES / "schedule.toml")


class Served:
    """One ``groundtui serve`` process and the URL it printed."""

    def __init__(self, groundtui: str, config_dir: Path, data_dir: Path, *args: str) -> None:
        env = {
            **os.environ,
            "GROUNDTUI_CONFIG_DIR": str(config_dir),
            "GROUNDTUI_DATA_DIR": str(data_dir),
        }
        self.proc = subprocess.Popen(
            [groundtui, "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.printed = self._read_until_url()
        found = re.search(r"http://\S+", self.printed)
        assert found, f"no URL printed: {self.printed!r} {self.stop_output()!r}"
        self.url = found.group(0)
        parts = urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.secret = parts.path.strip("/")

    def _read_until_url(self) -> str:
        """What the server printed up to its URL (waits at most TIMEOUT seconds)."""
        assert self.proc.stdout is not None
        lines = []
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and sel.select(deadline - time.monotonic()):
                line = self.proc.stdout.readline()
                lines.append(line)
                if not line or "http://" in line:
                    break
        return "".join(lines)

    def children(self) -> list[int]:
        """The app processes the server runs now (one per open tab)."""
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop_output(self, sig: int = signal.SIGINT) -> tuple[str, str]:
        """Stop the server as Ctrl+C does; its remaining stdout and stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=TIMEOUT)
        return out, err


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status a plain GET gets."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def wait_gone(pids: list[int], timeout: float = TIMEOUT) -> bool:
    """Wait (on the process, not by polling) until every pid in ``pids`` has exited."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        finally:
            os.close(fd)
        if not ready:
            return False
    return True
