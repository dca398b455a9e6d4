"""Hostile command lines (issue 13): a clock speed it cannot keep, a full or closed stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from groundtui.cli import run

TIMEOUT = 60  # generous: these finish in about a second; the cap only turns a hang into a failure


def groundtui(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a fresh interpreter (its exit-time flush is part of what is tested)."""
    return subprocess.run(
        [sys.executable, "-m", "groundtui", *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def assert_one_error_line(stderr: str) -> None:
    lines = [ln for ln in stderr.splitlines() if not ln.startswith("groundtui: note:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("groundtui: error: "), stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


@pytest.mark.parametrize("speed", ["nan", "inf", "-inf", "1e300", "-1", "0", "abc", "1e6"])
def test_speed_beyond_the_clock_is_a_usage_error(
    speed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run([f"--speed={speed}", "plan"])
    assert exit_.value.code == 2
    assert "--speed" in capsys.readouterr().err


def test_speed_in_range_is_taken() -> None:
    from groundtui.cli import build_parser

    assert build_parser().parse_args(["--speed", "30"]).speed == 30.0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["plan"], ["status"], ["plan", "--format", "json"]])
def test_a_full_stdout_is_one_line_and_exit_1(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        out = groundtui(*command, "--tz", "America/New_York", stdout=full.fileno())
    assert out.returncode == 1
    assert_one_error_line(out.stderr)
    assert "No space left" in out.stderr


@pytest.mark.parametrize(
    "command", [["plan", "--tz", "UTC"], ["status"], ["log", "--week"], ["exercises", "list"]]
)
def test_a_closed_stdout_is_one_line_and_exit_1(command: list[str]) -> None:
    """The reader is gone before anything is written (as after `| head -1` has its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        out = groundtui(*command, stdout=write_end)
    finally:
        os.close(write_end)
    assert out.returncode == 1
    assert_one_error_line(out.stderr)
    assert "broken pipe" in out.stderr
