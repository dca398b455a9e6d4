"""Benchmark the schedule readers on a big calendar: 5,000 events, as a busy EHR export has.

Run: python benchmarks/bench_schedule.py  (prints a table; no assertions)

The .ics file is generated here: two years of single appointments (some cancelled, some free),
weekly series with EXDATEs and moved occurrences, all-day events, and a VTIMEZONE. The same
appointments are written as a CSV export for comparison.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from groundtui.schedule.sources import clear_cache, open_source

TZ = ZoneInfo("America/Chicago")
EVENTS = 5_000
FIRST = date(2025, 12, 1)
DAY = date(2026, 11, 24)
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:America/Chicago
BEGIN:DAYLIGHT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0600
TZOFFSETTO:-0500
TZNAME:CDT
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0600
TZNAME:CST
END:STANDARD
END:VTIMEZONE"""


def stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%S")


def make_ics(seed: int = 5) -> tuple[str, list[tuple[datetime, datetime]]]:
    """A calendar of EVENTS VEVENTs; also the single appointments, for the CSV twin."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//groundtui//bench//EN", VTIMEZONE]
    singles: list[tuple[datetime, datetime]] = []
    n = 0

    def event(props: list[str], uid: str | None = None) -> None:
        nonlocal n
        n += 1
        uid = uid or f"bench-{n}"
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}@example.invalid", "DTSTAMP:20251101T000000Z"])
        lines.extend(props)
        lines.extend([f"SUMMARY:Client {n}", "END:VEVENT"])

    for series in range(60):  # weekly clients, each with an EXDATE and a moved occurrence
        start = datetime.combine(FIRST, datetime.min.time()) + timedelta(
            days=rng.randrange(7), hours=8 + series % 9
        )
        uid = f"bench-series-{series}"
        event(
            [
                f"DTSTART;TZID=America/Chicago:{stamp(start)}",
                f"DTEND;TZID=America/Chicago:{stamp(start + timedelta(minutes=50))}",
                f"RRULE:FREQ=WEEKLY;COUNT={rng.randint(20, 104)}",
                f"EXDATE;TZID=America/Chicago:{stamp(start + timedelta(weeks=3))}",
            ],
            uid,
        )
        moved = start + timedelta(weeks=5)
        event(
            [
                f"RECURRENCE-ID;TZID=America/Chicago:{stamp(moved)}",
                f"DTSTART;TZID=America/Chicago:{stamp(moved + timedelta(minutes=30))}",
                f"DTEND;TZID=America/Chicago:{stamp(moved + timedelta(minutes=80))}",
            ],
            uid,
        )
    while n < EVENTS:
        day = FIRST + timedelta(days=rng.randrange(730))
        if rng.random() < 0.03:
            event(
                [
                    f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                    f"DTEND;VALUE=DATE:{day + timedelta(1):%Y%m%d}",
                ]
            )
            continue
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=rng.randint(7, 18), minutes=rng.choice([0, 10, 30, 50])
        )
        end = start + timedelta(minutes=rng.choice([30, 45, 50, 60, 90]))
        props = [
            f"DTSTART;TZID=America/Chicago:{stamp(start)}",
            f"DTEND;TZID=America/Chicago:{stamp(end)}",
        ]
        if rng.random() < 0.05:
            props.append("STATUS:CANCELLED")
        elif rng.random() < 0.05:
            props.append("TRANSP:TRANSPARENT")
        else:
            singles.append((start, end))
        event(props)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n", singles


def make_csv(singles: list[tuple[datetime, datetime]]) -> str:
    rows = ["Appointment Date,Start Time,End Time,Client,Status"]
    for i, (start, end) in enumerate(singles):
        rows.append(f"{start:%m/%d/%Y},{start:%I:%M %p},{end:%I:%M %p},Client {i},Scheduled")
    return "\n".join(rows) + "\n"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ics, singles = make_ics()
    with tempfile.TemporaryDirectory() as tmp:
        ics_path = Path(tmp) / "big.ics"
        csv_path = Path(tmp) / "big.csv"
        ics_path.write_text(ics, encoding="utf-8")
        csv_path.write_text(make_csv(singles), encoding="utf-8")

        rows: list[tuple[str, str, float, float]] = []
        for label, path, repeat in (("ics", ics_path, 5), ("csv", csv_path, 5)):

            def cold(path: Path = path) -> object:
                clear_cache()
                return open_source(path)

            rows.append((label, "open_source (parse)", *timed(cold, repeat)))
            rows.append((label, "open_source (cached)", *timed(lambda p=path: open_source(p), 50)))
            source = open_source(path)
            rows.append(
                (
                    label,
                    "sessions_on (one day)",
                    *timed(lambda s=source: s.sessions_on(DAY, TZ), 20),
                )
            )

            def month(s: object = source) -> None:
                for k in range(30):
                    s.sessions_on(DAY + timedelta(days=k), TZ)  # type: ignore[attr-defined]

            rows.append((label, "sessions_on x 30 days", *timed(month, 3)))
            count = len(source.sessions_on(DAY, TZ))
            rows.append((label, f"sessions on {DAY}", float(count), float(count)))

    size_kb = len(ics.encode()) / 1024
    print(
        f"Schedule readers: {EVENTS:,} VEVENTs ({size_kb:,.0f} KiB .ics), "
        f"{len(singles):,} CSV rows, Python {sys.version.split()[0]}"
    )
    print(f"{'format':<7} {'operation':<24} {'median ms':>10} {'worst ms':>10}")
    print("-" * 54)
    for fmt, what, median, worst in rows:
        if what.startswith("sessions on "):
            print(f"{fmt:<7} {what:<24} {int(median):>10}")
        else:
            print(f"{fmt:<7} {what:<24} {median:>10.1f} {worst:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
