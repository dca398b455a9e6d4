"""A real terminal for end-to-end tests: one private tmux server per terminal.

Each terminal runs on its own tmux socket with no user config, so a test never touches the
user's tmux. ``close()`` kills the server and makes sure the command's process is gone. Waiting
here polls a real external process; it is not a test sleeping to let time pass.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "data" / "samples"
TIMEOUT = 20.0
"""Seconds to wait for something to appear: generous, for a slow CI box."""
POLL = 0.1


def find_groundtui() -> str | None:
    """The installed entry point: next to this Python first (the venv under test), else PATH."""
    beside = Path(sys.executable).parent / "groundtui"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("groundtui")


class Terminal:
    """One tmux pane running one command, read with capture-pane and driven with send-keys."""

    def __init__(self, tmux: str, folder: Path, width: int, height: int) -> None:
        self.tmux = tmux
        self.socket = f"groundtui-e2e-{uuid.uuid4().hex[:12]}"
        self.width = width
        self.height = height
        self.conf = folder / f"{self.socket}.conf"
        # No status line (the app gets every row); a finished pane stays on screen.
        self.conf.write_text(
            "set -g status off\nset -g remain-on-exit on\nset -g default-shell /bin/sh\n",
            encoding="utf-8",
        )
        self.exit_file = folder / f"{self.socket}.exit"
        self.shell_pid: int | None = None
        """The pane's shell, which runs the command and writes its exit status."""
        self._pid: int | None = None

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, "-f", str(self.conf), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=15,
        )

    def start(self, argv: Sequence[str], env: dict[str, str]) -> None:
        """Run ``argv`` in a fresh ``width``×``height`` terminal with ``env`` added.

        A shell in the pane writes the exit status to a file: tmux itself can lose the
        SIGCHLD of a pane's process (tmux/tmux#2679), so ``#{pane_dead_status}`` is not relied on.
        """
        env_args: list[str] = []
        for key, value in {"TERM": "xterm-256color", **env}.items():
            env_args += ["-e", f"{key}={value}"]
        command = f"{shlex.join(argv)}; echo $? > {shlex.quote(str(self.exit_file))}"
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            *env_args,
            command,
        )
        self.shell_pid = int(self._tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").stdout)

    @property
    def pid(self) -> int:
        """The command's process id (the pane shell's child)."""
        if self._pid is None:
            assert self.shell_pid is not None
            children = Path(f"/proc/{self.shell_pid}/task/{self.shell_pid}/children")
            deadline = time.monotonic() + TIMEOUT
            while not (found := _read(children).split()):
                if time.monotonic() > deadline:
                    pytest.fail("the command did not start")
                time.sleep(POLL / 10)
            self._pid = int(found[0])
        return self._pid

    def screen(self) -> str:
        """What the terminal shows now, one line per row."""
        return self._tmux("capture-pane", "-p", "-t", "e2e").stdout

    def press(self, *keys: str) -> None:
        """Send tmux key names (``Space``, ``Enter``, ``q``) one after another."""
        for key in keys:
            self._tmux("send-keys", "-t", "e2e", key)

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``check`` holds; fail with the last screen if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline:
                pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; screen:\n{text}")
            time.sleep(POLL)

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until ``text`` is on screen; return the screen."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_for_pattern(self, pattern: str, timeout: float = TIMEOUT) -> str:
        regex = re.compile(pattern)
        return self.wait_until(lambda screen: bool(regex.search(screen)), pattern, timeout)

    def exit_status(self) -> int | None:
        """The command's exit status once it has ended, else None."""
        text = _read(self.exit_file).strip()
        return int(text) if text else None

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Wait for the command to end; its exit status."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not exit within {timeout:.0f} s:\n{self.screen()}")
            time.sleep(POLL)
        return status

    def close(self) -> None:
        """Kill this tmux server (it hangs up on the pane) and make sure nothing outlives it."""
        pids = [p for p in (self._pid, self.shell_pid) if p is not None]
        if self.shell_pid is not None and self._pid is None:
            pids += [
                int(p)
                for p in _read(
                    Path(f"/proc/{self.shell_pid}/task/{self.shell_pid}/children")
                ).split()
            ]
        self._tmux("kill-server", check=False)
        deadline = time.monotonic() + 5
        for pid in pids:
            while _alive(pid):
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    break
                time.sleep(POLL)


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting to be reaped does not count)."""
    stat = _read(Path(f"/proc/{pid}/stat"))
    return bool(stat) and stat.rsplit(")", 1)[-1].split()[0] != "Z"


def assert_clean(screen: str) -> None:
    """No Python traceback or error dump reached the terminal."""
    assert "Traceback" not in screen, screen


def log_json(cli: Callable[..., subprocess.CompletedProcess[str]], day: str) -> list[dict]:
    """``groundtui log --date DAY --format json``, parsed."""
    done = cli("log", "--date", day, "--tz", "America/New_York", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
