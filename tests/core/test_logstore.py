"""The reset log store: outcomes, reading back, validation, summaries."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundtui import paths
from groundtui.log import (
    JSON_KEYS,
    OUTCOMES,
    DaySummary,
    LogRecord,
    LogStore,
    LogSummaryInput,
    ResetEntry,
    daily_totals,
    memory_store,
    open_store,
)

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=NY)


@pytest.fixture
def store() -> LogStore:
    s = open_store()
    yield s
    s.close()


def today(store: LogStore) -> list[LogRecord]:
    return store.records(DAY, DAY)


def test_default_path_is_the_data_dir(store: LogStore) -> None:
    assert store.path == paths.log_db_path()
    assert store.path.exists()
    assert store.warning is None
    assert store.read_only is False


def test_done_path_begin_then_finish(store: LogStore) -> None:
    rid = store.begin(
        ResetEntry(
            gap_start=at(9, 50),
            gap_end=at(10),
            exercise="box-breathing",
            kind="breathing",
            started_at=at(9, 51),
            before=6,
        )
    )
    [running] = today(store)
    assert running.id == rid
    assert running.outcome == "partial"  # 'running' is never shown
    assert running.ended_at is None
    store.finish(rid, outcome="done", ended_at=at(9, 55), after=3)
    [done] = today(store)
    assert done == LogRecord(
        date=DAY,
        gap_start=at(9, 50),
        gap_end=at(10),
        exercise="box-breathing",
        kind="breathing",
        outcome="done",
        started_at=at(9, 51),
        ended_at=at(9, 55),
        before=6,
        after=3,
        id=rid,
    )
    assert done.minutes == 4


def test_partial_path_stopped_early(store: LogStore) -> None:
    rid = store.begin(
        ResetEntry(
            gap_start=at(11),
            gap_end=at(11, 10),
            exercise="body-scan",
            kind="body_scan",
            started_at=at(11, 1),
        )
    )
    store.finish(rid, outcome="partial", ended_at=at(11, 3))
    [rec] = today(store)
    assert (rec.outcome, rec.ended_at, rec.before, rec.after) == ("partial", at(11, 3), None, None)


@pytest.mark.parametrize("outcome", ["skipped", "missed"])
def test_one_shot_outcomes(store: LogStore, outcome: str) -> None:
    rid = store.record(
        ResetEntry(
            gap_start=at(13),
            gap_end=at(13, 15),
            exercise="step-outside",
            kind="step_outside",
            outcome=outcome,
        )
    )
    [rec] = today(store)
    assert rec.id == rid
    assert rec.outcome == outcome
    assert rec.started_at is None and rec.ended_at is None
    assert rec.minutes == 0


def test_every_outcome_round_trips(store: LogStore) -> None:
    for i, outcome in enumerate(OUTCOMES):
        store.record(
            ResetEntry(
                gap_start=at(9 + i),
                gap_end=at(9 + i, 10),
                exercise=f"ex-{i}",
                kind="grounding",
                outcome=outcome,
                started_at=at(9 + i, 1),
                ended_at=at(9 + i, 2),
                before=i,
                after=10,
            )
        )
    assert [r.outcome for r in today(store)] == list(OUTCOMES)


def test_records_are_durable_across_reopen(store: LogStore) -> None:
    store.record(
        ResetEntry(
            gap_start=at(9), gap_end=at(9, 5), exercise="a", kind="breathing", outcome="done"
        )
    )
    store.close()
    with open_store() as again:
        assert [r.exercise for r in today(again)] == ["a"]


def test_records_filter_by_inclusive_date_range(store: LogStore) -> None:
    for offset in range(5):
        day = DAY + timedelta(days=offset)
        store.record(
            ResetEntry(
                gap_start=at(9, day=day),
                gap_end=at(9, 5, day=day),
                exercise=f"d{offset}",
                kind="breathing",
                outcome="missed",
            )
        )
    got = store.records(DAY + timedelta(days=1), DAY + timedelta(days=3))
    assert [r.exercise for r in got] == ["d1", "d2", "d3"]
    assert store.records(DAY + timedelta(days=3), DAY + timedelta(days=1)) == []


def test_date_is_the_local_date_of_the_gap_start(store: LogStore) -> None:
    late = datetime(2026, 11, 24, 23, 50, tzinfo=NY)  # already the 25th in UTC
    store.record(
        ResetEntry(
            gap_start=late,
            gap_end=late + timedelta(minutes=20),
            exercise="a",
            kind="reflection",
            outcome="done",
        )
    )
    [rec] = today(store)
    assert rec.date == DAY
    assert rec.to_json()["gap_start"] == "2026-11-24T23:50:00-05:00"


def test_order_is_gap_start_then_started_at_then_id(store: LogStore) -> None:
    store.record(
        ResetEntry(
            gap_start=at(10),
            gap_end=at(10, 9),
            exercise="second",
            kind="k",
            outcome="done",
            started_at=at(10, 5),
        )
    )
    store.record(
        ResetEntry(
            gap_start=at(10),
            gap_end=at(10, 9),
            exercise="first",
            kind="k",
            outcome="done",
            started_at=at(10, 1),
        )
    )
    store.record(
        ResetEntry(gap_start=at(9), gap_end=at(9, 9), exercise="zeroth", kind="k", outcome="missed")
    )
    assert [r.exercise for r in today(store)] == ["zeroth", "first", "second"]


def test_to_json_has_exactly_the_contract_keys(store: LogStore) -> None:
    store.record(
        ResetEntry(
            gap_start=at(9),
            gap_end=at(9, 10),
            exercise="box-breathing",
            kind="breathing",
            outcome="done",
            started_at=at(9, 1),
            ended_at=at(9, 5),
            before=6,
            after=3,
        )
    )
    data = today(store)[0].to_json()
    assert tuple(data) == JSON_KEYS
    assert data == {
        "date": "2026-11-24",
        "gap_start": "2026-11-24T09:00:00-05:00",
        "gap_end": "2026-11-24T09:10:00-05:00",
        "exercise": "box-breathing",
        "kind": "breathing",
        "outcome": "done",
        "started_at": "2026-11-24T09:01:00-05:00",
        "ended_at": "2026-11-24T09:05:00-05:00",
        "before": 6,
        "after": 3,
    }


def test_in_zone_converts_times_but_keeps_the_date(store: LogStore) -> None:
    store.record(
        ResetEntry(gap_start=at(9), gap_end=at(9, 10), exercise="a", kind="k", outcome="missed")
    )
    rec = today(store)[0].in_zone(ZoneInfo("Europe/Berlin"))
    assert rec.gap_start.isoformat() == "2026-11-24T15:00:00+01:00"
    assert rec.date == DAY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"before": 11}, "before"),
        ({"before": -1}, "before"),
        ({"before": True}, "before"),
        ({"after": 2.5}, "after"),
        ({"gap_start": datetime(2026, 11, 24, 9)}, "gap_start"),
        ({"outcome": "running"}, "outcome"),
        ({"outcome": "failed"}, "outcome"),
        ({"exercise": ""}, "exercise"),
    ],
)
def test_bad_values_are_programming_errors(store: LogStore, change: dict, message: str) -> None:
    kwargs = dict(gap_start=at(9), gap_end=at(9, 10), exercise="a", kind="k", outcome="done")
    kwargs.update(change)
    with pytest.raises(ValueError, match=message):
        store.record(ResetEntry(**kwargs))
    assert today(store) == []


def test_finish_can_fill_in_a_late_before_rating(store: LogStore) -> None:
    kept = store.begin(
        ResetEntry(
            gap_start=at(9), gap_end=at(9, 9), exercise="a", kind="k", started_at=at(9), before=7
        )
    )
    late = store.begin(
        ResetEntry(gap_start=at(10), gap_end=at(10, 9), exercise="b", kind="k", started_at=at(10))
    )
    store.finish(kept, outcome="done", ended_at=at(9, 3), after=4)
    store.finish(late, outcome="done", ended_at=at(10, 3), after=2, before=5)
    assert [(r.before, r.after) for r in today(store)] == [(7, 4), (5, 2)]


def test_finish_rejects_unknown_outcome(store: LogStore) -> None:
    rid = store.begin(
        ResetEntry(gap_start=at(9), gap_end=at(9, 9), exercise="a", kind="k", started_at=at(9))
    )
    with pytest.raises(ValueError):
        store.finish(rid, outcome="running", ended_at=at(9, 2))
    with pytest.raises(ValueError):
        store.finish(rid, outcome="done", ended_at=at(9, 2), after=42)


def test_closed_store_refuses_politely(store: LogStore) -> None:
    store.close()
    store.close()  # idempotent
    with pytest.raises(ValueError, match="closed"):
        store.records(DAY, DAY)


def test_safe_from_many_threads(store: LogStore) -> None:
    def write(n: int) -> None:
        for i in range(25):
            rid = store.begin(
                ResetEntry(
                    gap_start=at(9), gap_end=at(9, 9), exercise=f"t{n}", kind="k", started_at=at(9)
                )
            )
            store.finish(rid, outcome="done", ended_at=at(9, 1 + i % 5))
            store.records(DAY, DAY)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    recs = today(store)
    assert len(recs) == 100
    assert {r.outcome for r in recs} == {"done"}
    assert len({r.id for r in recs}) == 100


def test_memory_store_works_without_a_file() -> None:
    with memory_store() as s:
        rid = s.begin(
            ResetEntry(gap_start=at(9), gap_end=at(9, 9), exercise="a", kind="k", started_at=at(9))
        )
        s.finish(rid, outcome="done", ended_at=at(9, 4))
        assert s.path is None and s.warning is None
        assert [r.outcome for r in s.records(DAY, DAY)] == ["done"]


offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=24 * 60 - 1),
            offsets,
            st.none() | st.integers(min_value=0, max_value=10),
        ),
        max_size=12,
    )
)
def test_any_offsets_read_back_in_instant_order(rows: list) -> None:
    with memory_store() as s:
        written = []
        for minute, tz, rating in rows:
            start = datetime(2026, 11, 24, tzinfo=tz) + timedelta(minutes=minute)
            rid = s.record(
                ResetEntry(
                    gap_start=start,
                    gap_end=start + timedelta(minutes=5),
                    exercise="a",
                    kind="k",
                    outcome="done",
                    before=rating,
                )
            )
            written.append((start, rid, rating))
        got = s.records(date(2026, 11, 23), date(2026, 11, 25))
    assert len(got) == len(rows)
    assert [r.gap_start for r in got] == sorted(r.gap_start for r in got)
    assert {(r.gap_start, r.id, r.before) for r in got} == set(written)
    assert all(r.gap_start.utcoffset() == w[0].utcoffset() for r, w in zip_by_id(got, written))


def zip_by_id(got: list[LogRecord], written: list) -> list:
    by_id = {w[1]: w for w in written}
    return [(r, by_id[r.id]) for r in got]


# --------------------------------------------------------------------------- summaries


def rec(outcome: str, start: int | None, end: int | None, **kw: object) -> LogRecord:
    base = dict(
        date=DAY,
        gap_start=at(9),
        gap_end=at(9, 30),
        exercise="a",
        kind="breathing",
        outcome=outcome,
        started_at=at(9, start) if start is not None else None,
        ended_at=at(9, end) if end is not None else None,
        before=None,
        after=None,
    )
    base.update(kw)
    return LogRecord(**base)


def test_day_summary_counts_minutes_and_line() -> None:
    records = [
        rec("done", 0, 4, before=6, after=3),
        rec("done", 10, 15, before=5, after=4),
        rec("done", 20, 22),
        rec("skipped", None, None),
    ]
    s = DaySummary.of(records, LogSummaryInput(gaps=5, back_to_back_runs=2))
    assert (s.total, s.done, s.partial, s.skipped, s.missed) == (4, 3, 0, 1, 0)
    assert s.minutes == 11
    assert s.line() == "4 resets · 3 done · 1 skipped · 11 min for yourself"
    assert s.parts() == ["4 resets", "3 done", "1 skipped", "11 min for yourself"]
    assert s.rated == 2
    assert s.average_change == pytest.approx(-2.0)
    assert s.checkin_line() == "average activation 5.5 → 3.5 (0–10, 2 rated)"
    assert (s.gaps, s.back_to_back_runs) == (5, 2)


def test_day_summary_words_are_kind() -> None:
    s = DaySummary.of([rec("missed", None, None), rec("partial", 0, None)])
    assert s.line() == "2 resets · 1 partly done · 1 passed by"
    assert s.checkin_line() is None
    assert s.gaps is None
    empty = DaySummary.of([])
    assert empty.line() == "0 resets"
    assert empty.count("nonsense") == 0


def test_daily_totals_fills_empty_days() -> None:
    records = [
        rec("done", 0, 4),
        rec("missed", None, None),
        dataclasses.replace(rec("done", 0, 2), date=DAY + timedelta(days=2)),
    ]
    totals = daily_totals(records, DAY - timedelta(days=1), DAY + timedelta(days=2))
    assert [(t.date.day, t.offered, t.taken, t.minutes) for t in totals] == [
        (23, 0, 0, 0),
        (24, 2, 1, 4),
        (25, 0, 0, 0),
        (26, 1, 1, 2),
    ]


def test_store_path_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "log.sqlite3"
    with open_store(path) as s:
        assert s.path == path and s.warning is None
    assert path.exists()


def test_the_log_is_core_no_textual_or_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys, groundtui.log, groundtui.log.open, groundtui.log.queue\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_repeated_dst_hour_reads_back_in_real_order(store: LogStore) -> None:
    """On 1 Nov 2026 New York's 01:00–02:00 happens twice; wall-clock text order is wrong."""
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NY)  # EDT, -04:00
    second = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NY)  # EST, -05:00, 40 min later
    assert first.utcoffset() != second.utcoffset()
    assert first.astimezone(UTC) < second.astimezone(UTC)
    for start, name in ((second, "second"), (first, "first")):
        store.record(
            ResetEntry(
                gap_start=start,
                gap_end=start + timedelta(minutes=5),
                exercise=name,
                kind="k",
                outcome="missed",
            )
        )
    got = store.records(date(2026, 11, 1), date(2026, 11, 1))
    assert [r.exercise for r in got] == ["first", "second"]
    assert got[1].to_json()["gap_start"] == "2026-11-01T01:10:00-05:00"


def test_same_instant_in_two_offsets_orders_by_start_then_id(store: LogStore) -> None:
    utc_start = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    for name, started in (("late", 20), ("none", None), ("early", 5)):
        start = utc_start.astimezone(NY) if name == "early" else utc_start
        store.record(
            ResetEntry(
                gap_start=start,
                gap_end=start + timedelta(minutes=30),
                exercise=name,
                kind="k",
                outcome="done" if started else "missed",
                started_at=utc_start + timedelta(minutes=started) if started else None,
            )
        )
    assert [r.exercise for r in today(store)] == ["none", "early", "late"]
