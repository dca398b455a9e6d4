"""The data dir's own files replaced by hand: a named pipe (FIFO) or random bytes where the
journal, the self-checks, the closing's memory, the day edits or the reset log should be.

Real processes, each under a deadline: a FIFO opened the plain way blocks forever (no writer
comes), so `status` in a tmux bar, `log` or `journal` would hang. Every command must end in
bounded time with a one-line message (exit 0 or 1), and never a crash report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
SCHEDULE = ["--schedule", str(SAMPLES / "schedule.toml")]
DAY = ["--tz", "America/New_York"]
NOW = ["--now", "2026-11-24T09:55"]
DEADLINE = 10.0

COMMANDS = {
    "journal": ["journal"],
    "journal add": ["journal", "add", "a quiet moment"],
    "log": ["log", "--date", "2026-11-24", "--format", "json"],
    "status": ["status", *SCHEDULE, *NOW, *DAY],
    "week": ["week", *SCHEDULE, "--date", "2026-11-24", *DAY, "--format", "json"],
    "day show": ["day", "show", "--date", "2026-11-24", *DAY],
}
READERS = {
    "journal.jsonl": ["journal", "journal add"],
    "selfcheck.jsonl": ["week"],
    "log.sqlite3": ["log", "status", "week"],
    "log.sqlite3-wal": ["log", "status", "week"],
    "edits/2026-11-24.json": ["status", "day show", "week"],
}


def groundtui(home: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GROUNDTUI_CONFIG_DIR": str(home / "config"),
        "GROUNDTUI_DATA_DIR": str(home / "data"),
        "GROUNDTUI_CACHE_DIR": str(home / "cache"),
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "groundtui", *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"groundtui {' '.join(argv)} hung (over {DEADLINE:.0f} s)")


def plant(home: Path, name: str, kind: str) -> Path:
    path = home / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    else:
        path.write_bytes(bytes(range(256)) * 64 + b"\xff\xfe\n{\n\x00")
    return path


@pytest.mark.parametrize("kind", ["fifo", "bytes"])
@pytest.mark.parametrize(
    ("name", "command"),
    [(name, command) for name, commands in READERS.items() for command in commands],
)
def test_a_data_file_that_is_a_pipe_or_garbage_never_hangs_nor_crashes(
    tmp_path: Path, name: str, command: str, kind: str
) -> None:
    if name.endswith("-wal") and kind == "bytes":
        pytest.skip("SQLite checks a WAL file's own checksums")
    plant(tmp_path, name, kind)
    done = groundtui(tmp_path, COMMANDS[command])
    assert done.returncode in (0, 1), done.stderr
    assert "crash" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2, done.stderr
    if done.returncode == 1:
        assert done.stderr.startswith("groundtui: error: "), done.stderr


def test_the_fast_status_never_waits_on_a_pipe_where_the_log_was(tmp_path: Path) -> None:
    """`status` in a tmux bar answers from the day cache when nothing changed: that quick
    answer must not hang either when the log is replaced by a named pipe."""
    for _ in range(2):  # the second call is answered from the cache
        assert groundtui(tmp_path, COMMANDS["status"]).returncode == 0
    plant(tmp_path, "log.sqlite3", "fifo")
    done = groundtui(tmp_path, COMMANDS["status"])
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr


def test_status_never_waits_on_a_pipe_where_the_day_cache_was(tmp_path: Path) -> None:
    assert groundtui(tmp_path, COMMANDS["status"]).returncode == 0
    (cached,) = (tmp_path / "cache").rglob("*.bin")
    cached.unlink()
    os.mkfifo(cached, 0o600)
    done = groundtui(tmp_path, COMMANDS["status"])
    assert done.returncode == 0 and "Traceback" not in done.stderr
