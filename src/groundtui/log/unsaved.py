"""Resets the log file never took (a disk still full at quit, a read-only remount) kept in a
small private file beside the log, and added to the log the next time groundtui starts: what
the user did is not lost even when the terminal that would show the report is gone."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from groundtui.log.records import LogRecord, ResetEntry
from groundtui.log.store import LogStore

FOLDER = "unsaved"
"""Where the files go, inside the data dir (or the cache dir when the data dir takes nothing)."""


def save_unsaved(records: list[LogRecord], folders: list[Path], now: datetime) -> Path | None:
    """Write ``records`` (contract JSON, one per line) to the first folder that takes them;
    the file's path, or None when none did."""
    from groundtui.paths import write_private

    if not records:
        return None
    text = "".join(json.dumps(r.to_json()) + "\n" for r in records)
    name = f"{now:%Y%m%d-%H%M%S}-{os.getpid()}.jsonl"
    for folder in folders:
        try:
            return write_private(folder / FOLDER / name, text, replace=False)
        except OSError:
            continue
    return None


def _entry(line: str) -> ResetEntry:
    data = json.loads(line)

    def when(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    gap_start, gap_end = when("gap_start"), when("gap_end")
    if gap_start is None or gap_end is None:
        raise ValueError("a saved reset without its gap")
    return ResetEntry(
        gap_start=gap_start,
        gap_end=gap_end,
        exercise=data["exercise"],
        kind=data["kind"],
        outcome=data["outcome"],
        started_at=when("started_at"),
        ended_at=when("ended_at"),
        before=data.get("before"),
        after=data.get("after"),
    )


def replay_unsaved(store: LogStore, folders: list[Path]) -> int:
    """Add the resets of earlier runs that could not be saved to the log; each file is removed
    once all its resets are in. Returns how many were added. Never raises."""
    added = 0
    for folder in folders:
        try:
            files = sorted((folder / FOLDER).glob("*.jsonl"))
        except OSError:
            continue
        for path in files:
            added += _replay_file(store, path)
    return added


def _replay_file(store: LogStore, path: Path) -> int:
    """One file's resets into the log; what is not taken stays in the file for next time."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return 0
    done = 0
    for line in lines:
        try:
            store.record(_entry(line))
        except Exception:  # a damaged line or a log that still takes nothing: keep the rest
            break
        done += 1
    try:
        if done == len(lines):
            path.unlink(missing_ok=True)
        elif done:
            path.write_text("".join(line + "\n" for line in lines[done:]), encoding="utf-8")
    except OSError:
        pass
    return done
