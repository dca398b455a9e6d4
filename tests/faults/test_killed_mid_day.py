"""SIGKILL at random points of a simulated day: the log stays consistent, every acknowledged
write is there, and the next open closes the reset that was running as partial."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from groundtui.log import open_store

DAY = date(2026, 11, 24)

DAY_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from groundtui.log import QueuedLog, ResetEntry, open_store

    T = datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    store = open_store(Path(sys.argv[1]))
    log = QueuedLog(store)
    for n in range(int(sys.argv[2])):  # one gap an hour-slot: begin, finish; or skip; or miss
        start = T + timedelta(minutes=20 * n)
        end = start + timedelta(minutes=10)
        fields = dict(gap_start=start, gap_end=end, exercise=f"ex-{n}", kind="breathing",
                      slot="main:0")
        if n % 3 == 0:
            handle = log.begin(ResetEntry(started_at=start, **fields))
            log.flush()
            print("began", n, flush=True)
            log.finish(handle, outcome="done", ended_at=start + timedelta(minutes=2))
        else:
            log.record(ResetEntry(outcome="skipped" if n % 3 == 1 else "missed", **fields))
        log.flush()
        print("logged", n, flush=True)
    print("day over", flush=True)
    sys.stdin.readline()
    """
)

SLOTS = 12


@pytest.mark.parametrize("seed", range(5))
def test_killed_at_a_random_point_of_the_day_leaves_a_consistent_log(
    data_dir: Path, seed: int
) -> None:
    db = data_dir / "log.sqlite3"
    lines_before_kill = random.Random(seed).randrange(1, SLOTS + SLOTS // 3)
    proc = subprocess.Popen(
        [sys.executable, "-c", DAY_CHILD, str(db), str(SLOTS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    seen: list[str] = []
    for _ in range(lines_before_kill):
        seen.append(proc.stdout.readline().strip())
    proc.kill()
    proc.wait()
    logged = {int(s.split()[1]) for s in seen if s.startswith("logged")}
    began = {int(s.split()[1]) for s in seen if s.startswith("began")}

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_store(db) as store:  # the crash sweep runs here
        records = store.records(DAY, DAY)
    by_exercise = {r.exercise: r.outcome for r in records}
    assert len(by_exercise) == len(records)  # no slot twice
    for n in logged:  # every write that was acknowledged is there, as it was written
        expected = ("done", "skipped", "missed")[n % 3]
        assert by_exercise[f"ex-{n}"] == expected
    for n in began - logged:  # begun, killed before it finished: partial, never 'running'
        assert by_exercise[f"ex-{n}"] in ("partial", "done")
    for exercise, outcome in by_exercise.items():  # writes after the last line read: whole
        n = int(exercise.removeprefix("ex-"))
        assert outcome in (("done", "partial"), ("skipped",), ("missed",))[n % 3], exercise
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM resets WHERE outcome = 'running'").fetchone() == (
            0,
        )
