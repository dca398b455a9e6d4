"""Benchmark the reset log: 10 years of daily records (~6 a day), read back whole and by day.

Run: python benchmarks/bench_log.py  (target: the whole range < 100 ms)
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from groundtui.log import OUTCOMES, open_store

TZ = ZoneInfo("America/New_York")
FIRST = date(2016, 11, 25)
LAST = date(2026, 11, 24)
TARGET_MS = 100.0
EXERCISES = [
    ("box-breathing", "breathing"),
    ("body-scan", "body_scan"),
    ("step-outside", "step_outside"),
    ("grounding-5-4-3-2-1", "grounding"),
    ("day-closing", "reflection"),
]


def fill(path: Path, seed: int = 8) -> int:
    """Write ~6 records for every day from FIRST to LAST straight into the schema."""
    open_store(path).close()  # creates the file and the schema
    rng = random.Random(seed)
    rows = []
    day = FIRST
    created = datetime(2026, 11, 24, tzinfo=UTC).isoformat()
    while day <= LAST:
        for n in range(rng.randint(4, 8)):
            start = datetime(day.year, day.month, day.day, 8 + n, 50, tzinfo=TZ)
            if n and rng.random() < 0.15:  # a second offer in the same gap, after a skip
                start -= timedelta(hours=1)
            exercise, kind = rng.choice(EXERCISES)
            outcome = rng.choices(OUTCOMES, weights=(6, 1, 1, 2))[0]
            ran = outcome in ("done", "partial")
            started = start + timedelta(minutes=1) if ran else None
            ended = start + timedelta(minutes=rng.randint(2, 8)) if ran else None
            rate = ran and rng.random() < 0.4
            rows.append(
                (
                    day.isoformat(),
                    start.isoformat(),
                    (start + timedelta(minutes=10)).isoformat(),
                    exercise,
                    kind,
                    outcome,
                    started.isoformat() if started else None,
                    ended.isoformat() if ended else None,
                    rng.randint(3, 9) if rate else None,
                    rng.randint(1, 6) if rate else None,
                    created,
                )
            )
        day += timedelta(days=1)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, started_at,"
            " ended_at, before, after, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
    return len(rows)


def timed(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float, float]:
    """(best, median) wall milliseconds and best CPU milliseconds of ``repeat`` runs."""
    runs, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        del result  # freeing what was read is not part of reading it
    return min(runs), statistics.median(runs), min(cpu)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        os.environ["GROUNDTUI_DATA_DIR"] = str(data)
        os.environ.setdefault("GROUNDTUI_CONFIG_DIR", str(data / "config"))
        path = data / "log.sqlite3"
        t0 = time.perf_counter()
        count = fill(path)
        fill_ms = (time.perf_counter() - t0) * 1000

        store = open_store(path)
        assert store.warning is None, store.warning
        whole = store.records(FIRST, LAST)
        assert len(whole) == count, (len(whole), count)

        from groundtui.cli import run

        def cli(fmt: str, first: str) -> Callable[[], None]:
            def call() -> None:
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    args = ["--since", str(FIRST), "--until", str(LAST), "--format", fmt]
                    code = run(["log", *args])
                assert code == 0 and out.getvalue().startswith(first)

            return call

        cases: list[tuple[str, Callable[[], object]]] = [
            ("open_store (migrate + sweep)", lambda: open_store(path).close()),
            ("records: whole 10 years", lambda: store.records(FIRST, LAST)),
            ("records: one year", lambda: store.records(LAST - timedelta(days=364), LAST)),
            ("records: 14 days (log screen)", lambda: store.records(LAST - timedelta(13), LAST)),
            ("records: one day", lambda: store.records(LAST, LAST)),
            ("CLI log --format json, 10 years", cli("json", "[")),
            ("CLI log --format csv, 10 years", cli("csv", "date,")),
            ("CLI log (table, into a pipe), 10 years", cli("table", "25 Nov 2016")),
        ]
        results = [(name, *timed(fn, repeat=3 if "CLI" in name else 7)) for name, fn in cases]
        store.close()

    print(f"reset log benchmark: {count} records, {FIRST} to {LAST} (filled in {fill_ms:.0f} ms)")
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}\n")
    width = max(len(name) for name, *_ in results)
    print(f"{'case':<{width}}  {'best ms':>8}  {'median ms':>9}  {'cpu ms':>7}  target")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 9}  {'-' * 7}  ------")
    ok = True
    for name, best, median, cpu in results:
        goal = ""
        if name.startswith("records: whole"):
            goal = f"< {TARGET_MS:.0f}: " + ("ok" if best < TARGET_MS else "SLOW")
            ok = ok and best < TARGET_MS
        print(f"{name:<{width}}  {best:8.1f}  {median:9.1f}  {cpu:7.1f}  {goal}")
    print("\n(wall times on a busy machine run above the CPU times)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
