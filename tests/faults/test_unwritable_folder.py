"""A data dir the user can read but not write (not a read-only mount: a folder's permission
bits). The log is still read by `groundtui log` and `status`, which say once that new resets
cannot be saved.

Root ignores permission bits, so as root the commands run as `nobody` (setpriv, else su);
without either, or where `nobody` cannot run this Python, the test is skipped.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui import paths
from groundtui.log import ResetEntry, open_store

NOBODY = 65534
TZ = "America/New_York"
DAY = "2026-11-24"
SCHEDULE = Path(__file__).resolve().parents[1] / "data" / "samples" / "schedule.toml"


def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` run as a user the permission bits apply to."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv]
    if shutil.which("su"):
        return ["su", "nobody", "-s", "/bin/sh", "-c", shlex.join(argv)]
    pytest.skip("running as root without setpriv or su: permission bits cannot be tried")


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder outside pytest's private tmp dir (0700 for root), open for reading to all."""
    folder = Path(tempfile.mkdtemp(prefix="groundtui-unwritable-"))
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def groundtui(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GROUNDTUI_DATA_DIR": str(folder / "data"),
        "GROUNDTUI_CONFIG_DIR": str(folder / "config"),
        "GROUNDTUI_CACHE_DIR": str(folder / "cache"),
        "HOME": str(folder),
        "NO_COLOR": "1",
    }
    argv = unprivileged([sys.executable, "-m", "groundtui", *args])
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120, check=False)


def read_only_for_others(folder: Path) -> None:
    """Readable (and, for folders, searchable) by anyone; writable by the owner only; then, for
    a user who is not root, not writable at all."""
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    if os.geteuid() != 0:
        for path in (folder, *folder.rglob("*")):
            path.chmod(0o555 if path.is_dir() else 0o444)


def make_dirs(folder: Path) -> None:
    for name in ("data", "config", "cache"):
        (folder / name).mkdir(exist_ok=True)


def check_runnable(folder: Path) -> None:
    done = groundtui(folder, "--help")
    if done.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run this Python: {done.stderr.strip()[:200]}")


def test_log_and_status_read_a_log_in_a_folder_they_cannot_write(shared: Path) -> None:
    make_dirs(shared)
    start = datetime(2026, 11, 24, 9, 50, tzinfo=ZoneInfo(TZ))
    env = {"GROUNDTUI_DATA_DIR": str(shared / "data")}
    with open_store(paths.log_db_path(env)) as store:
        store.record(
            ResetEntry(
                gap_start=start,
                gap_end=start + timedelta(minutes=10),
                exercise="box-breathing",
                kind="breathing",
                outcome="done",
                slot="main:0",
            )
        )
    read_only_for_others(shared)
    check_runnable(shared)

    done = groundtui(shared, "log", "--date", DAY, "--tz", TZ, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [(r["exercise"], r["outcome"]) for r in json.loads(done.stdout)] == [
        ("box-breathing", "done")
    ]
    assert "new resets cannot be saved" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr

    done = groundtui(shared, "status", "--schedule", str(SCHEDULE), "--tz", TZ,
                     "--now", f"{DAY}T09:55:00")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    # Nothing was written by the unprivileged user (the folder would not let it).
    assert sorted(p.name for p in (shared / "data").iterdir()) == ["log.sqlite3"]


def test_log_in_an_unwritable_folder_without_a_log_is_an_empty_day(shared: Path) -> None:
    make_dirs(shared)
    read_only_for_others(shared)
    check_runnable(shared)
    done = groundtui(shared, "log", "--date", DAY, "--tz", TZ, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert "Traceback" not in done.stderr
    assert list((shared / "data").iterdir()) == []
