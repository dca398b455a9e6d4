"""The day cache's fast path answers exactly as the full ``status`` / ``plan --format json``."""

from __future__ import annotations

import itertools
import json
import marshal
import os
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundtui.cli import run
from groundtui.fastpath.answer import answer

_counter = itertools.count()


def _schedule(folder: Path, sessions: list[tuple[int, int, bool]], label: str = "Client") -> Path:
    lines = []
    for start, minutes, heavy in sessions:
        end = min(start + minutes, 24 * 60 - 1)
        lines += [
            "[[session]]",
            f"start = {start // 60:02d}:{start % 60:02d}:00",
            f"end = {end // 60:02d}:{end % 60:02d}:00",
            f'label = "{label} {start}"',
            f"heavy = {'true' if heavy else 'false'}",
            "",
        ]
    path = folder / f"schedule-{next(_counter)}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _slow(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = run(argv)
    got = capsys.readouterr()
    return code, got.out, got.err


def _fast(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int | None, str, str]:
    code = answer(argv)
    got = capsys.readouterr()
    return code, got.out, got.err


def _log(records: list[tuple[int, str, bool]], plan: dict, zone: ZoneInfo) -> None:  # type: ignore[type-arg]
    from groundtui.log import ResetEntry, open_store

    gaps = plan["gaps"]
    if not gaps:
        return
    with open_store() as store:
        for index, outcome, same in records:
            gap = gaps[index % len(gaps)]
            start = datetime.fromisoformat(gap["start"]).astimezone(zone)
            end = datetime.fromisoformat(gap["end"]).astimezone(zone)
            resets = gap["resets"]
            exercise = resets[0]["exercise"] if resets and same else "some-other-exercise"
            store.record(
                ResetEntry(
                    gap_start=start,
                    gap_end=end,
                    exercise=exercise,
                    kind="breathing",
                    outcome=outcome,
                    started_at=None if outcome == "missed" else start,
                    ended_at=None if outcome == "missed" else end,
                )
            )


ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]
DAYS = ["2026-11-24", "2026-03-29", "2026-11-01"]  # an ordinary day, two DST changes


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sessions=st.lists(
        st.tuples(st.integers(6 * 60, 20 * 60), st.integers(1, 120), st.booleans()), max_size=7
    ),
    times=st.lists(st.integers(0, 24 * 3600 * 1_000_000 - 1), min_size=1, max_size=6),
    nudges=st.lists(st.integers(-90_000_000, 90_000_000), min_size=1, max_size=4),
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(DAYS),
    as_json=st.booleans(),
    records=st.lists(
        st.tuples(
            st.integers(0, 8),
            st.sampled_from(["done", "skipped", "missed", "partial"]),
            st.booleans(),
        ),
        max_size=3,
    ),
)
def test_fast_status_equals_full_status(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sessions: list[tuple[int, int, bool]],
    times: list[int],
    nudges: list[int],
    zone: str,
    day: str,
    as_json: bool,
    records: list[tuple[int, str, bool]],
) -> None:
    tz = ZoneInfo(zone)
    path = _schedule(tmp_path, sessions)
    base = ["--schedule", str(path), "--tz", zone] + (["--format", "json"] if as_json else [])
    midnight = datetime.fromisoformat(day)
    code, plan_out, _ = _slow(
        capsys, ["plan", "--schedule", str(path), "--tz", zone, "--date", day, "--format", "json"]
    )
    assert code == 0
    logged = False
    for k, micro in enumerate(times):
        for nudge in [0, *nudges]:
            wall = midnight + timedelta(microseconds=max(0, micro + nudge))
            now = wall.isoformat() if k % 2 else wall.replace(tzinfo=tz).isoformat()
            argv = ["status", *base, "--now", now]
            fast = _fast(capsys, argv)
            slow = _slow(capsys, argv)
            assert slow[0] == 0
            if fast[0] is not None:
                assert fast == slow, argv
        if not logged:
            _log(records, json.loads(plan_out), tz)
            logged = True


def test_fast_status_answers_once_the_day_is_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _schedule(tmp_path, [(9 * 60, 50, False), (10 * 60, 50, True), (13 * 60, 50, False)])
    argv = ["status", "--schedule", str(path), "--tz", "America/New_York", "--now"]
    for now in ("2026-11-24T08:00", "2026-11-24T09:55", "2026-11-24T09:52", "2026-11-24T12:00"):
        assert _fast(capsys, [*argv, now])[0] is None or now == "2026-11-24T09:52"
        slow = _slow(capsys, [*argv, now])
        assert _fast(capsys, [*argv, now]) == slow
    # later in the same gap, after the notes: answered from the table made at 12:00
    assert _fast(capsys, [*argv, "2026-11-24T12:41:07.250001"]) == _slow(
        capsys, [*argv, "2026-11-24T12:41:07.250001"]
    )


def test_a_changed_input_is_a_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _schedule(tmp_path, [(9 * 60, 50, False)])
    argv = ["status", "--schedule", str(path), "--tz", "UTC", "--now", "2026-11-24T09:10"]
    _slow(capsys, argv)
    assert _fast(capsys, argv)[0] == 0
    path.write_text(path.read_text().replace("09:50:00", "09:40:00"), encoding="utf-8")
    assert _fast(capsys, argv)[0] is None
    _slow(capsys, argv)
    config = Path(os.environ["GROUNDTUI_CONFIG_DIR"]) / "config.toml"
    config.write_text("[planner]\n", encoding="utf-8")
    assert _fast(capsys, argv)[0] is None
    _slow(capsys, argv)
    assert _fast(capsys, argv)[0] == 0
    edits = Path(os.environ["GROUNDTUI_DATA_DIR"]) / "edits" / "2026-11-24.json"
    edits.parent.mkdir(parents=True)
    edits.write_text("[]", encoding="utf-8")
    assert _fast(capsys, argv)[0] is None  # the day's edits are an input too


def test_cache_file_is_private_and_label_free(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _schedule(tmp_path, [(9 * 60, 50, False), (10 * 60, 50, True)], label="Secretname")
    for cmd in (
        ["status", "--now", "2026-11-24T09:55"],
        ["plan", "--date", "2026-11-24", "--format", "json"],
    ):
        _slow(capsys, [*cmd, "--schedule", str(path), "--tz", "UTC"])
    folder = Path(os.environ["GROUNDTUI_CACHE_DIR"]) / "days"
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    raw = files[0].read_bytes()
    assert b"Secretname" not in raw
    data = marshal.loads(raw)
    assert data["days"]["2026-11-24"]["plan"] is not None


def test_labels_and_feeds_never_come_from_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _schedule(tmp_path, [(9 * 60, 50, False)], label="Secretname")
    argv = ["plan", "--schedule", str(path), "--tz", "UTC", "--date", "2026-11-24"]
    _slow(capsys, [*argv, "--format", "json"])
    assert _fast(capsys, [*argv, "--format", "json"])[0] == 0
    assert _fast(capsys, [*argv, "--format", "json", "--show-labels"])[0] is None
    assert _fast(capsys, argv)[0] is None  # the table is Rich's


def test_status_hit_loads_no_heavy_module(tmp_path: Path) -> None:
    import subprocess

    path = _schedule(tmp_path, [(9 * 60, 50, False), (10 * 60, 50, True)])
    argv = ["status", "--schedule", str(path), "--tz", "UTC", "--now", "2026-11-24T09:55"]
    subprocess.run([sys.executable, "-m", "groundtui", *argv], check=True, capture_output=True)
    probe = (
        "import sys; from groundtui.fastpath.answer import answer; "
        f"code = answer({argv!r}); "
        "heavy = [m for m in ('argparse', 'tomllib', 'platformdirs', 'groundtui.planner', "
        "'groundtui.cli', 'json', 'typing', 'hashlib', 're', 'enum', 'collections', "
        "'importlib') if m in sys.modules]; "
        "print(code, heavy, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("0 []")
