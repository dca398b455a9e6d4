"""Hostile schedule files (issue 13): each ends, in bounded time, in one line or a warning.

Special files, huge files, endless recurrences and overflowing dates. A case that would hang
without its cap runs in a subprocess under a generous ``timeout``, so a regression fails the test
instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui import paths
from groundtui.errors import GroundError, ScheduleError
from groundtui.schedule.sources import clear_cache, open_source

NY = ZoneInfo("America/New_York")
TIMEOUT = 60  # generous; every case here ends in about a second


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def groundtui(*args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh interpreter, under a timeout that turns a hang into a failure."""
    return subprocess.run(
        [sys.executable, "-m", "groundtui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def one_error_line(out: subprocess.CompletedProcess[str]) -> str:
    """The single 'groundtui: error:' line of a run that exited 1 without a traceback."""
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("groundtui: error: ")
    return lines[0]


# --------------------------------------------------------------------------- special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "schedule.ics"
    os.mkfifo(fifo)
    line = one_error_line(groundtui("status", "--schedule", str(fifo)))
    assert "named pipe" in line and "not a schedule file" in line


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(ScheduleError, match="is a device, not a schedule file"):
        open_source(device)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="is a folder, not a schedule file"):
        open_source(tmp_path)


def test_a_symlink_loop_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "a.ics").symlink_to(tmp_path / "b.ics")
    (tmp_path / "b.ics").symlink_to(tmp_path / "a.ics")
    with pytest.raises(ScheduleError, match="loop of symbolic links"):
        open_source(tmp_path / "a.ics")
    line = one_error_line(groundtui("plan", "--schedule", str(tmp_path / "a.ics")))
    assert "loop of symbolic links" in line and "no such file" not in line


def test_a_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.csv"
    line = one_error_line(groundtui("plan", "--schedule", str(odd)))
    assert "two\\nlines.csv: no such file" in line
    odd.write_text("date,start,end\nnot a date,09:00,10:00\n")
    line = one_error_line(groundtui("plan", "--schedule", str(odd)))
    assert "two\\nlines.csv:2:" in line


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as out:  # sparse: 60 MB on paper, nothing on disk
        out.truncate(60 * paths.MB)
    with pytest.raises(ScheduleError, match="too large for a schedule file"):
        open_source(huge)


def test_reading_stops_at_the_cap_whatever_the_size_says(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 11)
    assert paths.read_regular_file(path, limit=11) == b"x" * 11
    with pytest.raises(GroundError, match="too large"):
        paths.read_regular_file(path, limit=10)


def test_proc_files_are_read_only_up_to_the_cap() -> None:
    """/proc files say they are empty; the cap holds on what is really read."""
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc")
    assert paths.read_regular_file(Path("/proc/self/status"), limit=1_000_000)
    with pytest.raises(GroundError, match="too large"):
        paths.read_regular_file(Path("/proc/self/status"), limit=10)
