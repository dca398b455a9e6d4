"""Which 'running' rows are orphans: their writer is gone (killed, crashed) or they are stale.

A row begun by a live groundtui stays 'running'; one whose process died (or whose pid now
belongs to another program) is closed as partial when the log is next opened.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path

from groundtui.log.records import RUNNING

STALE_AFTER = timedelta(hours=12)
"""A 'running' row older than this is partial whatever its process is doing."""


@functools.cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks) of a Linux process, or None where unknown."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


def process_marker(pid: int) -> str | None:
    """A token that differs when a pid is reused (boot id + start time; Linux only)."""
    stat = _proc_stat(pid)
    if stat is None:
        return None
    return f"{_boot_id()}:{stat[1]}"


def writer_alive(pid: object, marker: object) -> bool:
    """Whether the process that wrote a 'running' row may still be running it."""
    if type(pid) is not int or pid <= 0:
        return False
    if marker is not None and not isinstance(marker, str):
        return False
    if pid == os.getpid():
        return marker is None or marker == process_marker(pid)
    if sys.platform == "win32":  # signal 0 means CTRL_C_EVENT there; the 12 h rule cleans up
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except (OSError, OverflowError):
        return True
    stat = _proc_stat(pid)
    if stat is not None:
        state, start = stat
        if state in ("Z", "X"):
            return False
        if marker is not None and marker != f"{_boot_id()}:{start}":
            return False
    return True


def sweep_running(conn: sqlite3.Connection, now: datetime) -> int:
    """Mark 'running' rows whose process is gone (or older than 12 h) 'partial'; returns count."""
    rows = conn.execute(
        "SELECT id, pid, proc_start, created FROM resets WHERE outcome = ?", (RUNNING,)
    ).fetchall()
    gone: list[object] = []
    for rid, pid, marker, created in rows:
        try:
            stale = now - datetime.fromisoformat(created) > STALE_AFTER
        except (TypeError, ValueError):
            stale = True
        if stale or not writer_alive(pid, marker):
            gone.append(rid)
    conn.executemany(
        "UPDATE resets SET outcome = 'partial' WHERE id = ? AND outcome = ?",
        [(rid, RUNNING) for rid in gone],
    )
    return len(gone)
