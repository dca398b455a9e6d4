"""A closed terminal (SIGHUP) or a kill (SIGTERM) mid-reset: the real app, in a real terminal,
logs the running reset `partial` with its end time before it goes, as `q` does."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from e2e_terminal import SAMPLES, TIMEOUT, Terminal, assert_clean, find_groundtui

pytestmark = pytest.mark.e2e

DAY = "2026-11-24"
TZ = "America/New_York"
RUNNING_HINT = "space Pause"
"""The reset screen's own key hint: a reset is under way."""


@pytest.fixture
def groundtui_bin() -> str:
    found = find_groundtui()
    if found is None:
        pytest.skip("the groundtui command is not installed (pip install -e .)")
    return found


@pytest.fixture
def reset_running(
    groundtui_bin: str, tmp_path: Path, config_dir: Path, data_dir: Path
) -> Iterator[Terminal]:
    """The app in tmux at 09:51 (in the 09:50-10:00 gap) with the offered reset started."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed; these tests need a real terminal")
    term = Terminal(tmux, tmp_path, 100, 30)
    argv = [groundtui_bin, "--schedule", str(SAMPLES / "schedule.toml"), "--tz", TZ]
    env = {"GROUNDTUI_CONFIG_DIR": str(config_dir), "GROUNDTUI_DATA_DIR": str(data_dir)}
    term.start([*argv, "--now", f"{DAY}T09:51:00"], env)
    try:
        term.wait_for("space start ·")
        term.press("Space")
        term.wait_for(RUNNING_HINT)
        yield term
    finally:
        term.close()


def logged(groundtui_bin: str, config_dir: Path, data_dir: Path) -> list[dict]:
    env = {
        **os.environ,
        "GROUNDTUI_CONFIG_DIR": str(config_dir),
        "GROUNDTUI_DATA_DIR": str(data_dir),
    }
    done = subprocess.run(
        [groundtui_bin, "log", "--date", DAY, "--tz", TZ, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def wait_gone(pid: int) -> None:
    """Poll until the process has ended (a real process; the test does not let time pass)."""
    deadline = time.monotonic() + TIMEOUT
    while Path(f"/proc/{pid}").exists() and not _zombie(pid):
        if time.monotonic() > deadline:
            pytest.fail(f"groundtui ({pid}) did not end after the signal")
        time.sleep(0.05)


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def assert_one_partial_with_its_end(records: list[dict]) -> None:
    assert [r["outcome"] for r in records] == ["partial"], records
    record = records[0]
    assert record["started_at"] is not None
    # Logged by the app as it went, not closed later by the next start's sweep (no end time).
    assert record["ended_at"] is not None
    assert record["ended_at"] >= record["started_at"]


def test_a_closed_terminal_logs_the_running_reset_partial(
    reset_running: Terminal, groundtui_bin: str, config_dir: Path, data_dir: Path
) -> None:
    pid = reset_running.pid
    # Killing the tmux server closes the pane's terminal: the app gets SIGHUP, as when the
    # user closes the terminal window.
    reset_running._tmux("kill-server")
    wait_gone(pid)
    assert_one_partial_with_its_end(logged(groundtui_bin, config_dir, data_dir))


def test_sigterm_logs_the_running_reset_partial_and_restores_the_terminal(
    reset_running: Terminal, groundtui_bin: str, config_dir: Path, data_dir: Path
) -> None:
    os.kill(reset_running.pid, signal.SIGTERM)
    assert reset_running.wait_exit() == 128 + signal.SIGTERM
    screen = reset_running.screen()
    assert_clean(screen)
    assert RUNNING_HINT not in screen  # the app's screen is gone: the terminal was restored
    assert_one_partial_with_its_end(logged(groundtui_bin, config_dir, data_dir))


def test_quit_signal_handlers_leave_a_headless_app_alone() -> None:
    from groundtui.ui.quit_signals import follow_quit_signals

    class Headless:
        is_headless = True

        def shutdown(self) -> None:
            raise AssertionError("not called")

        def exit(self, result: None = None, return_code: int = 0) -> None:
            raise AssertionError("not called")

    before = signal.getsignal(signal.SIGTERM)
    follow_quit_signals(Headless())  # no running loop needed: it returns first
    assert signal.getsignal(signal.SIGTERM) is before
