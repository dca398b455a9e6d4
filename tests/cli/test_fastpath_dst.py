"""The cached status line on days when the clocks change: a naive ``--now`` in a skipped hour
that runs past midnight, and session times in the hour that is skipped or comes twice. The
cached answer must be the full command's, and the full command must compare instants."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.cli import run
from groundtui.fastpath.answer import answer

_counter = itertools.count()


def _schedule(folder: Path, sessions: list[tuple[str, str]]) -> Path:
    lines: list[str] = []
    for start, end in sessions:
        lines += ["[[session]]", f"start = {start}", f"end = {end}", 'label = "Client"', ""]
    path = folder / f"schedule-{next(_counter)}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _both(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[object, object]:
    fast = answer(argv), *capsys.readouterr()
    slow = run(argv), *capsys.readouterr()
    return fast, slow


def test_a_naive_now_in_a_skipped_hour_before_midnight_is_that_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """America/Nuuk, 2026-03-28: 23:00 -02 becomes 00:00 -01. A naive 23:30 (fold 0: the
    offset before) is an instant of the 29th, but the full status answers for the 28th."""
    path = _schedule(tmp_path, [("09:00:00", "10:00:00"), ("11:00:00", "12:00:00")])
    base = ["status", "--schedule", str(path), "--tz", "America/Nuuk", "--now"]
    for warm in ("2026-03-29T08:00", "2026-03-28T08:00"):
        run([*base, warm])
    capsys.readouterr()
    for now in ("2026-03-28T23:30", "2026-03-28T23:00", "2026-03-28T23:59:59.999999"):
        fast, slow = _both(capsys, [*base, now])
        assert slow[0] == 0
        if fast[0] is not None:
            assert fast == slow, now


CASES = [
    # (zone, day, sessions): sessions that start or end in the hour skipped or repeated
    ("Europe/Dublin", "2026-10-25", [("00:00:00", "01:40:00"), ("02:35:00", "03:30:00")]),
    ("Europe/Dublin", "2026-03-29", [("00:35:00", "02:05:00"), ("04:15:00", "06:10:00")]),
    ("Australia/Lord_Howe", "2026-10-04", [("01:30:00", "02:20:00"), ("03:30:00", "04:50:00")]),
    ("Australia/Lord_Howe", "2026-04-05", [("01:00:00", "01:50:00"), ("02:30:00", "03:00:00")]),
    ("America/New_York", "2026-11-01", [("00:30:00", "01:20:00"), ("01:45:00", "02:30:00")]),
    ("America/New_York", "2026-03-08", [("02:10:00", "03:10:00"), ("04:00:00", "05:00:00")]),
    ("America/Santiago", "2026-04-05", [("00:10:00", "00:40:00"), ("01:30:00", "02:00:00")]),
    ("America/Havana", "2026-11-01", [("00:20:00", "00:50:00"), ("01:10:00", "02:00:00")]),
]


@pytest.mark.parametrize(("zone", "day", "sessions"), CASES)
def test_fast_equals_full_around_the_change(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    zone: str,
    day: str,
    sessions: list[tuple[str, str]],
) -> None:
    tz = ZoneInfo(zone)
    path = _schedule(tmp_path, sessions)
    midnight = datetime.fromisoformat(day)
    nows: list[str] = []
    for minute in range(0, 7 * 60, 13):
        wall = midnight + timedelta(minutes=minute)
        nows += [
            wall.isoformat(),
            wall.replace(tzinfo=tz).isoformat(),
            wall.replace(tzinfo=tz, fold=1).isoformat(),
        ]
    for fmt in ([], ["--format", "json"]):
        base = ["status", "--schedule", str(path), "--tz", zone, *fmt, "--now"]
        for now in nows[::5]:
            run([*base, now])
        capsys.readouterr()
        for now in nows:
            fast, slow = _both(capsys, [*base, now])
            assert slow[0] == 0
            if fast[0] is not None:
                assert fast == slow, now


def test_a_row_logged_in_a_gap_ending_in_the_repeated_hour_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """New York, 2026-11-01: the gap ends at 01:50 EDT (the first 01:50). A row logged for it
    is matched by the full status as by the cached one (instants, not ``==`` across zones)."""
    import json

    from groundtui.log import ResetEntry, open_store

    zone = "America/New_York"
    path = _schedule(tmp_path, [("00:30:00", "01:20:00"), ("01:50:00", "02:30:00")])
    run(["plan", "--schedule", str(path), "--tz", zone, "--date", "2026-11-01", "--format", "json"])
    gap = json.loads(capsys.readouterr().out)["gaps"][0]
    start, end = (datetime.fromisoformat(gap[k]) for k in ("start", "end"))
    with open_store() as store:
        store.record(
            ResetEntry(
                gap_start=start,
                gap_end=end,
                exercise=gap["resets"][0]["exercise"],
                kind="breathing",
                outcome="skipped",
                ended_at=start,
            )
        )
    base = ["status", "--schedule", str(path), "--tz", zone, "--format", "json", "--now"]
    for now in ("2026-11-01T01:35:00-04:00", "2026-11-01T01:25:00-04:00"):
        run([*base, now])
        capsys.readouterr()
        fast, slow = _both(capsys, [*base, now])
        assert fast[0] == 0
        assert fast == slow, now
